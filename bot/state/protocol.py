"""StateStore: the one interface to the bot's state (SQLite and Postgres implement it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.state.records import CitationRecord, FeedbackRecord, Progress, PurgeReport, QuestionLink


class StateStore(Protocol):
    """Seen events, answered threads, answers kept for feedback, feedback, walkthrough progress.

    Every write is committed before the method returns (callers acknowledge after it). Methods
    are safe to call from many threads, and (Postgres) from many processes and replicas.
    Timestamps are Unix seconds; ``now`` parameters exist for tests.
    """

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgres"``."""
        ...

    def mark_event_seen(self, event_id: str, *, now: float | None = None) -> bool:
        """Atomically record an event id: True the first time, False for a duplicate anywhere."""
        ...

    def count_seen_events(self) -> int:
        """How many event ids are remembered."""
        ...

    def remember_thread(self, *, channel: str, thread_ts: str) -> None:
        """Remember that the bot answered in this thread."""
        ...

    def is_answered_thread(self, *, channel: str, thread_ts: str) -> bool:
        """True when the bot has answered in this thread (within the retention period)."""
        ...

    def claim_question(
        self, *, channel: str, question_ts: str, thread_ts: str, asker: str, question_digest: str
    ) -> bool:
        """Claim answering a question message; False when claimed before (on any replica)."""
        ...

    def set_answer_ts(self, *, channel: str, question_ts: str, answer_ts: str) -> None:
        """Record the message that answered a claimed question."""
        ...

    def release_question(self, *, channel: str, question_ts: str) -> None:
        """Forget a claim whose answer could not be posted."""
        ...

    def question_link(self, *, channel: str, question_ts: str) -> QuestionLink | None:
        """The claim/answer of a question message, or None."""
        ...

    def swap_question_digest(self, *, channel: str, question_ts: str, old: str, new: str) -> bool:
        """Atomically replace a question's digest; False when it was not ``old`` any more."""
        ...

    def thread_askers(self, *, channel: str, thread_ts: str) -> frozenset[str]:
        """The people whose questions the bot took in this thread."""
        ...

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
        ...

    def record_feedback(
        self, *, user: str, channel: str, message_ts: str, vote: str, feedback_key: str = ""
    ) -> FeedbackRecord:
        """Store a vote with the answer it is about (found by message, else by feedback key)."""
        ...

    def list_feedback(self) -> list[FeedbackRecord]:
        """Every stored vote, oldest first."""
        ...

    def get_progress(self, user: str) -> Progress:
        """A user's walkthrough progress (empty and unstarted for a new user)."""
        ...

    def set_step(self, user: str, step_id: str) -> Progress:
        """Move the user to ``step_id`` (starting the walkthrough if needed)."""
        ...

    def record_quiz_answer(
        self, user: str, *, step_id: str, option_id: str, correct: bool
    ) -> Progress:
        """Store an answer to a check question; the user stays on that step."""
        ...

    def complete_walkthrough(self, user: str) -> Progress:
        """Mark the walkthrough finished; the current step is cleared."""
        ...

    def purge_expired(self, *, now: float | None = None) -> PurgeReport:
        """Delete everything older than the retention policy allows."""
        ...

    def count_rows(self) -> int:
        """Rows in every table together."""
        ...

    def ping(self) -> None:
        """Raise StateStoreError when the store cannot answer a trivial query (readiness)."""
        ...

    def close(self) -> None:
        """Release the connection(s); the store is unusable afterwards."""
        ...
