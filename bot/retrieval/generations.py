"""Index generations: collections built aside, a pointer record naming the current one, GC.

The pointer is a Chroma collection named after the index (no vectors); its metadata names the
current generation, the knowledge version it holds and the previous generation. Each generation
is two collections, ``{index}.{generation}.units`` and ``{index}.{generation}.sections``, so dense
queries need no metadata filter. Switching is one metadata write, atomic for readers.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.errors import RetrievalError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

logger = logging.getLogger(__name__)

LAYOUT = 2
"""Version of the on-store layout, kept in the pointer (1 was one collection with a kind field)."""
_MARKER = "sourcing_advisor_index"
UNITS = "units"
SECTIONS = "sections"
KINDS = (UNITS, SECTIONS)
_EF_NAME = "sourcing_advisor_minilm_l6_v2_int8"


@dataclass(frozen=True, slots=True)
class Pointer:
    """The pointer record of an index.

    Attributes:
        generation: The current generation's id (e.g. ``g20261130t093000-1a2b3c``).
        content: The knowledge version the current generation holds (a sha256 hex).
        previous: The generation before it, kept for a grace period; "" if none.
        switched_at: When the current generation became current (Unix seconds).
    """

    generation: str
    content: str
    previous: str = ""
    switched_at: float = 0.0

    def metadata(self) -> dict[str, Any]:
        """The pointer as Chroma collection metadata."""
        return {
            _MARKER: LAYOUT,
            "generation": self.generation,
            "content": self.content,
            "previous": self.previous,
            "switched_at": self.switched_at,
        }


class ForeignCollectionError(RetrievalError):
    """The index name is taken by a collection that is not a pointer of this layout."""

    def __init__(self, message: str, *, legacy: bool) -> None:
        """Record whether the collection is this product's layout-1 index (safe to migrate)."""
        super().__init__(message)
        self.legacy = legacy


def new_generation() -> str:
    """A fresh generation id: UTC time to the second plus 6 random hex digits."""
    return time.strftime("g%Y%m%dt%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3)


def collection_name(index: str, generation: str, kind: str) -> str:
    """The Chroma collection of one kind (units | sections) of a generation."""
    return f"{index}.{generation}.{kind}"


def _is_legacy(collection: Collection) -> bool:
    """Whether a collection is this product's layout-1 index (our model, no pointer marker)."""
    config: Any = collection.configuration
    function = config.get("embedding_function") if isinstance(config, dict) else None
    return function is not None and getattr(function, "name", lambda: "")() == _EF_NAME


def read_pointer(client: ClientAPI, index: str) -> Pointer | None:
    """The index's pointer record, or None when the index does not exist.

    Raises:
        ForeignCollectionError: The name is held by another kind of collection (another tool's,
            or this product's layout-1 index: `legacy` tells which in the message).
        Exception: Whatever the Chroma client raises when the store cannot be reached.
    """
    from chromadb.errors import NotFoundError

    try:
        collection = client.get_collection(index)
    except NotFoundError:
        return None
    except ValueError as exc:  # some chromadb versions raise ValueError for a missing collection
        if "does not exist" in str(exc):
            return None
        raise
    meta = collection.metadata or {}
    if meta.get(_MARKER) != LAYOUT or not meta.get("generation"):
        legacy = _is_legacy(collection)
        kind = "an older sourcing-advisor index" if legacy else "not a sourcing-advisor index"
        msg = (
            f"the Chroma collection {index!r} is {kind} (another tool's, or built with other "
            "settings); run `sourcing-advisor index --rebuild` to replace it"
        )
        raise ForeignCollectionError(msg, legacy=legacy)
    return Pointer(
        generation=str(meta["generation"]),
        content=str(meta.get("content", "")),
        previous=str(meta.get("previous", "")),
        switched_at=float(meta.get("switched_at", 0.0)),
    )


def write_pointer(client: ClientAPI, index: str, pointer: Pointer) -> None:
    """Create the pointer collection or replace its metadata (one atomic write)."""
    collection = client.get_or_create_collection(
        index, metadata=pointer.metadata(), embedding_function=None
    )
    if collection.metadata != pointer.metadata():
        collection.modify(metadata=pointer.metadata())


def drop_collection(client: ClientAPI, name: str) -> None:
    """Delete a collection; a collection already gone is not an error."""
    try:
        client.delete_collection(name)
    except Exception:  # NotFoundError or ValueError by chromadb version
        logger.debug("collection %s was already gone", name)


def generations(client: ClientAPI, index: str) -> dict[str, dict[str, Any]]:
    """Every generation of the index found in the store, with its units collection's metadata."""
    prefix = f"{index}."
    found: dict[str, dict[str, Any]] = {}
    for collection in client.list_collections():
        name = collection.name
        if not name.startswith(prefix):
            continue
        generation, _, kind = name[len(prefix) :].rpartition(".")
        if kind in KINDS and generation.startswith("g") and "." not in generation:
            meta = dict(collection.metadata or {}) if kind == UNITS else {}
            found.setdefault(generation, {}).update(meta)
    return found


def collect_garbage(
    client: ClientAPI, index: str, pointer: Pointer, *, grace_s: float, now: float
) -> list[str]:
    """Delete the generations readers can no longer need.

    Kept: the current generation; the previous one until `grace_s` after the switch (readers
    that have not re-read the pointer yet still use it); any other generation still being built
    (created less than `grace_s` ago and not complete: another writer's).

    Returns:
        The generations deleted.
    """
    dropped = []
    for generation, meta in sorted(generations(client, index).items()):
        if generation == pointer.generation:
            continue
        if generation == pointer.previous and now - pointer.switched_at < grace_s:
            continue
        created = float(meta.get("created_at", 0.0))
        if not meta.get("complete") and now - created < grace_s:
            continue
        for kind in KINDS:
            drop_collection(client, collection_name(index, generation, kind))
        dropped.append(generation)
    if dropped:
        logger.info("index %s: deleted old generations %s", index, ", ".join(dropped))
    return dropped
