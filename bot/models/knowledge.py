"""Documents, sections, chunks and retrieved passages."""

from __future__ import annotations

from pydantic import Field

from bot.models._base import Frozen


class Section(Frozen):
    """One heading of a document and the text directly under it."""

    id: str = Field(description="Stable section id, unique within its document")
    title: str = Field(description="The heading text")
    path: tuple[str, ...] = Field(description="Heading titles from the document root to this one")
    text: str = Field(description="Markdown body under the heading, sub-sections excluded")


class Document(Frozen):
    """A knowledge document (markdown with front matter) split into sections."""

    id: str
    title: str
    publisher: str = ""
    kind: str = "document"
    path: str = Field(description="File path the document was loaded from")
    sections: tuple[Section, ...]
    text: str = Field(description="The whole body, used to verify quotes")
    sha256: str = Field(description="Hash of the file's bytes")


class Chunk(Frozen):
    """A retrievable unit: a paragraph or a labelled table row, with its heading path."""

    id: str = Field(description="Stable id: <document>:<section>:<n>")
    document_id: str
    document_title: str
    section_id: str
    section: str = Field(description="Heading path joined with ' > '")
    text: str = Field(description="The passage itself, exactly as in the document")
    index_text: str = Field(description="What is embedded and indexed: heading path + text")
    kind: str = Field(default="paragraph", description="paragraph | table_row")
    content_hash: str


class Passage(Frozen):
    """A chunk returned by a search, with its fused score."""

    id: str
    source: str = Field(description="Document id")
    source_title: str = ""
    section: str
    section_id: str
    text: str
    score: float
