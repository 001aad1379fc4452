"""Walkthrough progress per Slack user, kept in SQLite so it survives restarts."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from bot.slack.sqlite import SqliteFile

_SCHEMA = """
CREATE TABLE IF NOT EXISTS walkthrough_progress (
    user TEXT PRIMARY KEY,
    current_step TEXT,
    completed INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS walkthrough_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    step_id TEXT NOT NULL,
    option_id TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answered_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS walkthrough_answers_user ON walkthrough_answers (user);
"""


@dataclass(frozen=True)
class AnswerRecord:
    """One answer a user gave to a check question."""

    step_id: str
    option_id: str
    correct: bool
    answered_at: float


@dataclass(frozen=True)
class Progress:
    """Where a user is in the walkthrough and what they answered, oldest answer first."""

    user: str
    current_step: str | None
    answers: tuple[AnswerRecord, ...]
    completed: bool
    updated_at: float

    @property
    def started(self) -> bool:
        """True once the user has opened the walkthrough."""
        return self.current_step is not None or self.completed

    def last_answers(self) -> dict[str, AnswerRecord]:
        """The latest answer per step."""
        return {answer.step_id: answer for answer in self.answers}

    def correct_steps(self) -> frozenset[str]:
        """Steps whose latest answer was correct."""
        return frozenset(s for s, a in self.last_answers().items() if a.correct)


class ProgressStore(SqliteFile):
    """Thread-safe store: one short connection per call, serialised by a lock, WAL journal."""

    SCHEMA = _SCHEMA

    def get(self, user: str) -> Progress:
        """The user's progress; a user who never started gets an empty, unstarted record."""
        with self._connect() as conn:
            return _read(conn, user)

    def set_step(self, user: str, step_id: str) -> Progress:
        """Move the user to ``step_id`` (starting the walkthrough if needed)."""
        with self._connect() as conn:
            _upsert(conn, user, current_step=step_id, completed=None)
            return _read(conn, user)

    def record_answer(self, user: str, *, step_id: str, option_id: str, correct: bool) -> Progress:
        """Store an answer to a check question; the user stays on that step."""
        now = time.time()
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO walkthrough_answers (user, step_id, option_id, correct, answered_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (user, step_id, option_id, int(correct), now),
            )
            _upsert(conn, user, current_step=step_id, completed=None, now=now)
            return _read(conn, user)

    def complete(self, user: str) -> Progress:
        """Mark the walkthrough finished; the current step is cleared."""
        with self._connect() as conn:
            _upsert(conn, user, current_step=None, completed=True)
            return _read(conn, user)

    def restart(self, user: str, step_id: str) -> Progress:
        """Start over at ``step_id``: answers are kept, the completed flag is kept too."""
        return self.set_step(user, step_id)


def _upsert(
    conn: sqlite3.Connection,
    user: str,
    *,
    current_step: str | None,
    completed: bool | None,
    now: float | None = None,
) -> None:
    """Insert or update the user's row; ``completed=None`` keeps the stored flag."""
    at = time.time() if now is None else now
    conn.execute(
        "INSERT INTO walkthrough_progress (user, current_step, completed, updated_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT(user) DO UPDATE SET current_step = excluded.current_step,"
        " completed = CASE WHEN ? IS NULL THEN walkthrough_progress.completed"
        " ELSE excluded.completed END, updated_at = excluded.updated_at",
        (user, current_step, int(bool(completed)), at, completed),
    )


def _read(conn: sqlite3.Connection, user: str) -> Progress:
    row = conn.execute(
        "SELECT current_step, completed, updated_at FROM walkthrough_progress WHERE user = ?",
        (user,),
    ).fetchone()
    answers = tuple(
        AnswerRecord(step_id=r[0], option_id=r[1], correct=bool(r[2]), answered_at=r[3])
        for r in conn.execute(
            "SELECT step_id, option_id, correct, answered_at FROM walkthrough_answers"
            " WHERE user = ? ORDER BY id",
            (user,),
        )
    )
    if row is None:
        return Progress(
            user=user, current_step=None, answers=answers, completed=False, updated_at=0.0
        )
    return Progress(
        user=user,
        current_step=row[0],
        answers=answers,
        completed=bool(row[1]),
        updated_at=float(row[2]),
    )
