"""create_app: the Bolt App with every listener module registered (nothing built at import time)."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.config import Settings
from bot.errors import ConfigError
from bot.slack.deps import SlackDeps
from bot.slack.executor import BoundedExecutor, GatedAdvisor
from bot.slack.logsafe import BOLT_LOGGER, install_privacy_filter
from bot.slack.middleware import DedupeEvents, PayloadShapeCheck, StampReceipt
from bot.slack.ports import AdvisorPort
from bot.slack.progress_reaction import ProgressReactions
from bot.slack.store import open_store
from bot.slack.webclient import build_web_client
from bot.state import StateStore

__all__ = ["build_web_client", "create_app"]

logger = logging.getLogger(__name__)

# Each module in bot.slack.listeners exposes register(app, deps); order matters only for the
# Assistant middleware (registered by "assistant"), which must see DM thread messages first.
LISTENER_MODULES: tuple[str, ...] = (
    "events",
    "assistant",
    "feedback",
    "commands",
    "views",
    "home",
    "walkthrough",
)


def create_app(
    *,
    settings: Settings,
    advisor: AdvisorPort,
    client: WebClient | None = None,
    store: StateStore | None = None,
    socket_mode: bool = False,
    listener_executor: Executor | None = None,
    progress: ProgressReactions | None = None,
) -> App:
    """Build the Bolt App: request verification on, ack-then-lazy listeners, every surface.

    Args:
        settings: Validated settings (tokens, signing secret, Slack API URL, data dir).
        advisor: The advisor the listeners call.
        client: A WebClient to use instead of one built from settings.
        store: The state store (default: opened from settings, SQLite or Postgres).
        socket_mode: True when served over Socket Mode (no signing secret needed).
        listener_executor: Runs the lazy listeners (default: a BoundedExecutor).
        progress: Schedules progress reactions (default: one with the settings' delay; pass
            your own to ``close()`` it on shutdown).

    Returns:
        The configured App (auth.test is called once, here, to learn the bot's ids).

    Raises:
        ConfigError: A required token or the signing secret is missing, or a listener module is.
    """
    secret = settings.slack_signing_secret
    if secret is None and not socket_mode:
        msg = "SLACK_SIGNING_SECRET is not set: HTTP mode must verify Slack's request signatures."
        raise ConfigError(msg)
    web_client = client if client is not None else build_web_client(settings)
    deps = SlackDeps(
        advisor=GatedAdvisor(advisor, slots=settings.advisor_concurrency),
        store=store if store is not None else open_store(settings),
        settings=settings,
        progress=progress
        if progress is not None
        else ProgressReactions(delay_s=settings.progress_reaction_delay_s),
    )
    # Before App(): Bolt copies its base logger's filters onto each slack_bolt.* logger it makes.
    install_privacy_filter()
    app = App(
        name="sourcing-advisor",
        client=web_client,
        signing_secret=secret.get_secret_value() if secret is not None else "",
        # Ack first (within Slack's 3 s), do the work in lazy listeners: works on HTTP and FaaS.
        process_before_response=True,
        logger=logging.getLogger(BOLT_LOGGER),
        listener_executor=listener_executor if listener_executor is not None else BoundedExecutor(),
    )
    app.use(StampReceipt())
    app.use(PayloadShapeCheck())
    app.use(DedupeEvents(deps.store))
    app.error(_handle_error)
    for name in LISTENER_MODULES:
        _listener_register(name)(app, deps)
    install_privacy_filter()  # the loggers the listener modules and Bolt made meanwhile
    return app


def _listener_register(name: str) -> Callable[[App, SlackDeps], None]:
    module_name = f"bot.slack.listeners.{name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name != module_name:
            raise
        msg = f"Slack listener module {module_name} is missing (it must define register)."
        raise ConfigError(msg) from err
    register = getattr(module, "register", None)
    if not callable(register):
        msg = f"Slack listener module {module_name} has no register(app, deps) function."
        raise ConfigError(msg)
    return register


def _handle_error(error: Exception, body: dict[str, Any]) -> None:
    """Last resort for an exception raised outside our listeners' own handling."""
    logger.error(
        "unhandled error in Slack request type=%s error=%s",
        body.get("type"),
        type(error).__name__,
        exc_info=error,
    )
