"""The retriever against a real Chroma server over HTTP (`chroma run` on a local free port)."""

from __future__ import annotations

import chromadb
import pytest
from chromadb.api import ClientAPI
from chromadb.config import Settings

from bot.retrieval import MiniLMEmbeddingFunction, SyncReport, build_retriever
from bot.retrieval.store import SECTION_WEIGHT
from tests.retrieval_fixtures import GUIDE_CHUNKS, GUIDE_ENTRY_IDS

pytestmark = pytest.mark.chroma_server


def _client(url: str) -> ClientAPI:
    host, port = url.removeprefix("http://").split(":")
    return chromadb.HttpClient(
        host=host, port=int(port), settings=Settings(anonymized_telemetry=False)
    )


def test_index_and_search_through_a_chroma_server(chroma_server_url: str) -> None:
    """build_retriever(url=...) indexes over HTTP, searches, and a second run changes nothing."""
    retriever, report = build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=chroma_server_url, collection="server-test"
    )
    assert report == SyncReport(added=3, updated=0, removed=0, unchanged=0)
    assert [p.id for p in retriever.search("full control over quality", 1)] == ["guide:control:0"]
    dense = retriever.search("How expensive is offshore outsourcing?", 3, mode="dense")
    assert dense[0].id == "guide:cost:0"
    assert 0.0 < dense[0].score <= 1.0 + SECTION_WEIGHT

    _, same = build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=chroma_server_url, collection="server-test"
    )
    assert same == SyncReport(added=0, updated=0, removed=0, unchanged=3)
    _, again = build_retriever(
        chunks=GUIDE_CHUNKS[:2], persist_dir=None, url=chroma_server_url, collection="server-test"
    )
    assert again == SyncReport(added=0, updated=0, removed=1, unchanged=2)
    hits = retriever.store.query("offshore talent", 10)
    assert sorted(hit.chunk_id for hit in hits) == ["guide:control:0", "guide:cost:0"]


def test_the_server_holds_units_sections_and_the_model_config(chroma_server_url: str) -> None:
    """A plain HttpClient sees one unit per sentence, one entry per section, cosine, our model."""
    build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=chroma_server_url, collection="seen-test"
    )
    collection = _client(chroma_server_url).get_collection(
        "seen-test",
        embedding_function=MiniLMEmbeddingFunction(),  # type: ignore[arg-type]
    )
    assert collection.count() == 6
    assert collection.configuration["hnsw"]["space"] == "cosine"  # type: ignore[index]
    assert sorted(collection.get()["ids"]) == GUIDE_ENTRY_IDS
    sections = collection.get(where={"kind": "section"}, include=["documents"])
    assert sorted(sections["documents"] or []) == ["control", "cost", "talent"]
    embedding = collection.configuration["embedding_function"]
    assert embedding is not None
    assert embedding.name() == "sourcing_advisor_minilm_l6_v2_int8"


def test_an_old_one_vector_per_chunk_collection_is_migrated(chroma_server_url: str) -> None:
    """Entries keyed by chunk id (the previous layout) are replaced by units and sections."""
    old = _client(chroma_server_url).create_collection(
        "old-layout-test",
        configuration={"hnsw": {"space": "cosine"}},
        embedding_function=MiniLMEmbeddingFunction(),  # type: ignore[arg-type]
    )
    old.add(
        ids=[c.id for c in GUIDE_CHUNKS],
        documents=[c.text for c in GUIDE_CHUNKS],
        metadatas=[{"kind": c.kind, "content_hash": c.content_hash} for c in GUIDE_CHUNKS],
    )
    retriever, report = build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=chroma_server_url, collection="old-layout-test"
    )
    assert report == SyncReport(added=0, updated=3, removed=0, unchanged=0)
    assert sorted(retriever.store.stored()) == GUIDE_ENTRY_IDS
