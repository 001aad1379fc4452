"""The kind of question read from its wording: a decision table of exact cases."""

from __future__ import annotations

import pytest

from bot.advisor.intent import read_intent


@pytest.mark.parametrize(
    ("text", "kind", "polar"),
    [
        ("offshore vs outsource cost?", "figures", False),
        ("How much cheaper is a dedicated offshore team?", "figures", False),
        ("what's the difference between outsourcing and offshoring?", "definition", False),
        ("When does a dedicated offshore team make sense?", "when", False),
        ("what are the risks of offshoring?", "risks", False),
        ("why do companies outsource at all?", "reason", False),
        ("any real company that did this? need an example", "example", False),
        ("Should we outsource our core platform?", "yes_no", True),
        ("is outsourcing better or worse than an offshore team", "comparison", False),
        ("is outsourcing cheaper than an offshore team?", "figures", True),
        ("outsource or build a team abroad?", "comparison", False),
    ],
)
def test_question_kind_decision_table(text: str, kind: str, polar: bool) -> None:
    """Each wording gets the kind and yes/no reading the table gives."""
    intent = read_intent(text.lower())
    assert (intent.kind, intent.polar) == (kind, polar)
