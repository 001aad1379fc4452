"""Requests that are unsigned, wrongly signed or stale are refused with 401 and change nothing."""

from __future__ import annotations

import json
import time

import pytest
from slack_sdk.signature import SignatureVerifier

from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import event_envelope, mention_event

QUESTION = "What is the difference between outsourcing and offshoring?"


@pytest.mark.parametrize(
    "how",
    ["unsigned", "wrong_secret", "stale_timestamp", "future_timestamp", "other_body"],
)
def test_bad_signature_is_rejected_without_side_effects(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, signing_secret: str, how: str
) -> None:
    """A mention whose signature does not verify gets 401: no Slack call, no stored state."""
    envelope = event_envelope(mention_event(QUESTION, ts=fake_slack.new_ts()))
    if how == "unsigned":
        status, _ = send(envelope, signed=False)
    elif how == "wrong_secret":
        status, _ = send(envelope, secret="not-the-signing-secret")
    elif how == "stale_timestamp":
        status, _ = send(envelope, timestamp=int(time.time()) - 6 * 60)
    elif how == "future_timestamp":
        status, _ = send(envelope, timestamp=int(time.time()) + 6 * 60)
    else:
        # Sign one body, send another (same length, one character changed).
        raw = json.dumps(envelope)
        ts = str(int(time.time()))
        signature = SignatureVerifier(signing_secret)
        headers = {
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature.generate_signature(timestamp=ts, body=raw),
        }
        status, _ = send(raw.replace("outsourcing", "outsourcinG"), signed=False, headers=headers)
    slack_server.wait_idle()
    assert status == 401
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]
    assert slack_server.store.count_rows() == 0


def test_correctly_signed_request_is_accepted(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """The same mention, correctly signed 4 minutes ago, is accepted and answered."""
    envelope = event_envelope(mention_event(QUESTION, ts=fake_slack.new_ts()))
    status, _ = send(envelope, timestamp=int(time.time()) - 4 * 60)
    fake_slack.wait_for("chat.postMessage")
    slack_server.wait_idle()
    assert status == 200
    assert slack_server.store.count_rows() > 0
