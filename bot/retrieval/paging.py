"""Reading Chroma collections: whole collections in pages, nearest neighbours, gone collections."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

PAGE_SIZE = 2000
"""Entries read per Chroma `get`: Chroma's SQLite rejects one call over 32,766 ids."""


def is_gone(exc: BaseException) -> bool:
    """Whether Chroma said a collection does not exist (deleted after a generation switch)."""
    from chromadb.errors import NotFoundError

    return isinstance(exc, NotFoundError) or "does not exist" in str(exc)


def nearest(collection: Collection, vector: Any, n: int) -> list[tuple[str, float]]:
    """(entry id, cosine similarity) of the n entries of a collection nearest a vector."""
    # Chroma 1.x returns fewer hits (none for an empty collection) when n > count.
    result = collection.query(query_embeddings=vector, n_results=n, include=["distances"])
    distances = (result["distances"] or [[]])[0]
    return [(eid, 1.0 - float(dist)) for eid, dist in zip(result["ids"][0], distances, strict=True)]


def pages(
    collection: Collection, *, include: Sequence[str], size: int = PAGE_SIZE
) -> Iterator[tuple[list[str], list[Any], list[Any]]]:
    """Read a whole collection `size` entries at a time (limit/offset; the collection must not
    change meanwhile), as (ids, first included field, second included field or Nones)."""
    offset = 0
    while True:
        result: Any = collection.get(limit=size, offset=offset, include=list(include))  # type: ignore[arg-type]
        ids = list(result["ids"])
        if not ids:
            return
        first = _listed(result[include[0]], len(ids))
        second = _listed(result[include[1]], len(ids)) if len(include) > 1 else []
        yield ids, first, second or [None] * len(ids)
        if len(ids) < size:
            return
        offset += len(ids)


def _listed(field: Any, n: int) -> list[Any]:
    """A `get` result field as a list (Chroma gives None for a field it did not include, and
    embeddings as a numpy array, whose truth value is ambiguous)."""
    return [None] * n if field is None else list(field)
