"""The Chroma store: client factory, unit/section layout, idempotent sync, migration, queries."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from bot.errors import ConfigError, RetrievalError
from bot.retrieval.client import create_chroma_client
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.store import SECTION_WEIGHT, ChunkStore, IndexMissingError
from bot.retrieval.sync import SyncReport
from tests.retrieval_fixtures import GUIDE_ENTRY_IDS, GUIDE_TEXTS, sha256, titled_chunk

REPO = Path(__file__).resolve().parents[2]


CHUNKS = tuple(titled_chunk(cid, text) for cid, text in GUIDE_TEXTS)


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
    assert sorted(store.stored()) == GUIDE_ENTRY_IDS
    assert store.count() == 6


def test_stored_unit_and_section_entries_are_exact(store: ChunkStore) -> None:
    """A unit carries its parent's fields and its own hash; a section embeds its last heading."""
    store.sync(CHUNKS)
    entries = store.stored()
    sentence = "Offshore outsourcing costs 30% to 70% of an onshore team."
    assert entries["guide:cost:0#u0"] == (
        {
            "chunk_id": "guide:cost:0",
            "document_id": "guide",
            "section_id": "cost",
            "chunk_hash": CHUNKS[0].content_hash,
            "content_hash": sha256(sentence),
        },
        sentence,
    )
    assert entries["guide:cost#section"] == (
        {
            "document_id": "guide",
            "document_title": "Sourcing Guide",
            "section_id": "cost",
            "section": "Sourcing Guide > Cost",
            "kind": "section",
            "content_hash": sha256("Cost"),
        },
        "Cost",
    )


def test_a_changed_chunk_replaces_its_units(store: ChunkStore) -> None:
    """New text splits into new units: they replace the old ones, and a shrink deletes extras."""
    store.sync(CHUNKS)
    changed = titled_chunk(
        "guide:talent:0", "Bananas are yellow fruit. They are rich in potassium."
    )
    report = store.sync([CHUNKS[0], CHUNKS[1], changed])
    assert report == SyncReport(added=0, updated=1, removed=0, unchanged=2)
    entries = store.stored()
    assert entries["guide:talent:0#u0"][1] == "Bananas are yellow fruit."
    assert entries["guide:talent:0#u1"][1] == "They are rich in potassium."
    assert entries["guide:talent:0#u1"][0]["chunk_hash"] == changed.content_hash
    top = store.query("yellow bananas", 1)[0]
    assert (top.chunk_id, top.unit_id) == ("guide:talent:0", "guide:talent:0#u0")
    assert store.count() == 7
    assert store.sync(CHUNKS) == SyncReport(added=0, updated=1, removed=0, unchanged=2)
    assert sorted(store.stored()) == GUIDE_ENTRY_IDS


def test_a_new_heading_path_updates_metadata_without_changing_the_text(store: ChunkStore) -> None:
    """A moved chunk (same text, new section label and hash) counts as updated everywhere."""
    store.sync(CHUNKS)
    moved = CHUNKS[0].model_copy(update={"section": "Sourcing Guide > Money", "content_hash": "x"})
    assert store.sync([moved, *CHUNKS[1:]]) == SyncReport(
        added=0, updated=1, removed=0, unchanged=2
    )
    entries = store.stored()
    assert entries["guide:cost#section"][0]["section"] == "Sourcing Guide > Money"
    assert entries["guide:cost:0#u0"][0]["chunk_hash"] == "x"
    assert entries["guide:cost#section"][1] == "Money"


def test_removed_chunks_take_their_units_and_empty_sections_with_them(store: ChunkStore) -> None:
    """A section entry stays while one of its chunks remains and goes with the last one."""
    second_cost = titled_chunk("guide:cost:1", "Vendors add a margin. It pays their overheads.")
    store.sync([*CHUNKS, second_cost])
    assert store.sync(CHUNKS[:2]) == SyncReport(added=0, updated=0, removed=2, unchanged=2)
    assert sorted(store.stored()) == [
        "guide:control#section",
        "guide:control:0#u0",
        "guide:cost#section",
        "guide:cost:0#u0",
    ]
    assert store.sync([]) == SyncReport(added=0, updated=0, removed=2, unchanged=0)
    assert store.count() == 0


def test_a_store_of_the_one_vector_per_chunk_layout_is_migrated(
    tmp_path: Path, ef: MiniLMEmbeddingFunction
) -> None:
    """A layout-1 index of ours is replaced by a new generation on the next sync: all 'added'."""
    client = create_chroma_client(persist_dir=tmp_path / "chroma", url=None)
    old = client.get_or_create_collection(
        "old-layout",
        configuration={"hnsw": {"space": "cosine"}},
        embedding_function=ef,  # type: ignore[arg-type]
    )
    gone = titled_chunk("guide:gone:0", "A passage the knowledge base no longer has.")
    old_chunks = [*CHUNKS, gone]
    old.upsert(
        ids=[c.id for c in old_chunks],
        documents=[c.text for c in old_chunks],
        metadatas=[
            {
                "document_id": c.document_id,
                "document_title": c.document_title,
                "section_id": c.section_id,
                "section": c.section,
                "kind": c.kind,
                "content_hash": c.content_hash,
            }
            for c in old_chunks
        ],
    )
    store = ChunkStore(client=client, name="old-layout", embedding_function=ef)
    with pytest.raises(RetrievalError, match="'old-layout' is an older sourcing-advisor index"):
        store.query("full control over quality")
    assert store.sync(CHUNKS) == SyncReport(added=3, updated=0, removed=0, unchanged=0)
    assert sorted(store.stored()) == GUIDE_ENTRY_IDS
    assert client.get_collection("old-layout").count() == 0  # now the pointer, no vectors
    assert store.sync(CHUNKS) == SyncReport(added=0, updated=0, removed=0, unchanged=3)
    assert store.query("full control over quality", 1)[0].chunk_id == "guide:control:0"


def test_a_dense_score_is_the_best_unit_plus_a_fifth_of_the_section_title(
    store: ChunkStore, ef: MiniLMEmbeddingFunction
) -> None:
    """Scores equal numpy's cosine of unit and title vectors; hits are sorted by score."""
    second_cost = titled_chunk(
        "guide:cost:1", "Vendors add a margin. Offshore outsourcing is cheap."
    )
    store.sync([*CHUNKS, second_cost])
    query = "How expensive is offshore outsourcing?"
    hits = store.query(query)
    assert [hit.chunk_id for hit in hits][:2] == ["guide:cost:1", "guide:cost:0"]
    assert len(hits) == 4
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    q = ef.embed([query])[0]
    units = ef.embed([CHUNKS[0].text, "Vendors add a margin.", "Offshore outsourcing is cheap."])
    title = ef.embed(["Cost"])[0]
    by_id = {hit.chunk_id: hit for hit in hits}
    expected_unit = float(np.dot(q, units[2]))
    assert by_id["guide:cost:1"].unit_id == "guide:cost:1#u1"
    assert by_id["guide:cost:1"].similarity == pytest.approx(expected_unit, abs=1e-5)
    assert by_id["guide:cost:1"].score == pytest.approx(
        expected_unit + SECTION_WEIGHT * float(np.dot(q, title)), abs=1e-5
    )
    assert by_id["guide:cost:0"].similarity == pytest.approx(float(np.dot(q, units[0])), abs=1e-5)
    assert store.query(query, 1) == hits[:1]


def test_a_store_that_did_not_sync_scores_exactly_like_the_one_that_did(
    tmp_path: Path, ef: MiniLMEmbeddingFunction
) -> None:
    """A second store object on the same index, told the chunks' sections, scores the same."""
    client = create_chroma_client(persist_dir=tmp_path / "chroma", url=None)
    synced = ChunkStore(client=client, name="shared", embedding_function=ef)
    synced.sync(CHUNKS)
    reader = ChunkStore(client=client, name="shared", embedding_function=ef)
    reader.remember_sections(CHUNKS)
    query = "Which team gives full control?"
    assert reader.query(query) == synced.query(query)
    assert len(reader.query(query)) == 3


def test_query_before_any_index_names_the_command_and_blank_text_is_empty(
    store: ChunkStore,
) -> None:
    """No index yet: IndexMissingError naming `sourcing-advisor index`; blank or k=0 give []."""
    with pytest.raises(IndexMissingError, match="run `sourcing-advisor index`"):
        store.query("cost", 5)
    store.sync(CHUNKS)
    assert store.query("   ", 5) == []
    assert store.query("cost", 0) == []


def test_rebuild_builds_a_new_generation_and_switches_to_it(store: ChunkStore) -> None:
    """sync(rebuild=True) re-adds everything into a new generation that the store then reads."""
    first = store.sync(CHUNKS)
    assert store.generation == first.generation
    again = store.sync(CHUNKS, rebuild=True)
    assert again == SyncReport(added=3, updated=0, removed=0, unchanged=0)
    assert again.generation != first.generation
    assert store.generation == again.generation
    assert store.count() == 6


def test_duplicate_chunk_ids_are_rejected(store: ChunkStore) -> None:
    """Two chunks with one id raise RetrievalError naming the id, and nothing is written."""
    with pytest.raises(RetrievalError, match="duplicate chunk id 'guide:cost:0'"):
        store.sync([CHUNKS[0], CHUNKS[0]])
    assert store.client().list_collections() == []


def test_another_tools_collection_is_refused_and_replaced_by_rebuild(
    tmp_path: Path, ef: MiniLMEmbeddingFunction
) -> None:
    """Another tool's collection under the index name: sync names --rebuild, which replaces it."""
    client = create_chroma_client(persist_dir=tmp_path / "chroma", url=None)
    other = client.create_collection("other-model", configuration={"hnsw": {"space": "l2"}})
    other.add(ids=["x"], embeddings=[[0.5] * 8], documents=["another tool's entry"])
    store = ChunkStore(client=client, name="other-model", embedding_function=ef)
    with pytest.raises(
        RetrievalError,
        match=r"'other-model' is not a sourcing-advisor index .* "
        r"run `sourcing-advisor index --rebuild` to replace it$",
    ):
        store.sync(CHUNKS)
    assert client.get_collection("other-model").count() == 1
    rebuilt = store.sync(CHUNKS, rebuild=True)
    assert rebuilt == SyncReport(added=3, updated=0, removed=0, unchanged=0)
    assert sorted(store.stored()) == GUIDE_ENTRY_IDS
    assert store.query("full control over quality", 1)[0].chunk_id == "guide:control:0"


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
        RetrievalError,
        match=r"the Chroma server at http://127\.0\.0\.1:9 did not answer within 1 s",
    ):
        create_chroma_client(persist_dir=None, url="http://127.0.0.1:9", timeout_s=1.0)


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
        from bot.retrieval.client import create_chroma_client
        from bot.retrieval.store import ChunkStore
        client = create_chroma_client(persist_dir=Path({str(persist)!r}), url=None)
        store = ChunkStore(client=client, name="persisted",
                           embedding_function=MiniLMEmbeddingFunction())
        count = store.count()
        hit = store.query("full control over quality", 1)[0].chunk_id
        report = store.sync(CHUNKS)
        print(json.dumps([count, hit, report.added, report.updated, report.unchanged]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [6, "guide:control:0", 0, 0, 3]


def test_every_section_title_counts_however_many_there_are(
    store: ChunkStore, ef: MiniLMEmbeddingFunction
) -> None:
    """With 300 sections (more than any approximate top-N of titles the store once asked
    Chroma for), every chunk's score adds a fifth of its own title's exact cosine; a second
    reader of the same index gets the very same hits."""
    chunks = [titled_chunk(f"guide:part{n}:0", f"Vendors and teams, note {n}.") for n in range(300)]
    store.sync(chunks)
    query = "How do vendors compare with our own teams?"
    hits = store.query(query)
    assert len(hits) == 300
    q = ef.embed([query])[0]
    titles = ef.embed([f"Part{n}" for n in range(300)])
    for hit in hits:
        n = int(hit.chunk_id.split(":")[1].removeprefix("part"))
        bonus = SECTION_WEIGHT * float(np.dot(q, titles[n]))
        assert hit.score - hit.similarity == pytest.approx(bonus, abs=1e-5), hit.chunk_id
    reader = ChunkStore(client=store.client(), name="chunks-test", embedding_function=ef)
    reader.remember_sections(chunks)
    assert reader.query(query) == hits


def test_a_new_generation_s_titles_are_read_again(store: ChunkStore) -> None:
    """After a rebuild that renames a section, scores use the new generation's title vectors."""
    store.sync(CHUNKS)
    query = "What does it cost?"
    before = {hit.chunk_id: hit.score - hit.similarity for hit in store.query(query)}
    renamed = [
        titled_chunk("guide:pricing:0", CHUNKS[0].text) if c.id == CHUNKS[0].id else c
        for c in CHUNKS
    ]
    store.sync(renamed, rebuild=True)
    after = {hit.chunk_id: hit.score - hit.similarity for hit in store.query(query)}
    assert "guide:pricing:0" in after
    assert CHUNKS[0].id not in after
    assert after["guide:pricing:0"] != pytest.approx(before[CHUNKS[0].id], abs=1e-6)
