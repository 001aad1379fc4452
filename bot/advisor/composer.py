"""The deterministic composer: grounded, extractive answers with numbered citations (no LLM)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.advisor import select
from bot.advisor.lexicon import Lexicon
from bot.advisor.question import Question
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
from bot.advisor.tables import grid_statement, row_statement
from bot.models import (
    Answer,
    Citation,
    Evaluation,
    FiredRule,
    Passage,
    Route,
    SourceRef,
    Statement,
    Strategy,
    TableRow,
)
from bot.text import split_sentences

_MAX_FACTORS = 4
TABLE_MATCH = 0.5
"""A table row joins the candidates when it holds this weighted share of the question."""
MAX_TABLE_ROWS = 3
"""At most this many rows join the candidates that way."""
# A sentence opening with one of these leans on the sentence before it ("Therefore, it is ...").
_LEANS_BACK = re.compile(r"^(therefore|thus|so|hence|consequently|this|these|it|they)\b", re.I)
# A discourse connective that opens a quoted sentence reads oddly after "Yes:" or "No:".
_CONNECTIVE = re.compile(
    r"^(however|thus|therefore|hence|additionally|moreover|conversely|on the other hand|"
    r"in contrast|for such reasons|in light of these considerations|in a nutshell),\s+",
    re.IGNORECASE,
)
_YES_NO = re.compile(r"^(Yes|No): ")
_LIMIT_TO = re.compile(r"\blimit\b.*?\bto\b(.*)", re.IGNORECASE)
_STRATEGY_WORDS = {
    "outsource": "outsource outsourcing service provider",
    "offshore": "offshore offshoring",
    "onshore": "onshore",
    "inhouse": "in-house insourcing",
}
"""Words naming the sides of the strategy grid (matched as the vocabulary's concepts, so
"vendor", "abroad" or "our own team" count too)."""
_CLAUSE = re.compile(r"\s[–—-]\s|;\s|:\s")
# Cues that the quoted sentence says no to what a yes/no question proposes.
_SAYS_NO = re.compile(
    r"\b(never|not|no|cannot|can't|won't|should limit|deal breaker|may not)\b", re.IGNORECASE
)
_ASKS_SAME = re.compile(r"\b(same|identical|interchangeabl\w*|synonyms?)\b", re.IGNORECASE)
_SAYS_DIFFERENT = re.compile(r"\b(distinct|different|differs?|difference)\b", re.IGNORECASE)
# A relative clause describes something ("skills that may not be available locally"): a cue
# inside it does not answer the question.
_RELATIVE = re.compile(r"\b(that|which|who)\b[^,;–—]*", re.IGNORECASE)


@dataclass
class _Citations:
    """Numbers sources in order of first use, reusing a number for a repeated quote."""

    titles: Mapping[str, str]
    items: list[Citation] = field(default_factory=list)

    def add(self, ref: SourceRef) -> int:
        for existing in self.items:
            if existing.source.document == ref.document and existing.source.quote == ref.quote:
                return existing.n
        if not ref.document_title:
            ref = ref.model_copy(update={"document_title": self.titles.get(ref.document, "")})
        self.items.append(Citation(n=len(self.items) + 1, source=ref))
        return len(self.items)

    def add_candidate(self, cand: Candidate) -> int:
        p = cand.passage
        return self.add(
            SourceRef(
                document=p.source,
                section=p.section_id,
                section_path=p.section,
                document_title=p.source_title,
                quote=cand.quote,
            )
        )


@dataclass(frozen=True)
class Replies:
    """What the bot says when it does not answer from the knowledge base."""

    topics: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    def covers(self) -> str:
        """One sentence naming what the knowledge base covers."""
        if not self.topics:
            return "Ask about sourcing software development: outsourcing, offshoring or in-house."
        return "It covers " + "; ".join(self.topics) + "."


class DeterministicComposer:
    """Writes answers only from retrieved passages and the scoring tool's output."""

    def __init__(
        self,
        *,
        document_titles: Mapping[str, str],
        lexicon: Lexicon,
        tables: Mapping[str, TableRow],
        replies: Replies = Replies(),
    ) -> None:
        self._titles = dict(document_titles)
        self._lexicon = lexicon
        self._tables = tables
        self._replies = replies
        # Table rows are looked up by concept as well as retrieved: a figure or a grid answers
        # its question even when the row ranks low among prose passages.
        self._row_concepts = {
            cid: lexicon.concepts(f"{row.section} {row_statement(row)}")
            for cid, row in tables.items()
        }
        self._grid_tables = grid_tables(tables)
        # The knowledge base's words for each side of the strategy grid, as concepts.
        self._markers = {
            name: lexicon.concepts(words) - lexicon.generic
            for name, words in _STRATEGY_WORDS.items()
        }
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

    def knowledge(self, question: Question, passages: Sequence[Passage]) -> Answer:
        """Answer from passages: the sentence that best answers first, then 2-4 supports."""
        cites = _Citations(self._titles)
        direct, considerations = self._extract(question, passages, cites)
        return Answer(
            route="knowledge",
            kind=question.intent.kind,
            direct=direct,
            considerations=tuple(considerations),
            citations=tuple(cites.items),
        )

    def _extract(
        self, question: Question, passages: Sequence[Passage], cites: _Citations
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
        lead = self._figures_lead(question, ranked) or ranked[0]
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
                and runner.match >= select.WEIGHTS.second_share * lead.match
                and runner.candidate.quote not in direct_cands[0].quote
                and _follows(runner.candidate, lead.candidate)
            ):
                direct_cands.append(runner.candidate)
            text = _join_sentences([c.text for c in direct_cands])
        # A table row states cells, not a claim to read yes or no from.
        if question.intent.polar and question.intent.kind != "figures" and not lead.candidate.row:
            text = self._yes_no(question, text)
        direct = Statement(
            text=text, citations=tuple(dict.fromkeys(cites.add_candidate(c) for c in direct_cands))
        )
        support = supporting(ranked, direct=direct_cands)
        considerations = [
            Statement(text=s.candidate.text, citations=(cites.add_candidate(s.candidate),))
            for s in support
        ]
        return direct, considerations

    @staticmethod
    def _figures_lead(question: Question, ranked: Sequence[Scored]) -> Scored | None:
        """For a figures question, the best table row stating figures that holds nearly as much
        of the question as the best candidate: figures are answered with the table's numbers
        and their baseline, not with prose about cost."""
        if question.intent.kind != "figures" or not ranked:
            return None
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

    def _with_context(self, cand: Candidate) -> Candidate:
        """The candidate, joined to the sentence it leans on when it opens with 'Therefore'."""
        if cand.row is not None or cand.index == 0 or not _LEANS_BACK.search(cand.text):
            return cand
        previous = next(
            (c for c in candidates([cand.passage], self._tables) if c.index == cand.index - 1),
            None,
        )
        if previous is None or self._lexicon.is_framing(previous.text):
            return cand
        text = f"{previous.text} {cand.text}"
        return Candidate(cand.passage, cand.rank, previous.index, text, text)

    def _yes_no(self, question: Question, text: str, *, answer: str = "") -> str:
        """Open a yes/no answer with its answer: given, or read from the clause of the first
        sentence that shares most with the question ("it only makes sense for non-IT ...")."""
        if not answer:
            first = split_sentences(text)[0] if text else ""
            clauses = [c for c in _CLAUSE.split(first) if c.strip()] or [first]
            clause = max(clauses, key=lambda c: len(question.concepts & self._lexicon.concepts(c)))
            says_no = _SAYS_NO.search(_RELATIVE.sub(" ", clause))
            scope = _LIMIT_TO.search(clause)
            if scope and question.concepts & self._lexicon.concepts(scope.group(1)):
                says_no = None  # "limit outsourcing to short-term projects": yes to those
            # "Are they the same thing?" is answered no by "... two distinct concepts".
            differs = _ASKS_SAME.search(question.text) and _SAYS_DIFFERENT.search(first)
            answer = "No" if says_no or differs else "Yes"
        body = _CONNECTIVE.sub("", text, count=1)
        body = body[:1].lower() + body[1:] if body[1:2].islower() else body
        return f"{answer}: {body}"

    # --- scenarios ------------------------------------------------------------------------

    def scenario(
        self,
        question: Question,
        evaluation: Evaluation,
        *,
        fields: Sequence[str],
        passages: Sequence[Passage] = (),
    ) -> Answer:
        """A scenario answer: the policy's rule when one decides a yes/no question ("Should we
        outsource our core platform?" -> No, with the rule's source), else the best passage
        (mixed) or the evaluation's summary; then the summary, warnings and the factors that
        moved the recommendation. Assumed values are listed as assumed, never as reasons."""
        cites = _Citations(self._titles)
        considerations: list[Statement] = []
        rule = self._deciding_rule(question, evaluation)
        if rule is not None:
            direct = Statement(
                text=self._yes_no(question, rule.citation.quote, answer="No"),
                citations=(cites.add(rule.citation),),
            )
            considerations.append(Statement(text=evaluation.summary))
            if passages:
                _, support = self._extract(question, passages, cites)
                considerations += support
        elif passages:
            direct, support = self._extract(question, passages, cites)
            verdict = self._verdict(question, evaluation)
            if verdict:
                # "Should we outsource?" is answered by the ranking the same answer shows; the
                # passage (read without its own Yes/No) supports it.
                considerations.append(
                    Statement(
                        text=_YES_NO.sub("", direct.text, count=1), citations=direct.citations
                    )
                )
                direct = Statement(text=verdict)
            else:
                considerations.append(Statement(text=evaluation.summary))
            considerations += support
        else:
            verdict = self._verdict(question, evaluation)
            direct = Statement(text=verdict or evaluation.summary)
            if verdict:
                considerations.append(Statement(text=evaluation.summary))
        considerations += self._factor_considerations(evaluation, cites)
        assumed = [i.label.lower() for i in evaluation.inputs if i.assumed]
        notes = ("Assumed (not stated, so it moved no score): " + ", ".join(assumed) + ".",)
        route: Route = "mixed" if passages or rule is not None else "scenario"
        return Answer(
            route=route,
            kind=question.intent.kind,
            direct=direct,
            considerations=tuple(considerations),
            citations=tuple(cites.items),
            evaluation=evaluation,
            scenario_fields=tuple(fields),
            notes=notes if assumed else (),
        )

    def _verdict(self, question: Question, evaluation: Evaluation) -> str:
        """For a yes/no question about a strategy ("We're a tech company, should we
        outsource?"): Yes when the ranking puts it first, No when it does not; "" when the
        question names no strategy or a tie leaves it open."""
        if not question.intent.polar:
            return ""
        asked = self._asked(question)
        if not asked:
            return ""
        top = set(evaluation.tied or (evaluation.recommended,))
        if top <= asked:
            answer = "Yes"
        elif not top & asked:
            answer = "No"
        else:
            return ""
        first = evaluation.ranking[0]
        names = " and ".join(r.label for r in evaluation.ranking if r.strategy in top)
        tie = ", a tie" if len(top) > 1 else ""
        text = f"{answer}: for this scenario the scoring ranks {names} first ({first.score}{tie})"
        if answer == "No":
            best = next(s for s in evaluation.ranking if s.strategy in asked)
            text += f" and {best.label.lower()} {_ordinal(best.rank)} ({best.score})"
        return text + "."

    def _asked(self, question: Question) -> set[Strategy]:
        """The strategies a question names: outsourcing (onshore or offshore, narrowed when it
        says which), else an offshore team, else an in-house team; none when it names none."""
        has = {name: bool(question.concepts & found) for name, found in self._markers.items()}
        if has["outsource"]:
            if has["offshore"] and not has["onshore"]:
                return {"offshore_outsourcing"}
            if has["onshore"] and not has["offshore"]:
                return {"onshore_outsourcing"}
            return {"onshore_outsourcing", "offshore_outsourcing"}
        if has["offshore"]:
            return {"offshore_insourcing"}
        if has["inhouse"] or has["onshore"]:
            return {"onshore_insourcing"}
        return set()

    @staticmethod
    def _deciding_rule(question: Question, evaluation: Evaluation) -> FiredRule | None:
        """The never-first rule that answers a yes/no question about a strategy it rules out."""
        if not question.intent.polar:
            return None
        return next((r for r in evaluation.rules_fired if r.severity == "never_first"), None)

    @staticmethod
    def _factor_considerations(evaluation: Evaluation, cites: _Citations) -> list[Statement]:
        """Warnings, then the given factors that moved the recommended strategy most, then
        those that moved other strategies most (at most four factors)."""
        out: list[Statement] = []
        for rule in evaluation.rules_fired:
            n = cites.add(rule.citation)
            out.append(Statement(text=f"Warning: {rule.message}", citations=(n,)))
        best = evaluation.recommended
        # Factors that moved the recommended strategy first, then those that moved others (a
        # non-IT company raises both outsourcing strategies: why they rank where they do).
        moving = sorted(
            (
                f
                for f in evaluation.factors
                if not f.assumed and any(v != 0 for v in f.effects.values())
            ),
            key=lambda f: (
                -abs(f.effects.get(best, 0)),
                -max(abs(v) for v in f.effects.values()),
            ),
        )
        for factor in moving[:_MAX_FACTORS]:
            n = cites.add(factor.citation)
            out.append(
                Statement(
                    text=f"{factor.label}: {factor.value_label} — {factor.reason}", citations=(n,)
                )
            )
        return out

    # --- not answering ---------------------------------------------------------------------

    def _declined(
        self, question: Question, *, route: Route, text: str, covers: bool, examples: int
    ) -> Answer:
        """An answer that does not answer from the knowledge base: why, and what to try."""
        return Answer(
            route=route,
            kind=question.intent.kind,
            direct=Statement(text=text),
            notes=(self._replies.covers(),) if covers else (),
            suggestions=self._replies.examples[:examples],
            covered=False,
        )

    def not_covered(self, question: Question, *, gap: str = "") -> Answer:
        """Say plainly that the knowledge base does not cover the question (naming the gap's
        topic when the question names one: "doesn't cover tax and legal set-up"), and what it
        does cover."""
        text = f"The knowledge base doesn't cover {gap or 'that'}, so I won't guess."
        return self._declined(question, route="knowledge", text=text, covers=True, examples=3)

    def out_of_scope(self, question: Question) -> Answer:
        """Decline an off-topic request politely and say what the bot is for."""
        text = (
            "That's outside what I can help with: I advise on sourcing software development, "
            "from the knowledge base."
        )
        return self._declined(question, route="out_of_scope", text=text, covers=True, examples=3)

    def other_language(self, question: Question) -> Answer:
        """Say that the bot answers in English, from an English knowledge base."""
        text = (
            "I can only answer in English, from an English knowledge base: please ask your "
            "question in English."
        )
        return self._declined(question, route="out_of_scope", text=text, covers=False, examples=2)

    def small_talk(self, question: Question) -> Answer:
        """A short friendly reply to a greeting, thanks or a request for help."""
        kind = question.intent.small_talk
        if kind == "thanks":
            return Answer(route="small_talk", direct=Statement(text="You're welcome!"))
        opening = "Hi! " if kind == "greeting" else ""
        return Answer(
            route="small_talk",
            direct=Statement(
                text=f"{opening}I answer questions about sourcing software development "
                "(building in-house, outsourcing onshore or offshore, or a dedicated offshore "
                "team) from the knowledge base, citing it, and I can evaluate a scenario."
            ),
            notes=(self._replies.covers(),),
            suggestions=self._replies.examples,
        )


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth"}.get(n, f"#{n}")


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


__all__ = ["DeterministicComposer", "Replies"]
