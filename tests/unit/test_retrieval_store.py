"""The Chroma chunk store: client factory, idempotent sync by content hash, queries, persistence."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.errors import ConfigError, RetrievalError
from bot.models import Chunk
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.store import ChunkStore, SyncReport, chunk_metadata, create_chroma_client

REPO = Path(__file__).resolve().parents[2]


def _chunk(cid: str, text: str) -> Chunk:
    section = cid.split(":")[1]
    index_text = f"{section.title()}\n{text}"
    return Chunk(
        id=cid,
        document_id="guide",
        document_title="Sourcing Guide",
        section_id=section,
        section=f"Sourcing Guide > {section.title()}",
        text=text,
        index_text=index_text,
        kind="paragraph",
        content_hash=hashlib.sha256(index_text.encode()).hexdigest(),
    )


CHUNKS = (
    _chunk("guide:cost:0", "Offshore outsourcing costs 30% to 70% of an onshore team."),
    _chunk("guide:control:0", "An in-house team gives the company full control over quality."),
    _chunk("guide:talent:0", "Offshoring opens a larger talent pool in other countries."),
)


@pytest.fixture(scope="module")
def ef() -> MiniLMEmbeddingFunction:
    """One embedding function shared by the module's stores."""
    return MiniLMEmbeddingFunction()


@pytest.fixture
def store(tmp_path: Path, ef: MiniLMEmbeddingFunction) -> ChunkStore:
    """An empty store in an embedded Chroma under tmp_path."""
    client = create_chroma_client(persist_dir=tmp_path / "chroma", url=None)
    return ChunkStore(client=client, name="chunks-test", embedding_function=ef)


def test_first_sync_adds_and_second_sync_changes_nothing(store: ChunkStore) -> None:
    """Syncing the same chunks twice embeds them once: the second report is all unchanged."""
    assert store.sync(CHUNKS) == SyncReport(added=3, updated=0, removed=0, unchanged=0)
    assert store.sync(CHUNKS) == SyncReport(added=0, updated=0, removed=0, unchanged=3)
    assert store.count() == 3


def test_stored_metadata_and_document_are_exact(store: ChunkStore) -> None:
    """Each vector carries the six metadata fields and the chunk's text (no heading path)."""
    store.sync(CHUNKS)
    metadata, document = store.stored()["guide:cost:0"]
    assert metadata == {
        "document_id": "guide",
        "document_title": "Sourcing Guide",
        "section_id": "cost",
        "section": "Sourcing Guide > Cost",
        "kind": "paragraph",
        "content_hash": CHUNKS[0].content_hash,
    }
    assert metadata == chunk_metadata(CHUNKS[0])
    assert document == "Offshore outsourcing costs 30% to 70% of an onshore team."


def test_a_changed_chunk_is_replaced(store: ChunkStore) -> None:
    """Same id with new text and hash: one update, and queries now find the new text."""
    store.sync(CHUNKS)
    changed = _chunk("guide:talent:0", "Bananas are yellow fruit rich in potassium.")
    report = store.sync([CHUNKS[0], CHUNKS[1], changed])
    assert report == SyncReport(added=0, updated=1, removed=0, unchanged=2)
    assert store.stored()["guide:talent:0"][0]["content_hash"] == changed.content_hash
    assert store.query("yellow bananas", 1)[0][0] == "guide:talent:0"
    assert store.count() == 3


def test_a_new_heading_path_updates_metadata_without_changing_the_text(store: ChunkStore) -> None:
    """A moved chunk (same text, new section and hash) counts as updated and gets new metadata."""
    store.sync(CHUNKS)
    moved = CHUNKS[0].model_copy(update={"section": "Sourcing Guide > Money", "content_hash": "x"})
    assert store.sync([moved, *CHUNKS[1:]]) == SyncReport(
        added=0, updated=1, removed=0, unchanged=2
    )
    assert store.stored()["guide:cost:0"][0]["section"] == "Sourcing Guide > Money"


def test_chunks_no_longer_present_are_deleted(store: ChunkStore) -> None:
    """Ids missing from the new chunk list are removed from the collection."""
    store.sync(CHUNKS)
    report = store.sync(CHUNKS[:2])
    assert report == SyncReport(added=0, updated=0, removed=1, unchanged=2)
    assert sorted(store.stored()) == ["guide:control:0", "guide:cost:0"]


def test_query_returns_nearest_ids_with_cosine_distances(store: ChunkStore) -> None:
    """The cost chunk is nearest to a cost question; distances rise and lie in [0, 2]."""
    store.sync(CHUNKS)
    hits = store.query("How expensive is offshore outsourcing?", 3)
    assert hits[0][0] == "guide:cost:0"
    assert len(hits) == 3
    distances = [d for _, d in hits]
    assert distances == sorted(distances)
    assert all(0.0 <= d <= 2.0 for d in distances)


def test_query_on_an_empty_store_or_blank_text_is_empty(store: ChunkStore) -> None:
    """Nothing stored, a blank query or k=0 give []."""
    assert store.query("cost", 5) == []
    store.sync(CHUNKS)
    assert store.query("   ", 5) == []
    assert store.query("cost", 0) == []


def test_reset_empties_the_collection(store: ChunkStore) -> None:
    """After reset the collection is empty and the next sync re-adds everything."""
    store.sync(CHUNKS)
    store.reset()
    assert store.count() == 0
    assert store.sync(CHUNKS) == SyncReport(added=3, updated=0, removed=0, unchanged=0)


def test_duplicate_chunk_ids_are_rejected(store: ChunkStore) -> None:
    """Two chunks with one id raise RetrievalError naming the id, and nothing is written."""
    with pytest.raises(RetrievalError, match="duplicate chunk id 'guide:cost:0'"):
        store.sync([CHUNKS[0], CHUNKS[0]])
    assert store.count() == 0


def test_a_collection_made_with_another_embedding_function_is_refused(
    tmp_path: Path, ef: MiniLMEmbeddingFunction
) -> None:
    """Opening a collection persisted with Chroma's default model raises RetrievalError."""
    client = create_chroma_client(persist_dir=tmp_path / "chroma", url=None)
    client.create_collection("other-model")
    with pytest.raises(RetrievalError, match="cannot open Chroma collection 'other-model'"):
        ChunkStore(client=client, name="other-model", embedding_function=ef)


def test_a_collection_with_l2_distance_is_refused(
    tmp_path: Path, ef: MiniLMEmbeddingFunction
) -> None:
    """An existing collection in l2 space is not silently reused."""
    client = create_chroma_client(persist_dir=tmp_path / "chroma", url=None)
    client.create_collection(
        "l2-space",
        configuration={"hnsw": {"space": "l2"}},
        embedding_function=ef,  # type: ignore[arg-type]
    )
    with pytest.raises(RetrievalError, match="uses 'l2' distance, not cosine"):
        ChunkStore(client=client, name="l2-space", embedding_function=ef)


def test_client_factory_rejects_missing_and_malformed_locations(tmp_path: Path) -> None:
    """No directory and no URL, or a URL that is not http(s)://host:port, is a ConfigError."""
    with pytest.raises(ConfigError, match="set either a Chroma data directory or CHROMA_URL"):
        create_chroma_client(persist_dir=None, url=None)
    for bad in ("ftp://host:1", "localhost:8000", "http://host:8000/path", "http://host:99999"):
        with pytest.raises(ConfigError, match="CHROMA_URL"):
            create_chroma_client(persist_dir=tmp_path, url=bad)


def test_client_factory_reports_an_unreachable_server() -> None:
    """A URL where no Chroma listens raises RetrievalError naming the URL."""
    with pytest.raises(
        RetrievalError, match=r"cannot connect to the Chroma server at http://127\.0\.0\.1:9"
    ):
        create_chroma_client(persist_dir=None, url="http://127.0.0.1:9")


def test_the_index_persists_for_a_new_process(tmp_path: Path, ef: MiniLMEmbeddingFunction) -> None:
    """Another process opening the same directory finds the chunks and has nothing to embed."""
    persist = tmp_path / "chroma"
    store = ChunkStore(
        client=create_chroma_client(persist_dir=persist, url=None),
        name="persisted",
        embedding_function=ef,
    )
    store.sync(CHUNKS)
    script = textwrap.dedent(
        f"""
        import json, sys
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from tests.unit.test_retrieval_store import CHUNKS
        from bot.retrieval.embeddings import MiniLMEmbeddingFunction
        from bot.retrieval.store import ChunkStore, create_chroma_client
        client = create_chroma_client(persist_dir=Path({str(persist)!r}), url=None)
        store = ChunkStore(client=client, name="persisted",
                           embedding_function=MiniLMEmbeddingFunction())
        count = store.count()
        hit = store.query("full control over quality", 1)[0][0]
        report = store.sync(CHUNKS)
        print(json.dumps([count, hit, report.added, report.updated, report.unchanged]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [3, "guide:control:0", 0, 0, 3]
