"""Fusing rankings into one: weighted min-max score fusion, and reciprocal rank fusion."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

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


def min_max(scores: Mapping[str, float]) -> dict[str, float]:
    """Rescale scores linearly so the lowest is 0 and the highest 1.

    Args:
        scores: Score by id.

    Returns:
        Normalised score by id; all 1.0 when every score is equal.
    """
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    if high <= low:
        return dict.fromkeys(scores, 1.0)
    return {key: (value - low) / (high - low) for key, value in scores.items()}


def weighted_fusion(
    scores: Sequence[Mapping[str, float]],
    *,
    weights: Sequence[float],
    candidates: Iterable[str] | None = None,
) -> list[tuple[str, float]]:
    """Fuse score lists: each id scores sum(weight x min-max normalised score).

    Each list is normalised over all of its own scores (pass every score a side has, not only
    its top few, so the 0 of the scale is that side's real floor). An id missing from a list
    gets 0 from it. With weights summing to 1 this is a convex combination, in [0, 1].

    Args:
        scores: Each a score by id; higher is better.
        weights: One non-negative weight per score list.
        candidates: The ids to rank; every id of every list when None.

    Returns:
        (id, fused score) pairs, best first; equal scores are ordered by id.

    Raises:
        RetrievalError: If the weights do not match the lists or one is negative.
    """
    if len(weights) != len(scores):
        msg = f"got {len(weights)} weights for {len(scores)} score lists"
        raise RetrievalError(msg)
    if any(weight < 0 for weight in weights):
        msg = f"fusion weights must be >= 0, got {list(weights)}"
        raise RetrievalError(msg)
    normalised = [min_max(side) for side in scores]
    pool = (
        dict.fromkeys(candidates)
        if candidates is not None
        else dict.fromkeys(key for side in scores for key in side)
    )
    fused = {
        key: sum(
            weight * side.get(key, 0.0) for side, weight in zip(normalised, weights, strict=True)
        )
        for key in pool
    }
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))
