"""Small text utilities for routing and extractive composition: terms, sentences, overlap."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9]+(?:[’'][a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“\"(])")

STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before being
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just let me more most my
    no nor not now of off on once only or other our ours out over own same she should so some such
    than that the their theirs them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    us get got go going want wants need needs tell know think thing things really much many
    please thanks thank hi hello hey bot ok okay something anything way ways one""".split()
)


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def stem(word: str) -> str:
    """A deliberately crude stemmer: enough to match outsource/outsourcing/outsourced."""
    word = word.replace("’", "'").split("'")[0]
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:7]


def terms(text: str) -> list[str]:
    """Content terms of a text: lower-cased, stop words dropped, stemmed, in order."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def term_set(text: str) -> frozenset[str]:
    """The set of content terms of a text."""
    return frozenset(terms(text))


def overlap(query_terms: Iterable[str], text: str) -> int:
    """How many distinct query terms occur in the text."""
    return len(frozenset(query_terms) & term_set(text))


def split_sentences(text: str) -> list[str]:
    """Split a passage into sentences, keeping each sentence's exact wording."""
    flat = normalise_space(text)
    if not flat:
        return []
    return [s for s in _SENTENCE_END.split(flat) if s]
