"""Typed loaders for the labelled evaluation files questions.yaml and scenarios.yaml."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.models import Scenario, Strategy

EVAL_DIR = Path(__file__).resolve().parent
QUESTIONS_FILE = EVAL_DIR / "questions.yaml"
HELDOUT_FILE = EVAL_DIR / "heldout.yaml"
SCENARIOS_FILE = EVAL_DIR / "scenarios.yaml"

_WHITESPACE = re.compile(r"\s+")
_WRITER = re.compile(r"[a-z][0-9]?")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Kind = Literal[
    "definition", "figures", "comparison", "reason", "when", "risks", "example", "yes_no", "other"
]


class EvalQuestion(_Strict):
    """An in-scope question and the exact phrases an answer to it must contain (any one)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    question: str = Field(min_length=3)
    evidence: tuple[str, ...] = Field(min_length=1)
    section: str | None = None
    kind: Kind | None = None
    expected_answer: Literal["yes", "no"] | None = None
    history: tuple[str, ...] = ()


class RefusalItem(_Strict):
    """A message the advisor should not answer from the knowledge base (see QuestionSet)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    question: str = Field(min_length=2)


class QuestionSet(_Strict):
    """One split's file: questions.yaml (dev) or heldout.yaml (held out)."""

    version: int = 2
    document: str
    split: Literal["dev", "heldout"]
    questions: tuple[EvalQuestion, ...]
    out_of_scope: tuple[RefusalItem, ...] = ()
    not_covered: tuple[RefusalItem, ...] = ()
    small_talk: tuple[RefusalItem, ...] = ()
    other_language: tuple[RefusalItem, ...] = ()


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


def writer(item_id: str) -> str:
    """Who wrote an item: the set prefix of its id, one letter and an optional digit
    ("m-offshore-downsides" -> "m", "a2-odc-meaning" -> "a2"), or "orig" for the first set's
    ids ("intro-why-bother"). Leave-one-writer-out measures answer each writer's questions with
    the other writers' labelled questions only."""
    prefix = item_id.split("-", 1)[0]
    return prefix if _WRITER.fullmatch(prefix) else "orig"


def normalize(text: str) -> str:
    """Collapse whitespace runs and lower-case, for evidence matching."""
    return _WHITESPACE.sub(" ", text).strip().lower()


def contains_evidence(text: str, evidence: str | Sequence[str]) -> bool:
    """Whether a text holds an evidence phrase, or any of several (whitespace-collapsed,
    case-insensitive; typographic quotes and dashes must match)."""
    phrases = [evidence] if isinstance(evidence, str) else list(evidence)
    haystack = normalize(text)
    return any(normalize(p) and normalize(p) in haystack for p in phrases)


def load_questions(path: Path = QUESTIONS_FILE) -> QuestionSet:
    """Load and validate a questions file (the dev split by default; HELDOUT_FILE for the other)."""
    return QuestionSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def load_scenarios(path: Path = SCENARIOS_FILE) -> ScenarioSet:
    """Load and validate scenarios.yaml."""
    return ScenarioSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
