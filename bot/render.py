"""Plain-text rendering of answers, passages and evaluations for a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from bot.models import Answer, Evaluation, Passage

_WIDTH = 100


def _wrap(text: str, indent: str = "") -> str:
    return "\n".join(
        textwrap.fill(line, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
        if line
        else ""
        for line in text.splitlines()
    )


def render_answer_text(answer: Answer) -> str:
    """The answer as a person reads it in a terminal: answer, considerations, sources."""
    out = [_wrap(answer.direct)]
    if answer.evaluation is not None:
        out += ["", render_evaluation_text(answer.evaluation, sources=False, summary=False)]
    if answer.considerations:
        out += ["", "Considerations:"]
        for c in answer.considerations:
            refs = "".join(f"[{n}]" for n in c.citations)
            out.append(_wrap(f"- {c.text} {refs}", "  "))
    if not answer.covered:
        out += ["", _wrap(answer.text.split("\n\n", 1)[-1])]
    if answer.citations:
        shown = " ".join([answer.direct, *(c.text for c in answer.considerations)])
        out += ["", "Sources:"]
        for cite in answer.citations:
            out.append(_wrap(f"[{cite.n}] {cite.source_title} › {cite.section}", "  "))
            if cite.quote not in shown:
                out.append(_wrap(f"“{cite.quote}”", "      "))
    out += ["", f"(route: {answer.route}" + ("" if answer.covered else ", not covered") + ")"]
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


def render_evaluation_text(
    evaluation: Evaluation, *, sources: bool = True, summary: bool = True
) -> str:
    """Aligned ranking, warnings, per-factor effects and the sources they cite."""
    label_w = max(len(s.label) for s in evaluation.ranking)
    out = [_wrap(evaluation.summary), ""] if summary else []
    out.append(f"{'#':<3}{'Strategy':<{label_w + 2}}{'Score':>5}   Cost (onshore team = 100%)")
    for s in evaluation.ranking:
        out.append(f"{s.rank:<3}{s.label:<{label_w + 2}}{s.score:>5}   {s.cost_range.range}")
    warnings = [w for s in evaluation.ranking for w in s.warnings]
    if warnings:
        out += ["", "Warnings:"]
        out += [_wrap(f"- {w.strategy}: {w.message}", "  ") for w in warnings]
    cited = {c.quote: i for i, c in enumerate(evaluation.citations, 1)}
    out += ["", "Factors:"]
    still = [f for f in evaluation.factors if not any(f.effects.values())]
    for f in evaluation.factors:
        if f in still:
            continue
        moved = ", ".join(f"{k} {v:+g}" for k, v in f.effects.items() if v)
        value = f.value
        if f.factor == "duration_months":
            value = f"{evaluation.scenario.duration_months} months ({f.value.replace('_', ' ')})"
        ref = cited.get(f.citation.quote, "?")
        out.append(_wrap(f"- {f.label} = {value}: {f.reason} [{ref}]", "  "))
        out.append(_wrap(moved, "      "))
    if still:
        refs = "".join(f"[{cited.get(f.citation.quote, '?')}]" for f in still)
        names = ", ".join(f"{f.label.lower()} ({f.value.replace('_', ' ')})" for f in still)
        out.append(_wrap(f"- No effect on any strategy: {names} {refs}", "  "))
    if evaluation.assumed:
        out += ["", _wrap("Assumed (not given): " + ", ".join(evaluation.assumed))]
    if sources:
        out += ["", "Sources:"]
        for i, c in enumerate(evaluation.citations, 1):
            out.append(_wrap(f"[{i}] {c.source} › {c.section}: “{c.quote}”", "  "))
    return "\n".join(out)
