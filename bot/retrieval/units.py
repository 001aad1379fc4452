"""The vector store's entries: one per sentence or table cell of a chunk, one per section."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.errors import RetrievalError
from bot.models import Chunk
from bot.text import split_sentences

UNIT_KIND = "unit"
SECTION_KIND = "section"
SECTION_SEPARATOR = " > "
_UNIT_MARK = "#u"
_SECTION_MARK = "#section"
_CELL_SEPARATOR = " | "
_LABEL_SEPARATOR = ": "


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One vector of the store: its id, the text that is embedded and its metadata."""

    id: str
    document: str
    metadata: dict[str, str]


def table_cells(text: str) -> list[str]:
    """The cells of a table-row chunk, each written ``"{row label} — {header}: {value}"``.

    Args:
        text: A table_row chunk's text, ``"Label: Header1: v1 | Header2: v2"``.

    Returns:
        One string per cell; the whole text when it has no ``"label: "`` prefix.
    """
    label, separator, body = text.partition(_LABEL_SEPARATOR)
    if not separator or not body.strip():
        return [text]
    return [f"{label} — {cell}" for cell in body.split(_CELL_SEPARATOR) if cell.strip()]


def chunk_units(chunk: Chunk) -> list[str]:
    """The texts embedded for a chunk: its sentences, or its cells for a table row.

    Mean-pooled MiniLM vectors of a whole paragraph blur its sentences together, so a question
    about one sentence of a long paragraph matched it poorly; each unit gets its own vector and
    the chunk scores as its best unit.

    Args:
        chunk: The chunk.

    Returns:
        At least one non-blank text (the chunk's own text when nothing splits off).
    """
    units = table_cells(chunk.text) if chunk.kind == "table_row" else split_sentences(chunk.text)
    units = [unit for unit in units if unit.strip()]
    return units or [chunk.text]


def section_title(chunk: Chunk) -> str:
    """The last heading of the chunk's section path: what the section entry embeds."""
    return chunk.section.rsplit(SECTION_SEPARATOR, 1)[-1]


def section_entry_id(document_id: str, section_id: str) -> str:
    """The id of a section's entry, ``"{document_id}:{section_id}#section"``."""
    return f"{document_id}:{section_id}{_SECTION_MARK}"


def is_section_entry(entry_id: str) -> bool:
    """Whether an entry id is a section's (``"...#section"``) rather than a unit's."""
    return entry_id.endswith(_SECTION_MARK)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def unit_entries(chunk: Chunk) -> list[IndexEntry]:
    """The unit entries of a chunk, ids ``"{chunk_id}#u{n}"``.

    Metadata is kept small (Chroma stores one SQLite row per field and entry, the bulk of
    writing and paging ~46,000 entries): what readers never need (titles, labels) lives in the
    loaded chunks and on the section entries.

    Args:
        chunk: The chunk.

    Returns:
        One entry per unit; metadata holds the parent's chunk_id, document_id, section_id and
        hash (chunk_hash), and the unit text's sha256 (content_hash).
    """
    parent = {
        "chunk_id": chunk.id,
        "document_id": chunk.document_id,
        "section_id": chunk.section_id,
        "chunk_hash": chunk.content_hash,
    }
    return [
        IndexEntry(
            id=f"{chunk.id}{_UNIT_MARK}{n}",
            document=unit,
            metadata={**parent, "content_hash": _sha256(unit)},
        )
        for n, unit in enumerate(chunk_units(chunk))
    ]


def section_entry(chunk: Chunk) -> IndexEntry:
    """The entry of the chunk's section: its title embedded, kind "section"."""
    title = section_title(chunk)
    return IndexEntry(
        id=section_entry_id(chunk.document_id, chunk.section_id),
        document=title,
        metadata={
            "document_id": chunk.document_id,
            "document_title": chunk.document_title,
            "section_id": chunk.section_id,
            "section": chunk.section,
            "kind": SECTION_KIND,
            "content_hash": _sha256(title),
        },
    )


def index_entries(chunks: Iterable[Chunk]) -> dict[str, IndexEntry]:
    """Every entry the store must hold for these chunks: their units and one per section.

    Args:
        chunks: The chunks; ids must be unique.

    Returns:
        Entries by id, units in chunk order, each section after the first chunk that names it.

    Raises:
        RetrievalError: If two chunks share an id.
    """
    entries: dict[str, IndexEntry] = {}
    seen: set[str] = set()
    for chunk in chunks:
        if chunk.id in seen:
            msg = f"duplicate chunk id {chunk.id!r}; chunk ids must be unique"
            raise RetrievalError(msg)
        seen.add(chunk.id)
        entries.update((entry.id, entry) for entry in unit_entries(chunk))
        section = section_entry(chunk)
        entries.setdefault(section.id, section)
    return entries


def unit_chunk(unit_id: str) -> str:
    """The chunk id of a unit entry id ``"{chunk_id}#u{n}"``."""
    return unit_id.rsplit(_UNIT_MARK, 1)[0]


def parent_chunk(entry_id: str, metadata: Mapping[str, Any]) -> str | None:
    """The chunk an entry belongs to; None for a section entry.

    An entry of the older one-vector-per-chunk layout has no chunk_id: its id is the chunk's.
    """
    if metadata.get("kind") == SECTION_KIND or is_section_entry(entry_id):
        return None
    parent = metadata.get("chunk_id")
    return str(parent) if parent is not None else entry_id
