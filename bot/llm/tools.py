"""The scoring tool as a LangChain StructuredTool (args schema = Scenario) for an LLM agent."""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.tools import StructuredTool

from bot.models import Evaluation, Scenario


def create_scenario_tool(evaluate: Callable[[Scenario], Evaluation]) -> StructuredTool:
    """Wrap ``evaluate`` so a model can call it with Scenario fields; returns Evaluation JSON."""

    def _run(**fields: object) -> str:
        return evaluate(Scenario.model_validate(fields)).model_dump_json()

    return StructuredTool.from_function(
        func=_run,
        name="evaluate_sourcing_scenario",
        description=(
            "Score the four sourcing strategies (onshore/offshore x insourcing/outsourcing) for a "
            "software project scenario. Deterministic; every factor cites the knowledge base."
        ),
        args_schema=Scenario,
    )
