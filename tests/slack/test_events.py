"""End to end: mentions, DMs and follow-ups through the real HTTP server and the fake Slack API."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.errors import InputError
from bot.slack import ids
from bot.slack.blocks.answer import mrkdwn_escape, render_fallback_text
from bot.slack.ports import AdvisorPort
from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import BOT_ID, BOT_USER_ID, FakeSlack
from tests.slack.payloads import (
    CHANNEL_ID,
    DM_CHANNEL_ID,
    USER_ID,
    event_envelope,
    mention_event,
    message_event,
)

QUESTION = "What is the difference between outsourcing and offshoring?"
SCENARIO_QUESTION = (
    "Our project runs 18 months, is not core to the business and we are a non-IT company. "
    "Which sourcing strategy fits?"
)
FOLLOW_UP = "And if it only ran 6 months?"


def _rendered(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_url_verification_echoes_the_challenge(send: Send) -> None:
    """A signed url_verification request is answered with its challenge."""
    status, body = send({"type": "url_verification", "challenge": "c-123", "token": "t"})
    assert status == 200
    assert json.loads(body) == {"challenge": "c-123"}


def test_mention_is_answered_in_its_thread_with_citations(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """An @mention gets a threaded answer whose blocks quote every citation and carry feedback."""
    ts = fake_slack.new_ts()
    status, _ = send(event_envelope(mention_event(QUESTION, ts=ts)))
    assert status == 200
    post = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    expected = advisor.ask(QUESTION)
    assert post.body["channel"] == CHANNEL_ID
    assert post.body["thread_ts"] == ts
    assert post.body["text"] == render_fallback_text(expected)
    blocks = post.json_field("blocks")
    rendered = _rendered(blocks)
    assert len(expected.citations) >= 2
    for citation in expected.citations:
        quote = json.dumps(mrkdwn_escape(citation.source.quote), ensure_ascii=False)[1:-1]
        assert f"[{citation.n}] *{citation.source.document_title}* › " in rendered
        assert f"— “{quote}”" in rendered
    assert blocks[-1]["type"] == "actions"
    assert [e["action_id"] for e in blocks[-1]["elements"]] == [
        ids.ACTION_FEEDBACK_UP,
        ids.ACTION_FEEDBACK_DOWN,
    ]
    assert fake_slack.calls("reactions.add") == []  # answered within the progress delay
    assert fake_slack.calls("reactions.remove") == []
    assert slack_server.store.is_answered_thread(channel=CHANNEL_ID, thread_ts=ts)


def test_direct_message_is_answered_in_the_dm(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """A DM (message event, channel_type im) is answered in the DM, threaded on the message."""
    ts = fake_slack.new_ts()
    send(event_envelope(message_event(QUESTION, ts=ts)))
    post = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    assert (post.body["channel"], post.body["thread_ts"]) == (DM_CHANNEL_ID, ts)
    assert post.body["text"] == render_fallback_text(advisor.ask(QUESTION))
    assert len(fake_slack.calls("chat.postMessage")) == 1


@pytest.mark.parametrize(
    "extra",
    [
        {"bot_id": "B0OTHERBOT"},
        {"subtype": "bot_message", "bot_id": "B0OTHERBOT"},
        {"subtype": "message_changed"},
        {"subtype": "channel_join"},
        {"user": BOT_USER_ID, "bot_id": BOT_ID},
        {"user": None},
    ],
    ids=["bot_id", "bot_message", "message_changed", "channel_join", "own_message", "no_user"],
)
def test_bot_edited_and_userless_messages_are_ignored(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, extra: dict[str, Any]
) -> None:
    """Messages from bots (or the app itself), edits, joins and user-less events get no reply."""
    user = extra.pop("user", USER_ID)
    event = message_event(QUESTION, ts=fake_slack.new_ts(), user=user, **extra)
    status, _ = send(event_envelope(event))
    slack_server.wait_idle()
    assert status == 200
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]


def test_same_event_delivered_three_times_is_answered_once(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """Slack's retries (X-Slack-Retry-Num) of one event_id produce exactly one answer."""
    envelope = event_envelope(mention_event(QUESTION, ts=fake_slack.new_ts()))
    statuses = [send(envelope)[0]]
    for retry in ("1", "2"):
        retry_headers = {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"}
        statuses.append(send(envelope, headers=retry_headers)[0])
    slack_server.wait_idle()
    assert statuses == [200, 200, 200]
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert fake_slack.calls("reactions.add") == []  # answered within the progress delay
    assert slack_server.store.count_seen_events() == 1


def test_mention_in_channel_message_event_is_not_answered_twice(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """In an answered thread a mention arrives as app_mention and as message; one reply."""
    root = fake_slack.new_ts()
    send(event_envelope(mention_event(QUESTION, ts=root)))
    fake_slack.wait_for("chat.postMessage")
    slack_server.wait_idle()
    ts = fake_slack.new_ts()
    mention = mention_event(SCENARIO_QUESTION, ts=ts, thread_ts=root)
    as_message = message_event(
        mention["text"], ts=ts, thread_ts=root, channel=CHANNEL_ID, channel_type="channel"
    )
    send(event_envelope(as_message))
    send(event_envelope(mention))
    slack_server.wait_idle()
    assert len(fake_slack.calls("chat.postMessage")) == 2


def test_follow_up_in_answered_thread_uses_the_thread_history(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """A reply without mention in a thread the bot answered is answered with earlier turns."""
    root = fake_slack.new_ts()
    first = mention_event(SCENARIO_QUESTION, ts=root)
    fake_slack.add_message(CHANNEL_ID, {"ts": root, "user": USER_ID, "text": first["text"]})
    send(event_envelope(first))
    fake_slack.wait_for("chat.postMessage")
    slack_server.wait_idle()
    ts = fake_slack.new_ts()
    fake_slack.add_message(
        CHANNEL_ID, {"ts": ts, "thread_ts": root, "user": USER_ID, "text": FOLLOW_UP}
    )
    event = message_event(
        FOLLOW_UP, ts=ts, thread_ts=root, channel=CHANNEL_ID, channel_type="channel"
    )
    send(event_envelope(event))
    posts = fake_slack.wait_for("chat.postMessage", 2)
    slack_server.wait_idle()
    with_history = advisor.ask(FOLLOW_UP, history=[SCENARIO_QUESTION])
    assert render_fallback_text(with_history) != render_fallback_text(advisor.ask(FOLLOW_UP))
    assert posts[1].body["thread_ts"] == root
    assert posts[1].body["text"] == render_fallback_text(with_history)
    replies = fake_slack.calls("conversations.replies")
    assert [(c.body["channel"], c.body["ts"]) for c in replies] == [(CHANNEL_ID, root)]


def test_reply_in_a_thread_the_bot_never_answered_is_ignored(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """Without a mention, channel thread replies are only answered in the bot's own threads."""
    root, ts = fake_slack.new_ts(), fake_slack.new_ts()
    event = message_event(
        QUESTION, ts=ts, thread_ts=root, channel=CHANNEL_ID, channel_type="channel"
    )
    send(event_envelope(event))
    slack_server.wait_idle()
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]


def test_forty_thousand_character_mention_gets_the_advisors_message(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """An over-long question is refused in the thread with the message naming the limit."""
    text = "Should we outsource? " * 1905
    ts = fake_slack.new_ts()
    send(event_envelope(mention_event(text[:39_990], ts=ts)))
    post = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    with pytest.raises(InputError) as err:
        advisor.ask(text[:39_990].strip())
    assert post.body["thread_ts"] == ts
    assert post.body["text"] == str(err.value)
    assert "4,000" in post.body["text"]
    assert "blocks" not in post.body


def test_rate_limited_post_is_retried_after_retry_after(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """A 429 from chat.postMessage is retried (honouring Retry-After) and the answer arrives."""
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1)
    send(event_envelope(mention_event(QUESTION, ts=fake_slack.new_ts())))
    posts = fake_slack.wait_for("chat.postMessage", 2)
    slack_server.wait_idle()
    assert [p.status for p in posts] == [429, 200]
    assert posts[1].body["text"] == render_fallback_text(advisor.ask(QUESTION))
    assert posts[1].json_field("blocks") == posts[0].json_field("blocks")


def test_invalid_blocks_falls_back_to_text_only(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """When Slack rejects the blocks, the answer is posted once more as plain text with a note."""
    fake_slack.fail_next("chat.postMessage", error="invalid_blocks")
    ts = fake_slack.new_ts()
    send(event_envelope(mention_event(QUESTION, ts=ts)))
    posts = fake_slack.wait_for("chat.postMessage", 2)
    slack_server.wait_idle()
    assert posts[0].response == {"ok": False, "error": "invalid_blocks"}
    assert "blocks" not in posts[1].body
    assert posts[1].body["thread_ts"] == ts
    assert posts[1].body["text"].startswith(render_fallback_text(advisor.ask(QUESTION)))
    assert posts[1].body["text"].endswith("could not be displayed.)_")
    assert len(fake_slack.calls("chat.postMessage")) == 2
