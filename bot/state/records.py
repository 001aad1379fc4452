"""Value objects the state store returns, its retention policy, and its one error type."""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import BotError

DAY_SECONDS = 86_400.0


class StateStoreError(BotError):
    """The state store cannot be opened or used; the message names the cause and the fix."""


@dataclass(frozen=True)
class Retention:
    """How long each kind of state is kept (seconds); older rows are purged automatically.

    Attributes:
        seen_event_seconds: Event ids kept to drop Slack's retries (Slack retries for ~5 minutes).
        answer_seconds: Questions, answers and citations kept so a 👍/👎 can be stored with them,
            and the threads the bot answered (follow-ups there need no mention).
        feedback_seconds: Votes with the question, answer and citations they rate.
        progress_seconds: Walkthrough progress untouched for this long (no message text in it).
    """

    seen_event_seconds: float = 600.0
    answer_seconds: float = 14 * DAY_SECONDS
    feedback_seconds: float = 90 * DAY_SECONDS
    progress_seconds: float = 365 * DAY_SECONDS


@dataclass(frozen=True)
class CitationRecord:
    """A citation as stored with an answer: its id and the exact quote."""

    id: str
    quote: str


@dataclass(frozen=True)
class FeedbackRecord:
    """One 👍/👎 vote and the answer it was about (empty question once the answer expired)."""

    user: str
    channel: str
    message_ts: str
    vote: str
    question: str
    answer_text: str
    citations: tuple[CitationRecord, ...]
    created_at: float


@dataclass(frozen=True)
class AnswerRecord:
    """One answer a user gave to a walkthrough check question."""

    step_id: str
    option_id: str
    correct: bool
    answered_at: float


@dataclass(frozen=True)
class Progress:
    """Where a user is in the walkthrough and what they answered, oldest answer first."""

    user: str
    current_step: str | None
    answers: tuple[AnswerRecord, ...]
    completed: bool
    updated_at: float

    @property
    def started(self) -> bool:
        """True once the user has opened the walkthrough."""
        return self.current_step is not None or self.completed

    def last_answers(self) -> dict[str, AnswerRecord]:
        """The latest answer per step."""
        return {answer.step_id: answer for answer in self.answers}

    def correct_steps(self) -> frozenset[str]:
        """Steps whose latest answer was correct."""
        return frozenset(s for s, a in self.last_answers().items() if a.correct)


@dataclass(frozen=True)
class PurgeReport:
    """Rows deleted by one retention pass, per table."""

    seen_events: int
    answered_threads: int
    answers: int
    feedback: int
    progress: int

    @property
    def total(self) -> int:
        """All rows deleted."""
        return (
            self.seen_events + self.answered_threads + self.answers + self.feedback + self.progress
        )


@dataclass(frozen=True)
class QuestionLink:
    """Which answer message belongs to a question message (no text: a digest of the question)."""

    channel: str
    question_ts: str
    thread_ts: str
    asker: str
    question_digest: str
    answer_ts: str | None
