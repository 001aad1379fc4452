"""Forgiving parsers for single scenario values (durations, yes/no, levels, company, talent)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TypeVar

from bot.errors import InputError

MIN_MONTHS = 1
MAX_MONTHS = 240

_NUMBER = r"\d+(?:\.\d+)?"
_YEARS = r"y|yr|yrs|year|years"
_MONTHS = r"m|mo|mos|mth|mths|month|months"
_DURATION = re.compile(
    rf"^(?:(?P<years>{_NUMBER})\s*(?:{_YEARS}))?\s*(?:and\s*)?"
    rf"(?:(?P<months>{_NUMBER})\s*(?:{_MONTHS})?)?$"
)

_BOOLS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}
_COMPANIES = {
    "non-it": "non_it",
    "non_it": "non_it",
    "nonit": "non_it",
    "tech": "tech",
    "it": "tech",
}
_LEVELS = {"low": "low", "med": "medium", "medium": "medium", "high": "high"}
_TALENT = {"scarce": "scarce", "available": "available"}

_V = TypeVar("_V")


# Any duration past this many months is reported as out of range without its month count.
_ABSURD_MONTHS = 10**6


def months_from_units(*, years: float = 0.0, months: float = 0.0) -> int:
    """Years and months as a whole number of months, halves rounded up (1.3 years -> 16).

    Numbers too large for a float (a 310-digit "duration") come back as ``_ABSURD_MONTHS``.
    """
    total = years * 12 + months + 0.5
    return math.floor(total) if total < _ABSURD_MONTHS else _ABSURD_MONTHS


def parse_duration(raw: str, *, field: str = "duration_months") -> int:
    """Parse a duration such as ``18``, ``18m``, ``18 months``, ``1.5y``, ``2 years`` or ``1y6m``.

    A bare number is months.

    Args:
        raw: The value as typed.
        field: The field name used in error messages.

    Returns:
        The duration in whole months, 1 to 240.

    Raises:
        InputError: The value is not a duration, or is outside 1 to 240 months.
    """
    text = raw.strip().lower()
    match = _DURATION.match(text)
    if not text or match is None or not (match["years"] or match["months"]):
        msg = (
            f'{field}: "{raw}" is not a duration; use months or years, '
            f"e.g. 18, 18m, 18 months, 1.5y, 2 years, 1y6m ({MIN_MONTHS} to {MAX_MONTHS} months)"
        )
        raise InputError(msg, field=field)
    months = months_from_units(years=float(match["years"] or 0), months=float(match["months"] or 0))
    if months >= _ABSURD_MONTHS:
        msg = f"{field}: that duration is outside {MIN_MONTHS} to {MAX_MONTHS} months"
        raise InputError(msg, field=field)
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        msg = f'{field}: "{raw}" is {months} months, outside {MIN_MONTHS} to {MAX_MONTHS} months'
        raise InputError(msg, field=field)
    return months


def parse_bool(raw: str, *, field: str = "core") -> bool:
    """Parse yes/no, true/false, y/n or 1/0 (any case).

    Raises:
        InputError: Any other value.
    """
    return _choose(raw, _BOOLS, field=field, allowed="yes, no (or true/false, y/n, 1/0)")


def parse_company(raw: str, *, field: str = "company") -> str:
    """Parse non-it / non_it / nonit / tech / it (any case) into ``non_it`` or ``tech``.

    Raises:
        InputError: Any other value.
    """
    return _choose(raw, _COMPANIES, field=field, allowed="non-it, tech")


def parse_level(raw: str, *, field: str) -> str:
    """Parse low / med / medium / high (any case) into ``low``, ``medium`` or ``high``.

    Raises:
        InputError: Any other value.
    """
    return _choose(raw, _LEVELS, field=field, allowed="low, medium, high")


def parse_talent(raw: str, *, field: str = "local_talent") -> str:
    """Parse scarce / available (any case).

    Raises:
        InputError: Any other value.
    """
    return _choose(raw, _TALENT, field=field, allowed="scarce, available")


def _choose(raw: str, table: Mapping[str, _V], *, field: str, allowed: str) -> _V:
    """The table's value for ``raw`` trimmed and lower-cased, inner spaces as ``-`` ("non it").

    Only _COMPANIES has keys with a dash; in the other tables a value with inner spaces matches
    nothing either way.
    """
    value = table.get(re.sub(r"\s+", "-", raw.strip().lower()))
    if value is None:
        msg = f'{field}: "{raw}" is not one of {allowed}'
        raise InputError(msg, field=field)
    return value
