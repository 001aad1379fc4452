"""Hybrid search over the knowledge chunks: dense (Chroma) + lexical (BM25), fused by RRF."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from bot.errors import RetrievalError
from bot.models import Chunk, Passage
from bot.retrieval.bm25 import BM25Index
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.fusion import reciprocal_rank_fusion
from bot.retrieval.store import ChunkStore, SyncReport, create_chroma_client

logger = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[str, ...] = get_args(Mode)
CANDIDATES = 20
RRF_K = 60


@dataclass(frozen=True, slots=True)
class SearchDiagnostics:
    """The signals that say whether the knowledge base covers a query.

    Attributes:
        best_dense_similarity: Cosine similarity (1 - distance) of the nearest chunk; 0.0 if none.
        bm25_max_score: The best BM25 score; 0.0 when no content word of the query is indexed.
        query_terms: The query's distinct content words (lowercased, stopwords removed).
        matched_terms: Those of `query_terms` that occur in at least one chunk.
        dense: (chunk_id, similarity) candidates from the vector store, best first.
        lexical: (chunk_id, BM25 score) candidates, best first.
    """

    best_dense_similarity: float
    bm25_max_score: float
    query_terms: tuple[str, ...]
    matched_terms: tuple[str, ...]
    dense: tuple[tuple[str, float], ...]
    lexical: tuple[tuple[str, float], ...]


def _passage(chunk: Chunk, score: float) -> Passage:
    return Passage(
        id=chunk.id,
        source=chunk.document_id,
        source_title=chunk.document_title,
        section=chunk.section,
        section_id=chunk.section_id,
        text=chunk.text,
        score=score,
    )


class HybridRetriever:
    """Searches the chunks by meaning (vectors), by words (BM25), or both fused."""

    def __init__(self, *, store: ChunkStore, chunks: Sequence[Chunk], bm25: BM25Index) -> None:
        """Combine a synced vector store and a BM25 index built over the same chunks.

        Args:
            store: The Chroma collection holding the chunks' vectors.
            chunks: The chunks, to turn hits back into passages.
            bm25: The lexical index over the same chunks.
        """
        self._store = store
        self._chunks = {chunk.id: chunk for chunk in chunks}
        self._bm25 = bm25

    @property
    def store(self) -> ChunkStore:
        """The vector store."""
        return self._store

    @property
    def chunk_count(self) -> int:
        """How many chunks are searchable."""
        return len(self._chunks)

    def search(self, text: str, k: int = 5, *, mode: Mode = "hybrid") -> list[Passage]:
        """The k passages most relevant to a text.

        Args:
            text: The query.
            k: How many passages at most.
            mode: "hybrid" (RRF of both, score = fused score), "dense" (score = cosine
                similarity) or "bm25" (score = BM25 score).

        Returns:
            Passages, best first; empty for a blank query.

        Raises:
            RetrievalError: If the mode is unknown or the vector store fails.
        """
        return self._run(text, k, mode=mode, both=False)[0]

    def search_with_diagnostics(
        self, text: str, k: int = 5, *, mode: Mode = "hybrid"
    ) -> tuple[list[Passage], SearchDiagnostics]:
        """Search, and report the best dense similarity and BM25 score alongside.

        Args:
            text: The query.
            k: How many passages at most.
            mode: As for `search`; both sides are queried whatever the mode.

        Returns:
            The passages (as `search` returns them) and the coverage signals.

        Raises:
            RetrievalError: If the mode is unknown or the vector store fails.
        """
        return self._run(text, k, mode=mode, both=True)

    def _run(
        self, text: str, k: int, *, mode: Mode, both: bool
    ) -> tuple[list[Passage], SearchDiagnostics]:
        if mode not in MODES:
            msg = f"unknown search mode {mode!r}; use one of {', '.join(MODES)}"
            raise RetrievalError(msg)
        n = max(CANDIDATES, k)
        blank = not text.strip() or k <= 0
        dense: list[tuple[str, float]] = []
        lexical: list[tuple[str, float]] = []
        if not blank and (both or mode != "bm25"):
            hits = self._store.query(text, n)
            dense = [(cid, 1.0 - dist) for cid, dist in hits if cid in self._chunks]
            if len(dense) != len(hits):
                logger.warning("vector store holds chunks that are not loaded; re-sync the index")
        if not blank and (both or mode != "dense"):
            lexical = [hit for hit in self._bm25.search(text, n) if hit[0] in self._chunks]
        if blank:
            ranked: list[tuple[str, float]] = []
        elif mode == "dense":
            ranked = dense
        elif mode == "bm25":
            ranked = lexical
        else:
            ranked = reciprocal_rank_fusion(
                [[cid for cid, _ in dense], [cid for cid, _ in lexical]], k=RRF_K
            )
        passages = [_passage(self._chunks[cid], score) for cid, score in ranked[:k]]
        return passages, SearchDiagnostics(
            best_dense_similarity=max((sim for _, sim in dense), default=0.0),
            bm25_max_score=max((score for _, score in lexical), default=0.0),
            query_terms=tuple(self._bm25.query_terms(text)),
            matched_terms=tuple(self._bm25.matched_terms(text)),
            dense=tuple(dense),
            lexical=tuple(lexical),
        )


def build_retriever(
    *,
    chunks: Sequence[Chunk],
    persist_dir: Path | None,
    url: str | None,
    collection: str,
    embedding_model_path: Path | None = None,
    rebuild: bool = False,
) -> tuple[HybridRetriever, SyncReport]:
    """Open Chroma (embedded or server), sync the chunks into it and build the BM25 index.

    Args:
        chunks: The knowledge chunks.
        persist_dir: The embedded store's directory (used when `url` is None).
        url: A Chroma server URL such as ``http://127.0.0.1:8000``.
        collection: The collection name.
        embedding_model_path: Another location of the pinned ONNX model file.
        rebuild: Drop the collection first and re-embed everything.

    Returns:
        The retriever and what the sync changed.

    Raises:
        ConfigError: If neither a directory nor a URL is given, or the URL is malformed.
        RetrievalError: If Chroma or the embedding model cannot be used.
    """
    client = create_chroma_client(persist_dir=persist_dir, url=url)
    embedding = MiniLMEmbeddingFunction(model_path=embedding_model_path)
    store = ChunkStore(client=client, name=collection, embedding_function=embedding)
    if rebuild:
        store.reset()
    report = store.sync(chunks)
    retriever = HybridRetriever(store=store, chunks=chunks, bm25=BM25Index(chunks))
    return retriever, report


class PassageRetriever(BaseRetriever):
    """LangChain view of a HybridRetriever: passages as Documents with their metadata."""

    retriever: HybridRetriever
    k: int = 5
    mode: Mode = "hybrid"

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        passages = self.retriever.search(query, self.k, mode=self.mode)
        return [
            Document(
                id=passage.id,
                page_content=passage.text,
                metadata=passage.model_dump(exclude={"text"}),
            )
            for passage in passages
        ]


def as_langchain_retriever(
    retriever: HybridRetriever, *, k: int = 5, mode: Mode = "hybrid"
) -> BaseRetriever:
    """Wrap a HybridRetriever for LangChain (used by the optional LLM path).

    Args:
        retriever: The retriever.
        k: Documents per query.
        mode: The search mode.

    Returns:
        A retriever whose Documents carry page_content = passage text and metadata = id,
        source, source_title, section, section_id and score.
    """
    return PassageRetriever(retriever=retriever, k=k, mode=mode)
