"""The Chroma vector store: chunks as sentence/cell vectors plus section vectors, synced by hash."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from bot.errors import RetrievalError
from bot.models import Chunk
from bot.retrieval.client import create_chroma_client
from bot.retrieval.dense import SECTION_WEIGHT, DenseHit, pool_units
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.units import (
    SECTION_KIND,
    UNIT_KIND,
    index_entries,
    parent_chunk,
    section_entry_id,
    unit_chunk,
)

__all__ = ["SECTION_WEIGHT", "ChunkStore", "DenseHit", "SyncReport", "create_chroma_client"]

logger = logging.getLogger(__name__)

UNIT_RESULTS = 512
"""Units fetched per query. The fused ranking min-max normalises dense scores over every chunk
reached, so the query must reach (nearly) all of them: cutting at 64 of the 98 units of the
knowledge base raised the normalisation floor and cost hybrid hit@3 0.954 -> 0.908."""
SECTION_RESULTS = 256
"""Section entries fetched per query; a chunk whose section is not among them gets no bonus."""


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What `ChunkStore.sync` did, in chunks."""

    added: int
    updated: int
    removed: int
    unchanged: int

    @property
    def changed(self) -> bool:
        """Whether the sync wrote anything."""
        return bool(self.added or self.updated or self.removed)


def _batches(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


class ChunkStore:
    """One Chroma collection (cosine space, MiniLM vectors) of chunk units and section titles."""

    def __init__(
        self,
        *,
        client: ClientAPI,
        name: str,
        embedding_function: MiniLMEmbeddingFunction,
    ) -> None:
        """Open the collection, creating it if needed.

        Args:
            client: A Chroma client (see `create_chroma_client`).
            name: The collection name.
            embedding_function: Embeds documents and queries.

        Raises:
            RetrievalError: If the collection exists with another embedding function or space.
        """
        self._client = client
        self._name = name
        self._ef = embedding_function
        self._collection = self._open()
        # chunk id -> its section entry id: lets queries skip fetching metadata (which costs
        # Chroma more than the nearest-neighbour search itself). Filled by sync, and from the
        # store for units this process has not seen (another process synced them).
        self._section_of: dict[str, str] = {}

    @property
    def name(self) -> str:
        """The collection name."""
        return self._name

    @property
    def embedding_function(self) -> MiniLMEmbeddingFunction:
        """The function that embeds documents and queries."""
        return self._ef

    def _open(self) -> Collection:
        try:
            collection = self._client.get_or_create_collection(
                name=self._name,
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=self._ef,  # type: ignore[arg-type]
            )
        except Exception as exc:  # ValueError on a model conflict, ChromaError on bad names
            msg = (
                f"cannot open Chroma collection {self._name!r} with this embedding model "
                f"({exc}); check the name or rebuild the index"
            )
            raise RetrievalError(msg) from exc
        space = _space_of(collection)
        if space != "cosine":
            msg = f"Chroma collection {self._name!r} uses {space!r} distance, not cosine; rebuild"
            raise RetrievalError(msg)
        return collection

    def count(self) -> int:
        """The number of entries stored (units and sections)."""
        return int(self._collection.count())

    def reset(self) -> None:
        """Drop the collection and create it again, empty."""
        try:
            self._client.delete_collection(self._name)
        except Exception:  # Chroma raises NotFoundError or ValueError by version
            logger.debug("collection %s did not exist before reset", self._name)
        self._collection = self._open()
        self._section_of = {}

    def stored(self) -> dict[str, tuple[dict[str, Any], str]]:
        """Every stored entry id with its metadata and embedded text."""
        result = self._collection.get(include=["metadatas", "documents"])
        metadatas = result["metadatas"] or []
        documents = result["documents"] or []
        return {
            entry_id: (dict(meta or {}), doc or "")
            for entry_id, meta, doc in zip(result["ids"], metadatas, documents, strict=True)
        }

    def sync(self, chunks: Sequence[Chunk]) -> SyncReport:
        """Make the collection hold exactly the entries of these chunks, embedding only changes.

        An entry is kept when its id exists with the same metadata (hashes included) and text;
        other entries are deleted, among them those of the older one-vector-per-chunk layout.
        A chunk counts as unchanged when none of its entries was written or deleted.

        Args:
            chunks: The chunks to index; ids must be unique.

        Returns:
            Counts of added, updated, removed and unchanged chunks.

        Raises:
            RetrievalError: If two chunks share an id, or Chroma fails.
        """
        wanted = index_entries(chunks)
        chunk_ids = list(dict.fromkeys(chunk.id for chunk in chunks))
        existing = self.stored()
        stale = sorted(eid for eid in existing if eid not in wanted)
        write = [
            eid
            for eid, entry in wanted.items()
            if existing.get(eid) != (entry.metadata, entry.document)
        ]
        before = {parent_chunk(eid, meta) for eid, (meta, _) in existing.items()}
        touched = {parent_chunk(eid, existing[eid][0]) for eid in stale}
        touched |= {parent_chunk(eid, wanted[eid].metadata) for eid in write}
        added = [cid for cid in chunk_ids if cid not in before]
        updated = [cid for cid in chunk_ids if cid in before and cid in touched]
        removed = {cid for cid in before if cid is not None} - set(chunk_ids)
        batch = max(1, min(self._client.get_max_batch_size(), 1000))
        try:
            for ids in _batches(stale, batch):
                self._collection.delete(ids=ids)
            for ids in _batches(write, batch):
                self._collection.upsert(
                    ids=ids,
                    documents=[wanted[eid].document for eid in ids],
                    metadatas=cast(Any, [wanted[eid].metadata for eid in ids]),
                )
        except RetrievalError:
            raise
        except Exception as exc:  # Chroma surfaces storage and HTTP errors untyped
            msg = f"cannot write chunks to Chroma collection {self._name!r}: {exc}"
            raise RetrievalError(msg) from exc
        self._section_of = {
            chunk.id: section_entry_id(chunk.document_id, chunk.section_id) for chunk in chunks
        }
        report = SyncReport(
            added=len(added),
            updated=len(updated),
            removed=len(removed),
            unchanged=len(chunk_ids) - len(added) - len(updated),
        )
        logger.info(
            "chroma sync %s: %s (%d entries written, %d deleted)",
            self._name,
            report,
            len(write),
            len(stale),
        )
        return report

    def query(self, text: str, k: int | None = None) -> list[DenseHit]:
        """The chunks nearest to a text: each scored by its best unit plus its section's title.

        Two Chroma queries with one query vector: the units (up to UNIT_RESULTS) and the
        section entries (up to SECTION_RESULTS), max-pooled per chunk.

        Args:
            text: The query.
            k: How many chunks at most; None for every chunk reached.

        Returns:
            Hits, best score first, ties broken by chunk id.

        Raises:
            RetrievalError: If Chroma or the embedding model fails.
        """
        if (k is not None and k <= 0) or not text.strip():
            return []
        vector = self._ef.embed([text])
        units = [
            (unit_id, unit_chunk(unit_id), similarity)
            for unit_id, similarity in self._nearest(vector, UNIT_KIND, UNIT_RESULTS)
        ]
        sections = dict(self._nearest(vector, SECTION_KIND, SECTION_RESULTS))
        self._learn_sections([uid for uid, cid, _ in units if cid not in self._section_of])
        hits = pool_units(units, sections=sections, section_of=self._section_of)
        return hits if k is None else hits[:k]

    def _nearest(self, vector: Any, kind: str, n: int) -> list[tuple[str, float]]:
        """(entry id, cosine similarity) of the n entries of one kind nearest a vector."""
        try:
            # Chroma 1.x returns fewer hits (none for an empty collection) when n > count.
            result = self._collection.query(
                query_embeddings=vector, n_results=n, where={"kind": kind}, include=["distances"]
            )
        except Exception as exc:  # Chroma surfaces storage and HTTP errors untyped
            msg = f"cannot query Chroma collection {self._name!r}: {exc}"
            raise RetrievalError(msg) from exc
        distances = (result["distances"] or [[]])[0]
        return [
            (eid, 1.0 - float(dist)) for eid, dist in zip(result["ids"][0], distances, strict=True)
        ]

    def _learn_sections(self, unit_ids: Sequence[str]) -> None:
        """Read the section of the chunks of units this process has not synced itself."""
        if not unit_ids:
            return
        try:
            result = self._collection.get(ids=list(unit_ids), include=["metadatas"])
        except Exception as exc:  # Chroma surfaces storage and HTTP errors untyped
            msg = f"cannot read Chroma collection {self._name!r}: {exc}"
            raise RetrievalError(msg) from exc
        for meta in result["metadatas"] or []:
            if meta and "chunk_id" in meta:
                self._section_of[str(meta["chunk_id"])] = section_entry_id(
                    str(meta["document_id"]), str(meta["section_id"])
                )


def _space_of(collection: Collection) -> str:
    config: Any = collection.configuration
    index = (config.get("hnsw") or config.get("spann")) if isinstance(config, dict) else None
    space = (index or {}).get("space")
    # A server that does not report the space gets the benefit of the doubt: we asked for cosine.
    return str(space) if space is not None else "cosine"
