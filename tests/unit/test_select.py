"""Sentence selection: what a candidate sentence holds of the question."""

from __future__ import annotations

from bot.advisor.intent import read_intent
from bot.advisor.lexicon import Lexicon
from bot.advisor.select import candidates, score_candidates
from bot.models import Passage, TableRow, Vocabulary
from tests.retrieval_fixtures import make_chunk

TEXT = (
    "On the other hand, an offshore team costs less. "
    "Handing the work to a vendor means giving up control. "
    "In a nutshell, both models scale."
)
VOCABULARY = Vocabulary(synonyms=(("in a nutshell", "tl;dr", "summary"),))
LEXICON = Lexicon.build(VOCABULARY, (make_chunk("g:c:0", TEXT),))
PASSAGE = Passage(id="g:c:0", source="g", section="S", section_id="s", text=TEXT, score=1.0)


def _matches(question: str) -> dict[str, float]:
    ranked = score_candidates(
        candidates([PASSAGE], {}),
        concepts=LEXICON.question_concepts(question),
        intent=read_intent(question.lower()),
        lexicon=LEXICON,
    )
    return {s.candidate.text.split(",")[0]: s.match for s in ranked}


def test_an_opening_connective_holds_none_of_the_question() -> None:
    """ "On the other hand, ..." holds no hand: only the sentence about handing work matches."""
    matches = _matches("what do we lose if we hand the work over?")
    assert matches["On the other hand"] == 0.0
    assert matches["Handing the work to a vendor means giving up control."] > 0.0


def test_a_connective_naming_a_synonym_group_still_counts() -> None:
    """ "In a nutshell" sums up: a tl;dr question matches the sentence it opens."""
    assert _matches("tl;dr?")["In a nutshell"] > 0.0


FRAMED = (
    "The struggle often stems from a lack of understanding of both models. "
    "Below is a breakdown of the approaches. "
    "Outsourcing costs less."
)
FRAMED_LEXICON = Lexicon.build(
    Vocabulary(framing=("lack of understanding",), transitions=("below is a breakdown",)),
    (make_chunk("g:f:0", FRAMED),),
)


def _opening(question: str) -> str:
    passage = Passage(id="g:f:0", source="g", section="S", section_id="f", text=FRAMED, score=1.0)
    ranked = score_candidates(
        candidates([passage], {}),
        concepts=FRAMED_LEXICON.question_concepts(question),
        intent=read_intent(question.lower()),
        lexicon=FRAMED_LEXICON,
    )
    return ranked[0].candidate.text


def test_framing_opens_only_when_it_alone_holds_what_is_asked() -> None:
    """A framing sentence answers "why do people struggle?" (it alone holds "struggle"); a
    transition about the text never opens, even when it alone holds "approaches"."""
    assert _opening("why do people struggle with this?").startswith("The struggle")
    assert _opening("what are the approaches?") == "Outsourcing costs less."


UNLABELLED = TableRow(
    chunk_id="g:m:4",
    document_id="g",
    section_id="m",
    section="Model Comparison",
    text="row 4: Outsourcing: 25% – Different country",
    table="Model Comparison",
    number=4,
    label="",
    cells=(("Outsourcing", "25% – Different country"),),
)


def test_a_lost_labels_position_is_no_word_to_match() -> None:
    """A row the source left unlabelled is shown as "row 4", but "4" is no word of the source:
    "4 options?" matches nothing of it, "25%?" matches its cell."""
    text = "Outsourcing: 25% – Different country"
    lexicon = Lexicon.build(Vocabulary(), (make_chunk("g:m:4", f"row 4: {text}"),))
    passage = Passage(
        id="g:m:4",
        source="g",
        section="Model Comparison",
        section_id="m",
        text=f"row 4: {text}",
        score=1.0,
    )

    def match(question: str) -> float:
        (scored,) = score_candidates(
            candidates([passage], {UNLABELLED.chunk_id: UNLABELLED}),
            concepts=lexicon.question_concepts(question),
            intent=read_intent(question),
            lexicon=lexicon,
        )
        assert scored.candidate.text.startswith("Model Comparison, row 4 — ")
        return scored.match

    assert match("4 options?") == 0.0
    assert match("25?") > 0.0
