"""The store past Chroma's SQLite variable limit: sync and reads page through 33,000+ entries."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest

from bot.retrieval.client import create_chroma_client
from bot.retrieval.embeddings import EMBEDDING_DIM, MiniLMEmbeddingFunction
from bot.retrieval.generations import Pointer, collection_name, write_pointer
from bot.retrieval.store import ChunkStore
from bot.retrieval.sync import SyncReport, knowledge_version
from bot.retrieval.units import index_entries, is_section_entry
from tests.retrieval_fixtures import make_chunk

CHUNKS_N = 11_000
SQLITE_MAX_VARIABLES = 32_766
CHEAP_HNSW = {"space": "cosine", "ef_construction": 8, "max_neighbors": 4}
"""The graph quality does not matter here; a cheap graph keeps inserting 33,000 vectors fast."""


def _chunks() -> list[Any]:
    return [
        make_chunk(
            f"policy:s{n % 100}:{n}",
            f"Rule {n} applies to vendors. Teams review rule {n} yearly. Rule {n} has owners.",
            document_id="policy",
            document_title="Policy",
        )
        for n in range(CHUNKS_N)
    ]


def _prefill(store: ChunkStore, chunks: list[Any]) -> int:
    """Write the chunks' entries (metadata, random unit vectors, no text) as the generation."""
    client = store.client()
    entries = index_entries(chunks)
    rng = np.random.default_rng(7)
    for kind in ("units", "sections"):
        ids = [eid for eid in entries if is_section_entry(eid) == (kind == "sections")]
        collection = client.create_collection(
            collection_name(store.name, "g1", kind),
            configuration={"hnsw": cast(Any, CHEAP_HNSW)},
            embedding_function=store.embedding_function,  # type: ignore[arg-type]
        )
        vectors = rng.standard_normal((len(ids), EMBEDDING_DIM)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        for start in range(0, len(ids), 5000):
            batch = ids[start : start + 5000]
            collection.add(
                ids=batch,
                embeddings=vectors[start : start + 5000],
                metadatas=cast(Any, [entries[eid].metadata for eid in batch]),
            )
    write_pointer(
        client,
        store.name,
        Pointer(generation="g1", content="an older version", switched_at=time.time()),
    )
    return len(entries)


def test_sync_and_reads_page_past_sqlites_variable_limit(tmp_path: Path) -> None:
    """With 33,100 entries, sync diffs page by page and embeds only the one changed chunk."""
    client = create_chroma_client(persist_dir=tmp_path / "chroma", url=None)
    store = ChunkStore(client=client, name="big", embedding_function=MiniLMEmbeddingFunction())
    chunks = _chunks()
    total = _prefill(store, chunks)
    assert total == 3 * CHUNKS_N + 100 > SQLITE_MAX_VARIABLES
    with pytest.raises(Exception, match="too many SQL variables"):
        client.get_collection("big.g1.units").get(include=["metadatas"])  # why pages exist

    changed = make_chunk(
        chunks[5].id,
        "Offshore vendors bill in euros.",
        document_id="policy",
        document_title="Policy",
    )
    edited = [*chunks[:5], changed, *chunks[6:]]
    report = store.sync(edited)
    assert report == SyncReport(added=0, updated=1, removed=0, unchanged=CHUNKS_N - 1)
    assert report.generation == "g1"
    assert store.count() == total - 2
    stored = store.stored()
    assert len(stored) == total - 2
    assert stored[f"{chunks[5].id}#u0"][1] == "Offshore vendors bill in euros."
    assert f"{chunks[5].id}#u1" not in stored
    written = client.get_collection("big.g1.units").get(
        ids=[f"{chunks[5].id}#u0"], include=["embeddings"]
    )
    expected = store.embedding_function.embed(["Offshore vendors bill in euros."])[0]
    assert np.allclose(written["embeddings"][0], expected, atol=1e-6)  # type: ignore[index]
    assert client.get_collection("big").metadata["content"] == knowledge_version(edited)  # type: ignore[index]
    assert store.sync(edited) == SyncReport(added=0, updated=0, removed=0, unchanged=CHUNKS_N)
