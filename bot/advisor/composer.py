"""The deterministic composer: grounded, extractive answers with numbered citations (no LLM)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.advisor import select
from bot.advisor.lexicon import Lexicon
from bot.advisor.question import Question
from bot.advisor.replies import Declines, Replies
from bot.advisor.scenario_answer import (
    Citations,
    deciding_rule,
    factor_considerations,
    referenced,
    standing,
)
from bot.advisor.select import (
    Candidate,
    Scored,
    candidates,
    grid_tables,
    question_weight,
    row_passage,
    score_candidates,
    supporting,
)
from bot.advisor.tables import baseline_note, grid_statement, row_statement
from bot.advisor.yes_no import YES_NO, PolarReader, RuleCondition, drop_connective
from bot.models import (
    Answer,
    Chunk,
    Evaluation,
    FiredRule,
    Passage,
    Route,
    Statement,
    TableRow,
)
from bot.scoring.labels import lower_first
from bot.text import split_sentences

TABLE_MATCH = 0.5
"""A table row joins the candidates when it holds this weighted share of the question."""
MAX_TABLE_ROWS = 3
"""At most this many rows join the candidates that way."""
# A sentence opening with one of these leans on the sentence before it ("Therefore, it is ...").
_LEANS_BACK = re.compile(r"^(therefore|thus|so|hence|consequently|this|these|it|they)\b", re.I)


class DeterministicComposer(Declines):
    """Writes answers only from retrieved passages and the scoring tool's output."""

    def __init__(
        self,
        *,
        document_titles: Mapping[str, str],
        lexicon: Lexicon,
        tables: Mapping[str, TableRow],
        replies: Replies | None = None,
        conditions: Sequence[RuleCondition] = (),
        preceding: Mapping[str, str] | None = None,
    ) -> None:
        """Compose from the knowledge base's titles, lexicon and tables; ``conditions`` are the
        policy's conditional rules (``bot.advisor.yes_no.rule_conditions``); ``preceding`` maps
        the id of a paragraph that opens leaning on the one before it ("It can be a deal
        breaker ...") to that paragraph's last sentence (``preceding_sentences``)."""
        super().__init__(replies or Replies())
        self._preceding = dict(preceding or {})
        self._titles = dict(document_titles)
        self._lexicon = lexicon
        self._tables = tables
        # Table rows are looked up by concept as well as retrieved: a figure or a grid answers
        # its question even when the row ranks low among prose passages.
        self._row_concepts = {
            cid: lexicon.concepts(f"{row.section} {row_statement(row)}")
            for cid, row in tables.items()
        }
        self._grid_tables = grid_tables(tables)
        self._polar = PolarReader(lexicon, conditions)
        self._grids = frozenset(self._grid_tables)
        self._postings: dict[str, list[str]] = {}
        for cid, found in self._row_concepts.items():
            for token in found:
                self._postings.setdefault(token, []).append(cid)

    def _table_rows_for(self, question: Question, best_score: float = 0.0) -> list[Passage]:
        """Rows that hold at least ``TABLE_MATCH`` of the question's concepts, best first; each
        scored as retrieval would have ranked it: its share of the question times
        ``best_score`` (the best retrieved passage's score)."""
        total = question_weight(question.concepts, self._lexicon) or 1.0
        reached = {cid for t in question.concepts for cid in self._postings.get(t, ())}
        scored = []
        for cid in reached:
            shared = question.concepts & self._row_concepts[cid]
            share = sum(self._lexicon.weight(t) for t in shared) / total
            if share >= TABLE_MATCH:
                scored.append((-share, cid))
        return [
            row_passage(self._tables[cid], score=-negative * best_score)
            for negative, cid in sorted(scored)[:MAX_TABLE_ROWS]
        ]

    # --- answers from the knowledge base -------------------------------------------------

    def knowledge(
        self,
        question: Question,
        passages: Sequence[Passage],
        *,
        parts: Sequence[tuple[Question, Sequence[Passage]]] = (),
    ) -> Answer:
        """Answer from passages: the sentence that best answers first, then 2-4 supports. Each
        further part of a multi-part message adds its own answer to the first paragraph."""
        cites = Citations(self._titles)
        direct, considerations = self._extract(question, passages, cites)
        for part, part_passages in parts:
            more, support = self._extract(part, part_passages, cites)
            # A sentence the first paragraph already says is not said again.
            new = [t for t in split_sentences(more.text) if t.lower() not in direct.text.lower()]
            if new:
                direct = Statement(
                    text=_join_sentences([direct.text, " ".join(new)]),
                    citations=tuple(dict.fromkeys((*direct.citations, *more.citations))),
                )
            considerations += [s for s in support if s.text not in direct.text]
        items = cites.items
        if parts:
            unique = list({s.text: s for s in considerations}.values())
            kept = unique[: select.WEIGHTS.max_considerations + 1]
            direct, considerations, items = referenced(direct, kept, cites.items)
        return Answer(
            route="knowledge",
            kind=question.intent.kind,
            direct=direct,
            considerations=tuple(considerations),
            citations=tuple(items),
        )

    def _extract(
        self, question: Question, passages: Sequence[Passage], cites: Citations
    ) -> tuple[Statement, list[Statement]]:
        ids = {p.id for p in passages}
        best = max((p.score for p in passages), default=0.0)
        extra = [p for p in self._table_rows_for(question, best) if p.id not in ids]
        ranked = score_candidates(
            candidates([*passages, *extra], self._tables),
            concepts=question.concepts,
            intent=question.intent,
            lexicon=self._lexicon,
            grids=self._grids,
        )
        if not ranked:
            return Statement(text=""), []
        lead = self._kind_lead(question, ranked) or ranked[0]
        if question.intent.polar and lead.candidate.row is None:
            lead = self._rule_lead(question, ranked, lead)
        grid = self._grid_tables.get(lead.candidate.row.chunk_id, []) if lead.candidate.row else []
        if grid:
            direct_cands = [c.candidate for c in ranked if c.candidate.row in grid] or [
                lead.candidate
            ]
            text = grid_statement(lead.candidate.row.table, grid)  # type: ignore[union-attr]
        else:
            direct_cands = [self._with_context(lead.candidate)]
            runner = ranked[1] if len(ranked) > 1 else None
            if (
                runner is not None
                and not question.intent.polar
                and runner.candidate.row is None
                and lead.candidate.row is None
                and runner.score >= select.WEIGHTS.second_share * lead.score
                and runner.match >= select.WEIGHTS.second_match * lead.match
                and runner.candidate.quote not in direct_cands[0].quote
                and _follows(runner.candidate, lead.candidate)
            ):
                direct_cands.append(runner.candidate)
            text = _join_sentences([c.text for c in direct_cands])
        row = lead.candidate.row
        figures = question.intent.kind == "figures"
        polar = question.intent.polar and not figures
        if figures and row is not None and not grid and (note := baseline_note(row)):
            text = _join_sentences([text, note])  # what the percentages are shares of
        before = self._preceding.get(lead.candidate.passage.id, "")
        context = f"{before} " if before and text.startswith(f"{before} ") else ""
        if polar and row is None and context:
            # The Yes or No is read from the passage's own sentences, not from the paragraph
            # before that they lean on ("It can be a deal breaker ...", not "... requires a
            # considerable upfront investment"); the sentence leaned on still comes first.
            answer = self._polar.opening(question, text[len(context) :]).partition(": ")[0]
            text = f"{answer}: {drop_connective(text)[:1].lower()}{drop_connective(text)[1:]}"
        elif polar and row is None:
            text = self._polar.opening(question, text)
        elif polar and row is not None and (answer := self._polar.row_answer(question, row)):
            # A row comparing options answers by the cell of the option asked about.
            text = f"{answer}: {text}"
        elif (
            question.intent.polar
            and row is not None
            and (answer := self._polar.figures_answer(question, row))
        ):
            text = f"{answer}: {text}"  # "is outsourcing cheaper than ...?" by the figures
        else:
            text = drop_connective(text)  # "Conversely, offshoring ..." opens nothing
        direct = Statement(
            text=text, citations=tuple(dict.fromkeys(cites.add_candidate(c) for c in direct_cands))
        )
        support = [self._with_context(s.candidate) for s in supporting(ranked, direct=direct_cands)]
        # A point that leans back ("Therefore, it is ...") is shown with what it leans on,
        # unless the first paragraph already says that.
        considerations = [
            Statement(text=c.text, citations=(cites.add_candidate(c),))
            for c in support
            if not any(c.text.startswith(d.text) or d.text in c.text for d in direct_cands)
        ]
        return direct, considerations

    def _kind_lead(self, question: Question, ranked: Sequence[Scored]) -> Scored | None:
        """The candidate that opens the answer because it gives what the kind of question asks
        for, when the best one does not: for a figures question, the best table row stating
        figures that holds nearly as much of the question as the best candidate (figures are
        answered with the table's numbers and their baseline, not with prose about cost); for
        an example question, the best sentence that gives an example and shares something with
        the question (a sentence without one does not answer "any real company that ...?")."""
        kind = question.intent.kind
        if not ranked or kind not in ("figures", "example"):
            return None
        if kind == "example":
            return next(
                (
                    s
                    for s in ranked
                    if s.candidate.row is None
                    and s.match > 0
                    and select.gives_kind(s.candidate.text, kind, self._lexicon)
                ),
                None,
            )
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

    def _rule_lead(self, question: Question, ranked: Sequence[Scored], lead: Scored) -> Scored:
        """For "should we outsource our payments platform?": the sentence quoting the policy
        rule the answer depends on ("NEVER outsource core IT capabilities") opens the answer,
        read as "Not if <condition>", rather than a sentence about cost; the lead otherwise."""
        rule = self._polar.unsettled_rule(question)
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

    def _verdict(
        self, question: Question, verdict: str, evaluation: Evaluation, cites: Citations
    ) -> Statement:
        """The ranking's Yes or No, with the quoted policy rule that fired on the strategy asked
        about ("... limit outsourcing to short-term tech projects lasting less than one year"),
        when one did."""
        asked = self._polar.asked(question)
        rule = next((r for r in evaluation.rules_fired if set(r.strategies) & asked), None)
        if rule is None:
            return Statement(text=verdict)
        return Statement(
            text=f"{verdict} {_rule_note(rule)}", citations=(cites.add(rule.citation),)
        )

    def _with_context(self, cand: Candidate) -> Candidate:
        """The candidate, joined to the sentence it leans on when it opens with 'Therefore' or
        'It': the sentence before it in its passage, or, when it opens its paragraph, the last
        sentence of the paragraph before (``preceding``)."""
        if cand.row is not None or not _LEANS_BACK.search(cand.text):
            return cand
        if cand.index == 0:
            before = self._preceding.get(cand.passage.id, "")
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
        return self._with_context(Candidate(cand.passage, cand.rank, previous.index, text, text))

    # --- scenarios ------------------------------------------------------------------------

    def scenario(
        self,
        question: Question,
        evaluation: Evaluation,
        *,
        fields: Sequence[str],
        passages: Sequence[Passage] = (),
        follow_up: bool = False,
    ) -> Answer:
        """A scenario answer: the policy's rule when one decides a yes/no question ("Should we
        outsource our core platform?" -> No, with the rule's source), else the best passage
        (mixed) or the evaluation's summary; then the summary, warnings and the factors that
        moved the recommendation. Assumed values are listed as assumed, never as reasons.

        ``follow_up``: the question is a thread reply about the thread's scenario ("what about
        an offshore team?"); the strategies it names (if any) open the answer with their place
        in the ranking."""
        cites = Citations(self._titles)
        considerations: list[Statement] = []
        rule = deciding_rule(question, evaluation)
        named = self._polar.asked(
            replace(question, concepts=self._lexicon.question_concepts(question.text))
        )
        placed = standing(evaluation, named) if follow_up and len(named) < 4 else ""
        factors = factor_considerations(evaluation, cites)
        reasons = [f for f in factors if not f.text.startswith("Warning:")][:2]
        if placed:
            direct = Statement(text=placed)
            considerations.append(Statement(text=evaluation.summary))
        elif follow_up and question.intent.kind == "reason" and reasons:
            # "why?" after a scenario: the ranking's first sentence and the factors behind it.
            head = split_sentences(evaluation.summary)[0]
            direct = Statement(
                text=_join_sentences([head, *(r.text for r in reasons)]),
                citations=tuple(n for r in reasons for n in r.citations),
            )
            considerations.append(Statement(text=evaluation.summary))
        elif rule is not None:
            direct = Statement(
                text=self._polar.opening(question, rule.citation.quote, answer="No"),
                citations=(cites.add(rule.citation),),
            )
            considerations.append(Statement(text=evaluation.summary))
            if passages:
                _, support = self._extract(question, passages, cites)
                considerations += support
        elif passages:
            direct, support = self._extract(question, passages, cites)
            verdict = self._polar.verdict(question, evaluation)
            if verdict:
                # "Should we outsource?" is answered by the ranking the same answer shows; the
                # passage (read without its own Yes/No) supports it.
                considerations.append(
                    Statement(text=YES_NO.sub("", direct.text, count=1), citations=direct.citations)
                )
                direct = self._verdict(question, verdict, evaluation, cites)
            else:
                considerations.append(Statement(text=evaluation.summary))
            considerations += support
        else:
            verdict = self._polar.verdict(question, evaluation)
            direct = Statement(text=evaluation.summary)
            if verdict:
                direct = self._verdict(question, verdict, evaluation, cites)
                considerations.append(Statement(text=evaluation.summary))
        considerations += [f for f in factors if f.text not in direct.text]
        assumed = [lower_first(i.label) for i in evaluation.inputs if i.assumed]
        notes = ("Assumed (not stated, so it moved no score): " + ", ".join(assumed) + ".",)
        route: Route = "mixed" if passages or rule is not None else "scenario"
        # Only the sources the answer cites, numbered by first use.
        direct, considerations, items = referenced(direct, considerations, cites.items)
        return Answer(
            route=route,
            kind=question.intent.kind,
            direct=direct,
            considerations=tuple(considerations),
            citations=tuple(items),
            evaluation=evaluation,
            scenario_fields=tuple(fields),
            notes=notes if assumed else (),
        )


def _rule_note(rule: FiredRule) -> str:
    """A fired rule's source, quoted: 'The knowledge base: “... less than one year”.'"""
    return f"The knowledge base: “{rule.citation.quote.strip().rstrip('.')}”."


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
        if same and first and _LEANS_BACK.search(first[0]):
            last = split_sentences(previous.text)[-1:]  # type: ignore[union-attr]
            if last:
                out[chunk.id] = last[0]
        previous = chunk
    return out


def _follows(second: Candidate, first: Candidate) -> bool:
    """Whether ``second`` can be read after ``first``: it does not lean on a sentence before it
    ("Therefore, it is ..."), or the sentence it leans on is ``first``."""
    if not _LEANS_BACK.search(second.text):
        return True
    return second.passage.id == first.passage.id and second.index == first.index + 1


def _join_sentences(texts: Sequence[str]) -> str:
    """Sentences as one paragraph; one the source leaves without a full stop (the end of a
    paragraph) gets one before the next, so two quotes never read as one sentence."""
    return " ".join(
        t if i == len(texts) - 1 or t.rstrip().endswith((".", "!", "?", ":", ";")) else f"{t}."
        for i, t in enumerate(texts)
    )


__all__ = ["DeterministicComposer", "Replies", "preceding_sentences"]
