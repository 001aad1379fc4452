"""LangChain view of the hybrid retriever (used by the optional LLM path)."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from bot.retrieval.retriever import HybridRetriever, Mode


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
                metadata=passage.model_dump(
                    exclude={"text", "unit_similarities", "labelled_similarities"}
                ),
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
