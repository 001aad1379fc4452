"""Bounded concurrency for work after the ack: a bounded listener pool, gated advisor calls."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from bot.models import Answer, Evaluation, Policy, Scenario
from bot.slack.ports import AdvisorPort

if TYPE_CHECKING:
    from bot.advisor.onboarding import OnboardingService

logger = logging.getLogger(__name__)

DEFAULT_WORKERS = 16
"""Threads answering at once; a conversation sleeping in a Web API retry holds only its own."""
DEFAULT_MAX_PENDING = 256
"""Running plus queued listeners; past this, new work is refused (logged) instead of piling up."""


class QueueFullError(RuntimeError):
    """The executor already holds ``max_pending`` listeners."""


class BoundedExecutor(ThreadPoolExecutor):
    """ThreadPoolExecutor whose running-plus-queued work is capped at ``max_pending``."""

    def __init__(
        self, max_workers: int = DEFAULT_WORKERS, max_pending: int = DEFAULT_MAX_PENDING
    ) -> None:
        """Start no threads yet; ``max_pending`` must be at least ``max_workers``."""
        super().__init__(max_workers=max_workers, thread_name_prefix="slack-listener")
        self._slots = threading.BoundedSemaphore(max(max_pending, max_workers))

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Queue ``fn``; when full, return a failed future (QueueFullError) and log it."""
        if not self._slots.acquire(blocking=False):
            logger.error("listener queue full: work refused")
            refused: Future[Any] = Future()
            refused.set_exception(QueueFullError("listener queue full"))
            return refused
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future


DEFAULT_COMPUTE_SLOTS = 2
"""Advisor calls at once: CPU-bound work beyond the cores only slows the acks (the GIL)."""


class GatedAdvisor:
    """An AdvisorPort that lets at most ``slots`` ask/evaluate calls run at once.

    Many listener threads may wait on the Web API; the CPU-bound part is kept to about the
    number of cores, so the threads that acknowledge requests are not starved.
    """

    def __init__(self, advisor: AdvisorPort, *, slots: int = DEFAULT_COMPUTE_SLOTS) -> None:
        """Wrap ``advisor``."""
        self._advisor = advisor
        self._slots = threading.BoundedSemaphore(max(1, slots))

    @property
    def policy(self) -> Policy:
        """The validated sourcing policy."""
        return self._advisor.policy

    @property
    def onboarding(self) -> OnboardingService | None:
        """The primer and walkthrough service, if configured."""
        return self._advisor.onboarding

    def ask(self, text: str, *, history: Sequence[str] = ()) -> Answer:
        """``advisor.ask`` within a compute slot."""
        with self._slots:
            return self._advisor.ask(text, history=history)

    def evaluate(self, scenario: Scenario) -> Evaluation:
        """``advisor.evaluate`` within a compute slot."""
        with self._slots:
            return self._advisor.evaluate(scenario)

    def parse_scenario_args(self, text: str) -> Scenario:
        """``advisor.parse_scenario_args`` (cheap: no slot)."""
        return self._advisor.parse_scenario_args(text)
