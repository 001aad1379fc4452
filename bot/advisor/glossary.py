"""The knowledge base's own definitions of its terms: "Insourcing involves ...", "offshore
refers to ...", a table row labelled "What they mean". A question asking what one term means
("what is insourcing supposed to mean?") opens with the definition, wherever it ranks."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.advisor.lexicon import Lexicon
from bot.models import Chunk, Passage, TableRow
from bot.text import split_sentences, stem, words

# A clause that defines its subject: one to three words, then a defining verb.
_DEFINES = re.compile(
    r"^(?P<term>[A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,2}) (involves|refers to|is the process of|"
    r"means|is defined as|stands for)\b"
)
# A sentence naming what it describes: "The onshore insourcing strategy, commonly known as the
# ‘in-house’ approach, is how most companies begin." defines 'in-house'.
_KNOWN_AS = re.compile(
    r"\b(?:commonly |also |often |usually )?(?:known|referred to|called) as (?:the |an? )?"
    r"['‘\"“](?P<term>[^'’\"”]{2,40})['’\"”]"
)
# Clauses of one sentence: "Insourcing involves ..., whereas outsourcing is the process of ...".
_CLAUSES = re.compile(r",?\s+(?:whereas|while)\s+|;\s+")
_DEFINITION_ROW = re.compile(r"\b(mean|means|meaning|definitions?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Definition:
    """Where the knowledge base defines a term.

    Attributes:
        concepts: The term as the question's concepts would hold it (its stem, or its synonym
            group's concept token: "insourcing" -> the in-house group).
        chunk_id: The passage (or table row) that defines it.
        quote: The defining sentence; "" for a table row (the whole row defines).
        name: The term as the sentence names it in quotes, lower-cased ("in-house" for "...,
            commonly known as the ‘in-house’ approach"); "" for other definitions.
    """

    concepts: frozenset[str]
    chunk_id: str
    quote: str
    name: str = ""


class Glossary:
    """The definitions found in the knowledge base's paragraphs and definition table rows."""

    def __init__(self, definitions: Sequence[Definition], passages: Mapping[str, Passage]):
        """Hold definitions and the passages they are quoted from (use ``Glossary.build``)."""
        self._definitions = tuple(definitions)
        self._passages = dict(passages)
        # Each name a sentence gives in quotes, as a word or phrase of its own ("in-house").
        self._names = [
            (d.name, re.compile(rf"(?<![\w-]){re.escape(d.name)}(?![\w-])"))
            for d in self._definitions
            if d.name
        ]

    @classmethod
    def build(
        cls, chunks: Sequence[Chunk], tables: Mapping[str, TableRow], lexicon: Lexicon
    ) -> Glossary:
        """Find the definitions (no I/O; a pass over every sentence).

        Args:
            chunks: The knowledge base's chunks.
            tables: Table rows by chunk id; a row whose label says "mean" or "definition"
                defines the first word of each column's header ("Outsourcing Software
                Development" -> outsourcing).
            lexicon: Reads a term as the question's concepts.
        """
        found: list[Definition] = []
        passages: dict[str, Passage] = {}
        for chunk in chunks:
            row = tables.get(chunk.id)
            if row is not None:
                if _DEFINITION_ROW.search(row.label):
                    for header, _ in row.cells:
                        concepts = lexicon.question_concepts(header.split()[0]) if header else None
                        if concepts:
                            found.append(Definition(concepts, chunk.id, ""))
                            passages[chunk.id] = Passage.of_chunk(chunk)
                continue
            for sentence in split_sentences(chunk.text):
                for known in _KNOWN_AS.finditer(sentence):
                    name = known["term"].strip().lower()
                    if concepts := lexicon.question_concepts(name):
                        found.append(Definition(concepts, chunk.id, sentence, name=name))
                        passages[chunk.id] = Passage.of_chunk(chunk)
                for clause in _CLAUSES.split(sentence):
                    match = _DEFINES.match(clause)
                    concepts = lexicon.question_concepts(match["term"]) if match else None
                    if concepts:
                        found.append(Definition(concepts, chunk.id, sentence))
                        passages[chunk.id] = Passage.of_chunk(chunk)
        return cls(found, passages)

    def named_in(self, text: str) -> str:
        """The first term a sentence of the knowledge base names in quotes ('in-house') that
        a text uses as a word or phrase, lower-cased; "" when it uses none."""
        lower = text.lower()
        return next((name for name, pattern in self._names if pattern.search(lower)), "")

    def defining(
        self, concepts: frozenset[str], *, several: bool = False, name: str = ""
    ) -> list[Definition]:
        """The definitions of the one term among a question's concepts that the glossary
        defines; with ``several``, for several terms, those of the one sentence (or table row)
        that defines them all ("what distinguishes outsourcing from offshoring?": the "What
        they mean" row); [] when it names none, or several without ``several``, or no one
        sentence or row defines all it names ("offshore insourcing" is a strategy of the grid: see
        ``compound``). With ``name`` (a term the question quotes), a sentence naming that
        very term is the one definition returned."""
        terms = {d.concepts for d in self._definitions if d.concepts <= concepts}
        if len(terms) == 1:
            (term,) = terms
            found = [d for d in self._definitions if d.concepts == term]
            # The sentence naming the very term asked about ('in-house') before the ones
            # defining a synonym of it ("Insourcing involves ...").
            return [d for d in found if name and d.name == name.lower()] or found
        if not terms or not several:
            return []
        by_source: dict[tuple[str, str], set[frozenset[str]]] = {}
        for d in self._definitions:  # a sentence, or a table row (quote "")
            by_source.setdefault((d.chunk_id, d.quote), set()).add(d.concepts)
        whole = [source for source, defined in by_source.items() if terms <= defined]
        if len(whole) != 1:
            return []
        return [d for d in self._definitions if (d.chunk_id, d.quote) == whole[0]]

    def compound(self, text: str, lexicon: Lexicon) -> list[Definition]:
        """For a term made of two defined terms side by side ("offshore insourcing", "onshore
        outsource": a strategy of the grid): one definition of each, in the order the text
        names them, a sentence preferred to a table row; [] when the text names no such pair.

        Args:
            text: The sentence that asks.
            lexicon: Reads its words as the question's concepts.
        """
        known = {d.concepts for d in self._definitions}
        # Every word counts, stop words too: "onshore or offshore" names two terms, not one.
        own = [stem(w) for w in words(text)]
        named = [
            next((k for k in known if k <= at), frozenset())
            for at in lexicon.concepts_by_term(own, nested=False)
        ]
        pairs = [
            (first, second)
            for first, second in itertools.pairwise(named)
            if first and second and first != second
        ]
        if len(pairs) != 1:
            return []
        # Per term, a sentence before a table row.
        return [
            min((d for d in self._definitions if d.concepts == term), key=lambda d: not d.quote)
            for term in pairs[0]
        ]

    def passage(self, definition: Definition, score: float) -> Passage:
        """The passage a definition is quoted from, scored as given."""
        return self._passages[definition.chunk_id].model_copy(update={"score": score})
