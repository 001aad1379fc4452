"""Message text never reaches the logs at any level, and log lines cannot be forged."""

from __future__ import annotations

import logging

import pytest

from bot.slack.logsafe import PrivacyFilter, escape_controls
from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import (
    CHANNEL_ID,
    USER_ID,
    event_envelope,
    interactivity_form,
    mention_event,
    message_event,
)

SECRET = "Acme-merger-codename-BLUEFIN"
COLLEAGUE_SECRET = "salary-band-of-Jo-is-97k"
FORGED = "\n2026-01-01 INFO bot.slack forged line"


def _messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records]


def test_unsigned_request_body_is_not_logged(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """A request failing the signature check is refused at the edge; no log line carries its
    body or a forged line."""
    event = mention_event(f"{SECRET}{FORGED}", ts=fake_slack.new_ts())
    with caplog.at_level(logging.DEBUG):
        status, _ = send(event_envelope(event), signed=False)
        slack_server.wait_idle()
    assert status == 401
    messages = _messages(caplog)
    assert [m for m in messages if SECRET in m or "forged line" in m] == []
    assert [m for m in messages if "\n" in m] == []


def test_debug_logs_carry_no_question_and_no_thread_history(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """At DEBUG, answering a follow-up logs neither the question nor others' thread messages."""
    root = fake_slack.new_ts()
    with caplog.at_level(logging.DEBUG):
        send(event_envelope(mention_event(f"What is offshoring? {SECRET}", ts=root)))
        fake_slack.wait_for("chat.postMessage")
        slack_server.wait_idle()
        other = fake_slack.new_ts()
        fake_slack.add_message(
            CHANNEL_ID,
            {"ts": other, "thread_ts": root, "user": "U0COLLEAG1", "text": COLLEAGUE_SECRET},
        )
        ts = fake_slack.new_ts()
        follow_up = message_event(
            f"And what does it cost? {SECRET}",
            ts=ts,
            thread_ts=root,
            channel=CHANNEL_ID,
            channel_type="channel",
        )
        send(event_envelope(follow_up))
        fake_slack.wait_for("chat.postMessage", 2)
        slack_server.wait_idle()
    assert len(fake_slack.calls("conversations.replies")) == 1
    messages = _messages(caplog)
    assert any("answered channel=" in m for m in messages)
    assert [m for m in messages if SECRET in m or COLLEAGUE_SECRET in m] == []


def test_raw_newlines_in_payload_fields_cannot_forge_log_lines(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """An event id, channel and action value with raw newlines are logged escaped, one line each."""
    envelope = event_envelope(
        mention_event("What is offshoring?", ts=fake_slack.new_ts(), channel=f"C0X{FORGED}"),
        event_id=f"Ev1{FORGED}",
    )
    click = {
        "type": "block_actions",
        "user": {"id": USER_ID},
        "container": {"type": "message", "channel_id": f"C0X{FORGED}", "message_ts": "1.0"},
        "actions": [{"action_id": "feedback_up", "value": "k", "block_id": "b"}],
    }
    with caplog.at_level(logging.DEBUG):
        send(envelope)
        send(envelope)
        send(interactivity_form(click), form=True)
        fake_slack.wait_for("chat.postEphemeral")
        slack_server.wait_idle()
    messages = _messages(caplog)
    assert any("duplicate event dropped event_id=Ev1\\n2026-01-01" in m for m in messages)
    assert [m for m in messages if "\n" in m or "\r" in m] == []


def test_filter_cuts_library_bodies_and_escapes_controls() -> None:
    """Library records are cut before a body; every record loses its raw control characters."""
    bolt = logging.LogRecord(
        "slack_bolt.App", logging.WARNING, __file__, 1, "Unhandled request (%s)", ("{...}",), None
    )
    ours = logging.LogRecord(
        "bot.slack.x", logging.INFO, __file__, 1, "channel=%s", ("C1\r\nX\x1b[31m",), None
    )
    assert PrivacyFilter().filter(bolt) is True
    assert PrivacyFilter().filter(ours) is True
    assert bolt.getMessage() == "Unhandled [body redacted]"
    assert ours.getMessage() == "channel=C1\\r\\nX\\x1b[31m"
    assert escape_controls("a\u2028b") == "a\\u2028b"
