"""Typed loaders for the labelled evaluation files questions.yaml and scenarios.yaml."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.models import Scenario, Strategy

EVAL_DIR = Path(__file__).resolve().parent
QUESTIONS_FILE = EVAL_DIR / "questions.yaml"
SCENARIOS_FILE = EVAL_DIR / "scenarios.yaml"

_WHITESPACE = re.compile(r"\s+")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EvalQuestion(_Strict):
    """An in-scope question and the exact phrase a retrieved passage must contain."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    question: str = Field(min_length=3)
    evidence: str = Field(min_length=3)
    section: str | None = None


class RefusalItem(_Strict):
    """A question the advisor should decline: off-topic, or on-topic but not in the article."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    question: str = Field(min_length=3)
    expected_route: Literal["out_of_scope"] | None = None
    expected_covered: Literal[False] | None = None


class QuestionSet(_Strict):
    """The whole questions.yaml file."""

    version: int = 1
    document: str
    questions: tuple[EvalQuestion, ...]
    out_of_scope: tuple[RefusalItem, ...] = ()
    not_covered: tuple[RefusalItem, ...] = ()


class EvalScenario(_Strict):
    """A scenario, the strategy the article's advice implies, and the article's reasoning."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = ""
    scenario: dict[str, Any]
    expected: Strategy
    why: str = Field(min_length=10)

    def to_scenario(self) -> Scenario:
        """The scenario as the scoring tool's value object (raises ValidationError if invalid)."""
        return Scenario.model_validate(self.scenario)


class ScenarioSet(_Strict):
    """The whole scenarios.yaml file."""

    version: int = 1
    scenarios: tuple[EvalScenario, ...]


def normalize(text: str) -> str:
    """Collapse whitespace runs and lower-case, for evidence matching."""
    return _WHITESPACE.sub(" ", text).strip().lower()


def contains_evidence(passage_text: str, evidence: str) -> bool:
    """Whether a passage holds the evidence phrase (whitespace-collapsed, case-insensitive)."""
    needle = normalize(evidence)
    return bool(needle) and needle in normalize(passage_text)


def load_questions(path: Path = QUESTIONS_FILE) -> QuestionSet:
    """Load and validate questions.yaml."""
    return QuestionSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def load_scenarios(path: Path = SCENARIOS_FILE) -> ScenarioSet:
    """Load and validate scenarios.yaml."""
    return ScenarioSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
