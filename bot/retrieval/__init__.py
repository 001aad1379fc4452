"""Retrieval: local embeddings, the Chroma store, BM25, fusion and the hybrid retriever."""

from bot.retrieval.adapter import as_langchain_retriever
from bot.retrieval.bm25 import BM25Index, lexical_overlap, tokenize
from bot.retrieval.client import create_chroma_client
from bot.retrieval.dense import DenseHit
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.fusion import reciprocal_rank_fusion, weighted_fusion
from bot.retrieval.retriever import (
    Fusion,
    HybridRetriever,
    Mode,
    SearchDiagnostics,
    build_retriever,
)
from bot.retrieval.store import ChunkStore, SyncReport

__all__ = [
    "BM25Index",
    "ChunkStore",
    "DenseHit",
    "Fusion",
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
    "weighted_fusion",
]
