"""Walkthrough progress in SQLite: steps, answers, completion, restarts and threads."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from bot.slack.progress import ProgressStore


def test_unknown_user_has_empty_progress(tmp_path: Path) -> None:
    """A user who never started has no step, no answers and is not started."""
    progress = ProgressStore(tmp_path / "state.sqlite3").get("U1")
    assert (progress.current_step, progress.answers, progress.completed) == (None, (), False)
    assert progress.started is False


def test_steps_answers_and_completion_are_saved(tmp_path: Path) -> None:
    """Setting a step, answering and completing are all reflected in get()."""
    store = ProgressStore(tmp_path / "state.sqlite3")
    store.set_step("U1", "strategies")
    store.record_answer("U1", step_id="strategies", option_id="a", correct=False)
    state = store.record_answer("U1", step_id="strategies", option_id="b", correct=True)
    assert state.current_step == "strategies"
    assert [(a.step_id, a.option_id, a.correct) for a in state.answers] == [
        ("strategies", "a", False),
        ("strategies", "b", True),
    ]
    assert state.correct_steps() == frozenset({"strategies"})
    done = store.complete("U1")
    assert (done.current_step, done.completed, done.started) == (None, True, True)
    assert done.updated_at >= state.updated_at > 0


def test_progress_survives_a_new_store_on_the_same_file(tmp_path: Path) -> None:
    """A second store object on the same file (a restart) sees everything the first wrote."""
    path = tmp_path / "data" / "state.sqlite3"
    first = ProgressStore(path)
    first.set_step("U1", "costs")
    first.record_answer("U1", step_id="costs", option_id="a", correct=True)
    first.set_step("U2", "hard-rules")
    second = ProgressStore(path)
    state = second.get("U1")
    assert state.current_step == "costs"
    assert [(a.step_id, a.option_id, a.correct) for a in state.answers] == [("costs", "a", True)]
    assert second.get("U2").current_step == "hard-rules"


def test_completed_flag_is_kept_when_restarting(tmp_path: Path) -> None:
    """Restarting after completion keeps the completed flag and moves to the first step."""
    store = ProgressStore(tmp_path / "state.sqlite3")
    store.set_step("U1", "evaluate")
    store.complete("U1")
    state = store.restart("U1", "strategies")
    assert (state.current_step, state.completed) == ("strategies", True)


def test_database_uses_wal_journal(tmp_path: Path) -> None:
    """The store switches the SQLite file to write-ahead logging."""
    path = tmp_path / "state.sqlite3"
    ProgressStore(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    """Eight threads on two store objects record 25 answers each; all 200 are stored."""
    path = tmp_path / "state.sqlite3"
    stores = [ProgressStore(path), ProgressStore(path)]

    def work(n: int) -> None:
        store = stores[n % 2]
        for i in range(25):
            store.record_answer(f"U{n}", step_id="costs", option_id=str(i), correct=i % 2 == 0)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = [len(stores[0].get(f"U{n}").answers) for n in range(8)]
    assert counts == [25] * 8
