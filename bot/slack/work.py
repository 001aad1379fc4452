"""The bounded pool that runs acknowledged Slack work (Bolt's lazy listeners)."""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class WorkExecutor(ThreadPoolExecutor):
    """A thread pool that counts queued + running work and can wait until it is all done.

    The HTTP edge refuses new Slack requests with 503 (Slack retries them) while ``full`` is
    True, so the queue stays bounded; on SIGTERM the server waits for ``drain`` so that work
    Slack was told about (acknowledged) is finished before the process exits.
    """

    def __init__(
        self,
        *,
        max_workers: int,
        max_pending: int,
        on_depth: Callable[[int], None] | None = None,
        on_done: Callable[[float], None] | None = None,
    ) -> None:
        """Run at most ``max_workers`` at once; ``full`` past ``max_pending`` queued + running.

        ``on_depth`` gets the pending count on each change; ``on_done`` the seconds each piece
        of work took from submission (queueing included) to completion.
        """
        super().__init__(max_workers=max_workers, thread_name_prefix="slack-work")
        self._max_pending = max_pending
        self._pending = 0
        self._cond = threading.Condition()
        self._on_depth = on_depth
        self._on_done = on_done

    @property
    def pending(self) -> int:
        """Work submitted and not yet finished (queued + running)."""
        with self._cond:
            return self._pending

    @property
    def full(self) -> bool:
        """True when no more work should be accepted."""
        return self.pending >= self._max_pending

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Queue ``fn`` (Bolt calls this for each lazy listener)."""
        self._change(+1)
        try:
            # Run in a copy of the caller's context: the Slack request id follows its work.
            context = contextvars.copy_context()
            future = super().submit(context.run, fn, *args, **kwargs)
        except BaseException:
            self._change(-1)
            raise
        submitted = time.monotonic()
        future.add_done_callback(lambda _: self._finished(submitted))
        return future

    def _finished(self, submitted: float) -> None:
        if self._on_done is not None:
            self._on_done(time.monotonic() - submitted)
        self._change(-1)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until nothing is pending (AssertionError naming the count after ``timeout``)."""
        left = self.drain(timeout)
        assert left == 0, f"{left} acknowledged Slack requests still running after {timeout}s"

    def drain(self, timeout: float) -> int:
        """Wait up to ``timeout`` seconds for pending work; returns how much is left."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending and (left := deadline - time.monotonic()) > 0:
                self._cond.wait(left)
            return self._pending

    def _change(self, delta: int) -> None:
        with self._cond:
            self._pending += delta
            depth = self._pending
            self._cond.notify_all()
        if self._on_depth is not None:
            self._on_depth(depth)
