"""Assembling a HybridRetriever: as the index's writer (sync first) or as a reader."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.models import Chunk
from bot.retrieval.bm25 import BM25Index
from bot.retrieval.client import DEFAULT_TIMEOUT_S, check_url, create_chroma_client
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.retriever import RRF_K, Fusion, HybridRetriever, _check_fusion
from bot.retrieval.store import ChunkStore
from bot.retrieval.sync import SyncReport, knowledge_version

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoreOptions:
    """How the retriever talks to Chroma (see the SOURCING_CHROMA_* / SOURCING_INDEX_* settings).

    Attributes:
        timeout_s: Seconds one call to a Chroma server may take.
        retry_s: Seconds searches stay keyword-only after a failed Chroma call.
        refresh_s: Seconds between a reader's re-reads of the index pointer.
        grace_s: Seconds a writer keeps the previous generation after a switch.
        hnsw: Extra HNSW settings of new generations (tests).
    """

    timeout_s: float = DEFAULT_TIMEOUT_S
    retry_s: float = 15.0
    refresh_s: float = 5.0
    grace_s: float = 600.0
    hnsw: Mapping[str, int] | None = None


def create_store(
    *,
    persist_dir: Path | None,
    url: str | None,
    collection: str,
    embedding_model_path: Path | None = None,
    options: StoreOptions | None = None,
) -> ChunkStore:
    """A ChunkStore on the embedded store or a server; nothing is called yet.

    Raises:
        ConfigError: If neither a directory nor a URL is given, or the URL is malformed.
        RetrievalError: If the embedded store's directory cannot be used.
    """
    options = options or StoreOptions()
    embedding = MiniLMEmbeddingFunction(model_path=embedding_model_path)
    common = {
        "name": collection,
        "embedding_function": embedding,
        "refresh_s": options.refresh_s,
        "retry_s": options.retry_s,
        "grace_s": options.grace_s,
        "hnsw": options.hnsw,
    }
    if url:
        check_url(url)
        return ChunkStore(
            connect=lambda: create_chroma_client(
                persist_dir=None, url=url, timeout_s=options.timeout_s
            ),
            **common,  # type: ignore[arg-type]
        )
    client = create_chroma_client(persist_dir=persist_dir, url=None)
    return ChunkStore(client=client, **common)  # type: ignore[arg-type]


def build_retriever(
    *,
    chunks: Sequence[Chunk],
    persist_dir: Path | None,
    url: str | None,
    collection: str,
    embedding_model_path: Path | None = None,
    rebuild: bool = False,
    fusion: Fusion = "weighted",
    rrf_k: int = RRF_K,
    options: StoreOptions | None = None,
    bm25: BM25Index | None = None,
) -> tuple[HybridRetriever, SyncReport]:
    """Open Chroma (embedded or server), write the chunks as the index, build BM25: the writer.

    Args:
        chunks: The knowledge chunks.
        persist_dir: The embedded store's directory (used when `url` is None).
        url: A Chroma server URL such as ``http://127.0.0.1:8000``.
        collection: The index name.
        embedding_model_path: Another location of the pinned ONNX model file.
        rebuild: Build a new generation from scratch and switch to it (replacing another
            tool's collection of that name).
        fusion: How hybrid mode fuses dense and BM25 ("weighted" or "rrf").
        rrf_k: The RRF smoothing constant (fusion="rrf").
        options: Timeouts and generation settings.
        bm25: The BM25 index of these chunks, if already built (else it is built here).

    Returns:
        The retriever and what the sync changed.

    Raises:
        ConfigError: If neither a directory nor a URL is given, or the URL is malformed.
        RetrievalError: If Chroma or the embedding model cannot be used, or fusion is unknown.
    """
    _check_fusion(fusion, rrf_k)
    store = create_store(
        persist_dir=persist_dir,
        url=url,
        collection=collection,
        embedding_model_path=embedding_model_path,
        options=options,
    )
    report = store.sync(chunks, rebuild=rebuild)
    retriever = HybridRetriever(
        store=store,
        chunks=chunks,
        bm25=BM25Index(chunks) if bm25 is None else bm25,
        fusion=fusion,
        rrf_k=rrf_k,
    )
    return retriever, report


def open_retriever(
    *,
    chunks: Sequence[Chunk],
    url: str,
    collection: str,
    embedding_model_path: Path | None = None,
    fusion: Fusion = "weighted",
    rrf_k: int = RRF_K,
    options: StoreOptions | None = None,
    bm25: BM25Index | None = None,
) -> HybridRetriever:
    """A reader of the index on a Chroma server: it never writes, and follows the current
    generation. If the server does not answer, it starts keyword-only (and retries later).

    Args:
        chunks: The knowledge chunks (BM25 is built over them; dense hits of other chunks
            are ignored).
        url: The Chroma server URL.
        collection: The index name.
        embedding_model_path: Another location of the pinned ONNX model file.
        fusion: How hybrid mode fuses dense and BM25.
        rrf_k: The RRF smoothing constant.
        options: Timeouts and refresh settings.
        bm25: The BM25 index of these chunks, if already built (else it is built here).

    Returns:
        The retriever.

    Raises:
        ConfigError: If the URL is malformed.
        IndexMissingError: If the server answers but holds no index of that name.
        RetrievalError: If the name is held by another kind of collection.
    """
    _check_fusion(fusion, rrf_k)
    store = create_store(
        persist_dir=None,
        url=url,
        collection=collection,
        embedding_model_path=embedding_model_path,
        options=options,
    )
    retriever = HybridRetriever(
        store=store,
        chunks=chunks,
        bm25=BM25Index(chunks) if bm25 is None else bm25,
        fusion=fusion,
        rrf_k=rrf_k,
    )
    pointer = store.start()
    if pointer is None:
        logger.warning("vector store at %s unreachable at start-up: keyword-only for now", url)
        return retriever
    if pointer.content != knowledge_version(chunks):
        logger.warning(
            "index %s (generation %s) was built from other knowledge than this process loaded;"
            " run `sourcing-advisor index` with this knowledge",
            collection,
            pointer.generation,
        )
    return retriever
