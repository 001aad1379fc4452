"""Answer a message in its thread: progress, advisor call, posting with fallbacks, error replies."""

from __future__ import annotations

import functools
import logging
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, cast

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InputError
from bot.models import Answer
from bot.render import render_answer_text
from bot.slack.blocks.answer import ERROR_TEXT, TEXT_ONLY_NOTE, render_answer
from bot.slack.deps import SlackDeps
from bot.slack.store import CitationRecord

logger = logging.getLogger(__name__)

PROGRESS_REACTION = "hourglass_flowing_sand"
MAX_HISTORY_TURNS = 6
EMPTY_QUESTION_TEXT = (
    "Ask me about sourcing software development, e.g. “What is the difference between "
    "outsourcing and offshoring?” — or try `/sourcing help`."
)

F = TypeVar("F", bound=Callable[..., Any])

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def guarded(func: F) -> F:
    """Wrap a lazy listener: log any exception with its traceback, never let it escape."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Exception:
            logger.exception("listener %s failed", func.__name__)
            return None

    return cast(F, wrapper)


def should_ignore(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    """True for events the bot must not answer: edits, bot posts, its own posts, no user."""
    user = event.get("user")
    return (
        not user
        or event.get("bot_id") is not None
        or event.get("subtype") is not None
        or (bot_user_id is not None and user == bot_user_id)
    )


def mentions(text: str, user_id: str | None) -> bool:
    """True when ``text`` mentions ``user_id`` (``<@U123>`` or ``<@U123|name>``)."""
    return user_id is not None and any(m.group(1) == user_id for m in _MENTION.finditer(text))


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """``text`` without mentions of the bot, trimmed."""
    if bot_user_id is None:
        return text.strip()
    return _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else m.group(0), text).strip()


def thread_history(
    client: WebClient,
    *,
    channel: str,
    thread_ts: str,
    before_ts: str,
    bot_user_id: str | None,
) -> list[str]:
    """Earlier user turns of a thread (oldest first, at most MAX_HISTORY_TURNS, mentions removed).

    Returns an empty list when the thread cannot be read (logged, not raised).
    """
    try:
        resp = client.conversations_replies(channel=channel, ts=thread_ts, limit=100)
    except SlackApiError as err:
        logger.warning("conversations.replies failed channel=%s error=%s", channel, _code(err))
        return []
    turns: list[str] = []
    for message in resp.get("messages") or []:
        if message.get("ts") == before_ts or should_ignore(message, bot_user_id):
            continue
        if float(message.get("ts", "0")) > float(before_ts):
            continue
        text = strip_mention(str(message.get("text") or ""), bot_user_id)
        if text:
            turns.append(text)
    return turns[-MAX_HISTORY_TURNS:]


def answer_in_thread(
    *,
    deps: SlackDeps,
    client: WebClient,
    channel: str,
    thread_ts: str,
    user: str,
    text: str,
    history: Sequence[str] = (),
    reaction_ts: str | None = None,
) -> str | None:
    """Ask the advisor and post the answer in the thread; returns the answer's message ts.

    Shows progress with a reaction on ``reaction_ts`` (removed afterwards). An InputError's
    message is posted in the thread; any other failure is logged and the user gets ERROR_TEXT.
    """
    if reaction_ts is not None:
        _best_effort(
            client.reactions_add, channel=channel, timestamp=reaction_ts, name=PROGRESS_REACTION
        )
    try:
        if not text:
            return post_text(client, channel=channel, thread_ts=thread_ts, text=EMPTY_QUESTION_TEXT)
        answer = deps.advisor.ask(text, history=history)
        ts = post_answer(
            client, deps=deps, channel=channel, thread_ts=thread_ts, question=text, answer=answer
        )
        logger.info(
            "answered channel=%s thread=%s question_chars=%d history=%d route=%s citations=%d",
            channel,
            thread_ts,
            len(text),
            len(history),
            answer.route,
            len(answer.citations),
        )
        return ts
    except InputError as err:
        logger.info("input rejected channel=%s field=%s chars=%d", channel, err.field, len(text))
        return post_text(client, channel=channel, thread_ts=thread_ts, text=str(err))
    except Exception:
        logger.exception("answering failed channel=%s thread=%s", channel, thread_ts)
        post_ephemeral(client, channel=channel, thread_ts=thread_ts, user=user, text=ERROR_TEXT)
        return None
    finally:
        if reaction_ts is not None:
            _best_effort(
                client.reactions_remove,
                channel=channel,
                timestamp=reaction_ts,
                name=PROGRESS_REACTION,
            )


def post_answer(
    client: WebClient,
    *,
    deps: SlackDeps,
    channel: str,
    thread_ts: str | None,
    question: str,
    answer: Answer,
) -> str | None:
    """Post a rendered answer (text-only retry on a non-retryable error) and remember it.

    Returns:
        The posted message's ts, or None when even the text-only post failed (logged).
    """
    key = secrets.token_hex(6)
    text, blocks = render_answer(answer, feedback_key=key)
    try:
        resp = client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, text=text, blocks=blocks
        )
    except SlackApiError as err:
        logger.warning("chat.postMessage with blocks failed error=%s; retrying as text", _code(err))
        try:
            resp = client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, text=f"{text}\n\n{TEXT_ONLY_NOTE}"
            )
        except SlackApiError as again:
            logger.error("chat.postMessage text-only failed error=%s", _code(again))
            return None
    ts = str(resp["ts"])
    deps.store.record_answer(
        channel=channel,
        message_ts=ts,
        feedback_key=key,
        question=question,
        answer_text=render_answer_text(answer, width=None, route=False),
        citations=[
            CitationRecord(id=f"{c.source.document}#{c.source.section}", quote=c.source.quote)
            for c in answer.citations
        ],
    )
    deps.store.remember_thread(channel=channel, thread_ts=thread_ts or ts)
    return ts


def post_text(client: WebClient, *, channel: str, thread_ts: str | None, text: str) -> str | None:
    """Post plain text in a thread; returns its ts, or None when posting failed (logged)."""
    try:
        resp = client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
    except SlackApiError as err:
        logger.error("chat.postMessage failed channel=%s error=%s", channel, _code(err))
        return None
    return str(resp["ts"])


def post_ephemeral(
    client: WebClient,
    *,
    channel: str,
    thread_ts: str | None,
    user: str | None,
    text: str,
) -> None:
    """Tell ``user`` something only they see (in the thread if that fails); never raises."""
    try:
        if user:
            try:
                client.chat_postEphemeral(
                    channel=channel, user=user, thread_ts=thread_ts, text=text
                )
            except SlackApiError as err:
                logger.warning("chat.postEphemeral failed error=%s; posting in thread", _code(err))
            else:
                return
        post_text(client, channel=channel, thread_ts=thread_ts, text=text)
    except Exception as err:  # the error path itself must not raise into Bolt
        logger.error("could not reach the user: %s", type(err).__name__)


def _best_effort(call: Callable[..., Any], **kwargs: Any) -> None:
    """Progress indicators must never stop an answer: log their failures and go on."""
    try:
        call(**kwargs)
    except SlackApiError as err:
        logger.info("progress indicator call failed error=%s", _code(err))


def _code(err: SlackApiError) -> str:
    """Slack's error code (e.g. invalid_blocks), not the message text."""
    try:
        return str(err.response.get("error") or err.response.status_code)
    except AttributeError:
        return type(err).__name__
