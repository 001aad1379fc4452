"""The error hierarchy: one BotError base, a few subclasses the edges know how to show."""

from __future__ import annotations


class BotError(Exception):
    """Base for every error this package raises on purpose."""


class ConfigError(BotError):
    """Configuration is missing or invalid (environment, files)."""


class KnowledgeError(BotError):
    """A knowledge document or the policy file is malformed or inconsistent."""


class InputError(BotError):
    """User input is invalid; the message names the field and what is allowed."""

    def __init__(self, msg: str, *, field: str | None = None) -> None:
        super().__init__(msg)
        self.field = field


class RetrievalError(BotError):
    """The index or the embedding model cannot be used."""
