"""The ⏳ progress reaction, shown only on answers that are late: one scheduler thread for all."""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from enum import Enum

from slack_sdk.errors import SlackApiError

logger = logging.getLogger(__name__)

RECEIVED_AT = "received_at"
"""Bolt context key: ``time.monotonic()`` when the Slack request reached the app."""
TICK_S = 0.05
"""The scheduler wakes at most this often: a reaction may come this much after its due time."""

ReactionCall = Callable[[], object]
"""reactions.add or reactions.remove for one message, bound to its channel, ts and name."""


class _State(Enum):
    PENDING = "pending"  # scheduled, not due yet
    ADDING = "adding"  # reactions.add is in flight (on the scheduler thread)
    FINISHING = "finishing"  # the answer was posted while reactions.add was in flight
    ADDED = "added"  # reactions.add was sent: reactions.remove is owed
    DONE = "done"  # nothing more to do (cancelled in time, removed, or never added)


class Progress:
    """One answer's progress reaction: added when due, removed by ``done()`` only if added.

    ``done()`` never races past an add in flight: the remove then follows on the thread that
    sent the add, once Slack has answered it.
    """

    def __init__(self, *, add: ReactionCall, remove: ReactionCall) -> None:
        """Wrap the two calls for one message (nothing is sent yet)."""
        self._add = add
        self._remove = remove
        self._lock = threading.Lock()
        self._state = _State.PENDING

    def fire(self) -> None:
        """Send reactions.add now, unless ``done()`` came first (then nothing is sent)."""
        with self._lock:
            if self._state is not _State.PENDING:
                return
            self._state = _State.ADDING
        sent = _call(self._add, "reactions.add")
        with self._lock:
            finishing = self._state is _State.FINISHING
            self._state = _State.DONE if finishing or not sent else _State.ADDED
        if finishing and sent:
            _call(self._remove, "reactions.remove")

    def done(self) -> None:
        """The answer is out: cancel a pending add, or remove the reaction once it is added."""
        with self._lock:
            state = self._state
            if state is _State.PENDING:
                self._state = _State.DONE
            elif state is _State.ADDING:
                self._state = _State.FINISHING  # fire() removes it when the add returns
            elif state is _State.ADDED:
                self._state = _State.DONE
        if state is _State.ADDED:
            _call(self._remove, "reactions.remove")


class ProgressReactions:
    """Schedules progress reactions ``delay_s`` after each question was received.

    One daemon thread (started on first use) sends the adds that come due; answers posted
    before then cost no Web API call. ``delay_s == 0`` adds at once on the caller's thread.
    """

    def __init__(self, *, delay_s: float) -> None:
        """Add reactions to answers not posted within ``delay_s`` seconds (0: always)."""
        self._delay_s = delay_s
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Progress]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def delay_s(self) -> float:
        """Seconds after receipt before the reaction is added."""
        return self._delay_s

    def start(self, *, add: ReactionCall, remove: ReactionCall, received_at: float) -> Progress:
        """Track one answer; call ``done()`` on the result when the answer is posted (or failed).

        Args:
            add: Sends reactions.add for the question's message.
            remove: Sends reactions.remove for it.
            received_at: ``time.monotonic()`` when the question reached the app.

        Returns:
            The answer's Progress; its reaction is added at once when already due.
        """
        progress = Progress(add=add, remove=remove)
        due = received_at + self._delay_s
        if self._delay_s <= 0 or due <= time.monotonic():
            progress.fire()
            return progress
        with self._cond:
            if self._closed:
                return progress  # shutting down: no new reactions
            heapq.heappush(self._heap, (due, next(self._order), progress))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="progress-reactions", daemon=True
                )
                self._thread.start()
            elif self._heap[0][2] is progress:
                self._cond.notify()
        return progress

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread after the add (and remove) it may be sending; later adds are dropped."""
        with self._cond:
            self._closed = True
            self._heap.clear()
            thread = self._thread
            self._cond.notify()
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed and not (self._heap and self._heap[0][0] <= _now()):
                    wait = self._heap[0][0] - _now() if self._heap else None
                    # Sleep at least TICK_S: one wake-up sends (or skips) every add due by then.
                    self._cond.wait(None if wait is None else max(wait, TICK_S))
                if self._closed:
                    return
                now = _now()
                due: list[Progress] = []
                while self._heap and self._heap[0][0] <= now:
                    due.append(heapq.heappop(self._heap)[2])
            for progress in due:
                progress.fire()


def _now() -> float:
    return time.monotonic()


def _call(call: ReactionCall, method: str) -> bool:
    """Progress indicators never stop an answer: False only when Slack refused the call."""
    try:
        call()
    except SlackApiError as err:
        code = err.response.get("error") if err.response is not None else None
        logger.info("%s failed error=%s", method, code)
        return code == "already_reacted"
    except OSError as err:  # it may have reached Slack: a remove is still owed
        logger.info("%s failed error=%s", method, type(err).__name__)
    return True
