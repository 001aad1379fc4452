"""The knowledge base's definitions of its terms, found in its sentences and table rows."""

from __future__ import annotations

from bot.advisor.glossary import Glossary
from bot.advisor.lexicon import Lexicon
from bot.models import Vocabulary
from tests.retrieval_fixtures import make_chunk

TEXT = (
    "Insourcing involves doing the work inside, whereas outsourcing is the process of hiring "
    "outside. Onshore refers to the home country. It involves nothing here."
)
VOCABULARY = Vocabulary(synonyms=(("insourcing", "in-house"),))
CHUNK = make_chunk("g:c:0", TEXT)
LEXICON = Lexicon.build(VOCABULARY, (CHUNK,))
GLOSSARY = Glossary.build((CHUNK,), {}, LEXICON)


def _defined(question: str) -> list[str]:
    return [d.quote[:20] for d in GLOSSARY.defining(LEXICON.question_concepts(question))]


def test_a_clause_that_defines_its_subject_is_a_definition() -> None:
    """ "X involves", "X refers to", "... whereas Y is the process of" define X and Y, read as
    the question reads them (a synonym counts: "in-house" asks about insourcing)."""
    assert _defined("what does insourcing mean?") == ["Insourcing involves "]
    assert _defined("what is in-house, exactly?") == ["Insourcing involves "]
    assert _defined("what is outsourcing?") == ["Insourcing involves "]
    assert _defined("onshore = ?") == ["Onshore refers to th"]


def test_several_terms_are_defined_by_the_one_passage_defining_them_all() -> None:
    """Asked for the difference (``several``), two terms one sentence defines get both its
    definitions; two that no one sentence defines get none."""
    concepts = LEXICON.question_concepts("difference between insourcing and outsourcing?")
    assert [d.quote[:11] for d in GLOSSARY.defining(concepts, several=True)] == [
        "Insourcing ",
        "Insourcing ",
    ]
    assert GLOSSARY.defining(concepts) == []
    apart = LEXICON.question_concepts("difference between onshore and outsourcing?")
    assert GLOSSARY.defining(apart, several=True) == []


def test_no_definition_for_several_terms_or_none() -> None:
    """A question naming two defined terms ("onshore insourcing") or none gets none; a pronoun
    ("It involves ...") defines nothing."""
    assert _defined("what is onshore insourcing?") == []
    assert _defined("what is it?") == []
    assert _defined("what is nothing?") == []


def _compound(text: str) -> list[str]:
    return [d.quote[:20] for d in GLOSSARY.compound(text, LEXICON)]


def test_a_term_of_two_defined_terms_gets_each_definition_in_order() -> None:
    """ "Onshore insourcing" (a strategy of the grid) is defined by its parts, in the order
    named; two terms apart ("onshore or in-house"), one term, or two such pairs get none."""
    assert _compound("what is onshore insourcing?") == [
        "Onshore refers to th",
        "Insourcing involves ",
    ]
    assert _compound("the 'in-house onshore' thing??") == [
        "Insourcing involves ",
        "Onshore refers to th",
    ]
    assert _compound("is it onshore or in-house?") == []
    assert _compound("what is outsourcing?") == []
    assert _compound("onshore insourcing vs onshore outsourcing?") == []
