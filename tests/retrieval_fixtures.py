"""Hand-made chunks of a small "Sourcing Guide" shared by the retrieval tests."""

from __future__ import annotations

import hashlib

from bot.models import Chunk

GUIDE_TEXTS: tuple[tuple[str, str], ...] = (
    ("guide:cost:0", "Offshore outsourcing costs 30% to 70% of an onshore team."),
    ("guide:control:0", "An in-house team gives the company full control over quality."),
    ("guide:talent:0", "Offshoring opens a larger talent pool in other countries."),
)
"""(chunk id, text) of three one-sentence chunks, each in a section of its own."""

GUIDE_ENTRY_IDS = [
    "guide:control#section",
    "guide:control:0#u0",
    "guide:cost#section",
    "guide:cost:0#u0",
    "guide:talent#section",
    "guide:talent:0#u0",
]
"""The sorted store entries of the guide chunks: one sentence unit each, one entry per section."""


def sha256(text: str) -> str:
    """The hex SHA-256 of ``text`` encoded as UTF-8 (how content hashes are made)."""
    return hashlib.sha256(text.encode()).hexdigest()


def make_chunk(
    cid: str,
    text: str,
    *,
    document_id: str = "guide",
    document_title: str = "Sourcing Guide",
    section_id: str | None = None,
    section: str | None = None,
    index_text: str | None = None,
) -> Chunk:
    """A paragraph chunk of ``text``.

    The section id defaults to the middle part of ``cid`` (``guide:cost:0`` -> ``cost``), the
    section label to ``"<document title> > <section id>"``, the index text to ``text``; the
    content hash is that of the index text.
    """
    section_id = cid.split(":")[1] if section_id is None else section_id
    index_text = text if index_text is None else index_text
    return Chunk(
        id=cid,
        document_id=document_id,
        document_title=document_title,
        section_id=section_id,
        section=f"{document_title} > {section_id}" if section is None else section,
        text=text,
        index_text=index_text,
        content_hash=sha256(index_text),
    )


def titled_chunk(cid: str, text: str) -> Chunk:
    """A guide chunk headed by its title-cased section id, in its label and its index text."""
    heading = cid.split(":")[1].title()
    return make_chunk(
        cid, text, section=f"Sourcing Guide > {heading}", index_text=f"{heading}\n{text}"
    )


GUIDE_CHUNKS = tuple(make_chunk(cid, text) for cid, text in GUIDE_TEXTS)
"""The guide chunks made by ``make_chunk``: labelled "Sourcing Guide > cost", index text = text."""
