"""Decision table: which channel-thread follow-ups the bot answers, reacts to, or leaves alone."""

from __future__ import annotations

import pytest

from bot.slack.etiquette import (
    Reply,
    decide_follow_up,
    edited_message,
    is_edit,
    is_from_a_person,
    is_thread_follow_up,
)

BOT = "UBOTADVISOR"
ASKER = "U0MANAGER1"
COLLEAGUE = "U0COLLEAG1"
ASKERS = frozenset({ASKER})


@pytest.mark.parametrize(
    ("text", "user", "expected"),
    [
        # the inputs
        (f"<@{COLLEAGUE}> can you bring this to Thursday's steering meeting?", ASKER, Reply.IGNORE),
        ("thanks, that helps!", ASKER, Reply.REACT),
        # questions and scenarios from the person the bot is helping
        ("And if it only ran 6 months?", ASKER, Reply.ANSWER),
        ("what about the cost of a dedicated team", ASKER, Reply.ANSWER),
        ("Should we keep it in-house then", ASKER, Reply.ANSWER),
        ("We are a bank and the project is not core, 18 months", ASKER, Reply.ANSWER),
        ("the budget is tight", ASKER, Reply.ANSWER),
        # thanks, in several forms
        ("Thank you very much", ASKER, Reply.REACT),
        ("thx!", ASKER, Reply.REACT),
        ("great, thanks", ASKER, Reply.REACT),
        ("thanks, but what does it cost?", ASKER, Reply.ANSWER),
        # chatter from the asker that is neither
        ("ok", ASKER, Reply.IGNORE),
        ("I'll check with the team tomorrow", ASKER, Reply.IGNORE),
        # someone else in the thread, even with a question
        ("What is offshoring?", COLLEAGUE, Reply.IGNORE),
        ("thanks!", COLLEAGUE, Reply.IGNORE),
        # the asker addressing other people
        ("<!here> what do you all think?", ASKER, Reply.IGNORE),
        (f"<@{COLLEAGUE}|sam> should we outsource?", ASKER, Reply.IGNORE),
        # a mention of the bot is always for the bot, from anyone
        (f"<@{BOT}> what about 24 months?", COLLEAGUE, Reply.ANSWER),
        (f"<@{BOT}> <@{COLLEAGUE}> compare offshore and onshore", ASKER, Reply.ANSWER),
    ],
)
def test_follow_up_decision_table(text: str, user: str, expected: Reply) -> None:
    """Each follow-up gets exactly the reply the etiquette rules name for it."""
    assert decide_follow_up(text=text, user=user, askers=ASKERS, bot_user_id=BOT) is expected


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"user": ASKER, "text": "hi"}, True),
        ({"user": ASKER, "subtype": "file_share"}, True),
        ({"user": ASKER, "subtype": "thread_broadcast"}, True),
        ({"user": ASKER, "subtype": "message_changed"}, False),
        ({"user": ASKER, "subtype": "channel_join"}, False),
        ({"user": ASKER, "bot_id": "B1"}, False),
        ({"user": BOT}, False),
        ({"text": "no user"}, False),
    ],
)
def test_is_from_a_person(event: dict[str, str], expected: bool) -> None:
    """New messages from people (files and broadcasts included) count; bots and system don't."""
    assert is_from_a_person(event, BOT) is expected


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"channel_type": "channel", "ts": "2.0", "thread_ts": "1.0", "text": "hi"}, True),
        ({"channel_type": "group", "ts": "2.0", "thread_ts": "1.0", "text": "hi"}, True),
        ({"channel_type": "channel", "ts": "1.0", "thread_ts": "1.0", "text": "hi"}, False),
        ({"channel_type": "channel", "ts": "2.0", "text": "hi"}, False),
        ({"channel_type": "im", "ts": "2.0", "thread_ts": "1.0", "text": "hi"}, False),
        (
            {"channel_type": "channel", "ts": "2.0", "thread_ts": "1.0", "text": f"<@{BOT}> hi"},
            False,
        ),
    ],
)
def test_is_thread_follow_up(event: dict[str, str], expected: bool) -> None:
    """Only channel-thread replies without a mention of the bot are follow-ups."""
    assert is_thread_follow_up(event, BOT) is expected


def test_edits_are_recognised_and_unwrapped() -> None:
    """An edited mention and a message_changed are edits; the latter's message is unwrapped."""
    changed = {
        "type": "message",
        "subtype": "message_changed",
        "channel": "C1",
        "channel_type": "channel",
        "message": {"user": ASKER, "text": "new", "ts": "5.0"},
        "previous_message": {"user": ASKER, "text": "old", "ts": "5.0"},
    }
    assert is_edit(changed)
    assert is_edit({"type": "app_mention", "edited": {"user": ASKER, "ts": "6.0"}})
    assert not is_edit({"type": "app_mention", "text": "x"})
    assert edited_message(changed) == {
        "user": ASKER,
        "text": "new",
        "ts": "5.0",
        "channel": "C1",
        "channel_type": "channel",
    }
