"""Where a claim comes from: one source reference, and its numbered citation in an answer."""

from __future__ import annotations

from pydantic import Field

from bot.models._base import Frozen


class SourceRef(Frozen):
    """An exact passage of a knowledge document: document id, section id, heading path, quote.

    The one shape for every source the bot shows: policy and onboarding entries, the scoring
    tool's factors and rules, and retrieved passages. Knowledge files write ``document``,
    ``section`` and ``quote``; the loaders fill in ``document_title`` and ``section_path``.
    """

    document: str = Field(description="Document id (front matter `id`)")
    section: str = Field(description="Section id, unique within the document ({#id} of a heading)")
    quote: str = Field(min_length=3, description="Verbatim text of the section, as shown")
    document_title: str = Field(default="", description="The document's title")
    section_path: str = Field(
        default="",
        description="Heading path of the section without the document title, ' > '-joined",
    )

    @property
    def label(self) -> str:
        """How people see the section: its heading path, or its id when the path is unknown."""
        return self.section_path or self.section


class Citation(Frozen):
    """A source as numbered in one answer: ``[n]`` in the text refers to ``source``."""

    n: int = Field(ge=1, description="The number used in the answer text, [n]")
    source: SourceRef
