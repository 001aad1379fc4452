"""Block Kit view of the ``/sourcing evaluate`` modal: one input per Scenario field."""

from __future__ import annotations

from typing import Any

from bot.models import SCENARIO_FIELDS, Scenario
from bot.slack import ids
from bot.slack.blocks.limits import MAX_SECTION_TEXT, truncate

Block = dict[str, Any]

MODAL_LABELS: dict[str, str] = {
    "duration_months": "Project duration",
    "core": "Is it a core IT capability of your business?",
    "company": "Kind of company",
    "budget": "Budget to invest in scaling a team",
    "control": "Need for control over delivery and quality",
    "upfront_investment": "Capacity for upfront investment (money, time, set-up)",
    "change_rate": "How often will requirements change?",
    "local_talent": "Skills needed, in your home country",
}
_LEVELS = (("low", "Low"), ("medium", "Medium"), ("high", "High"))
MODAL_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "core": (("false", "No"), ("true", "Yes")),
    "company": (("non_it", "Non-IT company"), ("tech", "Tech / IT company")),
    "budget": _LEVELS,
    "control": _LEVELS,
    "upfront_investment": _LEVELS,
    "change_rate": _LEVELS,
    "local_talent": (("available", "Available"), ("scarce", "Scarce")),
}
"""Select options per Scenario field: (value sent to parse_scenario_args, label)."""


def _option(value: str, label: str) -> Block:
    return {"text": {"type": "plain_text", "text": label}, "value": value}


def _initial(scenario: Scenario, name: str) -> str:
    value = getattr(scenario, name)
    return str(value).lower() if isinstance(value, bool) else str(value)


def render_evaluate_modal(*, private_metadata: str, initial: Scenario | None = None) -> Block:
    """The modal of ``/sourcing evaluate``: one input per Scenario field.

    Args:
        private_metadata: Where to post the result (JSON written by the listener).
        initial: Values to pre-fill; defaults to the Scenario defaults.

    Returns:
        A ``views.open`` view: block ids ``ids.SCENARIO_BLOCK_PREFIX + field``, every element's
        action_id ``ids.SCENARIO_ACTION``.
    """
    scenario = initial if initial is not None else Scenario()
    intro = "Describe the project; I score the four sourcing strategies against the policy."
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": truncate(intro, MAX_SECTION_TEXT)}}
    ]
    for name in SCENARIO_FIELDS:
        element: Block
        if name in MODAL_CHOICES:
            choices = MODAL_CHOICES[name]
            current = _initial(scenario, name)
            labels = dict(choices)
            element = {
                "type": "static_select",
                "action_id": ids.SCENARIO_ACTION,
                "options": [_option(v, label) for v, label in choices],
                "initial_option": _option(current, labels.get(current, current)),
            }
        else:
            element = {
                "type": "plain_text_input",
                "action_id": ids.SCENARIO_ACTION,
                "initial_value": _initial(scenario, name),
                "placeholder": {"type": "plain_text", "text": "e.g. 18, 18m, 1.5y, 2 years"},
            }
        block: Block = {
            "type": "input",
            "block_id": f"{ids.SCENARIO_BLOCK_PREFIX}{name}",
            "label": {"type": "plain_text", "text": MODAL_LABELS.get(name, name)},
            "element": element,
        }
        if name == "duration_months":
            block["hint"] = {"type": "plain_text", "text": "In months, or e.g. 18m, 1.5y, 2 years."}
        blocks.append(block)
    return {
        "type": "modal",
        "callback_id": ids.VIEW_EVALUATE,
        "title": {"type": "plain_text", "text": "Evaluate a scenario"},
        "submit": {"type": "plain_text", "text": "Evaluate"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": private_metadata,
        "blocks": blocks,
    }
