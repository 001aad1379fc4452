"""Load and validate prompt templates from prompts/ (data, not code)."""

from __future__ import annotations

from pathlib import Path

import yaml
from langchain_core.prompts import ChatPromptTemplate

from bot.errors import ConfigError


def load_chat_prompt(path: Path) -> ChatPromptTemplate:
    """Load a prompt file with `system`, `human` and `input_variables`.

    Raises:
        ConfigError: the file is missing, malformed, or its templates use other variables.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        msg = f"{path}: cannot read prompt file ({exc.__class__.__name__})"
        raise ConfigError(msg) from exc
    if not isinstance(data, dict) or not {"system", "human", "input_variables"} <= data.keys():
        msg = f"{path}: a prompt file needs the keys system, human and input_variables"
        raise ConfigError(msg)
    prompt = ChatPromptTemplate.from_messages(
        [("system", data["system"]), ("human", data["human"])]
    )
    expected = set(data["input_variables"])
    if set(prompt.input_variables) != expected:
        msg = (
            f"{path}: templates use {sorted(prompt.input_variables)}, "
            f"input_variables says {sorted(expected)}"
        )
        raise ConfigError(msg)
    return prompt
