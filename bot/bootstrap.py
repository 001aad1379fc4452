"""The one place where concrete parts (Chroma, the embedding model, an LLM) are built."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.advisor.composer import DeterministicComposer, Replies
from bot.advisor.lexicon import Lexicon
from bot.advisor.ports import Composer
from bot.advisor.router import CoverageRules
from bot.advisor.service import Advisor
from bot.config import Settings
from bot.errors import ConfigError
from bot.knowledge import KnowledgeBase, load_knowledge

if TYPE_CHECKING:
    from bot.retrieval import HybridRetriever, SyncReport

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexReport:
    """What `sourcing-advisor index` did."""

    documents: int
    chunks: int
    added: int
    updated: int
    removed: int
    unchanged: int
    location: str


def _retriever(
    settings: Settings, knowledge: KnowledgeBase, *, rebuild: bool = False
) -> tuple[HybridRetriever, SyncReport]:
    # Imported here: Chroma and onnxruntime load only when an index is actually needed.
    from bot.retrieval import build_retriever

    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"SOURCING_DATA_DIR: cannot create {settings.data_dir} ({exc.strerror})"
        raise ConfigError(msg) from exc
    return build_retriever(
        chunks=knowledge.chunks,
        persist_dir=settings.chroma_dir,
        url=settings.chroma_url,
        collection=settings.chroma_collection,
        embedding_model_path=settings.embedding_model_path,
        rebuild=rebuild,
    )


def _onboarding(settings: Settings, knowledge: KnowledgeBase) -> object | None:
    path = settings.knowledge_dir / "onboarding.yaml"
    if not path.is_file():
        return None
    from bot.advisor.onboarding import OnboardingService
    from bot.knowledge.onboarding import load_onboarding

    return OnboardingService(
        onboarding=load_onboarding(path, knowledge.documents), policy=knowledge.policy
    )


def build_advisor(settings: Settings | None = None) -> Advisor:
    """Load and validate knowledge, sync the index, and assemble the Advisor.

    Raises:
        KnowledgeError: a document or the policy file is invalid.
        ConfigError: settings point somewhere unusable.
    """
    settings = settings or Settings()
    knowledge = load_knowledge(settings.knowledge_dir)
    retriever, report = _retriever(settings, knowledge)
    logger.info(
        "index ready: %d chunks (added %d, updated %d, removed %d)",
        len(knowledge.chunks),
        report.added,
        report.updated,
        report.removed,
    )
    titles = {doc.id: doc.title for doc in knowledge.documents}
    lexicon = Lexicon.build(knowledge.vocabulary, knowledge.chunks)
    deterministic = DeterministicComposer(
        document_titles=titles,
        lexicon=lexicon,
        tables=knowledge.tables,
        replies=Replies(topics=knowledge.vocabulary.topics, examples=knowledge.vocabulary.examples),
    )
    composer: Composer = deterministic
    if settings.llm != "none":
        from bot.llm import build_llm_composer

        composer = build_llm_composer(settings=settings, fallback=deterministic)
    return Advisor(
        retriever=retriever,
        policy=knowledge.policy,
        composer=composer,
        lexicon=lexicon,
        max_question_chars=settings.max_question_chars,
        coverage=CoverageRules(min_similarity=settings.min_similarity),
        onboarding=_onboarding(settings, knowledge),
    )


def build_index(settings: Settings | None = None, *, rebuild: bool = False) -> IndexReport:
    """Validate the knowledge base and bring the index up to date (or rebuild it)."""
    settings = settings or Settings()
    knowledge = load_knowledge(settings.knowledge_dir)
    _, report = _retriever(settings, knowledge, rebuild=rebuild)
    return IndexReport(
        documents=len(knowledge.documents),
        chunks=len(knowledge.chunks),
        added=report.added,
        updated=report.updated,
        removed=report.removed,
        unchanged=report.unchanged,
        location=settings.chroma_url or str(settings.chroma_dir),
    )
