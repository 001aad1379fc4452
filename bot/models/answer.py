"""What the advisor returns for a message: structure only; rendering happens at the edges."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.models._base import Frozen
from bot.models.citation import Citation
from bot.models.scenario import Evaluation

Route = Literal["knowledge", "scenario", "mixed", "out_of_scope", "small_talk"]
"""How an answer was produced: from the knowledge base, the scoring tool, both; a polite refusal
of an off-topic request; or a short reply to small talk (greetings, thanks, "help")."""

QuestionKind = Literal[
    "definition",
    "figures",
    "comparison",
    "reason",
    "when",
    "benefits",
    "risks",
    "example",
    "yes_no",
    "other",
]
"""What a question asks for; the composer shapes the direct answer to it."""


class Statement(Frozen):
    """One sentence or short paragraph of an answer and the citation numbers behind it."""

    text: str = Field(description="Plain text without citation markers")
    citations: tuple[int, ...] = Field(default=(), description="Numbers of Answer.citations")


class Answer(Frozen):
    """A grounded answer: the direct answer, supporting considerations and their citations.

    Citations are numbered in order of first use and only those referenced are listed.
    """

    route: Route
    kind: QuestionKind = "other"
    direct: Statement = Field(description="The answer itself: the first thing a reader sees")
    considerations: tuple[Statement, ...] = Field(
        default=(), description="Two to four supporting points, each cited"
    )
    citations: tuple[Citation, ...] = ()
    evaluation: Evaluation | None = None
    scenario_fields: tuple[str, ...] = Field(
        default=(), description="Scenario fields read from the message text"
    )
    notes: tuple[str, ...] = Field(
        default=(),
        description="Plain remarks after the answer: what the knowledge base covers, what was "
        "assumed, language, degraded retrieval",
    )
    suggestions: tuple[str, ...] = Field(default=(), description="Example questions to try")
    covered: bool = Field(default=True, description="False when the knowledge base has no answer")
