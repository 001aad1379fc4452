"""The retriever against a real Chroma server over HTTP (`chroma run` on a local free port)."""

from __future__ import annotations

import time

import chromadb
import pytest
from chromadb.api import ClientAPI
from chromadb.config import Settings

from bot.retrieval import MiniLMEmbeddingFunction, SyncReport, build_retriever
from bot.retrieval.store import SECTION_WEIGHT
from bot.retrieval.sync import knowledge_version
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


def test_the_server_holds_a_pointer_and_two_collections_per_generation(
    chroma_server_url: str,
) -> None:
    """A plain HttpClient sees the pointer, then units and section titles apart, cosine, our EF."""
    _, report = build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=chroma_server_url, collection="seen-test"
    )
    client = _client(chroma_server_url)
    pointer = client.get_collection("seen-test")
    assert pointer.count() == 0
    assert pointer.metadata == {
        "sourcing_advisor_index": 2,
        "generation": report.generation,
        "content": knowledge_version(GUIDE_CHUNKS),
        "previous": "",
        "switched_at": pytest.approx(time.time(), abs=120),
    }
    ef = MiniLMEmbeddingFunction()
    units = client.get_collection(
        f"seen-test.{report.generation}.units",
        embedding_function=ef,  # type: ignore[arg-type]
    )
    sections = client.get_collection(
        f"seen-test.{report.generation}.sections",
        embedding_function=ef,  # type: ignore[arg-type]
    )
    assert sorted(units.get()["ids"]) == [i for i in GUIDE_ENTRY_IDS if "#u" in i]
    assert sorted(sections.get(include=["documents"])["documents"] or []) == [
        "control",
        "cost",
        "talent",
    ]
    assert units.configuration["hnsw"]["space"] == "cosine"  # type: ignore[index]
    embedding = units.configuration["embedding_function"]
    assert embedding is not None
    assert embedding.name() == "sourcing_advisor_minilm_l6_v2_int8"


def test_an_old_single_collection_index_is_migrated(chroma_server_url: str) -> None:
    """A layout-1 index of ours under the name is replaced by a new generation: all added."""
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
    assert report == SyncReport(added=3, updated=0, removed=0, unchanged=0)
    assert sorted(retriever.store.stored()) == GUIDE_ENTRY_IDS
