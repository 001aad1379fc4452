"""Fixtures shared across test folders: a real, throwaway Postgres cluster (started on demand)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.postgres import PostgresCluster


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """One Postgres cluster for the session; a missing installation fails the run (no skip)."""
    try:
        cluster = PostgresCluster.start()
    except RuntimeError as exc:
        pytest.fail(f"a real Postgres is required: {exc}", pytrace=False)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> str:
    """The URL of a new empty database in the session's cluster."""
    return postgres_cluster.create_database()
