"""The onboarding service: a plain-language primer and a graded walkthrough of the policy."""

from __future__ import annotations

from bot.errors import InputError
from bot.models import (
    STRATEGIES,
    ComparisonRow,
    Condition,
    Onboarding,
    Policy,
    Primer,
    PrimerRule,
    PrimerStrategy,
    QuizResult,
    WalkthroughStep,
)
from bot.scoring.labels import factor_phrase, field_label, join_words, lower_first, value_label

_OPS = {"lt": "less than", "le": "at most", "gt": "more than", "ge": "at least"}


class OnboardingService:
    """Serves the primer and the walkthrough, and grades check-question answers."""

    def __init__(self, *, onboarding: Onboarding, policy: Policy) -> None:
        """Combine the validated onboarding content with the policy it explains."""
        self._onboarding = onboarding
        self._policy = policy
        self._steps = {step.id: step for step in onboarding.steps}
        self._order = tuple(step.id for step in onboarding.steps)
        self._primer = self._build_primer()

    def primer(self) -> Primer:
        """The primer: what the bot does, the four strategies, the hard rules and relative costs.

        Returns:
            Strategies and rules in policy order, one comparison row per strategy.
        """
        return self._primer

    def steps(self) -> tuple[WalkthroughStep, ...]:
        """The walkthrough steps, in order."""
        return self._onboarding.steps

    def step(self, step_id: str) -> WalkthroughStep:
        """One step by id.

        Raises:
            InputError: No step has that id.
        """
        step = self._steps.get(step_id)
        if step is None:
            msg = f'step: unknown walkthrough step "{step_id}" (known: {", ".join(self._order)})'
            raise InputError(msg, field="step")
        return step

    def position(self, step_id: str) -> int:
        """The 1-based position of a step in the walkthrough.

        Raises:
            InputError: No step has that id.
        """
        self.step(step_id)
        return self._order.index(step_id) + 1

    def next_step(self, step_id: str) -> WalkthroughStep | None:
        """The step after ``step_id``, or None after the last one.

        Raises:
            InputError: No step has that id.
        """
        index = self.position(step_id)
        return self._onboarding.steps[index] if index < len(self._order) else None

    def grade(self, step_id: str, option_id: str) -> QuizResult:
        """Grade an answer to a step's check question.

        Args:
            step_id: The step whose question was answered.
            option_id: The chosen option.

        Returns:
            Whether it is correct, the correct option, the explanation and its citation.

        Raises:
            InputError: The step is unknown, has no check question, or has no such option.
        """
        step = self.step(step_id)
        check = step.check
        if check is None:
            msg = f'step: walkthrough step "{step_id}" has no check question'
            raise InputError(msg, field="step")
        ids = [option.id for option in check.options]
        if option_id not in ids:
            msg = (
                f'option: "{option_id}" is not an option of step "{step_id}" '
                f"(allowed: {', '.join(ids)})"
            )
            raise InputError(msg, field="option")
        return QuizResult(
            step_id=step_id,
            option_id=option_id,
            correct=option_id == check.correct,
            correct_option=check.correct,
            explanation=check.explanation,
            citation=check.citation,
        )

    def _build_primer(self) -> Primer:
        text = self._onboarding.primer
        policy = self._policy
        strategies = tuple(
            PrimerStrategy(
                strategy=s,
                label=policy.strategies[s].label,
                definition=policy.strategies[s].definition,
                citation=policy.strategies[s].citation,
            )
            for s in STRATEGIES
            if s in policy.strategies
        )
        rules = tuple(
            PrimerRule(
                id=rule.id,
                when=" and ".join(_condition(policy, c) for c in rule.when),
                message=rule.message,
                strategies=rule.strategies,
                citation=rule.citation,
            )
            for rule in policy.rules
        )
        comparison = tuple(
            ComparisonRow(
                strategy=s,
                label=policy.strategies[s].label if s in policy.strategies else s,
                range=policy.cost_ranges[s].range,
                basis=policy.cost_ranges[s].basis,
                plain=text.comparison[s],
                note=policy.cost_ranges[s].note,
                citation=policy.cost_ranges[s].citation,
            )
            for s in STRATEGIES
            if s in policy.cost_ranges and s in text.comparison
        )
        return Primer(
            title=text.title,
            intro=text.intro,
            strategies=strategies,
            rules=rules,
            comparison_intro=text.comparison_intro,
            comparison=comparison,
            usage=text.usage,
        )


def _condition(policy: Policy, condition: Condition) -> str:
    """A rule condition as people read it, with the policy's labels, never field names:
    "core IT capability", "project duration more than 12 months (one year)", "budget to invest
    in a team: low budget"."""
    label = field_label(policy, condition.field)
    values = condition.value if isinstance(condition.value, list) else [condition.value]
    shown = [value_label(policy, condition.field, v) for v in values]
    if condition.op == "eq":
        return lower_first(factor_phrase(label, shown[0]))
    if condition.op == "ne":
        return f"{lower_first(label)}: not {shown[0]}"
    if condition.op == "in":
        return f"{lower_first(label)}: {join_words(shown, last='or')}"
    return f"{lower_first(label)} {_OPS[condition.op]} {shown[0]}"
