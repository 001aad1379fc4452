"""The BM25 index: tokenisation, ranking, empty queries and lexical overlap."""

from __future__ import annotations

import hashlib

import bm25s

from bot.models import Chunk, Passage
from bot.retrieval.bm25 import BM25Index, lexical_overlap, tokenize


def _chunk(cid: str, text: str) -> Chunk:
    return Chunk(
        id=cid,
        document_id="doc",
        document_title="Doc",
        section_id="sec",
        section="Doc > Sec",
        text=text,
        index_text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
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


def test_search_ranks_by_bm25_and_reports_the_library_scores() -> None:
    """The ranking and scores are those of bm25s over the same tokens, best first."""
    index = BM25Index(CHUNKS)
    reference = bm25s.BM25()
    reference.index([tokenize(c.index_text) for c in CHUNKS], show_progress=False)
    terms = ["team", "quality", "offshore"]
    expected = reference.get_scores_from_ids([reference.vocab_dict[t] for t in terms])
    hits = index.search("Which team has quality, offshore?", 5)
    assert [cid for cid, _ in hits] == ["c3", "c1"]
    assert [score for _, score in hits] == [float(expected[2]), float(expected[0])]
    assert float(expected[1]) == 0.0


def test_no_stemming_so_plurals_do_not_match_singulars() -> None:
    """'teams' (chunk c1) is a different term from 'team' (chunk c3): bm25s offers no stemmer."""
    assert [cid for cid, _ in BM25Index(CHUNKS).search("team", 5)] == ["c3"]


def test_search_finds_the_chunk_with_the_rare_words() -> None:
    """A query naming a vendor and delivery finds the outsourcing chunk alone."""
    hits = BM25Index(CHUNKS).search("vendor delivery", 5)
    assert [cid for cid, _ in hits] == ["c2"]


def test_repeated_query_words_count_once() -> None:
    """Saying a word three times scores like saying it once."""
    index = BM25Index(CHUNKS)
    assert index.search("control control control", 5) == index.search("control", 5)


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
    """Query terms are distinct content words in order; matched terms are the indexed ones."""
    index = BM25Index(CHUNKS)
    assert index.query_terms("Team costs and team zebra") == ["team", "costs", "zebra"]
    assert index.matched_terms("Team costs and team zebra") == ["team", "costs"]


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
