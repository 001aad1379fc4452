"""Settings: the only module that reads the environment (and an optional .env file)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_dir(name: str) -> Path:
    """The repository's folder when running from a checkout, else one under the working dir."""
    candidate = _REPO_ROOT / name
    return candidate if candidate.is_dir() else Path.cwd() / name


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """Everything configurable, validated once at start-up."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        frozen=True,
    )

    knowledge_dir: Path = Field(
        default_factory=lambda: _default_dir("knowledge"),
        validation_alias=_alias("SOURCING_KNOWLEDGE_DIR", "knowledge_dir"),
    )
    prompts_dir: Path = Field(
        default_factory=lambda: _default_dir("prompts"),
        validation_alias=_alias("SOURCING_PROMPTS_DIR", "prompts_dir"),
    )
    data_dir: Path = Field(
        default_factory=lambda: (
            _REPO_ROOT / "data"
            if (_REPO_ROOT / "pyproject.toml").is_file()
            else Path.cwd() / "data"
        ),
        validation_alias=_alias("SOURCING_DATA_DIR", "data_dir"),
    )
    chroma_url: str | None = Field(
        default=None, validation_alias=_alias("CHROMA_URL", "chroma_url")
    )
    chroma_collection: str = Field(
        default="sourcing-advisor",
        validation_alias=_alias("SOURCING_CHROMA_COLLECTION", "chroma_collection"),
    )
    chroma_timeout_s: float = Field(
        default=5.0,
        gt=0.0,
        le=300.0,
        validation_alias=_alias("SOURCING_CHROMA_TIMEOUT_S", "chroma_timeout_s"),
        description="Seconds one call to the Chroma server (CHROMA_URL) may take",
    )
    chroma_retry_s: float = Field(
        default=15.0,
        ge=0.0,
        le=3600.0,
        validation_alias=_alias("SOURCING_CHROMA_RETRY_S", "chroma_retry_s"),
        description="Seconds answers stay keyword-only after a failed Chroma call",
    )
    index_refresh_s: float = Field(
        default=5.0,
        ge=0.0,
        le=3600.0,
        validation_alias=_alias("SOURCING_INDEX_REFRESH_S", "index_refresh_s"),
        description="Seconds between a reader's checks for a newly switched index generation",
    )
    index_grace_s: float = Field(
        default=600.0,
        ge=0.0,
        le=7 * 24 * 3600.0,
        validation_alias=_alias("SOURCING_INDEX_GRACE_S", "index_grace_s"),
        description="Seconds `index` keeps the previous index generation after a switch",
    )
    embedding_model_path: Path | None = Field(
        default=None,
        validation_alias=_alias("SOURCING_EMBEDDING_MODEL_PATH", "embedding_model_path"),
    )
    max_question_chars: int = Field(
        default=4000,
        ge=100,
        le=100_000,
        validation_alias=_alias("SOURCING_MAX_QUESTION_CHARS", "max_question_chars"),
    )
    min_similarity: float = Field(
        default=0.3,
        ge=0.0,
        le=1.0,
        validation_alias=_alias("SOURCING_MIN_SIMILARITY", "min_similarity"),
        description="Similarity below which the knowledge base is taken not to cover a question",
    )
    llm: Literal["none", "openai", "anthropic", "ollama"] = Field(
        default="none", validation_alias=_alias("SOURCING_LLM", "llm")
    )
    llm_model: str = Field(default="", validation_alias=_alias("SOURCING_LLM_MODEL", "llm_model"))
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO",
        validation_alias=_alias("LOG_LEVEL", "log_level"),
        description="Log level of `serve` (other commands log warnings only, or INFO with -v)",
    )

    database_url: SecretStr | None = Field(
        default=None,
        validation_alias=_alias("SOURCING_DATABASE_URL", "database_url"),
        description="Postgres URL for state shared by replicas (default: SQLite in the data dir)",
    )
    answer_retention_days: float = Field(
        default=14,
        gt=0,
        le=3650,
        validation_alias=_alias("SOURCING_ANSWER_RETENTION_DAYS", "answer_retention_days"),
        description="Days questions/answers are kept for feedback (and answered threads)",
    )
    feedback_retention_days: float = Field(
        default=90,
        gt=0,
        le=3650,
        validation_alias=_alias("SOURCING_FEEDBACK_RETENTION_DAYS", "feedback_retention_days"),
        description="Days a vote is kept with the question, answer and citations it rates",
    )
    progress_retention_days: float = Field(
        default=365,
        gt=0,
        le=3650,
        validation_alias=_alias("SOURCING_PROGRESS_RETENTION_DAYS", "progress_retention_days"),
        description="Days walkthrough progress is kept after the user's last step",
    )
    http_port: int = Field(
        default=3000,
        ge=0,
        le=65535,
        validation_alias=_alias("SOURCING_PORT", "http_port"),
        description="Port `serve` listens on when --port is not given",
    )
    http_max_connections: int = Field(
        default=200,
        ge=1,
        le=10_000,
        validation_alias=_alias("SOURCING_HTTP_MAX_CONNECTIONS", "http_max_connections"),
        description="Open HTTP connections + requests served at once; beyond it: 503",
    )
    worker_threads: int = Field(
        default=16,
        ge=1,
        le=256,
        validation_alias=_alias("SOURCING_WORKER_THREADS", "worker_threads"),
        description="Threads that answer acknowledged Slack requests (lazy listeners)",
    )
    advisor_concurrency: int = Field(
        default=2,
        ge=1,
        le=64,
        validation_alias=_alias("SOURCING_ADVISOR_CONCURRENCY", "advisor_concurrency"),
        description="Answers computed at once (CPU-bound: about the number of cores)",
    )
    progress_reaction_delay_s: float = Field(
        default=1.0,
        ge=0,
        le=60,
        validation_alias=_alias("SOURCING_PROGRESS_REACTION_DELAY", "progress_reaction_delay_s"),
        description="Seconds after a question arrives before an unanswered one gets ⏳ (0: always)",
    )
    work_queue_size: int = Field(
        default=500,
        ge=1,
        le=100_000,
        validation_alias=_alias("SOURCING_WORK_QUEUE_SIZE", "work_queue_size"),
        description="Acknowledged requests waiting for a worker; beyond it: 503 (Slack retries)",
    )
    shutdown_grace_seconds: float = Field(
        default=25.0,
        ge=0,
        le=600,
        validation_alias=_alias("SOURCING_SHUTDOWN_GRACE_SECONDS", "shutdown_grace_seconds"),
        description="On SIGTERM: how long in-flight requests and acknowledged work may finish",
    )
    log_format: Literal["text", "json"] = Field(
        default="text",
        validation_alias=_alias("SOURCING_LOG_FORMAT", "log_format"),
        description="`serve` log lines as text or one JSON object per line",
    )

    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=_alias("SLACK_BOT_TOKEN", "slack_bot_token")
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=_alias("SLACK_SIGNING_SECRET", "slack_signing_secret")
    )
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=_alias("SLACK_APP_TOKEN", "slack_app_token")
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/",
        validation_alias=_alias("SLACK_API_URL", "slack_api_url"),
    )

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @property
    def chroma_dir(self) -> Path:
        """Where the embedded Chroma store lives."""
        return self.data_dir / "chroma"

    @property
    def state_db(self) -> Path:
        """SQLite file for Slack-side state (walkthrough progress, feedback, seen events)."""
        return self.data_dir / "state.sqlite3"
