"""Optional LLM path through LangChain: composer, grounding guard, prompts and tools."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.errors import ConfigError

if TYPE_CHECKING:
    from bot.advisor.composer import DeterministicComposer
    from bot.config import Settings
    from bot.llm.composer import LLMComposer

__all__ = ["build_llm_composer"]

_PROVIDER_PACKAGES = {
    "openai": "langchain-openai",
    "anthropic": "langchain-anthropic",
    "ollama": "langchain-ollama",
}


def build_llm_composer(*, settings: Settings, fallback: DeterministicComposer) -> LLMComposer:
    """Build the guarded LLM composer for ``settings.llm``.

    Providers need their LangChain integration package and credentials.

    Raises:
        ConfigError: the provider's package is not installed or no model is named.
    """
    from langchain.chat_models import init_chat_model

    from bot.llm.composer import LLMComposer
    from bot.llm.prompts import load_chat_prompt

    prompt = load_chat_prompt(settings.prompts_dir / "grounded_answer.yaml")
    if not settings.llm_model:
        msg = f"SOURCING_LLM_MODEL: name the {settings.llm} model to use"
        raise ConfigError(msg)
    try:
        model = init_chat_model(settings.llm_model, model_provider=settings.llm)
    except ImportError as exc:
        package = _PROVIDER_PACKAGES[settings.llm]
        msg = f"SOURCING_LLM={settings.llm} needs `pip install {package}`"
        raise ConfigError(msg) from exc
    return LLMComposer(model=model, prompt=prompt, fallback=fallback)
