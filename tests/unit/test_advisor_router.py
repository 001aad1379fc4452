"""Routing decisions from message signals."""

from __future__ import annotations

import pytest

from bot.advisor.router import decide_route, read_signals
from bot.advisor.text import split_sentences, stem, terms


@pytest.mark.parametrize(
    ("text", "fields", "route"),
    [
        ("What is the difference between outsourcing and offshoring?", 0, "knowledge"),
        ("How much does a dedicated offshore team cost?", 0, "knowledge"),
        ("What's the weather in Hanoi tomorrow?", 0, "out_of_scope"),
        ("Write me a poem about outsourcing", 0, "out_of_scope"),
        ("Who won the world cup in 1998?", 0, "out_of_scope"),
        ("We're a bank with a 6-month mobile app, not core", 2, "scenario"),
        ("Should we outsource our 6-month project?", 1, "mixed"),
        ("We're a bank with a 6-month app, not core. What should we do?", 3, "scenario"),
        ("We need a 6-month app", 1, "knowledge"),
        (
            "We're a bank with a 6-month app, not core. What are the risks of outsourcing?",
            3,
            "mixed",
        ),
    ],
)
def test_routes(text: str, fields: int, route: str) -> None:
    """Each message goes to the route its content implies."""
    assert decide_route(read_signals(text, scenario_fields=fields)) == route


def test_terms_drop_stopwords_and_stem() -> None:
    """Content terms are lower-cased, stemmed and free of stop words."""
    assert terms("Should we outsource our core teams?") == ["outsour", "core", "team"]
    assert stem("outsourcing") == stem("outsourced") == "outsour"


def test_split_sentences_keeps_exact_wording() -> None:
    """Sentences come back verbatim, typographic quotes included."""
    text = "Outsourcing is the ‘cheapest’ option. Moreover,  businesses pay per project."
    assert split_sentences(text) == [
        "Outsourcing is the ‘cheapest’ option.",
        "Moreover, businesses pay per project.",
    ]
