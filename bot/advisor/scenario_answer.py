"""Parts of an answer shared by the composer's paths: numbered citations, and what a scenario
answer says besides its opening (the rule that decides it, the factors that moved it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.advisor.question import Question
from bot.advisor.select import Candidate
from bot.models import (
    Citation,
    Evaluation,
    FactorResult,
    FiredRule,
    SourceRef,
    Statement,
    Strategy,
    StrategyScore,
)
from bot.scoring.labels import factor_phrase, lower_first
from bot.text import drop_connective

MAX_FACTORS = 4
"""Factors listed in a scenario answer, at most."""
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


@dataclass
class Citations:
    """Numbers sources in order of first use, reusing a number for a repeated quote."""

    titles: Mapping[str, str]
    items: list[Citation] = field(default_factory=list)

    def add(self, ref: SourceRef) -> int:
        """Number a source (its number, 1-based, if the same quote was added before)."""
        for existing in self.items:
            if existing.source.document == ref.document and existing.source.quote == ref.quote:
                return existing.n
        if not ref.document_title:
            ref = ref.model_copy(update={"document_title": self.titles.get(ref.document, "")})
        self.items.append(Citation(n=len(self.items) + 1, source=ref))
        return len(self.items)

    def add_candidate(self, cand: Candidate) -> int:
        """Number the quote of a candidate sentence or table row (see ``add``)."""
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


def deciding_rule(
    question: Question, evaluation: Evaluation, asked: set[Strategy]
) -> FiredRule | None:
    """The never-first rule that answers a yes/no question about a strategy it rules out: one
    on a strategy the question asks about (``asked``; any, when it names none). "Should we keep
    our core platform in-house?" is not answered No by the rule against outsourcing it."""
    if not question.intent.polar:
        return None
    return next(
        (
            r
            for r in evaluation.rules_fired
            if r.severity == "never_first" and (not asked or asked & set(r.strategies))
        ),
        None,
    )


def standing(evaluation: Evaluation, strategies: set[Strategy]) -> str:
    """Where the strategies asked about rank ("what about an offshore team?" in a thread that
    described a scenario), with the first for comparison and the policy's warnings on them.

    Returns:
        E.g. "For this scenario the scoring ranks offshore insourcing (dedicated offshore team)
        third (55); onshore outsourcing is first (70)." "" when none is ranked.
    """
    asked = [s for s in evaluation.ranking if s.strategy in strategies]
    if not asked:
        return ""
    first = evaluation.ranking[0]
    top = set(evaluation.tied or (evaluation.recommended,))

    def place(s: StrategyScore) -> str:
        # A strategy tied at the top is first, whatever its position in the list.
        ordinal = "first" if s.strategy in top else _ORDINALS.get(s.rank, f"#{s.rank}")
        return f"{lower_first(s.label)} {ordinal} ({s.score})"

    text = f"For this scenario the scoring ranks {' and '.join(place(s) for s in asked)}"
    others = [s for s in evaluation.ranking if s.strategy in top and s.strategy not in strategies]
    if others and len(top) > 1 and top & strategies:
        text += f", tied with {' and '.join(lower_first(s.label) for s in others)}"
    elif others:
        text += f"; {' and '.join(lower_first(s.label) for s in others)} "
        text += f"{'is' if len(others) == 1 else 'are'} first ({first.score})"
    warnings = [w.message for s in asked for w in s.warnings]
    return text + "." + "".join(f" Warning: {m}" for m in dict.fromkeys(warnings))


def moving_factors(evaluation: Evaluation) -> list[FactorResult]:
    """The given factors that moved a score: those that moved the recommended strategy most
    first, then those that moved others most (a non-IT company raises both outsourcing
    strategies: why they rank where they do)."""
    best = evaluation.recommended
    return sorted(
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


def grounds(evaluation: Evaluation, stated: Sequence[str] = ()) -> FactorResult | None:
    """The given factor that most supports the top of the ranking: among the factors that
    raised a first-placed strategy, one the message itself states (``stated``: the fields a
    follow-up such as "what if it ran 3 years?" changes) before the others, then the one that
    raised it most; None when no given factor raised one."""
    top = set(evaluation.tied or (evaluation.recommended,))

    def lift(factor: FactorResult) -> float:
        return max((v for k, v in factor.effects.items() if k in top), default=0.0)

    raised = [f for f in moving_factors(evaluation) if lift(f) > 0]
    if not raised:
        return None
    return max(raised, key=lambda f: (f.factor in stated, lift(f)))


def ground_note(factor: FactorResult) -> str:
    """A factor and the article's words behind it, the quote's opening connective dropped:
    'Project duration: 8 months (less than one year) — “It is the preferred option for
    short-term tech projects ...”.' (the quote "Therefore, it is ...")."""
    quote = drop_connective(factor.citation.quote.strip()).rstrip(".")
    return f"{factor_phrase(factor.label, factor.value_label)} — “{quote}”."


def factor_considerations(evaluation: Evaluation, cites: Citations) -> list[Statement]:
    """Warnings, then the given factors that moved the recommended strategy most, then
    those that moved other strategies most (at most four factors)."""
    out: list[Statement] = []
    for rule in evaluation.rules_fired:
        n = cites.add(rule.citation)
        out.append(Statement(text=f"Warning: {rule.message}", citations=(n,)))
    for factor in moving_factors(evaluation)[:MAX_FACTORS]:
        n = cites.add(factor.citation)
        out.append(
            Statement(
                text=f"{factor_phrase(factor.label, factor.value_label)} — {factor.reason}",
                citations=(n,),
            )
        )
    return out


def referenced(
    direct: Statement, considerations: Sequence[Statement], items: Sequence[Citation]
) -> tuple[Statement, list[Statement], list[Citation]]:
    """Keep only the citations the statements use, renumbered 1, 2, ... in order of first use.

    Returns:
        The direct statement and the considerations with their citation numbers remapped, and
        the kept citations.
    """
    order = list(dict.fromkeys(n for s in (direct, *considerations) for n in s.citations))
    number = {old: new for new, old in enumerate(order, start=1)}
    by_n = {c.n: c for c in items}
    kept = [by_n[old].model_copy(update={"n": number[old]}) for old in order]

    def remap(s: Statement) -> Statement:
        return s.model_copy(update={"citations": tuple(number[n] for n in s.citations)})

    return remap(direct), [remap(s) for s in considerations], kept
