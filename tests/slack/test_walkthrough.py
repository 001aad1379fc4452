"""End to end: the walkthrough in the DM: start, graded answers, next, finish, restart survival."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.slack import ids
from bot.slack.app import create_app
from bot.slack.blocks.limits import assert_within_limits
from bot.slack.ports import AdvisorPort
from bot.slack.progress import ProgressStore
from bot.slack.server import create_http_server
from tests.slack.conftest import Send, SlackServer, TrackingExecutor, post
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import (
    DM_CHANNEL_ID,
    USER_ID,
    block_action_payload,
    command_form,
    home_button_payload,
    interactivity_form,
)

STEP_TS = "1700000050.000100"


def _click(send: Send, action_id: str, value: str) -> None:
    payload = block_action_payload(
        action_id=action_id, value=value, message_ts=STEP_TS, channel=DM_CHANNEL_ID
    )
    status, body = send(interactivity_form(payload), form=True)
    assert (status, body) == (200, "")


def _home_click(send: Send, value: str = "start") -> None:
    """A click on the Home tab's walkthrough button (a view container: no channel)."""
    payload = home_button_payload(ids.ACTION_START_WALKTHROUGH, value)
    send(interactivity_form(payload), form=True)


def _header(call_blocks: list[dict[str, Any]]) -> str:
    return str(call_blocks[0]["text"]["text"])


def test_home_button_starts_the_walkthrough_in_the_dm(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """Step 1 is posted to the user with one answer button per option and a Next button."""
    _home_click(send)
    posted = fake_slack.wait_for("chat.postMessage")[0]
    fake_slack.wait_for("views.publish")
    slack_server.wait_idle()
    assert posted.body["channel"] == USER_ID
    blocks = posted.json_field("blocks")
    assert _header(blocks) == "Step 1 of 5: Four ways to get software built"
    answers = next(b for b in blocks if b.get("block_id") == "walkthrough_answers_strategies")
    assert [(e["action_id"], e["value"]) for e in answers["elements"]] == [
        (f"{ids.ACTION_WALKTHROUGH_ANSWER}:a", "strategies:a"),
        (f"{ids.ACTION_WALKTHROUGH_ANSWER}:b", "strategies:b"),
        (f"{ids.ACTION_WALKTHROUGH_ANSWER}:c", "strategies:c"),
        (f"{ids.ACTION_WALKTHROUGH_ANSWER}:d", "strategies:d"),
    ]
    assert blocks[-1]["elements"][0]["action_id"] == ids.ACTION_WALKTHROUGH_NEXT
    progress = ProgressStore(slack_server.settings.state_db).get(USER_ID)
    assert progress.current_step == "strategies"


def test_correct_answer_is_graded_in_place_and_saved(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A correct answer replaces the buttons with the verdict, explanation and source quote."""
    _click(send, f"{ids.ACTION_WALKTHROUGH_ANSWER}:b", "strategies:b")
    update = fake_slack.wait_for("chat.update")[0]
    slack_server.wait_idle()
    assert (update.body["channel"], update.body["ts"]) == (DM_CHANNEL_ID, STEP_TS)
    rendered = json.dumps(update.json_field("blocks"), ensure_ascii=False)
    assert (
        ":white_check_mark: *Correct:* Offshore insourcing\\nThey are your own employees"
        in rendered
    )
    assert "“In-house employees but located in a different country.”" in rendered
    assert f"{ids.ACTION_WALKTHROUGH_ANSWER}:" not in rendered
    answers = ProgressStore(slack_server.settings.state_db).get(USER_ID).answers
    assert [(a.step_id, a.option_id, a.correct) for a in answers] == [("strategies", "b", True)]


def test_incorrect_answer_names_the_right_one(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A wrong answer says so, names the correct option, and is saved as incorrect."""
    _click(send, f"{ids.ACTION_WALKTHROUGH_ANSWER}:a", "costs:b")
    update = fake_slack.wait_for("chat.update")[0]
    slack_server.wait_idle()
    section = next(
        b["text"]["text"]
        for b in update.json_field("blocks")
        if b.get("text", {}).get("text", "").startswith(":x:")
    )
    assert section.startswith(
        ":x: *Not quite.* You chose 30% ~ 70%; the answer is *20% ~ 60%*.\n"
        "The offshore team column reads 20% ~ 60%"
    )
    answers = ProgressStore(slack_server.settings.state_db).get(USER_ID).answers
    assert [(a.step_id, a.option_id, a.correct) for a in answers] == [("costs", "b", False)]


def test_unknown_option_is_ignored(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A forged value with an unknown option changes nothing and posts nothing."""
    _click(send, f"{ids.ACTION_WALKTHROUGH_ANSWER}:z", "strategies:z")
    slack_server.wait_idle()
    assert fake_slack.calls("chat.update") == []
    assert fake_slack.calls("chat.postMessage") == []
    assert ProgressStore(slack_server.settings.state_db).get(USER_ID).answers == ()


def test_next_posts_the_following_step(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """Next on step 1 posts step 2 in the same DM and saves it as the current step."""
    _click(send, ids.ACTION_WALKTHROUGH_NEXT, "strategies")
    posted = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    assert posted.body["channel"] == DM_CHANNEL_ID
    assert _header(posted.json_field("blocks")) == (
        "Step 2 of 5: Two hard rules: what to keep and for how long"
    )
    assert ProgressStore(slack_server.settings.state_db).get(USER_ID).current_step == "hard-rules"


def test_finish_saves_completion_and_updates_home(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """Finish on the last step posts the score and republishes Home as completed."""
    store = ProgressStore(slack_server.settings.state_db)
    store.record_answer(USER_ID, step_id="strategies", option_id="b", correct=True)
    store.record_answer(USER_ID, step_id="costs", option_id="a", correct=True)
    store.set_step(USER_ID, "evaluate")
    _click(send, ids.ACTION_WALKTHROUGH_NEXT, "evaluate")
    posted = fake_slack.wait_for("chat.postMessage")[0]
    published = fake_slack.wait_for("views.publish")[0]
    slack_server.wait_idle()
    assert posted.body["text"] == (
        "You finished the walkthrough and answered 2 of 4 check questions correctly. "
        "Try it on your own project next."
    )
    rendered = json.dumps(published.json_field("view")["blocks"], ensure_ascii=False)
    assert (
        ":white_check_mark: *Walkthrough completed.* Check questions answered correctly: *2 of 4*."
        in rendered
    )
    assert "Start the walkthrough again" in rendered
    state = store.get(USER_ID)
    assert (state.completed, state.current_step) == (True, None)


def test_restart_button_starts_over_at_step_one(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """'Start again' posts step 1 even though a later step is saved."""
    ProgressStore(slack_server.settings.state_db).set_step(USER_ID, "costs")
    _home_click(send, value="restart")
    posted = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    assert _header(posted.json_field("blocks")).startswith("Step 1 of 5")


@contextmanager
def _second_app(settings: Settings, advisor: AdvisorPort, secret: str) -> Iterator[Send]:
    """A fresh app and server on the same settings (same data dir), like a restart."""
    executor = TrackingExecutor()
    app = create_app(settings=settings, advisor=advisor, listener_executor=executor)
    server = create_http_server(app=app, port=0, host="127.0.0.1")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/slack/events"

    def send(body: dict[str, str], **_: Any) -> tuple[int, str]:
        raw = urlencode(body)
        ts = str(int(time.time()))
        signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=raw) or ""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
        }
        return post(url, raw.encode("utf-8"), headers)

    try:
        yield send
    finally:
        executor.wait_idle()
        server.shutdown()
        server.server_close()
        executor.shutdown(wait=True)


def test_progress_survives_a_new_app_on_the_same_data_dir(
    slack_server: SlackServer,
    send: Send,
    fake_slack: FakeSlack,
    advisor: AdvisorPort,
    signing_secret: str,
) -> None:
    """Answer and advance on one app; a new app on the same data dir resumes at step 2."""
    _click(send, f"{ids.ACTION_WALKTHROUGH_ANSWER}:b", "strategies:b")
    _click(send, ids.ACTION_WALKTHROUGH_NEXT, "strategies")
    fake_slack.wait_for("chat.postMessage")
    slack_server.wait_idle()
    fake_slack.reset()
    with _second_app(slack_server.settings, advisor, signing_secret) as send_again:
        status, body = send_again(command_form("onboard"))
        assert status == 200
        assert_within_limits(json.loads(body))
        posted = fake_slack.wait_for("chat.postMessage")[0]
    assert posted.body["channel"] == USER_ID
    assert _header(posted.json_field("blocks")).startswith("Step 2 of 5")
    state = ProgressStore(slack_server.settings.state_db).get(USER_ID)
    assert [(a.step_id, a.correct) for a in state.answers] == [("strategies", True)]
