"""The sourcing policy applied by the scoring tool (loaded from knowledge/policy.yaml)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.models._base import Frozen
from bot.models.citation import SourceRef

Strategy = Literal[
    "onshore_insourcing", "onshore_outsourcing", "offshore_insourcing", "offshore_outsourcing"
]
STRATEGIES: tuple[Strategy, ...] = (
    "onshore_insourcing",
    "onshore_outsourcing",
    "offshore_insourcing",
    "offshore_outsourcing",
)


class StrategyDef(Frozen):
    """One of the four strategies as the policy names and defines it."""

    label: str
    definition: str
    citation: SourceRef


class LevelDef(Frozen):
    """What one value of a factor does to each strategy's score, why, and how people say it."""

    label: str = Field(
        min_length=1,
        description="The value as people read it, e.g. 'non-IT company', 'low budget', "
        "'more than one year'",
    )
    if_clause: str = Field(
        min_length=1,
        description="Completes 'It would change to X if ...', e.g. 'the budget were low'",
    )
    effects: dict[Strategy, int] = Field(default_factory=dict)
    reason: str
    citation: SourceRef | None = None


class FactorDef(Frozen):
    """A scenario field that moves scores; levels are keyed by the field's (bucketed) value."""

    id: str = Field(description="The Scenario field name, e.g. duration_months")
    label: str
    weight: float = Field(ge=0, le=5)
    levels: dict[str, LevelDef]
    citation: SourceRef


class Condition(Frozen):
    """A test on one scenario field."""

    field: str
    op: Literal["eq", "ne", "lt", "le", "gt", "ge", "in"]
    value: int | float | bool | str | list[str]


class RuleDef(Frozen):
    """A hard rule: when its conditions all hold, the named strategies get a warning."""

    id: str
    when: tuple[Condition, ...]
    strategies: tuple[Strategy, ...]
    severity: Literal["warning", "never_first"] = "warning"
    message: str
    citation: SourceRef


class CostRange(Frozen):
    """Relative cost of a strategy from the Model Comparison table (onshore team = 100%)."""

    range: str = Field(
        description="As the source states it, e.g. '20% ~ 60%'; 'not stated' if absent"
    )
    low_pct: int | None = None
    high_pct: int | None = None
    basis: str = "headcount basis"
    note: str = ""
    citation: SourceRef | None = None


class DurationBuckets(Frozen):
    """How duration_months maps to the duration factor's levels."""

    short_below_months: int = 12
    long_above_months: int = 12


class Policy(Frozen):
    """The whole policy file, validated."""

    version: int = 1
    name: str = "Sourcing policy"
    base_score: int = Field(default=50, ge=0, le=100)
    duration: DurationBuckets = DurationBuckets()
    strategies: dict[Strategy, StrategyDef]
    factors: tuple[FactorDef, ...]
    rules: tuple[RuleDef, ...]
    cost_ranges: dict[Strategy, CostRange]
