"""GET /metrics of the served app (wired as `serve` wires it): answers, refusals, API faults."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.slack.app import build_web_client
from bot.slack.metrics import Metrics, instrument_client
from bot.slack.ports import AdvisorPort
from bot.slack.runner import Served, assemble
from bot.slack.serving import HttpServer
from bot.slack.store import open_store
from tests.slack.conftest import SIGNING_SECRET, make_sender
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import event_envelope, mention_event

QUESTION = "How much cheaper is a dedicated offshore team than an onshore team?"
OFF_TOPIC = "What is the best pizza topping for a team lunch?"


@pytest.fixture
def served(slack_settings: Settings, advisor: AdvisorPort) -> Iterator[tuple[HttpServer, Served]]:
    """The app assembled exactly as `serve` does, on the production server at a free port."""
    store = open_store(slack_settings)
    metrics = Metrics()
    client = instrument_client(build_web_client(slack_settings), metrics)
    parts = assemble(slack_settings, advisor=advisor, store=store, client=client, metrics=metrics)
    server = HttpServer(parts.asgi, host="127.0.0.1", port=0).start()
    try:
        yield server, parts
    finally:
        server.stop()
        parts.progress.close()
        store.close()


def _metrics(server: HttpServer) -> set[str]:
    with urllib.request.urlopen(server.url + "/metrics", timeout=10) as resp:
        return set(resp.read().decode("utf-8").splitlines())


def _mention(server: HttpServer, fake: FakeSlack, text: str) -> None:
    send = make_sender(server.url, SIGNING_SECRET)
    assert send(event_envelope(mention_event(text, ts=fake.new_ts())))[0] == 200


def test_answers_are_counted_by_route_with_latencies(
    served: tuple[HttpServer, Served], fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """One answered mention and one refusal: acks, answers by route, refusals, latencies."""
    server, parts = served
    _mention(server, fake_slack, QUESTION)
    _mention(server, fake_slack, OFF_TOPIC)
    fake_slack.wait_for("chat.postMessage", 2)
    parts.work.wait_idle()
    answered, refused = advisor.ask(QUESTION), advisor.ask(OFF_TOPIC)
    assert (answered.covered, refused.covered) == (True, False)
    lines = _metrics(server)
    routes = {answered.route: 1, refused.route: 1}
    if answered.route == refused.route:
        routes = {answered.route: 2}
    for route, count in routes.items():
        assert f'sourcing_answers_total{{route="{route}"}} {count}.0' in lines
    assert "sourcing_refusals_total 1.0" in lines
    assert 'sourcing_slack_requests_total{kind="event_callback",status="200"} 2.0' in lines
    assert 'sourcing_ack_seconds_count{kind="event_callback"} 2.0' in lines
    assert "sourcing_answer_seconds_count 2.0" in lines
    assert "sourcing_work_seconds_count 2.0" in lines
    assert "sourcing_work_queue_depth 0.0" in lines


def test_failed_web_api_attempts_retries_and_fallbacks_are_counted(
    served: tuple[HttpServer, Served], fake_slack: FakeSlack
) -> None:
    """A 429 counts an error and a retry; invalid_blocks an error and a text-only fallback."""
    server, parts = served
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=0)
    fake_slack.fail_next("chat.postMessage", error="invalid_blocks")
    _mention(server, fake_slack, QUESTION)
    fake_slack.wait_for("chat.postMessage", 3)
    parts.work.wait_idle()
    lines = _metrics(server)
    errors = sorted(line for line in lines if line.startswith("sourcing_slack_api_errors_total"))
    assert errors == [
        'sourcing_slack_api_errors_total{error="429",method="chat.postMessage"} 1.0',
        'sourcing_slack_api_errors_total{error="invalid_blocks",method="chat.postMessage"} 1.0',
    ]
    assert 'sourcing_slack_api_retries_total{reason="429"} 1.0' in lines
    assert 'sourcing_fallbacks_total{kind="text_only"} 1.0' in lines
