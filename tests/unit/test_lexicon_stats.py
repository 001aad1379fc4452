"""The lexicon: its knowledge statistics (computed once, saved as JSON, restored unchanged)
and where a text names its synonym groups."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from bot.advisor.lexicon import Lexicon, LexiconStats
from bot.models import Vocabulary
from bot.text import terms
from tests.retrieval_fixtures import make_chunk

VOCABULARY = Vocabulary(synonyms=(("outsourcing service provider", "vendor"),))
CHUNKS = (
    make_chunk("guide:cost:0", "Vendors cost less. An outsourcing service provider bills hourly."),
    make_chunk("guide:team:0", "Teams cost more."),
)


def test_stats_hold_the_known_terms_and_idf_of_sentences_and_concepts() -> None:
    """Three sentences (n = 3): idf is log((n + 1) / (df + 0.5)) per term and per synonym
    concept (~0: "vendor" and "outsourcing service provider"); title and section are known."""
    stats = Lexicon.build(VOCABULARY, CHUNKS).stats
    assert stats.known == (
        "bill",
        "cost",
        "guid",
        "hour",
        "less",
        "outsourc",
        "provid",
        "servic",
        "sourc",
        "team",
        "vendor",
    )
    assert stats.idf["cost"] == math.log(4 / 2.5)
    assert stats.idf["~0"] == math.log(4 / 2.5)
    assert stats.idf["team"] == math.log(4 / 1.5)


def test_a_lexicon_built_from_saved_stats_is_the_same_lexicon() -> None:
    """Stats round-tripped through JSON give equal terms, weights and decisions, no text pass."""
    built = Lexicon.build(VOCABULARY, CHUNKS)
    saved = LexiconStats.model_validate_json(built.stats.model_dump_json())
    restored = Lexicon.build(VOCABULARY, CHUNKS, stats=saved)
    assert (restored.known, restored.idf, restored.max_idf, restored.grouped) == (
        built.known,
        built.idf,
        built.max_idf,
        built.grouped,
    )
    assert restored.speller.vocabulary == built.speller.vocabulary
    assert restored.correct("Vendrs cost lesss?") == "vendors cost less?"
    for text in ("Which vendor costs less?", "zebra teams"):
        assert restored.unknown(text) == built.unknown(text)
        assert restored.weight("team") == built.weight("team")
        assert restored.concepts(text) == built.concepts(text)


def test_stats_with_an_infinite_weight_are_refused() -> None:
    """A saved idf that is not a finite number fails validation (the cache is then rebuilt)."""
    with pytest.raises(ValidationError):
        LexiconStats.model_validate_json('{"known": ["team"], "idf": {"team": Infinity}}')


def test_concepts_by_term_name_each_synonym_where_it_starts() -> None:
    """A synonym of several words counts at its first term; with nested=False an entry inside
    a longer one found first does not count ("outside home country" is abroad only)."""
    vocabulary = Vocabulary(
        synonyms=(("offshore", "outside home country"), ("onshore", "home country")),
    )
    lexicon = Lexicon.build(vocabulary, (make_chunk("d:s:0", "Offshore and onshore teams."),))
    own = terms("teams outside home country")
    abroad, home = "~0", "~1"
    nested = lexicon.concepts_by_term(own)
    assert abroad in nested[1]
    assert home in nested[2]
    longest = lexicon.concepts_by_term(own, nested=False)
    assert abroad in longest[1]
    assert all(home not in c for c in longest)
    assert lexicon.concepts_of(own) == frozenset().union(*nested)
