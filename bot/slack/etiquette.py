"""Thread etiquette: which messages the bot answers, reacts to, or leaves alone (one decision)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
# <!here>, <!channel>, <!everyone> and user groups (<!subteam^S123>) address other people.
_GROUP_MENTION = re.compile(r"<!(?:here|channel|everyone|subteam\^[A-Z0-9]+)(?:\|[^>]*)?>")
_WORD = re.compile(r"[a-z']+")


class Reply(StrEnum):
    """What the bot does with a message."""

    ANSWER = "answer"
    REACT = "react"
    IGNORE = "ignore"


@dataclass(frozen=True)
class EtiquetteRules:
    """Word lists that decide whether a channel-thread follow-up is meant for the bot."""

    question_words: frozenset[str] = field(
        default_factory=lambda: frozenset(
            "what how why when which who where whom whose should could can would is are "
            "do does did will shall may might compare explain".split()
        )
    )
    """A follow-up starting with one of these is a question (a question mark is one anyway)."""

    scenario_patterns: tuple[re.Pattern[str], ...] = (
        re.compile(r"\b\d+(?:\.\d+)?\s*-?\s*(?:months?|years?|weeks?|yrs?|mos?)\b"),
        re.compile(
            r"\b(?:non-core|not core|core|budget|in-house|offshore|onshore|outsourc\w*|"
            r"nearshore|vendor|contractors?|headcount|startup|bank|non-it|tech company)\b"
        ),
    )
    """A follow-up matching one of these states scenario facts (duration, core, budget ...)."""

    thanks_words: frozenset[str] = field(
        default_factory=lambda: frozenset(
            "thanks thank thx ty cheers great perfect helpful helps that this you very much "
            "ok okay cool awesome nice got it appreciated appreciate so a lot many".split()
        )
    )
    """A follow-up made only of these words (and one of thanks/thank/thx/ty/cheers) is thanks."""

    thanks_core: frozenset[str] = field(
        default_factory=lambda: frozenset({"thanks", "thank", "thx", "ty", "cheers"})
    )
    """At least one of these must appear for a message to count as thanks."""

    thanks_reaction: str = "slightly_smiling_face"
    """The reaction added to thanks in a thread the bot answered."""


RULES = EtiquetteRules()


def mentioned_users(text: str) -> frozenset[str]:
    """User ids mentioned in ``text`` (``<@U123>`` or ``<@U123|name>``)."""
    return frozenset(m.group(1) for m in _MENTION.finditer(text))


def mentions_others(text: str, bot_user_id: str | None) -> bool:
    """True when ``text`` addresses someone other than the bot (a user, @here, a group)."""
    return bool(mentioned_users(text) - {bot_user_id}) or bool(_GROUP_MENTION.search(text))


def is_thanks(text: str, rules: EtiquetteRules = RULES) -> bool:
    """True for a message that only thanks (“thanks, that helps!”, “thank you very much”)."""
    words = _WORD.findall(_MENTION.sub(" ", text).lower())
    return (
        bool(words)
        and "?" not in text
        and any(w in rules.thanks_core for w in words)
        and all(w in rules.thanks_words for w in words)
    )


def is_question_or_scenario(text: str, rules: EtiquetteRules = RULES) -> bool:
    """True for a question (a question mark or a leading question word) or scenario facts."""
    plain = _MENTION.sub(" ", text).strip().lower()
    if "?" in plain:
        return True
    words = _WORD.findall(plain)
    if words and (words[0] in rules.question_words or words[:2] == ["and", "if"]):
        return True
    return any(p.search(plain) for p in rules.scenario_patterns)


def decide_follow_up(
    *,
    text: str,
    user: str,
    askers: frozenset[str],
    bot_user_id: str | None,
    rules: EtiquetteRules = RULES,
) -> Reply:
    """The bot's reply to a message in a channel thread it has answered (no mention of the bot).

    Args:
        text: The message text as Slack sent it (mentions as ``<@U…>``).
        user: Who wrote it.
        askers: The people the bot has answered in this thread.
        bot_user_id: The bot's user id.
        rules: Word lists.

    Returns:
        ANSWER for a question or scenario from someone the bot is helping that mentions nobody
        else; REACT for their thanks; IGNORE otherwise (people talking to each other).
    """
    if bot_user_id is not None and bot_user_id in mentioned_users(text):
        return Reply.ANSWER
    if user not in askers or mentions_others(text, bot_user_id):
        return Reply.IGNORE
    if is_thanks(text, rules):
        return Reply.REACT
    return Reply.ANSWER if is_question_or_scenario(text, rules) else Reply.IGNORE


# -- Bolt matchers: which message events reach which listener ------------------------------------

ANSWERED_SUBTYPES = (None, "file_share", "thread_broadcast")
"""Message subtypes that carry a person's new message (others: edits, joins, bot posts ...)."""


def is_from_a_person(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    """True for a message a person wrote (not a bot, not the app, not a system message)."""
    user = event.get("user")
    return (
        bool(user)
        and event.get("bot_id") is None
        and event.get("subtype") in ANSWERED_SUBTYPES
        and (bot_user_id is None or user != bot_user_id)
    )


def is_direct_message(event: Mapping[str, Any]) -> bool:
    """True for a message in a DM with the app (every message there is for the bot)."""
    return event.get("channel_type") == "im"


def is_thread_follow_up(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    """True for a channel-thread reply that does not mention the bot (mentions come as
    app_mention and are answered there)."""
    thread_ts = event.get("thread_ts")
    return (
        event.get("channel_type") in ("channel", "group", "mpim")
        and bool(thread_ts)
        and thread_ts != event.get("ts")
        and not (bot_user_id is not None and bot_user_id in mentioned_users(_text(event)))
    )


def is_edit(event: Mapping[str, Any]) -> bool:
    """True for an edited message: ``app_mention`` with ``edited`` or a ``message_changed``."""
    return event.get("subtype") == "message_changed" or "edited" in event


def edited_message(event: Mapping[str, Any]) -> dict[str, Any]:
    """The message as it reads now (``message_changed`` nests it; an edited mention is flat)."""
    if event.get("subtype") == "message_changed":
        inner = event.get("message")
        message = dict(inner) if isinstance(inner, Mapping) else {}
        message.setdefault("channel", event.get("channel"))
        message.setdefault("channel_type", event.get("channel_type"))
        return message
    return dict(event)


def _text(event: Mapping[str, Any]) -> str:
    return str(event.get("text") or "")
