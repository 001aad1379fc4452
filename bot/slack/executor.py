"""A thread pool with a bounded queue for Bolt's lazy listeners (work after the ack)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

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
