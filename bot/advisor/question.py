"""A message read for answering: its normalised text, intent and concepts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.advisor.intent import Intent, read_intent
from bot.advisor.lexicon import Lexicon
from bot.text import normalise_message


@dataclass(frozen=True)
class Question:
    """What the composer needs to know about a question.

    Attributes:
        text: The message with Slack markup undone (``bot.text.normalise_message``) and
            misspelt words corrected (``Lexicon.correct``).
        intent: Small talk, language, kind of question, yes/no.
        concepts: Its terms and synonym concepts, generic words removed.
        history: Earlier user turns of the thread, normalised, oldest first.
    """

    text: str
    intent: Intent
    concepts: frozenset[str]
    history: tuple[str, ...] = ()


def read_question(text: str, lexicon: Lexicon, history: Sequence[str] = ()) -> Question:
    """Normalise a message, correct its misspelt words and read its intent and concepts.

    A message in another language is not corrected: its words are not misspelt English.
    """
    flat = normalise_message(text)
    intent = read_intent(flat, familiar=lexicon.familiar_share(flat))
    if not intent.language:
        corrected = lexicon.correct(flat)
        if corrected != flat:
            flat = corrected
            intent = read_intent(flat, familiar=lexicon.familiar_share(flat))
    return Question(
        text=flat,
        intent=intent,
        concepts=lexicon.question_concepts(flat),
        history=tuple(h for h in (lexicon.correct(normalise_message(t)) for t in history) if h),
    )
