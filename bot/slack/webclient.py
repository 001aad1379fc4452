"""Web API clients: one retrying 429/5xx/dropped connections, one bounded for 3 s acks."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.config import Settings
from bot.errors import ConfigError
from bot.slack.logsafe import WEB_API_LOGGER

# Retries of a rate-limited call (HTTP 429 honouring Retry-After), a 5xx, a dropped connection.
MAX_RATE_LIMIT_RETRIES = 3
MAX_SERVER_ERROR_RETRIES = 2
MAX_CONNECTION_RETRIES = 2
WEB_API_TIMEOUT_SECONDS = 30
ACK_TIMEOUT_SECONDS = 2.0
"""Socket timeout of calls made inside an ack (views.open): Slack waits 3 s for the ack."""

NOT_RETRIED_ON_DROP = ("chat.postMessage", "chat.postEphemeral", "files.completeUploadExternal")
"""Calls that may have taken effect when the connection dropped: the caller checks, not a retry."""


class SafeConnectionErrorRetryHandler(ConnectionErrorRetryHandler):
    """Retries a dropped connection, except for calls that post (they could post twice)."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        method = request.url.rstrip("/").rsplit("/", 1)[-1]
        if method in NOT_RETRIED_ON_DROP:
            return False
        return bool(
            super()._can_retry(state=state, request=request, response=response, error=error)
        )


def build_web_client(settings: Settings) -> WebClient:
    """A WebClient for the bot token, pointed at ``settings.slack_api_url``, with retries.

    Raises:
        ConfigError: SLACK_BOT_TOKEN is not set.
    """
    if settings.slack_bot_token is None:
        msg = "SLACK_BOT_TOKEN is not set: the Slack app needs a bot token (xoxb-...)."
        raise ConfigError(msg)
    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=WEB_API_TIMEOUT_SECONDS,
        logger=logging.getLogger(WEB_API_LOGGER),
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=MAX_RATE_LIMIT_RETRIES),
            ServerErrorRetryHandler(max_retry_count=MAX_SERVER_ERROR_RETRIES),
            SafeConnectionErrorRetryHandler(max_retry_count=MAX_CONNECTION_RETRIES),
        ],
    )


def ack_client(client: WebClient) -> WebClient:
    """A copy of ``client`` for calls inside an ack: a short timeout, no retries, no sleeps."""
    kwargs: dict[str, Any] = {
        "token": client.token,
        "base_url": client.base_url,
        "timeout": ACK_TIMEOUT_SECONDS,
        "logger": logging.getLogger(WEB_API_LOGGER),
        "retry_handlers": [],
    }
    return WebClient(**kwargs)
