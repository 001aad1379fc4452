"""The deterministic composer: grounded, extractive answers with numbered citations (no LLM)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.advisor.text import normalise_space, overlap, split_sentences, terms
from bot.models import Answer, Citation, Evaluation, Passage, Route, SourceRef, Statement

_MAX_CONSIDERATIONS = 4
_MAX_FACTORS = 4

CAPABILITIES = (
    "I can answer questions about sourcing software development from the knowledge base: "
    "outsourcing versus offshoring, the four strategies "
    "(onshore/offshore × insourcing/outsourcing), "
    "cost, control and management, scalability, the Model Comparison table and when to choose "
    "each model. I can also evaluate a scenario, e.g. `/sourcing evaluate duration=18m core=no "
    "company=non-it`."
)


@dataclass
class _Citations:
    """Numbers citations in first-use order, reusing a number for a repeated quote."""

    titles: Mapping[str, str]
    items: list[Citation] = field(default_factory=list)

    def add_ref(self, ref: SourceRef) -> int:
        for existing in self.items:
            if existing.source.document == ref.document and existing.source.quote == ref.quote:
                return existing.n
        n = len(self.items) + 1
        if not ref.document_title:
            ref = ref.model_copy(update={"document_title": self.titles.get(ref.document, "")})
        self.items.append(Citation(n=n, source=ref))
        return n

    def add_passage(self, passage: Passage, quote: str) -> int:
        return self.add_ref(
            SourceRef(
                document=passage.source,
                section=passage.section_id,
                section_path=passage.section,
                document_title=passage.source_title,
                quote=quote,
            )
        )


def _is_table_row(passage: Passage) -> bool:
    return " | " in passage.text and ": " in passage.text.split(" | ", 1)[0]


def _row_values(row: str) -> str:
    """A labelled row without its column headers: the label and the cell values."""
    head, *rest = row.split(" | ")
    label, _, first = head.partition(": ")
    return " ".join([label, first.split(": ", 1)[-1], *(cell.split(": ", 1)[-1] for cell in rest)])


def _best_sentence(query_terms: Sequence[str], passage: Passage) -> tuple[int, str]:
    """The passage sentence sharing most terms with the query (table rows are quoted whole)."""
    if _is_table_row(passage) or len(passage.text) <= 300:
        return overlap(query_terms, passage.text), normalise_space(passage.text)
    best = (-1, "")
    for sentence in split_sentences(passage.text):
        score = overlap(query_terms, sentence)
        if score > best[0]:
            best = (score, sentence)
    return best


def _table_answer(query_terms: Sequence[str], row: str) -> str:
    """From a labelled table row, the row label and the cells the question asks about.

    Cells are copied verbatim; the first (default) column is kept as the point of comparison.
    """
    head, *rest = row.split(" | ")
    label, first = head.split(": ", 1)
    cells = [first, *rest]
    wanted = [c for c in cells[1:] if overlap(query_terms, c)]
    if not wanted:
        return row
    return f"{label} — " + "; ".join([cells[0], *wanted])


class DeterministicComposer:
    """Writes answers only from retrieved passages and the scoring tool's output."""

    def __init__(self, *, document_titles: Mapping[str, str]) -> None:
        self._titles = dict(document_titles)

    def knowledge(self, question: str, passages: Sequence[Passage]) -> Answer:
        """A knowledge answer: the best-matching sentence first, then supporting passages."""
        return self._compose(question=question, passages=passages, evaluation=None, fields=())

    def scenario(
        self,
        question: str,
        evaluation: Evaluation,
        *,
        fields: Sequence[str],
        passages: Sequence[Passage] = (),
    ) -> Answer:
        """A scenario answer (mixed when passages are given): the evaluation's summary first."""
        return self._compose(
            question=question, passages=passages, evaluation=evaluation, fields=tuple(fields)
        )

    def not_covered(self, question: str) -> Answer:
        """Say plainly that the knowledge base does not cover the question."""
        direct = "The knowledge base does not cover this question, so I won't guess."
        return Answer(
            route="knowledge", direct=Statement(text=direct), notes=(CAPABILITIES,), covered=False
        )

    def out_of_scope(self, question: str) -> Answer:
        """Decline politely and say what the bot is for."""
        direct = (
            "That is outside what I can help with: I only advise on sourcing software development."
        )
        return Answer(
            route="out_of_scope",
            direct=Statement(text=direct),
            notes=(CAPABILITIES,),
            covered=False,
        )

    def _compose(
        self,
        *,
        question: str,
        passages: Sequence[Passage],
        evaluation: Evaluation | None,
        fields: tuple[str, ...],
    ) -> Answer:
        cites = _Citations(self._titles)
        query_terms = terms(question)
        considerations: list[Statement] = []
        direct = Statement(text="")
        extra = ""
        if evaluation is not None:
            direct = Statement(text=evaluation.summary)
            # Number the evaluation's own citations first so [n] means the same everywhere.
            for ref in evaluation.citations:
                cites.add_ref(ref)
            considerations += self._factor_considerations(evaluation, cites)
            if evaluation.assumed:
                extra = "Assumed (not stated): " + ", ".join(evaluation.assumed) + "."
        quoted = self._passage_quotes(query_terms, passages)
        for i, (passage, quote) in enumerate(quoted):
            n = cites.add_passage(passage, quote)
            if i == 0:
                lead = _table_answer(query_terms, quote) if _is_table_row(passage) else quote
                # In a mixed answer the passage answers the question; the summary follows it.
                text = f"{lead}" + (f"\n\n{direct.text}" if direct.text else "")
                direct = Statement(text=text, citations=(n,))
                continue
            if len(considerations) < _MAX_CONSIDERATIONS + (_MAX_FACTORS if evaluation else 0):
                considerations.append(Statement(text=quote, citations=(n,)))
        route: Route = "knowledge"
        if evaluation is not None:
            route = "mixed" if passages else "scenario"
        return Answer(
            route=route,
            notes=(extra,) if extra else (),
            direct=direct,
            considerations=tuple(considerations),
            citations=tuple(cites.items),
            evaluation=evaluation,
            scenario_fields=fields,
        )

    @staticmethod
    def _passage_quotes(
        query_terms: Sequence[str], passages: Sequence[Passage]
    ) -> list[tuple[Passage, str]]:
        """Quotes to use, the direct answer first.

        The direct answer comes from the best-ranked of the top three passages that shares a term
        with the question and is not a mere lead-in ("Here is our breakdown ...:"). Other passages
        are kept only when they match at least two thirds as well as the best one (table rows are
        matched on their label and values, not their column headers, which every row shares).
        """
        scored = []
        for rank, passage in enumerate(passages):
            score, quote = _best_sentence(query_terms, passage)
            if not quote:
                continue
            lead_in = quote.endswith(":")
            if _is_table_row(passage):
                values_score = overlap(query_terms, _row_values(passage.text))
            else:
                values_score = score
            scored.append((rank, passage, quote, 0 if lead_in else score, values_score))
        if not scored:
            return []
        lead = next((item for item in scored[:3] if item[3] > 0), scored[0])
        top = max(item[4] for item in scored)
        picked = [(lead[1], lead[2])]
        seen = {lead[2]}
        for _, passage, quote, score, values_score in scored:
            if quote in seen or score <= 0 or values_score * 3 < top * 2:
                continue
            seen.add(quote)
            picked.append((passage, quote))
        return picked

    @staticmethod
    def _factor_considerations(evaluation: Evaluation, cites: _Citations) -> list[Statement]:
        """Warnings, then the factors that moved the recommended strategy most."""
        out: list[Statement] = []
        seen_rules: set[str] = set()
        for entry in evaluation.ranking:
            for warning in entry.warnings:
                if warning.rule in seen_rules:
                    continue
                seen_rules.add(warning.rule)
                n = cites.add_ref(warning.citation)
                out.append(Statement(text=f"Warning: {warning.message}", citations=(n,)))
        best = evaluation.recommended
        moving = sorted(
            (f for f in evaluation.factors if f.effects.get(best, 0) != 0),
            key=lambda f: -abs(f.effects.get(best, 0)),
        )
        for factor in moving[:_MAX_FACTORS]:
            n = cites.add_ref(factor.citation)
            delta = factor.effects.get(best, 0)
            out.append(
                Statement(
                    text=f"{factor.label} ({factor.value}): {factor.reason} "
                    f"({delta:+g} for {best.replace('_', ' ')})",
                    citations=(n,),
                )
            )
        return out
