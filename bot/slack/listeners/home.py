"""The App Home tab: published when a user opens it, and again when their progress changes."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks.home import render_home
from bot.slack.deps import SlackDeps
from bot.slack.ports import AdvisorPort
from bot.slack.progress import ProgressStore

logger = logging.getLogger(__name__)


def publish_home(
    client: WebClient, *, advisor: AdvisorPort, progress: ProgressStore, user: str
) -> bool:
    """Publish the Home tab for ``user``; returns False (logged) when views.publish fails."""
    onboarding = advisor.onboarding
    view = render_home(
        onboarding.primer() if onboarding is not None else None,
        steps=onboarding.steps() if onboarding is not None else (),
        progress=progress.get(user),
    )
    try:
        client.views_publish(user_id=user, view=view)
    except SlackApiError as err:
        logger.warning("views.publish failed user=%s error=%s", user, err.response.get("error"))
        return False
    return True


def ack_event(ack: Ack) -> None:
    """Acknowledge at once (Slack retries events not acked within 3 seconds)."""
    ack()


def register(app: App, deps: SlackDeps) -> None:
    """Register the app_home_opened listener."""
    progress = ProgressStore(deps.store)

    def handle_app_home_opened(event: dict[str, Any], client: WebClient) -> None:
        """Publish the Home tab (the Messages tab also sends this event: ignored)."""
        if event.get("tab", "home") != "home":
            return
        user = str(event.get("user") or "")
        if not user:
            return
        try:
            publish_home(client, advisor=deps.advisor, progress=progress, user=user)
        except Exception:
            logger.exception("rendering the Home tab failed user=%s", user)

    app.event("app_home_opened")(ack=ack_event, lazy=[handle_app_home_opened])
