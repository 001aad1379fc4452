"""Retrieval metrics over the labelled questions, and the raw-article baseline's chunks."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from bot.models import Chunk, Passage
from tests.eval.data import EvalQuestion, contains_evidence

BASELINE_DOCUMENT = "raw-article"
BASELINE_CHUNK_CHARS = 500
SearchMode = Literal["hybrid", "dense", "bm25"]
DEPTH = 10
"""How deep the ranking is read: MRR is MRR@10, and a miss reports its rank up to 10."""


class Searcher(Protocol):
    """What the metrics need from a retriever."""

    def search(self, text: str, k: int = 5, *, mode: SearchMode = "hybrid") -> list[Passage]:
        """Top-k passages for a query."""
        ...


@dataclass(frozen=True)
class QuestionResult:
    """Where one question's evidence ranked, and what ranked first."""

    id: str
    question: str
    evidence: tuple[str, ...]
    section: str | None
    rank: int | None
    top_section: str
    top_text: str


@dataclass
class ModeResult:
    """hit@1, hit@3, hit@5 and MRR@10 of one retrieval mode over all questions."""

    mode: str
    results: list[QuestionResult] = field(default_factory=list)

    def hit_at(self, k: int) -> float:
        """Fraction of questions whose evidence is in a passage among the top k."""
        hits = sum(1 for r in self.results if r.rank is not None and r.rank <= k)
        return hits / len(self.results) if self.results else 0.0

    @property
    def mrr(self) -> float:
        """Mean reciprocal rank of the first passage holding the evidence (0 beyond DEPTH)."""
        total = sum(1.0 / r.rank for r in self.results if r.rank is not None)
        return total / len(self.results) if self.results else 0.0

    def summary(self) -> dict[str, float]:
        """The headline numbers, rounded for printing and JSON."""
        return {
            "hit@1": round(self.hit_at(1), 4),
            "hit@3": round(self.hit_at(3), 4),
            "hit@5": round(self.hit_at(5), 4),
            "mrr@10": round(self.mrr, 4),
        }


def evaluate_mode(
    searcher: Searcher, questions: Sequence[EvalQuestion], mode: SearchMode
) -> ModeResult:
    """Run every question through one search mode and record where its evidence ranked."""
    outcome = ModeResult(mode=mode)
    for q in questions:
        passages = searcher.search(q.question, DEPTH, mode=mode)
        rank = next(
            (i for i, p in enumerate(passages, 1) if contains_evidence(p.text, q.evidence)), None
        )
        top = passages[0] if passages else None
        outcome.results.append(
            QuestionResult(
                id=q.id,
                question=q.question,
                evidence=q.evidence,
                section=q.section,
                rank=rank,
                top_section=top.section_id if top else "",
                top_text=top.text if top else "",
            )
        )
    return outcome


def fixed_size_chunks(path: Path, *, size: int = BASELINE_CHUNK_CHARS) -> tuple[Chunk, ...]:
    """Cut a plain-text file into ~size-character chunks at word boundaries, with no structure.

    This is the "straight chunking of the raw article" baseline: no headings, no table rows, no
    overlap; the index text is the chunk text itself.
    """
    words = path.read_text(encoding="utf-8").split()
    pieces: list[str] = []
    current: list[str] = []
    length = 0
    for word in words:
        if current and length + 1 + len(word) > size:
            pieces.append(" ".join(current))
            current, length = [], 0
        current.append(word)
        length += len(word) + (1 if length else 0)
    if current:
        pieces.append(" ".join(current))
    return tuple(
        Chunk(
            id=f"{BASELINE_DOCUMENT}:raw:{n}",
            document_id=BASELINE_DOCUMENT,
            document_title="raw article",
            section_id="raw",
            section="raw",
            text=text,
            index_text=text,
            kind="paragraph",
            content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
        for n, text in enumerate(pieces)
    )


def answerable(chunks: Sequence[Chunk], questions: Sequence[EvalQuestion]) -> int:
    """How many questions have their evidence inside at least one of the chunks."""
    return sum(1 for q in questions if any(contains_evidence(c.text, q.evidence) for c in chunks))
