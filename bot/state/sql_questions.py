"""One question, one answer: which answer message belongs to which question message."""

from __future__ import annotations

import time

from bot.state.records import QuestionLink
from bot.state.sql_base import SqlBase


class QuestionSql(SqlBase):
    """Question claims in portable SQL (``?`` placeholders; backends supply ``_one``)."""

    def claim_question(
        self, *, channel: str, question_ts: str, thread_ts: str, asker: str, question_digest: str
    ) -> bool:
        """Claim answering a question message; False when it was claimed (or answered) before.

        Atomic across replicas: the claim is one ``INSERT ... ON CONFLICT DO NOTHING``.
        """
        with self._one() as cur:
            new = self._run(
                cur,
                "INSERT INTO question_answers (channel, question_ts, thread_ts, asker,"
                " question_digest, answer_ts, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)"
                " ON CONFLICT (channel, question_ts) DO NOTHING",
                (channel, question_ts, thread_ts, asker, question_digest, time.time()),
            ).rowcount
        return bool(new == 1)

    def set_answer_ts(self, *, channel: str, question_ts: str, answer_ts: str) -> None:
        """Record the message that answered a claimed question."""
        with self._one() as cur:
            self._run(
                cur,
                "UPDATE question_answers SET answer_ts = ? WHERE channel = ? AND question_ts = ?",
                (answer_ts, channel, question_ts),
            )

    def release_question(self, *, channel: str, question_ts: str) -> None:
        """Forget a claim whose answer could not be posted (an edit may then answer it)."""
        with self._one() as cur:
            self._run(
                cur,
                "DELETE FROM question_answers WHERE channel = ? AND question_ts = ?"
                " AND answer_ts IS NULL",
                (channel, question_ts),
            )

    def question_link(self, *, channel: str, question_ts: str) -> QuestionLink | None:
        """The claim/answer of a question message, or None."""
        with self._one() as cur:
            row = self._run(
                cur,
                "SELECT channel, question_ts, thread_ts, asker, question_digest, answer_ts"
                " FROM question_answers WHERE channel = ? AND question_ts = ?",
                (channel, question_ts),
            ).fetchone()
        return QuestionLink(*row) if row is not None else None

    def swap_question_digest(self, *, channel: str, question_ts: str, old: str, new: str) -> bool:
        """Atomically replace a question's digest; False when it was not ``old`` any more."""
        with self._one() as cur:
            changed = self._run(
                cur,
                "UPDATE question_answers SET question_digest = ?"
                " WHERE channel = ? AND question_ts = ? AND question_digest = ?",
                (new, channel, question_ts, old),
            ).rowcount
        return bool(changed == 1)

    def thread_askers(self, *, channel: str, thread_ts: str) -> frozenset[str]:
        """The people whose questions the bot took in this thread."""
        with self._one() as cur:
            rows = self._run(
                cur,
                "SELECT DISTINCT asker FROM question_answers WHERE channel = ? AND thread_ts = ?",
                (channel, thread_ts),
            ).fetchall()
        return frozenset(str(r[0]) for r in rows)
