"""End to end: the ⏳ reaction appears only on answers that are late, and is always removed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.slack.listeners.answering import PROGRESS_REACTION
from bot.slack.ports import AdvisorPort
from tests.slack.conftest import Send, SlackServer, make_sender, running_server
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import CHANNEL_ID, event_envelope, mention_event

QUESTION = "What is the difference between outsourcing and offshoring?"
REACTION_METHODS = ("reactions.add", "reactions.remove", "chat.postMessage")


@pytest.fixture
def quick_progress(slack_settings: Settings, advisor: AdvisorPort) -> Iterator[SlackServer]:
    """The app with a 0.1 s progress delay."""
    settings = slack_settings.model_copy(update={"progress_reaction_delay_s": 0.1})
    with running_server(settings, advisor) as server:
        yield server


def _sequence(fake: FakeSlack) -> list[tuple[str, int, str]]:
    """(method, HTTP status, reaction name or thread_ts) of the answer's calls, in arrival order."""
    return [
        (c.method, c.status, str(c.body.get("name") or c.body.get("thread_ts")))
        for c in fake.calls()
        if c.method in REACTION_METHODS
    ]


def _mention_until_removed(
    server: SlackServer, fake: FakeSlack, signing_secret: str
) -> tuple[str, list[tuple[str, int, str]]]:
    """Mention the bot, wait until ⏳ is removed and the server is idle; the mention's ts and
    the reaction and post calls in order."""
    ts = fake.new_ts()
    make_sender(server.url, signing_secret)(event_envelope(mention_event(QUESTION, ts=ts)))
    fake.wait_for("reactions.remove")
    server.wait_idle()
    return ts, _sequence(fake)


def test_fast_answer_makes_no_reaction_calls(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """An answer posted within the delay costs exactly one Web API call: chat.postMessage."""
    ts = fake_slack.new_ts()
    send(event_envelope(mention_event(QUESTION, ts=ts)))
    fake_slack.wait_for("chat.postMessage")
    slack_server.wait_idle()
    assert _sequence(fake_slack) == [("chat.postMessage", 200, ts)]


def test_zero_delay_reacts_around_every_answer(
    slack_settings: Settings, advisor: AdvisorPort, fake_slack: FakeSlack, signing_secret: str
) -> None:
    """SOURCING_PROGRESS_REACTION_DELAY=0: ⏳ added before the answer and removed after it."""
    settings = slack_settings.model_copy(update={"progress_reaction_delay_s": 0.0})
    with running_server(settings, advisor) as server:
        ts = fake_slack.new_ts()
        make_sender(server.url, signing_secret)(event_envelope(mention_event(QUESTION, ts=ts)))
        fake_slack.wait_for("reactions.remove")
        server.wait_idle()
    assert _sequence(fake_slack) == [
        ("reactions.add", 200, PROGRESS_REACTION),
        ("chat.postMessage", 200, ts),
        ("reactions.remove", 200, PROGRESS_REACTION),
    ]
    assert {
        c.body["timestamp"] for c in fake_slack.calls() if c.method.startswith("reactions")
    } == {ts}


def test_answer_slowed_by_a_rate_limit_gets_the_reaction_then_loses_it(
    quick_progress: SlackServer, fake_slack: FakeSlack, signing_secret: str
) -> None:
    """chat.postMessage rate-limited (Retry-After 1 s): ⏳ added meanwhile, removed after."""
    fake_slack.fail_next("chat.postMessage", status=429, error="ratelimited", retry_after=1)
    ts, calls = _mention_until_removed(quick_progress, fake_slack, signing_secret)
    # The first (429) post may come before or after the add; the rest is ordered.
    assert sorted(calls[:2]) == [
        ("chat.postMessage", 429, ts),
        ("reactions.add", 200, PROGRESS_REACTION),
    ]
    assert calls[2:] == [
        ("chat.postMessage", 200, ts),
        ("reactions.remove", 200, PROGRESS_REACTION),
    ]
    assert len(fake_slack.messages(CHANNEL_ID)) == 1


def test_reaction_still_in_flight_when_the_answer_lands_is_removed(
    quick_progress: SlackServer, fake_slack: FakeSlack, signing_secret: str
) -> None:
    """Every Web API call takes 0.6 s: the add outlives the post, and the remove follows it."""
    fake_slack.delay_s = 0.6
    ts, calls = _mention_until_removed(quick_progress, fake_slack, signing_secret)
    # The post usually arrives first (then the add is in flight when the answer is out).
    assert sorted(calls[:2]) == [
        ("chat.postMessage", 200, ts),
        ("reactions.add", 200, PROGRESS_REACTION),
    ]
    assert calls[2:] == [("reactions.remove", 200, PROGRESS_REACTION)]
