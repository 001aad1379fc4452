"""Load and validate the knowledge folder: documents, sections, chunks and the policy."""

from bot.knowledge.chunking import chunk_documents
from bot.knowledge.documents import load_document, load_documents
from bot.knowledge.knowledge_base import KnowledgeBase, load_knowledge
from bot.knowledge.policy import load_policy
from bot.knowledge.quotes import find_quote, quote_in

__all__ = [
    "KnowledgeBase",
    "chunk_documents",
    "find_quote",
    "load_document",
    "load_documents",
    "load_knowledge",
    "load_policy",
    "quote_in",
]
