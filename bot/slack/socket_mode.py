"""Socket Mode: the Bolt app over Slack's WebSocket (slack_sdk's built-in client, no extra deps)."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.slack.logsafe import SOCKET_LOGGER, install_privacy_filter

PING_INTERVAL_SECONDS = 10.0
"""How often the client pings Slack; a dead connection is noticed and replaced within this."""


def create_socket_handler(
    app: App, *, app_token: str, ping_interval: float = PING_INTERVAL_SECONDS
) -> SocketModeHandler:
    """A Socket Mode handler for ``app`` (not connected yet: call ``connect()`` or ``start()``).

    apps.connections.open goes through ``app.client`` (its base URL), with ``app_token``. The
    client reconnects by itself after a ``disconnect`` envelope or a dropped socket; Slack
    re-delivers unacknowledged events, which the app's event de-duplication answers once.

    Args:
        app: The Bolt app (built with ``socket_mode=True``).
        app_token: The app-level token (``xapp-...``, scope connections:write).
        ping_interval: Seconds between pings.

    Returns:
        The handler.
    """
    install_privacy_filter()
    return SocketModeHandler(
        app,
        app_token,
        logger=logging.getLogger(SOCKET_LOGGER),
        ping_interval=ping_interval,
    )
