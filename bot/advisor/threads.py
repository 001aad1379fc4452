"""Messages in threads: the parts a message asks, and the scenario facts a thread states."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.advisor.intent import asking_sentences
from bot.advisor.lexicon import Lexicon
from bot.advisor.question import Question, continues_scenario
from bot.advisor.router import asks_decision
from bot.errors import InputError
from bot.models import Scenario
from bot.scoring import parse_scenario_text

# "How long does it take to build a team, and how much does it cost?" asks two questions.
_PART_BREAK = re.compile(
    r",?\s+(?:and|also|plus)\s+(?=(?:how|what|why|when|which|who|where|is|are|do|does|can|"
    r"should|will|would)\b)",
    re.IGNORECASE,
)
_REFERS_BACK = re.compile(r"^(?:\W*\w+\W+){0,2}?(?:that|this|it|they|those|these)\b", re.I)
MAX_PARTS = 3
"""A message asking more questions than this is answered as one question."""


def asked_parts(text: str) -> list[str]:
    """The questions a message asks, in order, when it asks two to ``MAX_PARTS`` ("What's the
    difference ...? Also, which is cheaper?"); [] when it asks one, more than ``MAX_PARTS``, or
    a later part refers back ("... sit in another country? is that outsourcing?")."""
    asked = [
        piece.strip()
        for sentence in asking_sentences(text)
        if sentence.endswith("?")
        for piece in _PART_BREAK.split(sentence)
        if piece.strip()
    ]
    if len(asked) < 2 or len(asked) > MAX_PARTS:
        return []
    if any(_REFERS_BACK.match(part) for part in asked[1:]):
        return []
    return asked


def thread_facts(history: Sequence[str]) -> dict[str, object]:
    """The scenario facts a thread's earlier turns state, later turns overriding earlier ones
    (field name -> value); a turn with a bad value is skipped (it was reported then)."""
    merged: dict[str, object] = {}
    for turn in history:
        try:
            turn_scenario, turn_fields = parse_scenario_text(turn)
        except InputError:
            continue
        if turn_scenario is not None:
            merged.update({f: getattr(turn_scenario, f) for f in turn_fields})
    return merged


def _fields(merged: dict[str, object]) -> tuple[str, ...]:
    return tuple(f for f in Scenario.model_fields if f in merged)


def message_scenario(question: Question) -> tuple[Scenario | None, tuple[str, ...]]:
    """The scenario a message states and the fields it gives; in a thread, the earlier turns'
    facts fill what it leaves out. (None, ()) when the message states no fact."""
    if not question.history or question.facts is None:
        return question.facts, question.stated
    merged = thread_facts(question.history)
    merged.update({f: getattr(question.facts, f) for f in question.stated})
    return Scenario.model_validate(merged), _fields(merged)


def thread_scenario(
    question: Question, lexicon: Lexicon
) -> tuple[Scenario, tuple[str, ...]] | None:
    """The scenario a thread described, when a reply asks about it ("why?", "what about an
    offshore team?": ``continues_scenario``) and the earlier turns gave two facts, or one and
    a request for a decision; None otherwise.

    A "why?" after a single fact ("Should we outsource our core platform?", answered by the
    policy's rule) asks the knowledge base why, as a reply to a question does: None.
    """
    if not continues_scenario(question, lexicon):
        return None
    merged = thread_facts(question.history)
    decided = any(asks_decision(turn) for turn in question.history)
    if len(merged) < 2 and not (merged and decided):
        return None
    if len(merged) < 2 and question.intent.kind == "reason":
        return None
    return Scenario.model_validate(merged), _fields(merged)
