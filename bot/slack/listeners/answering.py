"""Answer a message in its thread: progress, advisor call, posting with fallbacks, error replies."""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, cast

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InputError
from bot.slack.blocks.answer import ERROR_TEXT
from bot.slack.blocks.limits import truncate
from bot.slack.deps import SlackDeps
from bot.slack.etiquette import is_from_a_person
from bot.slack.logsafe import error_code
from bot.slack.posting import ATTACHMENTS_NOTE, UNPOSTED_TEXT, post_answer
from bot.slack.progress_reaction import RECEIVED_AT

logger = logging.getLogger(__name__)

PROGRESS_REACTION = "hourglass_flowing_sand"
MAX_HISTORY_TURNS = 6
# conversations.replies: messages per page (Slack allows up to 1000) and pages read at most.
HISTORY_PAGE_SIZE = 200
MAX_HISTORY_PAGES = 10
# Error messages quoting the user's input are cut to this many characters.
MAX_ECHO_CHARS = 300
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
    return not is_from_a_person(event, bot_user_id)


def mentions(text: str, user_id: str | None) -> bool:
    """True when ``text`` mentions ``user_id`` (``<@U123>`` or ``<@U123|name>``)."""
    return user_id is not None and any(m.group(1) == user_id for m in _MENTION.finditer(text))


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """``text`` without mentions of the bot, trimmed."""
    if bot_user_id is None:
        return text.strip()
    return _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else m.group(0), text).strip()


def received_at(context: Mapping[str, Any]) -> float | None:
    """When the Slack request reached the app (``time.monotonic()``), if the context says."""
    value = context.get(RECEIVED_AT)
    return float(value) if isinstance(value, int | float) else None


def question_digest(text: str) -> str:
    """A digest of a question's text (whitespace-insensitive): edits are compared by it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def thread_history(
    client: WebClient,
    *,
    channel: str,
    thread_ts: str,
    before_ts: str,
    bot_user_id: str | None,
) -> list[str]:
    """The newest earlier user turns of a thread (oldest first, at most MAX_HISTORY_TURNS).

    conversations.replies pages from the thread's start, so every page is read (at most
    MAX_HISTORY_PAGES) and only the last turns are kept. Returns an empty list when the thread
    cannot be read (logged, not raised).
    """
    turns: deque[str] = deque(maxlen=MAX_HISTORY_TURNS)
    cursor: str | None = None
    for _ in range(MAX_HISTORY_PAGES):
        try:
            resp = client.conversations_replies(
                channel=channel, ts=thread_ts, limit=HISTORY_PAGE_SIZE, cursor=cursor
            )
        except (SlackApiError, OSError) as err:
            logger.warning(
                "conversations.replies failed channel=%s error=%s", channel, type(err).__name__
            )
            return list(turns)
        for message in resp.get("messages") or []:
            if message.get("ts") == before_ts or should_ignore(message, bot_user_id):
                continue
            if float(message.get("ts", "0")) > float(before_ts):
                continue
            text = strip_mention(str(message.get("text") or ""), bot_user_id)
            if text:
                turns.append(text)
        cursor = str((resp.get("response_metadata") or {}).get("next_cursor") or "") or None
        if not resp.get("has_more") or cursor is None:
            break
    return list(turns)


def answer_question(
    *,
    deps: SlackDeps,
    client: WebClient,
    event: Mapping[str, Any],
    bot_user_id: str | None,
    received_at: float | None = None,
) -> str | None:
    """Answer a person's message once (claimed by channel and ts) in its thread.

    ``received_at`` (``time.monotonic()`` when Slack's request arrived; default now) starts the
    progress reaction's delay. Returns the answer's ts, or None when it was answered before or
    could not be posted.
    """
    channel, ts = str(event["channel"]), str(event["ts"])
    thread_ts = str(event.get("thread_ts") or ts)
    text = strip_mention(str(event.get("text") or ""), bot_user_id)
    user = str(event["user"])
    if not deps.store.claim_question(
        channel=channel,
        question_ts=ts,
        thread_ts=thread_ts,
        asker=user,
        question_digest=question_digest(text),
    ):
        logger.info("question already taken channel=%s ts=%s", channel, ts)
        return None
    history: list[str] = []
    if thread_ts != ts:
        history = thread_history(
            client, channel=channel, thread_ts=thread_ts, before_ts=ts, bot_user_id=bot_user_id
        )
    has_files = event.get("subtype") == "file_share" or bool(event.get("files"))
    answer_ts = answer_in_thread(
        deps=deps,
        client=client,
        channel=channel,
        thread_ts=thread_ts,
        user=user,
        text=text,
        history=history,
        reaction_ts=ts,
        received_at=received_at,
        note=ATTACHMENTS_NOTE if has_files else None,
    )
    if answer_ts is None:
        deps.store.release_question(channel=channel, question_ts=ts)
    else:
        deps.store.set_answer_ts(channel=channel, question_ts=ts, answer_ts=answer_ts)
    return answer_ts


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
    received_at: float | None = None,
    note: str | None = None,
) -> str | None:
    """Ask the advisor and post the answer in the thread; returns the answer's message ts.

    When the answer is not out within the progress delay (from ``received_at``, a
    ``time.monotonic()`` value; default now), a reaction on ``reaction_ts`` shows progress and
    is removed afterwards. An InputError's message is posted in the thread; any other failure is
    logged and the user gets ERROR_TEXT. An answer Slack would not take is announced to the
    user privately.
    """
    progress = None
    if reaction_ts is not None:
        target = {"channel": channel, "timestamp": reaction_ts, "name": PROGRESS_REACTION}
        progress = deps.progress.start(
            add=functools.partial(client.reactions_add, **target),
            remove=functools.partial(client.reactions_remove, **target),
            received_at=time.monotonic() if received_at is None else received_at,
        )
    try:
        if not text:
            return post_text(client, channel=channel, thread_ts=thread_ts, text=EMPTY_QUESTION_TEXT)
        answer = deps.advisor.ask(text, history=history)
        result = post_answer(
            client,
            deps=deps,
            channel=channel,
            thread_ts=thread_ts,
            question=text,
            answer=answer,
            note=note,
        )
        if result.ts is None:
            code = result.error or "unknown"
            notice = UNPOSTED_TEXT.format(code=code)
            post_ephemeral(client, channel=channel, thread_ts=thread_ts, user=user, text=notice)
            return None
        logger.info(
            "answered channel=%s thread=%s question_chars=%d history=%d route=%s citations=%d",
            channel,
            thread_ts,
            len(text),
            len(history),
            answer.route,
            len(answer.citations),
        )
        return result.ts
    except InputError as err:
        logger.info("input rejected channel=%s field=%s chars=%d", channel, err.field, len(text))
        return post_text(client, channel=channel, thread_ts=thread_ts, text=bounded(str(err)))
    except Exception:
        logger.exception("answering failed channel=%s thread=%s", channel, thread_ts)
        post_ephemeral(client, channel=channel, thread_ts=thread_ts, user=user, text=ERROR_TEXT)
        return None
    finally:
        if progress is not None:
            progress.done()


def bounded(text: str, limit: int = MAX_ECHO_CHARS) -> str:
    """``text`` cut to ``limit`` characters: messages that quote user input stay short."""
    return truncate(text, limit)


def post_text(client: WebClient, *, channel: str, thread_ts: str | None, text: str) -> str | None:
    """Post plain text in a thread; returns its ts, or None when posting failed (logged)."""
    try:
        resp = client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
    except (SlackApiError, OSError) as err:
        logger.error("chat.postMessage failed channel=%s error=%s", channel, type(err).__name__)
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
                code = error_code(err)
                logger.warning("chat.postEphemeral failed error=%s; posting in thread", code)
            else:
                return
        post_text(client, channel=channel, thread_ts=thread_ts, text=text)
    except Exception as err:  # the error path itself must not raise into Bolt
        logger.error("could not reach the user: %s", type(err).__name__)
