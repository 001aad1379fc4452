"""``key=value`` pairs typed inside a question, read with the one scenario grammar."""

from __future__ import annotations

import re

from bot.errors import InputError
from bot.scoring.fields import QUOTES, known_field, parse_field

# A key=value pair in prose; the key must not continue a URL or path ("?budget=low").
_PAIR = re.compile(
    r"(?<![\w/?&=.#%+-])(?P<key>[A-Za-z][\w-]*)\s*=\s*"
    r"(?P<value>\"[^\"]*\"|'[^']*'|[^\s,;=]+)"
)
_MAX_VALUE_WORDS = 4
"""A value in prose may run on for this many more words ("duration=1 year 6 months")."""


def extract_pairs(text: str) -> tuple[str, dict[str, str]]:
    """The text with its ``key=value`` pairs blanked out, and their raw values by field.

    Only keys naming a scenario field count. An unquoted value takes as many of the following
    words (up to four, stopping at another pair) as still parse for its field, so "duration=18
    months and core=no" reads "18 months"; a value that does not parse is kept as typed so the
    field's parser names the problem.

    Raises:
        InputError: The same field is given twice.
    """
    values: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for match in _PAIR.finditer(text):
        field = known_field(match["key"])
        if field is None:
            continue
        value, end = match["value"], match.end()
        if value[0] not in QUOTES:
            value = value.rstrip(".!?)")
            end = match.start("value") + len(value)
            value, end = _run_on(field, value, text, end)
        if field in values:
            msg = f"{field}: given more than once; give each field once"
            raise InputError(msg, field=field)
        values[field] = value
        spans.append((match.start(), end))
    for start, end in reversed(spans):
        text = f"{text[:start]} {text[end:]}"
    return text, values


def _run_on(field: str, value: str, text: str, end: int) -> tuple[str, int]:
    """Extend ``value`` with following words while the longer value still parses.

    Stops at another pair, after a word ending in punctuation, or after four words.
    """
    best, best_end, taken = value, end, value
    for word in list(re.finditer(r"\S+", text[end:]))[:_MAX_VALUE_WORDS]:
        token = word[0]
        if "=" in token:
            break
        bare = token.rstrip(".,;:!?)")
        taken = f"{taken} {bare}"
        try:
            parse_field(field, taken)
        except InputError:
            pass
        else:
            best, best_end = taken, end + word.start() + len(bare)
        if bare != token:
            break
    return best, best_end
