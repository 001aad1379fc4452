"""What the advisor returns for a message."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.models._base import Frozen
from bot.models.scenario import Evaluation

Route = Literal["knowledge", "scenario", "mixed", "out_of_scope"]


class Citation(Frozen):
    """A numbered source for a claim: document, section and the exact quote."""

    n: int = Field(ge=1, description="The number used in the answer text, [n]")
    id: str = Field(description="Chunk id, or section id for policy citations")
    source: str = Field(description="Document id")
    source_title: str = ""
    section: str
    quote: str


class Consideration(Frozen):
    """One supporting point of an answer and the citations behind it."""

    text: str
    citations: tuple[int, ...]


class Answer(Frozen):
    """A grounded answer: direct answer, considerations, citations and an optional evaluation."""

    text: str = Field(description="The whole answer as plain text, citations as [n]")
    route: Route
    direct: str = Field(description="The direct answer, first thing a reader sees")
    considerations: tuple[Consideration, ...] = ()
    citations: tuple[Citation, ...] = ()
    evaluation: Evaluation | None = None
    scenario_fields: tuple[str, ...] = Field(
        default=(), description="Scenario fields read from the message text"
    )
    covered: bool = Field(default=True, description="False when the knowledge base has no answer")
