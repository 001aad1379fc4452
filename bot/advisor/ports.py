"""What the advisor needs from retrieval and composition, as Protocols (no concrete imports)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from bot.models import Answer, Evaluation, Passage

if TYPE_CHECKING:
    from bot.advisor.question import Question

SearchMode = Literal["hybrid", "dense", "bm25"]


class Diagnostics(Protocol):
    """Signals of how well the knowledge base matched a query."""

    @property
    def best_dense_similarity(self) -> float:
        """Cosine similarity of the closest chunk (0..1)."""
        ...

    @property
    def dense_available(self) -> bool:
        """False when the vector store did not answer: the passages come from keywords only."""
        ...


class Retriever(Protocol):
    """Hybrid search over the knowledge chunks."""

    def search(self, text: str, k: int = 5, *, mode: SearchMode = "hybrid") -> list[Passage]:
        """Top-k passages for a query."""
        ...

    def health(self) -> bool:
        """Whether the vector store answers now (a bounded call, for readiness probes)."""
        ...

    def search_with_diagnostics(
        self, text: str, k: int = 5, *, expansion: str = ""
    ) -> tuple[list[Passage], Diagnostics]:
        """Hybrid top-k passages plus match diagnostics; ``expansion`` is added to the lexical
        query only."""
        ...


class Composer(Protocol):
    """Turns retrieved passages and evaluations into an Answer."""

    def knowledge(
        self,
        question: Question,
        passages: Sequence[Passage],
        *,
        parts: Sequence[tuple[Question, Sequence[Passage]]] = (),
    ) -> Answer:
        """Answer a knowledge question from passages; ``parts`` are further questions of the
        same message ("... ? Also, which is cheaper?"), each with its passages."""
        ...

    def scenario(
        self,
        question: Question,
        evaluation: Evaluation,
        *,
        fields: Sequence[str],
        passages: Sequence[Passage] = (),
        follow_up: bool = False,
        choice: bool = False,
    ) -> Answer:
        """Answer a scenario (mixed when passages are given; ``follow_up`` for a thread reply
        about the thread's scenario; ``choice`` when it asks which of two options)."""
        ...

    def not_covered(self, question: Question, *, gap: str = "") -> Answer:
        """Say the knowledge base does not cover the question (naming the gap's topic, if
        the question names one of the vocabulary's gaps)."""
        ...

    def out_of_scope(self, question: Question) -> Answer:
        """Decline an off-topic request."""
        ...

    def other_language(self, question: Question) -> Answer:
        """Say that the bot answers in English."""
        ...

    def small_talk(self, question: Question) -> Answer:
        """Reply briefly to a greeting, thanks or a request for help."""
        ...
