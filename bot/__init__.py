"""Sourcing Advisor: grounded advice on how to source software development.

Public API::

    from bot import build_advisor, Scenario
    advisor = build_advisor()
    advisor.search(text, k=5)        # -> list[Passage]
    advisor.ask(text)                # -> Answer
    advisor.evaluate(Scenario(...))  # -> Evaluation
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.models import Answer, Citation, Evaluation, Passage, Scenario

if TYPE_CHECKING:
    from bot.advisor.service import Advisor
    from bot.config import Settings

__all__ = ["Answer", "Citation", "Evaluation", "Passage", "Scenario", "build_advisor"]


def build_advisor(settings: Settings | None = None) -> Advisor:
    """Build the advisor from settings (default: read from the environment).

    The heavy parts (Chroma, the embedding model) are imported here, not when ``bot`` is imported.
    """
    from bot.bootstrap import build_advisor as _build

    return _build(settings)
