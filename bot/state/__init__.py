"""The bot's state (seen events, answered threads, answers, feedback, walkthrough progress).

``open_state_store`` returns the one ``StateStore`` interface: SQLite (embedded default) or
Postgres (``database_url``, for several replicas). Domain-free: no Slack imports here.
"""

from __future__ import annotations

from pathlib import Path

from bot.state.protocol import StateStore
from bot.state.records import (
    AnswerRecord,
    CitationRecord,
    FeedbackRecord,
    Progress,
    PurgeReport,
    Retention,
    StateStoreError,
)

__all__ = [
    "AnswerRecord",
    "CitationRecord",
    "FeedbackRecord",
    "Progress",
    "PurgeReport",
    "Retention",
    "StateStore",
    "StateStoreError",
    "open_state_store",
]


def open_state_store(
    *, database_url: str | None, sqlite_path: Path, retention: Retention | None = None
) -> StateStore:
    """Open the state store: Postgres when ``database_url`` is set, else SQLite at the path.

    The schema is created or migrated before this returns.

    Raises:
        StateStoreError: the database cannot be reached or the file cannot be used.
    """
    if database_url:
        from bot.state.postgres import PostgresStateStore

        return PostgresStateStore(database_url, retention=retention)
    from bot.state.sqlite import SqliteStateStore

    return SqliteStateStore(sqlite_path, retention=retention)
