"""Answer selection at sentence level: every sentence (or table row) of the best passages is a
candidate; the one that best answers the question opens the answer, the next best support it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.advisor.intent import Intent
from bot.advisor.lexicon import CONCEPT_MARK, Lexicon
from bot.advisor.tables import is_grid, row_statement
from bot.models import Passage, QuestionKind, TableRow
from bot.text import drop_connective, split_sentences


@dataclass(frozen=True)
class SelectionWeights:
    """How a candidate sentence is scored; every field is one named decision.

    score = lexical x match + dense x closeness + rank_prior x (passage score / best score)
            + kind_bonus (the sentence has what the kind of question asks for)
            - short_penalty (short text) - table_penalty (a table row for a why/when question)

    dense, kind_bonus and rank_prior were fitted jointly on the dev questions (a listwise
    softmax over each question's candidates, the sentence holding the evidence as the target):
    in 5-fold cross-validation the fitted weights put that sentence first for 0.708 of the
    questions against 0.689 with the earlier hand-set ones (1.0, 0.25, 0.2).
    """

    lexical: float = 1.0
    """Weight of the lexical match (the weighted share of the question's concepts held)."""
    dense: float = 0.6
    """Weight of the sentence's own cosine similarity to the question (the embedding model)."""
    labelled_share: float = 0.5
    """A sentence that answers a labelled question near the question is that much nearer
    itself: its similarity counts as its own plus this share of the labelled question's (see
    ``bot.retrieval.labelled``; chosen leave-one-writer-out on the dev questions with the
    retriever's ``LABELLED_WEIGHT``: shares of 0.3 to 0.7 put the evidence in the first
    paragraph for 0.806 to 0.817 of them)."""
    title_share: float = 0.5
    """Weight of the question's terms found only in the candidate's section title, relative
    to terms found in the sentence itself."""
    kind_bonus: float = 0.5
    """Added when the sentence carries what the kind of question asks for (a figure, a
    definition, a reason, a risk, a time frame, an example)."""
    rank_prior: float = 0.7
    """Added in proportion to the passage's retrieval score relative to the best passage."""
    off_side_penalty: float = 0.6
    """Subtracted, for a question on the benefits, risks or reasons of one option
    (``SIDED_KINDS``), from a candidate about another option: "the risks of offshoring" are not
    an agency's, and "why would anyone still go with an in-house team?" is not answered by why
    offshoring is cheap."""
    home_bonus: float = 0.3
    """Added, for such a question, to a sentence of the section whose title names that option
    alone ("Why You Still Go With Onshore In-house Software Development"): it is about the
    option whether or not it names it again ("The company maintains full control over
    deliverables")."""
    short_chars: int = 40
    """Sentences shorter than this say little on their own ..."""
    short_penalty: float = 0.1
    """... and lose this much."""
    table_penalty: float = 0.15
    """Subtracted from a table row when the question does not ask for figures, definitions
    or a comparison: a row of short cells rarely answers "why" or "when" by itself."""
    unlabelled_penalty: float = 0.3
    """Subtracted from a table row whose label the source lost ("Model Comparison, row 4"),
    unless the question asks for figures: what its cells measure is unknown, so it supports an
    answer but should not open one."""
    row_lead_share: float = 0.7
    """A yes/no question on where an option's people are ("does outsourcing always mean
    abroad?") opens with a table row that answers it by the option's cell ("Location —
    Outsourcing ...: Can within and outside home country") when the row scores at least this
    share of the best candidate."""
    length_lead_share: float = 0.5
    """A question on a project of some length ("a multi-year platform: which model?") opens
    with the best sentence speaking of that length when it scores at least this share of the
    lead, which speaks of the other length or of none."""
    belief_lead_share: float = 0.5
    """A claim that one thing is merely another ("isn't the saving just the wage gap?") opens
    with the sentence reporting that belief ("Businesses often think it's only about the cost
    gap ...", which the next sentence judges) when it scores at least this share of the lead;
    a claim that only one option has something ("only offshoring really scales?") opens with
    the sentence giving it to both on the same terms."""
    per_option_share: float = 0.5
    """A question asking something of each option ("benefits of each model") opens with the
    labelled table row named for it when the row scores at least this share of the lead."""
    table_lead_share: float = 0.8
    """A question naming a table ("how does the table rate outsourcing on short-term vs
    long-term projects?") opens with the best table row when it scores at least this share
    of the lead."""
    benefits_share: float = 0.85
    """A question on what an option brings opens with the best sentence that says what it
    brings ("... without any language or cultural barriers", "full control over
    deliverables") when the best candidate says none and that sentence scores at least this
    share of it."""
    figures_share: float = 0.8
    """A figures question opens with a table row of figures that matches at least this share
    of the best candidate's match."""
    second_share: float = 0.85
    """The runner-up joins the direct answer (two sentences) when it scores at least this share
    of the best and both are prose: together they often say what one alone does not ..."""
    second_match: float = 0.6
    """... and holds at least this share of the best one's match."""
    other_side_share: float = 0.7
    """For a question naming two options whose opening sentence is about one, the best sentence
    about the other joins it when it scores at least this share of the opening."""
    rule_lead_share: float = 0.7
    """A "when" question opens with the policy's condition on the option it asks about, unless
    the best sentence says whom the option suits itself and the condition's sentence scores
    below this share of it."""
    cover_share: float = 0.6
    """A "why" question naming a synonym group its opening sentence does not hold ("mix up")
    gets the best sentence holding it as its second sentence, when that scores at least this
    share of the opening."""
    support_share: float = 0.45
    """A consideration must match at least this share of the direct answer's match."""
    support_similarity: float = 0.6
    """... or be at least this similar to the question by meaning (the embedding model), which
    survives wording the vocabulary does not know."""
    max_considerations: int = 3
    """Supporting points after the direct answer."""
    max_per_passage: int = 2
    """Supporting points taken from any one passage."""


WEIGHTS = SelectionWeights()

KIND_CUES: Mapping[QuestionKind, re.Pattern[str]] = {
    "figures": re.compile(r"\d+\s*(%|percent|x\b)|\bx \d+\s*%"),
    "definition": re.compile(
        r"\b(refers? to|involves?|is the process|means?|is how|known as|what they mean|"
        r"contracting|building a dedicated)\b",
        re.IGNORECASE,
    ),
    "when": re.compile(
        r"\b(typically|preferred|prefer|projects? (lasting|that take)|longer than|less than|"
        r"exceeding|only makes sense|should limit|viable strategy|"
        r"go for|for (important|short|key)|(enticing|ideal|suited|best) for|"
        r"for (companies|businesses|those|firms) (that|who|with))\b",
        re.IGNORECASE,
    ),
    "benefits": re.compile(
        r"\b(benefits?|advantages?|selling points?|cost-effective\w*|liberat\w*|allow\w*|"
        r"enabl\w*|gain access|access to|flexib\w*|increased control|full control|autonomy|"
        r"ramp up|focus on|broader talent pool|reduced|lower costs?|without (incurring|any))\b",
        re.IGNORECASE,
    ),
    "risks": re.compile(
        r"\b(risk|disruption|giving up|hidden costs?|disastrous|poor|barely|deal breaker|"
        r"problem|loss|least-effort|sky-high|dependent|communication delays|upfront)\b",
        re.IGNORECASE,
    ),
    "reason": re.compile(
        r"\b(because|since|due to|thus|therefore|stems from|so that|hence|allowing|"
        r"enabling|without|prompting|forcing|consequently|recogni[sz]ing|driven by|"
        r"lead(s|ing)? to|result(s|ing)? in)\b",
        re.IGNORECASE,
    ),
    "example": re.compile(r"\b(for example|for instance|such as|e\.g\.|case stud(y|ies))", re.I),
}
"""What a sentence that answers each kind of question tends to contain; a sentence that names
an organisation also gives an example (see ``gives_kind``)."""


def gives_kind(text: str, kind: QuestionKind, lexicon: Lexicon, *, prose: bool = True) -> bool:
    """Whether a sentence (or, ``prose=False``, a table row's statement) carries what a question
    of this kind asks for (``KIND_CUES``); for an example, a sentence naming an organisation or
    a product ("V-key, a global leader in ...") counts."""
    cue = KIND_CUES.get(kind)
    if cue is not None and cue.search(text):
        return True
    return prose and kind == "example" and bool(lexicon.proper_names(text))


# A sentence about the text that says what it sets out to do ("this article will shed light on
# these approaches and explore how ..."), not where it goes next ("before we dive deeper").
_STATES_AIM = re.compile(r"\b(?:this|the|our) (?:article|post|piece|guide)\b|\bwe will\b", re.I)

SIDED_KINDS: frozenset[QuestionKind] = frozenset({"benefits", "risks", "reason"})
"""Kinds of question whose answer must be about the option asked of (what it brings, what it
risks, why one would choose it)."""

TABLE_KINDS: frozenset[QuestionKind] = frozenset({"figures", "definition", "comparison"})
"""Kinds of question that a table row may answer on its own."""


@dataclass(frozen=True)
class Candidate:
    """A sentence (or table row) that could be quoted, and where it comes from.

    Attributes:
        passage: The retrieved passage it belongs to.
        rank: The passage's rank (0 = best).
        index: Position of the sentence in the passage.
        text: What is shown: the sentence, or a table row as a statement.
        quote: The exact text cited: the sentence, or the labelled table row.
        row: The table row, for table candidates.
        similarity: Cosine similarity of the sentence (a row: its closest cell) to the query;
            0.0 when unknown.
        labelled: Cosine similarity to the query of the nearest labelled question the
            sentence (a row: any of its cells) answers; 0.0 when none.
    """

    passage: Passage
    rank: int
    index: int
    text: str
    quote: str
    row: TableRow | None = None
    similarity: float = 0.0
    labelled: float = 0.0


@dataclass(frozen=True)
class Scored:
    """A candidate and how well it answers the question."""

    candidate: Candidate
    match: float
    score: float


def row_passage(row: TableRow, *, score: float = 0.0) -> Passage:
    """A table row as a passage, for rows found by the table index, not retrieval."""
    return Passage(
        id=row.chunk_id,
        source=row.document_id,
        source_title=row.document_title,
        section=row.section,
        section_id=row.section_id,
        text=row.text,
        score=score,
    )


def candidates(passages: Sequence[Passage], rows: Mapping[str, TableRow]) -> list[Candidate]:
    """Every sentence of every passage, and each table row once as a whole statement."""
    out: list[Candidate] = []
    seen: set[str] = set()
    for rank, passage in enumerate(passages):
        if passage.id in seen:
            continue
        seen.add(passage.id)
        sims = passage.unit_similarities
        answered = passage.labelled_similarities
        row = rows.get(passage.id)
        if row is not None:
            flat = " ".join(passage.text.split())
            if not row.label:  # "row 3: ..." names a row the source left unlabelled: not a quote
                flat = flat.removeprefix(f"row {row.number}: ")
            out.append(
                Candidate(
                    passage,
                    rank,
                    0,
                    row_statement(row),
                    flat,
                    row,
                    max(sims, default=0.0),
                    max(answered, default=0.0),
                )
            )
            continue
        for index, sentence in enumerate(split_sentences(passage.text)):
            sim = sims[index] if index < len(sims) else 0.0
            label = answered[index] if index < len(answered) else 0.0
            out.append(
                Candidate(passage, rank, index, sentence, sentence, similarity=sim, labelled=label)
            )
    return out


def closeness(cand: Candidate, weights: SelectionWeights | None = None) -> float:
    """How near a candidate is to the question by meaning: its cosine similarity plus
    ``labelled_share`` of the nearest labelled question's it answers (0 .. 1.5)."""
    return cand.similarity + (weights or WEIGHTS).labelled_share * cand.labelled


def _matched_text(cand: Candidate) -> str:
    """What a candidate is matched on: its text; a row's statement without the position that
    names a row whose label the source lost ("row 4" is no word of the source: "~4 months"
    matched it)."""
    return cand.text if cand.row is None else row_statement(cand.row, position=False)


def _own_concepts(text: str, lexicon: Lexicon) -> frozenset[str]:
    """A sentence's concepts without the words of its opening connective: "On the other hand,
    ..." holds no hand. A synonym group the connective names still counts ("In a nutshell"
    sums up)."""
    own = lexicon.concepts(text)
    body = drop_connective(text)
    if body == text:
        return own
    return lexicon.concepts(body) | {t for t in own if t.startswith(CONCEPT_MARK)}


def question_weight(concepts: frozenset[str], lexicon: Lexicon) -> float:
    """The total weight of a question's concepts that the knowledge base uses (the denominator
    of every match). A word no passage holds ("deck", "pls", "on my phone") can match nothing,
    so it would only shrink every share alike and push rows under ``TABLE_MATCH``."""
    return sum(lexicon.weight(t) for t in concepts if t in lexicon.idf)


def score_candidates(
    found: Sequence[Candidate],
    *,
    concepts: frozenset[str],
    intent: Intent,
    lexicon: Lexicon,
    grids: frozenset[str] = frozenset(),
    weights: SelectionWeights | None = None,
    about_text: bool = False,
) -> list[Scored]:
    """Score candidates against a question, best first (framing sentences are dropped).

    Args:
        found: The candidates.
        concepts: The question's terms and synonym concepts, generic words removed.
        intent: What the question asks for.
        lexicon: Term weights and framing phrases.
        grids: Chunk ids of the rows of grid tables (see ``bot.advisor.tables.is_grid``).
        weights: The scoring weights.
        about_text: The question asks what the text itself sets out to do: sentences about
            the text ("this article will ... explore how ...") answer it (the kind bonus).

    Returns:
        The non-framing candidates with their match (0..1: the weighted share of the
        question's concepts the candidate holds) and score, best first; ties keep passage and
        sentence order.
    """
    weights = weights or WEIGHTS
    total = question_weight(concepts, lexicon) or 1.0
    best_passage = max((c.passage.score for c in found), default=0.0) or 1.0
    scored: list[Scored] = []
    owns = [_own_concepts(_matched_text(cand), lexicon) for cand in found]
    framing = [lexicon.is_framing(cand.text) for cand in found]
    # A framing sentence ("The struggle often stems from a lack of understanding ...") is
    # filler, unless it alone holds something the question asks about ("why do firms struggle");
    # a sentence about the text itself ("Below is a breakdown ...") always is.
    held = frozenset().union(*(own for own, f in zip(owns, framing, strict=True) if not f))
    for cand, own, is_framing in zip(found, owns, framing, strict=True):
        about = (
            about_text and lexicon.is_transition(cand.text) and bool(_STATES_AIM.search(cand.text))
        )
        if (
            is_framing
            and not about
            and (lexicon.is_transition(cand.text) or not (concepts & own) - held - lexicon.generic)
        ):
            continue
        title = lexicon.concepts(cand.passage.section) - own
        match = (
            sum(lexicon.weight(t) for t in concepts & own)
            + weights.title_share * sum(lexicon.weight(t) for t in concepts & title)
        ) / total
        score = (
            # a question on what the text sets out to do names nothing the text holds: the
            # words it shares with a sentence ("set out" and "setting up") are chance
            (0.0 if about_text else weights.lexical * match)
            + weights.dense * closeness(cand, weights)
            + weights.rank_prior * max(cand.passage.score, 0.0) / best_passage
        )
        grid = cand.row is not None and cand.row.chunk_id in grids
        if (
            about
            or gives_kind(cand.text, intent.kind, lexicon, prose=cand.row is None)
            or (grid and intent.kind in TABLE_KINDS)
        ):
            # A grid of named categories (the four strategies) defines and compares them.
            score += weights.kind_bonus
        if cand.row is not None and intent.kind not in TABLE_KINDS:
            score -= weights.table_penalty
        if cand.row is not None and not cand.row.label and intent.kind != "figures":
            score -= weights.unlabelled_penalty
        if len(cand.text) < weights.short_chars:
            score -= weights.short_penalty
        scored.append(Scored(cand, match, score))
    scored.sort(key=lambda s: (-s.score, s.candidate.rank, s.candidate.index))
    return scored


def grid_tables(rows: Mapping[str, TableRow]) -> dict[str, list[TableRow]]:
    """For every row of a grid table (a matrix of names), all the rows of its table in order,
    keyed by chunk id; rows of other tables are absent. One pass over the rows."""
    tables: dict[tuple[str, str, str], list[TableRow]] = {}
    for row in rows.values():
        tables.setdefault((row.document_id, row.section_id, row.table), []).append(row)
    out: dict[str, list[TableRow]] = {}
    for table in tables.values():
        table.sort(key=lambda r: r.number)
        if is_grid(table):
            out.update((r.chunk_id, table) for r in table)
    return out


def supporting(
    ranked: Sequence[Scored],
    *,
    direct: Sequence[Candidate],
    weights: SelectionWeights | None = None,
) -> list[Scored]:
    """The considerations: the next best candidates that still match the question well.

    A candidate is kept when it matches at least ``support_share`` of the direct answer's
    match, says something the direct answer does not already say, and its passage has not
    given ``max_per_passage`` points yet.
    """
    weights = weights or WEIGHTS
    if not ranked:
        return []
    floor = weights.support_share * max(ranked[0].match, 1e-9)
    shown = {c.quote for c in direct}
    per_passage: dict[str, int] = {}
    for c in direct:
        per_passage[c.passage.id] = per_passage.get(c.passage.id, 0) + 1
    out: list[Scored] = []
    for item in ranked:
        cand = item.candidate
        close = closeness(cand, weights) >= weights.support_similarity
        if (item.match <= 0 or item.match < floor) and not close:
            continue
        if cand.quote in shown:
            continue
        if any(cand.quote in s or s in cand.quote for s in shown):
            continue
        if per_passage.get(cand.passage.id, 0) >= weights.max_per_passage:
            continue
        out.append(item)
        shown.add(cand.quote)
        per_passage[cand.passage.id] = per_passage.get(cand.passage.id, 0) + 1
        if len(out) >= weights.max_considerations:
            break
    return out
