"""Bad input through the real server: clear messages, bounded echoes, no tracebacks."""

from __future__ import annotations

import json
import logging

import pytest

from bot.slack import ids
from bot.slack.listeners.commands import HELP_TEXT
from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import TEAM_ID, FakeSlack
from tests.slack.payloads import (
    API_APP_ID,
    USER_ID,
    command_form,
    event_envelope,
    interactivity_form,
    mention_event,
)
from tests.slack.test_views import _submission

HUGE = "1" + "0" * 309
RANGE_TEXT = 'duration_months: "100000000000000000000000…" is outside 1 to 240 months'


def _tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def test_invalid_modal_duration_gets_inline_errors_only(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """Duration 'banana': an inline error on the field, then no 'something went wrong' post."""
    with caplog.at_level(logging.INFO):
        status, body = send(interactivity_form(_submission("banana")), form=True)
        slack_server.wait_idle()
    block = f"{ids.SCENARIO_BLOCK_PREFIX}duration_months"
    assert status == 200
    assert list(json.loads(body)["errors"]) == [block]
    assert json.loads(body)["errors"][block].startswith('duration_months: "banana" is not')
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]
    assert _tracebacks(caplog) == []


def test_310_digit_duration_in_a_command_gets_the_range_message(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """`/sourcing evaluate duration=10…0` (310 digits) is answered with the 1-240 months range."""
    with caplog.at_level(logging.INFO):
        status, body = send(command_form(f"evaluate duration={HUGE}"), form=True)
        slack_server.wait_idle()
    assert status == 200
    assert json.loads(body)["text"].startswith(f":warning: {RANGE_TEXT}\nExample: ")
    assert fake_slack.calls("chat.postMessage") == []
    assert _tracebacks(caplog) == []


def test_310_digit_duration_in_a_mention_gets_the_range_message(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """A mention saying the project "lasts 10…0 years" is answered with the range message."""
    ts = fake_slack.new_ts()
    text = f"Our project lasts {HUGE} years and is not core. What should we do?"
    with caplog.at_level(logging.INFO):
        send(event_envelope(mention_event(text, ts=ts)))
        post = fake_slack.wait_for("chat.postMessage")[0]
        slack_server.wait_idle()
    assert (post.body["thread_ts"], post.body["text"]) == (ts, RANGE_TEXT)
    assert _tracebacks(caplog) == []


def test_ten_thousand_angle_brackets_are_not_echoed_back(
    slack_server: SlackServer, send: Send
) -> None:
    """`/sourcing <<<…` (10,000) names the unknown subcommand cut to 40 characters."""
    status, body = send(command_form("<" * 10_000), form=True)
    slack_server.wait_idle()
    assert status == 200
    assert json.loads(body) == {
        "response_type": "ephemeral",
        "text": f"I don't know `{'&lt;' * 39}…`.\n{HELP_TEXT}",
    }


def test_long_bad_value_in_evaluate_is_cut(slack_server: SlackServer, send: Send) -> None:
    """`/sourcing evaluate budget=<<<…` echoes the value within 300 characters of error."""
    status, body = send(command_form("evaluate budget=" + "<" * 10_000), form=True)
    slack_server.wait_idle()
    text = json.loads(body)["text"]
    assert status == 200
    assert text.startswith(':warning: budget: "&lt;&lt;')
    assert len(text) < 1_500


def test_view_submission_with_null_view_gets_a_clean_response(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """A signed view_submission whose "view" is null gets 400 naming the problem, no traceback."""
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "test"},
        "user": {"id": USER_ID, "username": "manager", "team_id": TEAM_ID},
        "api_app_id": API_APP_ID,
        "token": "unused-verification-token",
        "trigger_id": "1111.2222.trigger",
        "view": None,
    }
    with caplog.at_level(logging.INFO):
        status, body = send(interactivity_form(payload), form=True)
        slack_server.wait_idle()
    assert (status, json.loads(body)) == (400, {"ok": False, "error": "malformed_payload"})
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]
    assert _tracebacks(caplog) == []
