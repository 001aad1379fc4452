"""@mentions, DMs and follow-ups in threads the bot answered: answered in the thread."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack.deps import SlackDeps
from bot.slack.listeners.answering import (
    answer_in_thread,
    guarded,
    mentions,
    should_ignore,
    strip_mention,
    thread_history,
)

logger = logging.getLogger(__name__)


def ack_event(ack: Ack) -> None:
    """Acknowledge at once (Slack retries events not acked within 3 seconds)."""
    ack()


def register(app: App, deps: SlackDeps) -> None:
    """Register the app_mention and message listeners."""

    @guarded
    def handle_app_mention(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """Answer an @mention in its thread (a new thread on the mention itself)."""
        bot_user_id = context.bot_user_id
        if should_ignore(event, bot_user_id):
            return
        _answer(deps, client=client, event=event, bot_user_id=bot_user_id)

    @guarded
    def handle_message(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """Answer DMs, and channel-thread replies in threads the bot has answered before."""
        bot_user_id = context.bot_user_id
        if should_ignore(event, bot_user_id):
            return
        channel_type = event.get("channel_type")
        if channel_type == "im":
            _answer(deps, client=client, event=event, bot_user_id=bot_user_id)
            return
        thread_ts = event.get("thread_ts")
        if (
            channel_type in ("channel", "group")
            and thread_ts
            and thread_ts != event.get("ts")
            # A mention arrives as app_mention too; answer it once, there.
            and not mentions(str(event.get("text") or ""), bot_user_id)
            and deps.store.is_answered_thread(channel=event["channel"], thread_ts=thread_ts)
        ):
            _answer(deps, client=client, event=event, bot_user_id=bot_user_id)

    app.event("app_mention")(ack=ack_event, lazy=[handle_app_mention])
    app.event("message")(ack=ack_event, lazy=[handle_message])


def _answer(
    deps: SlackDeps, *, client: WebClient, event: dict[str, Any], bot_user_id: str | None
) -> None:
    channel = str(event["channel"])
    ts = str(event["ts"])
    thread_ts = str(event.get("thread_ts") or ts)
    history: list[str] = []
    if event.get("thread_ts") and thread_ts != ts:
        history = thread_history(
            client, channel=channel, thread_ts=thread_ts, before_ts=ts, bot_user_id=bot_user_id
        )
    answer_in_thread(
        deps=deps,
        client=client,
        channel=channel,
        thread_ts=thread_ts,
        user=str(event["user"]),
        text=strip_mention(str(event.get("text") or ""), bot_user_id),
        history=history,
        reaction_ts=ts,
    )
