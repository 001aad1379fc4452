"""Misspelt words of a question are read as the knowledge base's words: a decision table."""

from __future__ import annotations

import pytest

from bot.advisor.spelling import Speller, words_of

SPELLER = Speller(
    words_of(
        [
            "Outsourcing brings hidden costs. Insourcing keeps development in the company.",
            "An offshore team needs upfront investment; outsourced projects should be short.",
            "standup nearshoring",  # words of the vocabulary are words too
        ]
    )
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hiden costs with outsorcing?", "hidden costs with outsourcing?"),  # one edit each
        ("wat does insorucing mean", "wat does insourcing mean"),  # swapped letters: one edit
        ("develpment compnay", "development company"),  # company: common English, kept
        ("offshroing", "offshoring"),  # not a word of the text: no correction to it
        ("Upfrnot investmetn", "upfront investment"),  # long words: two edits allowed
    ],
)
def test_misspelt_words_are_corrected(text: str, expected: str) -> None:
    """A rare word within one edit (two from 8 letters) of one text word is that word."""
    speller = Speller(SPELLER.vocabulary | {"offshoring"})
    assert speller.correct(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we hired in Munich",  # a common English word (Zipf >= 3) is meant as written
        "abt teh deck",  # shorter than five letters
        "nearshoring to Poland",  # a word the vocabulary uses is never changed
        "outsourcer",  # one edit from 'outsourced', but another form of it (same stem) ...
        "async standups",  # ... also of a vocabulary word
        "kubernetes onboarding",  # nothing of the text is close enough
        "",
    ],
)
def test_words_meant_as_written_are_kept(text: str) -> None:
    """Common, short, known or far-from-anything words come back unchanged."""
    assert SPELLER.correct(text) == text


def test_a_word_equally_close_to_two_words_is_kept() -> None:
    """'costa' is one edit from both 'costs' and 'coste': no guess between them."""
    speller = Speller(frozenset({"costs", "coste"}))
    assert speller.correct("costa") == "costa"
    assert speller.correct("costz and coste") == "costz and coste"


def test_letters_left_out_decide_between_equally_close_words() -> None:
    """'ofshore' is one edit from both 'offshore' and 'onshore', but only 'offshore' is it with
    a letter left out, the commonest slip of fast typing (set H2, dev)."""
    speller = Speller(frozenset({"offshore", "onshore"}))
    assert speller.correct("ofshore team") == "offshore team"


def test_letters_left_out_may_go_one_edit_further() -> None:
    """'outsoce' is two letters short of 'outsource' (one edit is allowed under 8 letters);
    'outsrc' would be three."""
    speller = Speller(frozenset({"outsource"}))
    assert speller.correct("if we outsoce") == "if we outsource"
    assert speller.correct("outsrc") == "outsrc"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # speech to text splits the options' names (set A3: dictated messages)
        ("what does in sourcing actually mean", "what does insourcing actually mean"),
        ("is their like an off shoring example", "is their like an offshoring example"),
        ("Out Sourced to an ON SHORE vendor", "outsourced to an onshore vendor"),
        ("off   shore team", "offshore team"),
        # two words that only start like an option are kept: "on short" is no "onshort"
        ("outsourcing on short-term projects", "outsourcing on short-term projects"),
        # hyphens, one piece of one letter, and words already whole are left alone
        ("an off-shore team", "an off-shore team"),
        ("o ffshore", "o ffshore"),
        ("we offshore things", "we offshore things"),
    ],
)
def test_an_option_split_in_two_is_read_as_one_word(text: str, expected: str) -> None:
    """Two words that together are a form of a compound's stem ("offshor": offshore,
    offshoring) are that word; anything else split the same way stays as typed."""
    speller = Speller(
        frozenset(), compounds=frozenset({"offshor", "onshor", "insourc", "outsourc"})
    )
    assert speller.correct(text) == expected


def test_no_compounds_join_nothing() -> None:
    """A speller without compounds never joins words."""
    assert Speller(frozenset()).correct("off shoring") == "off shoring"
