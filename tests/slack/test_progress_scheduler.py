"""ProgressReactions: one scheduler thread; an add is never outrun by its remove."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.slack.progress_reaction import ProgressReactions

Log = list[tuple[str, str]]


@pytest.fixture
def scheduler() -> Iterator[ProgressReactions]:
    """A scheduler with a 50 ms delay, closed after the test."""
    reactions = ProgressReactions(delay_s=0.05)
    yield reactions
    reactions.close()


def _recorder(log: Log, name: str, action: str) -> Callable[[], None]:
    def call() -> None:
        log.append((name, action))

    return call


def _slack_error(code: str) -> SlackApiError:
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="https://slack.test/api/reactions.add",
        req_args={},
        data={"ok": False, "error": code},
        headers={},
        status_code=200,
    )
    return SlackApiError(code, response)


def test_zero_delay_adds_on_the_callers_thread_before_returning() -> None:
    """delay 0: the add has been sent when start() returns; done() removes it."""
    log: Log = []
    progress = ProgressReactions(delay_s=0).start(
        add=_recorder(log, "q", "add"), remove=_recorder(log, "q", "remove"), received_at=0.0
    )
    assert log == [("q", "add")]
    progress.done()
    assert log == [("q", "add"), ("q", "remove")]


def test_done_before_the_delay_sends_nothing(scheduler: ProgressReactions) -> None:
    """An answer out in time cancels its add; a later, slow answer still gets its add."""
    log: Log = []
    fired = threading.Event()
    now = time.monotonic()
    fast = scheduler.start(
        add=_recorder(log, "fast", "add"), remove=_recorder(log, "fast", "remove"), received_at=now
    )
    fast.done()
    scheduler.start(add=fired.set, remove=_recorder(log, "slow", "remove"), received_at=now + 0.01)
    assert fired.wait(5)  # due after "fast": the scheduler has passed it
    assert log == []


def test_answer_posted_while_the_add_is_in_flight_removes_after_it(
    scheduler: ProgressReactions,
) -> None:
    """done() during reactions.add: the remove is sent once, after the add returned."""
    log: Log = []
    adding, release = threading.Event(), threading.Event()
    removed = threading.Event()

    def slow_add() -> None:
        adding.set()
        assert release.wait(5)
        log.append(("q", "add"))

    def remove() -> None:
        log.append(("q", "remove"))
        removed.set()

    progress = scheduler.start(add=slow_add, remove=remove, received_at=time.monotonic())
    assert adding.wait(5)
    progress.done()  # returns at once: the answer's thread does not wait for Slack
    assert log == []
    release.set()
    assert removed.wait(5)
    progress.done()  # a second done() is harmless
    assert log == [("q", "add"), ("q", "remove")]


def test_added_reaction_is_removed_by_done(scheduler: ProgressReactions) -> None:
    """A reaction added before the answer is out is removed on the answering thread."""
    log: Log = []
    added = threading.Event()

    def add() -> None:
        log.append(("q", "add"))
        added.set()

    progress = scheduler.start(add=add, remove=_recorder(log, "q", "remove"), received_at=0.0)
    assert added.is_set()  # received long ago: already due, added at once
    progress.done()
    assert log == [("q", "add"), ("q", "remove")]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_slack_error("channel_not_found"), [("q", "done")]),
        (_slack_error("already_reacted"), [("q", "done"), ("q", "remove")]),
        (TimeoutError("read timed out"), [("q", "done"), ("q", "remove")]),
    ],
    ids=["refused", "already_reacted", "timeout"],
)
def test_failed_add_is_removed_only_if_it_may_be_there(error: Exception, expected: Log) -> None:
    """Slack refused the add: no remove; already reacted or a timeout: the remove is still sent."""
    log: Log = []

    def add() -> None:
        raise error

    progress = ProgressReactions(delay_s=0).start(
        add=add, remove=_recorder(log, "q", "remove"), received_at=0.0
    )
    log.append(("q", "done"))
    progress.done()
    assert log == expected


def test_close_drops_pending_adds(scheduler: ProgressReactions) -> None:
    """After close() (its thread joined), scheduled adds are never sent, new ones not scheduled."""
    log: Log = []
    now = time.monotonic()
    scheduler.start(
        add=_recorder(log, "a", "add"), remove=_recorder(log, "a", "x"), received_at=now
    )
    scheduler.close()
    scheduler.start(
        add=_recorder(log, "b", "add"), remove=_recorder(log, "b", "x"), received_at=now
    )
    assert log == []
