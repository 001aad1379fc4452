"""Settings: one class reads the environment, validated at start-up (tested with a cleared env)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings

REPO = Path(__file__).resolve().parents[2]
_OURS = (
    "SOURCING_KNOWLEDGE_DIR", "SOURCING_PROMPTS_DIR", "SOURCING_DATA_DIR", "CHROMA_URL",
    "SOURCING_CHROMA_COLLECTION", "SOURCING_EMBEDDING_MODEL_PATH", "SOURCING_MAX_QUESTION_CHARS",
    "SOURCING_MIN_SIMILARITY", "SOURCING_LLM", "SOURCING_LLM_MODEL", "LOG_LEVEL", "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL",
)  # fmt: skip


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in _OURS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env file is read
    return monkeypatch


def test_defaults_with_a_cleared_environment(clean_env: pytest.MonkeyPatch) -> None:
    """With nothing set, settings point at the repository's folders and Slack's API."""
    settings = Settings()
    assert settings.knowledge_dir == REPO / "knowledge"
    assert settings.prompts_dir == REPO / "prompts"
    assert settings.data_dir == REPO / "data"
    assert settings.chroma_dir == REPO / "data" / "chroma"
    assert settings.chroma_url is None
    assert settings.llm == "none"
    assert settings.max_question_chars == 4000
    assert settings.slack_bot_token is None
    assert settings.slack_api_url == "https://slack.com/api/"


def test_environment_overrides(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Conventional variable names override the defaults; secrets stay hidden in repr."""
    clean_env.setenv("SOURCING_DATA_DIR", str(tmp_path / "d"))
    clean_env.setenv("CHROMA_URL", "http://127.0.0.1:8000")
    clean_env.setenv("SLACK_BOT_TOKEN", "xoxb-secret-value")
    clean_env.setenv("SLACK_API_URL", "http://127.0.0.1:9999/api")
    settings = Settings()
    assert settings.state_db == tmp_path / "d" / "state.sqlite3"
    assert settings.chroma_url == "http://127.0.0.1:8000"
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-secret-value"
    assert "xoxb-secret-value" not in repr(settings)
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"


def test_dotenv_file_is_read(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A .env file in the working directory is read when Settings is built (not at import)."""
    (tmp_path / ".env").write_text("SLACK_SIGNING_SECRET=from-dotenv\n", encoding="utf-8")
    settings = Settings()
    assert settings.slack_signing_secret is not None
    assert settings.slack_signing_secret.get_secret_value() == "from-dotenv"


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("SOURCING_MAX_QUESTION_CHARS", "12", "SOURCING_MAX_QUESTION_CHARS"),
        ("SOURCING_LLM", "gpt", "SOURCING_LLM"),
        ("SOURCING_MIN_SIMILARITY", "2", "SOURCING_MIN_SIMILARITY"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL"),
    ],
)
def test_invalid_values_name_the_variable(
    clean_env: pytest.MonkeyPatch, name: str, value: str, field: str
) -> None:
    """An invalid value fails validation with the variable's name in the error."""
    clean_env.setenv(name, value)
    with pytest.raises(ValidationError) as info:
        Settings()
    assert info.value.errors()[0]["loc"] == (field,)


def test_env_example_names_every_setting() -> None:
    """.env.example names every environment variable Settings reads, and nothing else."""
    import re

    names = set()
    for name, field in Settings.model_fields.items():
        choices = getattr(field.validation_alias, "choices", [])
        upper = [c for c in choices if isinstance(c, str) and c.isupper()]
        names.add(upper[0] if upper else name.upper())
    example = Path(".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert listed == names
