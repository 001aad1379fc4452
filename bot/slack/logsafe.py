"""Logs without message text: redact library records that dump bodies, escape forged newlines."""

from __future__ import annotations

import logging
import re

from slack_sdk.errors import SlackApiError

WEB_API_LOGGER = "bot.slack.web_api"
"""The WebClient's logger: kept at INFO, so slack_sdk never formats its DEBUG body dumps."""
BOLT_LOGGER = "bot.slack.bolt"
"""Bolt's base logger; Bolt copies its filters onto every ``slack_bolt.*`` logger it makes."""
SOCKET_LOGGER = "bot.slack.socket_mode"
"""The Socket Mode client's logger (it logs every received message at DEBUG)."""

# Library log lines are cut where something that can carry message text starts.
_BODY_START = re.compile(
    r"\(?\b(?:body|payload|message|request|response|data|text|json_body|body_params|"
    r"query_params)\b\s*[:=(]|[{\[]",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_LIBRARY_PREFIXES = ("slack_bolt", "slack_sdk", BOLT_LOGGER, WEB_API_LOGGER, SOCKET_LOGGER)


def escape_controls(text: str) -> str:
    r"""``text`` with newlines and other control characters escaped (``\n``, ``\x1b``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class PrivacyFilter(logging.Filter):
    """Rewrites records in place: one line each, and library lines cut before any body."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keeps the record (rewritten); never raises."""
        try:
            message = record.getMessage()
        except Exception:  # a malformed library call: keep only its format string's head
            message = str(record.msg)
        if record.name.startswith(_LIBRARY_PREFIXES):
            cut = _BODY_START.search(message)
            if cut is not None:
                message = message[: cut.start()].rstrip() + " [body redacted]"
        record.msg = escape_controls(message)
        record.args = None
        return True


_FILTER = PrivacyFilter()


def install_privacy_filter(*extra: str) -> None:
    """Put the filter on our loggers, Bolt's and slack_sdk's (idempotent).

    Logger filters apply where a record is made, so every logger that exists now under
    ``bot.slack``, ``slack_bolt`` and ``slack_sdk`` gets it, plus the base loggers Bolt copies.
    """
    web_api = logging.getLogger(WEB_API_LOGGER)
    if web_api.level in (logging.NOTSET, logging.DEBUG):
        web_api.setLevel(logging.INFO)
    names = {BOLT_LOGGER, WEB_API_LOGGER, SOCKET_LOGGER, "bot.slack", *extra}
    names.update(
        name
        for name in list(logging.root.manager.loggerDict)
        if name.startswith(("bot.slack", "slack_bolt", "slack_sdk"))
    )
    for name in names:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def error_code(err: SlackApiError) -> str:
    """Slack's error code (e.g. ``invalid_blocks``), never message text."""
    try:
        code = err.response.get("error") or err.response.status_code
    except AttributeError:
        return type(err).__name__
    return escape_controls(str(code))[:100]
