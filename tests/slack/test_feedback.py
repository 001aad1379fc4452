"""👍/👎 on an answer: vote stored with the question, answer and quotes; thanks ephemerally."""

from __future__ import annotations

import time

import pytest

from bot.render import render_answer_text
from bot.slack import ids
from bot.slack.blocks.answer import FEEDBACK_THANKS_TEXT
from bot.slack.ports import AdvisorPort
from bot.slack.store import CitationRecord
from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import (
    CHANNEL_ID,
    USER_ID,
    block_action_payload,
    event_envelope,
    interactivity_form,
    mention_event,
)

QUESTION = "What is the difference between outsourcing and offshoring?"


@pytest.mark.parametrize(
    "case", [(ids.ACTION_FEEDBACK_UP, "up"), (ids.ACTION_FEEDBACK_DOWN, "down")], ids=["up", "down"]
)
def test_feedback_click_is_stored_and_acknowledged(
    slack_server: SlackServer,
    send: Send,
    fake_slack: FakeSlack,
    advisor: AdvisorPort,
    case: tuple[str, str],
) -> None:
    """Clicking a feedback button stores the vote with its answer and thanks only the user."""
    action_id, vote = case
    root = fake_slack.new_ts()
    send(event_envelope(mention_event(QUESTION, ts=root)))
    answer_post = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    answer_ts = answer_post.response["ts"]
    button = next(
        e
        for b in answer_post.json_field("blocks")
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == action_id
    )
    payload = block_action_payload(
        action_id=action_id, value=button["value"], message_ts=answer_ts, thread_ts=root
    )
    before = time.time()
    status, _ = send(interactivity_form(payload), form=True)
    ephemeral = fake_slack.wait_for("chat.postEphemeral")[0]
    slack_server.wait_idle()
    expected = advisor.ask(QUESTION)
    assert status == 200
    [record] = slack_server.store.list_feedback()
    assert (record.user, record.channel, record.message_ts, record.vote) == (
        USER_ID,
        CHANNEL_ID,
        answer_ts,
        vote,
    )
    assert record.question == QUESTION
    assert record.answer_text == render_answer_text(expected, width=None)
    assert record.citations == tuple(
        CitationRecord(id=f"{c.source.document}#{c.source.section}", quote=c.source.quote)
        for c in expected.citations
    )
    assert before - 1 <= record.created_at <= time.time()
    assert (ephemeral.body["channel"], ephemeral.body["user"]) == (CHANNEL_ID, USER_ID)
    assert ephemeral.body["thread_ts"] == root
    assert ephemeral.body["text"] == FEEDBACK_THANKS_TEXT
