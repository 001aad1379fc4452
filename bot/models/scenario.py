"""The scenario a manager describes, and the scoring tool's evaluation of it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.models._base import Frozen
from bot.models.citation import SourceRef
from bot.models.policy import CostRange, Strategy

Level = Literal["low", "medium", "high"]

MIN_MONTHS = 1
"""Shortest project duration any entry point accepts, in months."""
MAX_MONTHS = 240
"""Longest project duration any entry point accepts, in months (20 years)."""


class Scenario(Frozen):
    """A sourcing decision to evaluate. Fields left out take the documented defaults."""

    duration_months: int = Field(
        default=12, ge=MIN_MONTHS, le=MAX_MONTHS, description="Expected project length in months"
    )
    core: bool = Field(default=False, description="Is this a core IT capability of the business?")
    company: Literal["non_it", "tech"] = Field(default="non_it", description="Kind of company")
    budget: Level = Field(default="medium", description="Budget to invest in scaling a team")
    control: Level = Field(default="medium", description="Need for control over delivery/quality")
    upfront_investment: Level = Field(
        default="medium", description="Capacity for upfront investment (money, time, set-up)"
    )
    change_rate: Level = Field(default="medium", description="How often requirements will change")
    local_talent: Literal["scarce", "available"] = Field(
        default="available", description="Availability of the skills needed in the home country"
    )


SCENARIO_FIELDS: tuple[str, ...] = tuple(Scenario.model_fields)


class ScenarioInput(Frozen):
    """One scenario field as people read it: given by the user, or assumed (and left out)."""

    field: str = Field(description="The Scenario field name (for programs, not people)")
    label: str = Field(description="The factor as people read it, e.g. 'Project duration'")
    value_label: str = Field(description="The value as people read it, e.g. 'non-IT company'")
    assumed: bool = Field(description="Not given: the default is shown but moves no score")


class FactorResult(Frozen):
    """One factor's contribution: the value it read, what it did to each strategy, and why.

    An assumed factor (the user did not give the field) has every effect 0.0 and a reason that
    says it was not given; it is never a reason for the ranking.
    """

    factor: str = Field(description="The Scenario field name (for programs, not people)")
    label: str = Field(description="The factor as people read it, e.g. 'Project duration'")
    value: str = Field(description="The policy level key, e.g. 'long', 'non_it', 'true'")
    value_label: str = Field(description="e.g. '18 months (more than one year)', 'tech company'")
    assumed: bool = False
    reason: str
    effects: dict[Strategy, float]
    citation: SourceRef


class RuleWarning(Frozen):
    """A hard rule that fired for one strategy."""

    rule: str
    strategy: Strategy
    strategy_label: str = Field(description="The strategy as people read it")
    severity: Literal["warning", "never_first"]
    message: str
    citation: SourceRef


class FiredRule(Frozen):
    """A hard rule that fired, once, with every strategy it applies to (in policy order).

    Rules fire only on values the user gave, never on assumed ones.
    """

    rule: str
    severity: Literal["warning", "never_first"]
    strategies: tuple[Strategy, ...]
    strategy_labels: tuple[str, ...]
    fields: tuple[str, ...] = Field(description="The Scenario fields the rule's conditions read")
    message: str
    citation: SourceRef


class Change(Frozen):
    """One different value of one field that would change the recommendation."""

    field: str = Field(description="The Scenario field name (for programs, not people)")
    label: str = Field(description="The factor as people read it, e.g. 'Project duration'")
    value: int | bool | str = Field(description="The alternative value, e.g. 13, True, 'tech'")
    value_label: str = Field(description="e.g. 'more than one year', 'tech company'")
    condition: str = Field(
        description="Completes 'It would change to X if ...', e.g. 'the project ran longer "
        "than a year'"
    )
    recommended: Strategy = Field(description="The strategy recommended with that value")
    recommended_label: str
    tied: tuple[Strategy, ...] = Field(
        default=(), description="Strategies that would tie at the top (empty if none)"
    )


class StrategyScore(Frozen):
    """One strategy's place in the ranking."""

    rank: int
    strategy: Strategy
    label: str
    score: int = Field(ge=0, le=100)
    warnings: tuple[RuleWarning, ...] = ()
    cost_range: CostRange


class Evaluation(Frozen):
    """The deterministic result of scoring a Scenario against the policy."""

    scenario: Scenario
    assumed: tuple[str, ...] = Field(description="Fields that took their default value")
    inputs: tuple[ScenarioInput, ...] = Field(
        default=(), description="Every scenario field, labelled, in field order"
    )
    ranking: tuple[StrategyScore, ...]
    factors: tuple[FactorResult, ...]
    rules_fired: tuple[FiredRule, ...] = ()
    citations: tuple[SourceRef, ...]
    recommended: Strategy = Field(
        description="Rank 1; when strategies tie it is the first of `tied` in strategy order"
    )
    tied: tuple[Strategy, ...] = Field(
        default=(),
        description="Strategies tied at the top score with the recommended one (itself "
        "included), in ranking order; empty when there is no tie",
    )
    sensitivity: tuple[Change, ...] = Field(
        default=(),
        description="Single-field changes that would change the recommended strategy (or the "
        "tie), in field order",
    )
    summary: str
