"""Reciprocal rank fusion of several rankings into one."""

from __future__ import annotations

from collections.abc import Sequence

from bot.errors import RetrievalError


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]],
    *,
    k: int = 60,
    weights: Sequence[float] | None = None,
) -> list[tuple[str, float]]:
    """Fuse rankings: each id scores sum(weight / (k + rank)) over the rankings it appears in.

    Ranks start at 1. An id repeated within one ranking counts only at its first (best) rank.
    See Cormack, Clarke and Büttcher, "Reciprocal Rank Fusion outperforms Condorcet and
    individual Rank Learning Methods" (SIGIR 2009), where k = 60.

    Args:
        rankings: Each a sequence of ids, best first.
        k: The smoothing constant; larger values flatten the difference between ranks.
        weights: One non-negative weight per ranking; all 1.0 when None.

    Returns:
        (id, fused score) pairs, best first; equal scores are ordered by id.

    Raises:
        RetrievalError: If k is negative, or weights do not match the rankings.
    """
    if k < 0:
        msg = f"RRF k must be >= 0, got {k}"
        raise RetrievalError(msg)
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        msg = f"got {len(weights)} weights for {len(rankings)} rankings"
        raise RetrievalError(msg)
    if any(weight < 0 for weight in weights):
        msg = f"RRF weights must be >= 0, got {list(weights)}"
        raise RetrievalError(msg)
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        seen: set[str] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
