"""Hybrid search over the knowledge chunks: dense (Chroma) + lexical (BM25), fused.

Fusion is "weighted" by default: 0.6 x dense + 0.4 x BM25, each side min-max normalised over all
the scores it produced (every chunk, not only its top 20), ranked over the union of both sides'
top 20. Reciprocal rank fusion (the spec's method, k=60) stays available as fusion="rrf".
Measured on the 65 labelled questions of tests/eval with the same two sides: weighted hit@1
0.815 / hit@3 0.954, RRF 0.739 / 0.877. When the fusion settings were chosen on one half of the
questions, the other half scored about 0.78 / 0.90 (2-fold, 5 splits). Normalising over the top-20
candidates only gave 0.785 / 0.892. RRF keeps only ranks, dropping how far ahead a side's best
chunk is, which is most of what the dense side knows when one sentence answers the question.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from bot.errors import RetrievalError
from bot.models import Chunk, Passage
from bot.retrieval.bm25 import BM25Index
from bot.retrieval.fusion import reciprocal_rank_fusion, weighted_fusion
from bot.retrieval.labelled import LabelledIndex
from bot.retrieval.store import ChunkStore, VectorStoreUnavailableError
from bot.retrieval.units import chunk_units

logger = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[str, ...] = get_args(Mode)
Fusion = Literal["weighted", "rrf"]
FUSIONS: tuple[str, ...] = get_args(Fusion)
CANDIDATES = 20
RRF_K = 60
DENSE_WEIGHT = 0.6
LEXICAL_WEIGHT = 0.4
LABELLED_WEIGHT = 0.4
"""Weight of the labelled questions' side (see `bot.retrieval.labelled`): each chunk scores the
similarity of the nearest labelled question its quote answers, min-max normalised over the
chunks they name."""


@dataclass(frozen=True, slots=True)
class SearchDiagnostics:
    """The signals that say whether the knowledge base covers a query.

    Attributes:
        best_dense_similarity: Cosine similarity of the nearest unit (sentence or table cell)
            of any chunk; 0.0 if none.
        bm25_max_score: The best BM25 score; 0.0 when no content word of the query is indexed.
        query_terms: The query's distinct content words (lowercased, stopwords removed).
        matched_terms: Those of `query_terms` whose index term occurs in at least one chunk.
        dense: (chunk_id, dense score) candidates from the vector store, best first.
        lexical: (chunk_id, BM25 score) candidates, best first.
        dense_available: False when the vector store did not answer (in time): the passages
            then come from BM25 alone, and `best_dense_similarity` is computed locally over
            the sentences/cells of the passages returned only (a lower bound of the true one).
    """

    best_dense_similarity: float
    bm25_max_score: float
    query_terms: tuple[str, ...]
    matched_terms: tuple[str, ...]
    dense: tuple[tuple[str, float], ...]
    lexical: tuple[tuple[str, float], ...]
    dense_available: bool = True

    @property
    def degraded(self) -> bool:
        """Whether the results are keyword-only because the vector store was unavailable."""
        return not self.dense_available


def _unit_ids(chunk: Chunk) -> tuple[str, ...]:
    """The entry ids of a chunk's units, ``"{chunk_id}#u{n}"``, in order."""
    return tuple(f"{chunk.id}#u{n}" for n in range(len(chunk_units(chunk))))


def _passage(
    chunk: Chunk,
    score: float,
    units: dict[str, float] | None,
    unit_ids: tuple[str, ...],
    labelled: dict[int, float] | None = None,
) -> Passage:
    similarities: tuple[float, ...] = ()
    if units:
        similarities = tuple(units.get(uid, 0.0) for uid in unit_ids)
    answered: tuple[float, ...] = ()
    if labelled:
        answered = tuple(labelled.get(n, 0.0) for n in range(len(unit_ids)))
    return Passage.of_chunk(
        chunk, score=score, unit_similarities=similarities, labelled_similarities=answered
    )


def _check_fusion(fusion: str, rrf_k: int) -> None:
    if fusion not in FUSIONS:
        msg = f"unknown fusion {fusion!r}; use one of {', '.join(FUSIONS)}"
        raise RetrievalError(msg)
    if rrf_k < 0:
        msg = f"RRF k must be >= 0, got {rrf_k}"
        raise RetrievalError(msg)


class HybridRetriever:
    """Searches the chunks by meaning (vectors), by words (BM25), or both fused."""

    def __init__(
        self,
        *,
        store: ChunkStore,
        chunks: Sequence[Chunk],
        bm25: BM25Index,
        fusion: Fusion = "weighted",
        rrf_k: int = RRF_K,
        labelled: LabelledIndex | None = None,
    ) -> None:
        """Combine a synced vector store and a BM25 index built over the same chunks.

        Args:
            store: The Chroma collection holding the chunks' vectors.
            chunks: The chunks, to turn hits back into passages.
            bm25: The lexical index over the same chunks.
            fusion: How hybrid mode fuses the two sides: "weighted" (0.6 dense + 0.4 BM25,
                min-max normalised) or "rrf" (reciprocal rank fusion).
            rrf_k: The RRF smoothing constant.
            labelled: Labelled questions, a third side of hybrid search (none if None).

        Raises:
            RetrievalError: If the fusion is unknown or rrf_k is negative.
        """
        _check_fusion(fusion, rrf_k)
        self._store = store
        store.remember_sections(chunks)
        self._chunks = {chunk.id: chunk for chunk in chunks}
        # Split once, not per passage of every search (the chunks do not change).
        self._unit_ids = {chunk.id: _unit_ids(chunk) for chunk in chunks}
        self._bm25 = bm25
        self._fusion: Fusion = fusion
        self._rrf_k = rrf_k
        self._labelled = labelled if labelled is not None and len(labelled) else None

    def with_labelled(self, labelled: LabelledIndex | None) -> HybridRetriever:
        """The same retriever (same store, chunks and BM25 index) with other labelled
        questions: e.g. ``labelled.without(ids)`` to measure answers to questions nobody
        labelled."""
        other = copy.copy(self)
        other._labelled = labelled if labelled is not None and len(labelled) else None
        return other

    @property
    def labelled(self) -> LabelledIndex | None:
        """The labelled questions searched beside the documents, if any."""
        return self._labelled

    @property
    def store(self) -> ChunkStore:
        """The vector store."""
        return self._store

    @property
    def fusion(self) -> Fusion:
        """How hybrid mode fuses the dense and BM25 sides."""
        return self._fusion

    @property
    def chunk_count(self) -> int:
        """How many chunks are searchable."""
        return len(self._chunks)

    @property
    def dense_available(self) -> bool:
        """False while the vector store is taken to be unavailable (searches are keyword-only).

        Makes no call: it reflects the last Chroma call (see `health` for a live check).
        """
        return self._store.available

    def health(self) -> bool:
        """Whether the vector store answers now (one bounded Chroma call; for a readiness probe).

        A success also ends keyword-only mode at once instead of after the retry period.
        """
        return self._store.health()

    def _local_similarity(self, text: str, chunk_ids: Sequence[str]) -> float:
        """Best cosine similarity between the query and the units of these chunks, embedded here
        (keyword-only mode: the coverage signal without the vector store; ~25 short texts)."""
        units = [unit for cid in chunk_ids for unit in chunk_units(self._chunks[cid])]
        if not units:
            return 0.0
        vectors = self._store.embedding_function.embed([text, *units])
        return max(0.0, float((vectors[1:] @ vectors[0]).max()))

    def search(self, text: str, k: int = 5, *, mode: Mode = "hybrid") -> list[Passage]:
        """The k passages most relevant to a text.

        Args:
            text: The query.
            k: How many passages at most.
            mode: "hybrid" (score = fused score), "dense" (score = best unit similarity +
                0.2 x section title similarity) or "bm25" (score = BM25 score).

        Returns:
            Passages, best first; empty for a blank query.

        Raises:
            RetrievalError: If the mode is unknown, or mode is "dense" and the vector store is
                unavailable (hybrid mode then answers from BM25 alone).
        """
        return self._run(text, k, mode=mode, both=False)[0]

    def search_with_diagnostics(
        self, text: str, k: int = 5, *, mode: Mode = "hybrid", expansion: str = ""
    ) -> tuple[list[Passage], SearchDiagnostics]:
        """Search, and report the best dense similarity and BM25 score alongside.

        Args:
            text: The query.
            k: How many passages at most.
            mode: As for `search`; both sides are queried whatever the mode.
            expansion: Terms added to the BM25 query only (query expansion: the canonical
                terms of the synonyms a question uses). The dense side embeds ``text`` as
                written: the model reads synonyms itself, and appended terms pull the query's
                vector away from what was asked (on the dev questions, expanding both sides
                put the evidence in the first paragraph for 0.660 of them, expanding BM25 only
                for 0.690).

        Returns:
            The passages (as `search` returns them) and the coverage signals; while the vector
            store is unavailable, hybrid passages come from BM25 alone and the diagnostics say
            ``dense_available=False``.

        Raises:
            RetrievalError: If the mode is unknown, or mode is "dense" and the vector store is
                unavailable.
        """
        return self._run(text, k, mode=mode, both=True, expansion=expansion)

    def _fuse(
        self,
        dense: list[tuple[str, float]],
        lexical: list[tuple[str, float]],
        dense_all: dict[str, float],
        lexical_all: dict[str, float],
        answers: dict[str, float],
    ) -> list[tuple[str, float]]:
        """Hybrid ranking: the dense, BM25 and labelled-question sides fused."""
        if self._fusion == "rrf":
            return reciprocal_rank_fusion(
                [[cid for cid, _ in dense], [cid for cid, _ in lexical], list(answers)],
                k=self._rrf_k,
            )
        return weighted_fusion(
            [dense_all, lexical_all, answers],
            weights=[DENSE_WEIGHT, LEXICAL_WEIGHT, LABELLED_WEIGHT],
            candidates=[cid for cid, _ in dense] + [cid for cid, _ in lexical] + list(answers),
        )

    def _run(
        self, text: str, k: int, *, mode: Mode, both: bool, expansion: str = ""
    ) -> tuple[list[Passage], SearchDiagnostics]:
        if mode not in MODES:
            msg = f"unknown search mode {mode!r}; use one of {', '.join(MODES)}"
            raise RetrievalError(msg)
        n = max(CANDIDATES, k)
        blank = not text.strip() or k <= 0
        lexical_text = f"{text} {expansion}".strip()
        dense_all: dict[str, float] = {}
        unit_sims: dict[str, float] = {}
        best_similarity = 0.0
        lexical_all: dict[str, float] = {}
        dense_available = True
        # The labelled questions need the query's vector: it is embedded once for both.
        labelled = self._labelled if mode == "hybrid" and not blank else None
        vector = self._store.embedding_function.embed([text])[0] if labelled else None
        if not blank and (both or mode != "bm25"):
            try:
                hits = self._store.query(text, vector=vector)
            except VectorStoreUnavailableError:
                if mode == "dense":
                    raise
                dense_available = False
                hits = []
            known = [hit for hit in hits if hit.chunk_id in self._chunks]
            if len(known) != len(hits):
                logger.warning("vector store holds chunks that are not loaded; re-sync the index")
            dense_all = {hit.chunk_id: hit.score for hit in known}
            unit_sims = {uid: sim for hit in known for uid, sim in hit.units}
            best_similarity = max((hit.similarity for hit in known), default=0.0)
        dense = sorted(dense_all.items(), key=lambda pair: (-pair[1], pair[0]))[:n]
        lexical: list[tuple[str, float]] = []
        if not blank and (both or mode != "dense"):
            # Scores of the top n, of the dense candidates and the extremes: what fusion reads.
            lexical, lexical_all = self._bm25.top_scores(
                lexical_text, n, include=[cid for cid, _ in dense]
            )
        answers: dict[str, float] = {}
        answered: dict[str, dict[int, float]] = {}
        if labelled is not None and vector is not None and dense_available:
            answers, answered = labelled.votes(vector)
        if blank:
            ranked: list[tuple[str, float]] = []
        elif mode == "dense":
            ranked = dense
        elif mode == "bm25" or not dense_available:
            ranked = lexical
        else:
            ranked = self._fuse(dense, lexical, dense_all, lexical_all, answers)
        passages = [
            _passage(self._chunks[cid], score, unit_sims, self._unit_ids[cid], answered.get(cid))
            for cid, score in ranked[:k]
        ]
        if not dense_available and both:
            best_similarity = self._local_similarity(text, [cid for cid, _ in ranked[:k]])
        return passages, SearchDiagnostics(
            best_dense_similarity=best_similarity,
            bm25_max_score=max((score for _, score in lexical), default=0.0),
            query_terms=tuple(self._bm25.query_terms(lexical_text)),
            matched_terms=tuple(self._bm25.matched_terms(lexical_text)),
            dense=tuple(dense),
            lexical=tuple(lexical),
            dense_available=dense_available,
        )
