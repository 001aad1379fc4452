"""The one place where concrete parts (Chroma, the embedding model, an LLM) are built."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.advisor.composer import DeterministicComposer, Replies
from bot.advisor.glossary import Glossary
from bot.advisor.leads import preceding_sentences, rule_passages, table_intros
from bot.advisor.ports import Composer
from bot.advisor.router import CoverageRules
from bot.advisor.rules import rule_conditions
from bot.advisor.service import Advisor
from bot.config import Settings
from bot.errors import ConfigError
from bot.knowledge import KnowledgeBase
from bot.memory import fix_mmap_threshold, single_threaded_blas

if TYPE_CHECKING:
    from bot.derived import Derived
    from bot.retrieval import BM25Index, HybridRetriever, StoreOptions, SyncReport

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
    generation: str = ""


def _store_options(settings: Settings) -> StoreOptions:
    from bot.retrieval import StoreOptions

    return StoreOptions(
        timeout_s=settings.chroma_timeout_s,
        retry_s=settings.chroma_retry_s,
        refresh_s=settings.index_refresh_s,
        grace_s=settings.index_grace_s,
    )


def _derived(settings: Settings) -> Derived:
    """The knowledge base, lexicon and BM25 index, from the data dir's cache when current."""
    from bot.derived import CACHE_FILE, load_derived

    return load_derived(settings.knowledge_dir, cache_file=settings.data_dir / CACHE_FILE)


def _writer(
    settings: Settings,
    knowledge: KnowledgeBase,
    *,
    rebuild: bool = False,
    bm25: BM25Index | None = None,
) -> tuple[HybridRetriever, SyncReport]:
    """Write the index (the one writer: `index`, or first use of the embedded store)."""
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
        options=_store_options(settings),
        bm25=bm25,
    )


def _retriever(settings: Settings, knowledge: KnowledgeBase, bm25: BM25Index) -> HybridRetriever:
    """The advisor's retriever: with CHROMA_URL a reader of the shared index (never a writer);
    embedded, the index is brought up to date on first use as before."""
    if settings.chroma_url is None:
        retriever, report = _writer(settings, knowledge, bm25=bm25)
        logger.info(
            "index ready: %d chunks (added %d, updated %d, removed %d)",
            len(knowledge.chunks),
            report.added,
            report.updated,
            report.removed,
        )
        return retriever
    from bot.retrieval import open_retriever

    return open_retriever(
        chunks=knowledge.chunks,
        url=settings.chroma_url,
        collection=settings.chroma_collection,
        embedding_model_path=settings.embedding_model_path,
        options=_store_options(settings),
        bm25=bm25,
    )


def _with_labelled(
    settings: Settings, knowledge: KnowledgeBase, retriever: HybridRetriever
) -> HybridRetriever:
    """The retriever with the knowledge base's labelled questions as a third side (see
    ``bot.retrieval.labelled``), their vectors cached in the data dir."""
    if not knowledge.labelled:
        return retriever
    from bot.retrieval.labelled import labelled_index

    labelled = labelled_index(
        knowledge.labelled,
        knowledge.chunks,
        retriever.store.embedding_function,
        cache_dir=settings.data_dir,
    )
    return retriever.with_labelled(labelled)


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
    """Load and validate knowledge, open the index, and assemble the Advisor.

    The embedded store (no CHROMA_URL) is brought up to date on first use; with CHROMA_URL
    the advisor only reads the index's current generation (`sourcing-advisor index` writes it).

    Raises:
        KnowledgeError: a document or the policy file is invalid.
        ConfigError: settings point somewhere unusable.
    """
    settings = settings or Settings()
    fix_mmap_threshold()  # before the embedding model's load frees its buffers (bot.memory)
    single_threaded_blas()  # one small matrix product per question (bot.memory)
    derived = _derived(settings)
    knowledge, lexicon = derived.knowledge, derived.lexicon
    retriever = _with_labelled(settings, knowledge, _retriever(settings, knowledge, derived.bm25))
    titles = {doc.id: doc.title for doc in knowledge.documents}
    conditions = rule_conditions(knowledge.policy)
    deterministic = DeterministicComposer(
        document_titles=titles,
        lexicon=lexicon,
        tables=knowledge.tables,
        replies=Replies(topics=knowledge.vocabulary.topics, examples=knowledge.vocabulary.examples),
        conditions=conditions,
        preceding=preceding_sentences(knowledge.chunks),
        intros=table_intros(knowledge.chunks),
        quoted=rule_passages(knowledge.chunks, [c.quote for c in conditions]),
        glossary=Glossary.build(knowledge.chunks, knowledge.tables, lexicon),
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
    """Validate the knowledge base and bring the index up to date (or rebuild it); the
    knowledge cache and the labelled questions' vectors are brought up to date too, so the
    next process starts quickly."""
    settings = settings or Settings()
    derived = _derived(settings)
    knowledge = derived.knowledge
    retriever, report = _writer(settings, knowledge, rebuild=rebuild, bm25=derived.bm25)
    _with_labelled(settings, knowledge, retriever)  # their vectors' cache, for the next process
    return IndexReport(
        documents=len(knowledge.documents),
        chunks=len(knowledge.chunks),
        added=report.added,
        updated=report.updated,
        removed=report.removed,
        unchanged=report.unchanged,
        location=settings.chroma_url or str(settings.chroma_dir),
        generation=report.generation,
    )
