"""Block Kit rendering of the primer: what the bot does, strategies, hard rules, relative costs."""

from __future__ import annotations

from typing import Any

from bot.models import Primer
from bot.slack import ids
from bot.slack.blocks.evaluation import (
    SHORT_LABELS,
    context,
    escape,
    header,
    quote_ref_line,
    section,
)
from bot.slack.blocks.limits import MAX_BLOCKS_MESSAGE, fit_blocks

Block = dict[str, Any]


def button(text: str, action_id: str, *, value: str = "", style: str | None = None) -> Block:
    """A plain-text button."""
    block: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
    }
    if value:
        block["value"] = value
    if style:
        block["style"] = style
    return block


def primer_actions(*, walkthrough_label: str = "Start the walkthrough") -> Block:
    """Buttons: start (or resume) the walkthrough, open the evaluate form."""
    return {
        "type": "actions",
        "elements": [
            button(walkthrough_label, ids.ACTION_START_WALKTHROUGH, value="start", style="primary"),
            button("Evaluate a scenario", ids.ACTION_OPEN_EVALUATE, value="open"),
        ],
    }


def strategy_blocks(primer: Primer) -> list[Block]:
    """The four strategies, each with its definition and source quote."""
    blocks = [section("*The four strategies* (who does the work x where)")]
    for item in primer.strategies:
        blocks.append(section(f"*{escape(item.label)}*: {escape(item.definition)}"))
        blocks.append(context(quote_ref_line(item.citation)))
    return blocks


def rule_blocks(primer: Primer) -> list[Block]:
    """The hard rules: when each applies, which strategies it flags, and its source quote."""
    blocks = [section("*Hard rules* (the policy always warns about these)")]
    for rule in primer.rules:
        flagged = ", ".join(SHORT_LABELS[s] for s in rule.strategies)
        blocks.append(
            section(f"*When: {escape(rule.when)}* → {escape(flagged)}\n{escape(rule.message)}")
        )
        blocks.append(context(quote_ref_line(rule.citation)))
    return blocks


def comparison_blocks(primer: Primer) -> list[Block]:
    """The Model Comparison cost row in plain terms, one strategy per block, with quotes."""
    blocks = [section(f"*What it costs*\n{escape(primer.comparison_intro)}")]
    for row in primer.comparison:
        stated = row.range != "not stated"
        figure = f"{row.range} ({row.basis})" if stated else row.range
        text = f"*{escape(row.label)}*: *{escape(figure)}*\n{escape(row.plain)}"
        if not stated and row.note:
            # Says why the quote shown next is not a table figure (e.g. prose on a project basis).
            text += f"\n_{escape(row.note)}_"
        blocks.append(section(text))
        if row.citation is not None:
            blocks.append(context(quote_ref_line(row.citation)))
    return blocks


def primer_blocks(primer: Primer) -> list[Block]:
    """Intro, strategies, rules and costs (no header, no buttons), to embed in a surface."""
    return [
        section(escape(primer.intro)),
        {"type": "divider"},
        *strategy_blocks(primer),
        {"type": "divider"},
        *rule_blocks(primer),
        {"type": "divider"},
        *comparison_blocks(primer),
    ]


def primer_text(primer: Primer) -> str:
    """The plain-text fallback of the primer."""
    lines = [primer.title, primer.intro, "", "The four strategies:"]
    lines.extend(f"- {s.label}: {s.definition}" for s in primer.strategies)
    lines.append("Hard rules:")
    lines.extend(f"- When {r.when}: {r.message}" for r in primer.rules)
    lines.append("What it costs (Model Comparison):")
    lines.extend(f"- {c.label}: {c.range}. {c.plain}" for c in primer.comparison)
    return "\n".join(lines)


def render_primer(primer: Primer) -> tuple[str, list[Block]]:
    """Render the primer as a message (e.g. the reply to ``/sourcing policy``).

    Args:
        primer: The primer from the onboarding service.

    Returns:
        The fallback text and at most 50 blocks, ending with the usage and action buttons.
    """
    blocks = [
        header(primer.title),
        *primer_blocks(primer),
        {"type": "divider"},
        section(escape(primer.usage)),
        primer_actions(),
    ]
    fitted = fit_blocks(
        blocks,
        MAX_BLOCKS_MESSAGE,
        lambda n: context(f"{n} more blocks left out to fit Slack's message size."),
        keep_last=2,
    )
    return primer_text(primer), fitted
