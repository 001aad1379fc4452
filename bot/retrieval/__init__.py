"""Retrieval: local embeddings, the Chroma store, BM25, fusion and the hybrid retriever.

`as_langchain_retriever` is loaded on first use: LangChain's retriever module (and langsmith)
cost about 0.4 s to import and only the optional LLM path needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.retrieval.bm25 import BM25Index, lexical_overlap, tokenize
from bot.retrieval.build import StoreOptions, build_retriever, create_store, open_retriever
from bot.retrieval.client import create_chroma_client
from bot.retrieval.dense import DenseHit
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.fusion import reciprocal_rank_fusion, weighted_fusion
from bot.retrieval.retriever import (
    Fusion,
    HybridRetriever,
    Mode,
    SearchDiagnostics,
)
from bot.retrieval.store import (
    ChunkStore,
    IndexMissingError,
    VectorStoreUnavailableError,
)
from bot.retrieval.sync import SyncReport

if TYPE_CHECKING:
    from bot.retrieval.adapter import as_langchain_retriever

__all__ = [
    "BM25Index",
    "ChunkStore",
    "DenseHit",
    "Fusion",
    "HybridRetriever",
    "IndexMissingError",
    "MiniLMEmbeddingFunction",
    "Mode",
    "SearchDiagnostics",
    "StoreOptions",
    "SyncReport",
    "VectorStoreUnavailableError",
    "as_langchain_retriever",
    "build_retriever",
    "create_chroma_client",
    "create_store",
    "lexical_overlap",
    "open_retriever",
    "reciprocal_rank_fusion",
    "tokenize",
    "weighted_fusion",
]


def __getattr__(name: str) -> Any:
    """Load `as_langchain_retriever` (LangChain) only when it is asked for."""
    if name == "as_langchain_retriever":
        from bot.retrieval.adapter import as_langchain_retriever

        return as_langchain_retriever
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
