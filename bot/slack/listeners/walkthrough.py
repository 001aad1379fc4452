"""The walkthrough: step messages in the user's DM, graded check questions, saved progress."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InputError
from bot.models import QuizResult, WalkthroughStep
from bot.slack import ids
from bot.slack.blocks.walkthrough import parse_answer_value, render_finished, render_step
from bot.slack.deps import SlackDeps
from bot.slack.listeners.answering import post_ephemeral
from bot.slack.listeners.home import publish_home
from bot.slack.progress import ProgressStore

if TYPE_CHECKING:
    from bot.advisor.onboarding import OnboardingService

logger = logging.getLogger(__name__)

NOT_CONFIGURED_TEXT = "The walkthrough is not set up on this workspace (no onboarding content)."
ANSWER_ACTION = re.compile(rf"^{re.escape(ids.ACTION_WALKTHROUGH_ANSWER)}(:.+)?$")
"""Answer buttons: ``walkthrough_answer:<option id>`` (action_ids must be unique in a block)."""


def post_step(
    client: WebClient,
    *,
    channel: str,
    onboarding: OnboardingService,
    step: WalkthroughStep,
    result: QuizResult | None = None,
) -> str | None:
    """Post one step message; returns its ts, or None when posting failed (logged)."""
    text, blocks = render_step(
        step,
        position=onboarding.position(step.id),
        total=len(onboarding.steps()),
        result=result,
    )
    try:
        resp = client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SlackApiError as err:
        logger.error("posting walkthrough step failed error=%s", err.response.get("error"))
        return None
    return str(resp["ts"])


def start_walkthrough(
    client: WebClient,
    *,
    onboarding: OnboardingService,
    progress: ProgressStore,
    user: str,
    restart: bool = False,
) -> str | None:
    """Start (or resume at the saved step) the walkthrough in the user's DM.

    Args:
        client: The Web API client.
        onboarding: The onboarding service.
        progress: Where progress is saved.
        user: The Slack user id (chat.postMessage to a user id posts in the app's DM).
        restart: Start at the first step even when a step is saved.

    Returns:
        The ts of the posted step message, or None when posting failed.
    """
    state = progress.get(user)
    steps = onboarding.steps()
    step = steps[0]
    if not restart and state.current_step is not None:
        try:
            step = onboarding.step(state.current_step)
        except InputError:
            logger.info("saved step %s no longer exists; starting over", state.current_step)
    progress.set_step(user, step.id)
    return post_step(client, channel=user, onboarding=onboarding, step=step)


def _click(body: dict[str, Any]) -> tuple[str, str, str, str]:
    """(user, channel, message ts, action value) of a button click."""
    user = str(body.get("user", {}).get("id", ""))
    container = body.get("container") or {}
    channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id") or user)
    message_ts = str(container.get("message_ts") or (body.get("message") or {}).get("ts") or "")
    action = (body.get("actions") or [{}])[0]
    return user, channel, message_ts, str(action.get("value") or "")


def ack_action(ack: Ack) -> None:
    """Acknowledge the click at once."""
    ack()


class _Handlers:
    """The walkthrough's button handlers, sharing the deps and the progress store."""

    def __init__(self, deps: SlackDeps, progress: ProgressStore) -> None:
        self._deps = deps
        self._progress = progress

    def handle_start(self, body: dict[str, Any], client: WebClient) -> None:
        """Start, resume or (value 'restart') restart the walkthrough in the user's DM."""
        user, channel, _, value = _click(body)
        onboarding = self._deps.advisor.onboarding
        if onboarding is None:
            post_ephemeral(
                client, channel=channel, thread_ts=None, user=user, text=NOT_CONFIGURED_TEXT
            )
            return
        start_walkthrough(
            client,
            onboarding=onboarding,
            progress=self._progress,
            user=user,
            restart=value == "restart",
        )
        publish_home(client, advisor=self._deps.advisor, progress=self._progress, user=user)

    def handle_next(self, body: dict[str, Any], client: WebClient) -> None:
        """Post the next step, or finish: save completion and refresh the Home tab."""
        user, channel, _, step_id = _click(body)
        onboarding = self._deps.advisor.onboarding
        if onboarding is None:
            return
        try:
            following = onboarding.next_step(step_id)
        except InputError:
            logger.info("next clicked on unknown step %s; restarting", step_id)
            following = onboarding.steps()[0]
        if following is not None:
            self._progress.set_step(user, following.id)
            post_step(client, channel=channel, onboarding=onboarding, step=following)
            return
        state = self._progress.complete(user)
        questions = [s.id for s in onboarding.steps() if s.check is not None]
        correct = len(state.correct_steps() & set(questions))
        text, blocks = render_finished(correct=correct, questions=len(questions))
        try:
            client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        except SlackApiError as err:
            logger.error("posting walkthrough finish failed error=%s", err.response.get("error"))
        publish_home(client, advisor=self._deps.advisor, progress=self._progress, user=user)
        logger.info("walkthrough completed user=%s correct=%d/%d", user, correct, len(questions))

    def handle_answer(self, body: dict[str, Any], client: WebClient) -> None:
        """Grade the answer, save it, and show the verdict in place of the answer buttons."""
        user, channel, message_ts, value = _click(body)
        onboarding = self._deps.advisor.onboarding
        if onboarding is None:
            return
        step_id, option_id = parse_answer_value(value)
        try:
            result = onboarding.grade(step_id, option_id)
        except InputError as err:
            logger.info("ungradable answer value=%r field=%s", value, err.field)
            return
        self._progress.record_answer(
            user, step_id=step_id, option_id=option_id, correct=result.correct
        )
        step = onboarding.step(step_id)
        text, blocks = render_step(
            step,
            position=onboarding.position(step_id),
            total=len(onboarding.steps()),
            result=result,
        )
        try:
            client.chat_update(channel=channel, ts=message_ts, text=text, blocks=blocks)
        except SlackApiError as err:
            logger.warning("chat.update failed error=%s; posting anew", err.response.get("error"))
            post_step(client, channel=channel, onboarding=onboarding, step=step, result=result)


def register(app: App, deps: SlackDeps) -> None:
    """Register the start, next and answer buttons of the walkthrough."""
    handlers = _Handlers(deps, ProgressStore(deps.store))
    app.action(ids.ACTION_START_WALKTHROUGH)(ack=ack_action, lazy=[handlers.handle_start])
    app.action(ids.ACTION_WALKTHROUGH_NEXT)(ack=ack_action, lazy=[handlers.handle_next])
    app.action(ANSWER_ACTION)(ack=ack_action, lazy=[handlers.handle_answer])
