"""Labelled questions as a third side of hybrid search: a question near one that people asked
before reaches the sentence that answered it.

Each labelled question (``knowledge/labelled-questions.yaml``) is embedded once; a query's
nearest labelled questions vote for the chunk, and the sentence (or table cell) within it, that
holds their quote. This is document expansion with known queries (as doc2query adds the
questions a passage answers to it), kept beside the index rather than in it, so the coverage
signals still measure the documents alone.

Measured leave-one-writer-out on the dev questions (each of the 11 writers' questions answered
with the other writers' as the labelled set): the first paragraph held the evidence for 0.812 of
600 questions, the whole answer for 0.920 (without labelled questions: 0.753 and 0.876 of the
542 questions dev had before set O). The neighbours, floor and weights below were chosen on that
measure; on the held-out questions, never labelled, hybrid hit@3 went from 0.660 to 0.852.
More labelled questions help less and less: half of those 536 gave 0.798 and 0.903, and the 152
added with sets R, S and T (688 in all) moved a further unseen set by one question of 60.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.models import Chunk, LabelledQuestion
from bot.retrieval.embeddings import MODEL_SHA256, MiniLMEmbeddingFunction
from bot.retrieval.units import chunk_units
from bot.text import first_holding, quote_in

logger = logging.getLogger(__name__)

NEIGHBOURS = 5
"""Labelled questions read per query (the nearest first) ..."""
MIN_SIMILARITY = 0.6
"""... of at least this cosine similarity to it."""
CACHE_FILE = "labelled-vectors.npz"
"""The vectors' cache in the data dir."""
_MEMO_SIZE = 4
"""Vector sets kept in memory per process (by key): a process that builds several retrievers
over the same questions (the evaluation, the tests) embeds them once."""
_memo: dict[str, npt.NDArray[np.float32]] = {}
_memo_lock = threading.Lock()

Embed = Callable[[list[str]], npt.NDArray[np.float32]]


@dataclass(frozen=True, slots=True)
class LabelledHit:
    """A labelled question near a query, and where its answer is.

    Attributes:
        id: The labelled question's id.
        chunk_id: The chunk holding its quote.
        unit: The index of the sentence (or table cell) holding it, in ``chunk_units`` order.
        similarity: Cosine similarity of the two questions.
    """

    id: str
    chunk_id: str
    unit: int
    similarity: float


def _unit(chunk: Chunk, quote: str) -> int:
    """The unit of the chunk (sentence or table cell) holding the quote, else the first unit
    the quote holds (a quote of two sentences), else its first unit."""
    units = chunk_units(chunk)
    unit = next((i for i, u in enumerate(units) if quote_in(u, quote)), None)
    if unit is None:
        unit = next((i for i, u in enumerate(units) if quote_in(quote, u)), 0)
    return unit


class LabelledIndex:
    """The labelled questions' vectors and where each one's answer is."""

    def __init__(
        self,
        ids: Sequence[str],
        targets: Sequence[tuple[str, int]],
        vectors: npt.NDArray[np.float32],
    ) -> None:
        """Hold already embedded questions.

        Args:
            ids: The questions' ids.
            targets: Per question, (chunk id, unit index) of its answer.
            vectors: Shape (len(ids), dim), unit-length rows.

        Raises:
            ValueError: If the lengths disagree.
        """
        if not (len(ids) == len(targets) == len(vectors)):
            msg = f"{len(ids)} ids, {len(targets)} targets and {len(vectors)} vectors"
            raise ValueError(msg)
        self._ids = tuple(ids)
        self._targets = tuple(targets)
        self._vectors = vectors

    @classmethod
    def build(
        cls,
        questions: Sequence[LabelledQuestion],
        chunks: Sequence[Chunk],
        embed: Embed,
        *,
        model: str,
        cache_dir: Path | None = None,
    ) -> LabelledIndex:
        """Embed the questions whose quote a chunk holds (the loader checked they all do).

        Embedding costs about 8 ms a question on one core (4.5 s for 536), so the vectors are
        kept in ``cache_dir/labelled-vectors.npz``, keyed by a sha256 over ``model`` and every
        question's text; a missing, unreadable or mismatched file is rebuilt, and a data dir
        that cannot be written costs only the time. The process also keeps the last few sets
        in memory under the same key.

        Args:
            questions: The labelled questions.
            chunks: Every chunk of the knowledge base.
            embed: Texts to unit vectors (the retriever's embedding model).
            model: Names the model (its vectors differ from another's).
            cache_dir: Where to keep the vectors; None to embed every time.

        Returns:
            The index (empty when there are no questions).
        """
        found = first_holding([chunk.text for chunk in chunks], [q.quote for q in questions])
        kept = [(q, chunks[at]) for q, at in zip(questions, found, strict=True) if at is not None]
        texts = [q.question for q, _ in kept]
        ids = [q.id for q, _ in kept]
        targets = [(chunk.id, _unit(chunk, q.quote)) for q, chunk in kept]
        if not kept:
            return cls((), (), np.zeros((0, 0), dtype=np.float32))
        digest = hashlib.sha256(model.encode())
        for text in texts:
            digest.update(b"\0" + text.encode())
        key = digest.hexdigest()
        path = cache_dir / CACHE_FILE if cache_dir is not None else None
        stored = _read(path, key, len(texts)) if path is not None else None
        with _memo_lock:
            vectors = _memo.get(key, stored)
        if vectors is None:
            vectors = np.asarray(embed(texts), dtype=np.float32)
        if path is not None and stored is None:
            _write(path, key, vectors)
        with _memo_lock:
            _memo[key] = vectors
            while len(_memo) > _MEMO_SIZE:
                _memo.pop(next(iter(_memo)))
        return cls(ids, targets, vectors)

    def __len__(self) -> int:
        """How many labelled questions it holds."""
        return len(self._ids)

    def nearest(
        self,
        vector: npt.NDArray[np.float32],
        k: int = NEIGHBOURS,
        floor: float = MIN_SIMILARITY,
    ) -> list[LabelledHit]:
        """The labelled questions nearest a query.

        Args:
            vector: The query's unit vector, shape (dim,).
            k: How many at most.
            floor: The lowest cosine similarity kept.

        Returns:
            Hits, most similar first (ties in file order).
        """
        if not self._ids or k <= 0:
            return []
        sims = self._vectors @ vector
        order = np.argsort(-sims, kind="stable")[:k]
        return [
            LabelledHit(self._ids[i], self._targets[i][0], self._targets[i][1], float(sims[i]))
            for i in order
            if sims[i] >= floor
        ]

    def votes(
        self, vector: npt.NDArray[np.float32]
    ) -> tuple[dict[str, float], dict[str, dict[int, float]]]:
        """What the nearest labelled questions (``nearest``) say of a query.

        Returns:
            Per chunk, the best similarity of a labelled question it answers; and per chunk,
            the same per unit (sentence or table cell) index.
        """
        chunks: dict[str, float] = {}
        units: dict[str, dict[int, float]] = {}
        for hit in self.nearest(vector):
            chunks[hit.chunk_id] = max(chunks.get(hit.chunk_id, 0.0), hit.similarity)
            unit = units.setdefault(hit.chunk_id, {})
            unit[hit.unit] = max(unit.get(hit.unit, 0.0), hit.similarity)
        return chunks, units

    def without(self, ids: Iterable[str]) -> LabelledIndex:
        """The same index without these questions (to measure how well the others carry over
        to questions nobody labelled: leave one writer's questions out)."""
        dropped = set(ids)
        keep = [i for i, qid in enumerate(self._ids) if qid not in dropped]
        return LabelledIndex(
            [self._ids[i] for i in keep],
            [self._targets[i] for i in keep],
            self._vectors[keep] if keep else np.zeros((0, 0), dtype=np.float32),
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the questions held, in file order."""
        return self._ids


def labelled_index(
    questions: Sequence[LabelledQuestion],
    chunks: Sequence[Chunk],
    function: MiniLMEmbeddingFunction,
    *,
    cache_dir: Path | None,
) -> LabelledIndex:
    """``LabelledIndex.build`` with the retriever's embedding model (its vectors cached under
    the model's name and pinned sha256)."""
    return LabelledIndex.build(
        questions,
        chunks,
        function.embed,
        model=f"{function.name()}:{MODEL_SHA256}",
        cache_dir=cache_dir,
    )


def _read(path: Path, key: str, n: int) -> npt.NDArray[np.float32] | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["key"]) != key:
                return None
            vectors = np.asarray(data["vectors"], dtype=np.float32)
    except (OSError, ValueError, KeyError) as exc:
        if path.exists():
            logger.warning("ignoring the labelled questions' cache %s: %s", path, exc)
        return None
    if vectors.ndim != 2 or len(vectors) != n:
        return None
    return vectors


def _write(path: Path, key: str, vectors: npt.NDArray[np.float32]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".labelled-", suffix=".npz")
        with os.fdopen(handle, "wb") as out:
            np.savez(out, key=np.array(key), vectors=vectors)
        os.replace(tmp, path)
    except OSError as exc:
        logger.warning("cannot cache the labelled questions' vectors in %s: %s", path, exc)
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
