"""The scenario a manager describes, and the scoring tool's evaluation of it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.models._base import Frozen
from bot.models.citation import SourceRef
from bot.models.policy import CostRange, Strategy

Level = Literal["low", "medium", "high"]


class Scenario(Frozen):
    """A sourcing decision to evaluate. Fields left out take the documented defaults."""

    duration_months: int = Field(default=12, ge=1, le=240, description="Expected project length")
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


class FactorResult(Frozen):
    """One factor's contribution: the value it read, what it did to each strategy, and why."""

    factor: str
    label: str
    value: str
    reason: str
    effects: dict[Strategy, float]
    citation: SourceRef


class RuleWarning(Frozen):
    """A hard rule that fired for one strategy."""

    rule: str
    strategy: Strategy
    severity: Literal["warning", "never_first"]
    message: str
    citation: SourceRef


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
    ranking: tuple[StrategyScore, ...]
    factors: tuple[FactorResult, ...]
    citations: tuple[SourceRef, ...]
    recommended: Strategy
    summary: str
