"""End to end: the evaluate modal's submission, its validation errors and the open button."""

from __future__ import annotations

import json
from typing import Any

from bot.models import Scenario
from bot.slack import ids
from bot.slack.blocks.limits import assert_within_limits
from bot.slack.listeners.views import MOVED_TEXT
from bot.slack.ports import AdvisorPort
from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import TEAM_ID, FakeSlack
from tests.slack.payloads import (
    API_APP_ID,
    CHANNEL_ID,
    USER_ID,
    block_action_payload,
    home_button_payload,
    interactivity_form,
)

THREAD_TS = "1700000099.000200"
CHOICES = {
    "core": "true",
    "company": "tech",
    "budget": "high",
    "control": "high",
    "upfront_investment": "medium",
    "change_rate": "low",
    "local_talent": "scarce",
}


def _state(duration: str, **overrides: str) -> dict[str, Any]:
    """view.state.values as Slack sends them: a text input and seven static selects."""
    values: dict[str, Any] = {
        f"{ids.SCENARIO_BLOCK_PREFIX}duration_months": {
            ids.SCENARIO_ACTION: {"type": "plain_text_input", "value": duration}
        }
    }
    for name, value in {**CHOICES, **overrides}.items():
        values[f"{ids.SCENARIO_BLOCK_PREFIX}{name}"] = {
            ids.SCENARIO_ACTION: {
                "type": "static_select",
                "selected_option": {"text": {"type": "plain_text", "text": value}, "value": value},
            }
        }
    return {"values": values}


def _submission(
    duration: str, *, metadata: dict[str, str] | None = None, **overrides: str
) -> dict[str, Any]:
    meta = metadata if metadata is not None else {"channel": CHANNEL_ID, "thread_ts": THREAD_TS}
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "test"},
        "user": {"id": USER_ID, "username": "manager", "team_id": TEAM_ID},
        "api_app_id": API_APP_ID,
        "token": "unused-verification-token",
        "trigger_id": "1111.2222.trigger",
        "view": {
            "id": "V0MODAL01",
            "team_id": TEAM_ID,
            "type": "modal",
            "callback_id": ids.VIEW_EVALUATE,
            "private_metadata": json.dumps(meta),
            "state": _state(duration, **overrides),
            "hash": "1700000000.abc",
        },
        "response_urls": [],
    }


def _submit(send: Send, payload: dict[str, Any]) -> tuple[int, str]:
    status, body = send(interactivity_form(payload), form=True)
    if body:
        assert_within_limits(json.loads(body))
    return status, body


def test_valid_submission_posts_the_evaluation_in_the_thread(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """'18m' is 18 months; the result goes to the channel and thread from private_metadata."""
    status, body = _submit(send, _submission("18m"))
    assert (status, body) == (200, "")
    posted = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    assert (posted.body["channel"], posted.body["thread_ts"]) == (CHANNEL_ID, THREAD_TS)
    expected = advisor.evaluate(Scenario(duration_months=18, **CHOICES))
    fields = next(b for b in posted.json_field("blocks") if "fields" in b)["fields"]
    for field, score in zip(fields, expected.ranking, strict=True):
        assert f"*{score.label}*" in field["text"]
        assert f"Score *{score.score}*/100" in field["text"]
    # The matrix goes into the same thread.
    complete = fake_slack.calls("files.completeUploadExternal")
    assert [(c.body["channel_id"], c.body["thread_ts"]) for c in complete] == [
        (CHANNEL_ID, THREAD_TS)
    ]


def test_years_are_converted_to_months(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A duration of '1.5y' is evaluated as 18 months (shown in the scenario line)."""
    _submit(send, _submission("1.5y"))
    posted = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    scenario = posted.json_field("blocks")[2]["elements"][0]["text"]
    assert scenario.startswith(
        "*Scenario:* 18 months (more than one year) · core IT capability · tech company"
    )
    assert "_not given_" not in scenario


def test_invalid_duration_returns_errors_for_its_block(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A bad duration is answered with response_action=errors keyed by the duration block."""
    _, body = _submit(send, _submission("soon"))
    slack_server.wait_idle()
    reply = json.loads(body)
    assert reply["response_action"] == "errors"
    assert list(reply["errors"]) == [f"{ids.SCENARIO_BLOCK_PREFIX}duration_months"]
    assert reply["errors"][f"{ids.SCENARIO_BLOCK_PREFIX}duration_months"].startswith(
        'duration_months: "soon" is not a duration'
    )
    assert fake_slack.calls("chat.postMessage") == []


def test_a_310_digit_duration_is_a_range_error_on_its_block(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A 310-digit duration is reported on the duration block with the 1-240 months range."""
    _, body = _submit(send, _submission("9" * 310))
    slack_server.wait_idle()
    assert json.loads(body)["errors"] == {
        f"{ids.SCENARIO_BLOCK_PREFIX}duration_months": (
            'duration_months: "999999999999999999999999…" is outside 1 to 240 months'
        )
    }
    assert fake_slack.calls("chat.postMessage") == []


def test_arguments_smuggled_into_the_duration_are_rejected(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """'18 core=no' in the text box does not override the core select: it is a duration error."""
    _, body = _submit(send, _submission("18 core=no"))
    slack_server.wait_idle()
    reply = json.loads(body)
    assert list(reply["errors"]) == [f"{ids.SCENARIO_BLOCK_PREFIX}duration_months"]
    assert fake_slack.calls("chat.postMessage") == []


def test_invalid_select_value_is_reported_on_its_block(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A tampered select value is reported on that field's block, with the allowed values."""
    _, body = _submit(send, _submission("12", budget="unlimited"))
    slack_server.wait_idle()
    assert json.loads(body)["errors"] == {
        f"{ids.SCENARIO_BLOCK_PREFIX}budget": 'budget: "unlimited" is not one of low, medium, high'
    }
    assert fake_slack.calls("chat.postMessage") == []


def test_unreachable_channel_falls_back_to_a_dm(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """If the bot is not in the channel, the user's DM says so, then gets the evaluation."""
    fake_slack.fail_next("chat.postMessage", error="not_in_channel")
    _submit(send, _submission("24"))
    fake_slack.wait_for("chat.postMessage", count=3)
    slack_server.wait_idle()
    posts = fake_slack.calls("chat.postMessage")
    assert [p.body["channel"] for p in posts] == [CHANNEL_ID, USER_ID, USER_ID]
    assert posts[1].body["text"] == MOVED_TEXT.format(channel=CHANNEL_ID)
    assert "blocks" in posts[2].body
    assert "thread_ts" not in posts[2].body


def test_open_evaluate_button_in_home_opens_the_modal_for_a_dm(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """The Home tab button opens the modal at once; with no channel the result will go by DM."""
    payload = home_button_payload(ids.ACTION_OPEN_EVALUATE, "open")
    status, _ = _submit(send, payload)
    assert status == 200
    opened = fake_slack.wait_for("views.open")
    assert [c.body["trigger_id"] for c in opened] == ["3333.4444.trigger"]
    view = opened[0].json_field("view")
    assert view["callback_id"] == ids.VIEW_EVALUATE
    assert json.loads(view["private_metadata"]) == {"channel": USER_ID, "user": USER_ID}


def test_open_evaluate_button_in_a_channel_message_keeps_the_channel(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A click on a message in a channel opens the modal that posts back to that channel."""
    payload = block_action_payload(
        action_id=ids.ACTION_OPEN_EVALUATE, value="open", message_ts="1700000001.000100"
    )
    _submit(send, payload)
    view = fake_slack.wait_for("views.open")[0].json_field("view")
    assert json.loads(view["private_metadata"]) == {"channel": CHANNEL_ID, "user": USER_ID}
