"""The Slack adapter: ``create_app`` builds the Bolt App; ``serve_http``/``serve_socket`` run it."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["create_app", "serve_http", "serve_socket"]

_EXPORTS = {
    "create_app": "bot.slack.app",
    "serve_http": "bot.slack.server",
    "serve_socket": "bot.slack.server",
}


def __getattr__(name: str) -> Any:
    """Import slack_bolt only when an entry point is used (``bot.slack.ids`` stays light)."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    msg = f"module 'bot.slack' has no attribute {name!r}"
    raise AttributeError(msg)
