"""Retrieval: local embeddings, the Chroma store, BM25, rank fusion and the hybrid retriever."""

from bot.retrieval.bm25 import BM25Index, lexical_overlap, tokenize
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.fusion import reciprocal_rank_fusion
from bot.retrieval.retriever import (
    HybridRetriever,
    Mode,
    SearchDiagnostics,
    as_langchain_retriever,
    build_retriever,
)
from bot.retrieval.store import ChunkStore, SyncReport, create_chroma_client

__all__ = [
    "BM25Index",
    "ChunkStore",
    "HybridRetriever",
    "MiniLMEmbeddingFunction",
    "Mode",
    "SearchDiagnostics",
    "SyncReport",
    "as_langchain_retriever",
    "build_retriever",
    "create_chroma_client",
    "lexical_overlap",
    "reciprocal_rank_fusion",
    "tokenize",
]
