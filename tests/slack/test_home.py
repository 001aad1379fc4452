"""End to end: the App Home tab published on app_home_opened, with the user's progress."""

from __future__ import annotations

import json
from typing import Any

from bot.slack import ids
from bot.slack.blocks.home import render_home
from bot.slack.blocks.limits import MAX_BLOCKS_VIEW, assert_within_limits
from bot.slack.ports import AdvisorPort
from bot.slack.progress import Progress, ProgressStore
from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import USER_ID, event_envelope


def _home_opened(tab: str = "home") -> dict[str, Any]:
    return event_envelope(
        {
            "type": "app_home_opened",
            "user": USER_ID,
            "channel": "D0MANAGER1",
            "tab": tab,
            "event_ts": "1700000000.000100",
        }
    )


def _texts(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def test_home_is_published_with_primer_and_buttons(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """Opening the Home tab publishes strategies, rules, costs with quotes, and both buttons."""
    status, _ = send(_home_opened())
    assert status == 200
    published = fake_slack.wait_for("views.publish")[0]
    slack_server.wait_idle()
    assert published.body["user_id"] == USER_ID
    view = published.json_field("view")
    assert view["type"] == "home"
    assert len(view["blocks"]) <= MAX_BLOCKS_VIEW
    rendered = _texts(view)
    for strategy in advisor.policy.strategies.values():
        assert f"*{strategy.label}*" in rendered
    for rule in advisor.policy.rules:
        assert rule.message in rendered
    assert (
        "*Offshore insourcing (dedicated offshore team)*: *20% ~ 60% (headcount basis)*" in rendered
    )
    assert "*Onshore outsourcing*: *not stated*" in rendered
    assert "“20% ~ 60% – Lower wage country”" in rendered
    assert (
        "*New here?* The walkthrough takes a few minutes: 5 short steps and 4 check questions."
        in rendered
    )
    actions = next(b for b in view["blocks"] if b["type"] == "actions")
    assert [(e["action_id"], e["text"]["text"]) for e in actions["elements"]] == [
        (ids.ACTION_START_WALKTHROUGH, "Start the walkthrough"),
        (ids.ACTION_OPEN_EVALUATE, "Evaluate a scenario"),
    ]


def test_messages_tab_does_not_publish(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """app_home_opened for the Messages tab is acknowledged and ignored."""
    status, _ = send(_home_opened(tab="messages"))
    slack_server.wait_idle()
    assert status == 200
    assert fake_slack.calls("views.publish") == []


def test_home_shows_saved_progress(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A user on step 4 with one correct answer sees that, and a Resume button."""
    store = ProgressStore(slack_server.settings.state_db)
    store.record_answer(USER_ID, step_id="strategies", option_id="b", correct=True)
    store.record_answer(USER_ID, step_id="hard-rules", option_id="a", correct=False)
    store.set_step(USER_ID, "costs")
    send(_home_opened())
    view = fake_slack.wait_for("views.publish")[0].json_field("view")
    slack_server.wait_idle()
    rendered = _texts(view)
    assert (
        "*Walkthrough in progress:* step 4 of 5, _What it costs, in plain terms_. "
        "Check questions answered correctly: *1 of 4*."
    ) in rendered
    assert "Resume the walkthrough" in rendered


def test_home_without_onboarding_still_offers_evaluation() -> None:
    """With no onboarding content the Home tab is a short text and the evaluate button."""
    view = render_home(
        None,
        steps=(),
        progress=Progress(user="U1", current_step=None, answers=(), completed=False, updated_at=0),
    )
    assert [b["type"] for b in view["blocks"]] == ["header", "section", "actions"]
    assert view["blocks"][2]["elements"][0]["action_id"] == ids.ACTION_OPEN_EVALUATE
    assert_within_limits({"view": view})
