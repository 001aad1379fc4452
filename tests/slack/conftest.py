"""Fixtures for end-to-end Slack tests: a fake Web API, the real app behind our HTTP server.

How to use them (Slack A and Slack B tests alike)::

    def test_x(slack_server, send, fake_slack):
        status, body = send(event_envelope(mention_event("hi", ts=fake_slack.new_ts())))
        assert status == 200
        post = fake_slack.wait_for("chat.postMessage")[0]

Fixtures:
    signing_secret  the secret the app verifies requests with (session).
    advisor         one real advisor for the session (real Chroma, real embeddings).
    fake_slack      a started FakeSlack (tests/slack/fake_slack.py), new per test; at teardown every
                    recorded payload is checked with bot.slack.blocks.limits.assert_within_limits.
    slack_settings  Settings for the app: per-test data dir (fresh SQLite), tokens, fake API URL;
                    the ⏳ reaction only after 60 s (tests that want it set their own delay).
    slack_server    the production server (uvicorn, bot.slack.serving) running the real Bolt app on
                    127.0.0.1:<free port>; ``.url``, ``.app``, ``.store``, ``.wait_idle()``.
    send            ``send(body, *, form=False, headers=None, timestamp=None, secret=None,
                    signed=True) -> (status, text)``: POSTs a signed request to /slack/events.
                    A dict body goes as JSON, or form-encoded with ``form=True`` (commands;
                    interactivity as ``interactivity_form(payload)``); a str body is sent as is.
Payload builders live in tests/slack/payloads.py.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt import App
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.slack.app import create_app
from bot.slack.blocks.limits import assert_within_limits
from bot.slack.ports import AdvisorPort
from bot.slack.progress_reaction import ProgressReactions
from bot.slack.server import create_http_server
from bot.slack.store import open_store
from bot.slack.work import WorkExecutor
from bot.state import StateStore
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack

SIGNING_SECRET = "test-signing-secret-8f14e45fceea167a"

Send = Callable[..., tuple[int, str]]


class TrackingExecutor(WorkExecutor):
    """The production work pool (bounded, drains on stop) sized for tests; ``wait_idle()``."""

    def __init__(self) -> None:
        super().__init__(max_workers=4, max_pending=1000)


@dataclass(frozen=True)
class SlackServer:
    """The running app: its URL, the Bolt App, its state store and executor."""

    url: str
    app: App
    store: StateStore
    settings: Settings
    executor: TrackingExecutor

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until every lazy listener started so far has finished."""
        self.executor.wait_idle(timeout)


@pytest.fixture(scope="session")
def signing_secret() -> str:
    """The signing secret shared by the app and the ``send`` helper."""
    return SIGNING_SECRET


@pytest.fixture(scope="session")
def advisor(tmp_path_factory: pytest.TempPathFactory) -> AdvisorPort:
    """One real advisor for the whole session (building the index takes a few seconds)."""
    from bot import build_advisor

    settings = Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("advisor-data"))
    return build_advisor(settings)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A fake Slack Web API; every payload it received must respect Block Kit limits."""
    fake = FakeSlack().start()
    try:
        yield fake
        for call in fake.calls():
            assert_within_limits(call.body)
    finally:
        fake.stop()


@pytest.fixture
def slack_settings(tmp_path: Path, fake_slack: FakeSlack, signing_secret: str) -> Settings:
    """App settings: fresh data dir, test tokens, the fake Slack API URL, no ⏳ within 60 s."""
    return Settings(
        _env_file=None,
        data_dir=tmp_path / "slack-data",
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=signing_secret,
        slack_api_url=fake_slack.api_url,
        # A loaded machine may take over a second for an answer: only chosen tests see ⏳.
        progress_reaction_delay_s=60,
    )


@contextmanager
def running_server(settings: Settings, advisor: AdvisorPort) -> Iterator[SlackServer]:
    """Run create_app(settings, advisor) behind the production server on 127.0.0.1:<free port>."""
    executor = TrackingExecutor()
    store = open_store(settings)
    progress = ProgressReactions(delay_s=settings.progress_reaction_delay_s)
    app = create_app(
        settings=settings,
        advisor=advisor,
        store=store,
        listener_executor=executor,
        progress=progress,
    )
    server = create_http_server(app=app, port=0, host="127.0.0.1", work=executor).start()
    try:
        yield SlackServer(
            url=server.url, app=app, store=store, settings=settings, executor=executor
        )
        executor.wait_idle()
    finally:
        server.stop()
        executor.shutdown(wait=True)
        progress.close()
        store.close()


@pytest.fixture
def slack_server(slack_settings: Settings, advisor: AdvisorPort) -> Iterator[SlackServer]:
    """Our HTTP server with the real Bolt app and the real advisor."""
    with running_server(slack_settings, advisor) as server:
        yield server


def post(url: str, data: bytes, headers: Mapping[str, str]) -> tuple[int, str]:
    """POST raw bytes; returns (status, body text) for error statuses too."""
    request = urllib.request.Request(url, data=data, headers=dict(headers), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def make_sender(url: str, signing_secret: str) -> Send:
    """A ``send`` function for the server at ``url`` (see the module docstring)."""

    def _send(
        body: Mapping[str, Any] | str,
        *,
        form: bool = False,
        headers: Mapping[str, str] | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
        signed: bool = True,
    ) -> tuple[int, str]:
        if isinstance(body, str):
            raw = body
        elif form:
            raw = urlencode(body)
        else:
            raw = json.dumps(body)
        content_type = "application/x-www-form-urlencoded" if form else "application/json"
        ts = str(int(time.time()) if timestamp is None else timestamp)
        all_headers = {"Content-Type": content_type}
        if signed:
            verifier = SignatureVerifier(secret if secret is not None else signing_secret)
            all_headers["X-Slack-Request-Timestamp"] = ts
            signature = verifier.generate_signature(timestamp=ts, body=raw)
            assert signature is not None
            all_headers["X-Slack-Signature"] = signature
        all_headers.update(headers or {})
        return post(url + "/slack/events", raw.encode("utf-8"), all_headers)

    return _send


@pytest.fixture
def send(slack_server: SlackServer, signing_secret: str) -> Send:
    """POST a (by default correctly) signed request to the app's /slack/events."""
    return make_sender(slack_server.url, signing_secret)
