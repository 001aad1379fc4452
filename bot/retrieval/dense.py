"""Dense chunk scores: the best unit's cosine similarity plus a share of the section title's."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

SECTION_WEIGHT = 0.2
"""A chunk's dense score adds this share of its section title's similarity to its best unit's."""


class DenseHit(NamedTuple):
    """A chunk found by meaning.

    Attributes:
        chunk_id: The chunk.
        score: similarity + SECTION_WEIGHT x the cosine similarity of its section's title.
        similarity: Cosine similarity of the chunk's nearest unit (sentence or table cell).
        unit_id: That unit's entry id, ``"{chunk_id}#u{n}"``.
        units: (unit entry id, cosine similarity) of every unit of the chunk the query reached.
    """

    chunk_id: str
    score: float
    similarity: float
    unit_id: str
    units: tuple[tuple[str, float], ...] = ()


def pool_units(
    units: Iterable[tuple[str, str, float]],
    *,
    sections: Mapping[str, float],
    section_of: Mapping[str, str],
) -> list[DenseHit]:
    """Max-pool unit similarities per chunk and add the section bonus.

    Args:
        units: (unit entry id, chunk id, cosine similarity) of the units found.
        sections: Cosine similarity by section entry id (a section not found counts 0).
        section_of: The section entry id of each chunk.

    Returns:
        One hit per chunk, best score first, ties broken by chunk id; of a chunk's equally
        close units the one with the smallest id is reported.
    """
    best: dict[str, tuple[float, str]] = {}
    reached: dict[str, list[tuple[str, float]]] = {}
    for unit_id, chunk_id, similarity in units:
        reached.setdefault(chunk_id, []).append((unit_id, similarity))
        current = best.get(chunk_id)
        if (
            current is None
            or similarity > current[0]
            or (similarity == current[0] and unit_id < current[1])
        ):
            best[chunk_id] = (similarity, unit_id)
    hits = [
        DenseHit(
            chunk_id=chunk_id,
            score=similarity + SECTION_WEIGHT * sections.get(section_of.get(chunk_id, ""), 0.0),
            similarity=similarity,
            unit_id=unit_id,
            units=tuple(reached[chunk_id]),
        )
        for chunk_id, (similarity, unit_id) in best.items()
    ]
    hits.sort(key=lambda hit: (-hit.score, hit.chunk_id))
    return hits
