"""A fake Slack Web API on 127.0.0.1 (port 0) that records every call and answers like Slack."""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER_ID = "UBOTADVISOR"
BOT_ID = "BBOTADVISOR"
TEAM_ID = "T0TEAM001"
BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"


@dataclass(frozen=True)
class Call:
    """One recorded Web API call: method, parsed body (JSON, form and query merged), headers."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    status: int
    response: dict[str, Any]

    def json_field(self, name: str) -> Any:
        """A field that may arrive as a JSON string (form bodies) or as a value (JSON bodies)."""
        value = self.body.get(name)
        return json.loads(value) if isinstance(value, str) and value[:1] in "[{" else value


@dataclass
class _Failure:
    status: int
    error: str | None
    retry_after: int | None
    # True: handle the call as usual (a message is stored), then drop the connection unanswered.
    drop: bool = False


@dataclass
class FakeSlack:
    """Start with ``start()`` (or as a context manager); point WebClient(base_url=fake.api_url)."""

    bot_user_id: str = BOT_USER_ID
    bot_id: str = BOT_ID
    team_id: str = TEAM_ID
    token: str = BOT_TOKEN
    delay_s: float = 0.0
    """Seconds every call waits (after being recorded) before its response: a slow Web API."""
    socket_url: str | None = None
    """What apps.connections.open returns (a fake Socket Mode server's ws:// URL)."""
    _calls: list[Call] = field(default_factory=list)
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _uploads: dict[str, bytes] = field(default_factory=dict)
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _ts: Callable[[], int] = field(default_factory=lambda: itertools.count(1).__next__)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                fake._handle(self)

            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                """Keep test output quiet."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:<port>"""
        assert self._server is not None, "FakeSlack is not started"
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def api_url(self) -> str:
        """The Web API base URL (Settings.slack_api_url / WebClient base_url)."""
        return self.base_url + "/api/"

    # -- programming and inspecting -----------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
        drop: bool = False,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail: HTTP ``status`` (429 sends
        Retry-After) or a 200 with ``{"ok": false, "error": error}``; with ``drop=True`` the
        call succeeds (a post is stored) but the connection closes with no response."""
        if status == 429 and error is None:
            error = "ratelimited"
        with self._cond:
            queue = self._failures.setdefault(method, [])
            queue.extend(
                _Failure(status, error or "fake_failure", retry_after, drop) for _ in range(times)
            )

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """The messages of a channel (posted by the app or added by a test), in posting order."""
        with self._cond:
            return [dict(m) for m in self._messages.get(channel, [])]

    def add_message(self, channel: str, message: dict[str, Any]) -> None:
        """Put a message (needs ``ts``; ``thread_ts`` for a reply) into a channel's history."""
        with self._cond:
            self._messages.setdefault(channel, []).append(dict(message))

    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded calls, oldest first (all, or those of one method)."""
        with self._cond:
            return [c for c in self._calls if method is None or c.method == method]

    def response_url(self, name: str = "cmd") -> str:
        """A response_url on this fake (what Slack puts in commands and interactivity)."""
        return f"{self.base_url}/response/{name}"

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[Call]:
        """Block until ``count`` calls of ``method`` were recorded; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self._calls if c.method == method]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self._calls]
                    msg = f"waited {timeout}s for {count} x {method}; calls so far: {seen}"
                    raise AssertionError(msg)
                self._cond.wait(left)

    def wait_match(
        self, method: str, predicate: Callable[[Call], bool], timeout: float = 15.0
    ) -> Call:
        """Block until a call of ``method`` satisfies ``predicate``; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self._calls:
                    if call.method == method and predicate(call):
                        return call
                left = deadline - time.monotonic()
                if left <= 0:
                    msg = f"waited {timeout}s for a matching {method}"
                    raise AssertionError(msg)
                self._cond.wait(left)

    def uploaded(self, file_id: str) -> bytes:
        """Bytes POSTed to a file's upload URL."""
        with self._cond:
            return self._uploads[file_id]

    def reset(self) -> None:
        """Forget calls, failures, messages and uploads."""
        with self._cond:
            self._calls.clear()
            self._failures.clear()
            self._messages.clear()
            self._uploads.clear()

    # -- serving ----------------------------------------------------------------------------------

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(req.path)
        raw = req.rfile.read(int(req.headers.get("Content-Length") or 0))
        headers = {k.lower(): v for k, v in req.headers.items()}
        if parts.path.startswith("/response/"):
            body = json.loads(raw or b"{}")
            body["path"] = parts.path
            with self._cond:
                failures = self._failures.get("response_url") or []
                failure = failures.pop(0) if failures else None
            status = failure.status if failure is not None else 200
            self._reply(req, Call("response_url", body, headers, status, {"ok": status == 200}))
            return
        if parts.path.startswith("/upload/"):
            file_id = parts.path.rsplit("/", 1)[-1]
            with self._cond:
                self._uploads[file_id] = raw
            body = {"file_id": file_id, "size": len(raw)}
            self._reply(req, Call("upload", body, headers, 200, {"ok": True}))
            return
        method = parts.path.removeprefix("/api/")
        body = dict(parse_qsl(parts.query))
        if raw:
            if headers.get("content-type", "").startswith("application/json"):
                body.update(json.loads(raw))
            else:
                body.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        with self._cond:
            failures = self._failures.get(method) or []
            failure = failures.pop(0) if failures else None
        if failure is not None and failure.drop:
            self._respond(method, body)
            with self._cond:
                self._calls.append(Call(method, body, headers, 0, {"dropped": True}))
                self._cond.notify_all()
            req.close_connection = True
            req.connection.shutdown(socket.SHUT_RDWR)
            return
        if failure is not None:
            extra = {}
            if failure.retry_after is not None:
                extra["Retry-After"] = str(failure.retry_after)
            response = {"ok": False, "error": failure.error}
            self._reply(req, Call(method, body, headers, failure.status, response), extra)
            return
        token = APP_TOKEN if method == "apps.connections.open" else self.token
        bearer = headers.get("authorization") == f"Bearer {token}"
        if bearer or body.get("token") == token:
            response = self._respond(method, body)
        else:
            response = {"ok": False, "error": "not_authed"}
        self._reply(req, Call(method, body, headers, 200, response))

    def _reply(
        self, req: BaseHTTPRequestHandler, call: Call, extra_headers: dict[str, str] | None = None
    ) -> None:
        # Record first, then reply: a client that has its response must find the call recorded.
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()
        if self.delay_s:
            time.sleep(self.delay_s)
        data = json.dumps(call.response).encode("utf-8")
        req.send_response(call.status)
        req.send_header("Content-Type", "application/json; charset=utf-8")
        req.send_header("Content-Length", str(len(data)))
        for name, value in (extra_headers or {}).items():
            req.send_header(name, value)
        req.end_headers()
        req.wfile.write(data)

    def new_ts(self) -> str:
        """A fresh message ts, later than every ts handed out before."""
        return f"{1_700_000_000 + self._ts()}.000100"

    def _respond(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        handler = _HANDLERS.get(method)
        if handler is None:
            return {"ok": True} if method in _PLAIN_OK else {"ok": False, "error": "unknown_method"}
        return handler(self, body)

    def _auth_test(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://fake.slack.test/",
            "team": "Test Team",
            "user": "sourcing-advisor",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _post_message(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = str(body.get("channel", ""))
        ts = self.new_ts()
        message = {
            "type": "message",
            "ts": ts,
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "text": body.get("text", ""),
        }
        if body.get("thread_ts"):
            message["thread_ts"] = body["thread_ts"]
        metadata = body.get("metadata")
        if metadata:
            message["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
        self.add_message(channel, message)
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _post_ephemeral(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": self.new_ts()}

    def _update(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            for message in self._messages.get(str(body.get("channel", "")), []):
                if message.get("ts") == body.get("ts"):
                    message["text"] = body.get("text", "")
        return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts"), "text": ""}

    def _connections_open(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.socket_url is None:
            return {"ok": False, "error": "not_allowed_token_type"}
        return {"ok": True, "url": self.socket_url}

    def _view(self, body: dict[str, Any]) -> dict[str, Any]:
        view = body.get("view")
        view = json.loads(view) if isinstance(view, str) else dict(view or {})
        return {"ok": True, "view": {**view, "id": f"V{self._ts():08d}"}}

    def _replies(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            messages = list(self._messages.get(str(body.get("channel", "")), []))
        root = body.get("ts")
        if root:
            messages = [m for m in messages if root in (m.get("ts"), m.get("thread_ts"))]
        messages.sort(key=lambda m: float(m["ts"]))
        # Slack pages from the oldest message on: ``limit`` per page, ``cursor`` for the next.
        start = int(str(body.get("cursor") or "0"))
        limit = int(str(body.get("limit") or "1000"))
        page = messages[start : start + limit]
        more = start + limit < len(messages)
        cursor = str(start + limit) if more else ""
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": cursor},
        }

    def _users_info(self, body: dict[str, Any]) -> dict[str, Any]:
        user = str(body.get("user", ""))
        profile = {"display_name": f"User {user}"}
        return {
            "ok": True,
            "user": {"id": user, "name": user.lower(), "tz": "UTC", "profile": profile},
        }

    def _upload_url(self, body: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{self._ts():08d}"
        return {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}/upload/{file_id}"}

    def _complete_upload(self, body: dict[str, Any]) -> dict[str, Any]:
        files = body.get("files")
        files = json.loads(files) if isinstance(files, str) else list(files or [])
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title", "")} for f in files]}


_HANDLERS: dict[str, Callable[[FakeSlack, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": FakeSlack._auth_test,
    "chat.postMessage": FakeSlack._post_message,
    "chat.postEphemeral": FakeSlack._post_ephemeral,
    "chat.update": FakeSlack._update,
    "chat.delete": FakeSlack._update,
    "views.open": FakeSlack._view,
    "views.update": FakeSlack._view,
    "views.publish": FakeSlack._view,
    "views.push": FakeSlack._view,
    "conversations.replies": FakeSlack._replies,
    "conversations.history": FakeSlack._replies,
    "users.info": FakeSlack._users_info,
    "apps.connections.open": FakeSlack._connections_open,
    "files.getUploadURLExternal": FakeSlack._upload_url,
    "files.completeUploadExternal": FakeSlack._complete_upload,
}
_PLAIN_OK = frozenset(
    {
        "reactions.add",
        "reactions.remove",
        "assistant.threads.setStatus",
        "assistant.threads.setSuggestedPrompts",
        "assistant.threads.setTitle",
    }
)
