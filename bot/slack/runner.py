"""run_server: build the advisor and the Slack app from settings, then serve (HTTP or Socket)."""

from __future__ import annotations

import logging

from bot import build_advisor
from bot.config import Settings
from bot.errors import ConfigError
from bot.slack.app import create_app
from bot.slack.server import serve_http, serve_socket

logger = logging.getLogger(__name__)


def run_server(
    settings: Settings, *, port: int = 3000, host: str = "0.0.0.0", socket: bool = False
) -> int:
    """Serve the Slack app until interrupted (``sourcing-advisor serve``).

    Args:
        settings: Validated settings (tokens, signing secret, data and knowledge dirs).
        port: HTTP port (HTTP mode).
        host: Interface to bind (HTTP mode).
        socket: Use Socket Mode (needs SLACK_APP_TOKEN) instead of HTTP.

    Returns:
        The process exit code.

    Raises:
        ConfigError: A token or the signing secret the chosen mode needs is missing.
    """
    if socket and settings.slack_app_token is None:
        msg = "SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-...)."
        raise ConfigError(msg)
    advisor = build_advisor(settings)
    app = create_app(settings=settings, advisor=advisor, socket_mode=socket)
    if socket and settings.slack_app_token is not None:
        logger.info("serving Slack over Socket Mode")
        serve_socket(app=app, app_token=settings.slack_app_token.get_secret_value())
    else:
        serve_http(app=app, port=port, host=host)
    return 0
