"""The scoring tool as a LangChain StructuredTool (args schema = Scenario) for an LLM agent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.tools import StructuredTool
from pydantic import BaseModel, create_model

from bot.models import Evaluation, Scenario


def _optional_scenario_schema() -> type[BaseModel]:
    """Scenario's fields, each optional: a field the model leaves out stays 'assumed'."""
    fields: dict[str, Any] = {}
    for name, info in Scenario.model_fields.items():
        annotation: Any = info.annotation
        fields[name] = (annotation | None, None)
    schema = create_model("ScenarioArgs", **fields)
    schema.__doc__ = Scenario.__doc__
    for name, info in Scenario.model_fields.items():
        schema.model_fields[name].description = info.description
    schema.model_rebuild(force=True)
    return schema


def create_scenario_tool(evaluate: Callable[[Scenario], Evaluation]) -> StructuredTool:
    """Wrap ``evaluate`` so a model can call it with Scenario fields; returns Evaluation JSON.

    Fields the model omits are not filled in here, so the Evaluation lists them as assumed; the
    values it gives are validated by Scenario itself (ranges, allowed values).
    """

    def _run(**fields: object) -> str:
        given = {k: v for k, v in fields.items() if v is not None}
        return evaluate(Scenario.model_validate(given)).model_dump_json()

    return StructuredTool.from_function(
        func=_run,
        name="evaluate_sourcing_scenario",
        description=(
            "Score the four sourcing strategies (onshore/offshore x insourcing/outsourcing) for a "
            "software project scenario. Deterministic; every factor cites the knowledge base."
        ),
        args_schema=_optional_scenario_schema(),
    )
