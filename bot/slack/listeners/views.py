"""The evaluate modal: open it, validate a submission, post the evaluation and matrix image."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InputError
from bot.models import SCENARIO_FIELDS, Evaluation, Scenario
from bot.slack import ids
from bot.slack.blocks.answer import ERROR_TEXT
from bot.slack.blocks.evaluation import render_evaluate_modal, render_evaluation
from bot.slack.blocks.matrix import matrix_alt_text, render_matrix_png
from bot.slack.deps import SlackDeps
from bot.slack.listeners.answering import bounded, guarded, post_ephemeral, post_text
from bot.slack.ports import AdvisorPort
from bot.slack.posting import post_once
from bot.slack.webclient import ack_client

logger = logging.getLogger(__name__)

UNREACHABLE = frozenset({"not_in_channel", "channel_not_found", "is_archived", "restricted_action"})
"""Errors meaning the bot cannot post in the conversation (it is not a member, or it is gone)."""
MOVED_TEXT = "I can't post in <#{channel}> (I'm not a member), so here is your result."
_FORBIDDEN_IN_DURATION = ("=", ",", ";")


def modal_metadata(*, channel: str, thread_ts: str | None = None, user: str = "") -> str:
    """The modal's private_metadata: where to post the result."""
    data = {"channel": channel, "thread_ts": thread_ts, "user": user}
    return json.dumps({k: v for k, v in data.items() if v})


def open_evaluate_modal(
    client: WebClient, *, trigger_id: str, channel: str, thread_ts: str | None = None, user: str
) -> None:
    """Open the evaluate modal (trigger ids expire after 3 seconds: call this in the ack phase).

    Raises:
        SlackApiError: views.open failed.
    """
    metadata = modal_metadata(channel=channel, thread_ts=thread_ts, user=user)
    client.views_open(trigger_id=trigger_id, view=render_evaluate_modal(private_metadata=metadata))


def submitted_values(view: Mapping[str, Any]) -> dict[str, str]:
    """The raw value of each scenario input in a submitted view, keyed by Scenario field."""
    state = (view.get("state") or {}).get("values") or {}
    values: dict[str, str] = {}
    for name in SCENARIO_FIELDS:
        element = (state.get(f"{ids.SCENARIO_BLOCK_PREFIX}{name}") or {}).get(ids.SCENARIO_ACTION)
        if not element:
            continue
        selected = element.get("selected_option")
        raw = selected.get("value") if selected else element.get("value")
        if raw is not None and str(raw).strip():
            values[name] = str(raw).strip()
    return values


def scenario_from_view(advisor: AdvisorPort, view: Mapping[str, Any]) -> Scenario:
    """Parse a submitted modal into a Scenario with the advisor's own argument parser.

    Raises:
        InputError: A value is invalid; ``field`` names the Scenario field.
    """
    values = submitted_values(view)
    duration = values.get("duration_months", "")
    if any(ch in duration for ch in _FORBIDDEN_IN_DURATION):
        msg = f'duration_months: "{duration}" is not a duration; use e.g. 18, 18m, 1.5y, 2 years'
        raise InputError(msg, field="duration_months")
    args = " ".join(f"{name}={value}" for name, value in values.items())
    return advisor.parse_scenario_args(args)


def upload_matrix(
    client: WebClient, *, channel: str, thread_ts: str, evaluation: Evaluation
) -> None:
    """Upload the 2x2 matrix PNG into the result's thread; failures are logged, never raised."""
    try:
        client.files_upload_v2(
            channel=channel,
            thread_ts=thread_ts,
            content=render_matrix_png(evaluation),
            filename="sourcing-matrix.png",
            title="Sourcing matrix",
            alt_txt=matrix_alt_text(evaluation)[:1000],
        )
    except Exception as err:  # the text result is already posted; the image is a bonus
        logger.warning("matrix upload failed channel=%s error=%s", channel, type(err).__name__)


def post_evaluation(
    client: WebClient,
    *,
    channel: str,
    thread_ts: str | None,
    user: str,
    evaluation: Evaluation,
    matrix: bool = True,
    respond: Respond | None = None,
) -> str | None:
    """Post an evaluation, then its image; where the bot cannot post, answer through the
    command's ``respond`` (response_url) or else by DM, saying why.

    Returns:
        The posted message's ts, or None when nothing could be posted (logged).
    """
    text, blocks = render_evaluation(evaluation)
    tag = secrets.token_hex(6)
    result = post_once(
        client, channel=channel, thread_ts=thread_ts, text=text, blocks=blocks, tag=tag
    )
    if result.ts is None:
        code = result.error or ""
        if code in UNREACHABLE and respond is not None:
            logger.info("channel %s unreachable (%s); answering via response_url", channel, code)
            respond(text=text, blocks=blocks, response_type="in_channel", replace_original=False)
            return None
        if code not in UNREACHABLE or not user or channel == user:
            logger.error("posting evaluation failed channel=%s error=%s", channel, code)
            if user:
                notice = bounded(f"I couldn't post the evaluation (Slack said `{code}`).")
                post_ephemeral(client, channel=channel, thread_ts=thread_ts, user=user, text=notice)
            return None
        logger.info("channel %s unreachable (%s); sending the evaluation by DM", channel, code)
        thread_ts = None
        post_text(client, channel=user, thread_ts=None, text=MOVED_TEXT.format(channel=channel))
        result = post_once(client, channel=user, thread_ts=None, text=text, blocks=blocks, tag=tag)
        if result.ts is None:
            logger.error("posting evaluation by DM failed error=%s", result.error)
            return None
    if matrix:
        upload_matrix(
            client, channel=result.channel, thread_ts=thread_ts or result.ts, evaluation=evaluation
        )
    return result.ts


def register(app: App, deps: SlackDeps) -> None:
    """Register the evaluate modal's submission and the 'Evaluate a scenario' button."""

    def ack_submission(ack: Ack, view: dict[str, Any] | None) -> None:
        """Validate the form in the ack phase: errors are shown next to the offending input."""
        if not isinstance(view, dict):
            ack(response_action="errors", errors={})
            return
        try:
            scenario_from_view(deps.advisor, view)
        except InputError as err:
            field = err.field if err.field in SCENARIO_FIELDS else SCENARIO_FIELDS[0]
            ack(response_action="errors", errors={f"{ids.SCENARIO_BLOCK_PREFIX}{field}": str(err)})
            return
        ack()

    @guarded
    def handle_submission(
        view: dict[str, Any] | None, body: dict[str, Any], client: WebClient
    ) -> None:
        """Evaluate the submitted scenario and post the result where the modal was opened."""
        if not isinstance(view, dict):
            return
        user = str((body.get("user") or {}).get("id", ""))
        meta = _metadata(view.get("private_metadata"))
        channel = str(meta.get("channel") or user)
        thread_ts = meta.get("thread_ts")
        try:
            scenario = scenario_from_view(deps.advisor, view)
        except InputError:
            return  # the ack showed the error next to the field; nothing more to say
        try:
            evaluation = deps.advisor.evaluate(scenario)
        except Exception:
            logger.exception("evaluating a submitted scenario failed user=%s", user)
            post_ephemeral(client, channel=channel, thread_ts=thread_ts, user=user, text=ERROR_TEXT)
            return
        post_evaluation(
            client, channel=channel, thread_ts=thread_ts, user=user, evaluation=evaluation
        )
        logger.info("evaluation posted from modal channel=%s", channel)

    def handle_open_evaluate(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """Open the modal at once with the click's trigger_id (Home tab, primer, walkthrough)."""
        ack()
        user = str(body.get("user", {}).get("id", ""))
        container = body.get("container") or {}
        # A click in the Home tab has no channel: the result goes to the user's DM.
        channel = str((body.get("channel") or {}).get("id") or container.get("channel_id") or user)
        try:
            open_evaluate_modal(
                ack_client(client),  # bounded: the trigger_id expires after 3 s
                trigger_id=str(body.get("trigger_id", "")),
                channel=channel,
                user=user,
            )
        except (SlackApiError, OSError) as err:
            logger.warning("views.open failed error=%s", type(err).__name__)

    app.view(ids.VIEW_EVALUATE)(ack=ack_submission, lazy=[handle_submission])
    app.action(ids.ACTION_OPEN_EVALUATE)(handle_open_evaluate)


def _metadata(raw: object) -> dict[str, str]:
    """Decode private_metadata; an unreadable value is treated as empty."""
    try:
        data = json.loads(str(raw or "{}"))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
