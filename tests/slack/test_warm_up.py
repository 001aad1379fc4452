"""serve's warm-up: the advisor's first-use loads happen before the port serves."""

from __future__ import annotations

import logging

import pytest

from bot.errors import RetrievalError
from bot.slack.ports import AdvisorPort
from bot.slack.runner import WARM_UP_QUESTIONS, warm_up


class RecordingAdvisor:
    """Passes search/ask to the real advisor and records them; ``fail`` makes ask raise."""

    def __init__(self, real: AdvisorPort, *, fail: bool = False) -> None:
        self.real = real
        self.fail = fail
        self.calls: list[tuple[str, str]] = []

    def search(self, text: str, k: int = 5) -> object:
        """The real search, recorded."""
        self.calls.append(("search", text))
        return self.real.search(text, k=k)  # type: ignore[attr-defined]

    def ask(self, text: str) -> object:
        """The real answer, recorded (or a RetrievalError when failing)."""
        self.calls.append(("ask", text))
        if self.fail:
            raise RetrievalError("index missing")
        return self.real.ask(text)


def test_warm_up_searches_then_asks_each_warm_up_question(advisor: AdvisorPort) -> None:
    """One search, then every warm-up question once, in order."""
    recording = RecordingAdvisor(advisor)
    warm_up(recording)
    assert recording.calls == [("search", "sourcing")] + [("ask", q) for q in WARM_UP_QUESTIONS]


def test_warm_up_failure_is_logged_not_raised(
    advisor: AdvisorPort, caplog: pytest.LogCaptureFixture
) -> None:
    """An advisor error during warm-up is one warning; questions meet it later as usual."""
    recording = RecordingAdvisor(advisor, fail=True)
    with caplog.at_level(logging.WARNING, logger="bot.slack.runner"):
        warm_up(recording)
    assert recording.calls == [("search", "sourcing"), ("ask", WARM_UP_QUESTIONS[0])]
    assert [r.getMessage() for r in caplog.records] == ["warm-up failed: index missing"]
