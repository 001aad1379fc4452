"""Monotonicity and ranking invariants of evaluate() over the shipped policy (hypothesis)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import load_documents, load_policy
from bot.models import Evaluation, Policy, Scenario, Strategy
from bot.scoring import evaluate

ROOT = Path(__file__).resolve().parents[2]
OUTSOURCING: tuple[Strategy, ...] = ("onshore_outsourcing", "offshore_outsourcing")
INSOURCING: tuple[Strategy, ...] = ("onshore_insourcing", "offshore_insourcing")
LEVELS = ("low", "medium", "high")

# The bucket edges (11/12/13 months) are where scores move, so they are drawn often.
durations = st.one_of(
    st.sampled_from([1, 11, 12, 13, 240]), st.integers(min_value=1, max_value=240)
)
scenarios = st.builds(
    Scenario,
    duration_months=durations,
    core=st.booleans(),
    company=st.sampled_from(["non_it", "tech"]),
    budget=st.sampled_from(LEVELS),
    control=st.sampled_from(LEVELS),
    upfront_investment=st.sampled_from(LEVELS),
    change_rate=st.sampled_from(LEVELS),
    local_talent=st.sampled_from(["scarce", "available"]),
)
level_pairs = st.tuples(st.sampled_from(LEVELS), st.sampled_from(LEVELS)).map(
    lambda pair: tuple(sorted(pair, key=LEVELS.index))
)


@functools.cache
def shipped() -> Policy:
    return load_policy(ROOT / "knowledge" / "policy.yaml", load_documents(ROOT / "knowledge"))


def _eval(scenario: Scenario, **changes: object) -> Evaluation:
    return evaluate(scenario.model_copy(update=changes), shipped())


def _scores(evaluation: Evaluation) -> dict[Strategy, int]:
    return {s.strategy: s.score for s in evaluation.ranking}


def _best_outsourcing_rank(evaluation: Evaluation) -> int:
    return min(s.rank for s in evaluation.ranking if s.strategy in OUTSOURCING)


def _assert_outsourcing_not_favoured(before: Evaluation, after: Evaluation) -> None:
    """Outsourcing's scores, leads over insourcing and best rank do not improve from before."""
    old, new = _scores(before), _scores(after)
    for out in OUTSOURCING:
        assert new[out] <= old[out]
        for inside in INSOURCING:
            assert new[out] - new[inside] <= old[out] - old[inside]
    assert _best_outsourcing_rank(after) >= _best_outsourcing_rank(before)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(scenario=scenarios, a=durations, b=durations)
def test_longer_duration_never_favours_outsourcing(scenario: Scenario, a: int, b: int) -> None:
    """A longer project never raises an outsourcing score, lead or rank."""
    short, long = sorted((a, b))
    before = _eval(scenario, duration_months=short)
    after = _eval(scenario, duration_months=long)
    _assert_outsourcing_not_favoured(before, after)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(scenario=scenarios, pair=level_pairs)
def test_more_control_never_favours_outsourcing(scenario: Scenario, pair: tuple[str, str]) -> None:
    """A higher need for control never raises an outsourcing score, lead or rank."""
    less, more = pair
    _assert_outsourcing_not_favoured(_eval(scenario, control=less), _eval(scenario, control=more))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(scenario=scenarios, pair=level_pairs)
def test_more_budget_never_lowers_onshore_insourcing(
    scenario: Scenario, pair: tuple[str, str]
) -> None:
    """A bigger budget never lowers the in-house team's score."""
    less, more = pair
    before = _scores(_eval(scenario, budget=less))["onshore_insourcing"]
    after = _scores(_eval(scenario, budget=more))["onshore_insourcing"]
    assert after >= before


@settings(max_examples=200, deadline=None, derandomize=True)
@given(scenario=scenarios)
def test_core_never_favours_outsourcing(scenario: Scenario) -> None:
    """Marking the work as core never raises an outsourcing score, lead or rank."""
    _assert_outsourcing_not_favoured(_eval(scenario, core=False), _eval(scenario, core=True))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(scenario=scenarios.map(lambda s: s.model_copy(update={"core": True})))
def test_core_work_never_has_outsourcing_first(scenario: Scenario) -> None:
    """With core=true neither outsourcing strategy is ranked first or recommended."""
    evaluation = evaluate(scenario, shipped())
    assert evaluation.ranking[0].strategy not in OUTSOURCING
    assert evaluation.recommended not in OUTSOURCING
    assert sorted(s.rank for s in evaluation.ranking if s.strategy in OUTSOURCING) == [3, 4]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(scenario=scenarios)
def test_ranking_is_ordered_and_the_recommendation_is_first(scenario: Scenario) -> None:
    """Non-barred strategies come first by score; the recommendation is rank 1."""
    evaluation = evaluate(scenario, shipped())
    keys = [
        (any(w.severity == "never_first" for w in s.warnings), -s.score) for s in evaluation.ranking
    ]
    assert keys == sorted(keys)
    assert evaluation.ranking[0].strategy == evaluation.recommended
    assert evaluation.factors[0].value in {"short", "one_year", "long"}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(scenario=scenarios)
def test_summary_numbers_all_come_from_the_evaluation(scenario: Scenario) -> None:
    """Every number in the summary is the top score, a count of the rules that fired (as many
    as the warnings an answer lists; those on other strategies when the recommended one's are
    said in full) or of further changes, a number in a fired rule's message, or the scale's
    100."""
    evaluation = evaluate(scenario, shipped())
    top = evaluation.ranking[0]
    total = len(evaluation.rules_fired)
    leaders = set(evaluation.tied) or {top.strategy}
    own = sum(1 for rule in evaluation.rules_fired if leaders & set(rule.strategies))
    more = len(evaluation.sensitivity) - 3
    said = {n for rule in evaluation.rules_fired for n in re.findall(r"\d+", rule.message)}
    allowed = {str(top.score), str(total), str(own), str(total - own), str(more), "100", *said}
    assert set(re.findall(r"\d+", evaluation.summary)) <= allowed
    if evaluation.tied:
        assert evaluation.summary.startswith(f"{top.label} and ") or evaluation.summary.startswith(
            f"{top.label}, "
        )
        assert f" tie at {top.score}; " in evaluation.summary
    else:
        assert evaluation.summary.startswith(
            f"Recommended: {top.label}, with a score of {top.score} out of 100."
        )


@settings(max_examples=200, deadline=None, derandomize=True)
@given(scenario=scenarios)
def test_tied_strategies_share_the_top_score(scenario: Scenario) -> None:
    """tied is empty or lists, in ranking order from rank 1, every strategy at the top score."""
    evaluation = evaluate(scenario, shipped())
    top = evaluation.ranking[0]
    same = [s.strategy for s in evaluation.ranking if s.score == top.score]
    barred = any(w.severity == "never_first" for w in top.warnings)
    open_same = [
        s.strategy
        for s in evaluation.ranking
        if s.score == top.score and any(w.severity == "never_first" for w in s.warnings) == barred
    ]
    expected = tuple(open_same) if len(open_same) > 1 else ()
    assert evaluation.tied == expected
    assert len(same) >= len(evaluation.tied)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(scenario=scenarios)
def test_every_listed_change_really_changes_the_outcome(scenario: Scenario) -> None:
    """Re-evaluating with a listed change gives that change's recommendation and tie."""
    evaluation = evaluate(scenario, shipped())
    for change in evaluation.sensitivity:
        other = evaluate(scenario.model_copy(update={change.field: change.value}), shipped())
        assert (other.recommended, other.tied) == (change.recommended, change.tied)
        assert (other.recommended, other.tied) != (evaluation.recommended, evaluation.tied)


def _bucket(months: int) -> str:
    return "short" if months < 12 else "long" if months > 12 else "one_year"


@settings(max_examples=150, deadline=None, derandomize=True)
@given(scenario=scenarios, other_months=durations)
def test_every_change_that_matters_is_listed(scenario: Scenario, other_months: int) -> None:
    """Any single value that changes the outcome is in sensitivity (durations by bucket)."""
    evaluation = evaluate(scenario, shipped())
    now = (evaluation.recommended, evaluation.tied)
    listed = {(c.field, c.value): (c.recommended, c.tied) for c in evaluation.sensitivity}
    alternatives: list[tuple[str, object]] = [
        ("core", True),
        ("core", False),
        *[("company", v) for v in ("non_it", "tech")],
        *[
            (f, v)
            for f in ("budget", "control", "upfront_investment", "change_rate")
            for v in LEVELS
        ],
        *[("local_talent", v) for v in ("scarce", "available")],
    ]
    for field, value in alternatives:
        other = _eval(scenario, **{field: value})
        then = (other.recommended, other.tied)
        assert listed.get((field, value), now) == then
    other = _eval(scenario, duration_months=other_months)
    then = (other.recommended, other.tied)
    by_bucket = {
        _bucket(int(value)): outcome
        for (field, value), outcome in listed.items()
        if field == "duration_months"
    }
    assert by_bucket.get(_bucket(other_months), now) == then
