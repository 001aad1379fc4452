"""The Slack adapter's names for the state store (the interface lives in ``bot.state``).

``StateStore(path)`` opens the embedded SQLite store, as before; code that must work with either
backend takes a ``bot.state.StateStore`` (the Protocol) and gets it from ``open_state_store``.
"""

from __future__ import annotations

from bot.config import Settings
from bot.state import StateStore as StateStoreProtocol
from bot.state import open_state_store
from bot.state.records import (
    DAY_SECONDS,
    CitationRecord,
    FeedbackRecord,
    QuestionLink,
    Retention,
)
from bot.state.sqlite import SqliteStateStore

# Slack retries an event up to 3 times over about 5 minutes; ids are kept twice as long.
SEEN_EVENT_TTL_SECONDS = Retention().seen_event_seconds

StateStore = SqliteStateStore

__all__ = [
    "SEEN_EVENT_TTL_SECONDS",
    "CitationRecord",
    "FeedbackRecord",
    "QuestionLink",
    "StateStore",
    "open_store",
    "retention_from_settings",
]


def retention_from_settings(settings: Settings) -> Retention:
    """The retention policy the settings ask for (days converted to seconds)."""
    return Retention(
        answer_seconds=settings.answer_retention_days * DAY_SECONDS,
        feedback_seconds=settings.feedback_retention_days * DAY_SECONDS,
        progress_seconds=settings.progress_retention_days * DAY_SECONDS,
    )


def open_store(settings: Settings) -> StateStoreProtocol:
    """Open the configured store: Postgres with SOURCING_DATABASE_URL, else SQLite in the data dir.

    Raises:
        bot.state.StateStoreError: the database cannot be reached or the file cannot be used.
    """
    url = settings.database_url
    return open_state_store(
        database_url=url.get_secret_value() if url is not None else None,
        sqlite_path=settings.state_db,
        retention=retention_from_settings(settings),
    )
