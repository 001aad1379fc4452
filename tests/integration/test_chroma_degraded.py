"""A hung or stopped Chroma server: bounded calls, keyword-only answers, health, recovery."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from bot.advisor.service import KEYWORD_ONLY_NOTE
from bot.bootstrap import build_advisor, build_index
from bot.config import Settings
from bot.retrieval import StoreOptions, build_retriever, open_retriever
from bot.retrieval.store import VectorStoreUnavailableError
from tests.integration.conftest import ChromaServer
from tests.retrieval_fixtures import GUIDE_CHUNKS

pytestmark = pytest.mark.chroma_server

REPO = Path(__file__).resolve().parents[2]
QUERY = "How expensive is offshore outsourcing?"
FAST = StoreOptions(timeout_s=1.0, retry_s=30.0, refresh_s=0.0)
HANG_BOUND_S = 10.0
"""A hung call must come back: well above the 1 s timeout, far below an unbounded wait."""


def test_a_frozen_server_gives_keyword_results_flagged_degraded(
    own_chroma_server: ChromaServer,
) -> None:
    """SIGSTOP: the search comes back within the bound from BM25 alone, flagged; SIGCONT heals."""
    build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=own_chroma_server.url, collection="guide"
    )
    reader = open_retriever(
        chunks=GUIDE_CHUNKS, url=own_chroma_server.url, collection="guide", options=FAST
    )
    passages, diagnostics = reader.search_with_diagnostics(QUERY, 3)
    assert diagnostics.dense_available is True
    assert diagnostics.best_dense_similarity > 0.5
    keyword_only = [p.id for p in reader.search(QUERY, 3, mode="bm25")]

    own_chroma_server.process.send_signal(signal.SIGSTOP)
    started = time.monotonic()
    passages, diagnostics = reader.search_with_diagnostics(QUERY, 3)
    assert time.monotonic() - started < HANG_BOUND_S
    assert diagnostics.dense_available is False
    assert diagnostics.degraded is True
    assert [p.id for p in passages] == keyword_only == ["guide:cost:0", "guide:talent:0"]
    # Coverage is still measured: the query against the returned passages' own sentences.
    ef = reader.store.embedding_function
    vectors = ef.embed([QUERY, *(c.text for c in GUIDE_CHUNKS[::2])])  # cost:0 and talent:0
    assert diagnostics.best_dense_similarity == pytest.approx(
        float(max(vectors[1:] @ vectors[0])), abs=1e-5
    )
    assert reader.dense_available is False
    with pytest.raises(VectorStoreUnavailableError, match="the vector store is unavailable"):
        reader.search(QUERY, 3, mode="dense")
    assert reader.health() is False

    own_chroma_server.process.send_signal(signal.SIGCONT)
    assert reader.health() is True
    assert reader.dense_available is True
    passages, diagnostics = reader.search_with_diagnostics(QUERY, 3)
    assert diagnostics.dense_available is True
    assert passages[0].id == "guide:cost:0"


def test_during_the_retry_period_no_call_waits_for_chroma(own_chroma_server: ChromaServer) -> None:
    """After one timed-out call, later searches skip Chroma: each returns keyword-only at once."""
    build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=own_chroma_server.url, collection="guide"
    )
    reader = open_retriever(
        chunks=GUIDE_CHUNKS, url=own_chroma_server.url, collection="guide", options=FAST
    )
    own_chroma_server.process.send_signal(signal.SIGSTOP)
    reader.search(QUERY, 3)  # this one waits for the timeout
    started = time.monotonic()
    for _ in range(5):
        _, diagnostics = reader.search_with_diagnostics(QUERY, 3)
        assert diagnostics.dense_available is False
    assert time.monotonic() - started < FAST.timeout_s  # five searches, not one timeout
    own_chroma_server.process.send_signal(signal.SIGCONT)


def test_a_killed_server_degrades_and_a_reader_can_start_without_it(
    own_chroma_server: ChromaServer,
) -> None:
    """A stopped server: searches are keyword-only; a new reader starts keyword-only, unhealthy."""
    build_retriever(
        chunks=GUIDE_CHUNKS, persist_dir=None, url=own_chroma_server.url, collection="guide"
    )
    reader = open_retriever(
        chunks=GUIDE_CHUNKS, url=own_chroma_server.url, collection="guide", options=FAST
    )
    own_chroma_server.process.terminate()
    own_chroma_server.process.wait(timeout=30)
    _, diagnostics = reader.search_with_diagnostics(QUERY, 3)
    assert diagnostics.dense_available is False
    late = open_retriever(
        chunks=GUIDE_CHUNKS, url=own_chroma_server.url, collection="guide", options=FAST
    )
    assert late.dense_available is False
    assert late.health() is False
    assert [p.id for p in late.search(QUERY, 1)] == ["guide:cost:0"]


def test_the_advisor_answers_from_keywords_while_chroma_is_frozen(
    own_chroma_server: ChromaServer, tmp_path: Path
) -> None:
    """A replica whose Chroma hangs still answers a covered question, citing the article, with a
    note that the answer comes from keyword search only."""
    settings = Settings(
        knowledge_dir=REPO / "knowledge",
        data_dir=tmp_path,
        chroma_url=own_chroma_server.url,
        chroma_timeout_s=1.0,
        llm="none",
    )
    build_index(settings)
    advisor = build_advisor(settings)
    question = "How much cheaper is a dedicated offshore team than an onshore team?"
    healthy = advisor.ask(question)
    own_chroma_server.process.send_signal(signal.SIGSTOP)
    degraded = advisor.ask(question)
    assert (degraded.route, degraded.covered) == (healthy.route, True)
    assert degraded.citations
    assert {c.source.document for c in degraded.citations} == {"outsourcing-vs-offshoring"}
    assert KEYWORD_ONLY_NOTE not in healthy.notes
    assert degraded.notes[-1] == KEYWORD_ONLY_NOTE
