"""SQLite state for the Slack adapter: seen event ids, answered threads, answers, feedback."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bot.slack.sqlite import SqliteFile

# Slack retries an event up to 3 times over about 5 minutes; keep ids twice as long.
SEEN_EVENT_TTL_SECONDS = 600.0

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
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    channel TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    vote TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_text TEXT NOT NULL,
    citations TEXT NOT NULL,
    created_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class CitationRecord:
    """A citation as stored with an answer: its id and the exact quote."""

    id: str
    quote: str


@dataclass(frozen=True)
class FeedbackRecord:
    """One 👍/👎 vote and the answer it was about."""

    user: str
    channel: str
    message_ts: str
    vote: str
    question: str
    answer_text: str
    citations: tuple[CitationRecord, ...]
    created_at: float


@dataclass(frozen=True)
class QuestionLink:
    """Which answer message belongs to a question message (no text: a digest of the question)."""

    channel: str
    question_ts: str
    thread_ts: str
    asker: str
    question_digest: str
    answer_ts: str | None


class StateStore(SqliteFile):
    """Thread-safe SQLite store; one short connection per operation (listeners run in threads)."""

    SCHEMA = _SCHEMA

    # -- exactly-once delivery -------------------------------------------------------------

    def mark_event_seen(self, event_id: str, *, now: float | None = None) -> bool:
        """Record an event id; True the first time it is seen, False for a duplicate.

        Ids older than ``SEEN_EVENT_TTL_SECONDS`` are purged on the way.
        """
        at = time.time() if now is None else now
        with self._connect() as conn:
            conn.execute(
                "DELETE FROM seen_events WHERE seen_at < ?", (at - SEEN_EVENT_TTL_SECONDS,)
            )
            cur = conn.execute(
                "INSERT OR IGNORE INTO seen_events (event_id, seen_at) VALUES (?, ?)",
                (event_id, at),
            )
            return cur.rowcount == 1

    def count_seen_events(self) -> int:
        """How many event ids are remembered."""
        with self._connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM seen_events").fetchone()[0])

    # -- threads the bot answered ------------------------------------------------------------

    def remember_thread(self, *, channel: str, thread_ts: str) -> None:
        """Remember that the bot answered in this thread (follow-ups need no mention)."""
        with self._connect() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO answered_threads VALUES (?, ?, ?)",
                (channel, thread_ts, time.time()),
            )

    def is_answered_thread(self, *, channel: str, thread_ts: str) -> bool:
        """True when the bot has answered in this thread before."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT 1 FROM answered_threads WHERE channel = ? AND thread_ts = ?",
                (channel, thread_ts),
            ).fetchone()
        return row is not None

    # -- one question, one answer ----------------------------------------------------------------

    def claim_question(
        self, *, channel: str, question_ts: str, thread_ts: str, asker: str, question_digest: str
    ) -> bool:
        """Claim answering a question message; False when it was claimed (or answered) before."""
        with self._connect() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO question_answers VALUES (?, ?, ?, ?, ?, NULL, ?)",
                (channel, question_ts, thread_ts, asker, question_digest, time.time()),
            )
            return cur.rowcount == 1

    def set_answer_ts(self, *, channel: str, question_ts: str, answer_ts: str) -> None:
        """Record the message that answered a claimed question."""
        with self._connect() as conn:
            conn.execute(
                "UPDATE question_answers SET answer_ts = ? WHERE channel = ? AND question_ts = ?",
                (answer_ts, channel, question_ts),
            )

    def release_question(self, *, channel: str, question_ts: str) -> None:
        """Forget a claim whose answer could not be posted (an edit may then answer it)."""
        with self._connect() as conn:
            conn.execute(
                "DELETE FROM question_answers WHERE channel = ? AND question_ts = ?"
                " AND answer_ts IS NULL",
                (channel, question_ts),
            )

    def question_link(self, *, channel: str, question_ts: str) -> QuestionLink | None:
        """The claim/answer of a question message, or None."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT channel, question_ts, thread_ts, asker, question_digest, answer_ts"
                " FROM question_answers WHERE channel = ? AND question_ts = ?",
                (channel, question_ts),
            ).fetchone()
        return QuestionLink(*row) if row is not None else None

    def swap_question_digest(self, *, channel: str, question_ts: str, old: str, new: str) -> bool:
        """Atomically replace a question's digest; False when it was not ``old`` any more."""
        with self._connect() as conn:
            cur = conn.execute(
                "UPDATE question_answers SET question_digest = ?"
                " WHERE channel = ? AND question_ts = ? AND question_digest = ?",
                (new, channel, question_ts, old),
            )
            return cur.rowcount == 1

    def thread_askers(self, *, channel: str, thread_ts: str) -> frozenset[str]:
        """The people whose questions the bot took in this thread."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT DISTINCT asker FROM question_answers WHERE channel = ? AND thread_ts = ?",
                (channel, thread_ts),
            ).fetchall()
        return frozenset(str(r[0]) for r in rows)

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
        with self._connect() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                (channel, message_ts, feedback_key, question, answer_text, cites, time.time()),
            )

    def record_feedback(
        self, *, user: str, channel: str, message_ts: str, vote: str, feedback_key: str = ""
    ) -> FeedbackRecord:
        """Store a vote with the answer it is about (found by message, else by feedback key)."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT question, answer_text, citations FROM answers "
                "WHERE channel = ? AND message_ts = ?",
                (channel, message_ts),
            ).fetchone()
            if row is None and feedback_key:
                row = conn.execute(
                    "SELECT question, answer_text, citations FROM answers WHERE feedback_key = ?",
                    (feedback_key,),
                ).fetchone()
            question, answer_text, cites = row if row is not None else ("", "", "[]")
            created = time.time()
            conn.execute(
                "INSERT INTO feedback (user, channel, message_ts, vote, question, answer_text,"
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
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT user, channel, message_ts, vote, question, answer_text, citations,"
                " created_at FROM feedback ORDER BY id"
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
                created_at=r[7],
            )
            for r in rows
        ]

    def count_rows(self) -> int:
        """Rows in every table together (tests assert rejected requests leave none)."""
        tables = ("seen_events", "answered_threads", "answers", "feedback", "question_answers")
        with self._connect() as conn:
            return sum(int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables)


def _citations(raw: str) -> tuple[CitationRecord, ...]:
    return tuple(CitationRecord(id=c["id"], quote=c["quote"]) for c in json.loads(raw))
