"""The state store's logic written once in portable SQL; backends supply connections and DDL."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence

from bot.state.records import CitationRecord, FeedbackRecord, PurgeReport, Retention
from bot.state.sql_base import Cursor, iter_statements
from bot.state.sql_progress import ProgressSql
from bot.state.sql_questions import QuestionSql

__all__ = ["TABLES", "Cursor", "SqlStateStore", "iter_statements"]

# A retention pass runs at most this often per store object (it piggybacks on event writes).
PURGE_INTERVAL_SECONDS = 60.0

TABLES = (
    "seen_events",
    "answered_threads",
    "answers",
    "feedback",
    "walkthrough_progress",
    "walkthrough_answers",
    "question_answers",
)


class SqlStateStore(ProgressSql, QuestionSql):
    """StateStore over a DB-API connection (backends supply ``_tx``, ``_one``, ``_q``, the DDL)."""

    backend = "sql"

    def __init__(self, *, retention: Retention) -> None:
        self._retention = retention
        self._purge_lock = threading.Lock()
        self._last_purge = 0.0

    @property
    def retention(self) -> Retention:
        """The retention policy applied by ``purge_expired``."""
        return self._retention

    # -- exactly-once delivery -------------------------------------------------------------

    def mark_event_seen(self, event_id: str, *, now: float | None = None) -> bool:
        """Atomically record an event id: True the first time, False for a duplicate anywhere."""
        at = time.time() if now is None else now
        with self._one() as cur:  # two statements, each atomic; together they need not be
            self._run(
                cur,
                "DELETE FROM seen_events WHERE seen_at < ?",
                (at - self._retention.seen_event_seconds,),
            )
            new = self._run(
                cur,
                "INSERT INTO seen_events (event_id, seen_at) VALUES (?, ?)"
                " ON CONFLICT (event_id) DO NOTHING",
                (event_id, at),
            ).rowcount
        self._maybe_purge(at)
        return bool(new == 1)

    def count_seen_events(self) -> int:
        """How many event ids are remembered."""
        with self._one() as cur:
            return int(self._run(cur, "SELECT COUNT(*) FROM seen_events").fetchone()[0])

    # -- threads the bot answered ------------------------------------------------------------

    def remember_thread(self, *, channel: str, thread_ts: str) -> None:
        """Remember that the bot answered in this thread (follow-ups need no mention)."""
        with self._one() as cur:
            self._run(
                cur,
                "INSERT INTO answered_threads (channel, thread_ts, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT (channel, thread_ts) DO NOTHING",
                (channel, thread_ts, time.time()),
            )

    def is_answered_thread(self, *, channel: str, thread_ts: str) -> bool:
        """True when the bot has answered in this thread (within the retention period)."""
        with self._one() as cur:
            row = self._run(
                cur,
                "SELECT 1 FROM answered_threads WHERE channel = ? AND thread_ts = ?",
                (channel, thread_ts),
            ).fetchone()
        return row is not None

    # -- answers and feedback ------------------------------------------------------------------

    def record_answer(
        self,
        *,
        channel: str,
        message_ts: str,
        feedback_key: str,
        question: str,
        answer_text: str,
        citations: Sequence[CitationRecord],
    ) -> None:
        """Keep what a posted answer said, keyed by its message, for later feedback."""
        cites = json.dumps([{"id": c.id, "quote": c.quote} for c in citations])
        with self._one() as cur:
            self._run(
                cur,
                "INSERT INTO answers (channel, message_ts, feedback_key, question, answer_text,"
                " citations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (channel, message_ts) DO UPDATE SET"
                " feedback_key = excluded.feedback_key, question = excluded.question,"
                " answer_text = excluded.answer_text, citations = excluded.citations,"
                " created_at = excluded.created_at",
                (channel, message_ts, feedback_key, question, answer_text, cites, time.time()),
            )

    def record_feedback(
        self, *, user: str, channel: str, message_ts: str, vote: str, feedback_key: str = ""
    ) -> FeedbackRecord:
        """Store a vote with the answer it is about (found by message, else by feedback key)."""
        select = "SELECT question, answer_text, citations FROM answers WHERE "
        created = time.time()
        with self._tx(write=True) as cur:
            row = self._run(
                cur, select + "channel = ? AND message_ts = ?", (channel, message_ts)
            ).fetchone()
            if row is None and feedback_key:
                row = self._run(cur, select + "feedback_key = ?", (feedback_key,)).fetchone()
            question, answer_text, cites = row if row is not None else ("", "", "[]")
            self._run(
                cur,
                "INSERT INTO feedback (user_id, channel, message_ts, vote, question, answer_text,"
                " citations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (user, channel, message_ts, vote, question, answer_text, cites, created),
            )
        return FeedbackRecord(
            user=user,
            channel=channel,
            message_ts=message_ts,
            vote=vote,
            question=question,
            answer_text=answer_text,
            citations=_citations(cites),
            created_at=created,
        )

    def list_feedback(self) -> list[FeedbackRecord]:
        """Every stored vote, oldest first."""
        with self._tx(write=False) as cur:
            rows = self._run(
                cur,
                "SELECT user_id, channel, message_ts, vote, question, answer_text, citations,"
                " created_at FROM feedback ORDER BY id",
            ).fetchall()
        return [
            FeedbackRecord(
                user=r[0],
                channel=r[1],
                message_ts=r[2],
                vote=r[3],
                question=r[4],
                answer_text=r[5],
                citations=_citations(r[6]),
                created_at=float(r[7]),
            )
            for r in rows
        ]

    # -- retention and housekeeping ------------------------------------------------------------

    def purge_expired(self, *, now: float | None = None) -> PurgeReport:
        """Delete everything older than the retention policy allows (one transaction)."""
        at = time.time() if now is None else now
        r = self._retention
        with self._tx(write=True) as cur:

            def delete(sql: str, age: float) -> int:
                return int(self._run(cur, sql, (at - age,)).rowcount)

            report = PurgeReport(
                seen_events=delete(
                    "DELETE FROM seen_events WHERE seen_at < ?", r.seen_event_seconds
                ),
                answered_threads=delete(
                    "DELETE FROM answered_threads WHERE created_at < ?", r.answer_seconds
                ),
                answers=delete("DELETE FROM answers WHERE created_at < ?", r.answer_seconds)
                + delete("DELETE FROM question_answers WHERE created_at < ?", r.answer_seconds),
                feedback=delete("DELETE FROM feedback WHERE created_at < ?", r.feedback_seconds),
                progress=delete(
                    "DELETE FROM walkthrough_progress WHERE updated_at < ?", r.progress_seconds
                ),
            )
            # Answers of users whose progress expired go with it.
            self._run(
                cur,
                "DELETE FROM walkthrough_answers WHERE user_id NOT IN"
                " (SELECT user_id FROM walkthrough_progress)",
            )
        return report

    def _maybe_purge(self, now: float) -> None:
        """Run a retention pass if none ran in the last PURGE_INTERVAL_SECONDS."""
        with self._purge_lock:
            if now - self._last_purge < PURGE_INTERVAL_SECONDS:
                return
            self._last_purge = now
        self.purge_expired(now=now)

    def count_rows(self) -> int:
        """Rows in every table together (tests assert rejected requests leave none)."""
        with self._tx(write=False) as cur:
            return sum(
                int(self._run(cur, f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in TABLES
            )


def _citations(raw: str) -> tuple[CitationRecord, ...]:
    return tuple(CitationRecord(id=c["id"], quote=c["quote"]) for c in json.loads(raw))
