"""The production HTTP edge: health, readiness, metrics, routing, and refusing bad requests."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from bot.slack.server import EVENTS_PATH, MAX_BODY_BYTES, create_http_server
from bot.slack.serving import HttpServer
from tests.slack.conftest import Send, SlackServer, make_sender, post
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import event_envelope, mention_event


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@pytest.fixture
def gated_server(slack_server: SlackServer) -> Iterator[tuple[str, list[bool]]]:
    """A second server for the same app whose one readiness check the test controls."""
    state = [False]
    server: HttpServer = create_http_server(
        app=slack_server.app, port=0, host="127.0.0.1", ready=lambda: state[0]
    ).start()
    try:
        yield server.url, state
    finally:
        server.stop()


def test_healthz_is_alive_and_readyz_follows_its_checks(
    gated_server: tuple[str, list[bool]],
) -> None:
    """/healthz is 200 while serving; /readyz is 503 naming the failing check, then 200."""
    url, state = gated_server
    assert _get(url + "/healthz") == (200, '{"ok": true}')
    status, body = _get(url + "/readyz")
    assert (status, json.loads(body)) == (503, {"ok": False, "checks": {"app": "unavailable"}})
    state[0] = True
    status, body = _get(url + "/readyz")
    assert (status, json.loads(body)) == (200, {"ok": True, "checks": {"app": "ok"}})


def test_unknown_paths_are_404(slack_server: SlackServer, fake_slack: FakeSlack) -> None:
    """Anything but the served paths is 404 and reaches no listener."""
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
    assert (resp.status, json.loads(resp.read())) == (413, {"ok": False, "error": "too_large"})
    conn.close()
    assert slack_server.store.count_rows() == 0
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]


@pytest.mark.parametrize("body", ["{", "null", "payload={", "", "\u00ff not json"])
def test_unsigned_garbage_is_401_and_writes_nothing(
    slack_server: SlackServer, fake_slack: FakeSlack, send: Send, body: str
) -> None:
    """Unsigned garbage bodies get 401 JSON (no traceback), store nothing and call no API."""
    status, text = send(body, signed=False)
    assert (status, json.loads(text)) == (401, {"ok": False, "error": "missing_signature"})
    assert slack_server.store.count_rows() == 0
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]


@pytest.mark.parametrize("timestamp", ["abc", "", "1e9", "-5", "99999999999999999999"])
def test_bad_timestamp_header_is_401(
    slack_server: SlackServer, fake_slack: FakeSlack, send: Send, timestamp: str
) -> None:
    """A timestamp header that is not a recent integer gets 401, never 500."""
    status, text = send(
        event_envelope(mention_event("hi", ts="1.1")),
        headers={"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=00"},
    )
    assert status == 401
    assert json.loads(text)["error"] in ("invalid_signature", "missing_signature")
    assert slack_server.store.count_rows() == 0
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]


@pytest.mark.parametrize("body", ["{", "null", "payload={", "[1, 2]", "payload=null"])
def test_signed_garbage_is_400_and_writes_nothing(
    slack_server: SlackServer, fake_slack: FakeSlack, send: Send, body: str
) -> None:
    """Correctly signed bodies Bolt cannot parse get 400 JSON and change nothing."""
    form = body.startswith("payload=")
    status, text = send(
        body, headers={"Content-Type": "application/x-www-form-urlencoded"} if form else None
    )
    assert (status, json.loads(text)) == (400, {"ok": False, "error": "bad_body"})
    assert slack_server.store.count_rows() == 0
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]


def test_metrics_count_acks_and_rejections(slack_server: SlackServer, signing_secret: str) -> None:
    """/metrics is Prometheus text counting acknowledged and rejected requests by kind."""
    server: HttpServer = create_http_server(app=slack_server.app, port=0, host="127.0.0.1").start()
    try:
        send = make_sender(server.url, signing_secret)
        status, _ = send({"type": "url_verification", "challenge": "c"})
        assert status == 200
        assert post(server.url + EVENTS_PATH, b"{", {})[0] == 401
        status, text = _get(server.url + "/metrics")
    finally:
        server.stop()
    assert status == 200
    lines = set(text.splitlines())
    assert 'sourcing_slack_rejected_total{reason="missing_signature"} 1.0' in lines
    assert 'sourcing_slack_requests_total{kind="url_verification",status="200"} 1.0' in lines
    assert "sourcing_work_queue_depth 0.0" in lines


def test_silent_connections_are_closed_after_the_keepalive_timeout(
    slack_server: SlackServer,
) -> None:
    """A connection that never sends a request is closed by the server within ~5 s."""
    host, port = slack_server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=15) as sock:
        started = time.monotonic()
        assert sock.recv(1) == b""
        assert time.monotonic() - started < 12


def test_oversized_request_headers_are_refused(slack_server: SlackServer) -> None:
    """A request whose headers pass 64 KB is refused (400, or a reset while it still sends)
    and its connection closed, instead of buffering headers without end."""
    host, port = slack_server.url.removeprefix("http://").split(":")
    reply, closed = b"", False
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        try:
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\n")
            for _ in range(100):  # 100 KB of headers, never finished
                sock.sendall(b"X-Filler: " + b"a" * 1000 + b"\r\n")
            while chunk := sock.recv(4096):
                reply += chunk
            closed = True
        except (BrokenPipeError, ConnectionResetError):
            closed = True  # closed with our bytes unread: the kernel resets the connection
    assert closed
    assert reply == b"" or reply.startswith(b"HTTP/1.1 400 "), reply[:200]
