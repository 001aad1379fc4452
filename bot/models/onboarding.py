"""Onboarding content: the primer and the walkthrough steps with their check questions."""

from __future__ import annotations

from pydantic import Field

from bot.models._base import Frozen
from bot.models.citation import SourceRef
from bot.models.policy import Strategy


class QuizOption(Frozen):
    """One answer option of a check question."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Stable id, e.g. 'a'")
    text: str = Field(min_length=1)


class CheckQuestion(Frozen):
    """A multiple-choice question that checks a walkthrough step was understood."""

    prompt: str = Field(min_length=1)
    options: tuple[QuizOption, ...] = Field(min_length=2, max_length=5)
    correct: str = Field(description="Id of the one correct option")
    explanation: str = Field(min_length=1)
    citation: SourceRef


class WalkthroughStep(Frozen):
    """One step of the walkthrough: a short lesson, its source and an optional check question."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str = Field(min_length=1)
    body: str = Field(min_length=1)
    citations: tuple[SourceRef, ...] = Field(min_length=1, description="Sources of the body")
    check: CheckQuestion | None = None


class PrimerText(Frozen):
    """The hand-written parts of the primer; the policy supplies strategies, rules and costs."""

    title: str = "Sourcing Advisor"
    intro: str = Field(min_length=1)
    comparison_intro: str = Field(min_length=1)
    comparison: dict[Strategy, str] = Field(
        description="Plain-language reading of each strategy's Model Comparison cost figure"
    )
    usage: str = Field(min_length=1, description="How to use the bot's commands")


class Onboarding(Frozen):
    """The whole onboarding file (knowledge/onboarding.yaml), validated."""

    version: int = 1
    primer: PrimerText
    steps: tuple[WalkthroughStep, ...] = Field(min_length=1)


class PrimerStrategy(Frozen):
    """A strategy as the primer presents it."""

    strategy: Strategy
    label: str
    definition: str
    citation: SourceRef


class PrimerRule(Frozen):
    """A hard policy rule as the primer presents it."""

    id: str
    when: str = Field(
        description="The rule's conditions in the policy's words, e.g. 'core IT capability'"
    )
    message: str
    strategies: tuple[Strategy, ...]
    citation: SourceRef


class ComparisonRow(Frozen):
    """One strategy's relative cost from the Model Comparison, in plain terms."""

    strategy: Strategy
    label: str
    range: str = Field(description="As the source states it, or 'not stated'")
    basis: str
    plain: str = Field(description="What the figure means, in plain language")
    note: str = Field(default="", description="The policy's note on the figure")
    citation: SourceRef | None = None


class Primer(Frozen):
    """A short plain-language introduction: what the bot does, strategies, rules and costs."""

    title: str
    intro: str
    strategies: tuple[PrimerStrategy, ...]
    rules: tuple[PrimerRule, ...]
    comparison_intro: str
    comparison: tuple[ComparisonRow, ...]
    usage: str


class QuizResult(Frozen):
    """The grade of one check-question answer."""

    step_id: str
    option_id: str
    correct: bool
    correct_option: str = Field(description="Id of the correct option")
    explanation: str
    citation: SourceRef
