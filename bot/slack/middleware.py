"""Global Bolt middleware: receipt time, payload shape check, event de-duplication (classes)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.slack.logsafe import escape_controls
from bot.slack.progress_reaction import RECEIVED_AT
from bot.state import StateStore

logger = logging.getLogger(__name__)

MALFORMED_BODY = '{"ok": false, "error": "malformed_payload"}'


def malformed_reason(body: Mapping[str, Any]) -> str | None:
    """Why a (signed) payload cannot be handled, or None when its shape is usable.

    Bolt's own payload helpers index into ``view``, ``event`` and ``actions`` unchecked, so a
    payload with ``"view": null`` or ``"actions": []`` would raise inside Bolt.
    """
    kind = body.get("type")
    if kind in ("view_submission", "view_closed") and not isinstance(body.get("view"), dict):
        return "view"
    if kind == "event_callback":
        event = body.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            return "event"
    if kind == "block_actions":
        actions = body.get("actions")
        if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
            return "actions"
    for key in ("user", "team", "channel", "container"):
        if key in body and body[key] is not None and not isinstance(body[key], dict | str):
            return key
    return None


class StampReceipt(Middleware):
    """Notes when a request reached the app (unless the HTTP edge did): late answers get ⏳."""

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        """Set ``context[RECEIVED_AT]`` (``time.monotonic()``) if absent; go on."""
        req.context.setdefault(RECEIVED_AT, time.monotonic())
        return next()


class PayloadShapeCheck(Middleware):
    """Answers 400 to a payload Bolt could not take apart, before any kwargs are built."""

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        """400 with a JSON error for a malformed payload; otherwise go on."""
        reason = malformed_reason(req.body) if isinstance(req.body, Mapping) else "body"
        if reason is not None:
            logger.warning("malformed Slack payload field=%s", reason)
            return BoltResponse(
                status=400, body=MALFORMED_BODY, headers={"content-type": "application/json"}
            )
        return next()


class DedupeEvents(Middleware):
    """Drops an event whose event_id was already delivered (Slack retries; X-Slack-Retry-Num)."""

    def __init__(self, store: StateStore) -> None:
        """Remember seen event ids in ``store``."""
        self._store = store

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        """200 with no work for a repeated event_id; otherwise go on."""
        body = req.body
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if isinstance(event_id, str) and event_id and not self._store.mark_event_seen(event_id):
            retry_num = (req.headers.get("x-slack-retry-num") or [""])[0]
            logger.info(
                "duplicate event dropped event_id=%s retry_num=%s",
                escape_controls(event_id[:64]),
                escape_controls(retry_num[:8]),
            )
            return BoltResponse(status=200, body="")
        return next()
