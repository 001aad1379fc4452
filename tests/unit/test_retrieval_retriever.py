"""The hybrid retriever: modes, weighted and RRF fusion, diagnostics, build_retriever, LangChain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from langchain_core.documents import Document

from bot.errors import RetrievalError
from bot.knowledge.chunking import chunk_documents
from bot.knowledge.documents import load_documents
from bot.models import Chunk, Passage
from bot.retrieval import (
    BM25Index,
    HybridRetriever,
    SyncReport,
    as_langchain_retriever,
    build_retriever,
    reciprocal_rank_fusion,
    weighted_fusion,
)
from tests.retrieval_fixtures import GUIDE_CHUNKS, make_chunk

REPO = Path(__file__).resolve().parents[2]
DOC = "outsourcing-vs-offshoring"


SMALL = (
    *GUIDE_CHUNKS,
    make_chunk(
        "guide:vendor:0",
        "A vendor contract needs a trusted partner and change requests cost extra.",
    ),
)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> HybridRetriever:
    """A retriever over four hand-written chunks in an embedded Chroma."""
    retriever, _ = build_retriever(
        chunks=SMALL,
        persist_dir=tmp_path_factory.mktemp("small"),
        url=None,
        collection="small-test",
    )
    return retriever


@pytest.fixture(scope="module")
def knowledge_chunks() -> tuple[Chunk, ...]:
    """The real knowledge base, chunked."""
    return chunk_documents(load_documents(REPO / "knowledge"))


@pytest.fixture(scope="module")
def kb(
    tmp_path_factory: pytest.TempPathFactory, knowledge_chunks: tuple[Chunk, ...]
) -> HybridRetriever:
    """A retriever over the real knowledge base."""
    retriever, _ = build_retriever(
        chunks=knowledge_chunks,
        persist_dir=tmp_path_factory.mktemp("kb"),
        url=None,
        collection="kb-test",
    )
    return retriever


def test_dense_scores_are_the_stores_unit_and_section_scores(small: HybridRetriever) -> None:
    """Dense mode ranks and scores passages exactly as the store's dense hits."""
    passages = small.search("How expensive is offshore outsourcing?", 4, mode="dense")
    hits = small.store.query("How expensive is offshore outsourcing?", 4)
    assert [(p.id, p.score) for p in passages] == [(h.chunk_id, h.score) for h in hits]
    assert passages[0].id == "guide:cost:0"


def test_bm25_mode_scores_are_bm25_scores(small: HybridRetriever) -> None:
    """BM25 mode returns only chunks sharing an index term, scored by BM25."""
    _, diagnostics = small.search_with_diagnostics("trusted partner", 5)
    passages = small.search("trusted partner", 5, mode="bm25")
    assert [(p.id, p.score) for p in passages] == list(diagnostics.lexical)
    assert [p.id for p in passages] == ["guide:vendor:0"]


def test_hybrid_scores_are_the_weighted_fusion_of_both_sides(small: HybridRetriever) -> None:
    """Hybrid = 0.6 x min-max dense + 0.4 x min-max BM25 over both sides' candidates."""
    query = "offshore team quality"
    _, diagnostics = small.search_with_diagnostics(query, 4)
    expected = weighted_fusion(
        [
            {hit.chunk_id: hit.score for hit in small.store.query(query)},
            BM25Index(SMALL).scores(query),
        ],
        weights=[0.6, 0.4],
        candidates=[cid for cid, _ in diagnostics.dense + diagnostics.lexical],
    )
    passages = small.search(query, 2)
    assert small.fusion == "weighted"
    assert [(p.id, p.score) for p in passages] == expected[:2]
    assert 0.0 <= passages[1].score <= passages[0].score <= 1.0


def test_query_expansion_reaches_bm25_only(small: HybridRetriever) -> None:
    """Expansion terms join the BM25 query (and its diagnostics) but not the embedded query:
    the dense side's scores are those of the text as written."""
    _, plain_diagnostics = small.search_with_diagnostics("offshore team", 4)
    _, expanded = small.search_with_diagnostics("offshore team", 4, expansion="trusted partner")
    assert expanded.dense == plain_diagnostics.dense
    assert expanded.best_dense_similarity == plain_diagnostics.best_dense_similarity
    assert "partner" in expanded.query_terms
    assert "partner" not in plain_diagnostics.query_terms
    assert dict(expanded.lexical).get("guide:vendor:0", 0.0) > dict(plain_diagnostics.lexical).get(
        "guide:vendor:0", 0.0
    )


def test_rrf_fusion_scores_are_the_rrf_of_both_candidate_lists(small: HybridRetriever) -> None:
    """fusion="rrf" fuses the same dense and BM25 candidates by reciprocal rank (k=60 or given)."""
    query = "offshore team quality"
    _, diagnostics = small.search_with_diagnostics(query, 4)
    rankings = [[cid for cid, _ in diagnostics.dense], [cid for cid, _ in diagnostics.lexical]]
    for k in (60, 5):
        rrf = HybridRetriever(
            store=small.store, chunks=SMALL, bm25=BM25Index(SMALL), fusion="rrf", rrf_k=k
        )
        passages = rrf.search(query, 3)
        assert [(p.id, p.score) for p in passages] == reciprocal_rank_fusion(rankings, k=k)[:3]


def test_an_unknown_fusion_is_rejected_before_chroma_is_touched(small: HybridRetriever) -> None:
    """Only weighted and rrf fusions exist; build_retriever checks before opening a store."""
    with pytest.raises(RetrievalError, match="unknown fusion 'borda'; use one of weighted, rrf"):
        HybridRetriever(
            store=small.store,
            chunks=SMALL,
            bm25=BM25Index(SMALL),
            fusion="borda",  # type: ignore[arg-type]
        )
    with pytest.raises(RetrievalError, match="RRF k must be >= 0, got -1"):
        build_retriever(chunks=SMALL, persist_dir=None, url=None, collection="x", rrf_k=-1)


def test_passages_carry_the_chunk_fields(small: HybridRetriever) -> None:
    """A passage has the chunk's id, document, section and original text, and one similarity
    per sentence (this chunk has one)."""
    passage = small.search("talent pool in other countries", 1)[0]
    assert len(passage.unit_similarities) == 1
    assert 0.5 < passage.unit_similarities[0] <= 1.0
    assert passage.model_dump(exclude={"score", "unit_similarities", "labelled_similarities"}) == {
        "id": "guide:talent:0",
        "source": "guide",
        "source_title": "Sourcing Guide",
        "section": "Sourcing Guide > talent",
        "section_id": "talent",
        "text": "Offshoring opens a larger talent pool in other countries.",
    }


def test_blank_query_and_zero_k_return_nothing(small: HybridRetriever) -> None:
    """A blank query (or k=0) finds nothing and reports zero signals."""
    passages, diagnostics = small.search_with_diagnostics("   ", 5)
    assert passages == []
    assert diagnostics.best_dense_similarity == 0.0
    assert diagnostics.bm25_max_score == 0.0
    assert diagnostics.query_terms == ()
    assert small.search("cost", 0) == []


def test_an_unknown_mode_is_rejected(small: HybridRetriever) -> None:
    """Only hybrid, dense and bm25 are accepted."""
    with pytest.raises(RetrievalError, match="unknown search mode 'sparse'"):
        small.search("cost", 5, mode="sparse")  # type: ignore[arg-type]


def test_diagnostics_tell_an_off_topic_question_from_an_on_topic_one(
    small: HybridRetriever,
) -> None:
    """An off-topic query matches no indexed word and is far from every chunk."""
    _, on_topic = small.search_with_diagnostics("How much does offshore outsourcing cost?", 3)
    _, off_topic = small.search_with_diagnostics("What is the capital of France?", 3)
    assert on_topic.matched_terms == ("offshore", "outsourcing", "cost")
    assert on_topic.bm25_max_score == on_topic.lexical[0][1] > 0.0
    best_unit = max(
        hit.similarity for hit in small.store.query("How much does offshore outsourcing cost?")
    )
    assert on_topic.best_dense_similarity == best_unit > 0.6
    assert off_topic.query_terms == ("capital", "france")
    assert off_topic.matched_terms == ()
    assert off_topic.bm25_max_score == 0.0
    assert off_topic.best_dense_similarity < 0.2


@pytest.mark.parametrize(
    ("phrase", "chunk_id"),
    [
        (
            "businesses should limit outsourcing to short-term tech projects lasting less than "
            "one year",
            f"{DOC}:why-outsourcing:3",
        ),
        ("HR is a problem; Cost is a problem", f"{DOC}:model-comparison:6"),
        ("V-key, a global leader in software-based digital security", f"{DOC}:conclusion:1"),
        (
            "The onshore insourcing strategy, commonly known as the ‘in-house’ approach, "
            "is how most companies begin.",
            f"{DOC}:why-in-house:0",
        ),
        (
            "building a dedicated offshore tech team requires a considerable upfront investment",
            f"{DOC}:why-offshoring:2",
        ),
    ],
)
def test_hybrid_finds_an_exact_phrase_of_the_knowledge_base_first(
    kb: HybridRetriever, phrase: str, chunk_id: str
) -> None:
    """Quoting a passage of the real knowledge base returns that passage at rank 1."""
    passage = kb.search(phrase, 5)[0]
    assert passage.id == chunk_id
    assert phrase in passage.text


def test_every_chunk_is_found_first_by_its_own_first_sentence(
    kb: HybridRetriever, knowledge_chunks: tuple[Chunk, ...]
) -> None:
    """Quoting the first sentence of any knowledge chunk ranks that chunk first in hybrid mode."""
    misses = []
    for chunk in knowledge_chunks:
        sentence = re.split(r"(?<=[.!?])\s", chunk.text, maxsplit=1)[0]
        top = kb.search(sentence, 1)[0].id
        if top != chunk.id:
            misses.append((chunk.id, top))
    assert misses == []


def test_the_real_knowledge_is_stored_as_sentences_cells_and_sections(
    kb: HybridRetriever, knowledge_chunks: tuple[Chunk, ...]
) -> None:
    """Entries = one per paragraph sentence + one per table cell + one per section."""
    sentences = sum(
        len(re.split(r"(?<=[.!?])\s+(?=[A-Z0-9‘“\"(])", " ".join(c.text.split())))
        for c in knowledge_chunks
        if c.kind != "table_row"
    )
    cells = sum(c.text.count(" | ") + 1 for c in knowledge_chunks if c.kind == "table_row")
    sections = len({(c.document_id, c.section_id) for c in knowledge_chunks})
    assert kb.store.count() == sentences + cells + sections
    stored = kb.store.stored()
    assert sum(1 for meta, _ in stored.values() if meta.get("kind") == "section") == sections
    assert stored[f"{DOC}:model-comparison:1#u2"][1] == (
        "Cost (headcount basis) — Offshore Team (offshore insourcing): "
        "20% ~ 60% – Lower wage country"
    )


def test_a_sentence_from_the_middle_of_a_long_paragraph_finds_it_first_in_dense_mode(
    kb: HybridRetriever,
) -> None:
    """The third of four sentences matches its own unit (similarity ~1); its chunk ranks first."""
    sentence = (
        "These solutions can result in potentially disastrous long-term consequences where "
        "your IT project becomes barely functional with poor scalability."
    )
    passage = kb.search(sentence, 1, mode="dense")[0]
    assert passage.id == f"{DOC}:why-outsourcing:2"
    hit = kb.store.query(sentence, 1)[0]
    assert hit.unit_id == f"{DOC}:why-outsourcing:2#u2"
    assert hit.similarity == pytest.approx(1.0, abs=1e-5)


def test_every_unit_quoted_alone_ranks_its_chunk_first_in_dense_mode(
    kb: HybridRetriever, knowledge_chunks: tuple[Chunk, ...]
) -> None:
    """Quoting any stored sentence or cell finds its chunk first, but for one known case.

    "Here is our breakdown of the differences between outsourcing and offshoring software
    development:" sits under "Model Comparison" but reads like the title "Definition Of
    Outsourcing And Offshoring Software Development", whose section bonus lifts a sentence of
    that section above the exact match.
    """
    units = [
        (meta["chunk_id"], text) for meta, text in kb.store.stored().values() if "chunk_id" in meta
    ]
    assert len({cid for cid, _ in units}) == len(knowledge_chunks)
    misses = [
        (cid, top) for cid, text in units if (top := kb.search(text, 1, mode="dense")[0].id) != cid
    ]
    assert misses == [(f"{DOC}:model-comparison:0", f"{DOC}:definitions:0")]


def test_build_retriever_syncs_once_and_rebuild_re_embeds(tmp_path: Path) -> None:
    """The first build adds every chunk, the next finds all unchanged, rebuild adds them again."""
    n = len(SMALL)
    kwargs = {"chunks": SMALL, "persist_dir": tmp_path, "url": None, "collection": "build-test"}
    first, report = build_retriever(**kwargs)  # type: ignore[arg-type]
    assert report == SyncReport(added=n, updated=0, removed=0, unchanged=0)
    assert first.chunk_count == n
    _, again = build_retriever(**kwargs)  # type: ignore[arg-type]
    assert again == SyncReport(added=0, updated=0, removed=0, unchanged=n)
    _, rebuilt = build_retriever(**kwargs, rebuild=True)  # type: ignore[arg-type]
    assert rebuilt == SyncReport(added=n, updated=0, removed=0, unchanged=0)


def test_langchain_adapter_returns_documents_with_passage_metadata(small: HybridRetriever) -> None:
    """invoke() gives one Document per passage: text as content, the rest as metadata."""
    passages: list[Passage] = small.search("vendor change requests", 2)
    documents = as_langchain_retriever(small, k=2).invoke("vendor change requests")
    assert documents == [
        Document(
            id=p.id,
            page_content=p.text,
            metadata={
                "id": p.id,
                "source": p.source,
                "source_title": p.source_title,
                "section": p.section,
                "section_id": p.section_id,
                "score": p.score,
            },
        )
        for p in passages
    ]
    assert len(documents) == 2
