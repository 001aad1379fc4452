"""A short thread reply continues the previous question: what it leaves out is carried over."""

from __future__ import annotations

import pytest

from bot.advisor.lexicon import Lexicon
from bot.advisor.question import continues_scenario, offers_choice, read_question
from bot.models import Vocabulary
from tests.retrieval_fixtures import make_chunk

VOCABULARY = Vocabulary(
    synonyms=(("offshore", "abroad"), ("cost", "price")),  # concepts ~0 and ~1
    options=("outsourcing", "offshore", "team"),
    generic=("though",),
)
LEXICON = Lexicon.build(
    VOCABULARY,
    (make_chunk("g:c:0", "Outsourcing costs less. An offshore team keeps control. Teams scale."),),
)
PREVIOUS = "how much does outsourcing cost?"


@pytest.mark.parametrize(
    ("reply", "carried", "searched"),
    [
        # Names only an option: the previous question's aspect (cost) is carried.
        ("and an offshore team?", {"~1"}, "and an offshore team? cost"),
        # Names only an aspect: the previous question's option is carried.
        ("what about control?", {"outsourc"}, "what about control? outsourcing"),
        # Names neither: both are carried.
        ("why though?", {"outsourc", "~1"}, "why though? outsourcing cost"),
    ],
)
def test_a_short_reply_takes_what_it_leaves_out(
    reply: str, carried: set[str], searched: str
) -> None:
    """The previous turn's options or aspects (or both) join the concepts and the search."""
    own = LEXICON.question_concepts(reply)
    question = read_question(reply, LEXICON, [PREVIOUS])
    assert question.concepts - own == carried
    assert question.search_text == searched


@pytest.mark.parametrize(
    ("reply", "history"),
    [
        ("what does an offshore team cost?", [PREVIOUS]),  # names an option and an aspect
        ("and an offshore team?", []),  # no thread
        (
            "and an offshore team, considering everything we said about it so far in this "
            "whole long thread?",
            [PREVIOUS],
        ),  # longer than a short reply
    ],
)
def test_other_messages_carry_nothing(reply: str, history: list[str]) -> None:
    """A self-contained question, a first message or a long reply is searched as written."""
    question = read_question(reply, LEXICON, history)
    assert question.concepts == LEXICON.question_concepts(question.text)
    assert question.search_text == question.text


def test_a_reply_without_a_kind_of_its_own_takes_the_previous_kind() -> None:
    """'and an offshore team?' after a figures question is a figures question."""
    assert read_question("and an offshore team?", LEXICON, [PREVIOUS]).intent.kind == "figures"
    assert read_question("and an offshore team?", LEXICON, []).intent.kind == "other"


@pytest.mark.parametrize(
    ("reply", "carried"),
    [
        # Points back ("is that"): the previous question's option (and, as the reply names no
        # aspect, its aspect) is carried though the reply names an option of its own.
        ("is that just an offshore team thing?", {"outsourc", "~1"}),
        # Switches to another option: the previous option is not carried; its aspect (cost)
        # is, as "cheaper" is a word this knowledge base never uses ("costs less").
        ("is that cheaper than an offshore team instead?", {"~1"}),
    ],
)
def test_a_reply_pointing_back_keeps_the_previous_option(reply: str, carried: set[str]) -> None:
    """A short reply that points back at what the previous turn named ('is that ...?') is
    about the same option, unless it switches to another ('instead', 'what about')."""
    question = read_question(reply, LEXICON, [PREVIOUS])
    assert question.concepts - LEXICON.question_concepts(reply) == carried


SCENARIO = "We're a non-IT company with a 9 month project. What should we do?"


@pytest.mark.parametrize(
    ("reply", "history", "continues"),
    [
        ("why?", [SCENARIO], True),
        ("and an offshore team?", [SCENARIO], True),
        ("so what should we do?", [SCENARIO], True),
        # Names an aspect: a question for the knowledge base.
        ("what about cost?", [SCENARIO], False),
        # States facts of its own: a scenario of its own.
        ("what if it were 3 years?", [SCENARIO], False),
        # Not a reply.
        ("why?", [], False),
        # Longer than a short reply.
        (
            "why would anyone in their right mind pick that one for a project like ours, honestly?",
            [SCENARIO],
            False,
        ),
    ],
)
def test_a_short_reply_naming_no_aspect_continues_the_scenario(
    reply: str, history: list[str], continues: bool
) -> None:
    """'why?' or an option alone after a scenario asks about that scenario; an aspect, new facts
    or a long message do not."""
    assert continues_scenario(read_question(reply, LEXICON, history), LEXICON) is continues


def test_a_reply_to_a_reply_keeps_the_topic_of_the_turn_it_continued() -> None:
    """'why?' after 'and an offshore team?' after a cost question asks why about cost: the
    option-only turn continued the cost question, so cost is carried too."""
    question = read_question("why?", LEXICON, [PREVIOUS, "and an offshore team?"])
    assert question.concepts - LEXICON.question_concepts("why?") == {"~0", "~1", "team"}
    assert question.search_text == "why? cost offshore team"


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("6 month project, outsourcing or offshore?", True),
        ("outsourcing or an offshore team for this?", True),
        # One option, then "or" and no second one.
        ("is outsourcing cheaper or is that a myth?", False),
        ("outsourcing or not?", False),
        # The choice is in a remark, not in the sentence that asks.
        ("we weighed outsourcing or offshore last year. what does it cost?", False),
    ],
)
def test_a_choice_names_an_option_on_each_side_of_or(text: str, choice: bool) -> None:
    """A sentence that asks offers a choice only with an option before "or" and another
    within a few words after it."""
    assert offers_choice(text, LEXICON) is choice


def test_a_number_with_a_unit_is_not_a_concept() -> None:
    """'4 month' and '12 devs' count something of the asker's; '4 options' names a number the
    text may use ('grouped into 4 different groups')."""
    concepts = LEXICON.question_concepts("a 4 month build, team of 12 devs, 4 options?")
    assert "4" in concepts
    assert "12" not in concepts
