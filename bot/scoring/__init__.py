"""Pure, deterministic scenario scoring, and parsing of scenarios from arguments and text."""

from __future__ import annotations

from bot.scoring.engine import evaluate
from bot.scoring.parse import parse_scenario_args, parse_scenario_text, parse_scenario_values

__all__ = ["evaluate", "parse_scenario_args", "parse_scenario_text", "parse_scenario_values"]
