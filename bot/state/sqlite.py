"""The embedded default: one SQLite file (WAL), one kept connection shared under a short lock."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.state.records import Retention, StateStoreError
from bot.state.sql import Cursor, SqlStateStore, iter_statements

SCHEMA_VERSION = 3

# Version 1 (the first release) named the user column "user"; version 2 calls it user_id
# (a reserved word in Postgres); version 3 adds question_answers (one answer per question).
_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen_events (
    event_id TEXT PRIMARY KEY,
    seen_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_events_seen_at ON seen_events (seen_at);
CREATE TABLE IF NOT EXISTS answered_threads (
    channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (channel, thread_ts)
);
CREATE TABLE IF NOT EXISTS answers (
    channel TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    feedback_key TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_text TEXT NOT NULL,
    citations TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (channel, message_ts)
);
CREATE INDEX IF NOT EXISTS answers_key ON answers (feedback_key);
CREATE INDEX IF NOT EXISTS answers_created_at ON answers (created_at);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    vote TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_text TEXT NOT NULL,
    citations TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS walkthrough_progress (
    user_id TEXT PRIMARY KEY,
    current_step TEXT,
    completed INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS walkthrough_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    option_id TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answered_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS walkthrough_answers_user ON walkthrough_answers (user_id);
CREATE TABLE IF NOT EXISTS question_answers (
    channel TEXT NOT NULL,
    question_ts TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    asker TEXT NOT NULL,
    question_digest TEXT NOT NULL,
    answer_ts TEXT,
    created_at REAL NOT NULL,
    PRIMARY KEY (channel, question_ts)
);
CREATE INDEX IF NOT EXISTS question_answers_thread ON question_answers (channel, thread_ts);
"""

_RENAMED_USER_COLUMNS = ("feedback", "walkthrough_progress", "walkthrough_answers")


class SqliteStateStore(SqlStateStore):
    """StateStore in one SQLite file: the embedded default for a single process.

    One connection is kept for the store's life (opening one per operation cost ~4.5 ms);
    a lock serialises its use across threads, and every write commits before returning.
    Several store objects (or processes) may open the same file: writers wait up to 10 s.
    """

    backend = "sqlite"

    def __init__(self, path: Path, *, retention: Retention | None = None) -> None:
        """Open (creating if needed) the database at ``path`` and migrate its schema.

        Raises:
            StateStoreError: the file is not a SQLite database, or cannot be created.
        """
        super().__init__(retention=retention or Retention())
        self._path = path
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE for writes).
            self._conn = sqlite3.connect(
                path, timeout=10, isolation_level=None, check_same_thread=False
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL sync: durable across process crashes (SIGKILL included).
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:
            msg = (
                f"state file {path} cannot be used ({_reason(exc)}): move it aside (a new one is"
                " created) or fix SOURCING_DATA_DIR"
            )
            raise StateStoreError(msg) from exc

    @property
    def path(self) -> Path:
        """The SQLite file."""
        return self._path

    @contextmanager
    def _tx(self, *, write: bool) -> Iterator[Cursor]:
        with self._lock:
            cur = self._conn.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield cur
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
                cur.execute("COMMIT")
            finally:
                cur.close()

    @contextmanager
    def _one(self) -> Iterator[Cursor]:
        # The connection is in autocommit mode: each statement is its own transaction.
        with self._lock:
            cur = self._conn.cursor()
            try:
                yield cur
            finally:
                cur.close()

    def _migrate(self) -> None:
        with self._tx(write=True) as cur:
            version = int(cur.execute("PRAGMA user_version").fetchone()[0])
            if version < SCHEMA_VERSION:
                for table in _RENAMED_USER_COLUMNS:
                    columns = {r[1] for r in cur.execute(f"PRAGMA table_info({table})")}
                    if "user" in columns:
                        cur.execute(f"ALTER TABLE {table} RENAME COLUMN user TO user_id")
                for statement in iter_statements(_SCHEMA):
                    cur.execute(statement)
                cur.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def ping(self) -> None:
        """Raise StateStoreError when the file cannot answer ``SELECT 1``."""
        try:
            with self._lock:
                self._conn.execute("SELECT 1").fetchone()
        except sqlite3.Error as exc:
            msg = f"state file {self._path} is not usable ({_reason(exc)})"
            raise StateStoreError(msg) from exc

    def close(self) -> None:
        """Close the kept connection."""
        with self._lock:
            self._conn.close()


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
