"""Builders for the request bodies Slack sends the app (events, commands, interactivity)."""

from __future__ import annotations

import itertools
import json
from typing import Any

from tests.slack.fake_slack import BOT_USER_ID, TEAM_ID

USER_ID = "U0MANAGER1"
CHANNEL_ID = "C0SOURCING"
DM_CHANNEL_ID = "D0MANAGER1"
API_APP_ID = "A0ADVISOR"

_event_ids = itertools.count(1)


def new_event_id() -> str:
    """A unique event id (Ev...)."""
    return f"Ev{next(_event_ids):010d}"


def event_envelope(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    """Wrap an event in an ``event_callback`` envelope, as Slack POSTs it."""
    return {
        "token": "unused-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": API_APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": 1_700_000_000,
        "authorizations": [
            {"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True, "enterprise_id": None}
        ],
    }


def mention_event(
    text: str,
    *,
    ts: str,
    thread_ts: str | None = None,
    channel: str = CHANNEL_ID,
    user: str = USER_ID,
) -> dict[str, Any]:
    """An ``app_mention`` event; ``text`` gets the bot's ``<@id>`` in front."""
    event: dict[str, Any] = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message_event(
    text: str,
    *,
    ts: str,
    channel: str = DM_CHANNEL_ID,
    channel_type: str = "im",
    user: str | None = USER_ID,
    thread_ts: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A ``message`` event (a DM by default); ``extra`` adds e.g. bot_id or subtype."""
    event: dict[str, Any] = {
        "type": "message",
        "text": text,
        "ts": ts,
        "channel": channel,
        "channel_type": channel_type,
        "event_ts": ts,
        **extra,
    }
    if user is not None:
        event["user"] = user
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def edited_mention_event(
    text: str, *, ts: str, thread_ts: str | None = None, channel: str = CHANNEL_ID
) -> dict[str, Any]:
    """An ``app_mention`` re-sent after its author edited it (it carries ``edited``)."""
    event = mention_event(text, ts=ts, thread_ts=thread_ts, channel=channel)
    event["edited"] = {"user": USER_ID, "ts": f"{float(ts) + 30:.6f}"}
    return event


def message_changed_event(
    text: str,
    *,
    previous: str,
    ts: str,
    channel: str = CHANNEL_ID,
    channel_type: str = "channel",
    thread_ts: str | None = None,
    user: str = USER_ID,
) -> dict[str, Any]:
    """A ``message_changed`` event: the message ``ts`` now reads ``text`` (was ``previous``)."""
    message: dict[str, Any] = {"type": "message", "user": user, "text": text, "ts": ts}
    before: dict[str, Any] = {"type": "message", "user": user, "text": previous, "ts": ts}
    if thread_ts:
        message["thread_ts"] = before["thread_ts"] = thread_ts
    message["edited"] = {"user": user, "ts": f"{float(ts) + 30:.6f}"}
    return {
        "type": "message",
        "subtype": "message_changed",
        "channel": channel,
        "channel_type": channel_type,
        "hidden": True,
        "message": message,
        "previous_message": before,
        "ts": f"{float(ts) + 30:.6f}",
        "event_ts": f"{float(ts) + 30:.6f}",
    }


def command_form(
    text: str,
    *,
    command: str = "/sourcing",
    user: str = USER_ID,
    channel: str = CHANNEL_ID,
    response_url: str = "https://hooks.slack.test/commands/T/1/2",
) -> dict[str, str]:
    """A slash-command body (form-encoded by ``send(..., form=True)``)."""
    return {
        "token": "unused-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "test",
        "channel_id": channel,
        "channel_name": "sourcing",
        "user_id": user,
        "user_name": "manager",
        "command": command,
        "text": text,
        "api_app_id": API_APP_ID,
        "response_url": response_url,
        "trigger_id": "1111.2222.trigger",
    }


def interactivity_form(payload: dict[str, Any]) -> dict[str, str]:
    """An interactivity body: ``payload=<json>`` (form-encoded by ``send(..., form=True)``)."""
    return {"payload": json.dumps(payload)}


def block_action_payload(
    *,
    action_id: str,
    value: str,
    message_ts: str,
    thread_ts: str | None = None,
    channel: str = CHANNEL_ID,
    user: str = USER_ID,
    block_id: str = "block",
) -> dict[str, Any]:
    """A ``block_actions`` payload for a button click on a message."""
    message: dict[str, Any] = {"type": "message", "ts": message_ts, "user": BOT_USER_ID}
    container: dict[str, Any] = {
        "type": "message",
        "message_ts": message_ts,
        "channel_id": channel,
        "is_ephemeral": False,
    }
    if thread_ts:
        message["thread_ts"] = thread_ts
        container["thread_ts"] = thread_ts
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "test"},
        "user": {"id": user, "username": "manager", "team_id": TEAM_ID},
        "api_app_id": API_APP_ID,
        "token": "unused-verification-token",
        "container": container,
        "trigger_id": "1111.2222.trigger",
        "channel": {"id": channel, "name": "sourcing"},
        "message": message,
        "response_url": "https://hooks.slack.test/actions/T/1/2",
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": block_id,
                "value": value,
                "action_ts": "1700000000.000001",
            }
        ],
    }


def home_button_payload(action_id: str, value: str, *, user: str = USER_ID) -> dict[str, Any]:
    """A ``block_actions`` payload for a button on the App Home tab (a view: no channel)."""
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "test"},
        "user": {"id": user, "username": "manager", "team_id": TEAM_ID},
        "api_app_id": API_APP_ID,
        "token": "unused-verification-token",
        "container": {"type": "view", "view_id": "VHOME0001"},
        "trigger_id": "3333.4444.trigger",
        "view": {"id": "VHOME0001", "type": "home", "blocks": []},
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b",
                "value": value,
                "action_ts": "1700000000.000001",
            }
        ],
    }
