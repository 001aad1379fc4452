"""Writing the index: the one writer's sync, incremental in place or a new generation aside.

- No index yet, a layout-1 index, or `rebuild`: a new generation is built aside (every entry
  embedded), then the pointer is switched to it in one write and old generations are collected.
- Otherwise the knowledge version (a hash of the chunks) is compared with the pointer's: equal
  means nothing to do (no Chroma read); different means the current generation is diffed page by
  page (ids and metadata only) and changed entries are deleted/embedded in place. Copying a
  generation instead would re-insert every vector into a new HNSW graph, about a minute for the
  ~46,000 entries of 1,000 policy documents on a 2-core machine, against a few seconds in place.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from bot.errors import RetrievalError
from bot.models import Chunk
from bot.retrieval.generations import (
    KINDS,
    SECTIONS,
    UNITS,
    ForeignCollectionError,
    Pointer,
    collect_garbage,
    collection_name,
    drop_collection,
    new_generation,
    read_pointer,
    write_pointer,
)
from bot.retrieval.units import IndexEntry, index_entries, is_section_entry, parent_chunk

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from bot.retrieval.store import ChunkStore

logger = logging.getLogger(__name__)

UNIT_LAYOUT = "sentences-cells-sections/1"
"""Part of the knowledge version: change it when the way chunks become entries changes."""
_WRITE_BATCH = 1000


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a sync did, in chunks, and the generation now current."""

    added: int
    updated: int
    removed: int
    unchanged: int
    generation: str = ""

    @property
    def changed(self) -> bool:
        """Whether the sync wrote anything."""
        return bool(self.added or self.updated or self.removed)

    def __eq__(self, other: object) -> bool:
        """Reports are equal on their counts (the generation id is random)."""
        if not isinstance(other, SyncReport):
            return NotImplemented
        return self.counts == other.counts

    def __hash__(self) -> int:
        """Hash of the counts."""
        return hash(self.counts)

    @property
    def counts(self) -> tuple[int, int, int, int]:
        """(added, updated, removed, unchanged)."""
        return (self.added, self.updated, self.removed, self.unchanged)


def knowledge_version(chunks: Sequence[Chunk]) -> str:
    """A sha256 over UNIT_LAYOUT and every field of the chunks the index depends on.

    Units are not split here (that cost 0.7 s at 13,000 chunks, on every start-up): a change
    to how chunks become units must bump UNIT_LAYOUT (a unit test pins the splitter's output).
    """
    digest = hashlib.sha256(UNIT_LAYOUT.encode())
    for chunk in chunks:
        fields = (
            chunk.id,
            chunk.document_id,
            chunk.document_title,
            chunk.section_id,
            chunk.section,
            chunk.kind,
            chunk.content_hash,
            chunk.text,
        )
        digest.update("\x1f".join(fields).encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def _check_unique(chunks: Sequence[Chunk]) -> None:
    seen: set[str] = set()
    for chunk in chunks:
        if chunk.id in seen:
            msg = f"duplicate chunk id {chunk.id!r}; chunk ids must be unique"
            raise RetrievalError(msg)
        seen.add(chunk.id)


def _batches(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _kind(entry_id: str) -> str:
    return SECTIONS if is_section_entry(entry_id) else UNITS


def _write(collection: Collection, entries: dict[str, IndexEntry], ids: Sequence[str]) -> None:
    for batch in _batches(ids, _WRITE_BATCH):
        collection.upsert(
            ids=batch,
            documents=[entries[eid].document for eid in batch],
            metadatas=cast(Any, [entries[eid].metadata for eid in batch]),
        )


def _fingerprint(metadata: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), str(v)) for k, v in metadata.items()))


def sync_chunks(store: ChunkStore, chunks: Sequence[Chunk], *, rebuild: bool) -> SyncReport:
    """Make the index hold exactly the entries of these chunks, embedding only what changed.

    Args:
        store: The store (its client, index name, embedding function and HNSW settings).
        chunks: The chunks to index; ids must be unique.
        rebuild: Build a new generation from scratch even if the index is current, replacing
            whatever collection holds the index name (another tool's included).

    Returns:
        Counts of added, updated, removed and unchanged chunks (a new generation counts every
        chunk as added) and the generation now current.

    Raises:
        RetrievalError: If two chunks share an id, the name is held by another kind of
            collection (without `rebuild`), or Chroma fails.
    """
    _check_unique(chunks)  # before anything is read or written
    version = knowledge_version(chunks)
    client = store.client()
    try:
        try:
            pointer = read_pointer(client, store.name)
        except ForeignCollectionError as exc:
            if not (rebuild or exc.legacy):  # our own older layout is migrated by rebuilding
                raise
            pointer = None
            rebuild = True
        if not rebuild and pointer is not None and pointer.content == version:
            # The common start-up case: entries are not split out (0.5 s at 13,000 chunks).
            return SyncReport(0, 0, 0, len(chunks), generation=pointer.generation)
        wanted = index_entries(chunks)
        if rebuild or pointer is None:
            return _build_aside(store, client, chunks, wanted, version, previous=pointer)
        return _sync_in_place(store, client, chunks, wanted, version=version, pointer=pointer)
    except RetrievalError:
        raise
    except Exception as exc:  # Chroma surfaces storage and HTTP errors untyped
        msg = f"cannot write the index {store.name!r} to Chroma: {exc}"
        raise RetrievalError(msg) from exc


def _build_aside(
    store: ChunkStore,
    client: ClientAPI,
    chunks: Sequence[Chunk],
    wanted: dict[str, IndexEntry],
    version: str,
    *,
    previous: Pointer | None,
) -> SyncReport:
    generation = new_generation()
    started = time.time()
    collections = {
        kind: client.create_collection(
            collection_name(store.name, generation, kind),
            configuration={"hnsw": cast(Any, store.hnsw)},
            metadata={"created_at": started, "complete": False},
            embedding_function=store.embedding_function,  # type: ignore[arg-type]
        )
        for kind in KINDS
    }
    by_kind: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for eid in wanted:
        by_kind[_kind(eid)].append(eid)
    for kind in KINDS:
        _write(collections[kind], wanted, by_kind[kind])
    collections[UNITS].modify(metadata={"created_at": started, "complete": True})
    if previous is None:
        drop_collection(client, store.name)  # nothing, another tool's, or a layout-1 index
    pointer = Pointer(
        generation=generation,
        content=version,
        previous=previous.generation if previous else "",
        switched_at=time.time(),
    )
    write_pointer(client, store.name, pointer)
    collect_garbage(client, store.name, pointer, grace_s=store.grace_s, now=time.time())
    ids = list(dict.fromkeys(chunk.id for chunk in chunks))
    logger.info("index %s: built generation %s (%d entries)", store.name, generation, len(wanted))
    return SyncReport(len(ids), 0, 0, 0, generation=generation)


def _sync_in_place(
    store: ChunkStore,
    client: ClientAPI,
    chunks: Sequence[Chunk],
    wanted: dict[str, IndexEntry],
    *,
    version: str,
    pointer: Pointer,
) -> SyncReport:
    from bot.retrieval.paging import pages

    collections = {
        kind: client.get_collection(
            collection_name(store.name, pointer.generation, kind),
            embedding_function=store.embedding_function,  # type: ignore[arg-type]
        )
        for kind in KINDS
    }
    existing: dict[str, tuple[tuple[tuple[str, str], ...], str | None]] = {}
    for collection in collections.values():
        for ids, metas, _ in pages(collection, include=("metadatas",)):
            for eid, meta in zip(ids, metas, strict=True):
                fields = dict(meta or {})
                existing[eid] = (_fingerprint(fields), parent_chunk(eid, fields))
    chunk_ids = list(dict.fromkeys(chunk.id for chunk in chunks))
    stale = sorted(eid for eid in existing if eid not in wanted)
    write = [
        eid
        for eid, entry in wanted.items()
        if existing.get(eid, ((), None))[0] != _fingerprint(entry.metadata)
    ]
    before = {parent for _, parent in existing.values() if parent is not None}
    touched = {existing[eid][1] for eid in stale}
    touched |= {parent_chunk(eid, wanted[eid].metadata) for eid in write}
    added = [cid for cid in chunk_ids if cid not in before]
    updated = [cid for cid in chunk_ids if cid in before and cid in touched]
    removed = before - set(chunk_ids)
    for kind, collection in collections.items():
        gone = [eid for eid in stale if _kind(eid) == kind]
        for batch in _batches(gone, _WRITE_BATCH):
            collection.delete(ids=batch)
        _write(collection, wanted, [e for e in write if _kind(e) == kind])
    switched = Pointer(
        generation=pointer.generation,
        content=version,
        previous=pointer.previous,
        switched_at=pointer.switched_at,
    )
    write_pointer(client, store.name, switched)
    collect_garbage(client, store.name, switched, grace_s=store.grace_s, now=time.time())
    report = SyncReport(
        added=len(added),
        updated=len(updated),
        removed=len(removed),
        unchanged=len(chunk_ids) - len(added) - len(updated),
        generation=pointer.generation,
    )
    logger.info(
        "index %s: %s (%d entries written, %d deleted)", store.name, report, len(write), len(stale)
    )
    return report
