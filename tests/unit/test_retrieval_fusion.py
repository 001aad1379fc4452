"""Weighted min-max fusion and reciprocal rank fusion: exact scores, tie-breaks, argument checks."""

from __future__ import annotations

import pytest

from bot.errors import RetrievalError
from bot.retrieval.fusion import min_max, reciprocal_rank_fusion, weighted_fusion


def test_two_rankings_fuse_to_exact_scores() -> None:
    """Each id scores the sum of 1/(60 + rank) over the rankings it appears in."""
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "d"]])
    assert fused == [
        ("b", 1 / 61 + 1 / 62),
        ("c", 1 / 62 + 1 / 63),
        ("a", 1 / 61),
        ("d", 1 / 63),
    ]


def test_equal_scores_are_ordered_by_id_whatever_the_input_order() -> None:
    """Ties are broken by id so the fused order does not depend on the order of rankings."""
    assert reciprocal_rank_fusion([["y"], ["x"]]) == [("x", 1 / 61), ("y", 1 / 61)]
    assert reciprocal_rank_fusion([["x"], ["y"]]) == [("x", 1 / 61), ("y", 1 / 61)]


def test_k_changes_the_smoothing() -> None:
    """With k=0 the top rank is worth 1 and the second 1/2."""
    assert reciprocal_rank_fusion([["a", "b"]], k=0) == [("a", 1.0), ("b", 0.5)]


def test_weights_scale_each_ranking() -> None:
    """A ranking's weight multiplies its contribution: weight 3 at rank 2 beats 1 at rank 1."""
    fused = reciprocal_rank_fusion([["a", "b"], ["b", "a"]], k=0, weights=[1.0, 3.0])
    assert fused == [("b", 0.5 + 3.0), ("a", 1.0 + 1.5)]


def test_a_repeated_id_counts_once_at_its_best_rank() -> None:
    """Duplicates inside one ranking do not add up; later items keep their positional rank."""
    assert reciprocal_rank_fusion([["a", "a", "b"]], k=0) == [("a", 1.0), ("b", 1 / 3)]


def test_no_rankings_and_empty_rankings_give_nothing() -> None:
    """Nothing to fuse gives an empty list."""
    assert reciprocal_rank_fusion([]) == []
    assert reciprocal_rank_fusion([[], []]) == []


def test_weights_must_match_rankings() -> None:
    """A weight count different from the ranking count is rejected with both numbers named."""
    with pytest.raises(RetrievalError, match="got 1 weights for 2 rankings"):
        reciprocal_rank_fusion([["a"], ["b"]], weights=[1.0])


def test_negative_k_and_negative_weights_are_rejected() -> None:
    """k and weights must be non-negative."""
    with pytest.raises(RetrievalError, match="RRF k must be >= 0, got -1"):
        reciprocal_rank_fusion([["a"]], k=-1)
    with pytest.raises(RetrievalError, match=r"RRF weights must be >= 0, got \[-1.0\]"):
        reciprocal_rank_fusion([["a"]], weights=[-1.0])


def test_min_max_maps_the_lowest_score_to_zero_and_the_highest_to_one() -> None:
    """Scores rescale linearly; equal scores all become 1.0; nothing gives nothing."""
    assert min_max({"a": 1.0, "b": 3.0, "c": 5.0}) == {"a": 0.0, "b": 0.5, "c": 1.0}
    assert min_max({"a": 3.0, "b": 3.0}) == {"a": 1.0, "b": 1.0}
    assert min_max({}) == {}


def test_weighted_fusion_is_the_convex_combination_of_normalised_scores() -> None:
    """0.6 x dense + 0.4 x lexical after min-max; an id absent from a side gets 0 there."""
    dense = {"a": 0.9, "b": 0.5, "c": 0.1}
    lexical = {"b": 8.0, "d": 2.0, "e": 0.0}
    fused = weighted_fusion([dense, lexical], weights=[0.6, 0.4])
    assert fused == [
        ("b", 0.6 * 0.5 + 0.4 * 1.0),
        ("a", 0.6 * 1.0),
        ("d", 0.4 * 0.25),
        ("c", 0.0),
        ("e", 0.0),
    ]


def test_weighted_fusion_ranks_only_the_candidates_but_normalises_over_all_scores() -> None:
    """The scale of each side comes from all its scores, even ids that are not candidates."""
    dense = {"a": 1.0, "b": 0.5, "floor": 0.0}
    lexical = {"a": 0.0, "b": 4.0}
    fused = weighted_fusion([dense, lexical], weights=[0.5, 0.5], candidates=["b", "a", "b"])
    assert fused == [("b", 0.5 * 0.5 + 0.5 * 1.0), ("a", 0.5 * 1.0)]


def test_weighted_fusion_breaks_ties_by_id_and_checks_weights() -> None:
    """Equal fused scores are ordered by id; weights must match the lists and be >= 0."""
    assert weighted_fusion([{"y": 1.0, "x": 1.0}], weights=[1.0]) == [("x", 1.0), ("y", 1.0)]
    assert weighted_fusion([{}, {}], weights=[0.6, 0.4]) == []
    with pytest.raises(RetrievalError, match="got 1 weights for 2 score lists"):
        weighted_fusion([{}, {}], weights=[1.0])
    with pytest.raises(RetrievalError, match=r"fusion weights must be >= 0, got \[-1.0\]"):
        weighted_fusion([{}], weights=[-1.0])
