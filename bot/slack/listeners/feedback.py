"""👍/👎 on an answer: store the vote with the answer it is about, thank the user ephemerally."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack import ids
from bot.slack.blocks.answer import ERROR_TEXT, FEEDBACK_THANKS_TEXT
from bot.slack.deps import SlackDeps
from bot.slack.listeners.answering import guarded, post_ephemeral

logger = logging.getLogger(__name__)

VOTES = {ids.ACTION_FEEDBACK_UP: "up", ids.ACTION_FEEDBACK_DOWN: "down"}


def ack_action(ack: Ack) -> None:
    """Acknowledge the click at once."""
    ack()


def register(app: App, deps: SlackDeps) -> None:
    """Register the two feedback button actions."""

    @guarded
    def handle_feedback(body: dict[str, Any], client: WebClient) -> None:
        """Record the vote and thank the user (only they see it)."""
        user = str(body.get("user", {}).get("id", ""))
        container = body.get("container") or {}
        message = body.get("message") or {}
        channel = str(container.get("channel_id") or body.get("channel", {}).get("id", ""))
        message_ts = str(container.get("message_ts") or message.get("ts", ""))
        thread_ts = message.get("thread_ts") or container.get("thread_ts")
        action = (body.get("actions") or [{}])[0]
        vote = VOTES.get(str(action.get("action_id")), "")
        try:
            deps.store.record_feedback(
                user=user,
                channel=channel,
                message_ts=message_ts,
                vote=vote,
                feedback_key=str(action.get("value") or ""),
            )
            logger.info("feedback vote=%s channel=%s message=%s", vote, channel, message_ts)
            text = FEEDBACK_THANKS_TEXT
        except Exception:
            logger.exception("storing feedback failed channel=%s message=%s", channel, message_ts)
            text = ERROR_TEXT
        post_ephemeral(client, channel=channel, thread_ts=thread_ts, user=user, text=text)

    for action_id in VOTES:
        app.action(action_id)(ack=ack_action, lazy=[handle_feedback])
