"""Render an Answer as a Slack message: direct answer, considerations, sources, feedback buttons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.models import Answer, Citation, Evaluation
from bot.render import render_answer_text
from bot.slack import ids
from bot.slack.blocks.evaluation import ranking_fields
from bot.slack.blocks.limits import (
    MAX_BLOCKS_MESSAGE,
    MAX_FALLBACK_TEXT,
    MAX_SECTION_TEXT,
    split_section_text,
    truncate,
)

# Fixed user-facing texts (never exception text).
ERROR_TEXT = "Sorry — something went wrong while answering. The team has been notified in the logs."
FEEDBACK_THANKS_TEXT = "Thanks — your feedback was recorded."
TEXT_ONLY_NOTE = "_(Shown as plain text: the formatted answer could not be displayed.)_"
THINKING_STATUS = "is thinking…"

Block = dict[str, Any]


def mrkdwn_escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cite_marks(numbers: Sequence[int]) -> str:
    """``[1][3]`` for citation numbers (1, 3)."""
    return "".join(f"[{n}]" for n in numbers)


def render_source_line(citation: Citation) -> str:
    """``[n] Document title › section — “exact quote”`` (mrkdwn-escaped)."""
    ref = citation.source
    line = f"[{citation.n}] *{ref.document_title or ref.document}* › {ref.label} — “{ref.quote}”"
    return truncate(mrkdwn_escape(line), MAX_SECTION_TEXT - 10)


def render_fallback_text(answer: Answer) -> str:
    """The plain-text version of the whole answer (notifications, text-only retry)."""
    text = render_answer_text(answer, width=None)
    return truncate(text, MAX_FALLBACK_TEXT - len(TEXT_ONLY_NOTE) - 2)


def render_feedback_actions(feedback_key: str) -> Block:
    """The 👍/👎 actions block; each button's value is the short feedback key."""
    return ActionsBlock(
        block_id="answer_feedback",
        elements=[
            ButtonElement(
                action_id=ids.ACTION_FEEDBACK_UP,
                text=PlainTextObject(text="👍 Helpful", emoji=True),
                value=feedback_key or "up",
            ),
            ButtonElement(
                action_id=ids.ACTION_FEEDBACK_DOWN,
                text=PlainTextObject(text="👎 Not helpful", emoji=True),
                value=feedback_key or "down",
            ),
        ],
    ).to_dict()


def render_answer(answer: Answer, *, feedback_key: str = "") -> tuple[str, list[Block]]:
    """Render an answer as (fallback text, blocks) within Slack's message limits.

    Args:
        answer: The advisor's answer.
        feedback_key: Carried by the feedback buttons (empty: no feedback buttons).

    Returns:
        The plain fallback text of the whole answer and at most 50 blocks.
    """
    direct = f"{mrkdwn_escape(answer.direct.text)} {cite_marks(answer.direct.citations)}".rstrip()
    head: list[Block] = [_section(p) for p in split_section_text(direct)]
    if answer.considerations:
        lines = ["*Considerations*"]
        lines += [
            f"• {mrkdwn_escape(c.text)} {cite_marks(c.citations)}".rstrip()
            for c in answer.considerations
        ]
        head += [_section(p) for p in split_section_text("\n".join(lines))]
    if answer.evaluation is not None:
        head += render_ranking_blocks(answer.evaluation)
    notes = [*answer.notes, *(f"Try: “{s}”" for s in answer.suggestions)]
    if notes:
        text = "\n".join(mrkdwn_escape(n) for n in notes)
        head += [_section(p) for p in split_section_text(text)]
    tail: list[Block] = [render_feedback_actions(feedback_key)] if feedback_key else []
    room = MAX_BLOCKS_MESSAGE - len(head) - len(tail)
    sources = _source_blocks(answer.citations, room=room)
    head = head[: MAX_BLOCKS_MESSAGE - len(tail) - len(sources)]
    return render_fallback_text(answer), [*head, *sources, *tail]


def render_ranking_blocks(evaluation: Evaluation) -> list[Block]:
    """A compact ranking for an answer: one field per strategy (Slack B's ``ranking_fields``).

    The full evaluation renderer repeats the summary and factors, which the answer's direct
    text and considerations already show; what was assumed is one of the answer's notes.
    """
    return [{"type": "section", "fields": ranking_fields(evaluation)}]


def _source_blocks(citations: Sequence[Citation], *, room: int) -> list[Block]:
    """Sections listing the sources; when they need more than ``room`` blocks, a note says how
    many were left out."""
    if not citations or room < 2:
        return []
    lines = [render_source_line(c) for c in citations]
    groups: list[list[str]] = []
    size = 0
    for line in lines:
        if groups and size + 1 + len(line) <= MAX_SECTION_TEXT - len("*Sources*\n"):
            groups[-1].append(line)
            size += 1 + len(line)
        else:
            groups.append([line])
            size = len(line)
    blocks: list[Block] = [DividerBlock().to_dict()]
    budget = room - 1
    if len(groups) > budget:
        kept = groups[: budget - 1]
        hidden = len(lines) - sum(len(g) for g in kept)
        groups = kept
    else:
        hidden = 0
    for i, group in enumerate(groups):
        text = ("*Sources*\n" if i == 0 else "") + "\n".join(group)
        blocks.append(_section(text))
    if hidden:
        noun = "source" if hidden == 1 else "sources"
        note = f"{hidden} more {noun} not shown."
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]).to_dict())
    return blocks


def _section(text: str) -> Block:
    return SectionBlock(text=MarkdownTextObject(text=text)).to_dict()
