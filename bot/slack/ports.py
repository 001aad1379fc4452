"""What the Slack layer needs from the advisor: a Protocol, so Slack never sees its internals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from bot.models import Answer, Evaluation, Policy, Scenario

if TYPE_CHECKING:
    from bot.advisor.onboarding import OnboardingService


class AdvisorPort(Protocol):
    """The advisor as the Slack adapter uses it (implemented by bot.advisor.service.Advisor)."""

    @property
    def policy(self) -> Policy:
        """The validated sourcing policy."""
        ...

    @property
    def onboarding(self) -> OnboardingService | None:
        """The primer and walkthrough service; None when knowledge/onboarding.yaml is absent."""
        ...

    def ask(self, text: str, *, history: Sequence[str] = ()) -> Answer:
        """Answer a message; ``history`` holds earlier user turns of the thread, oldest first."""
        ...

    def evaluate(self, scenario: Scenario) -> Evaluation:
        """Score the four strategies for a scenario."""
        ...

    def parse_scenario_args(self, text: str) -> Scenario:
        """Parse ``key=value`` arguments; raises bot.errors.InputError naming the field."""
        ...
