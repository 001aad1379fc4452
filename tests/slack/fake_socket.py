"""A fake of Slack's Socket Mode on ws://127.0.0.1 (port 0), built on the websockets library.

Like Slack it says ``hello`` on each connection, sends envelopes, records every ack, can ask the
client to reconnect (a ``disconnect`` envelope) or drop the socket, and re-delivers an
``events_api`` envelope that was not acked when its connection went away (Slack's retry).
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve


@dataclass(frozen=True)
class Ack:
    """An acknowledgement: the envelope id, its optional payload, seconds after the envelope."""

    envelope_id: str
    payload: dict[str, Any] | None
    after_s: float


class FakeSocketMode:
    """Start with ``start()``; put ``url`` in FakeSlack.socket_url (apps.connections.open)."""

    def __init__(self) -> None:
        """Nothing is bound until ``start()``."""
        self._server: Server | None = None
        self._cond = threading.Condition()
        self._connections: list[ServerConnection] = []
        self._sent: dict[str, tuple[float, dict[str, Any]]] = {}
        self._acks: dict[str, Ack] = {}
        self._ack_counts: dict[str, int] = {}
        self._ids = itertools.count(1)

    def start(self) -> FakeSocketMode:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        self._server = serve(
            self._handle, "127.0.0.1", 0, compression=None, ping_interval=None, open_timeout=5
        )
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Close every connection and the listening socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server = None

    @property
    def url(self) -> str:
        """The ws:// URL apps.connections.open hands out."""
        assert self._server is not None, "FakeSocketMode is not started"
        port = self._server.socket.getsockname()[1]
        return f"ws://127.0.0.1:{port}/link/?ticket=fake-ticket"

    # -- what the test does ---------------------------------------------------------------

    def send(self, kind: str, payload: dict[str, Any], *, accepts_response: bool = False) -> str:
        """Send an envelope (events_api | slash_commands | interactive); returns its id."""
        envelope_id = f"env-{next(self._ids):04d}"
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts_response,
            "retry_attempt": 0,
            "retry_reason": "",
        }
        with self._cond:
            self._sent[envelope_id] = (time.monotonic(), envelope)
            connection = self._connections[-1]
        connection.send(json.dumps(envelope))
        return envelope_id

    def request_reconnect(self) -> None:
        """Send a ``disconnect`` envelope, as Slack does before it rotates a connection."""
        with self._cond:
            connection = self._connections[-1]
        connection.send(json.dumps({"type": "disconnect", "reason": "refresh_requested"}))

    def drop(self) -> None:
        """Cut the current connection's TCP socket with no closing handshake."""
        with self._cond:
            connection = self._connections[-1]
        connection.socket.shutdown(socket.SHUT_RDWR)

    def connection_count(self) -> int:
        """How many connections were opened so far."""
        with self._cond:
            return len(self._connections)

    def wait_connections(self, count: int, timeout: float = 15.0) -> None:
        """Block until ``count`` connections were opened; AssertionError on timeout."""
        self._wait(lambda: len(self._connections) >= count, timeout, f"{count} connections")

    def wait_ack(self, envelope_id: str, timeout: float = 15.0) -> Ack:
        """Block until ``envelope_id`` is acked; AssertionError on timeout."""
        self._wait(lambda: envelope_id in self._acks, timeout, f"ack of {envelope_id}")
        with self._cond:
            return self._acks[envelope_id]

    def ack_count(self, envelope_id: str) -> int:
        """How many times ``envelope_id`` was acked."""
        with self._cond:
            return self._ack_counts.get(envelope_id, 0)

    def _wait(self, done: Any, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not done():
                left = deadline - time.monotonic()
                if left <= 0:
                    msg = f"waited {timeout}s for {what}"
                    raise AssertionError(msg)
                self._cond.wait(left)

    # -- serving ------------------------------------------------------------------------------

    def _handle(self, connection: ServerConnection) -> None:
        with self._cond:
            self._connections.append(connection)
            unacked = [
                env for _, env in self._sent.values() if env["envelope_id"] not in self._acks
            ]
            self._cond.notify_all()
        connection.send(json.dumps({"type": "hello", "num_connections": 1}))
        for envelope in unacked:
            if envelope["type"] == "events_api":  # Slack retries undelivered events
                retry = {**envelope, "retry_attempt": 1, "retry_reason": "timeout"}
                connection.send(json.dumps(retry))
        try:
            for raw in connection:
                self._record(json.loads(raw))
        except (ConnectionClosed, OSError):
            return

    def _record(self, message: dict[str, Any]) -> None:
        envelope_id = message.get("envelope_id")
        if not isinstance(envelope_id, str):
            return
        with self._cond:
            sent_at = self._sent.get(envelope_id, (time.monotonic(), {}))[0]
            self._ack_counts[envelope_id] = self._ack_counts.get(envelope_id, 0) + 1
            self._acks.setdefault(
                envelope_id,
                Ack(envelope_id, message.get("payload"), time.monotonic() - sent_at),
            )
            self._cond.notify_all()
