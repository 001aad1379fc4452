"""One writer, many readers on a Chroma server: generations, switch, GC, no writes at start."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from bot import build_advisor
from bot.config import Settings
from bot.retrieval import IndexMissingError, StoreOptions, build_retriever, open_retriever
from tests.retrieval_fixtures import GUIDE_CHUNKS, titled_chunk

pytestmark = pytest.mark.chroma_server

REPO = Path(__file__).resolve().parents[2]
QUERY = "full control over quality"


def _collections(url: str, index: str) -> list[str]:
    host, port = url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(
        host=host, port=int(port), settings=ChromaSettings(anonymized_telemetry=False)
    )
    return sorted(c.name for c in client.list_collections() if c.name.startswith(index))


def test_a_reader_follows_a_rebuild_and_old_generations_are_collected(
    chroma_server_url: str,
) -> None:
    """Rebuilds switch readers to the new generation; the previous stays for the grace period."""
    index = "gen-follow"
    _, first = build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=chroma_server_url, collection=index
    )
    follower = open_retriever(
        chunks=GUIDE_CHUNKS,
        url=chroma_server_url,
        collection=index,
        options=StoreOptions(refresh_s=0.0),
    )
    laggard = open_retriever(
        chunks=GUIDE_CHUNKS,
        url=chroma_server_url,
        collection=index,
        options=StoreOptions(refresh_s=3600.0),
    )
    assert follower.search(QUERY, 1)[0].id == "guide:control:0"
    assert laggard.search(QUERY, 1)[0].id == "guide:control:0"

    _, second = build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=chroma_server_url, collection=index, rebuild=True
    )
    assert follower.search(QUERY, 1)[0].id == "guide:control:0"
    assert follower.store.generation == second.generation
    # The laggard has not re-read the pointer: it still reads the previous generation, kept.
    _, diagnostics = laggard.search_with_diagnostics(QUERY, 1)
    assert (laggard.store.generation, diagnostics.dense_available) == (first.generation, True)
    assert _collections(chroma_server_url, index) == sorted(
        [
            index,
            *(f"{index}.{g}.{kind}" for g in (first.generation, second.generation)
              for kind in ("sections", "units")),
        ]
    )  # fmt: skip

    # With no grace period the next switch collects every generation but the current one;
    # the laggard finds its generation gone, re-reads the pointer and carries on.
    _, third = build_retriever(
        chunks=GUIDE_CHUNKS,
        persist_dir=None,
        url=chroma_server_url,
        collection=index,
        rebuild=True,
        options=StoreOptions(grace_s=0.0),
    )
    assert _collections(chroma_server_url, index) == [
        index,
        f"{index}.{third.generation}.sections",
        f"{index}.{third.generation}.units",
    ]
    passages, diagnostics = laggard.search_with_diagnostics(QUERY, 1)
    assert [p.id for p in passages] == ["guide:control:0"]
    assert (laggard.store.generation, diagnostics.dense_available) == (third.generation, True)


def test_an_incremental_index_is_seen_by_a_reader_in_the_same_generation(
    chroma_server_url: str,
) -> None:
    """`index` after an edit writes in place: the reader sees the new chunk, same generation."""
    index = "gen-edit"
    _, first = build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=chroma_server_url, collection=index
    )
    bananas = titled_chunk("guide:fruit:0", "Bananas are yellow fruit.")
    chunks = (*GUIDE_CHUNKS, bananas)
    reader = open_retriever(
        chunks=chunks, url=chroma_server_url, collection=index, options=StoreOptions(refresh_s=0)
    )
    assert reader.search("yellow bananas", 1, mode="dense")[0].id != "guide:fruit:0"
    _, report = build_retriever(
        chunks=chunks, persist_dir=None, url=chroma_server_url, collection=index
    )
    assert (report.added, report.unchanged, report.generation) == (1, 3, first.generation)
    assert reader.search("yellow bananas", 1, mode="dense")[0].id == "guide:fruit:0"


def test_a_replica_never_writes_the_shared_index(chroma_server_url: str, tmp_path: Path) -> None:
    """build_advisor with CHROMA_URL reads: no index is an error naming the command, and a
    replica with other knowledge leaves the index as the writer left it."""
    index = "gen-replica"
    settings = Settings(
        knowledge_dir=REPO / "knowledge",
        data_dir=tmp_path,
        chroma_url=chroma_server_url,
        chroma_collection=index,
        llm="none",
    )
    with pytest.raises(IndexMissingError, match="run `sourcing-advisor index`"):
        build_advisor(settings)
    assert _collections(chroma_server_url, index) == []

    _, written = build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=chroma_server_url, collection=index
    )
    before = _collections(chroma_server_url, index)
    advisor = build_advisor(settings)  # the real knowledge base: other chunks than the index
    assert _collections(chroma_server_url, index) == before
    reader = open_retriever(chunks=GUIDE_CHUNKS, url=chroma_server_url, collection=index)
    assert reader.store.count() == 6
    assert reader.store.generation == written.generation
    assert advisor.search("offshore team cost", k=1)  # BM25 still answers over its own chunks


def _cli(url: str, index: str, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CHROMA_URL": url,
        "SOURCING_CHROMA_COLLECTION": index,
        "SOURCING_DATA_DIR": str(data),
        "SOURCING_KNOWLEDGE_DIR": str(REPO / "knowledge"),
        "SOURCING_LLM": "none",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_the_cli_names_the_fix_and_index_rebuild_replaces_another_tools_collection(
    chroma_server_url: str, tmp_path: Path
) -> None:
    """`ask` before any index and `index` over a foreign collection say what to run; --rebuild
    replaces the collection and `ask` then answers from the server."""
    index = "cli-foreign"
    asked = _cli(chroma_server_url, index, tmp_path, "ask", "Should we outsource?")
    assert (asked.returncode, asked.stdout) == (1, "")
    assert asked.stderr == (
        f"sourcing-advisor: no index named '{index}' in Chroma yet; run `sourcing-advisor index`\n"
    )
    host, port = chroma_server_url.removeprefix("http://").split(":")
    foreign = chromadb.HttpClient(
        host=host, port=int(port), settings=ChromaSettings(anonymized_telemetry=False)
    ).create_collection(index, configuration={"hnsw": {"space": "l2"}})
    foreign.add(ids=["x"], embeddings=[[0.1, 0.2]], documents=["another tool's"])
    refused = _cli(chroma_server_url, index, tmp_path, "index")
    assert refused.returncode == 1
    assert refused.stderr == (
        f"sourcing-advisor: the Chroma collection '{index}' is not a sourcing-advisor index "
        "(another tool's, or built with other settings); run `sourcing-advisor index --rebuild` "
        "to replace it\n"
    )
    rebuilt = _cli(chroma_server_url, index, tmp_path, "index", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert re.fullmatch(
        rf"Indexed \d+ document\(s\), (\d+) chunks at {chroma_server_url}: \1 added, 0 updated, "
        r"0 removed, 0 unchanged \(generation g\d{8}t\d{6}-[0-9a-f]{6}\)\.\n",
        rebuilt.stdout,
    )
    answered = _cli(chroma_server_url, index, tmp_path, "search", "-k", "1", "offshore team cost")
    assert answered.returncode == 0, answered.stderr
    assert "outsourcing-vs-offshoring:" in answered.stdout
