"""The BM25 index: tokenisation, 5-letter prefix terms, ranking, empty queries, lexical overlap."""

from __future__ import annotations

from dataclasses import replace

import bm25s
import numpy as np
import pytest

from bot.errors import RetrievalError
from bot.models import Chunk, Passage
from bot.retrieval.bm25 import (
    BM25Index,
    BM25State,
    index_terms,
    indexed_text,
    lexical_overlap,
    tokenize,
)
from tests.retrieval_fixtures import make_chunk


def _chunk(cid: str, text: str) -> Chunk:
    return make_chunk(
        cid, text, document_id="doc", document_title="Doc", section_id="sec", section="Doc > Sec"
    )


CHUNKS = (
    _chunk("c1", "Offshore teams cut costs but add communication overhead."),
    _chunk("c2", "Outsourcing to a vendor speeds up delivery of short projects."),
    _chunk("c3", "An in-house team keeps full control over quality."),
)


def test_tokenize_lowercases_splits_on_non_words_and_drops_stopwords() -> None:
    """Punctuation, underscores and English stopwords (plus 'would', 'much') disappear."""
    assert tokenize("How MUCH would the In-House_team cost, vs. offshore?") == [
        "house",
        "team",
        "cost",
        "vs",
        "offshore",
    ]


def test_index_terms_are_the_domain_tokenisers_stems() -> None:
    """Stop words go first, then every word becomes its Snowball stem (bot.text.terms)."""
    assert index_terms("The outsourced teams were scaling Offshoring") == [
        "outsourc",
        "team",
        "scale",
        "offshor",
    ]


def test_the_index_holds_the_section_path_and_the_text() -> None:
    """What is indexed is "{section}: {text}", not index_text."""
    assert (
        indexed_text(CHUNKS[0])
        == "Doc > Sec: Offshore teams cut costs but add communication overhead."
    )


def test_search_ranks_by_bm25_and_reports_the_library_scores() -> None:
    """The ranking and scores are those of bm25s over the same stemmed terms, best first."""
    index = BM25Index(CHUNKS)
    reference = bm25s.BM25()
    reference.index([index_terms(indexed_text(c)) for c in CHUNKS], show_progress=False)
    terms = ["team", "qualiti", "offshor"]
    expected = reference.get_scores_from_ids([reference.vocab_dict[t] for t in terms])
    hits = index.search("Which team has quality, offshore?", 5)
    assert [cid for cid, _ in hits] == ["c3", "c1"]
    assert [score for _, score in hits] == [float(expected[2]), float(expected[0])]
    assert float(expected[1]) == 0.0


def test_scores_cover_every_chunk_zeros_included() -> None:
    """scores() gives all chunks (0.0 for no match) and nothing for a query with no known term."""
    index = BM25Index(CHUNKS)
    scores = index.scores("vendor delivery")
    assert list(scores) == ["c1", "c2", "c3"]
    assert scores["c1"] == scores["c3"] == 0.0
    assert scores["c2"] == index.search("vendor delivery", 1)[0][1] > 0.0
    assert index.scores("zebra") == {}


def test_stems_match_word_forms_and_plurals() -> None:
    """'outsourced' finds 'Outsourcing' and 'team' finds 'teams' (one stem each)."""
    index = BM25Index(CHUNKS)
    assert [cid for cid, _ in index.search("outsourced", 5)] == ["c2"]
    assert sorted(cid for cid, _ in index.search("team", 5)) == ["c1", "c3"]


def test_search_finds_the_chunk_with_the_rare_words() -> None:
    """A query naming a vendor and delivery finds the outsourcing chunk alone."""
    hits = BM25Index(CHUNKS).search("vendor delivery", 5)
    assert [cid for cid, _ in hits] == ["c2"]


def test_repeated_query_terms_count_once() -> None:
    """Saying a word three times, or in forms sharing a prefix, scores like saying it once."""
    index = BM25Index(CHUNKS)
    assert index.search("control control control", 5) == index.search("control", 5)
    assert index.search("outsourcing outsourced", 5) == index.search("outsource", 5)


def test_k_limits_the_results() -> None:
    """Only the k best hits come back."""
    hits = BM25Index(CHUNKS).search("offshore team control vendor", 2)
    assert len(hits) == 2


def test_stopword_only_unknown_and_blank_queries_return_nothing() -> None:
    """Queries without an indexed content word give [] instead of zero-score noise."""
    index = BM25Index(CHUNKS)
    assert index.search("what is the and of", 5) == []
    assert index.search("zebra giraffe", 5) == []
    assert index.search("   ", 5) == []
    assert index.search("team", 0) == []


def test_an_empty_index_returns_nothing() -> None:
    """With no chunks every search is empty."""
    index = BM25Index([])
    assert len(index) == 0
    assert index.search("team", 5) == []


def test_query_and_matched_terms() -> None:
    """Query terms are distinct content words in order; matched ones have an indexed prefix."""
    index = BM25Index(CHUNKS)
    assert index.query_terms("Team overheads and team zebra") == ["team", "overheads", "zebra"]
    assert index.matched_terms("Team overheads and team zebra") == ["team", "overheads"]


def test_equal_scores_are_ordered_by_id() -> None:
    """Two identical chunks tie and come back in id order."""
    index = BM25Index([_chunk("b", "same words here"), _chunk("a", "same words here")])
    hits = index.search("words", 5)
    assert [cid for cid, _ in hits] == ["a", "b"]
    assert hits[0][1] == hits[1][1]


def test_lexical_overlap_is_the_share_of_query_words_found() -> None:
    """Two of the three content words occur in the passage; stopword-only queries score 0."""
    passage = Passage(
        id="c1", source="doc", section="Sec", section_id="sec", text=CHUNKS[0].text, score=1.0
    )
    assert lexical_overlap("offshore costs for zebras", passage) == 2 / 3
    assert lexical_overlap("offshore costs", "no match here") == 0.0
    assert lexical_overlap("what is it", passage) == 0.0


def test_top_scores_are_the_top_positive_scores_with_the_extremes_of_all() -> None:
    """top_scores ranks like top_positive(scores) (ties by id), keeps min, max and included ids."""
    chunks = [
        _chunk(f"t{n:02d}", text)
        for n, text in enumerate(
            [
                "Vendors cut costs.",
                "Vendors cut costs.",  # same score as t00: id decides
                "Offshore vendors cut costs for offshore teams.",
                "Quality control stays in house.",
                "Budgets grow every year.",
            ]
        )
    ]
    index = BM25Index(chunks)
    query = "offshore vendors costs"
    top, spread = index.top_scores(query, 3)
    scores = index.scores(query)
    assert [cid for cid, _ in top] == ["t02", "t00", "t01"]
    assert (
        top == sorted(((c, s) for c, s in scores.items() if s > 0), key=lambda p: (-p[1], p[0]))[:3]
    )
    assert min(spread.values()) == min(scores.values()) == 0.0
    assert max(spread.values()) == max(scores.values()) == top[0][1]
    assert set(spread) >= {"t02", "t00", "t01"}
    _, with_other = index.top_scores(query, 1, include=["t01", "nope"])
    assert with_other["t01"] == scores["t01"] > 0
    assert "nope" not in with_other
    assert index.top_scores("zebra", 3) == ([], {})
    assert index.top_scores(query, 0) == ([], {})


def test_an_index_restored_from_its_state_scores_exactly_like_the_original() -> None:
    """BM25Index(chunks, state=index.state) gives the same scores, matches and vocabulary."""
    original = BM25Index(CHUNKS)
    state = original.state
    assert state is not None
    assert (state.num_docs, state.data.dtype, state.indices.dtype, state.indptr.dtype) == (
        3,
        np.float32,
        np.int32,
        np.int64,
    )
    restored = BM25Index(CHUNKS, state=state)
    for query in ("offshore team control vendor", "outsourced", "quality", "zebra"):
        assert restored.scores(query) == original.scores(query)
        assert restored.top_scores(query, 2, include=["c3"]) == original.top_scores(
            query, 2, include=["c3"]
        )
        assert restored.matched_terms(query) == original.matched_terms(query)
    assert BM25Index([]).state is None


def _state_of(chunks: tuple[Chunk, ...]) -> BM25State:
    state = BM25Index(chunks).state
    assert state is not None
    return state


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda s: replace(s, num_docs=4), "it indexes 4 chunks, not 3"),
        (lambda s: replace(s, data=s.data.astype(np.float64)), "its arrays have the wrong type"),
        (lambda s: replace(s, indptr=s.indptr[:-1]), "its term offsets do not match its scores"),
        (
            lambda s: replace(s, indices=np.full_like(s.indices, 7)),
            "it scores chunks that do not exist",
        ),
        (
            lambda s: replace(s, vocab={**s.vocab, "zebra": 999}),
            "its vocabulary does not match its columns",
        ),
        (
            lambda s: replace(s, data=np.full_like(s.data, np.nan)),
            "it holds scores that are not numbers",
        ),
    ],
)
def test_a_malformed_state_is_refused(change: object, problem: str) -> None:
    """A saved state that does not fit the chunks raises RetrievalError naming the problem."""
    state = change(_state_of(CHUNKS))  # type: ignore[operator]
    with pytest.raises(RetrievalError) as caught:
        BM25Index(CHUNKS, state=state)
    assert str(caught.value) == f"invalid saved BM25 index: {problem}"
