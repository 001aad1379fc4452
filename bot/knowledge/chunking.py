"""Split documents into chunks: paragraphs, whole bullet lists, and labelled table rows."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import zip_longest

from bot.knowledge._text import collapse_whitespace, fenced_lines
from bot.models import Chunk, Document, Section, TableRow

MIN_PARAGRAPH_CHARS = 60
"""Paragraphs shorter than this merge with the next one of the same section."""

SECTION_SEPARATOR = " > "

_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_TABLE_SEPARATOR = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class _Block:
    """A run of lines [start, end) of a section's text and what it holds."""

    start: int
    end: int
    kind: str  # "paragraph" | "list" | "table"


def chunk_documents(documents: Iterable[Document]) -> tuple[Chunk, ...]:
    """Split documents into retrievable chunks, deterministically.

    Each section gives one chunk per paragraph (a bullet list is one chunk; paragraphs shorter
    than ``MIN_PARAGRAPH_CHARS`` merge with the next one) and one ``table_row`` chunk per data row
    of a markdown table, written as ``label: header: cell | header: cell``.

    Args:
        documents: Loaded documents.

    Returns:
        The chunks in document and section order, with ids ``<document>:<section>:<n>``.
    """
    chunks: list[Chunk] = []
    for document in documents:
        for section in document.sections:
            chunks.extend(
                _make_chunk(document, section, n=n, text=text, kind=kind)
                for n, (text, kind) in enumerate(section_passages(section.text))
            )
    return tuple(chunks)


def section_label(document: Document, section: Section) -> str:
    """How a citation names a section: its heading path without a top heading equal to the title."""
    path = section.path
    if len(path) > 1 and path[0] == document.title:
        path = path[1:]
    return SECTION_SEPARATOR.join(path) or section.title


def heading_prefix(document: Document, section: Section) -> str:
    """The heading path that prefixes a chunk's index text (the title is not repeated)."""
    path = section.path
    if path and path[0] == document.title:
        path = path[1:]
    return SECTION_SEPARATOR.join((document.title, *path))


def section_passages(text: str) -> list[tuple[str, str]]:
    """Split a section's markdown into (passage text, kind) pairs; kind is paragraph|table_row."""
    lines = text.split("\n")
    passages: list[tuple[str, str]] = []
    spans: list[tuple[int, int] | None] = []  # line span of each paragraph; None for table rows
    blocks = _blocks(lines)
    pending: int | None = None  # first line of short paragraphs waiting to merge forward
    for i, block in enumerate(blocks):
        if block.kind == "table":
            rows = _table_rows(lines[block.start : block.end])
            passages.extend((row, "table_row") for row in rows)
            spans.extend(None for _ in rows)
            continue
        start = block.start if pending is None else pending
        pending = None
        passage = "\n".join(lines[start : block.end])
        if len(collapse_whitespace(passage)) < MIN_PARAGRAPH_CHARS:
            next_block = blocks[i + 1] if i + 1 < len(blocks) else None
            if next_block is not None and next_block.kind != "table":
                pending = start
                continue
            last_span = spans[-1] if spans else None
            if last_span is not None:
                # A short paragraph with nothing to merge into joins the paragraph before it.
                spans[-1] = (last_span[0], block.end)
                passages[-1] = ("\n".join(lines[last_span[0] : block.end]), "paragraph")
                continue
        passages.append((passage, "paragraph"))
        spans.append((start, block.end))
    return passages


def _make_chunk(document: Document, section: Section, *, n: int, text: str, kind: str) -> Chunk:
    index_text = f"{heading_prefix(document, section)}\n{text}"
    return Chunk(
        id=f"{document.id}:{section.id}:{n}",
        document_id=document.id,
        document_title=document.title,
        section_id=section.id,
        section=section_label(document, section),
        text=text,
        index_text=index_text,
        kind=kind,
        content_hash=hashlib.sha256(index_text.encode("utf-8")).hexdigest(),
    )


def _blocks(lines: list[str]) -> list[_Block]:
    """Blank-line separated blocks; fenced code keeps its blank lines; loose lists stay whole."""
    fenced = fenced_lines(lines)
    raw: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        if line.strip() or fenced[i]:
            if start is None:
                start = i
        elif start is not None:
            raw.append((start, i))
            start = None
    if start is not None:
        raw.append((start, len(lines)))
    blocks: list[_Block] = []
    for begin, end in raw:
        block_lines = lines[begin:end]
        kind = _kind(block_lines)
        previous = blocks[-1] if blocks else None
        continues_list = kind == "list" or block_lines[0].startswith(("  ", "\t"))
        if previous is not None and previous.kind == "list" and continues_list:
            blocks[-1] = _Block(previous.start, end, "list")
        else:
            blocks.append(_Block(begin, end, kind))
    return blocks


def _kind(lines: list[str]) -> str:
    if (
        len(lines) >= 3
        and all(line.lstrip().startswith("|") for line in lines)
        and _TABLE_SEPARATOR.match(lines[1].strip())
    ):
        return "table"
    if _LIST_ITEM.match(lines[0]):
        return "list"
    return "paragraph"


def _cells(line: str) -> list[str]:
    """The cells of one table row, trimmed, with escaped pipes restored."""
    row = line.strip().removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(row)]


def _parsed_rows(lines: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each data row's label and its (column header, cell) pairs; empty cells are left out."""
    headers = _cells(lines[0])
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    for line in lines[2:]:
        label, *cells = _cells(line)
        pairs = [
            (header, cell) for header, cell in zip_longest(headers[1:], cells, fillvalue="") if cell
        ]
        if label or pairs:
            rows.append((label, pairs))
    return rows


def _table_rows(lines: list[str]) -> list[str]:
    """Each data row as 'label: header: cell | header: cell' (empty cells are left out; an
    empty label reads 'row N')."""
    rows: list[str] = []
    for number, (label, pairs) in enumerate(_parsed_rows(lines), 1):
        body = " | ".join(f"{header}: {cell}" if header else cell for header, cell in pairs)
        # A row whose label the document leaves empty is named by its position, never guessed.
        name = label or f"row {number}"
        rows.append(f"{name}: {body}" if body else name)
    return rows


def table_rows(documents: Iterable[Document]) -> dict[str, TableRow]:
    """The structure of every table-row chunk, keyed by chunk id.

    Args:
        documents: Loaded documents (the same ones ``chunk_documents`` splits).

    Returns:
        For each ``table_row`` chunk: its table's title, its 1-based row number, its label
        (empty when the document leaves it empty) and its (column header, cell) pairs.
    """
    out: dict[str, TableRow] = {}
    for document in documents:
        for section in document.sections:
            lines = section.text.split("\n")
            parsed = [
                row
                for block in _blocks(lines)
                if block.kind == "table"
                for row in _parsed_rows(lines[block.start : block.end])
            ]
            passages = section_passages(section.text)
            positions = [n for n, (_, kind) in enumerate(passages) if kind == "table_row"]
            for number, (n, (label, pairs)) in enumerate(zip(positions, parsed, strict=True), 1):
                chunk_id = f"{document.id}:{section.id}:{n}"
                out[chunk_id] = TableRow(
                    chunk_id=chunk_id,
                    document_id=document.id,
                    document_title=document.title,
                    section_id=section.id,
                    section=section_label(document, section),
                    text=passages[n][0],
                    table=section.title,
                    number=number,
                    label=label,
                    cells=tuple(pairs),
                )
    return out
