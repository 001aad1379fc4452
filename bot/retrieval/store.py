"""The Chroma vector store: the current index generation's unit and section collections.

Readers follow the pointer (see `generations`): it is re-read at most every `refresh_s` seconds,
and at once when a generation's collection has gone. Every Chroma call is bounded (the client's
timeout); after a failure the store reports itself unavailable for `retry_s` seconds without
calling Chroma, so callers can answer from keyword retrieval meanwhile.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

from bot.errors import RetrievalError
from bot.models import Chunk
from bot.retrieval.dense import SECTION_WEIGHT, DenseHit, pool_units
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.generations import (
    KINDS,
    SECTIONS,
    UNITS,
    ForeignCollectionError,
    Pointer,
    collection_name,
    read_pointer,
)
from bot.retrieval.paging import PAGE_SIZE, is_gone, nearest, pages
from bot.retrieval.units import section_entry_id, unit_chunk

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from bot.retrieval.sync import SyncReport

__all__ = [
    "PAGE_SIZE",
    "SECTION_WEIGHT",
    "ChunkStore",
    "DenseHit",
    "IndexMissingError",
    "VectorStoreUnavailableError",
    "pages",
]

logger = logging.getLogger(__name__)
T = TypeVar("T")

UNIT_RESULTS = 512
"""Units fetched per query. The fused ranking min-max normalises dense scores over every chunk
reached, so the query must reach (nearly) all of them: cutting at 64 of the 98 units of the
knowledge base raised the normalisation floor and cost hybrid hit@3 0.954 -> 0.908."""


class VectorStoreUnavailableError(RetrievalError):
    """The vector store did not answer (in time); keyword retrieval still works."""


class IndexMissingError(RetrievalError):
    """The store is reachable but holds no index of this name: run `sourcing-advisor index`."""


class ChunkStore:
    """The chunk units and section titles of the current index generation in Chroma."""

    def __init__(
        self,
        *,
        client: ClientAPI | None = None,
        connect: Callable[[], ClientAPI] | None = None,
        name: str,
        embedding_function: MiniLMEmbeddingFunction,
        refresh_s: float = 5.0,
        retry_s: float = 15.0,
        grace_s: float = 600.0,
        hnsw: Mapping[str, int] | None = None,
    ) -> None:
        """Describe the store; Chroma is first called by `sync`, `query` or `health`.

        Args:
            client: A connected Chroma client (see `create_chroma_client`).
            connect: Makes a client (used when `client` is None, and to reconnect after a
                failure: a server client must be made again once the server is back).
            name: The index name: the pointer collection's; generations are named after it.
            embedding_function: Embeds documents and queries.
            refresh_s: Seconds between re-reads of the pointer by a reader.
            retry_s: Seconds the store stays unavailable after a failed call.
            grace_s: Seconds a writer keeps the previous generation after a switch.
            hnsw: Extra HNSW settings of new generations (e.g. a small ``ef_construction``
                for tests that insert many vectors); cosine space is always used.

        Raises:
            RetrievalError: If neither client nor connect is given.
        """
        if client is None and connect is None:
            msg = "ChunkStore needs a Chroma client or a way to connect"
            raise RetrievalError(msg)
        self._client = client
        self._connect = connect
        self._name = name
        self._ef = embedding_function
        self._refresh_s = refresh_s
        self._retry_s = retry_s
        self.grace_s = grace_s
        self.hnsw: dict[str, Any] = {"space": "cosine", **(hnsw or {})}
        self._lock = threading.Lock()
        self._pointer: Pointer | None = None
        self._collections: dict[str, Collection] = {}
        self._checked_at = -math.inf
        self._down_until = -math.inf
        self._down_reason = ""
        # chunk id -> its section entry id, from the loaded chunks: queries read no metadata.
        self._section_of: dict[str, str] = {}
        # (sections collection name, entry ids, unit-length title vectors) of the generation read.
        self._sections: tuple[str, list[str], npt.NDArray[np.float32]] | None = None

    @property
    def name(self) -> str:
        """The index name."""
        return self._name

    @property
    def embedding_function(self) -> MiniLMEmbeddingFunction:
        """The function that embeds documents and queries."""
        return self._ef

    @property
    def generation(self) -> str | None:
        """The generation this reader last opened (None before the first call)."""
        return self._pointer.generation if self._pointer else None

    def client(self) -> ClientAPI:
        """The Chroma client, connecting if needed.

        Raises:
            RetrievalError: If connecting fails.
        """
        if self._client is None:
            assert self._connect is not None  # checked in __init__
            self._client = self._connect()
        return self._client

    def remember_sections(self, chunks: Sequence[Chunk]) -> None:
        """Learn each chunk's section entry, for the section bonus of queries."""
        self._section_of = {
            chunk.id: section_entry_id(chunk.document_id, chunk.section_id) for chunk in chunks
        }

    def sync(self, chunks: Sequence[Chunk], *, rebuild: bool = False) -> SyncReport:
        """Write these chunks as the index (see `bot.retrieval.sync.sync_chunks`)."""
        from bot.retrieval.sync import sync_chunks

        report = sync_chunks(self, chunks, rebuild=rebuild)
        self.remember_sections(chunks)
        self.follow(force=True)
        return report

    def follow(self, *, force: bool = False) -> Pointer:
        """Re-read the pointer if due (or forced) and open the current generation.

        Returns:
            The pointer followed.

        Raises:
            IndexMissingError: The store holds no index of this name.
            RetrievalError: The name is held by another kind of collection.
            Exception: Whatever Chroma raises when it cannot be reached.
        """
        now = time.monotonic()
        if not force and self._pointer is not None and now - self._checked_at < self._refresh_s:
            return self._pointer
        client = self.client()
        pointer = read_pointer(client, self._name)
        if pointer is None:
            msg = f"no index named {self._name!r} in Chroma yet; run `sourcing-advisor index`"
            raise IndexMissingError(msg)
        if self._pointer is None or pointer.generation != self._pointer.generation:
            self._collections = {
                kind: client.get_collection(
                    collection_name(self._name, pointer.generation, kind),
                    embedding_function=self._ef,  # type: ignore[arg-type]
                )
                for kind in KINDS
            }
            if self._pointer is not None:
                logger.info("index %s: now reading generation %s", self._name, pointer.generation)
        self._pointer = pointer
        self._checked_at = now
        return pointer

    def _guarded(self, call: Callable[[Mapping[str, Collection]], T]) -> T:
        """Run a reading call on the current generation's collections, following the pointer.

        Raises:
            VectorStoreUnavailableError: Chroma failed now or within the last `retry_s` seconds.
            IndexMissingError: Chroma answered but holds no index of this name.
        """
        if not self.available:
            raise VectorStoreUnavailableError(self._down_reason)
        try:
            with self._lock:
                self.follow()
                collections = self._collections
            try:
                return call(collections)
            except Exception as exc:
                if not is_gone(exc):
                    raise
                with self._lock:  # the generation was collected after a switch: follow it
                    self.follow(force=True)
                    collections = self._collections
                return call(collections)
        except (IndexMissingError, ForeignCollectionError):
            raise
        except Exception as exc:  # timeouts, refused connections, server errors
            with self._lock:
                self._mark_down(exc)
            raise VectorStoreUnavailableError(self._down_reason) from exc

    def _mark_down(self, exc: BaseException) -> None:
        self._down_until = time.monotonic() + self._retry_s
        self._down_reason = f"the vector store is unavailable ({type(exc).__name__}: {exc})"
        self._checked_at = -math.inf
        if self._connect is not None:
            self._client = None  # a server client is made again (and re-checked) next time
        logger.warning("vector store %s unavailable for %gs: %s", self._name, self._retry_s, exc)

    def start(self) -> Pointer | None:
        """Follow the pointer now; if Chroma does not answer, start unavailable (no raise).

        Returns:
            The pointer, or None when the store is unavailable.

        Raises:
            IndexMissingError: Chroma answered but holds no index of this name.
            RetrievalError: The index name is held by another kind of collection.
        """
        with self._lock:
            try:
                return self.follow(force=True)
            except (IndexMissingError, ForeignCollectionError):
                raise
            except Exception as exc:  # unreachable, timed out
                self._mark_down(exc)
                return None

    def health(self) -> bool:
        """Whether the vector store answers now: one bounded pointer read, whatever the state.

        A success ends an unavailable period at once; a failure starts one.
        """
        with self._lock:
            try:
                self.follow(force=True)
            except Exception as exc:  # unreachable, or no index: not ready either way
                self._mark_down(exc)
                return False
            self._down_until = -math.inf
            return True

    @property
    def available(self) -> bool:
        """False during the `retry_s` seconds after a failed call (no Chroma call made)."""
        return time.monotonic() >= self._down_until

    def count(self) -> int:
        """The number of entries of the current generation (units and sections)."""
        return self._guarded(lambda cols: sum(int(c.count()) for c in cols.values()))

    def stored(self) -> dict[str, tuple[dict[str, Any], str]]:
        """Every entry of the current generation with its metadata and text (read in pages)."""

        def read(cols: Mapping[str, Collection]) -> dict[str, tuple[dict[str, Any], str]]:
            out: dict[str, tuple[dict[str, Any], str]] = {}
            for collection in cols.values():
                for ids, metas, docs in pages(collection, include=("metadatas", "documents")):
                    out.update(
                        (eid, (dict(meta or {}), doc or ""))
                        for eid, meta, doc in zip(ids, metas, docs, strict=True)
                    )
            return out

        return self._guarded(read)

    def _section_similarities(
        self, collection: Collection, vector: npt.NDArray[np.float32]
    ) -> list[tuple[str, float]]:
        """(section entry id, cosine similarity to the vector) of every section title.

        The titles' vectors are read from Chroma once per generation (a few hundred per thousand
        documents) and compared exactly here: one Chroma query fewer per question, and the same
        result in every process (an approximate top-N over many identical titles -- "Scope",
        "Purpose" -- picked a different subset in each new process).
        """
        cached = self._sections
        if cached is None or cached[0] != collection.name:
            cached = self._read_sections(collection)
            self._sections = cached  # one assignment: readers see the old or the new whole
        _, ids, matrix = cached
        if not ids:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        query = query / (float(np.linalg.norm(query)) or 1.0)
        return list(zip(ids, (matrix @ query).tolist(), strict=True))

    @staticmethod
    def _read_sections(
        collection: Collection,
    ) -> tuple[str, list[str], npt.NDArray[np.float32]]:
        """A sections collection's entry ids and unit-length vectors, read in pages."""
        ids: list[str] = []
        rows: list[npt.NDArray[np.float32]] = []
        for page, vectors, _ in pages(collection, include=("embeddings",)):
            ids += page
            rows.append(np.asarray(vectors, dtype=np.float32))
        matrix = np.vstack(rows) if rows else np.zeros((0, 1), dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        unit = (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32)
        return collection.name, ids, unit

    def query(
        self,
        text: str,
        k: int | None = None,
        *,
        vector: npt.NDArray[np.float32] | None = None,
    ) -> list[DenseHit]:
        """The chunks nearest to a text: each scored by its best unit plus its section's title.

        One Chroma query with the query vector, no metadata filter: the units collection (up
        to UNIT_RESULTS); every section title is compared exactly with vectors read once per
        generation (see `_section_similarities`); max-pooled.

        Args:
            text: The query.
            k: How many chunks at most; None for every chunk reached.
            vector: The query's vector when the caller embedded it already (shape (384,)).

        Returns:
            Hits, best score first, ties broken by chunk id.

        Raises:
            VectorStoreUnavailableError: If Chroma does not answer (in time).
            IndexMissingError: If there is no index yet.
            RetrievalError: If the embedding model fails.
        """
        if (k is not None and k <= 0) or not text.strip():
            return []
        if not self.available:
            raise VectorStoreUnavailableError(self._down_reason)
        vectors = self._ef.embed([text]) if vector is None else vector.reshape(1, -1)

        def both(
            cols: Mapping[str, Collection],
        ) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
            return (
                nearest(cols[UNITS], vectors, UNIT_RESULTS),
                self._section_similarities(cols[SECTIONS], vectors),
            )

        unit_hits, section_hits = self._guarded(both)
        units = [(uid, unit_chunk(uid), similarity) for uid, similarity in unit_hits]
        hits = pool_units(units, sections=dict(section_hits), section_of=self._section_of)
        return hits if k is None else hits[:k]
