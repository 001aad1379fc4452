"""A message read for answering: its normalised text, intent and concepts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.advisor.intent import (
    EITHER_OR,
    Intent,
    as_yes_no,
    asking_sentences,
    asks_category,
    closing_question_mark,
    question_kind,
    read_intent,
    undictated,
    without_relay,
    without_set_aside,
)
from bot.advisor.lexicon import Lexicon
from bot.advisor.router import asks_decision, wants_decision
from bot.models import Scenario
from bot.scoring import parse_scenario_text
from bot.text import STOPWORDS, normalise_message, stem, words

MAX_FOLLOW_UP_WORDS = 12
"""A thread reply of at most this many words that names only options, only aspects or neither
("and an offshore team?", "what about cost?", "why though") continues the previous question."""


# A follow-up that points back at what the previous turn named ("is that ...?", "they'd be
# ours?") is about the same options, whatever options it names itself, unless it switches to
# others ("... our own team abroad instead, they'd be ours?").
_POINTS_BACK = re.compile(
    r"\b(is|are|was|were|does|do|did|would|will|can) (that|this|it|they|those|these)\b|"
    r"\b(they|they'd|they're|it's|that's)\b",
    re.IGNORECASE,
)
_SWITCH = re.compile(
    r"\b(instead|rather|other way|alternatively|what about|how about)\b", re.IGNORECASE
)
# A follow-up opening with what it turns to: "ok and outsourcing? ...", "and for offshoring?".
_OPENS_WITH = re.compile(
    r"^\W*(?:(?:ok|okay|so|right|thanks)\W+)?and\s+((?:for\s+|with\s+)?[^?.!]{1,40})\?\s+\S",
    re.IGNORECASE,
)
_CHOICE_WORDS = 5
"""An option named within this many words after "or" is the other side of a choice."""

PICK_QUESTION = "Which strategy is best suited to a company?"
"""What a request to pick that names no topic ("which one is best? just tell me") is searched
and matched as, besides its own words: what the knowledge base says about choosing a strategy
answers it (the article: "every company is unique ...")."""


EXAMPLE_QUESTION = "Which company outsourced or offshored its software development?"
"""What a request for an example that names no topic ("any real company that did this?") is
searched and matched as, besides its own words."""


@dataclass(frozen=True)
class Question:
    """What the composer needs to know about a question.

    Attributes:
        text: The message with Slack markup undone (``bot.text.normalise_message``) and
            misspelt words corrected (``Lexicon.correct``).
        intent: Small talk, language, kind of question, yes/no.
        concepts: Its terms and synonym concepts, generic words removed.
        history: Earlier user turns of the thread, normalised, oldest first.
        search_text: See below; the text itself unless the message continues the thread.
        facts: The scenario facts the message itself states (``parse_scenario_text``), or None.
        stated: The fields of those facts, in field order.
    """

    text: str
    intent: Intent
    concepts: frozenset[str]
    history: tuple[str, ...] = ()
    search_text: str = ""
    """What is searched: the text, plus the previous turn's words a short follow-up leaves out
    ("and an offshore team?" after "what does outsourcing cost?" adds "cost")."""
    facts: Scenario | None = None
    stated: tuple[str, ...] = ()


def read_question(text: str, lexicon: Lexicon, history: Sequence[str] = ()) -> Question:
    """Normalise a message, correct its misspelt words and read its intent, concepts and the
    scenario facts it states.

    A message in another language is not corrected: its words are not misspelt English.

    Raises:
        InputError: A ``key=value`` pair or the only project length is out of range (the
            message ``/sourcing evaluate`` gives).
    """
    flat = closing_question_mark(as_yes_no(undictated(without_relay(normalise_message(text)))))
    intent = read_intent(
        flat, familiar=lexicon.familiar_share(flat), language_text=lexicon.without_domain(flat)
    )
    if not intent.language:
        corrected = lexicon.correct(flat)
        if corrected != flat:
            flat = corrected
            intent = read_intent(
                flat,
                familiar=lexicon.familiar_share(flat),
                language_text=lexicon.without_domain(flat),
            )
    history_ = tuple(
        h for h in (lexicon.correct(undictated(normalise_message(t))) for t in history) if h
    )
    concepts = lexicon.question_concepts(without_set_aside(flat)) or lexicon.question_concepts(flat)
    facts, stated = parse_scenario_text(flat)
    carried, carried_words = _carried(flat, concepts, lexicon, history_)
    if not history_ and facts is None and asks_to_pick(flat, lexicon):
        # "Which one is best? just tell me": the passage on choosing a strategy answers it.
        carried, carried_words = lexicon.question_concepts(PICK_QUESTION), PICK_QUESTION
    elif not history_ and intent.kind == "example" and not _topical(flat, lexicon):
        # "any real company that did this?" asks for an example of what the advisor is about.
        carried, carried_words = lexicon.question_concepts(EXAMPLE_QUESTION), EXAMPLE_QUESTION
    if carried and history_ and intent.kind == "other":
        # "and an offshore team?" after "what does outsourcing cost?" asks for figures too.
        intent = replace(intent, kind=question_kind(history_[-1].lower()))
    elif (
        history_
        and _THEM.search(flat)
        and len(words(flat)) <= MAX_FOLLOW_UP_WORDS
        and question_kind(history_[-1].lower()) == "example"
    ):
        # "where did they set up the team?" after "any real company that did this?" asks about
        # the example the thread was given.
        intent = replace(intent, kind="example")
    return Question(
        text=flat,
        intent=intent,
        concepts=concepts | carried,
        history=history_,
        search_text=f"{flat} {carried_words}".strip(),
        facts=facts,
        stated=stated,
    )


def _topical(text: str, lexicon: Lexicon) -> frozenset[str]:
    """The concepts of what a message asks that the knowledge base knows: not generic words,
    not words it never uses ("is there an actual company that did this, or is it all
    theory?" has none)."""
    asked = " ".join(asking_sentences(text))
    return lexicon.question_concepts(asked) - lexicon.generic - set(lexicon.unknown(asked))


_THEM = re.compile(r"\b(they|them|their|theirs|dem|th?at company|this company|those guys)\b", re.I)
"""A follow-up's words for the company an example in the thread named."""

_POINTING_BACK = frozenset(
    stem(w)
    for w in (
        "same", "similar", "range", "ranges", "number", "numbers", "figure", "figures",
        "percentage", "percent", "share", "ballpark", "value", "values", "too",
        # the table's other column: "and for the own-team-abroad column?"
        "column", "columns", "cell", "cells",
    )
)  # fmt: skip
"""Words of a follow-up that point back at the previous turn's aspect ("same range?", "and in
the offshore column?")."""


# Thanks for the previous answer before a follow-up ("thank you. and for offshoring?"): not
# part of what it asks.
_THANKS = re.compile(
    r"^\W*(?:ok(?:ay)?,? )?(?:thank you|thanks|thx|ty|many thanks|much appreciated|cheers)"
    r"(?: (?:so|very) much)?(?: for (?:that|this|the answer))?[\s!.,:;]+(?=\w)",
    re.IGNORECASE,
)


def _carried(
    text: str, concepts: frozenset[str], lexicon: Lexicon, history: Sequence[str]
) -> tuple[frozenset[str], str]:
    """What a short follow-up takes from the previous turn: the options it does not name when
    it names none, the aspects (every other concept) when it names none; and their words.

    Returns:
        (concept tokens, the previous turn's words holding them, space-joined); empty when the
        message is not a short follow-up or names both options and aspects.
    """
    if (
        not history
        or not lexicon.options
        or len(words(_THANKS.sub("", text))) > MAX_FOLLOW_UP_WORDS
    ):
        return frozenset(), ""
    options = lexicon.options
    turns = [history[-1]]
    previous = lexicon.question_concepts(history[-1])
    if (
        not previous - options
        and len(history) > 1
        and len(words(history[-1])) <= MAX_FOLLOW_UP_WORDS
    ):
        # The previous turn was itself a follow-up naming only options ("and for an offshore
        # team?"): what it continued ("... cost compared to in-house?") is the topic still.
        turns.insert(0, history[-2])
        previous |= lexicon.question_concepts(history[-2]) - options
    wanted: frozenset[str] = frozenset()
    # "ok and outsourcing? can that one be done abroad?": "that one" is the option it opens with.
    opened = _OPENS_WITH.match(text)
    named_first = bool(opened and lexicon.question_concepts(opened.group(1)) & options)
    if not concepts & options or (
        _POINTS_BACK.search(text) and not _SWITCH.search(text) and not named_first
    ):
        # "is that just the in-house thing?" asks about what the turn before named.
        wanted |= previous & options
    # Words that only point back at the previous aspect ("and outsourcing? same range?") name
    # nothing new: the follow-up asks the previous turn's aspects of another option. Nor do
    # words the knowledge base never uses ("thank you. and for offshoring, if I may ask?",
    # "same mechanism?"): no aspect it could answer.
    if not concepts - options - _POINTING_BACK - frozenset(lexicon.unknown(text)):
        wanted |= previous - options
    wanted -= concepts
    if not wanted:
        return frozenset(), ""
    held = [
        w
        for turn in turns
        for w in words(turn)
        if w not in STOPWORDS and lexicon.question_concepts(w) & wanted
    ]
    return wanted, " ".join(dict.fromkeys(held))


# Whom an option suits, asked in general: "so who should outsource then?", "which companies
# is it good for?"
_ASKS_WHO_SUITS = re.compile(
    r"^\W*((so|and|but|ok|okay|then)\W+)*(who|which (companies|businesses|firms|"
    r"organi[sz]ations)|what (kind|sort|type)s? of (companies|businesses|firms?|company|business|"
    r"organi[sz]ations?))\b"
)


def continues_scenario(question: Question, lexicon: Lexicon) -> bool:
    """Whether a short thread reply that states no facts of its own asks about the scenario
    the thread described rather than about the knowledge base: it names no aspect, only
    options or nothing ("why?", "what about an offshore team?", "and in-house?", "so what
    should we do?").

    The caller checks that the thread did describe a scenario.
    """
    if not question.history or question.facts is not None:
        return False
    if len(words(question.text)) > MAX_FOLLOW_UP_WORDS:
        return False
    own = lexicon.question_concepts(question.text)
    if own - lexicon.options:
        return False  # "what about control?" asks the knowledge base about control
    if _ASKS_WHO_SUITS.search(question.text.lower()):
        return False  # "so who *should* outsource then?" asks whom it suits in general
    return bool(own) or question.intent.kind == "reason" or asks_decision(question.text)


def asks_to_pick(text: str, lexicon: Lexicon) -> bool:
    """Whether a message asks the advisor to pick without naming anything of the topic
    ("which one is best? just tell me"): the advisor's own topic, answered by what the
    knowledge base says about choosing (``PICK_QUESTION``). The callers check that it is no
    thread reply and states no scenario fact. A choice between things the knowledge base never
    speaks of ("gym membership or a peloton, which is better value?") asks about those."""
    if not wants_decision(text) or lexicon.on_topic_terms(text):
        return False
    return not (lexicon.unknown(text) and any(EITHER_OR.search(s) for s in asking_sentences(text)))


def offers_choice(text: str, lexicon: Lexicon) -> bool:
    """Whether a sentence that asks offers a choice between two of the options, one on each
    side of "or" ("outsource or offshore for a 6 month MVP?", "outsourcing or own team
    abroad?"); "... cheaper than our in-house team or is that a myth?" offers none."""
    options = lexicon.options
    for sentence in asking_sentences(text):
        for found in EITHER_OR.finditer(sentence):
            before = lexicon.question_concepts(sentence[: found.start()]) & options
            after = " ".join(sentence[found.end() :].split()[:_CHOICE_WORDS])
            if before and lexicon.question_concepts(after) & options - before:
                return True
    return False


# A thread reply that puts another case to the question before it ("and if we pay an agency in
# our own country?", "what about a captive centre in Bangalore?").
_ANOTHER_CASE = re.compile(r"^(and|but|or|so)?\s*(what|how)? ?(if|about)\b", re.IGNORECASE)
# "and our in-house team at HQ sits where?", "where does our agency go?": asking where another
# set-up goes, in a thread on the grid.
_WHERE_IT_GOES = re.compile(
    r"\b(sits?|goes|go|fits?|lands?|falls?|belongs?) where\b|"
    r"\bwhere (does|do|would|will|did|is|are) [\w' -]{1,40}? (sit|go|fit|land|fall|belong)\b|"
    # "and our own employees but sitting in another country = ?"
    r"=\s*\?+\s*$",
    re.IGNORECASE,
)


def asks_grid_place(question: Question) -> bool:
    """Whether a message asks where a set-up sits in the strategy grid: it says so itself
    ("which quadrant is an agency in our own country?"), or it puts another case to a thread
    question that did ("what do you call it when a company hires its own employees abroad?"
    then "and if we pay an agency in our own country?")."""
    if asks_category(question.text):
        return True
    return bool(
        question.history
        and (_ANOTHER_CASE.match(question.text) or _WHERE_IT_GOES.search(question.text))
        and asks_category(question.history[-1])
    )
