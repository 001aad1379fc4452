"""End to end: Slack Web API faults (5xx, 429, dropped connections, slow calls in an ack)."""

from __future__ import annotations

import json

import pytest

from bot.slack.blocks.answer import render_fallback_text
from bot.slack.listeners.commands import MODAL_FAILED_TEXT
from bot.slack.ports import AdvisorPort
from bot.slack.posting import ANSWER_EVENT_TYPE, UNPOSTED_TEXT
from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import CHANNEL_ID, USER_ID, command_form, event_envelope, mention_event

QUESTION = "What is the difference between outsourcing and offshoring?"
OTHER_QUESTION = "How much cheaper is a dedicated offshore team than an onshore team?"


@pytest.mark.parametrize("failures", [1, 2])
def test_server_errors_are_retried_with_the_full_blocks(
    slack_server: SlackServer,
    send: Send,
    fake_slack: FakeSlack,
    advisor: AdvisorPort,
    failures: int,
) -> None:
    """One or two 500s from chat.postMessage: retried, and the answer keeps its Block Kit."""
    fake_slack.fail_next("chat.postMessage", status=500, error="internal_error", times=failures)
    send(event_envelope(mention_event(QUESTION, ts=fake_slack.new_ts())))
    posts = fake_slack.wait_for("chat.postMessage", failures + 1)
    slack_server.wait_idle()
    assert [p.status for p in posts] == [500] * failures + [200]
    assert posts[-1].body["text"] == render_fallback_text(advisor.ask(QUESTION))
    assert posts[-1].json_field("blocks") == posts[0].json_field("blocks")
    assert posts[-1].json_field("blocks")[-1]["type"] == "actions"
    assert len(fake_slack.messages(CHANNEL_ID)) == 1


def test_persistent_rate_limit_tells_the_user_privately(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """chat.postMessage rate-limited past every retry: the asker is told, only they see it."""
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=0, times=4)
    ts = fake_slack.new_ts()
    send(event_envelope(mention_event(QUESTION, ts=ts)))
    notice = fake_slack.wait_for("chat.postEphemeral")[0]
    slack_server.wait_idle()
    assert [p.status for p in fake_slack.calls("chat.postMessage")] == [429] * 4
    body = {k: notice.body[k] for k in ("channel", "user", "thread_ts", "text")}
    assert body == {
        "channel": CHANNEL_ID,
        "user": USER_ID,
        "thread_ts": ts,
        "text": UNPOSTED_TEXT.format(code="ratelimited"),
    }
    assert fake_slack.messages(CHANNEL_ID) == []


def test_dropped_connection_after_slack_accepted_posts_once(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """The post lands but the connection drops: the bot finds its tagged answer, no double."""
    fake_slack.fail_next("chat.postMessage", drop=True)
    ts = fake_slack.new_ts()
    send(event_envelope(mention_event(QUESTION, ts=ts)))
    fake_slack.wait_for("conversations.replies")
    slack_server.wait_idle()
    posted = fake_slack.messages(CHANNEL_ID)
    assert len(posted) == 1
    assert posted[0]["metadata"]["event_type"] == ANSWER_EVENT_TYPE
    assert len(fake_slack.calls("chat.postMessage")) == 1
    check = fake_slack.calls("conversations.replies")[0]
    assert (check.body["channel"], check.body["ts"]) == (CHANNEL_ID, ts)
    link = slack_server.store.question_link(channel=CHANNEL_ID, question_ts=ts)
    assert link is not None
    assert link.answer_ts == posted[0]["ts"]
    assert fake_slack.calls("chat.postEphemeral") == []


@pytest.mark.parametrize("error", ["invalid_blocks", "msg_too_long"])
def test_only_block_errors_fall_back_to_text(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, error: str
) -> None:
    """invalid_blocks / msg_too_long: the answer is posted once more as text, nothing else."""
    fake_slack.fail_next("chat.postMessage", error=error)
    send(event_envelope(mention_event(QUESTION, ts=fake_slack.new_ts())))
    posts = fake_slack.wait_for("chat.postMessage", 2)
    slack_server.wait_idle()
    assert "blocks" in posts[0].body
    assert "blocks" not in posts[1].body
    assert posts[1].body["text"].endswith("could not be displayed.)_")
    assert len(fake_slack.messages(CHANNEL_ID)) == 1


def test_views_open_in_the_ack_is_not_retried_or_slept_on(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A rate-limited views.open (Retry-After 30) fails the ack fast with the fallback text."""
    fake_slack.fail_next("views.open", status=429, retry_after=30)
    status, body = send(command_form("evaluate"), form=True)
    slack_server.wait_idle()
    assert status == 200
    assert json.loads(body) == {"response_type": "ephemeral", "text": MODAL_FAILED_TEXT}
    assert len(fake_slack.calls("views.open")) == 1


def test_a_rate_limited_conversation_does_not_delay_another(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """While one answer waits out a 3 s Retry-After, another conversation's answer is posted."""
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=3)
    first, second = fake_slack.new_ts(), fake_slack.new_ts()
    send(event_envelope(mention_event(QUESTION, ts=first)))
    fake_slack.wait_for("chat.postMessage")
    send(event_envelope(mention_event(OTHER_QUESTION, ts=second)))
    posts = fake_slack.wait_for("chat.postMessage", 3)
    slack_server.wait_idle()
    order = [(p.body["thread_ts"], p.status) for p in posts]
    assert order == [(first, 429), (second, 200), (first, 200)]
    assert posts[2].body["text"] == render_fallback_text(advisor.ask(QUESTION))


def test_dropped_connection_on_an_evaluation_posts_it_once(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """/sourcing evaluate whose post lands but whose connection drops: one result, its matrix."""
    fake_slack.fail_next("chat.postMessage", drop=True)
    send(command_form("evaluate duration=24 core=no"), form=True)
    complete = fake_slack.wait_for("files.completeUploadExternal")[0]
    slack_server.wait_idle()
    posted = fake_slack.messages(CHANNEL_ID)
    assert len(posted) == 1
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert complete.body["thread_ts"] == posted[0]["ts"]
    assert fake_slack.calls("conversations.history")[0].body["channel"] == CHANNEL_ID
    assert fake_slack.calls("chat.postEphemeral") == []
