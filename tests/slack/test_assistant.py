"""Slack's assistant view: greeting with suggested prompts, titled threads, status, answers."""

from __future__ import annotations

from typing import Any

from bot.slack.blocks.answer import THINKING_STATUS, render_fallback_text
from bot.slack.listeners.assistant import GREETING, SUGGESTED_PROMPTS
from bot.slack.ports import AdvisorPort
from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import DM_CHANNEL_ID, USER_ID, event_envelope, message_event

QUESTION = "How do the costs of onshore, offshore and outsourced teams compare in practice?"


def _thread_event(kind: str, thread_ts: str) -> dict[str, Any]:
    return {
        "type": kind,
        "assistant_thread": {
            "user_id": USER_ID,
            "context": {"channel_id": "C0SOURCING", "team_id": "T0TEAM001"},
            "channel_id": DM_CHANNEL_ID,
            "thread_ts": thread_ts,
        },
        "event_ts": thread_ts,
    }


def test_thread_started_greets_and_sets_at_most_four_prompts(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """assistant_thread_started posts the greeting in the thread and sets <= 4 prompts."""
    thread_ts = fake_slack.new_ts()
    status, _ = send(event_envelope(_thread_event("assistant_thread_started", thread_ts)))
    prompts_call = fake_slack.wait_for("assistant.threads.setSuggestedPrompts")[0]
    slack_server.wait_idle()
    assert status == 200
    greeting = fake_slack.calls("chat.postMessage")
    assert [(c.body["channel"], c.body["thread_ts"], c.body["text"]) for c in greeting] == [
        (DM_CHANNEL_ID, thread_ts, GREETING)
    ]
    prompts = prompts_call.json_field("prompts")
    assert prompts == [dict(p) for p in SUGGESTED_PROMPTS]
    assert 1 <= len(prompts) <= 4
    assert (prompts_call.body["channel_id"], prompts_call.body["thread_ts"]) == (
        DM_CHANNEL_ID,
        thread_ts,
    )


def test_context_changed_is_acknowledged_without_calls(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """assistant_thread_context_changed is acked and causes no Web API call."""
    event = _thread_event("assistant_thread_context_changed", fake_slack.new_ts())
    status, _ = send(event_envelope(event))
    slack_server.wait_idle()
    assert status == 200
    assert [c.method for c in fake_slack.calls()] == ["auth.test"]


def test_user_message_sets_title_and_status_then_answers(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """A message in an assistant thread titles the thread, shows a status, posts the answer."""
    thread_ts = fake_slack.new_ts()
    ts = fake_slack.new_ts()
    fake_slack.add_message(
        DM_CHANNEL_ID, {"ts": ts, "thread_ts": thread_ts, "user": USER_ID, "text": QUESTION}
    )
    send(event_envelope(message_event(QUESTION, ts=ts, thread_ts=thread_ts)))
    post = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    title = fake_slack.calls("assistant.threads.setTitle")
    status = fake_slack.calls("assistant.threads.setStatus")
    assert [c.body["title"] for c in title] == [
        "How do the costs of onshore, offshore and outsourced teams…"
    ]
    assert [(c.body["thread_ts"], c.body["status"]) for c in status] == [
        (thread_ts, THINKING_STATUS)
    ]
    assert (post.body["channel"], post.body["thread_ts"]) == (DM_CHANNEL_ID, thread_ts)
    assert post.body["text"] == render_fallback_text(advisor.ask(QUESTION))
    methods = [c.method for c in fake_slack.calls()]
    assert methods.index("assistant.threads.setStatus") < methods.index("chat.postMessage")
    assert "reactions.add" not in methods
