"""@mentions, DMs, thread follow-ups and edits; matchers decide which messages are for the bot."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from re import Pattern
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InputError
from bot.slack.deps import SlackDeps
from bot.slack.etiquette import (
    ANSWERED_SUBTYPES,
    RULES,
    Reply,
    decide_follow_up,
    edited_message,
    is_direct_message,
    is_edit,
    is_from_a_person,
    is_thread_follow_up,
)
from bot.slack.listeners.answering import (
    answer_question,
    bounded,
    guarded,
    question_digest,
    received_at,
    strip_mention,
    thread_history,
)
from bot.slack.posting import update_answer

logger = logging.getLogger(__name__)

Matcher = Callable[..., bool]


def ack_event(ack: Ack) -> None:
    """Acknowledge at once (Slack retries events not acked within 3 seconds)."""
    ack()


def from_a_person(event: dict[str, Any], context: BoltContext) -> bool:
    """Matcher: a person's new message (not a bot's, not the app's own, not a system message)."""
    return is_from_a_person(event, context.bot_user_id)


def edit_matcher(event: dict[str, Any]) -> bool:
    """Matcher: an edited message (edited app_mention, or message_changed)."""
    return is_edit(event)


def not_edit(event: dict[str, Any]) -> bool:
    """Matcher: not an edit."""
    return not is_edit(event)


def direct_message(event: dict[str, Any]) -> bool:
    """Matcher: a message in a DM with the app."""
    return is_direct_message(event)


def thread_follow_up(event: dict[str, Any], context: BoltContext) -> bool:
    """Matcher: a channel-thread reply without a mention of the bot."""
    return is_thread_follow_up(event, context.bot_user_id)


def register(app: App, deps: SlackDeps) -> None:
    """Register the app_mention and message listeners (first match wins, the last acks all)."""

    @guarded
    def handle_app_mention(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """Answer an @mention in its thread (a new thread on the mention itself)."""
        answer_question(
            deps=deps,
            client=client,
            event=event,
            bot_user_id=context.bot_user_id,
            received_at=received_at(context),
        )

    @guarded
    def handle_direct_message(
        event: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        """Answer every message in a DM (files: the text, with a note that they are not read)."""
        answer_question(
            deps=deps,
            client=client,
            event=event,
            bot_user_id=context.bot_user_id,
            received_at=received_at(context),
        )

    @guarded
    def handle_follow_up(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """In a thread the bot answered: answer, thank with a reaction, or stay out of it."""
        bot_user_id = context.bot_user_id
        channel, thread_ts = str(event["channel"]), str(event["thread_ts"])
        askers = deps.store.thread_askers(channel=channel, thread_ts=thread_ts)
        if not askers:
            return
        reply = decide_follow_up(
            text=str(event.get("text") or ""),
            user=str(event["user"]),
            askers=askers,
            bot_user_id=bot_user_id,
        )
        logger.info("thread follow-up channel=%s reply=%s", channel, reply.value)
        if reply is Reply.ANSWER:
            answer_question(
                deps=deps,
                client=client,
                event=event,
                bot_user_id=bot_user_id,
                received_at=received_at(context),
            )
        elif reply is Reply.REACT:
            try:
                client.reactions_add(
                    channel=channel, timestamp=str(event["ts"]), name=RULES.thanks_reaction
                )
            except (SlackApiError, OSError) as err:
                logger.info("thanks reaction failed error=%s", type(err).__name__)

    @guarded
    def handle_edit(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """One question, one answer: update the answer in place when the question changed."""
        update_after_edit(deps, client=client, event=event, bot_user_id=context.bot_user_id)

    mention = app.event("app_mention", matchers=[edit_matcher])
    mention(ack=ack_event, lazy=[handle_edit])
    app.event("app_mention", matchers=[from_a_person, not_edit])(
        ack=ack_event, lazy=[handle_app_mention]
    )
    app.event({"type": "message", "subtype": "message_changed"})(ack=ack_event, lazy=[handle_edit])
    new_message: dict[str, str | Sequence[str | Pattern[Any] | None] | None] = {
        "type": "message",
        "subtype": ANSWERED_SUBTYPES,
    }
    app.event(new_message, matchers=[from_a_person, direct_message])(
        ack=ack_event, lazy=[handle_direct_message]
    )
    app.event(new_message, matchers=[from_a_person, thread_follow_up])(
        ack=ack_event, lazy=[handle_follow_up]
    )
    # Everything else (bots, joins, deletions, top-level channel chatter) is acknowledged and
    # left alone: an unmatched event would get a 404 and be retried by Slack.
    app.event("message")(ack_event)
    app.event("app_mention")(ack_event)


def update_after_edit(
    deps: SlackDeps, *, client: WebClient, event: dict[str, Any], bot_user_id: str | None
) -> None:
    """One question, one answer: update the answer in place when the question text changed."""
    message = edited_message(event)
    if not message.get("ts") or not is_from_a_person(message, bot_user_id):
        return
    channel, ts = str(message["channel"]), str(message["ts"])
    link = deps.store.question_link(channel=channel, question_ts=ts)
    if link is None:
        if event.get("type") == "app_mention":  # a mention added by the edit: a new question
            answer_question(deps=deps, client=client, event=message, bot_user_id=bot_user_id)
        return
    text = strip_mention(str(message.get("text") or ""), bot_user_id)
    digest = question_digest(text)
    if link.answer_ts is None or digest == link.question_digest:
        return  # still being answered, or the text did not change (e.g. a link unfurled)
    if not deps.store.swap_question_digest(
        channel=channel, question_ts=ts, old=link.question_digest, new=digest
    ):
        return  # the other copy of this edit (app_mention and message_changed) took it
    history: list[str] = []
    if link.thread_ts != ts:
        history = thread_history(
            client,
            channel=channel,
            thread_ts=link.thread_ts,
            before_ts=ts,
            bot_user_id=bot_user_id,
        )
    try:
        answer = deps.advisor.ask(text, history=history) if text else None
        error = "" if answer is not None else "The question is empty now."
    except InputError as err:
        answer, error = None, bounded(str(err))
    update_answer(
        client,
        deps=deps,
        channel=channel,
        ts=link.answer_ts,
        question=text,
        answer=answer,
        text=error,
    )
    logger.info("answer updated after an edit channel=%s", channel)
