"""Block Kit builders (pure functions of value objects) and Slack's size limits."""

from __future__ import annotations

from bot.slack.blocks.answer import mrkdwn_escape, render_answer, render_fallback_text
from bot.slack.blocks.limits import assert_within_limits, fit_blocks, split_section_text, truncate

__all__ = [
    "assert_within_limits",
    "fit_blocks",
    "mrkdwn_escape",
    "render_answer",
    "render_fallback_text",
    "split_section_text",
    "truncate",
]
