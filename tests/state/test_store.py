"""The state store, one suite run against SQLite and a real Postgres."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.state import (
    CitationRecord,
    PurgeReport,
    Retention,
    StateStore,
    StateStoreError,
    open_state_store,
)
from bot.state.postgres import PostgresStateStore
from tests.postgres import free_port

DAY = 86_400.0
Opener = Callable[[], StateStore]


@pytest.fixture(params=["sqlite", "postgres"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens stores on one database: a SQLite file, or a new database in the Postgres cluster."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    opened: list[StateStore] = []

    def open_store() -> StateStore:
        store = open_state_store(database_url=url, sqlite_path=tmp_path / "state.sqlite3")
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()


@pytest.fixture
def store(opener: Opener) -> StateStore:
    """One store on a fresh database."""
    return opener()


def test_backend_is_named(store: StateStore, opener: Opener) -> None:
    """Each implementation names its backend."""
    assert store.backend in ("sqlite", "postgres")


def test_event_id_is_new_once_then_duplicate(store: StateStore) -> None:
    """mark_event_seen is True for a new id and False for the same id again."""
    assert store.mark_event_seen("Ev1", now=1000.0) is True
    assert store.mark_event_seen("Ev1", now=1001.0) is False
    assert store.mark_event_seen("Ev2", now=1001.0) is True
    assert store.count_seen_events() == 2


def test_seen_ids_expire_after_ten_minutes(store: StateStore) -> None:
    """An id is remembered for 600 s; older ids are purged on the next mark."""
    store.mark_event_seen("Ev-old", now=0.0)
    assert store.mark_event_seen("Ev-old", now=599.0) is False
    store.mark_event_seen("Ev-new", now=601.0)
    assert store.count_seen_events() == 1
    assert store.mark_event_seen("Ev-old", now=602.0) is True


def test_concurrent_marks_from_two_stores_agree_on_one_winner(opener: Opener) -> None:
    """Sixteen threads on two store objects (two replicas) mark one id: exactly one wins."""
    stores = [opener(), opener()]
    results: list[bool] = []
    lock = threading.Lock()
    barrier = threading.Barrier(16)

    def mark(n: int) -> None:
        barrier.wait()
        won = stores[n % 2].mark_event_seen("Ev-burst")
        with lock:
            results.append(won)

    threads = [threading.Thread(target=mark, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 15 + [True]


def test_answered_threads_are_remembered(store: StateStore) -> None:
    """A remembered thread is answered; another thread or channel is not; repeats are harmless."""
    store.remember_thread(channel="C1", thread_ts="1.1")
    store.remember_thread(channel="C1", thread_ts="1.1")
    assert store.is_answered_thread(channel="C1", thread_ts="1.1") is True
    assert store.is_answered_thread(channel="C1", thread_ts="2.2") is False
    assert store.is_answered_thread(channel="C2", thread_ts="1.1") is False


def test_feedback_is_stored_with_its_answer(store: StateStore) -> None:
    """A vote finds its answer by message ts, or by feedback key, and keeps question and quotes."""
    cites = [CitationRecord(id="a#s1", quote="exact words"), CitationRecord(id="b#s2", quote="q")]
    store.record_answer(
        channel="C1",
        message_ts="9.1",
        feedback_key="k1",
        question="Should we outsource?",
        answer_text="It depends.",
        citations=cites,
    )
    by_ts = store.record_feedback(user="U1", channel="C1", message_ts="9.1", vote="up")
    by_key = store.record_feedback(
        user="U2", channel="D9", message_ts="7.7", vote="down", feedback_key="k1"
    )
    unknown = store.record_feedback(user="U3", channel="C1", message_ts="0.0", vote="up")
    rows = store.list_feedback()
    assert [(r.user, r.vote, r.question, r.answer_text, r.citations) for r in rows] == [
        ("U1", "up", "Should we outsource?", "It depends.", tuple(cites)),
        ("U2", "down", "Should we outsource?", "It depends.", tuple(cites)),
        ("U3", "up", "", "", ()),
    ]
    assert rows == [by_ts, by_key, unknown]


def test_walkthrough_progress_steps_answers_and_completion(store: StateStore) -> None:
    """Steps, graded answers and completion are saved; a new user is unstarted."""
    assert store.get_progress("U9").started is False
    store.set_step("U1", "strategies")
    store.record_quiz_answer("U1", step_id="strategies", option_id="a", correct=False)
    state = store.record_quiz_answer("U1", step_id="strategies", option_id="b", correct=True)
    assert state.current_step == "strategies"
    assert [(a.step_id, a.option_id, a.correct) for a in state.answers] == [
        ("strategies", "a", False),
        ("strategies", "b", True),
    ]
    done = store.complete_walkthrough("U1")
    assert (done.current_step, done.completed, done.correct_steps()) == (
        None,
        True,
        frozenset({"strategies"}),
    )
    again = store.set_step("U1", "strategies")
    assert (again.current_step, again.completed) == ("strategies", True)


def test_everything_survives_closing_and_reopening(opener: Opener) -> None:
    """State written by one store is seen by a store opened after it closed (a restart)."""
    first = opener()
    first.mark_event_seen("Ev1")
    first.remember_thread(channel="C1", thread_ts="1.1")
    first.record_answer(
        channel="C1",
        message_ts="2.2",
        feedback_key="k",
        question="q",
        answer_text="a",
        citations=[],
    )
    first.set_step("U1", "costs")
    first.close()
    second = opener()
    assert second.mark_event_seen("Ev1") is False
    assert second.is_answered_thread(channel="C1", thread_ts="1.1") is True
    assert (
        second.record_feedback(user="U", channel="C1", message_ts="2.2", vote="up").question == "q"
    )
    assert second.get_progress("U1").current_step == "costs"


def test_retention_purges_each_kind_after_its_period(opener: Opener, tmp_path: Path) -> None:
    """purge_expired drops answers/threads after 14 days, votes after 90, progress after 365."""
    store = opener()
    store.record_answer(
        channel="C1",
        message_ts="1.1",
        feedback_key="k",
        question="q",
        answer_text="a",
        citations=[],
    )
    store.remember_thread(channel="C1", thread_ts="1.1")
    store.record_feedback(user="U1", channel="C1", message_ts="1.1", vote="up")
    store.record_quiz_answer("U1", step_id="costs", option_id="a", correct=True)
    store.mark_event_seen("Ev1")
    now = time.time()
    assert store.purge_expired(now=now + 13 * DAY) == PurgeReport(
        seen_events=1, answered_threads=0, answers=0, feedback=0, progress=0
    )
    assert store.purge_expired(now=now + 15 * DAY) == PurgeReport(
        seen_events=0, answered_threads=1, answers=1, feedback=0, progress=0
    )
    late = store.record_feedback(user="U2", channel="C1", message_ts="1.1", vote="down")
    assert (late.question, late.answer_text) == ("", "")
    assert store.purge_expired(now=now + 91 * DAY).feedback == 2
    assert store.purge_expired(now=now + 366 * DAY).progress == 1
    assert store.count_rows() == 0


def test_retention_periods_are_configurable(tmp_path: Path) -> None:
    """A store opened with a 1-day answer retention purges a 2-day-old answer."""
    store = open_state_store(
        database_url=None,
        sqlite_path=tmp_path / "s.sqlite3",
        retention=Retention(answer_seconds=DAY),
    )
    store.record_answer(
        channel="C", message_ts="1", feedback_key="k", question="q", answer_text="a", citations=[]
    )
    assert store.purge_expired(now=time.time() + 2 * DAY).answers == 1


def test_ping_answers_while_the_store_is_usable(store: StateStore) -> None:
    """ping returns quietly on a working store and raises StateStoreError once closed."""
    store.ping()
    store.close()
    with pytest.raises(StateStoreError):
        store.ping()


def test_corrupt_sqlite_file_names_the_file_and_the_fix(tmp_path: Path) -> None:
    """A file that is not SQLite fails with one message naming the file and what to do."""
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StateStoreError) as err:
        open_state_store(database_url=None, sqlite_path=path)
    assert str(err.value) == (
        f"state file {path} cannot be used (file is not a database): move it aside"
        " (a new one is created) or fix SOURCING_DATA_DIR"
    )


def test_unreachable_postgres_names_the_setting(tmp_path: Path) -> None:
    """A Postgres URL nobody listens on fails within the timeout naming SOURCING_DATABASE_URL."""
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/x"
    with pytest.raises(StateStoreError) as err:
        PostgresStateStore(url, timeout_seconds=1)
    assert str(err.value).startswith("SOURCING_DATABASE_URL: cannot use the Postgres database (")
    assert str(err.value).endswith(
        "check the host, port, credentials and that the server is running"
    )


def test_sqlite_file_of_the_first_release_is_migrated(tmp_path: Path) -> None:
    """A version-1 file (column "user") is migrated in place and keeps its rows."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE walkthrough_progress (user TEXT PRIMARY KEY, current_step TEXT,"
            " completed INTEGER NOT NULL DEFAULT 0, updated_at REAL NOT NULL);"
            "INSERT INTO walkthrough_progress VALUES ('U1', 'costs', 0, 5.0);"
        )
    store = open_state_store(database_url=None, sqlite_path=path)
    assert store.get_progress("U1").current_step == "costs"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3


def test_two_replicas_migrating_at_once_both_start(postgres_url: str) -> None:
    """Two stores creating the schema at the same moment both open (advisory lock)."""
    errors: list[BaseException] = []
    opened: list[PostgresStateStore] = []

    def start() -> None:
        try:
            opened.append(PostgresStateStore(postgres_url))
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (errors, len(opened)) == ([], 2)
    for store in opened:
        store.close()


def test_one_statement_operations_send_no_begin_or_commit_on_postgres(
    postgres_url: str, tmp_path: Path
) -> None:
    """On Postgres, marking an event, claiming a question and recording an answer are one
    round trip per statement (autocommit): no BEGIN or COMMIT messages of their own."""
    store = PostgresStateStore(postgres_url, max_connections=1)
    trace = tmp_path / "libpq.trace"
    try:
        store.mark_event_seen("Ev0")  # the first mark also runs the retention pass (a transaction)
        with trace.open("w") as out:
            with store._pool.connection() as conn:
                conn.pgconn.trace(out.fileno())
            assert store.mark_event_seen("Ev1") is True
            assert store.claim_question(
                channel="C1", question_ts="1.1", thread_ts="1.1", asker="U1", question_digest="d"
            )
            store.record_answer(
                channel="C1",
                message_ts="1.2",
                feedback_key="k",
                question="q",
                answer_text="a",
                citations=[],
            )
            with store._pool.connection() as conn:
                conn.pgconn.untrace()
    finally:
        store.close()
    sent = [line.split("\t")[3] for line in trace.read_text().splitlines() if "\tF\t" in line]
    assert "Query" not in sent  # BEGIN and COMMIT would be simple Query messages
    assert sent.count("Execute") == 4  # DELETE of expired ids, then three INSERTs
