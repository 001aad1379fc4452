"""Which sentence opens an answer, and what it is read with: the lead a kind of question or a
policy rule calls for, the sentence a lead leans on, and how quoted sentences join."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.advisor import select
from bot.advisor.lexicon import Lexicon
from bot.advisor.question import Question
from bot.advisor.select import Candidate, Scored, candidates
from bot.advisor.yes_no import PolarReader
from bot.models import Chunk, Passage, TableRow
from bot.text import split_sentences

# A sentence opening with one of these leans on the sentence before it ("Therefore, it is ...").
LEANS_BACK = re.compile(r"^(therefore|thus|so|hence|consequently|this|these|it|they)\b", re.I)
# A conclusion whose reasons are the sentences before it ("For such reasons, we advise ...").
AFTER_REASONS = re.compile(
    r"^(for (such|these|those|this|that|the above|all these|all of these) reasons?|"
    r"(that|this) is why|that's why|which is why)\b",
    re.I,
)
REASONS_BEFORE = 2
"""How many sentences before such a conclusion are its reasons, at most."""


def kind_lead(question: Question, ranked: Sequence[Scored], lexicon: Lexicon) -> Scored | None:
    """The candidate that opens the answer because it gives what the kind of question asks
    for, when the best one does not: for a figures question, the best table row stating
    figures that holds nearly as much of the question as the best candidate (figures are
    answered with the table's numbers and their baseline, not with prose about cost); for
    an example question, the best sentence that gives an example and shares something with
    the question (a sentence without one does not answer "any real company that ...?"); for
    a question on what an option brings, when the best candidate says nothing it brings, the
    best sentence that does and scores at least ``benefits_share`` of it ("the case for an
    in-house team" is "... without any language or cultural barriers", not "is how most
    companies begin")."""
    kind = question.intent.kind
    if ranked and kind == "benefits" and not question.intent.polar:
        if select.gives_kind(ranked[0].candidate.text, kind, lexicon):
            return None
        floor = select.WEIGHTS.benefits_share * ranked[0].score
        return next(
            (
                s
                for s in ranked
                if s.score >= floor
                and s.match > 0
                and s.candidate.row is None
                and select.gives_kind(s.candidate.text, kind, lexicon)
            ),
            None,
        )
    if not ranked or kind not in ("figures", "example"):
        return None
    if kind == "example":
        examples = [
            s
            for s in ranked
            if s.candidate.row is None and select.gives_kind(s.candidate.text, kind, lexicon)
        ]
        # One that shares a word with the question, else the best by score: "any real company
        # that did the 'own team abroad' thing?" shares no word with "V-key ... established
        # its remote tech team in Vietnam".
        return next((s for s in examples if s.match > 0), examples[0] if examples else None)
    floor = select.WEIGHTS.figures_share * ranked[0].match
    return next(
        (
            s
            for s in ranked
            if s.candidate.row is not None
            and select.KIND_CUES["figures"].search(s.candidate.text)
            and s.match >= floor
        ),
        None,
    )


def rule_lead(
    question: Question, ranked: Sequence[Scored], lead: Scored, polar: PolarReader
) -> Scored:
    """For "should we outsource our payments platform?": the sentence quoting the policy
    rule the answer depends on ("NEVER outsource core IT capabilities") opens the answer,
    read as "Not if <condition>", rather than a sentence about cost; for "an 8-month build:
    the sweet spot for outsourcing?", the rule on the length it states; the lead otherwise."""
    rule = polar.stated_rule(question) or polar.unsettled_rule(question)
    if rule is None or rule.quote.lower() in lead.candidate.quote.lower():
        return lead
    return next(
        (
            s
            for s in ranked
            if s.candidate.row is None
            and s.match > 0
            and rule.quote.lower() in s.candidate.quote.lower()
        ),
        lead,
    )


class Context:
    """Gives a sentence that leans on the one before it ("Therefore, ...", "It can be ...")
    that sentence: from its passage, or from the paragraph before (``preceding``)."""

    def __init__(
        self, *, tables: Mapping[str, TableRow], lexicon: Lexicon, preceding: Mapping[str, str]
    ) -> None:
        """Read passages' sentences with ``tables``' rows; skip framing sentences (``lexicon``);
        ``preceding`` is ``preceding_sentences`` of the knowledge base's chunks."""
        self._tables = tables
        self._lexicon = lexicon
        self.preceding = dict(preceding)

    def of(self, cand: Candidate) -> Candidate:
        """The candidate, joined to the sentence it leans on when it opens with 'Therefore' or
        'It': the sentence before it in its passage, or, when it opens its paragraph, the last
        sentence of the paragraph before (``preceding``)."""
        if cand.row is not None or not LEANS_BACK.search(cand.text):
            return cand
        if cand.index == 0:
            before = self.preceding.get(cand.passage.id, "")
            if not before or self._lexicon.is_framing(before):
                return cand
            text = f"{before} {cand.text}"
            return Candidate(cand.passage, cand.rank, 0, text, text, similarity=cand.similarity)
        previous = next(
            (c for c in candidates([cand.passage], self._tables) if c.index == cand.index - 1),
            None,
        )
        if previous is None or self._lexicon.is_framing(previous.text):
            return cand
        text = f"{previous.text} {cand.text}"
        # The sentence leaned on may lean back itself ("It can be ... Therefore, ...").
        return self.of(Candidate(cand.passage, cand.rank, previous.index, text, text))

    def reasons(self, cand: Candidate) -> list[Candidate]:
        """For a conclusion that names its reasons as what came before ("For such reasons, we
        advise ... NEVER outsource ..."): up to ``REASONS_BEFORE`` sentences before it in its
        passage, in order, framing sentences left out; [] for any other candidate."""
        if cand.row is not None or not AFTER_REASONS.search(cand.text):
            return []
        before = [
            c
            for c in candidates([cand.passage], self._tables)
            if cand.index - REASONS_BEFORE <= c.index < cand.index
            and not self._lexicon.is_framing(c.text)
        ]
        return sorted(before, key=lambda c: c.index)

    def after(self, cand: Candidate) -> Candidate | None:
        """The sentence after a prose candidate in its passage; None for a row or the last
        sentence."""
        if cand.row is None:
            for following in candidates([cand.passage], self._tables):
                if following.index == cand.index + 1:
                    return following
        return None


def table_intros(chunks: Sequence[Chunk]) -> dict[str, Passage]:
    """For each table row, the sentence that introduces its table ("... can be grouped into 4
    different groups based on how you execute them and the location:"): the last sentence of
    the paragraph right before the table, when it ends with a colon.

    Args:
        chunks: The knowledge base's chunks in document order.

    Returns:
        row chunk id -> the introducing sentence as a passage of its own paragraph's id (rows
        of tables without one are absent).
    """
    out: dict[str, Passage] = {}
    intro: Passage | None = None
    previous: Chunk | None = None
    for chunk in chunks:
        if chunk.kind == "table_row":
            if previous is not None and previous.kind != "table_row":
                last = split_sentences(previous.text)[-1:]
                intro = (
                    Passage.of_chunk(previous, text=last[0])
                    if last and last[0].endswith(":") and previous.document_id == chunk.document_id
                    else None
                )
            if intro is not None:
                out[chunk.id] = intro
        previous = chunk
    return out


def rule_passages(chunks: Sequence[Chunk], quotes: Sequence[str]) -> dict[str, Passage]:
    """The paragraph quoting each rule quote (the first that holds it, case-insensitive), by
    quote; quotes no paragraph holds are absent."""
    out: dict[str, Passage] = {}
    for quote in quotes:
        chunk = next(
            (c for c in chunks if c.kind == "paragraph" and quote.lower() in c.text.lower()), None
        )
        if chunk is not None:
            out[quote] = Passage.of_chunk(chunk)
    return out


def preceding_sentences(chunks: Sequence[Chunk]) -> dict[str, str]:
    """For each paragraph that opens leaning on the paragraph before it in its section ("It
    can be a deal breaker ...", "Therefore, ..."), that paragraph's last sentence, by chunk id.

    Args:
        chunks: The knowledge base's chunks in document order.

    Returns:
        chunk id -> the last sentence of the paragraph before it (a few entries: only leaning
        paragraphs).
    """
    out: dict[str, str] = {}
    previous: Chunk | None = None
    for chunk in chunks:
        if chunk.kind != "paragraph":
            previous = None
            continue
        first = split_sentences(chunk.text)[:1]
        same = previous is not None and (previous.document_id, previous.section_id) == (
            chunk.document_id,
            chunk.section_id,
        )
        if same and first and LEANS_BACK.search(first[0]):
            last = split_sentences(previous.text)[-1:]  # type: ignore[union-attr]
            if last:
                out[chunk.id] = last[0]
        previous = chunk
    return out


def follows(second: Candidate, first: Candidate) -> bool:
    """Whether ``second`` can be read after ``first``: it does not lean on a sentence before it
    ("Therefore, it is ..."), or the sentence it leans on is ``first``."""
    if not LEANS_BACK.search(second.text):
        return True
    return second.passage.id == first.passage.id and second.index == first.index + 1


def join_sentences(texts: Sequence[str]) -> str:
    """Sentences as one paragraph; one the source leaves without a full stop (the end of a
    paragraph) gets one before the next, so two quotes never read as one sentence."""
    return " ".join(
        t if i == len(texts) - 1 or t.rstrip().endswith((".", "!", "?", ":", ";")) else f"{t}."
        for i, t in enumerate(texts)
    )
