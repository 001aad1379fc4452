"""Frozen value objects exchanged between layers."""

from bot.models.answer import Answer, Citation, Consideration, Route
from bot.models.knowledge import Chunk, Document, Passage, Section
from bot.models.policy import (
    STRATEGIES,
    Condition,
    CostRange,
    DurationBuckets,
    FactorDef,
    LevelDef,
    Policy,
    QuoteRef,
    RuleDef,
    Strategy,
    StrategyDef,
)
from bot.models.scenario import (
    SCENARIO_FIELDS,
    CitationRef,
    Evaluation,
    FactorResult,
    Level,
    RuleWarning,
    Scenario,
    StrategyScore,
)

__all__ = [
    "SCENARIO_FIELDS",
    "STRATEGIES",
    "Answer",
    "Chunk",
    "Citation",
    "CitationRef",
    "Condition",
    "Consideration",
    "CostRange",
    "Document",
    "DurationBuckets",
    "Evaluation",
    "FactorDef",
    "FactorResult",
    "Level",
    "LevelDef",
    "Passage",
    "Policy",
    "QuoteRef",
    "Route",
    "RuleDef",
    "RuleWarning",
    "Scenario",
    "Section",
    "Strategy",
    "StrategyDef",
    "StrategyScore",
]
