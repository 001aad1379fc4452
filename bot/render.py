"""Plain-text rendering of answers, passages and evaluations for a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from bot.models import Answer, Evaluation, Passage
from bot.scoring.labels import factor_phrase

_WIDTH = 100


def _wrap(text: str, indent: str = "") -> str:
    return "\n".join(
        textwrap.fill(line, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
        if line
        else ""
        for line in text.splitlines()
    )


def _marks(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def render_answer_text(answer: Answer, *, width: int | None = _WIDTH) -> str:
    """The answer as plain text: the one renderer behind the CLI and Slack's fallback text.

    Args:
        answer: The answer to render.
        width: Wrap lines at this many characters; None leaves lines unwrapped (Slack).

    Returns:
        Direct answer, considerations, the ranking (scenario answers), notes, suggestions,
        then the sources with the exact quotes that the text above does not already show.
    """

    def wrap(text: str, indent: str = "") -> str:
        return _wrap(text, indent) if width else indent + text

    direct = answer.direct
    out = [wrap(f"{direct.text} {_marks(direct.citations)}".rstrip())]
    if answer.considerations:
        out += ["", "Considerations:"]
        for c in answer.considerations:
            out.append(wrap(f"- {c.text} {_marks(c.citations)}".rstrip(), "  "))
    if answer.evaluation is not None:
        # The ranking only: the considerations above already give its reasons, cited.
        out += ["", *_ranking_table(answer.evaluation)]
    for note in answer.notes:
        out += ["", wrap(note)]
    if answer.suggestions:
        out += ["", "Try:"] + [wrap(f"- {s}", "  ") for s in answer.suggestions]
    if answer.citations:
        shown = " ".join([direct.text, *(c.text for c in answer.considerations)])
        out += ["", "Sources:"]
        for cite in answer.citations:
            ref = cite.source
            out.append(wrap(f"[{cite.n}] {ref.document_title or ref.document} › {ref.label}", "  "))
            if ref.quote not in shown:
                out.append(wrap(f"“{ref.quote}”", "      "))
    return "\n".join(out)


def render_passages_text(passages: Sequence[Passage]) -> str:
    """Search results, best first."""
    if not passages:
        return "No passages found."
    out = []
    for i, p in enumerate(passages, 1):
        out.append(f"{i}. [{p.score:.4f}] {p.id}  ({p.source_title or p.source} › {p.section})")
        out.append(_wrap(p.text, "     "))
    return "\n".join(out)


def _ranking_table(evaluation: Evaluation) -> list[str]:
    label_w = max(len(s.label) for s in evaluation.ranking)
    out = [f"{'#':<3}{'Strategy':<{label_w + 2}}{'Score':>5}       Cost (onshore team = 100%)"]
    for s in evaluation.ranking:
        tie = " tie" if s.strategy in evaluation.tied else "    "
        # A policy rule can rank a strategy below others that score less: say so beside it.
        barred = any(w.severity == "never_first" for w in s.warnings)
        note = "   (ranked last by a policy rule)" if barred else ""
        out.append(
            f"{s.rank:<3}{s.label:<{label_w + 2}}{s.score:>5}{tie}   {s.cost_range.range}{note}"
        )
    return out


def render_evaluation_text(
    evaluation: Evaluation, *, sources: bool = True, summary: bool = True
) -> str:
    """Aligned ranking, fired rules, per-factor effects, assumptions, what would change the
    recommendation, and the sources they cite; labels only, never field names."""
    labels = {s.strategy: s.label for s in evaluation.ranking}
    out = [_wrap(evaluation.summary), ""] if summary else []
    out += _ranking_table(evaluation)
    cited = {c.quote: i for i, c in enumerate(evaluation.citations, 1)}
    if evaluation.rules_fired:
        out += ["", "Warnings:"]
        for rule in evaluation.rules_fired:
            ref = cited.get(rule.citation.quote, "?")
            who = ", ".join(rule.strategy_labels)
            out.append(_wrap(f"- {who}: {rule.message} [{ref}]", "  "))
    out += ["", "Factors:"]
    given = [f for f in evaluation.factors if not f.assumed]
    still = [f for f in given if not any(f.effects.values())]
    for f in given:
        if f in still:
            continue
        moved = ", ".join(f"{labels.get(k, k)} {v:+g}" for k, v in f.effects.items() if v)
        ref = cited.get(f.citation.quote, "?")
        out.append(_wrap(f"- {factor_phrase(f.label, f.value_label)}. {f.reason} [{ref}]", "  "))
        out.append(_wrap(moved, "      "))
    if still:
        refs = "".join(f"[{cited.get(f.citation.quote, '?')}]" for f in still)
        names = ", ".join(f.value_label for f in still)
        out.append(_wrap(f"- No effect on any strategy: {names} {refs}", "  "))
    assumed = [i for i in evaluation.inputs if i.assumed]
    if assumed:
        # Labels only: a value shown beside a factor left out reads as if it had been used.
        defaults = ", ".join(_lower_first(i.label) for i in assumed)
        out.append(_wrap(f"- Not given, so left out of the scores: {defaults}", "  "))
    if evaluation.sensitivity:
        out += ["", "What would change the recommendation:"]
        for change in evaluation.sensitivity:
            to = change.recommended_label
            if change.tied:
                tied = [labels.get(s, s) for s in change.tied]
                to = f"a tie between {', '.join(tied[:-1])} and {tied[-1]}"
            out.append(_wrap(f"- If {change.condition}: {to}", "  "))
    if sources and evaluation.citations:
        out += ["", "Sources:"]
        for i, c in enumerate(evaluation.citations, 1):
            out.append(
                _wrap(f"[{i}] {c.document_title or c.document} › {c.label}: “{c.quote}”", "  ")
            )
    return "\n".join(out)


def _lower_first(label: str) -> str:
    """'Local talent' -> 'local talent'; a leading acronym ('IT budget') is kept."""
    return label if len(label) > 1 and label[1].isupper() else label[:1].lower() + label[1:]
