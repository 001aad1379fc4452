"""`serve` logging: JSON lines with the Slack request id, newlines kept inside one line."""

from __future__ import annotations

import json
import logging
from concurrent.futures import Future

from bot.slack.logs import REQUEST_ID, JsonFormatter
from bot.slack.work import WorkExecutor


def _record(message: str, *args: object) -> logging.LogRecord:
    record = logging.LogRecord("bot.slack.x", logging.INFO, __file__, 1, message, args, None)
    record.created = 0.0
    record.msecs = 0.0
    record.request_id = "abc123"
    return record


def test_json_line_has_time_level_logger_request_id_and_message() -> None:
    """A record becomes one JSON object with exactly these fields."""
    line = JsonFormatter().format(_record("answered channel=%s", "C1"))
    assert json.loads(line) == {
        "time": "1970-01-01T00:00:00.000Z",
        "level": "INFO",
        "logger": "bot.slack.x",
        "request_id": "abc123",
        "message": "answered channel=C1",
    }


def test_newlines_cannot_forge_a_second_line() -> None:
    """A message with a newline stays one line (escaped inside the JSON string)."""
    line = JsonFormatter().format(_record("user said %s", "hi\nINFO forged line"))
    assert "\n" not in line
    assert json.loads(line)["message"] == "user said hi\nINFO forged line"


def test_request_id_follows_work_into_the_pool() -> None:
    """Work submitted while a request id is set logs with that id in the worker thread."""
    pool = WorkExecutor(max_workers=1, max_pending=10)
    try:
        REQUEST_ID.set("req-42")
        future: Future[str] = pool.submit(REQUEST_ID.get)
        REQUEST_ID.set("other")
        assert future.result(5) == "req-42"
    finally:
        pool.shutdown(wait=True)
        REQUEST_ID.set("-")
