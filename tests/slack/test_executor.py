"""Bounded work after the ack: the listener pool refuses past its bound; advisor calls are gated."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from bot.advisor.onboarding import OnboardingService
from bot.models import Answer, Evaluation, Policy, Scenario
from bot.slack.blocks.answer import render_fallback_text
from bot.slack.executor import BoundedExecutor, GatedAdvisor, QueueFullError
from bot.slack.ports import AdvisorPort


def test_bounded_executor_refuses_work_past_its_bound() -> None:
    """With one worker and room for two, a third submission fails at once; slots come back."""
    release = threading.Event()
    executor = BoundedExecutor(max_workers=1, max_pending=2)
    try:
        running = executor.submit(release.wait, 10)
        queued = executor.submit(lambda: "queued")
        refused = executor.submit(lambda: "refused")
        assert isinstance(refused.exception(timeout=1), QueueFullError)
        release.set()
        assert running.result(timeout=10) is True
        assert queued.result(timeout=10) == "queued"
        assert executor.submit(lambda: "again").result(timeout=10) == "again"
    finally:
        release.set()
        executor.shutdown(wait=True)


class _CountingAdvisor:
    """An AdvisorPort around the real one that records how many asks run at once."""

    def __init__(self, real: AdvisorPort) -> None:
        self._real = real
        self._lock = threading.Lock()
        self._now = 0
        self.peak = 0
        self.gate = threading.Barrier(2, timeout=10)

    @property
    def policy(self) -> Policy:
        """The real policy."""
        return self._real.policy

    @property
    def onboarding(self) -> OnboardingService | None:
        """The real onboarding service."""
        return self._real.onboarding

    def ask(self, text: str, *, history: Sequence[str] = ()) -> Answer:
        """The real answer, counting concurrent callers (two meet at a barrier first)."""
        with self._lock:
            self._now += 1
            self.peak = max(self.peak, self._now)
        try:
            self.gate.wait()
            return self._real.ask(text, history=history)
        finally:
            with self._lock:
                self._now -= 1

    def evaluate(self, scenario: Scenario) -> Evaluation:
        """The real evaluation."""
        return self._real.evaluate(scenario)

    def parse_scenario_args(self, text: str) -> Scenario:
        """The real parser."""
        return self._real.parse_scenario_args(text)


def test_gated_advisor_runs_two_asks_at_most(advisor: AdvisorPort) -> None:
    """Six threads asking at once through GatedAdvisor(slots=2): two run at a time, all answer."""
    counting = _CountingAdvisor(advisor)
    gated = GatedAdvisor(counting, slots=2)
    question, callers = "What is offshoring?", 6
    with ThreadPoolExecutor(max_workers=callers) as pool:
        texts = list(pool.map(lambda _: render_fallback_text(gated.ask(question)), range(callers)))
    assert texts == [render_fallback_text(advisor.ask(question))] * callers
    assert counting.peak == 2
