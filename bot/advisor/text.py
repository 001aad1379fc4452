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
    out = []
    for word in _WORD.findall(text.lower()):
        base = word.replace("’", "'").split("'")[0]
        if len(base) > 1 and base not in STOPWORDS:
            stemmed = stem(base)
            if stemmed not in STOPWORDS:
                out.append(stemmed)
    return out


def term_set(text: str) -> frozenset[str]:
    """The set of content terms of a text."""
    return frozenset(terms(text))


# Words that carry no topic of their own in a question ("give", "best", "idea").
GENERIC = frozenset(
    stem(w)
    for w in """give gives best good better worse bad idea ideas make makes made use used using
    like look looks sure right kind sort lot lots typical typically usual usually common commonly
    someone somebody people company companies business businesses firm firms organisation
    organization question answer explain explanation difference differences different compare
    mean means meaning define definition example examples work works working case cases
    app apps application applications product products platform platforms system systems tool
    tools thing stuff getting keep keeping build building built""".split()
)


def salient_unknown(text: str, vocabulary: frozenset[str]) -> list[str]:
    """Content terms of ``text`` that the knowledge base never uses (5-letter prefix match)."""
    prefixes = {t[:5] for t in vocabulary}
    return [
        t
        for t in dict.fromkeys(terms(text))
        if t not in GENERIC and t not in vocabulary and t[:5] not in prefixes
    ]


def overlap(query_terms: Iterable[str], text: str) -> int:
    """How many distinct query terms occur in the text."""
    return len(frozenset(query_terms) & term_set(text))


def split_sentences(text: str) -> list[str]:
    """Split a passage into sentences, keeping each sentence's exact wording."""
    flat = normalise_space(text)
    if not flat:
        return []
    return [s for s in _SENTENCE_END.split(flat) if s]
