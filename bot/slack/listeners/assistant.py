"""Slack's assistant view: greet with suggested prompts; answer messages in assistant threads."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Assistant, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks.answer import THINKING_STATUS
from bot.slack.blocks.limits import truncate
from bot.slack.deps import SlackDeps
from bot.slack.listeners.answering import (
    answer_in_thread,
    guarded,
    post_text,
    should_ignore,
    strip_mention,
    thread_history,
)

logger = logging.getLogger(__name__)

GREETING = (
    "Hi! I help you decide how to source software development — onshore or offshore, "
    "in-house or outsourced — and every answer cites the knowledge base. "
    "Ask a question or pick a prompt below."
)
PROMPTS_TITLE = "Try one of these:"
# Slack shows at most 4 suggested prompts.
SUGGESTED_PROMPTS: tuple[dict[str, str], ...] = (
    {
        "title": "Outsourcing vs offshoring",
        "message": "What is the difference between outsourcing and offshoring "
        "software development?",
    },
    {
        "title": "Compare the costs",
        "message": "How do the costs of onshore, offshore and outsourced teams compare?",
    },
    {
        "title": "Evaluate my project",
        "message": "Our project runs 18 months, is not core to the business and we are a "
        "non-IT company. Which sourcing strategy fits?",
    },
    {
        "title": "When to stay in-house",
        "message": "When should we keep software development onshore and in-house?",
    },
)
MAX_TITLE_CHARS = 60


def ack_assistant(ack: Ack) -> None:
    """Acknowledge at once; the work happens in the lazy listener."""
    ack()


def register(app: App, deps: SlackDeps) -> None:
    """Register the Assistant middleware (thread started, context changed, user message)."""
    assistant = Assistant()

    @guarded
    def handle_thread_started(event: dict[str, Any], client: WebClient) -> None:
        """Greet the user and offer suggested prompts."""
        thread = event.get("assistant_thread") or {}
        channel, thread_ts = str(thread.get("channel_id")), str(thread.get("thread_ts"))
        post_text(client, channel=channel, thread_ts=thread_ts, text=GREETING)
        _best_effort(
            "setSuggestedPrompts",
            lambda: client.assistant_threads_setSuggestedPrompts(
                channel_id=channel,
                thread_ts=thread_ts,
                title=PROMPTS_TITLE,
                prompts=[dict(p) for p in SUGGESTED_PROMPTS[:4]],
            ),
        )

    def handle_context_changed() -> None:
        """The bot does not use the channel the user is viewing; nothing to save."""

    @guarded
    def handle_user_message(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """Title the thread, show a status, then answer like any other message."""
        bot_user_id = context.bot_user_id
        if should_ignore(event, bot_user_id):
            return
        channel, ts = str(event["channel"]), str(event["ts"])
        thread_ts = str(event.get("thread_ts") or ts)
        text = strip_mention(str(event.get("text") or ""), bot_user_id)
        history = thread_history(
            client, channel=channel, thread_ts=thread_ts, before_ts=ts, bot_user_id=bot_user_id
        )
        if not history and text:
            _best_effort(
                "setTitle",
                lambda: client.assistant_threads_setTitle(
                    channel_id=channel,
                    thread_ts=thread_ts,
                    title=truncate(" ".join(text.split()), MAX_TITLE_CHARS),
                ),
            )
        _best_effort(
            "setStatus",
            lambda: client.assistant_threads_setStatus(
                channel_id=channel, thread_ts=thread_ts, status=THINKING_STATUS
            ),
        )
        answer_in_thread(
            deps=deps,
            client=client,
            channel=channel,
            thread_ts=thread_ts,
            user=str(event["user"]),
            text=text,
            history=history,
        )

    assistant.thread_started(lazy=[handle_thread_started])(ack_assistant)
    assistant.thread_context_changed(lazy=[handle_context_changed])(ack_assistant)
    assistant.user_message(lazy=[handle_user_message])(ack_assistant)
    app.assistant(assistant)


def _best_effort(name: str, call: Any) -> None:
    """Assistant-thread calls fail in plain DM threads; the answer must still be posted."""
    try:
        call()
    except SlackApiError as err:
        logger.info("assistant.threads.%s failed error=%s", name, err.response.get("error"))
