"""The scoring tool exposed to LangChain as a StructuredTool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.knowledge import load_knowledge
from bot.llm.tools import create_scenario_tool
from bot.models import Evaluation, Scenario
from bot.scoring import evaluate

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def tool():  # type: ignore[no-untyped-def]
    policy = load_knowledge(KNOWLEDGE).policy
    return create_scenario_tool(lambda scenario: evaluate(scenario, policy)), policy


def test_tool_schema_is_the_scenario(tool) -> None:  # type: ignore[no-untyped-def]
    """The tool's argument schema is exactly the Scenario fields."""
    structured, _ = tool
    assert structured.name == "evaluate_sourcing_scenario"
    assert set(structured.args) == set(Scenario.model_fields)


def test_tool_returns_the_same_evaluation_as_the_scoring_tool(tool) -> None:  # type: ignore[no-untyped-def]
    """Invoking the tool gives the Evaluation JSON that evaluate() gives for the same scenario."""
    structured, policy = tool
    out = structured.invoke({"duration_months": 36, "core": True, "company": "tech"})
    expected = evaluate(Scenario(duration_months=36, core=True, company="tech"), policy)
    assert Evaluation.model_validate(json.loads(out)) == expected


def test_tool_rejects_invalid_arguments(tool) -> None:  # type: ignore[no-untyped-def]
    """Out-of-range values are refused by the schema before scoring."""
    structured, _ = tool
    with pytest.raises(ValidationError):
        structured.invoke({"duration_months": 500})
