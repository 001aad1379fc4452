"""The Slack adapter: ``create_app`` builds the Bolt App; ``run_server`` serves it (HTTP/Socket)."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["create_app", "create_http_server", "run_server"]

_EXPORTS = {
    "create_app": "bot.slack.app",
    "create_http_server": "bot.slack.server",
    "run_server": "bot.slack.runner",
}


def __getattr__(name: str) -> Any:
    """Import slack_bolt only when an entry point is used (``bot.slack.ids`` stays light)."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    msg = f"module 'bot.slack' has no attribute {name!r}"
    raise AttributeError(msg)
