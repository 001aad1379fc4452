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
    unit_similarities: tuple[float, ...] = Field(
        default=(),
        description="Cosine similarity to the query of each sentence (or table cell) of the "
        "passage, in order; 0.0 for one the search did not reach; empty when not searched by "
        "meaning",
    )
    labelled_similarities: tuple[float, ...] = Field(
        default=(),
        description="Per sentence (or table cell), the cosine similarity to the query of the "
        "nearest labelled question it answers; 0.0 for one that answers none reached; empty "
        "when no labelled question was reached",
    )

    @classmethod
    def of_chunk(
        cls,
        chunk: Chunk,
        *,
        score: float = 0.0,
        text: str | None = None,
        unit_similarities: tuple[float, ...] = (),
        labelled_similarities: tuple[float, ...] = (),
    ) -> Passage:
        """The chunk as a passage with this score; ``text`` quotes part of it (one sentence)."""
        return cls(
            id=chunk.id,
            source=chunk.document_id,
            source_title=chunk.document_title,
            section=chunk.section,
            section_id=chunk.section_id,
            text=chunk.text if text is None else text,
            score=score,
            unit_similarities=unit_similarities,
            labelled_similarities=labelled_similarities,
        )


class TableRow(Frozen):
    """The structure behind a ``table_row`` chunk: which table, which row, which cells."""

    chunk_id: str
    document_id: str
    document_title: str = ""
    section_id: str
    section: str = Field(description="Heading path of the table's section, ' > '-joined")
    text: str = Field(description="The chunk's text: 'label: header: cell | header: cell'")
    table: str = Field(description="Title of the section that holds the table")
    number: int = Field(ge=1, description="1-based data row number within its table")
    label: str = Field(description="The row's label; empty when the source lost it")
    cells: tuple[tuple[str, str], ...] = Field(
        description="(column header, cell text) pairs, cells verbatim, empty cells left out"
    )
