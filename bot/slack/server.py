"""The HTTP edge: an ASGI app for Slack's requests, health, readiness and metrics (see serving)."""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, MutableMapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk.signature import SignatureVerifier

from bot.slack.logs import REQUEST_ID
from bot.slack.metrics import Metrics
from bot.slack.progress_reaction import RECEIVED_AT
from bot.slack.work import WorkExecutor

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
# Slack's payloads are a few KB; anything this large is not from Slack.
MAX_BODY_BYTES = 1_000_000
# A client must send its whole body within this many seconds (slow senders hold a slot).
BODY_READ_TIMEOUT_SECONDS = 10.0
READY_CHECK_TIMEOUT_SECONDS = 5.0

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ReadinessCheck = Callable[[], object]
"""Raises (or returns False, or an object whose ``ok`` is False) when its part is not usable."""


class _RejectError(Exception):
    """A request refused at the edge with a status and a fixed error code."""

    def __init__(self, status: int, error: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error


class SlackAsgiApp:
    """ASGI app: POST /slack/events -> Bolt (in a thread), GET /healthz, /readyz, /metrics.

    Slack requests are checked here before Bolt sees them: body size (413), read time (408),
    signature and timestamp headers (401), UTF-8 and parseable body (400); while the work queue
    is full they get 503 so Slack retries later. Responses to bad input are fixed JSON with no
    traceback. On lifespan shutdown (SIGTERM) the ``on_shutdown`` callables run in order.
    """

    def __init__(
        self,
        *,
        app: App,
        signing_secret: str,
        work: WorkExecutor | None = None,
        checks: Mapping[str, ReadinessCheck] | None = None,
        metrics: Metrics | None = None,
        on_shutdown: Sequence[Callable[[], None]] = (),
        dispatch_threads: int = 8,
    ) -> None:
        """Serve ``app``; ``checks`` name the parts /readyz reports (all must pass for 200)."""
        self._app = app
        # No secret (Socket Mode builds this app too): every Slack request is refused.
        self._verifier = SignatureVerifier(signing_secret) if signing_secret else None
        self._work = work
        self._checks = dict(checks or {})
        self._metrics = metrics or Metrics()
        self._on_shutdown = list(on_shutdown)
        self._pool = ThreadPoolExecutor(max_workers=dispatch_threads, thread_name_prefix="ack")

    @property
    def metrics(self) -> Metrics:
        """The metrics this app records."""
        return self._metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry point (http and lifespan scopes)."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        method, path = scope["method"], scope["path"]
        if method == "POST" and path == EVENTS_PATH:
            await self._slack(scope, receive, send)
        elif method in ("GET", "HEAD") and path == HEALTH_PATH:
            await _send_json(send, 200, {"ok": True})
        elif method in ("GET", "HEAD") and path == READY_PATH:
            await self._ready(send)
        elif method in ("GET", "HEAD") and path == METRICS_PATH:
            body, content_type = self._metrics.exposition(queue_depth=self._depth())
            await _send(send, 200, body, content_type)
        else:
            await _send_json(send, 404, {"ok": False, "error": "not_found"})

    # -- Slack requests ------------------------------------------------------------------------

    async def _slack(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        received_at = time.monotonic()
        headers = _headers(scope)
        REQUEST_ID.set(uuid.uuid4().hex[:12])
        try:
            if self._work is not None and self._work.full:
                raise _RejectError(503, "busy")
            raw = await _read_body(receive, headers)
            self._verify(raw, headers)
            request = _bolt_request(raw, scope, headers, received_at=received_at)
        except _RejectError as rej:
            self._metrics.rejected_request(rej.error)
            await _send_json(send, rej.status, {"ok": False, "error": rej.error})
            return
        kind = _kind(request)
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()
        try:
            response: BoltResponse = await loop.run_in_executor(
                self._pool, context.run, self._app.dispatch, request
            )
        except Exception as exc:
            logger.error("dispatch failed kind=%s error=%s", kind, type(exc).__name__, exc_info=exc)
            response = BoltResponse(status=500, body='{"ok": false, "error": "internal_error"}')
        self._metrics.acked(kind, status=response.status, seconds=time.perf_counter() - started)
        await _send(
            send,
            response.status,
            response.body.encode("utf-8"),
            _first(response.headers.get("content-type")) or "text/plain;charset=utf-8",
        )

    def _verify(self, raw: bytes, headers: Mapping[str, str]) -> None:
        timestamp = headers.get("x-slack-request-timestamp", "")
        signature = headers.get("x-slack-signature", "")
        if not timestamp or not signature:
            raise _RejectError(401, "missing_signature")
        if self._verifier is None:
            raise _RejectError(401, "invalid_signature")
        try:
            body = raw.decode("utf-8")
            valid = self._verifier.is_valid(body=body, timestamp=timestamp, signature=signature)
        except (UnicodeDecodeError, ValueError, TypeError):
            valid = False
        if not valid:
            raise _RejectError(401, "invalid_signature")

    # -- health ----------------------------------------------------------------------------------

    async def _ready(self, send: Send) -> None:
        loop = asyncio.get_running_loop()
        results: dict[str, str] = {}
        for name, check in self._checks.items():
            try:
                outcome = await asyncio.wait_for(
                    loop.run_in_executor(self._pool, check), READY_CHECK_TIMEOUT_SECONDS
                )
                ok = outcome is not False and getattr(outcome, "ok", True) is not False
                results[name] = "ok" if ok else "unavailable"
            except TimeoutError:
                results[name] = "timeout"
            except Exception as exc:
                logger.warning("readiness check %s failed: %s", name, type(exc).__name__)
                results[name] = "unavailable"
        ready = all(v == "ok" for v in results.values())
        await _send_json(send, 200 if ready else 503, {"ok": ready, "checks": results})

    def _depth(self) -> int:
        return self._work.pending if self._work is not None else 0

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await asyncio.get_running_loop().run_in_executor(None, self._shutdown)
                await send({"type": "lifespan.shutdown.complete"})
                return

    def _shutdown(self) -> None:
        """Finish acknowledged work (the callables decide how long), then release resources."""
        for step in self._on_shutdown:
            try:
                step()
            except Exception:
                logger.exception("shutdown step failed")
        self._pool.shutdown(wait=True)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


async def _read_body(receive: Receive, headers: Mapping[str, str]) -> bytes:
    declared = headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise _RejectError(400, "bad_length")
        if int(declared) > MAX_BODY_BYTES:
            raise _RejectError(413, "too_large")

    async def read() -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _RejectError(400, "disconnected")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise _RejectError(413, "too_large")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    try:
        return await asyncio.wait_for(read(), BODY_READ_TIMEOUT_SECONDS)
    except TimeoutError:
        raise _RejectError(408, "read_timeout") from None


def _bolt_request(
    raw: bytes, scope: Scope, headers: Mapping[str, str], *, received_at: float
) -> BoltRequest:
    try:
        body = raw.decode("utf-8")
        bolt_headers: dict[str, str | Sequence[str]] = dict(headers)
        query = scope.get("query_string", b"").decode("latin-1")
        context = {RECEIVED_AT: received_at}
        return BoltRequest(body=body, query=query, headers=bolt_headers, context=context)
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
        # A signed body Bolt cannot parse ("{", "null", "payload={"): nothing to dispatch.
        raise _RejectError(400, "bad_body") from None


def _kind(request: BoltRequest) -> str:
    body = request.body if isinstance(request.body, dict) else {}
    kind = body.get("type") or ("command" if "command" in body else "unknown")
    return str(kind)[:40]


def _first(values: Sequence[str] | None) -> str | None:
    return values[0] if values else None


async def _send_json(send: Send, status: int, payload: Mapping[str, Any]) -> None:
    await _send(send, status, json.dumps(payload).encode("utf-8"), "application/json")


async def _send(send: Send, status: int, body: bytes, content_type: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type.encode("latin-1")),
                (b"content-length", str(len(body)).encode("ascii")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_http_server(
    *,
    app: App,
    port: int,
    host: str = "0.0.0.0",
    ready: Callable[[], bool] | None = None,
    work: WorkExecutor | None = None,
) -> Any:
    """Bind (not start) the production server for ``app`` (tests and embedding).

    Args:
        app: The Bolt App (its signing secret verifies requests at the edge too).
        port: TCP port; 0 picks a free one (``server.port``).
        host: Interface to bind.
        ready: Extra readiness check for GET /readyz.
        work: The executor running the app's lazy listeners (queue bound and drain on stop).

    Returns:
        A ``bot.slack.serving.HttpServer``: ``start()``/``stop()``, or ``serve_forever()``/
        ``shutdown()``/``server_close()``.
    """
    from bot.slack.serving import HttpServer

    # Bolt keeps the secret it verifies with privately; the edge checks with the same one.
    secret = str(getattr(app, "_signing_secret", "") or "")
    asgi = SlackAsgiApp(
        app=app,
        signing_secret=secret,
        work=work,
        checks={"app": ready} if ready is not None else {},
    )
    return HttpServer(asgi, host=host, port=port)
