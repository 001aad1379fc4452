"""The seen-event store behind exactly-once delivery."""

from __future__ import annotations

from pathlib import Path

from bot.slack.store import SEEN_EVENT_TTL_SECONDS, StateStore


def test_event_id_is_new_once_then_duplicate(tmp_path: Path) -> None:
    """mark_event_seen is True for a new id and False for the same id again."""
    store = StateStore(tmp_path / "state.sqlite3")
    assert store.mark_event_seen("Ev1", now=1000.0) is True
    assert store.mark_event_seen("Ev1", now=1001.0) is False
    assert store.mark_event_seen("Ev2", now=1001.0) is True


def test_ids_are_kept_ten_minutes_then_purged(tmp_path: Path) -> None:
    """An id is remembered for at least 10 minutes; older ids are purged on the next mark."""
    store = StateStore(tmp_path / "state.sqlite3")
    assert SEEN_EVENT_TTL_SECONDS >= 600
    store.mark_event_seen("Ev-old", now=0.0)
    assert store.mark_event_seen("Ev-old", now=SEEN_EVENT_TTL_SECONDS - 1) is False
    store.mark_event_seen("Ev-new", now=SEEN_EVENT_TTL_SECONDS + 1)
    assert store.count_seen_events() == 1
    assert store.mark_event_seen("Ev-old", now=SEEN_EVENT_TTL_SECONDS + 2) is True


def test_state_survives_reopening_the_file(tmp_path: Path) -> None:
    """Seen ids and answered threads persist across StateStore instances (restarts)."""
    path = tmp_path / "state.sqlite3"
    first = StateStore(path)
    first.mark_event_seen("Ev1", now=5.0)
    first.remember_thread(channel="C1", thread_ts="1.1")
    second = StateStore(path)
    assert second.mark_event_seen("Ev1", now=6.0) is False
    assert second.is_answered_thread(channel="C1", thread_ts="1.1") is True
    assert second.is_answered_thread(channel="C1", thread_ts="2.2") is False
