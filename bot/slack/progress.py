"""Walkthrough progress per Slack user: a view over the state store (SQLite or Postgres)."""

from __future__ import annotations

from pathlib import Path

from bot.state import StateStore
from bot.state.records import AnswerRecord, Progress
from bot.state.sqlite import SqliteStateStore

__all__ = ["AnswerRecord", "Progress", "ProgressStore"]


class ProgressStore:
    """The walkthrough's progress operations on a state store (a Path opens SQLite there)."""

    def __init__(self, store: StateStore | Path) -> None:
        """Use ``store``; a Path opens (and creates) the embedded SQLite store at that file."""
        self._store: StateStore = SqliteStateStore(store) if isinstance(store, Path) else store

    def get(self, user: str) -> Progress:
        """The user's progress; a user who never started gets an empty, unstarted record."""
        return self._store.get_progress(user)

    def set_step(self, user: str, step_id: str) -> Progress:
        """Move the user to ``step_id`` (starting the walkthrough if needed)."""
        return self._store.set_step(user, step_id)

    def record_answer(self, user: str, *, step_id: str, option_id: str, correct: bool) -> Progress:
        """Store an answer to a check question; the user stays on that step."""
        return self._store.record_quiz_answer(
            user, step_id=step_id, option_id=option_id, correct=correct
        )

    def complete(self, user: str) -> Progress:
        """Mark the walkthrough finished; the current step is cleared."""
        return self._store.complete_walkthrough(user)

    def restart(self, user: str, step_id: str) -> Progress:
        """Start over at ``step_id``: answers are kept, the completed flag is kept too."""
        return self._store.set_step(user, step_id)
