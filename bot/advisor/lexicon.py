"""The vocabulary compiled for matching: domain words, synonym concepts, term weights."""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from bot.advisor.spelling import COMMON_ZIPF, Speller, words_of
from bot.models import Chunk, Vocabulary
from bot.text import (
    STOPWORDS,
    common_words,
    quoted_phrase,
    split_sentences,
    stem,
    stems,
    terms,
    words,
)

logger = logging.getLogger(__name__)

CONCEPT_MARK = "~"
"""Concept tokens are ``~<group index>``; they never collide with a stemmed word."""
_UNITS = frozenset(
    {"day", "week", "month", "year", "hour", "dev", "develop", "engin", "peopl", "person",
     "employe", "member"}
)  # fmt: skip
"""Stems of the units a number counts in a question (days to years, people)."""


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = sorted({re.escape(p.lower()) for p in phrases if p.strip()}, key=len)
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(reversed(alternatives)) + r")(?:s|es)?\b", re.IGNORECASE)


SKIP = "..."
"""In a gap entry, stands for up to ``MAX_SKIPPED`` words (stop words not counted): "recommend
... vendors" names "can you recommend 3 reliable outsourcing vendors?". An entry with a skip
matches words as written, not their stems: "recommend ... vendors" does not name "would you
recommend a vendor or an in-house team?", a choice between strategies."""
MAX_SKIPPED = 4


def gap_entry(phrase: str) -> tuple[str, ...]:
    """A gap entry's terms in order: stems (``bot.text.terms``), or, for an entry with a
    ``SKIP``, its words as written with ``SKIP`` between them ("recommend ... vendors" ->
    ("recommend", "...", "vendors"))."""
    if SKIP not in phrase:
        return tuple(terms(phrase))
    out: list[str] = []
    for i, part in enumerate(phrase.split(SKIP)):
        if i:
            out.append(SKIP)
        out.extend(_content_words(part))
    return tuple(out)


def _content_words(text: str) -> list[str]:
    """Lower-cased words minus stop words, as written (what an entry with a SKIP matches)."""
    return [w for w in words(text) if w not in STOPWORDS]


def _match_at(haystack: Sequence[str], at: int, needle: Sequence[str]) -> bool:
    """Whether the needle's terms start at ``haystack[at]`` (``SKIP`` skipping 0 to
    ``MAX_SKIPPED`` terms)."""
    if not needle:
        return True
    if needle[0] == SKIP:
        return any(_match_at(haystack, at + k, needle[1:]) for k in range(MAX_SKIPPED + 1))
    return (
        at < len(haystack) and haystack[at] == needle[0] and _match_at(haystack, at + 1, needle[1:])
    )


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    if n == 1:
        return needle[0] in haystack
    if SKIP not in needle:
        return any(
            tuple(haystack[i : i + n]) == tuple(needle) for i in range(len(haystack) - n + 1)
        )
    return any(_match_at(haystack, i, needle) for i in range(len(haystack)))


class LexiconStats(BaseModel):
    """What the lexicon learns from the knowledge base's text for one vocabulary: the
    expensive part of `Lexicon.build` (every sentence tokenised), saved to skip it next time.

    Attributes:
        known: Every term the knowledge base uses, sorted.
        idf: Inverse document frequency of terms and concept tokens (see `Lexicon.idf`).
    """

    model_config = ConfigDict(frozen=True, strict=True, allow_inf_nan=False)

    known: tuple[str, ...]
    idf: dict[str, float]
    gaps_said: tuple[str, ...] = ()
    """The vocabulary's gap entries (stems joined by spaces) that a sentence says."""
    words: tuple[str, ...] = ()
    """Every word of the knowledge base's text (lower case, sorted): what a misspelt word of a
    question is corrected to."""


@dataclass(frozen=True, eq=False)
class Lexicon:
    """What the advisor knows about words, built once at start-up.

    Attributes:
        domain: Stemmed domain words (a message using one is on topic).
        generic: Stemmed words with no topic of their own.
        groups: Per synonym group, the stemmed term tuple of each entry.
        canonical: Per synonym group, the knowledge base's own wording (its first entry).
        known: Every term the knowledge base uses.
        idf: Inverse document frequency of terms and concept tokens over the knowledge
            base's sentences and table rows (log((N + 1) / (df + 0.5))).
    """

    domain: frozenset[str]
    generic: frozenset[str]
    groups: tuple[tuple[tuple[str, ...], ...], ...]
    canonical: tuple[str, ...]
    known: frozenset[str]
    idf: dict[str, float] = field(repr=False)
    off_topic: re.Pattern[str] | None = field(default=None, repr=False)
    framing: re.Pattern[str] | None = field(default=None, repr=False)
    transitions: re.Pattern[str] | None = field(default=None, repr=False)
    starts: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = field(
        default_factory=dict, repr=False
    )
    """Synonym entries by their first term: (group index, entry terms), for one pass per text."""
    domain_runs: tuple[tuple[str, ...], ...] = field(default=(), repr=False)
    """Unquoted domain entries of several terms ("third party", "dev shop"): their terms in
    order. Only the run puts a message on topic, not one of its words ("12 shop assistants",
    "the party on Friday")."""
    run_only: frozenset[str] = field(default=frozenset(), repr=False)
    """Terms only a domain run holds ("shop", "parti"): alone, they put nothing on topic."""
    domain_phrases: tuple[tuple[str, ...], ...] = field(default=(), repr=False)
    """Quoted domain entries ('"the table"'): the stems of every word, stop words kept. Only
    the phrase puts a message on topic: "my postgres table" names no table of the article."""
    phrase_starts: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = field(
        default_factory=dict, repr=False
    )
    """Quoted synonym entries ('"what changed"') by their first stem: (group index, the stems
    of every word, stop words kept), matched against a text's `bot.text.stems`."""
    grouped: frozenset[str] = field(default=frozenset(), repr=False)
    """Every term of every synonym entry."""
    max_idf: float = field(default=1.0, repr=False)
    """The weight of a token the knowledge base never uses."""
    gaps: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = field(default=(), repr=False)
    """Per topic the knowledge base does not cover: its label and the stemmed terms of each
    entry still absent from the knowledge base."""
    gaps_said: tuple[str, ...] = field(default=(), repr=False)
    """The gap entries a sentence of the knowledge base says (stems joined by spaces)."""
    words: tuple[str, ...] = field(default=(), repr=False)
    """Every word of the knowledge base's text (see `LexiconStats.words`)."""
    speller: Speller = field(default_factory=lambda: Speller(frozenset()), repr=False)
    """Corrects a question's misspelt words to words of the knowledge base or vocabulary."""
    options: frozenset[str] = field(default=frozenset(), repr=False)
    """Terms and concept tokens naming the options the knowledge base compares."""

    @classmethod
    def build(
        cls, vocabulary: Vocabulary, chunks: Sequence[Chunk], *, stats: LexiconStats | None = None
    ) -> Lexicon:
        """Compile a vocabulary against the knowledge base's chunks.

        Args:
            vocabulary: The validated vocabulary (may be empty).
            chunks: Every chunk of the knowledge base.
            stats: `Lexicon.build(vocabulary, chunks).stats` saved earlier for this very
                vocabulary and these chunks; None to compute them now (one pass over every
                sentence).

        Returns:
            The lexicon.
        """
        groups = tuple(
            tuple(quoted_phrase(e) or tuple(terms(e)) for e in group)
            for group in vocabulary.synonyms
        )
        starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        phrase_starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for g, (group, written) in enumerate(zip(groups, vocabulary.synonyms, strict=True)):
            for entry, text in zip(group, written, strict=True):
                into = phrase_starts if quoted_phrase(text) else starts
                into.setdefault(entry[0], []).append((g, entry))
        unquoted = [tuple(terms(w)) for w in vocabulary.domain if not quoted_phrase(w)]
        runs = tuple(run for run in unquoted if len(run) > 1)
        single = frozenset(run[0] for run in unquoted if len(run) == 1)
        lexicon = cls(
            domain=frozenset(
                t for w in vocabulary.domain if not quoted_phrase(w) for t in terms(w)
            ),
            domain_runs=runs,
            run_only=frozenset(t for run in runs for t in run) - single,
            domain_phrases=tuple(phrase for w in vocabulary.domain if (phrase := quoted_phrase(w))),
            generic=frozenset(t for w in vocabulary.generic for t in terms(w)),
            groups=groups,
            canonical=tuple(group[0] for group in vocabulary.synonyms),
            known=frozenset(),
            idf={},
            off_topic=_phrase_pattern(vocabulary.off_topic),
            framing=_phrase_pattern(vocabulary.framing),
            transitions=_phrase_pattern(vocabulary.transitions),
            starts={first: tuple(entries) for first, entries in starts.items()},
            phrase_starts={first: tuple(entries) for first, entries in phrase_starts.items()},
        )
        if stats is None:
            stats = lexicon._stats(chunks, vocabulary)
        said = {tuple(entry.split(" ")) for entry in stats.gaps_said}
        known_words = frozenset(stats.words) | words_of(_vocabulary_texts(vocabulary))
        return replace(
            lexicon,
            gaps=_absent_gaps(vocabulary, said),
            gaps_said=stats.gaps_said,
            words=stats.words,
            options=frozenset(t for entry in vocabulary.options for t in lexicon.concepts(entry)),
            speller=Speller(known_words, compounds=_option_stems(vocabulary)),
            known=frozenset(stats.known),
            idf=dict(stats.idf),
            grouped=frozenset(t for group in groups for entry in group for t in entry),
            max_idf=max(stats.idf.values(), default=1.0),
        )

    def _stats(self, chunks: Sequence[Chunk], vocabulary: Vocabulary) -> LexiconStats:
        # One pass: every sentence's terms give the known words and the document frequencies.
        known: set[str] = set()
        surface: set[str] = set()
        headings: set[str] = set()
        df: Counter[str] = Counter()
        n = 0
        gap_starts: dict[str, list[tuple[str, ...]]] = {}
        for gap in vocabulary.gaps:
            for phrase in gap.terms:
                stems = gap_entry(phrase)
                gap_starts.setdefault(stems[0], []).append(stems)
        used: set[tuple[str, ...]] = set()  # gap entries the knowledge base says itself
        for chunk in chunks:
            if chunk.section not in headings:
                headings.add(chunk.section)
                known.update(terms(f"{chunk.document_title} {chunk.section}"))
                surface.update(words_of([chunk.document_title, chunk.section]))
            surface.update(words_of([chunk.text]))
            for sentence in split_sentences(chunk.text):
                own = terms(sentence)
                known.update(own)
                df.update(self.concepts_of(own) | self._phrase_concepts(sentence))
                n += 1
                # Entries with a skip are matched against the words as written.
                for text, skipping in ((own, False), (_content_words(sentence), True)):
                    for i, term in enumerate(text):
                        for entry in gap_starts.get(term, ()):
                            if (SKIP in entry) is skipping and _match_at(text, i, entry):
                                used.add(entry)
        idf = {token: math.log((n + 1) / (count + 0.5)) for token, count in df.items()}
        said = tuple(sorted(" ".join(entry) for entry in used))
        return LexiconStats(
            known=tuple(sorted(known)), idf=idf, gaps_said=said, words=tuple(sorted(surface))
        )

    @property
    def stats(self) -> LexiconStats:
        """The statistics learnt from the knowledge base, to build the same lexicon later."""
        return LexiconStats(
            known=tuple(sorted(self.known)),
            idf=dict(self.idf),
            gaps_said=self.gaps_said,
            words=self.words,
        )

    def concepts_of(self, own: Sequence[str]) -> frozenset[str]:
        """Terms plus a concept token for every synonym group they mention (one pass)."""
        found = set(own)
        for i, term in enumerate(own):
            for g, entry in self.starts.get(term, ()):
                if tuple(own[i : i + len(entry)]) == entry:
                    found.add(f"{CONCEPT_MARK}{g}")
        return frozenset(found)

    def concepts_by_term(self, own: Sequence[str], *, nested: bool = True) -> list[frozenset[str]]:
        """Per term, in order: the term plus a concept token for every synonym entry that
        starts at it ("dev shop" gives the vendor group at "dev"), so callers can tell which
        of two concepts a text names first.

        With ``nested=False`` an entry lying wholly inside a longer one found before it does
        not count, nor does a term of it alone: "outside home country" names abroad, not the
        home country, and "software house" a vendor, not the house of "in-house"."""
        out: list[frozenset[str]] = []
        covered = 0  # terms up to this index belong to a longer entry already found
        for i, term in enumerate(own):
            found = {term} if nested or i >= covered else set()
            for g, entry in self.starts.get(term, ()):
                end = i + len(entry)
                if tuple(own[i:end]) == entry and (nested or end > covered):
                    found.add(f"{CONCEPT_MARK}{g}")
                    covered = max(covered, end) if len(entry) > 1 else covered
            out.append(frozenset(found))
        return out

    def weight(self, token: str) -> float:
        """How much a matching token says: its idf, or the largest idf for unseen tokens."""
        if token in self.idf:
            return max(self.idf[token], 0.1)
        return self.max_idf

    def concepts(self, text: str) -> frozenset[str]:
        """The text's terms plus a concept token for every synonym group it mentions."""
        return _concepts(self, text)

    def question_concepts(self, text: str) -> frozenset[str]:
        """What a question asks about: its terms, each synonym group it mentions as one
        concept token (standing for the words that matched it), generic words removed."""
        own = terms(text)
        # A number with a unit ("~4 months", "team of 12 devs") is a fact of the asker's, not a
        # word to find: "4" matched "4 different groups" and the row the source left as "row 4".
        found = {
            t
            for i, t in enumerate(own)
            if not (t.isdigit() and i + 1 < len(own) and own[i + 1] in _UNITS)
        }
        for g, entries in self._mentions(own, text).items():
            found.add(f"{CONCEPT_MARK}{g}")
            found.difference_update(t for entry in entries for t in entry)
        return frozenset(t for t in found if t not in self.generic)

    def _mentions(self, own: Sequence[str], text: str = "") -> dict[int, list[tuple[str, ...]]]:
        """Per synonym group the text mentions, its entries found in the terms (one pass over
        the terms, looking up the entries that start with each), then its quoted entries found
        in ``text``'s stems."""
        found: dict[int, list[tuple[str, ...]]] = {}
        for tokens, index in (
            (own, self.starts),
            (stems(text) if text else [], self.phrase_starts),
        ):
            for i, token in enumerate(tokens):
                for g, entry in index.get(token, ()):
                    if tuple(tokens[i : i + len(entry)]) == entry and entry not in found.get(g, ()):
                        found.setdefault(g, []).append(entry)
        return found

    def _phrase_concepts(self, text: str) -> frozenset[str]:
        """A concept token for every synonym group a quoted entry of which the text says."""
        if not self.phrase_starts:
            return frozenset()
        return frozenset(f"{CONCEPT_MARK}{g}" for g in self._mentions((), text))

    def expansion(self, text: str) -> str:
        """The knowledge base's wording for the synonym groups a text mentions in other words.

        For "who employs the engineers if we hire a vendor?" this is "outsourcing service
        provider ...": appended to the search query, it lets both retrieval sides find passages
        that use the knowledge base's words.
        """
        mentioned = self._mentions(terms(text), text)
        extra = [
            self.canonical[g]
            for g in sorted(mentioned)
            if self.groups[g][0] not in mentioned[g]  # other words, not the canonical one
        ]
        return " ".join(extra)

    def is_framing(self, sentence: str) -> bool:
        """Whether a sentence frames or introduces rather than informs (a transition too)."""
        flat = sentence.strip()
        framing = bool(self.framing and self.framing.search(flat))
        return flat.endswith(":") or framing or self.is_transition(flat)

    def is_transition(self, sentence: str) -> bool:
        """Whether a sentence is about the text itself ("Below is a breakdown ...")."""
        return bool(self.transitions and self.transitions.search(sentence.strip()))

    def proper_names(self, sentence: str) -> list[str]:
        """Names a sentence gives (an organisation or a product: "V-key"), in order: capitalised
        words that are neither English words (wordfreq's list, Zipf >= ``COMMON_ZIPF``: "Team",
        "Vietnam") nor words of the domain list or a synonym group ("Onshore", "Insourcing").
        Loads the word list on first use."""
        common = common_words(COMMON_ZIPF)
        found = []
        for word in _CAPITALISED.findall(sentence):
            lower = word.lower()
            parts = lower.split("-")
            if len(parts) > 1 and all(len(p) > 1 and p in common for p in parts):
                continue  # "Long-term", "In-house": ordinary words joined
            if lower in common or stem(lower) in self.domain or stem(lower) in self.grouped:
                continue
            found.append(word)
        return found

    def is_off_topic(self, text: str) -> bool:
        """Whether the text asks for something never about the topic (a poem, the weather)."""
        return bool(self.off_topic and self.off_topic.search(text))

    def on_topic_terms(self, text: str, *, direct: bool = False) -> list[str]:
        """The domain words (stemmed) a text uses, directly or (unless ``direct``) through a
        synonym group ("save" -> cost)."""
        own_terms = terms(text)
        found = [t for t in own_terms if t in self.domain and t not in self.run_only]
        found += [" ".join(run) for run in self.domain_runs if _contains(own_terms, run)]
        if self.domain_phrases:
            own = stems(text)
            found += [" ".join(p) for p in self.domain_phrases if _contains(own, p)]
        if direct:
            return list(dict.fromkeys(found))
        for token in self.concepts(text):
            if token.startswith(CONCEPT_MARK):
                group = self.groups[int(token[1:])]
                found += [t for entry in group for t in entry if t in self.domain]
        return list(dict.fromkeys(found))

    def without_domain(self, text: str) -> str:
        """The text with the domain list's words left out ("outsourcing", "offshore"): terms
        every language borrows, which say nothing of the language a message is written in."""
        return " ".join(
            w for w in text.split() if not any(stem(t) in self.domain for t in words(w))
        )

    def familiar_share(self, text: str) -> float:
        """Share of a text's words that are English stop words or words the knowledge base,
        the domain list or a synonym group uses (1.0 for a text without words)."""
        tokens = words(text)
        if not tokens:
            return 1.0
        lists = (self.known, self.domain, self.generic, self.grouped)
        familiar = sum(
            1 for w in tokens if w in STOPWORDS or any(stem(w) in terms_ for terms_ in lists)
        )
        return familiar / len(tokens)

    def correct(self, text: str) -> str:
        """The text with misspelt words corrected (see `bot.advisor.spelling.Speller`)."""
        return self.speller.correct(text)

    def gap(self, text: str) -> str:
        """The topic of the first gap (a topic the knowledge base does not cover) that the
        text names, or "" when it names none."""
        own, written = terms(text), _content_words(text)
        for topic, entries in self.gaps:
            if any(_contains(written if SKIP in e else own, e) for e in entries):
                return topic
        return ""

    def unknown(self, text: str) -> list[str]:
        """Salient terms of a text that neither the knowledge base, the domain words nor a
        synonym group knows (numbers are not terms of a topic)."""
        return [
            t
            for t in dict.fromkeys(terms(text))
            if not t.isdigit()
            and t not in self.generic
            and t not in self.known
            and t not in self.domain
            and t not in self.grouped
        ]


COMPOUND_CHARS = 6
"""Option names whose stem is shorter than this ("team", "model") are not read back from two
words: split, they would be ordinary words."""


def _option_stems(vocabulary: Vocabulary) -> frozenset[str]:
    """The stems of the vocabulary's one-word options at least ``COMPOUND_CHARS`` letters long
    ("offshor", "outsourc", "insourc", "onshor", "vendor", "talent")."""
    found = (stem(o.lower()) for o in vocabulary.options if o.isalpha())
    return frozenset(s for s in found if len(s) >= COMPOUND_CHARS)


def _absent_gaps(
    vocabulary: Vocabulary, used: set[tuple[str, ...]]
) -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    """The vocabulary's gaps, each without the entries a sentence of the knowledge base says
    (as a phrase): when an organisation adds a document on tax, "tax" stops being a gap."""
    out = []
    for gap in vocabulary.gaps:
        entries = tuple(gap_entry(e) for e in gap.terms)
        absent = tuple(e for e in entries if e not in used)
        if len(absent) < len(entries):
            logger.info(
                "vocabulary gap %r: %d entries are in the knowledge base and are ignored",
                gap.topic,
                len(entries) - len(absent),
            )
        if absent:
            out.append((gap.topic, absent))
    return tuple(out)


_CAPITALISED = re.compile(r"\b[A-Z][a-z]*(?:-[A-Za-z]+)*\b")


@lru_cache(maxsize=8192)
def _vocabulary_texts(vocabulary: Vocabulary) -> list[str]:
    """Every word and phrase of a vocabulary: none of them is corrected as a misspelling."""
    return [
        *vocabulary.domain,
        *vocabulary.off_topic,
        *vocabulary.generic,
        *(entry for group in vocabulary.synonyms for entry in group),
        *vocabulary.framing,
        *vocabulary.transitions,
        *vocabulary.options,
        *(entry for gap in vocabulary.gaps for entry in gap.terms),
    ]


def _concepts(lexicon: Lexicon, text: str) -> frozenset[str]:
    return lexicon.concepts_of(terms(text)) | lexicon._phrase_concepts(text)
