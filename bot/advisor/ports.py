"""What the advisor needs from retrieval and composition, as Protocols (no concrete imports)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from bot.models import Answer, Evaluation, Passage

SearchMode = Literal["hybrid", "dense", "bm25"]


class Diagnostics(Protocol):
    """Signals of how well the knowledge base matched a query."""

    @property
    def best_dense_similarity(self) -> float:
        """Cosine similarity of the closest chunk (0..1)."""
        ...


class Retriever(Protocol):
    """Hybrid search over the knowledge chunks."""

    def search(self, text: str, k: int = 5, *, mode: SearchMode = "hybrid") -> list[Passage]:
        """Top-k passages for a query."""
        ...

    def search_with_diagnostics(self, text: str, k: int = 5) -> tuple[list[Passage], Diagnostics]:
        """Hybrid top-k passages plus match diagnostics."""
        ...


class Composer(Protocol):
    """Turns retrieved passages and evaluations into an Answer."""

    def knowledge(self, question: str, passages: Sequence[Passage]) -> Answer:
        """Answer a knowledge question from passages."""
        ...

    def scenario(
        self,
        question: str,
        evaluation: Evaluation,
        *,
        fields: Sequence[str],
        passages: Sequence[Passage] = (),
    ) -> Answer:
        """Answer a scenario (mixed when passages are given)."""
        ...

    def not_covered(self, question: str) -> Answer:
        """Say the knowledge base does not cover the question."""
        ...

    def out_of_scope(self, question: str) -> Answer:
        """Decline an off-topic request."""
        ...
