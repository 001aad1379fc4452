"""Small text helpers shared by the knowledge loaders: slugs, ids, whitespace, code fences."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
"""Document and section ids: lowercase ASCII, digits, '-' and '_' (':' and '#' join ids)."""

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_WHITESPACE = re.compile(r"\s+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def slugify(text: str) -> str:
    """Lowercase ASCII slug of ``text`` ('Cost – Basis' -> 'cost-basis'); may be empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")


def collapse_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip both ends."""
    return _WHITESPACE.sub(" ", text).strip()


def fenced_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (fence lines included)."""
    inside: list[bool] = []
    fence = ""
    for line in lines:
        match = _FENCE.match(line)
        if fence:
            inside.append(True)
            closing = line.strip()
            if match and closing == fence[0] * len(closing) and len(closing) >= len(fence):
                fence = ""
        elif match:
            fence = match.group(1)
            inside.append(True)
        else:
            inside.append(False)
    return inside
