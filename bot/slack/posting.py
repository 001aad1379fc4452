"""Posting answers to Slack exactly once: retries, text-only fallback, no doubles after a drop."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.models import Answer
from bot.render import render_answer_text
from bot.slack.blocks.answer import TEXT_ONLY_NOTE, render_answer
from bot.slack.blocks.limits import MAX_BLOCKS_MESSAGE
from bot.slack.deps import SlackDeps
from bot.slack.logsafe import error_code
from bot.slack.store import CitationRecord

logger = logging.getLogger(__name__)

ANSWER_EVENT_TYPE = "sourcing_answer"
"""Message metadata event type of the bot's answers; its payload's ``tag`` identifies one post."""
TEXT_ONLY_ERRORS = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_too_long"})
"""Errors after which the answer is posted again as plain text (the blocks are the problem)."""
CONNECTION_ERROR = "connection_error"
ATTACHMENTS_NOTE = "_I read only the text of your message: attachments are not read._"
UNPOSTED_TEXT = (
    "I couldn't post my answer here (Slack said `{code}`). Please ask again in a minute."
)
# How far back to look for our own post after a dropped connection.
_RECENT_MESSAGES = 50


@dataclass(frozen=True)
class PostResult:
    """Where a post landed: ``ts`` (None when nothing was posted) and Slack's error code."""

    ts: str | None
    channel: str
    error: str | None = None


def post_once(
    client: WebClient,
    *,
    channel: str,
    thread_ts: str | None,
    text: str,
    blocks: list[dict[str, Any]] | None,
    tag: str,
) -> PostResult:
    """chat.postMessage tagged with ``tag`` in its metadata, never posted twice.

    The WebClient retries 429 and 5xx itself. A dropped connection may come after Slack
    accepted the post, so the channel or thread is searched for ``tag`` before posting again.
    """
    metadata = {"event_type": ANSWER_EVENT_TYPE, "event_payload": {"tag": tag}}
    for attempt in (1, 2):
        try:
            resp = client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, text=text, blocks=blocks, metadata=metadata
            )
        except SlackApiError as err:
            return PostResult(ts=None, channel=channel, error=error_code(err))
        except OSError as err:  # URLError, reset, timeout: the post may or may not have landed
            logger.warning(
                "chat.postMessage connection failed attempt=%d error=%s",
                attempt,
                type(err).__name__,
            )
            found = find_tagged(client, channel=channel, thread_ts=thread_ts, tag=tag)
            if found is not None:
                return PostResult(ts=found, channel=channel)
            continue
        return PostResult(ts=str(resp["ts"]), channel=str(resp.get("channel") or channel))
    return PostResult(ts=None, channel=channel, error=CONNECTION_ERROR)


def find_tagged(client: WebClient, *, channel: str, thread_ts: str | None, tag: str) -> str | None:
    """The ts of the bot's message carrying ``tag`` in the thread (or channel), else None."""
    try:
        if thread_ts is not None:
            resp = client.conversations_replies(
                channel=channel, ts=thread_ts, include_all_metadata=True, limit=1000
            )
        else:
            resp = client.conversations_history(
                channel=channel, include_all_metadata=True, limit=_RECENT_MESSAGES
            )
    except (SlackApiError, OSError) as err:
        logger.warning("looking for a posted answer failed error=%s", type(err).__name__)
        return None
    for message in resp.get("messages") or []:
        metadata = message.get("metadata") or {}
        if (
            metadata.get("event_type") == ANSWER_EVENT_TYPE
            and (metadata.get("event_payload") or {}).get("tag") == tag
        ):
            return str(message["ts"])
    return None


def rendered(answer: Answer, *, key: str, note: str | None) -> tuple[str, list[dict[str, Any]]]:
    """The answer's fallback text and blocks, with ``note`` (a context line) first if given."""
    text, blocks = render_answer(answer, feedback_key=key)
    if note is None:
        return text, blocks
    note_block = {"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}
    blocks = [note_block, *blocks]
    if len(blocks) > MAX_BLOCKS_MESSAGE:
        del blocks[-2]  # one source line less; the feedback buttons stay last
    return f"{note}\n\n{text}", blocks


def post_answer(
    client: WebClient,
    *,
    deps: SlackDeps,
    channel: str,
    thread_ts: str | None,
    question: str,
    answer: Answer,
    note: str | None = None,
) -> PostResult:
    """Post a rendered answer once (plain text if Slack rejects the blocks) and remember it."""
    key = secrets.token_hex(6)
    text, blocks = rendered(answer, key=key, note=note)
    result = post_once(
        client, channel=channel, thread_ts=thread_ts, text=text, blocks=blocks, tag=key
    )
    if result.error in TEXT_ONLY_ERRORS:
        logger.warning("chat.postMessage rejected the blocks error=%s; posting text", result.error)
        result = post_once(
            client,
            channel=channel,
            thread_ts=thread_ts,
            text=f"{text}\n\n{TEXT_ONLY_NOTE}",
            blocks=None,
            tag=key,
        )
    if result.ts is None:
        logger.error("answer not posted channel=%s error=%s", channel, result.error)
        return result
    remember_answer(
        deps, channel=result.channel, ts=result.ts, key=key, question=question, answer=answer
    )
    deps.store.remember_thread(channel=result.channel, thread_ts=thread_ts or result.ts)
    return result


def update_answer(
    client: WebClient,
    *,
    deps: SlackDeps,
    channel: str,
    ts: str,
    question: str,
    answer: Answer | None,
    text: str = "",
) -> bool:
    """Replace a posted answer in place (``answer``, or plain ``text``); False when it failed."""
    key = secrets.token_hex(6)
    blocks: list[dict[str, Any]] = []
    if answer is not None:
        text, blocks = rendered(answer, key=key, note=None)
    try:
        try:
            client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        except SlackApiError as err:
            if error_code(err) not in TEXT_ONLY_ERRORS:
                raise
            client.chat_update(channel=channel, ts=ts, text=f"{text}\n\n{TEXT_ONLY_NOTE}")
    except (SlackApiError, OSError) as err:
        logger.error("chat.update failed channel=%s error=%s", channel, type(err).__name__)
        return False
    if answer is not None:
        remember_answer(deps, channel=channel, ts=ts, key=key, question=question, answer=answer)
    return True


def remember_answer(
    deps: SlackDeps, *, channel: str, ts: str, key: str, question: str, answer: Answer
) -> None:
    """Keep what an answer said (for feedback), keyed by its message and feedback key."""
    deps.store.record_answer(
        channel=channel,
        message_ts=ts,
        feedback_key=key,
        question=question,
        answer_text=render_answer_text(answer, width=None),
        citations=[
            CitationRecord(id=f"{c.source.document}#{c.source.section}", quote=c.source.quote)
            for c in answer.citations
        ],
    )
