"""Our HTTP adapter: health check, routing, body size limit."""

from __future__ import annotations

import http.client
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from bot.slack.server import EVENTS_PATH, MAX_BODY_BYTES, create_http_server
from tests.slack.conftest import SlackServer, post
from tests.slack.fake_slack import FakeSlack


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@pytest.fixture
def readiness(slack_server: SlackServer) -> Iterator[tuple[str, threading.Event]]:
    """A second server for the same app whose readiness the test controls."""
    ready = threading.Event()
    server = create_http_server(app=slack_server.app, port=0, host="127.0.0.1", ready=ready.is_set)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", ready
    finally:
        server.shutdown()
        server.server_close()


def test_healthz_is_503_until_ready_then_200(readiness: tuple[str, threading.Event]) -> None:
    """GET /healthz answers 503 before the app is ready and 200 {"ok": true} after."""
    url, ready = readiness
    status, body = _get(url + "/healthz")
    assert (status, json.loads(body)) == (503, {"ok": False, "error": "starting"})
    ready.set()
    status, body = _get(url + "/healthz")
    assert (status, json.loads(body)) == (200, {"ok": True})


def test_unknown_paths_are_404(slack_server: SlackServer, fake_slack: FakeSlack) -> None:
    """Anything but GET /healthz and POST /slack/events is 404 and reaches no listener."""
    assert _get(slack_server.url + "/")[0] == 404
    assert _get(slack_server.url + EVENTS_PATH)[0] == 404
    assert post(slack_server.url + "/slack/other", b"{}", {})[0] == 404
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]


def test_oversized_body_is_413_without_dispatch(
    slack_server: SlackServer, fake_slack: FakeSlack
) -> None:
    """A body announced larger than the limit is refused with 413 before it is read."""
    host, port = slack_server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest("POST", EVENTS_PATH)
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(MAX_BODY_BYTES + 1))
    conn.endheaders()
    conn.send(b'{"type": "url_verification", "challenge": "x"}')
    resp = conn.getresponse()
    assert resp.status == 413
    conn.close()
    assert slack_server.store.count_rows() == 0
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]
