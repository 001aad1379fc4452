"""What the bot says when it does not answer from the knowledge base: not covered, off topic,
another language, and small talk."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.advisor.question import Question
from bot.models import Answer, Route, Statement

_THANKED = re.compile(r"\b(thanks?|thank you|thx|ty|cheers|appreciated?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Replies:
    """What the bot says when it does not answer from the knowledge base."""

    topics: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    def covers(self) -> str:
        """One sentence naming what the knowledge base covers."""
        if not self.topics:
            return "Ask about sourcing software development: outsourcing, offshoring or in-house."
        return "It covers " + "; ".join(self.topics) + "."


class Declines:
    """The composer's answers that do not come from the knowledge base."""

    def __init__(self, replies: Replies) -> None:
        """Say what the knowledge base covers with ``replies``."""
        self._replies = replies

    def _declined(
        self, question: Question, *, route: Route, text: str, covers: bool, examples: int
    ) -> Answer:
        """An answer that does not answer from the knowledge base: why, and what to try."""
        return Answer(
            route=route,
            kind=question.intent.kind,
            direct=Statement(text=text),
            notes=(self._replies.covers(),) if covers else (),
            suggestions=self._replies.examples[:examples],
            covered=False,
        )

    def not_covered(self, question: Question, *, gap: str = "") -> Answer:
        """Say plainly that the knowledge base does not cover the question (naming the gap's
        topic when the question names one: "doesn't cover tax and legal set-up"), and what it
        does cover."""
        text = f"The knowledge base doesn't cover {gap or 'that'}, so I won't guess."
        return self._declined(question, route="knowledge", text=text, covers=True, examples=3)

    def out_of_scope(self, question: Question) -> Answer:
        """Decline an off-topic request politely and say what the bot is for."""
        text = (
            "That's outside what I can help with: I advise on sourcing software development, "
            "from the knowledge base."
        )
        return self._declined(question, route="out_of_scope", text=text, covers=True, examples=3)

    def other_language(self, question: Question) -> Answer:
        """Say that the bot answers in English, from an English knowledge base."""
        text = (
            "I can only answer in English, from an English knowledge base: please ask your "
            "question in English."
        )
        return self._declined(question, route="out_of_scope", text=text, covers=False, examples=2)

    def small_talk(self, question: Question) -> Answer:
        """A short friendly reply to a greeting, thanks or a request for help."""
        kind = question.intent.small_talk
        if kind == "thanks":
            # "ok", "got it" or "good bot" thank no one: "You're welcome!" would answer a thanks.
            thanked = _THANKED.search(question.text)
            text = "You're welcome!" if thanked else "Glad it helps. Ask me anything else."
            return Answer(route="small_talk", direct=Statement(text=text))
        opening = "Hi! " if kind == "greeting" else ""
        return Answer(
            route="small_talk",
            direct=Statement(
                text=f"{opening}I answer questions about sourcing software development "
                "(building in-house, outsourcing onshore or offshore, or a dedicated offshore "
                "team) from the knowledge base, citing it, and I can evaluate a scenario."
            ),
            notes=(self._replies.covers(),),
            suggestions=self._replies.examples,
        )
