"""Failures at the edge: the user gets a fixed friendly message, logs get ids and no text."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

import pytest

from bot.advisor.onboarding import OnboardingService
from bot.config import Settings
from bot.models import Answer, Evaluation, Policy, Scenario
from bot.slack.blocks.answer import ERROR_TEXT
from bot.slack.ports import AdvisorPort
from tests.slack.conftest import Send, SlackServer, make_sender, running_server
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import CHANNEL_ID, USER_ID, event_envelope, mention_event

SECRET_DETAIL = "db password hunter2 at /srv/internal"
QUESTION = "Which sourcing model suits a 6 month project for a non-IT company?"


class FailingAdvisor:
    """An AdvisorPort whose ask fails with an unexpected error (a bug, a crashed index)."""

    def __init__(self, real: AdvisorPort) -> None:
        self._real = real

    @property
    def policy(self) -> Policy:
        """The real policy."""
        return self._real.policy

    @property
    def onboarding(self) -> OnboardingService | None:
        """The real onboarding service."""
        return self._real.onboarding

    def ask(self, text: str, *, history: Sequence[str] = ()) -> Answer:
        """Always fails with internal details in the message."""
        raise RuntimeError(SECRET_DETAIL)

    def evaluate(self, scenario: Scenario) -> Evaluation:
        """The real evaluation."""
        return self._real.evaluate(scenario)

    def parse_scenario_args(self, text: str) -> Scenario:
        """The real parser."""
        return self._real.parse_scenario_args(text)


@pytest.fixture
def failing_server(slack_settings: Settings, advisor: AdvisorPort) -> Iterator[SlackServer]:
    """The real app and HTTP server around an advisor that always fails; ⏳ added at once."""
    settings = slack_settings.model_copy(update={"progress_reaction_delay_s": 0.0})
    with running_server(settings, FailingAdvisor(advisor)) as server:
        yield server


def test_unexpected_error_gives_the_fixed_message_ephemerally(
    failing_server: SlackServer,
    fake_slack: FakeSlack,
    signing_secret: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An unexpected failure is logged with its traceback; the user sees only ERROR_TEXT."""
    send = make_sender(failing_server.url, signing_secret)
    ts = fake_slack.new_ts()
    with caplog.at_level(logging.INFO):
        send(event_envelope(mention_event(QUESTION, ts=ts)))
        ephemeral = fake_slack.wait_for("chat.postEphemeral")[0]
        failing_server.wait_idle()
    body = {k: ephemeral.body[k] for k in ("channel", "user", "thread_ts", "text")}
    assert body == {
        "channel": CHANNEL_ID,
        "user": USER_ID,
        "thread_ts": ts,
        "text": ERROR_TEXT,
    }
    assert fake_slack.calls("chat.postMessage") == []
    assert all(SECRET_DETAIL not in str(c.body) for c in fake_slack.calls())
    assert [r.exc_info[0] for r in caplog.records if r.exc_info] == [RuntimeError]
    assert len(fake_slack.calls("reactions.add")) == 1
    assert len(fake_slack.calls("reactions.remove")) == 1


def test_logs_carry_no_message_text(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """Answering a mention logs ids and lengths at INFO, never the question itself."""
    with caplog.at_level(logging.INFO):
        send(event_envelope(mention_event(QUESTION, ts=fake_slack.new_ts())))
        fake_slack.wait_for("chat.postMessage")
        slack_server.wait_idle()
    messages = [r.getMessage() for r in caplog.records]
    assert any(f"question_chars={len(QUESTION)}" in m for m in messages)
    assert all("non-IT company" not in m for m in messages)
