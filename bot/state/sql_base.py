"""The SQL plumbing both backends share: a cursor shape, transactions, placeholders."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol


class Cursor(Protocol):
    """What both sqlite3 and psycopg cursors offer (``execute`` returns the cursor)."""

    @property
    def rowcount(self) -> int:
        """Rows the last statement changed."""
        ...

    def execute(self, sql: Any, params: Sequence[Any] = ...) -> Any:
        """Run one statement."""
        ...


class SqlBase(ABC):
    """Transactions and statements; SQL uses ``?`` placeholders (converted per backend)."""

    @abstractmethod
    def _tx(self, *, write: bool) -> AbstractContextManager[Cursor]:
        """A transaction (committed on success, rolled back on error) yielding a cursor."""

    @abstractmethod
    def _one(self) -> AbstractContextManager[Cursor]:
        """A cursor whose every statement commits on its own (autocommit).

        For operations made of one statement, which is atomic by itself: on Postgres this
        saves the BEGIN and COMMIT round trips (3 -> 1 per operation). Operations of several
        statements that must see or change data together use ``_tx``.
        """

    def _q(self, sql: str) -> str:
        """The statement in the backend's placeholder style."""
        return sql

    def _run(self, cur: Cursor, sql: str, params: Sequence[Any] = ()) -> Any:
        return cur.execute(self._q(sql), params)


def iter_statements(script: str) -> Iterator[str]:
    """The non-empty ``;``-separated statements of a DDL script (no ``;`` inside them)."""
    for part in script.split(";"):
        if part.strip():
            yield part.strip()
