"""The retriever against a real Chroma server over HTTP (`chroma run` on a local free port)."""

from __future__ import annotations

import hashlib

import chromadb
import pytest
from chromadb.config import Settings

from bot.models import Chunk
from bot.retrieval import MiniLMEmbeddingFunction, SyncReport, build_retriever

pytestmark = pytest.mark.chroma_server


def _chunk(cid: str, text: str) -> Chunk:
    return Chunk(
        id=cid,
        document_id="guide",
        document_title="Sourcing Guide",
        section_id=cid.split(":")[1],
        section="Sourcing Guide > " + cid.split(":")[1],
        text=text,
        index_text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )


CHUNKS = (
    _chunk("guide:cost:0", "Offshore outsourcing costs 30% to 70% of an onshore team."),
    _chunk("guide:control:0", "An in-house team gives the company full control over quality."),
    _chunk("guide:talent:0", "Offshoring opens a larger talent pool in other countries."),
)


def test_index_and_search_through_a_chroma_server(chroma_server_url: str) -> None:
    """build_retriever(url=...) indexes over HTTP, searches, and a second run changes nothing."""
    retriever, report = build_retriever(
        chunks=CHUNKS, persist_dir=None, url=chroma_server_url, collection="server-test"
    )
    assert report == SyncReport(added=3, updated=0, removed=0, unchanged=0)
    assert [p.id for p in retriever.search("full control over quality", 1)] == ["guide:control:0"]
    dense = retriever.search("How expensive is offshore outsourcing?", 3, mode="dense")
    assert dense[0].id == "guide:cost:0"
    assert 0.0 < dense[0].score <= 1.0

    _, again = build_retriever(
        chunks=CHUNKS[:2], persist_dir=None, url=chroma_server_url, collection="server-test"
    )
    assert again == SyncReport(added=0, updated=0, removed=1, unchanged=2)
    hits = retriever.store.query("offshore talent", 10)
    assert sorted(cid for cid, _ in hits) == ["guide:control:0", "guide:cost:0"]


def test_the_server_holds_the_vectors_and_the_model_config(chroma_server_url: str) -> None:
    """A plain HttpClient sees the collection, its cosine space and our embedding function."""
    build_retriever(chunks=CHUNKS, persist_dir=None, url=chroma_server_url, collection="seen-test")
    host, port = chroma_server_url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(
        host=host, port=int(port), settings=Settings(anonymized_telemetry=False)
    )
    collection = client.get_collection(
        "seen-test",
        embedding_function=MiniLMEmbeddingFunction(),  # type: ignore[arg-type]
    )
    assert collection.count() == 3
    assert collection.configuration["hnsw"]["space"] == "cosine"  # type: ignore[index]
    assert sorted(collection.get()["ids"]) == ["guide:control:0", "guide:cost:0", "guide:talent:0"]
    embedding = collection.configuration["embedding_function"]
    assert embedding is not None
    assert embedding.name() == "sourcing_advisor_minilm_l6_v2_int8"
