"""Block Kit rendering of a scenario Evaluation: ranking, warnings, factor effects, sources."""

from __future__ import annotations

from typing import Any

from bot.models import (
    STRATEGIES,
    Evaluation,
    FactorResult,
    RuleWarning,
    SourceRef,
    Strategy,
)
from bot.slack.blocks.limits import (
    MAX_BLOCKS_MESSAGE,
    MAX_FIELD_TEXT,
    MAX_HEADER_TEXT,
    MAX_SECTION_TEXT,
    fit_blocks,
    truncate,
)

# The modal lives in its own module; its names stay importable from here.
from bot.slack.blocks.modal import MODAL_CHOICES, MODAL_LABELS, render_evaluate_modal

Block = dict[str, Any]

__all__ = [
    "MODAL_CHOICES",
    "MODAL_LABELS",
    "SHORT_LABELS",
    "context",
    "effects_line",
    "escape",
    "evaluation_text",
    "header",
    "quote_line",
    "quote_ref_line",
    "ranking_fields",
    "render_evaluate_modal",
    "render_evaluation",
    "render_evaluation_blocks",
    "scenario_line",
    "section",
]

SHORT_LABELS: dict[Strategy, str] = {
    "onshore_insourcing": "Onshore in-house",
    "onshore_outsourcing": "Onshore outsourcing",
    "offshore_insourcing": "Offshore team",
    "offshore_outsourcing": "Offshore outsourcing",
}
"""Compact strategy names for per-factor effect lines."""

_MEDALS = {1: ":first_place_medal:", 2: ":second_place_medal:", 3: ":third_place_medal:"}


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(text: str, *, block_id: str | None = None) -> Block:
    """A mrkdwn section, cut to Slack's 3000-character limit."""
    block: Block = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": truncate(text, MAX_SECTION_TEXT)},
    }
    if block_id:
        block["block_id"] = block_id
    return block


def header(text: str) -> Block:
    """A header block (plain text, at most 150 characters)."""
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": truncate(text, MAX_HEADER_TEXT)},
    }


def context(*texts: str) -> Block:
    """A context block of mrkdwn texts (at most 10)."""
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": truncate(t, MAX_SECTION_TEXT)} for t in texts[:10]],
    }


def quote_line(quote: str, where: str) -> str:
    """A citation as one mrkdwn line: the exact quote in italics, then the section it is from.

    ``where`` may be a heading path ('Doc > Part > Section'); only its last heading is shown.
    """
    section_name = where.rsplit(" > ", maxsplit=1)[-1].strip()
    return f"_“{escape(quote)}”_ — {escape(section_name)}"


def quote_ref_line(citation: SourceRef) -> str:
    """A policy, onboarding or scoring source as one mrkdwn line."""
    return quote_line(citation.quote, citation.label)


def _number(value: float) -> str:
    """A signed effect: '+10', '-5', '+2.5'."""
    shown = f"{value:+.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):+d}"
    return shown.replace("-", "−")


def effects_line(effects: dict[Strategy, float]) -> str:
    """Non-zero effects per strategy, in the fixed strategy order, or 'no effect on scores'."""
    parts = [
        f"{SHORT_LABELS[s]} {_number(effects[s])}" for s in STRATEGIES if effects.get(s, 0) != 0
    ]
    return " · ".join(parts) if parts else "no effect on scores"


def ranking_fields(evaluation: Evaluation) -> list[Block]:
    """One field per strategy: place (tied strategies share one), label, score, cost range and
    warning marker."""
    fields: list[Block] = []
    places: dict[int, int] = {}  # score -> place: tied strategies share their place and medal
    for score in evaluation.ranking:
        places.setdefault(score.score, len(places) + 1)
    for score in evaluation.ranking:
        place = places[score.score]
        medal = _MEDALS.get(place, f"{place}.")
        flag = " :warning:" if score.warnings else ""
        if any(w.severity == "never_first" for w in score.warnings):
            flag += " _ranked last by a policy rule_"
        cost = score.cost_range
        text = (
            f"{medal} *{escape(score.label)}*{flag}\n"
            f"Score *{score.score}*/100 · cost {escape(cost.range)} ({escape(cost.basis)})"
        )
        fields.append({"type": "mrkdwn", "text": truncate(text, MAX_FIELD_TEXT)})
    return fields


def _grouped_warnings(evaluation: Evaluation) -> list[tuple[RuleWarning, list[str]]]:
    """Warnings grouped by rule (a rule fires once per strategy), in ranking order."""
    groups: dict[str, tuple[RuleWarning, list[str]]] = {}
    for score in evaluation.ranking:
        for warning in score.warnings:
            entry = groups.setdefault(warning.rule, (warning, []))
            entry[1].append(score.label)
    return list(groups.values())


def _lower_first(label: str) -> str:
    """A label for the middle of a sentence; a leading acronym ('IT budget') is kept."""
    return label if len(label) > 1 and label[1].isupper() else label[:1].lower() + label[1:]


def _factor_phrase(label: str, value_label: str) -> str:
    """'*Project duration*: 6 months (...)', or just the value when it names the factor."""
    if label.lower() in value_label.lower():
        return f"*{escape(value_label[:1].upper() + value_label[1:])}*"
    return f"*{escape(label)}*: {escape(value_label)}"


def _factor_block(factor: FactorResult) -> Block:
    if factor.assumed:
        return section(
            f"*{escape(factor.label)}*: not given, so it moves no score "
            f"(shown as {escape(factor.value_label)})"
        )
    text = (
        f"{_factor_phrase(factor.label, factor.value_label)} — {escape(factor.reason)}\n"
        f"{effects_line(factor.effects)}"
    )
    return section(text)


def scenario_line(evaluation: Evaluation) -> str:
    """The evaluated scenario in people's words; values not given are marked as such."""
    parts = [
        f"{escape(_lower_first(i.label))}: _not given_" if i.assumed else escape(i.value_label)
        for i in evaluation.inputs
    ]
    return "*Scenario:* " + " · ".join(parts)


def _assumed_labels(evaluation: Evaluation) -> list[str]:
    return [_lower_first(i.label) for i in evaluation.inputs if i.assumed]


def _change_lines(evaluation: Evaluation) -> list[str]:
    """'If the project ran longer than a year: Offshore insourcing (...)', one per change."""
    labels = {s.strategy: s.label for s in evaluation.ranking}
    lines = []
    for change in evaluation.sensitivity:
        to = change.recommended_label
        if change.tied:
            names = [labels.get(s, change.recommended_label) for s in change.tied]
            to = f"a tie between {', '.join(names[:-1])} and {names[-1]}"
        lines.append(f"If {change.condition}: {to}")
    return lines


def _recommended_label(evaluation: Evaluation) -> str:
    for score in evaluation.ranking:
        if score.strategy == evaluation.recommended:
            return score.label
    return evaluation.recommended


def evaluation_text(evaluation: Evaluation) -> str:
    """The plain-text fallback: summary, ranking and warnings."""
    lines = [evaluation.summary, ""]
    for score in evaluation.ranking:
        lines.append(
            f"{score.rank}. {score.label}: {score.score}/100, cost {score.cost_range.range} "
            f"({score.cost_range.basis})"
        )
    for warning, labels in _grouped_warnings(evaluation):
        lines.append(f"Warning ({', '.join(labels)}): {warning.message}")
    assumed = _assumed_labels(evaluation)
    if assumed:
        lines.append(f"Not given, so left out of the scores: {', '.join(assumed)}")
    return "\n".join(lines)


def render_evaluation_blocks(evaluation: Evaluation, *, title: str | None = None) -> list[Block]:
    """The blocks of an evaluation (no size fitting), to embed in another message.

    Args:
        evaluation: The scoring result.
        title: Header text; None leaves the header out (e.g. inside an answer).

    Returns:
        Block dicts: header, summary, ranking, warnings, factors with quotes, assumptions.
    """
    blocks: list[Block] = []
    if title is not None:
        blocks.append(header(title))
    label = escape(_recommended_label(evaluation))
    summary = escape(evaluation.summary)
    # The scorer's summary usually names the recommendation (or each strategy of a tie at the
    # top, the later ones in lower case) already: bold them there.
    top = evaluation.tied or (evaluation.recommended,)
    names = [escape(s.label) for s in evaluation.ranking if s.strategy in top]
    if label in summary:
        for i, name in enumerate(names):
            shown = name if i == 0 else _lower_first(name)
            summary = summary.replace(shown, f"*{shown}*", 1)
        blocks.append(section(summary))
    else:
        blocks.append(section(f"*Recommended: {label}*\n{summary}"))
    blocks.append(context(scenario_line(evaluation)))
    blocks.append({"type": "section", "fields": ranking_fields(evaluation)})
    warnings = _grouped_warnings(evaluation)
    if warnings:
        blocks.append(section("*:warning: Policy warnings*"))
        for warning, labels in warnings:
            blocks.append(section(f"*{escape(', '.join(labels))}*: {escape(warning.message)}"))
            blocks.append(context(quote_ref_line(warning.citation)))
    blocks.append({"type": "divider"})
    blocks.append(section("*Why: each factor's effect on the scores*"))
    for factor in evaluation.factors:
        blocks.append(_factor_block(factor))
        if not factor.assumed:
            blocks.append(context(quote_ref_line(factor.citation)))
    changes = _change_lines(evaluation)
    if changes:
        lines = "\n".join(f"• {escape(line)}" for line in changes)
        blocks.append(section(f"*What would change the recommendation*\n{lines}"))
    assumed = _assumed_labels(evaluation)
    if assumed:
        blocks.append(
            context(f"Not given, so left out of the scores: {escape(', '.join(assumed))}")
        )
    return blocks


def render_evaluation(evaluation: Evaluation) -> tuple[str, list[Block]]:
    """Render an evaluation as a message within Block Kit limits.

    Args:
        evaluation: The scoring result.

    Returns:
        The fallback text and at most 50 blocks.
    """
    blocks = render_evaluation_blocks(evaluation, title="Sourcing evaluation")
    fitted = fit_blocks(
        blocks,
        MAX_BLOCKS_MESSAGE,
        lambda n: context(f"{n} more blocks left out to fit Slack's message size."),
    )
    return truncate(evaluation_text(evaluation), MAX_SECTION_TEXT), fitted
