"""run_server: open state, build the advisor and the app, then serve (uvicorn, or Socket Mode)."""

from __future__ import annotations

import logging
import signal
import threading
import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import build_advisor
from bot.config import Settings
from bot.errors import BotError, ConfigError
from bot.slack.app import build_web_client, create_app
from bot.slack.logs import configure_logging
from bot.slack.metrics import MeteredAdvisor, Metrics, instrument_client
from bot.slack.ports import AdvisorPort
from bot.slack.progress_reaction import ProgressReactions
from bot.slack.server import ReadinessCheck, SlackAsgiApp
from bot.slack.serving import HttpServer
from bot.slack.socket_mode import create_socket_handler
from bot.slack.store import open_store
from bot.slack.work import WorkExecutor
from bot.state import StateStore

logger = logging.getLogger(__name__)


def run_server(
    settings: Settings, *, port: int = 3000, host: str = "0.0.0.0", socket: bool = False
) -> int:
    """Serve the Slack app until SIGTERM/SIGINT (``sourcing-advisor serve``).

    Args:
        settings: Validated settings (tokens, signing secret, data dir, database URL...).
        port: HTTP port (HTTP mode).
        host: Interface to bind (HTTP mode).
        socket: Use Socket Mode (needs SLACK_APP_TOKEN) instead of HTTP.

    Returns:
        The process exit code.

    Raises:
        ConfigError: a token, the signing secret, the port, Slack or the state store is
            unusable; the message names the cause and the fix in one line.
    """
    configure_logging(settings.log_format)
    if socket and settings.slack_app_token is None:
        msg = "SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-...)."
        raise ConfigError(msg)
    if not socket and settings.slack_signing_secret is None:
        msg = "SLACK_SIGNING_SECRET is not set: HTTP mode must verify Slack's request signatures."
        raise ConfigError(msg)
    # Bind first: a port in use is reported before the slow start-up work.
    server = None if socket else _bind(settings, host=host, port=port)
    store = open_store(settings)
    try:
        report = store.purge_expired()
        logger.info("state store %s ready (purged %d expired rows)", store.backend, report.total)
        metrics = Metrics()
        client = instrument_client(build_web_client(settings), metrics)
        check_slack(client, settings)  # before the slow advisor start-up
        advisor = build_advisor(settings)
        warm_up(advisor)
        served = assemble(
            settings, advisor=advisor, store=store, client=client, metrics=metrics, socket=socket
        )
        if server is None and settings.slack_app_token is not None:
            _serve_socket(served, settings.slack_app_token.get_secret_value(), settings)
            return 0
        assert server is not None
        server.attach(served.asgi)
        logger.info("serving Slack events on %s/slack/events", server.url)
        server.run()
        return 0
    finally:
        store.close()
        if server is not None:
            server.server_close()


@dataclass(frozen=True)
class Served:
    """What ``serve`` runs: the Bolt app, its ASGI edge, the work pool and the metrics."""

    app: App
    asgi: SlackAsgiApp
    work: WorkExecutor
    metrics: Metrics
    progress: ProgressReactions


def assemble(
    settings: Settings,
    *,
    advisor: AdvisorPort,
    store: StateStore,
    client: WebClient,
    metrics: Metrics | None = None,
    socket: bool = False,
) -> Served:
    """Wire the served app: metered advisor and Web API client, bounded work pool, checks.

    ``client`` should come from ``instrument_client`` (Web API errors and retries counted).
    """
    metrics = metrics or Metrics()
    work = WorkExecutor(
        max_workers=settings.worker_threads,
        max_pending=settings.work_queue_size,
        on_depth=metrics.queue_depth.set,
        on_done=metrics.work_seconds.observe,
    )
    progress = ProgressReactions(delay_s=settings.progress_reaction_delay_s)
    app = create_app(
        settings=settings,
        advisor=MeteredAdvisor(advisor, metrics),
        client=client,
        store=store,
        socket_mode=socket,
        listener_executor=work,
        progress=progress,
    )
    secret = settings.slack_signing_secret
    asgi = SlackAsgiApp(
        app=app,
        signing_secret=secret.get_secret_value() if secret is not None else "",
        work=work,
        metrics=metrics,
        checks=readiness_checks(advisor, store),
        # After the drain: a reaction removal owed by a finished answer is still sent.
        on_shutdown=[lambda: _drain(work, settings.shutdown_grace_seconds), progress.close],
    )
    return Served(app=app, asgi=asgi, work=work, metrics=metrics, progress=progress)


def _bind(settings: Settings, *, host: str, port: int) -> HttpServer:
    return HttpServer(
        None,
        host=host,
        port=port,
        max_connections=settings.http_max_connections,
        grace_seconds=settings.shutdown_grace_seconds,
    )


def check_slack(client: WebClient, settings: Settings) -> None:
    """Call auth.test once; a rejected token or an unreachable API becomes a one-line ConfigError.

    Raises:
        ConfigError: the message names the cause and the fix.
    """
    # The client logs each failed attempt at ERROR; the one line below says it all.
    sdk_logger = client.logger
    level = sdk_logger.level
    sdk_logger.setLevel(logging.CRITICAL)
    try:
        client.auth_test()
    except SlackApiError as err:
        code = str(err.response.get("error") or err.response.status_code)
        msg = (
            f"Slack rejected SLACK_BOT_TOKEN ({code}): copy the Bot User OAuth Token (xoxb-...)"
            " from your app's Install App page"
        )
        raise ConfigError(msg) from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", None) or type(err).__name__
        msg = (
            f"cannot reach the Slack API at {settings.slack_api_url} ({reason}): check the"
            " network, proxy settings or SLACK_API_URL"
        )
        raise ConfigError(msg) from err
    finally:
        sdk_logger.setLevel(level)


WARM_UP_QUESTIONS = (
    # A misspelt word: the advisor loads its spelling corrector (rapidfuzz) and the English word
    # list it checks corrections against on first use.
    "What is the diffrence between outsourcing and offshoring?",
    # Mostly words the knowledge base does not know: the advisor loads its everyday-word list
    # (wordfreq) on first use, 0.3 s of CPU.
    "How do I make a proper carbonara without cream?",
    # Another language: the advisor loads its language identifier (py3langid) on first use,
    # 0.7 s of CPU and about 30 MB at its peak (measured).
    "¿Cuándo conviene subcontratar el desarrollo de software en otro país?",
)


def warm_up(advisor: object) -> None:
    """Before serving, do what the first questions would: load the models and the index.

    The first answers then take as long as the others, and the one-off load peaks (the
    embedding model: about 50 MB above what it keeps) come while the process is small, not on
    top of a burst. A failure is logged, not raised: questions meet it (and report it) as they
    would have without the warm-up.
    """
    search: Callable[..., object] | None = getattr(advisor, "search", None)
    ask: Callable[[str], object] | None = getattr(advisor, "ask", None)
    started = time.perf_counter()
    try:
        if search is not None:
            search("sourcing", k=1)
        if ask is not None:
            for question in WARM_UP_QUESTIONS:
                ask(question)
    except BotError as err:
        logger.warning("warm-up failed: %s", err)
        return
    logger.info("advisor warmed up in %.2f s", time.perf_counter() - started)


def readiness_checks(advisor: AdvisorPort, store: StateStore) -> dict[str, ReadinessCheck]:
    """GET /readyz checks: advisor loaded, state store reachable, vector store reachable."""
    return {
        "advisor": lambda: advisor.policy is not None,
        "state_store": store.ping,
        "vector_store": vector_store_check(advisor),
    }


def vector_store_check(advisor: object) -> ReadinessCheck:
    """The advisor's ``health()`` (the vector store answers) when it has one, else a
    one-passage search."""
    health = getattr(advisor, "health", None)
    if callable(health):
        return health
    search: Callable[..., object] | None = getattr(advisor, "search", None)
    if search is None:
        return lambda: True
    return lambda: search("sourcing", k=1)


def _serve_socket(served: Served, app_token: str, settings: Settings) -> None:
    """Socket Mode until SIGTERM/SIGINT; then close the socket and finish acknowledged work."""
    handler = create_socket_handler(served.app, app_token=app_token)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    try:
        handler.connect()
    except SlackApiError as err:
        code = str(err.response.get("error") or err.response.status_code)
        msg = (
            f"Slack rejected SLACK_APP_TOKEN ({code}): generate an app-level token (xapp-...)"
            " with the connections:write scope under Basic Information"
        )
        raise ConfigError(msg) from err
    logger.info("serving Slack over Socket Mode")
    stop.wait()
    logger.info("stopping Socket Mode")
    handler.close()
    _drain(served.work, settings.shutdown_grace_seconds)
    served.progress.close()


def _drain(work: WorkExecutor, grace: float) -> None:
    left = work.drain(grace)
    if left:
        logger.error("shutting down with %d acknowledged requests unfinished", left)
    else:
        logger.info("all acknowledged work finished")
    work.shutdown(wait=False)
