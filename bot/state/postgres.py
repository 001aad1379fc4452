"""Shared state for several replicas: Postgres through psycopg 3 and a psycopg_pool pool."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from bot.state.records import Retention, StateStoreError
from bot.state.sql import Cursor, SqlStateStore, iter_statements

SCHEMA_VERSION = 1
# Key of the advisory lock that serialises schema migration across replicas starting together.
MIGRATION_LOCK_KEY = 0x50_41_44_56  # "PADV"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS state_schema (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS seen_events (
    event_id TEXT PRIMARY KEY,
    seen_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_events_seen_at ON seen_events (seen_at);
CREATE TABLE IF NOT EXISTS answered_threads (
    channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (channel, thread_ts)
);
CREATE TABLE IF NOT EXISTS answers (
    channel TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    feedback_key TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_text TEXT NOT NULL,
    citations TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (channel, message_ts)
);
CREATE INDEX IF NOT EXISTS answers_key ON answers (feedback_key);
CREATE INDEX IF NOT EXISTS answers_created_at ON answers (created_at);
CREATE TABLE IF NOT EXISTS feedback (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    vote TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_text TEXT NOT NULL,
    citations TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS walkthrough_progress (
    user_id TEXT PRIMARY KEY,
    current_step TEXT,
    completed INTEGER NOT NULL DEFAULT 0,
    updated_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS walkthrough_answers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    option_id TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answered_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS walkthrough_answers_user ON walkthrough_answers (user_id);
CREATE TABLE IF NOT EXISTS question_answers (
    channel TEXT NOT NULL,
    question_ts TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    asker TEXT NOT NULL,
    question_digest TEXT NOT NULL,
    answer_ts TEXT,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (channel, question_ts)
);
CREATE INDEX IF NOT EXISTS question_answers_thread ON question_answers (channel, thread_ts);
"""


class PostgresStateStore(SqlStateStore):
    """StateStore in Postgres, shared by every replica (``SOURCING_DATABASE_URL``).

    Each operation borrows a pooled connection for one transaction, committed before the
    method returns. De-duplication is one ``INSERT ... ON CONFLICT DO NOTHING``, so two
    replicas receiving the same event agree on which one answers.
    """

    backend = "postgres"

    def __init__(
        self,
        url: str,
        *,
        retention: Retention | None = None,
        max_connections: int = 8,
        timeout_seconds: float = 5.0,
    ) -> None:
        """Connect (waiting at most ``timeout_seconds``) and create or migrate the schema.

        Raises:
            StateStoreError: the server cannot be reached or refuses the connection.
        """
        super().__init__(retention=retention or Retention())
        self._timeout = timeout_seconds
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max_connections,
            timeout=timeout_seconds,
            open=False,
            name="sourcing-state",
            kwargs={
                "connect_timeout": max(1, int(timeout_seconds)),
                # Transactions are explicit (_tx); a one-statement operation (_one) is one
                # round trip instead of BEGIN, the statement and COMMIT.
                "autocommit": True,
                # Bound every statement: a stuck database must not hold a worker forever.
                "options": f"-c statement_timeout={int(timeout_seconds * 1000)}",
            },
        )
        try:
            self._pool.open(wait=True, timeout=timeout_seconds)
            self._migrate()
        except (PoolTimeout, psycopg.Error) as exc:
            self._pool.close()
            msg = (
                f"SOURCING_DATABASE_URL: cannot use the Postgres database ({_reason(exc)}):"
                " check the host, port, credentials and that the server is running"
            )
            raise StateStoreError(msg) from exc

    def _q(self, sql: str) -> str:
        return sql.replace("?", "%s")

    @contextmanager
    def _tx(self, *, write: bool) -> Iterator[Cursor]:
        # transaction() commits when the block ends without error, else rolls back.
        with (
            self._pool.connection(timeout=self._timeout) as conn,
            conn.transaction(),
            conn.cursor() as cur,
        ):
            yield cur

    @contextmanager
    def _one(self) -> Iterator[Cursor]:
        with self._pool.connection(timeout=self._timeout) as conn, conn.cursor() as cur:
            yield cur

    def _migrate(self) -> None:
        with self._tx(write=True) as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_KEY,))
            for statement in iter_statements(_SCHEMA):
                cur.execute(statement)
            row: Any = cur.execute("SELECT max(version) FROM state_schema").fetchone()
            if row[0] is None:
                cur.execute("INSERT INTO state_schema (version) VALUES (%s)", (SCHEMA_VERSION,))

    def ping(self) -> None:
        """Raise StateStoreError when the database cannot answer ``SELECT 1``."""
        try:
            with self._one() as cur:
                cur.execute("SELECT 1")
        except (PoolTimeout, psycopg.Error) as exc:
            msg = f"Postgres state database is not reachable ({_reason(exc)})"
            raise StateStoreError(msg) from exc

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
