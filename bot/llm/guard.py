"""The grounding guard: accept LLM text only if every claim traces to the given citations."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.models import Citation

_CITE = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def check_grounded(text: str, citations: Sequence[Citation]) -> list[str]:
    """Problems that make ``text`` less grounded than its citations; empty means accepted.

    Every sentence must carry a citation that exists, and every number a sentence states must
    appear in one of the quotes it cites.
    """
    by_n = {c.n: c for c in citations}
    problems: list[str] = []
    sentences = [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]
    if not sentences:
        return ["empty output"]
    for sentence in sentences:
        cited = [int(n) for n in _CITE.findall(sentence)]
        if not cited:
            problems.append(f"uncited sentence: {sentence[:60]!r}")
            continue
        unknown = [n for n in cited if n not in by_n]
        if unknown:
            problems.append(f"cites unknown source(s) {unknown}")
            continue
        quotes = " ".join(by_n[n].source.quote for n in cited)
        for number in _NUMBER.findall(_CITE.sub("", sentence)):
            if number not in quotes:
                problems.append(f"number {number} not in cited quotes")
    return problems


def strip_citations(text: str) -> tuple[str, tuple[int, ...]]:
    """Split ``[n]`` markers off model text: the text without them and the numbers, in order."""
    numbers = tuple(dict.fromkeys(int(n) for n in _CITE.findall(text)))
    plain = " ".join(_CITE.sub("", text).split())
    return plain.replace(" .", ".").replace(" ,", ","), numbers
