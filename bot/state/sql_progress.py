"""Walkthrough progress in portable SQL (a part of the state store)."""

from __future__ import annotations

import time

from bot.state.records import AnswerRecord, Progress
from bot.state.sql_base import Cursor, SqlBase


class ProgressSql(SqlBase):
    """The walkthrough operations of the StateStore."""

    def get_progress(self, user: str) -> Progress:
        """A user's walkthrough progress (empty and unstarted for a new user)."""
        with self._tx(write=False) as cur:
            return self._read_progress(cur, user)

    def set_step(self, user: str, step_id: str) -> Progress:
        """Move the user to ``step_id`` (starting the walkthrough if needed)."""
        with self._tx(write=True) as cur:
            self._upsert_progress(cur, user, current_step=step_id, completed=None)
            return self._read_progress(cur, user)

    def record_quiz_answer(
        self, user: str, *, step_id: str, option_id: str, correct: bool
    ) -> Progress:
        """Store an answer to a check question; the user stays on that step."""
        now = time.time()
        with self._tx(write=True) as cur:
            self._run(
                cur,
                "INSERT INTO walkthrough_answers (user_id, step_id, option_id, correct,"
                " answered_at) VALUES (?, ?, ?, ?, ?)",
                (user, step_id, option_id, int(correct), now),
            )
            self._upsert_progress(cur, user, current_step=step_id, completed=None, now=now)
            return self._read_progress(cur, user)

    def complete_walkthrough(self, user: str) -> Progress:
        """Mark the walkthrough finished; the current step is cleared."""
        with self._tx(write=True) as cur:
            self._upsert_progress(cur, user, current_step=None, completed=True)
            return self._read_progress(cur, user)

    def _upsert_progress(
        self,
        cur: Cursor,
        user: str,
        *,
        current_step: str | None,
        completed: bool | None,
        now: float | None = None,
    ) -> None:
        """Insert or update the user's row; ``completed=None`` keeps the stored flag."""
        keep_flag = completed is None
        update = "current_step = excluded.current_step, updated_at = excluded.updated_at"
        if not keep_flag:
            update += ", completed = excluded.completed"
        self._run(
            cur,
            "INSERT INTO walkthrough_progress (user_id, current_step, completed, updated_at)"
            f" VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET {update}",
            (user, current_step, int(bool(completed)), time.time() if now is None else now),
        )

    def _read_progress(self, cur: Cursor, user: str) -> Progress:
        row = self._run(
            cur,
            "SELECT current_step, completed, updated_at FROM walkthrough_progress"
            " WHERE user_id = ?",
            (user,),
        ).fetchone()
        answers = tuple(
            AnswerRecord(step_id=r[0], option_id=r[1], correct=bool(r[2]), answered_at=float(r[3]))
            for r in self._run(
                cur,
                "SELECT step_id, option_id, correct, answered_at FROM walkthrough_answers"
                " WHERE user_id = ? ORDER BY id",
                (user,),
            ).fetchall()
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
