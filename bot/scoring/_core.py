"""The scoring core: factor effects, rules, ranking and ties for one scenario (no summary)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.errors import KnowledgeError
from bot.models import (
    SCENARIO_FIELDS,
    STRATEGIES,
    Condition,
    FactorDef,
    FactorResult,
    FiredRule,
    LevelDef,
    Policy,
    RuleDef,
    RuleWarning,
    Scenario,
    ScenarioInput,
    SourceRef,
    Strategy,
    StrategyScore,
)
from bot.scoring.labels import (
    field_label,
    level_key,
    strategy_label,
    value_label,
)

_Value = int | float | bool | str


@dataclass(frozen=True)
class Scored:
    """One scenario scored: everything of an Evaluation but the what-if analysis and summary."""

    inputs: tuple[ScenarioInput, ...]
    factors: tuple[FactorResult, ...]
    fired: tuple[FiredRule, ...]
    ranking: tuple[StrategyScore, ...]
    recommended: StrategyScore
    tied: tuple[StrategyScore, ...]
    citations: tuple[SourceRef, ...]

    @property
    def top(self) -> tuple[Strategy, tuple[Strategy, ...]]:
        """The outcome people see: the recommended strategy and the tie, if any."""
        return self.recommended.strategy, tuple(s.strategy for s in self.tied)


def check_strategies(policy: Policy) -> None:
    """Raise KnowledgeError unless every strategy has a definition and a cost range."""
    for strategy in STRATEGIES:
        if strategy not in policy.strategies or strategy not in policy.cost_ranges:
            msg = f"policy: strategy {strategy!r} needs an entry in strategies and cost_ranges"
            raise KnowledgeError(msg)


def score(scenario: Scenario, policy: Policy) -> Scored:
    """Score every strategy; only the fields in ``scenario.model_fields_set`` count.

    Raises:
        KnowledgeError: The policy does not fit the scenario model (unknown field, or no level
            for a value the user gave).
    """
    given = scenario.model_fields_set
    totals: dict[Strategy, float] = dict.fromkeys(STRATEGIES, float(policy.base_score))
    citations: dict[SourceRef, None] = {}
    factors: list[FactorResult] = []
    for factor in policy.factors:
        result = _apply_factor(factor, scenario, policy, given=factor.id in given)
        for strategy, delta in result.effects.items():
            totals[strategy] += delta
        if not result.assumed:
            citations.setdefault(result.citation)
        factors.append(result)

    fired: list[FiredRule] = []
    for rule in policy.rules:
        if _fires(rule, scenario, given):
            citations.setdefault(rule.citation)
            fired.append(_fired(rule, policy))

    ranking = _rank(totals, fired, policy)
    open_ranks = [s for s in ranking if not _never_first(s)] or list(ranking)
    recommended = open_ranks[0]
    tied = tuple(s for s in open_ranks if s.score == recommended.score)
    return Scored(
        inputs=tuple(
            ScenarioInput(
                field=name,
                label=field_label(policy, name),
                value_label=value_label(policy, name, _field(scenario, name)),
                assumed=name not in given,
            )
            for name in SCENARIO_FIELDS
        ),
        factors=tuple(factors),
        fired=tuple(fired),
        ranking=ranking,
        recommended=recommended,
        tied=tied if len(tied) > 1 else (),
        citations=tuple(citations),
    )


def outcome(scenario: Scenario, policy: Policy) -> tuple[Strategy, tuple[Strategy, ...]]:
    """``score(scenario, policy).top`` without building the breakdown (for what-if runs).

    Raises:
        KnowledgeError: As ``score``.
    """
    given = scenario.model_fields_set
    totals: dict[Strategy, float] = dict.fromkeys(STRATEGIES, float(policy.base_score))
    for factor in policy.factors:
        value = _field(scenario, factor.id)
        if factor.id not in given:
            continue
        level = _level(factor, level_key(policy, factor.id, value))
        for strategy in STRATEGIES:
            totals[strategy] += factor.weight * level.effects.get(strategy, 0) + 0.0
    barred = {
        strategy
        for rule in policy.rules
        if rule.severity == "never_first" and _fires(rule, scenario, given)
        for strategy in rule.strategies
    }
    scores = {s: _clamp_round(total) for s, total in totals.items()}
    order = sorted(STRATEGIES, key=lambda s: (s in barred, -scores[s], STRATEGIES.index(s)))
    candidates = [s for s in order if s not in barred] or order
    tied = tuple(s for s in candidates if scores[s] == scores[candidates[0]])
    return candidates[0], tied if len(tied) > 1 else ()


def _level(factor: FactorDef, key: str) -> LevelDef:
    level = factor.levels.get(key)
    if level is None:
        msg = f"policy: factor {factor.id!r} has no level {key!r} (has {', '.join(factor.levels)})"
        raise KnowledgeError(msg)
    return level


def _field(scenario: Scenario, name: str) -> _Value:
    if name not in SCENARIO_FIELDS:
        msg = f"policy: {name!r} is not a scenario field (one of {', '.join(SCENARIO_FIELDS)})"
        raise KnowledgeError(msg)
    value: _Value = getattr(scenario, name)
    return value


def _apply_factor(
    factor: FactorDef, scenario: Scenario, policy: Policy, *, given: bool
) -> FactorResult:
    value = _field(scenario, factor.id)
    key = level_key(policy, factor.id, value)
    label = value_label(policy, factor.id, value)
    if not given:
        # An assumed value is no reason: it moves no score and is reported as assumed.
        return FactorResult(
            factor=factor.id,
            label=factor.label,
            value=key,
            value_label=label,
            assumed=True,
            reason=f"Not given, so it moves no score (the default, {label}, is only shown).",
            effects=dict.fromkeys(STRATEGIES, 0.0),
            citation=factor.citation,
        )
    level = _level(factor, key)
    # "+ 0.0" turns -0.0 (weight 0 times negative points) into 0.0 so the JSON reads "0.0".
    effects: dict[Strategy, float] = {
        s: factor.weight * level.effects.get(s, 0) + 0.0 for s in STRATEGIES
    }
    return FactorResult(
        factor=factor.id,
        label=factor.label,
        value=key,
        value_label=label,
        reason=level.reason,
        effects=effects,
        citation=level.citation or factor.citation,
    )


def _fires(rule: RuleDef, scenario: Scenario, given: set[str]) -> bool:
    """All conditions hold, each on a value the user gave (assumed values fire no rule)."""
    return all(holds(cond, scenario) and cond.field in given for cond in rule.when)


def _fired(rule: RuleDef, policy: Policy) -> FiredRule:
    return FiredRule(
        rule=rule.id,
        severity=rule.severity,
        strategies=rule.strategies,
        strategy_labels=tuple(strategy_label(policy, s) for s in rule.strategies),
        fields=tuple(dict.fromkeys(c.field for c in rule.when)),
        message=rule.message,
        citation=rule.citation,
    )


def holds(cond: Condition, scenario: Scenario) -> bool:
    """Whether one rule condition holds for the scenario's value (given or not).

    Raises:
        KnowledgeError: The condition names no Scenario field, or compares text with a number op.
    """
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
    totals: dict[Strategy, float], fired: list[FiredRule], policy: Policy
) -> tuple[StrategyScore, ...]:
    scores = {s: _clamp_round(total) for s, total in totals.items()}
    warnings = [
        RuleWarning(
            rule=rule.rule,
            strategy=strategy,
            strategy_label=label,
            severity=rule.severity,
            message=rule.message,
            citation=rule.citation,
        )
        for rule in fired
        for strategy, label in zip(rule.strategies, rule.strategy_labels, strict=True)
    ]
    barred = {w.strategy for w in warnings if w.severity == "never_first"}
    # Equal scores keep the fixed STRATEGIES order; Evaluation.tied says they are a tie.
    order = sorted(STRATEGIES, key=lambda s: (s in barred, -scores[s], STRATEGIES.index(s)))
    return tuple(
        StrategyScore(
            rank=rank,
            strategy=strategy,
            label=strategy_label(policy, strategy),
            score=scores[strategy],
            warnings=tuple(w for w in warnings if w.strategy == strategy),
            cost_range=policy.cost_ranges[strategy],
        )
        for rank, strategy in enumerate(order, start=1)
    )


def _clamp_round(total: float) -> int:
    """Clamp to 0..100, then round halves up (not to even) so 62.5 reads as 63."""
    return math.floor(min(100.0, max(0.0, total)) + 0.5)
