"""Forgiving parsers for single scenario values (durations, yes/no, levels, company, talent)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import TypeVar

from bot.errors import InputError
from bot.models import MAX_MONTHS, MIN_MONTHS

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


_MAX_DIGITS = 6
"""Whole-number digits beyond which an amount is only known to be far out of range."""
_SHOWN_CHARS = 24
"""How much of an over-long value an error message repeats."""


def amount(text: str) -> Fraction | None:
    """A decimal number such as ``18`` or ``1.5`` exactly, or None when it has more than six
    whole-number digits (far beyond any duration; Python would refuse a 5000-digit int)."""
    whole, _, fraction = text.partition(".")
    if len(whole.lstrip("0")) > _MAX_DIGITS:
        return None
    return Fraction(f"{whole or '0'}.{fraction[:_MAX_DIGITS] or '0'}")


def months_from_units(*, years: Fraction | float = 0, months: Fraction | float = 0) -> int:
    """Years and months as a whole number of months, halves rounded up (1.3 years -> 16)."""
    return math.floor(Fraction(years) * 12 + Fraction(months) + Fraction(1, 2))


def shown(raw: str) -> str:
    """A value as an error message repeats it: cut to 24 characters with an ellipsis."""
    return raw if len(raw) <= _SHOWN_CHARS else f"{raw[:_SHOWN_CHARS]}…"


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
            f'{field}: "{shown(raw)}" is not a duration; use months or years, '
            f"e.g. 18, 18m, 18 months, 1.5y, 2 years, 1y6m ({MIN_MONTHS} to {MAX_MONTHS} months)"
        )
        raise InputError(msg, field=field)
    years, months = amount(match["years"] or "0"), amount(match["months"] or "0")
    if years is None or months is None:
        msg = f'{field}: "{shown(raw)}" is outside {MIN_MONTHS} to {MAX_MONTHS} months'
        raise InputError(msg, field=field)
    exact = Fraction(years) * 12 + Fraction(months)
    if 0 < exact < MIN_MONTHS:  # "0.5" is not rounded up to the shortest project length
        limits = f"give {MIN_MONTHS} to {MAX_MONTHS} months"
        msg = f'{field}: "{shown(raw)}" is less than {MIN_MONTHS} month; {limits}'
        raise InputError(msg, field=field)
    total = months_from_units(years=years, months=months)
    if not MIN_MONTHS <= total <= MAX_MONTHS:
        limits = f"outside {MIN_MONTHS} to {MAX_MONTHS} months"
        msg = f'{field}: "{shown(raw)}" is {total} months, {limits}'
        raise InputError(msg, field=field)
    return total


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
        msg = f'{field}: "{shown(raw)}" is not one of {allowed}'
        raise InputError(msg, field=field)
    return value
