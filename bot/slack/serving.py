"""Run the ASGI app under uvicorn (bounded, graceful on SIGTERM) on a socket bound up front."""

from __future__ import annotations

import asyncio
import errno
import signal
import socket
import threading
import time
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from bot.errors import ConfigError
from bot.slack.server import SlackAsgiApp

BACKLOG = 2048
KEEPALIVE_SECONDS = 5
# Headers larger than this are refused (h11); Slack sends a few hundred bytes.
MAX_HEADER_BYTES = 64 * 1024


class _BoundedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools (llhttp, C) protocol, with two bounds it lacks by default.

    A connection that never sends a request is closed after the keep-alive timeout (uvicorn
    starts that timer only after a response, so silent connections would each hold a slot of
    ``limit_concurrency`` forever), and a request whose headers pass MAX_HEADER_BYTES gets 400
    and is closed (llhttp buffers headers without limit). httptools parses a Slack request
    for a fraction of the CPU time h11 (pure Python) takes.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_bytes = 0
        self._in_headers = True
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def data_received(self, data: bytes) -> None:
        if self._in_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        too_large = self._in_headers and self._header_bytes > MAX_HEADER_BYTES
        if too_large and not self.transport.is_closing():
            self.send_400_response("Request headers too large.")

    def on_headers_complete(self) -> None:
        self._in_headers = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_headers = True  # the next request on this connection starts with headers
        self._header_bytes = 0


def _stopped(signum: int, frame: object) -> None:
    """SIGTERM after uvicorn's graceful shutdown: nothing left to do."""


async def _not_attached(scope: Any, receive: Any, send: Any) -> None:
    msg = "HttpServer.attach(app) was not called"
    raise RuntimeError(msg)


def bind(host: str, port: int, *, backlog: int = BACKLOG) -> socket.socket:
    """A listening TCP socket (port 0 picks a free one).

    Raises:
        ConfigError: the port is in use or the address cannot be bound (names the fix).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            msg = (
                f"port {port} on {host} is already in use: stop the other process or choose"
                " another port with --port"
            )
        else:
            msg = f"cannot listen on {host}:{port} ({exc.strerror}): check --host and --port"
        raise ConfigError(msg) from exc
    sock.set_inheritable(True)
    return sock


class HttpServer:
    """uvicorn serving a SlackAsgiApp on a socket bound at construction.

    ``run()`` blocks (in the main thread uvicorn handles SIGTERM/SIGINT: stop accepting,
    finish open requests within ``grace_seconds``, then the app's shutdown drains acknowledged
    work). ``start()``/``stop()`` run it in a thread (tests).
    """

    def __init__(
        self,
        asgi: SlackAsgiApp | None,
        *,
        host: str = "0.0.0.0",
        port: int = 3000,
        max_connections: int = 200,
        grace_seconds: float = 25.0,
        backlog: int = BACKLOG,
    ) -> None:
        """Bind now (raises ConfigError when the port is taken); ``asgi`` may come later."""
        self._sock = bind(host, port, backlog=backlog)
        self.host = host
        self.port = int(self._sock.getsockname()[1])
        self._options: dict[str, Any] = {
            "limit_concurrency": max_connections,
            "backlog": backlog,
            "timeout_graceful_shutdown": int(grace_seconds) or None,
        }
        self._server = uvicorn.Server(uvicorn.Config(_not_attached))
        if asgi is not None:
            self.attach(asgi)
        self._thread: threading.Thread | None = None
        self._done = threading.Event()

    def attach(self, asgi: SlackAsgiApp) -> None:
        """Set the app to serve (before ``run``/``start``)."""
        config = uvicorn.Config(
            asgi,
            lifespan="on",
            http=_BoundedHttpTools,
            # uvloop (libuv, C) where it is installed (not on Windows), else asyncio's loop.
            loop="auto",
            timeout_keep_alive=KEEPALIVE_SECONDS,
            log_config=None,
            access_log=False,
            server_header=False,
            date_header=False,
            **self._options,
        )
        self._server = uvicorn.Server(config)

    @property
    def url(self) -> str:
        """``http://host:port`` (127.0.0.1 when bound to all interfaces)."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"

    def run(self) -> None:
        """Serve until SIGTERM/SIGINT (main thread) or ``stop()``."""
        self._done.clear()
        if threading.current_thread() is threading.main_thread():
            # uvicorn re-raises the signal it stopped on once shutdown is done; with this
            # handler in place the process then exits 0 instead of dying by SIGTERM.
            signal.signal(signal.SIGTERM, _stopped)
        try:
            self._server.run(sockets=[self._sock])
        finally:
            self._done.set()

    def start(self, timeout: float = 10.0) -> HttpServer:
        """Serve in a daemon thread; returns once the server accepts requests."""
        self._thread = threading.Thread(target=self.run, name="http-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                msg = "the HTTP server did not start"
                raise RuntimeError(msg)
            time.sleep(0.01)
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Graceful stop (as on SIGTERM) and wait for the serving thread."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self._sock.close()

    # -- the http.server-style names the tests used before (kept for their fixtures) ----------

    @property
    def server_port(self) -> int:
        """The bound port."""
        return self.port

    @property
    def server_address(self) -> tuple[str, int]:
        """(host, port) as bound."""
        return self.host, self.port

    def serve_forever(self, poll_interval: float = 0.5, **_: Any) -> None:
        """Serve in the calling thread until ``shutdown()``."""
        self.run()

    def shutdown(self) -> None:
        """Ask ``serve_forever`` to return (graceful)."""
        self._server.should_exit = True
        if self._server.started:
            self._done.wait(30)

    def server_close(self) -> None:
        """Close the listening socket."""
        self._sock.close()
