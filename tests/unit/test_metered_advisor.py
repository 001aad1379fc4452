"""MeteredAdvisor counts answers by route; GatedAdvisor inside it bounds how many run at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.models import Answer, Statement
from bot.slack.executor import GatedAdvisor
from bot.slack.metrics import MeteredAdvisor, Metrics


class SlowAdvisor:
    """Answers after 50 ms and records the most questions it was answering at once."""

    policy: Any = None
    onboarding: Any = None

    def __init__(self) -> None:
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()

    def ask(self, text: str, *, history: Sequence[str] = ()) -> Answer:
        with self._lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(0.05)
        with self._lock:
            self.active -= 1
        return Answer(route="knowledge", direct=Statement(text=text), covered=text != "off topic")

    def evaluate(self, scenario: Any) -> Any:
        raise NotImplementedError

    def parse_scenario_args(self, text: str) -> Any:
        raise NotImplementedError


def test_at_most_max_concurrent_questions_are_answered_at_once() -> None:
    """Eight questions from eight threads run two at a time, and all eight are counted."""
    inner = SlowAdvisor()
    metrics = Metrics()
    advisor = MeteredAdvisor(GatedAdvisor(inner, slots=2), metrics)  # type: ignore[arg-type]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(advisor.ask, ["q"] * 6 + ["off topic"] * 2))
    assert [a.direct.text for a in answers] == ["q"] * 6 + ["off topic"] * 2
    assert inner.peak == 2
    sample = metrics.registry.get_sample_value
    assert sample("sourcing_answers_total", {"route": "knowledge"}) == 8.0
    assert sample("sourcing_refusals_total") == 2.0
    assert sample("sourcing_answer_seconds_count") == 8.0
