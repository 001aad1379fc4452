"""Parse scenarios from ``key=value`` arguments and from free text."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.errors import InputError
from bot.models import SCENARIO_FIELDS, Scenario
from bot.scoring._values import (
    parse_bool,
    parse_company,
    parse_duration,
    parse_level,
    parse_talent,
)
from bot.scoring.text import parse_scenario_text

__all__ = ["ALIASES", "parse_scenario_args", "parse_scenario_text"]

ALIASES: dict[str, str] = {
    "duration": "duration_months",
    "months": "duration_months",
    "company_type": "company",
    "upfront": "upfront_investment",
    "change": "change_rate",
    "talent": "local_talent",
}
"""Short key names accepted besides the Scenario field names."""

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

_EQUALS = re.compile(r"\s*=\s*")
_SEPARATORS = re.compile(r"[\s,;]+")
_QUOTES = "\"'“”‘’"


def parse_scenario_args(text: str) -> Scenario:
    """Parse ``key=value`` pairs, e.g. ``duration=18m core=no company=tech budget=high``.

    Keys are Scenario field names or the aliases in ``ALIASES`` (any case, ``-`` or ``_``).
    A value may span several words (``duration=1 year 6 months``) and may be quoted; pairs may
    be separated by spaces, commas or semicolons. Only the keys given are set on the Scenario,
    so the evaluation lists the others as assumed. Empty text gives a Scenario of defaults.

    Args:
        text: The arguments as typed after ``/sourcing evaluate`` or on the command line.

    Returns:
        The scenario with exactly the given fields set.

    Raises:
        InputError: An unknown or repeated key, a word that is not part of a ``key=value`` pair,
            or a value that is not allowed; the one-line message names the field and the
            allowed values, and ``field`` is set to the field (or the unknown key).
    """
    raw_values: dict[str, str] = {}
    current: str | None = None
    for token in _SEPARATORS.split(_EQUALS.sub("=", text.strip())):
        if not token:
            continue
        if "=" not in token:
            if current is None:
                msg = (
                    f'"{token}" is not a key=value pair; use e.g. duration=18 core=no company=tech'
                )
                raise InputError(msg)
            raw_values[current] = f"{raw_values[current]} {token}".strip()
            continue
        key, _, value = token.partition("=")
        field = _field_for(key)
        if field in raw_values:
            msg = f"{field}: given more than once; give each field once"
            raise InputError(msg, field=field)
        raw_values[field] = value
        current = field
    values = {
        field: _PARSERS[field](raw.strip(_QUOTES).strip()) for field, raw in raw_values.items()
    }
    return Scenario.model_validate(values)


def _field_for(key: str) -> str:
    name = key.strip(_QUOTES).lower().replace("-", "_")
    if name in SCENARIO_FIELDS:
        return name
    if name in ALIASES:
        return ALIASES[name]
    names = ", ".join(_with_aliases(field) for field in SCENARIO_FIELDS)
    msg = f'"{key}" is not a scenario field; use one of {names}'
    raise InputError(msg, field=key)


def _with_aliases(field: str) -> str:
    aliases = [alias for alias, target in ALIASES.items() if target == field]
    return f"{field} ({', '.join(aliases)})" if aliases else field
