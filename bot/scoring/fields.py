"""The one scenario grammar: field names and aliases, one value parser per field, one set of limits.

Every entry point reads scenario values through here: ``/sourcing evaluate key=value``, the
modal, the CLI flags, and ``key=value`` pairs typed inside a question.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.errors import InputError
from bot.models import SCENARIO_FIELDS, Scenario
from bot.scoring._values import (
    parse_bool,
    parse_company,
    parse_duration,
    parse_level,
    parse_talent,
    shown,
)

ALIASES: dict[str, str] = {
    "duration": "duration_months",
    "months": "duration_months",
    "company_type": "company",
    "upfront": "upfront_investment",
    "change": "change_rate",
    "talent": "local_talent",
}
"""Short key names accepted besides the Scenario field names."""

QUOTES = "\"'“”‘’"
"""Quote characters a value may be wrapped in."""

_PARSERS: dict[str, Callable[[str], object]] = {
    "duration_months": lambda raw: parse_duration(raw, field="duration_months"),
    "core": lambda raw: parse_bool(raw, field="core"),
    "company": lambda raw: parse_company(raw, field="company"),
    "budget": lambda raw: parse_level(raw, field="budget"),
    "control": lambda raw: parse_level(raw, field="control"),
    "upfront_investment": lambda raw: parse_level(raw, field="upfront_investment"),
    "change_rate": lambda raw: parse_level(raw, field="change_rate"),
    "local_talent": lambda raw: parse_talent(raw, field="local_talent"),
}


def known_field(key: str) -> str | None:
    """The Scenario field a key names (field name or alias, any case, ``-`` or ``_``), or None."""
    name = key.strip(QUOTES).lower().replace("-", "_")
    if name in SCENARIO_FIELDS:
        return name
    return ALIASES.get(name)


def field_for(key: str) -> str:
    """The Scenario field a key names.

    Raises:
        InputError: The key is no field or alias; the message lists them.
    """
    field = known_field(key)
    if field is None:
        names = ", ".join(_with_aliases(f) for f in SCENARIO_FIELDS)
        msg = f'"{shown(key)}" is not a scenario field; use one of {names}'
        raise InputError(msg, field=key)
    return field


def parse_field(field: str, raw: str) -> object:
    """Parse one value of a Scenario field (quotes and outer spaces ignored).

    Raises:
        InputError: The value is not allowed; the message names the field and the choices.
    """
    return _PARSERS[field](raw.strip().strip(QUOTES).strip())


def parse_scenario_values(values: Mapping[str, str]) -> Scenario:
    """A Scenario with exactly the given fields set, each value parsed by the field's parser.

    Args:
        values: Raw values keyed by field name or alias, e.g. ``{"duration": "18m"}``.

    Returns:
        The scenario; fields not given are left unset (the evaluation lists them as assumed).

    Raises:
        InputError: An unknown key, a field given twice (under two names) or a bad value.
    """
    parsed: dict[str, object] = {}
    for key, raw in values.items():
        field = field_for(key)
        if field in parsed:
            msg = f"{field}: given more than once; give each field once"
            raise InputError(msg, field=field)
        parsed[field] = parse_field(field, raw)
    return Scenario.model_validate(parsed)


def _with_aliases(field: str) -> str:
    aliases = [alias for alias, target in ALIASES.items() if target == field]
    return f"{field} ({', '.join(aliases)})" if aliases else field
