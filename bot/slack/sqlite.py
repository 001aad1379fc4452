"""A small SQLite base shared by the Slack-side stores (listeners run on several threads)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class SqliteFile:
    """One SQLite file: WAL journal, one short connection per operation, serialised by a lock.

    Subclasses set ``SCHEMA`` (idempotent ``CREATE ... IF NOT EXISTS`` statements).
    """

    SCHEMA = ""

    def __init__(self, path: Path) -> None:
        """Open (and create if needed) the database at ``path`` and the subclass's tables."""
        self._path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(self.SCHEMA)
        # Held open (never queried again): otherwise each operation's close is the last one,
        # and SQLite checkpoints and fsyncs the WAL there (~15 ms per write, in the ack path).
        self._keeper = sqlite3.connect(path, check_same_thread=False)
        self._keeper.execute("PRAGMA schema_version").fetchone()

    @property
    def path(self) -> Path:
        """The SQLite file."""
        return self._path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = sqlite3.connect(self._path, timeout=10)
            # WAL with NORMAL sync: durable across app crashes, one fsync per checkpoint.
            conn.execute("PRAGMA synchronous=NORMAL")
            try:
                with conn:
                    yield conn
            finally:
                conn.close()
