"""End to end: /sourcing ask | evaluate | policy | onboard | help through the real HTTP server."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.models import Answer, Evaluation
from bot.slack import ids
from bot.slack.app import create_app
from bot.slack.blocks.answer import render_fallback_text
from bot.slack.blocks.limits import assert_within_limits
from bot.slack.listeners.commands import HELP_TEXT, ONBOARD_TEXT
from bot.slack.ports import AdvisorPort
from bot.slack.server import create_http_server
from tests.slack.conftest import Send, SlackServer, TrackingExecutor, post
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import CHANNEL_ID, USER_ID, command_form

ARGS = "duration_months=24 core=yes company=tech local_talent=scarce"


def _command(send: Send, text: str) -> tuple[int, str]:
    status, body = send(command_form(text), form=True)
    if body:
        assert_within_limits(json.loads(body))
    return status, body


def _assert_ranking_posted(blocks: list[dict[str, Any]], text: str, expected: Evaluation) -> None:
    """The posted fields and fallback text list the expected ranking, in order, with scores."""
    fields = next(b for b in blocks if "fields" in b)["fields"]
    assert len(fields) == 4
    for field, score in zip(fields, expected.ranking, strict=True):
        assert f"*{score.label}*" in field["text"]
        assert f"Score *{score.score}*/100 · cost {score.cost_range.range}" in field["text"]
    lines = [
        f"{s.rank}. {s.label}: {s.score}/100, cost {s.cost_range.range} ({s.cost_range.basis})"
        for s in expected.ranking
    ]
    assert "\n".join(lines) in text


def test_evaluate_with_args_posts_the_ranking_in_the_channel(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """The ack is empty; the channel gets the exact ranking advisor.evaluate gives, with quotes."""
    status, body = _command(send, f"evaluate {ARGS}")
    assert (status, body) == (200, "")
    posted = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    expected = advisor.evaluate(advisor.parse_scenario_args(ARGS))
    assert posted.body["channel"] == CHANNEL_ID
    blocks = posted.json_field("blocks")
    _assert_ranking_posted(blocks, posted.body["text"], expected)
    recommended = next(s for s in expected.ranking if s.strategy == expected.recommended)
    assert blocks[1]["text"]["text"] == expected.summary.replace(
        recommended.label, f"*{recommended.label}*", 1
    )
    rendered = json.dumps(blocks, ensure_ascii=False)
    assert "“we advise businesses to NEVER outsource their core IT capabilities”" in rendered
    for factor in expected.factors:
        assert factor.value_label in rendered


def test_evaluate_uploads_the_matrix_into_the_result_thread(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """After the text result, a PNG is uploaded to the same channel, threaded on the result."""
    _command(send, f"evaluate {ARGS}")
    posted = fake_slack.wait_for("chat.postMessage")[0]
    complete = fake_slack.wait_for("files.completeUploadExternal")[0]
    slack_server.wait_idle()
    assert complete.body["channel_id"] == CHANNEL_ID
    assert complete.body["thread_ts"] == posted.response["ts"]
    file_id = complete.json_field("files")[0]["id"]
    assert fake_slack.uploaded(file_id)[:8] == b"\x89PNG\r\n\x1a\n"


def test_failed_matrix_upload_keeps_the_text_result(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """When the upload fails the evaluation is still posted, once, and nothing else breaks."""
    fake_slack.fail_next("files.getUploadURLExternal", error="not_allowed_token_type")
    _command(send, f"evaluate {ARGS}")
    fake_slack.wait_for("files.getUploadURLExternal")
    slack_server.wait_idle()
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert fake_slack.calls("files.completeUploadExternal") == []
    assert fake_slack.calls("chat.postEphemeral") == []


def test_bad_evaluate_args_name_the_field_and_post_nothing(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """An invalid value is explained in the ack (field + allowed values); chat gets nothing."""
    status, body = _command(send, "evaluate duration_months=24 budget=huge")
    slack_server.wait_idle()
    assert status == 200
    text = json.loads(body)["text"]
    assert text.startswith(':warning: budget: "huge" is not one of low, medium, high\n')
    assert fake_slack.calls("chat.postMessage") == []
    assert fake_slack.calls("files.getUploadURLExternal") == []


def test_a_310_digit_duration_gets_the_range_message(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A 310-digit duration is answered with the 1-240 months range message, not an error."""
    _, body = _command(send, "evaluate duration=" + "9" * 310)
    slack_server.wait_idle()
    assert json.loads(body)["text"].startswith(
        ':warning: duration_months: "999999999999999999999999…" is outside 1 to 240 months\n'
    )
    assert fake_slack.calls("chat.postMessage") == []


def test_unknown_evaluate_key_is_named(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """An unknown key is reported by name and nothing is posted."""
    _, body = _command(send, "evaluate colour=blue")
    slack_server.wait_idle()
    assert "colour" in json.loads(body)["text"]
    assert fake_slack.calls("chat.postMessage") == []


def test_evaluate_without_args_opens_the_modal(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """views.open gets the command's trigger_id; the modal will post back to the channel."""
    status, body = _command(send, "evaluate")
    assert (status, body) == (200, "")
    opened = fake_slack.wait_for("views.open")
    assert len(opened) == 1
    assert opened[0].body["trigger_id"] == "1111.2222.trigger"
    view = opened[0].json_field("view")
    assert view["callback_id"] == ids.VIEW_EVALUATE
    assert json.loads(view["private_metadata"]) == {"channel": CHANNEL_ID, "user": USER_ID}
    slack_server.wait_idle()
    assert fake_slack.calls("chat.postMessage") == []


def test_policy_replies_with_the_primer(
    slack_server: SlackServer, send: Send, advisor: AdvisorPort, fake_slack: FakeSlack
) -> None:
    """/sourcing policy answers in the ack with strategies, rules, cost figures and quotes."""
    _, body = _command(send, "policy")
    slack_server.wait_idle()
    reply = json.loads(body)
    rendered = json.dumps(reply["blocks"], ensure_ascii=False)
    assert reply["blocks"][0]["text"]["text"] == "Sourcing Advisor"
    for strategy in advisor.policy.strategies.values():
        assert strategy.label in rendered
    for figure in (
        "*100% (headcount basis)*",
        "*20% ~ 60% (headcount basis)*",
        "*30% ~ 70% (headcount basis)*",
        "*not stated*",
    ):
        assert figure in rendered
    assert "“30% ~ 70% – Lower wage country; Outsourcing margins”" in rendered
    assert [e["action_id"] for e in reply["blocks"][-1]["elements"]] == [
        ids.ACTION_START_WALKTHROUGH,
        ids.ACTION_OPEN_EVALUATE,
    ]
    assert fake_slack.calls("chat.postMessage") == []


@pytest.mark.parametrize("text", ["help", "", "  ", "HELP"])
def test_help_and_empty_text_list_the_subcommands(send: Send, text: str) -> None:
    """help (any case) and an empty command reply with the help text."""
    _, body = _command(send, text)
    assert json.loads(body)["text"] == HELP_TEXT
    for sub in ("ask", "evaluate", "policy", "onboard", "help"):
        assert f"`/sourcing {sub}" in HELP_TEXT


def test_unknown_subcommand_is_named_before_the_help(send: Send) -> None:
    """An unknown one-word subcommand is named (escaped) and followed by the help text."""
    _, body = _command(send, "frobnicate<now>")
    assert json.loads(body)["text"] == f"I don't know `frobnicate&lt;now&gt;`.\n{HELP_TEXT}"


def test_a_question_without_ask_is_asked(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """`/sourcing what is offshoring?` is answered as `/sourcing ask what is offshoring?`."""
    status, body = _command(send, "What is offshoring?")
    assert (status, body) == (200, "")
    posted = fake_slack.wait_for("chat.postMessage")[0]
    assert posted.body["text"].startswith(advisor.ask("What is offshoring?").direct.text[:60])


def test_ask_posts_the_advisors_answer_in_the_channel(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """/sourcing ask posts the same answer advisor.ask gives, with feedback buttons."""
    question = "How much cheaper is a dedicated offshore team than an onshore team?"
    status, body = _command(send, f"ask {question}")
    assert (status, body) == (200, "")
    posted = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    assert posted.body["channel"] == CHANNEL_ID
    assert posted.body["text"] == render_fallback_text(advisor.ask(question))
    actions = posted.json_field("blocks")[-1]
    assert [e["action_id"] for e in actions["elements"]] == [
        ids.ACTION_FEEDBACK_UP,
        ids.ACTION_FEEDBACK_DOWN,
    ]


def test_ask_without_a_question_shows_usage(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """'ask' alone explains how to ask and posts nothing."""
    _, body = _command(send, "ask")
    slack_server.wait_idle()
    assert json.loads(body)["text"].startswith("Add your question after `ask`")
    assert fake_slack.calls("chat.postMessage") == []


def test_onboard_acks_and_sends_the_first_step_by_dm(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """/sourcing onboard says where the walkthrough went and posts step 1 to the user."""
    _, body = _command(send, "onboard")
    assert json.loads(body)["text"] == ONBOARD_TEXT
    posted = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    assert posted.body["channel"] == USER_ID
    header = posted.json_field("blocks")[0]["text"]["text"]
    assert header == "Step 1 of 5: Four ways to get software built"


# -- the ack never waits for the advisor ------------------------------------------------------


class GatedAdvisor:
    """The real advisor, except that ask/evaluate wait until the test opens the gate."""

    def __init__(self, inner: AdvisorPort) -> None:
        self._inner = inner
        self.gate = threading.Event()
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def ask(self, text: str, *, history: Sequence[str] = ()) -> Answer:
        self.calls.append("ask")
        assert self.gate.wait(30), "gate never opened"
        return self._inner.ask(text, history=history)

    def evaluate(self, scenario: Any) -> Evaluation:
        self.calls.append("evaluate")
        assert self.gate.wait(30), "gate never opened"
        return self._inner.evaluate(scenario)


@pytest.fixture
def gated(
    slack_settings: Settings, advisor: AdvisorPort, signing_secret: str
) -> Iterator[tuple[GatedAdvisor, Send]]:
    """A second server whose advisor blocks until released, and a signed sender for it."""
    gated = GatedAdvisor(advisor)
    executor = TrackingExecutor()
    app = create_app(settings=slack_settings, advisor=gated, listener_executor=executor)
    server = create_http_server(app=app, port=0, host="127.0.0.1")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/slack/events"

    def send(body: dict[str, str], **_: Any) -> tuple[int, str]:
        raw = urlencode(body)
        ts = str(int(time.time()))
        signature = (
            SignatureVerifier(signing_secret).generate_signature(timestamp=ts, body=raw) or ""
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
        }
        return post(url, raw.encode("utf-8"), headers)

    try:
        yield gated, send
    finally:
        gated.gate.set()
        executor.wait_idle()
        server.shutdown()
        server.server_close()
        executor.shutdown(wait=True)


@pytest.mark.parametrize("text", [f"evaluate {ARGS}", "ask What is offshoring?"])
def test_ack_returns_while_the_advisor_is_still_working(
    gated: tuple[GatedAdvisor, Send], fake_slack: FakeSlack, text: str
) -> None:
    """The command's HTTP response arrives while the advisor call is blocked; the post follows."""
    advisor, send = gated
    status, _ = send(command_form(text))
    assert status == 200
    assert fake_slack.calls("chat.postMessage") == []
    assert not advisor.gate.is_set()
    advisor.gate.set()
    posted = fake_slack.wait_for("chat.postMessage")[0]
    assert posted.body["channel"] == CHANNEL_ID
    assert len(advisor.calls) == 1
