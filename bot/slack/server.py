"""Serve the Bolt App: a small HTTP adapter (POST /slack/events, GET /healthz) or Socket Mode."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's payloads are a few KB; anything this large is not from Slack.
MAX_BODY_BYTES = 1_000_000


def _always_ready() -> bool:
    return True


def create_http_server(
    *, app: App, port: int, host: str = "0.0.0.0", ready: Callable[[], bool] = _always_ready
) -> ThreadingHTTPServer:
    """Bind (not start) an HTTP server that hands Slack requests to ``app.dispatch``.

    Args:
        app: The Bolt App (it verifies signatures itself).
        port: TCP port; 0 picks a free one (see ``server.server_address``).
        host: Interface to bind.
        ready: Health check; GET /healthz answers 200 while it returns True, else 503.

    Returns:
        The bound server; call ``serve_forever()`` (and ``shutdown()``/``server_close()``).
    """

    class SlackHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            if self.path.partition("?")[0] != HEALTH_PATH:
                self._send(404, {"ok": False, "error": "not_found"})
            elif ready():
                self._send(200, {"ok": True})
            else:
                self._send(503, {"ok": False, "error": "starting"})

        def do_POST(self) -> None:
            path, _, query = self.path.partition("?")
            if path != EVENTS_PATH:
                self._send(404, {"ok": False, "error": "not_found"})
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0 or length > MAX_BODY_BYTES:
                self.close_connection = True
                self._send(413 if length > 0 else 400, {"ok": False, "error": "bad_length"})
                return
            try:
                body = self.rfile.read(length).decode("utf-8")
            except UnicodeDecodeError:
                self._send(400, {"ok": False, "error": "not_utf8"})
                return
            headers: dict[str, str | Sequence[str]] = {
                k.lower(): v for k, v in self.headers.items()
            }
            resp = app.dispatch(BoltRequest(body=body, query=query, headers=headers))
            self._send_bolt(resp)

        def _send_bolt(self, resp: BoltResponse) -> None:
            data = resp.body.encode("utf-8")
            self.send_response(resp.status)
            for name, values in resp.headers.items():
                if name.lower() != "content-length":
                    for value in values:
                        self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            # Request lines only, at debug level: never bodies (they carry message text).
            logger.debug("http %s", format % args)

    server = ThreadingHTTPServer((host, port), SlackHandler)
    server.daemon_threads = True
    return server


def serve_http(
    *, app: App, port: int, host: str = "0.0.0.0", ready: Callable[[], bool] = _always_ready
) -> None:
    """Serve ``app`` over HTTP until interrupted (POST /slack/events, GET /healthz)."""
    server = create_http_server(app=app, port=port, host=host, ready=ready)
    logger.info("serving Slack events on http://%s:%d%s", host, server.server_port, EVENTS_PATH)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("stopping HTTP server")
    finally:
        server.server_close()


def serve_socket(*, app: App, app_token: str) -> None:
    """Serve ``app`` over Socket Mode (needs an app-level ``xapp-`` token) until interrupted."""
    from bot.slack.socket_mode import serve_socket as serve

    serve(app=app, app_token=app_token)
