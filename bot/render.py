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


def _marks(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def render_answer_text(answer: Answer, *, width: int | None = _WIDTH, route: bool = True) -> str:
    """The answer as plain text: the one renderer behind the CLI and Slack's fallback text.

    Args:
        answer: The answer to render.
        width: Wrap lines at this many characters; None leaves lines unwrapped (Slack).
        route: End with a ``(route: ...)`` line, for the terminal.

    Returns:
        Direct answer, evaluation (if any), considerations, notes, suggestions, then the sources
        with the exact quotes that the text above does not already show.
    """

    def wrap(text: str, indent: str = "") -> str:
        return _wrap(text, indent) if width else indent + text

    direct = answer.direct
    out = [wrap(f"{direct.text} {_marks(direct.citations)}".rstrip())]
    if answer.evaluation is not None:
        out += ["", render_evaluation_text(answer.evaluation, sources=False, summary=False)]
    if answer.considerations:
        out += ["", "Considerations:"]
        for c in answer.considerations:
            out.append(wrap(f"- {c.text} {_marks(c.citations)}".rstrip(), "  "))
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
    if route:
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
            out.append(
                _wrap(f"[{i}] {c.document_title or c.document} › {c.label}: “{c.quote}”", "  ")
            )
    return "\n".join(out)
