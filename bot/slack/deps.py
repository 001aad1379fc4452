"""What every listener module receives from create_app: the advisor, the state store, settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.slack.ports import AdvisorPort
    from bot.slack.progress_reaction import ProgressReactions
    from bot.state import StateStore


@dataclass(frozen=True)
class SlackDeps:
    """Dependencies handed to each listener module's ``register(app, deps)``.

    Attributes:
        advisor: The advisor (answers questions, evaluates scenarios).
        store: The state store (seen events, answered threads, answers, feedback, progress).
        settings: The validated settings.
        progress: Schedules the progress reaction on answers that are late.
    """

    advisor: AdvisorPort
    store: StateStore
    settings: Settings
    progress: ProgressReactions
