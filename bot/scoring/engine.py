"""Deterministic scoring of a Scenario against the sourcing Policy."""

from __future__ import annotations

import math

from bot.errors import KnowledgeError
from bot.models import (
    SCENARIO_FIELDS,
    STRATEGIES,
    Condition,
    Evaluation,
    FactorDef,
    FactorResult,
    Policy,
    RuleWarning,
    Scenario,
    SourceRef,
    Strategy,
    StrategyScore,
)

_Value = int | float | bool | str


def evaluate(scenario: Scenario, policy: Policy) -> Evaluation:
    """Score every strategy for a scenario, apply the policy's rules and rank the strategies.

    Each strategy starts at ``policy.base_score``; each factor adds ``weight * points`` for the
    level the scenario selects; the total is clamped to 0..100 and rounded half up. Rules attach
    warnings; strategies with a ``never_first`` warning are ranked after all others and are never
    recommended (unless every strategy has one). Pure and deterministic.

    Args:
        scenario: The scenario to evaluate; fields it does not set are reported as assumed.
        policy: The validated sourcing policy.

    Returns:
        The evaluation: ranking, per-factor breakdown, warnings, citations and a summary.

    Raises:
        KnowledgeError: The policy does not fit the scenario model (unknown field, missing level,
            strategy without a definition or cost range).
    """
    _check_strategies(policy)
    totals: dict[Strategy, float] = dict.fromkeys(STRATEGIES, float(policy.base_score))
    citations: dict[SourceRef, None] = {}
    factors: list[FactorResult] = []
    for factor in policy.factors:
        result = _apply_factor(factor, scenario, policy)
        for strategy, delta in result.effects.items():
            totals[strategy] += delta
        citations.setdefault(result.citation)
        factors.append(result)

    warnings: list[RuleWarning] = []
    for rule in policy.rules:
        if not all(_holds(cond, scenario) for cond in rule.when):
            continue
        citation = rule.citation
        citations.setdefault(citation)
        warnings.extend(
            RuleWarning(
                rule=rule.id,
                strategy=strategy,
                severity=rule.severity,
                message=rule.message,
                citation=citation,
            )
            for strategy in rule.strategies
        )

    ranking = _rank(totals, warnings, policy)
    recommended = next((s for s in ranking if not _never_first(s)), ranking[0])
    return Evaluation(
        scenario=scenario,
        assumed=tuple(f for f in SCENARIO_FIELDS if f not in scenario.model_fields_set),
        ranking=ranking,
        factors=tuple(factors),
        citations=tuple(citations),
        recommended=recommended.strategy,
        summary=_summary(recommended, n_warnings=len(warnings)),
    )


def _level_key(factor_id: str, scenario: Scenario, policy: Policy) -> str:
    """The level a field selects: a duration bucket, "true"/"false", or the value itself."""
    value = _field(scenario, factor_id)
    if factor_id == "duration_months":
        months = int(value)
        if months < policy.duration.short_below_months:
            return "short"
        if months > policy.duration.long_above_months:
            return "long"
        return "one_year"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_strategies(policy: Policy) -> None:
    for strategy in STRATEGIES:
        if strategy not in policy.strategies or strategy not in policy.cost_ranges:
            msg = f"policy: strategy {strategy!r} needs an entry in strategies and cost_ranges"
            raise KnowledgeError(msg)


def _field(scenario: Scenario, name: str) -> _Value:
    if name not in SCENARIO_FIELDS:
        msg = f"policy: {name!r} is not a scenario field (one of {', '.join(SCENARIO_FIELDS)})"
        raise KnowledgeError(msg)
    value: _Value = getattr(scenario, name)
    return value


def _apply_factor(factor: FactorDef, scenario: Scenario, policy: Policy) -> FactorResult:
    key = _level_key(factor.id, scenario, policy)
    level = factor.levels.get(key)
    if level is None:
        msg = f"policy: factor {factor.id!r} has no level {key!r} (has {', '.join(factor.levels)})"
        raise KnowledgeError(msg)
    # "+ 0.0" turns -0.0 (weight 0 times negative points) into 0.0 so the JSON reads "0.0".
    effects: dict[Strategy, float] = {
        s: factor.weight * level.effects.get(s, 0) + 0.0 for s in STRATEGIES
    }
    return FactorResult(
        factor=factor.id,
        label=factor.label,
        value=key,
        reason=level.reason,
        effects=effects,
        citation=level.citation or factor.citation,
    )


def _holds(cond: Condition, scenario: Scenario) -> bool:
    actual = _field(scenario, cond.field)
    expected = cond.value
    if cond.op == "in":
        options = expected if isinstance(expected, list) else [expected]
        return _text(actual) in {_text(o) for o in options}
    if isinstance(expected, list):
        msg = f"policy: condition on {cond.field!r} uses a list with op {cond.op!r}; use 'in'"
        raise KnowledgeError(msg)
    if cond.op in ("eq", "ne"):
        same = _text(actual) == _text(expected)
        return same if cond.op == "eq" else not same
    if isinstance(actual, bool | str) or isinstance(expected, bool | str):
        msg = f"policy: condition on {cond.field!r} compares with {cond.op!r}; it is not a number"
        raise KnowledgeError(msg)
    if cond.op == "lt":
        return actual < expected
    if cond.op == "le":
        return actual <= expected
    if cond.op == "gt":
        return actual > expected
    return actual >= expected


def _text(value: _Value) -> str:
    """Compare values as the policy writes them: booleans as true/false, numbers as numbers."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _never_first(score: StrategyScore) -> bool:
    return any(w.severity == "never_first" for w in score.warnings)


def _rank(
    totals: dict[Strategy, float], warnings: list[RuleWarning], policy: Policy
) -> tuple[StrategyScore, ...]:
    scores = {s: _clamp_round(total) for s, total in totals.items()}
    barred = {w.strategy for w in warnings if w.severity == "never_first"}
    order = sorted(STRATEGIES, key=lambda s: (s in barred, -scores[s], STRATEGIES.index(s)))
    return tuple(
        StrategyScore(
            rank=rank,
            strategy=strategy,
            label=policy.strategies[strategy].label,
            score=scores[strategy],
            warnings=tuple(w for w in warnings if w.strategy == strategy),
            cost_range=policy.cost_ranges[strategy],
        )
        for rank, strategy in enumerate(order, start=1)
    )


def _clamp_round(total: float) -> int:
    """Clamp to 0..100, then round halves up (not to even) so 62.5 reads as 63."""
    return math.floor(min(100.0, max(0.0, total)) + 0.5)


def _summary(recommended: StrategyScore, *, n_warnings: int) -> str:
    if _never_first(recommended):
        first = (
            "Every strategy is ruled out as a first choice; the highest ranked is "
            f"{recommended.label}, with a score of {recommended.score}."
        )
    else:
        first = f"Recommended: {recommended.label}, with a score of {recommended.score}."
    own = len(recommended.warnings)
    if n_warnings == 0:
        return f"{first} No policy warnings apply."
    if n_warnings == 1:
        where = "to this strategy" if own == 1 else "to another strategy"
        return f"{first} 1 policy warning applies, {where}."
    share = "none" if own == 0 else f"{own} of them"
    return f"{first} {n_warnings} policy warnings apply, {share} to this strategy."
