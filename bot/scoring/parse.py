"""Parse scenarios from ``key=value`` arguments and from free text."""

from __future__ import annotations

import re

from bot.errors import InputError
from bot.models import Scenario
from bot.scoring._values import shown
from bot.scoring.fields import ALIASES, field_for, parse_scenario_values
from bot.scoring.text import parse_scenario_text

__all__ = ["ALIASES", "parse_scenario_args", "parse_scenario_text", "parse_scenario_values"]

_EQUALS = re.compile(r"\s*=\s*")
_SEPARATORS = re.compile(r"[\s,;]+")


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
                    f'"{shown(token)}" is not a key=value pair; '
                    "use e.g. duration=18 core=no company=tech"
                )
                raise InputError(msg)
            raw_values[current] = f"{raw_values[current]} {token}".strip()
            continue
        key, _, value = token.partition("=")
        field = field_for(key)
        if field in raw_values:
            msg = f"{field}: given more than once; give each field once"
            raise InputError(msg, field=field)
        raw_values[field] = value
        current = field
    return parse_scenario_values(raw_values)
