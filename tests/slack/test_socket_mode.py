"""End to end over Socket Mode: a fake Slack WebSocket, the real app, answers via the Web API."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.config import Settings
from bot.slack import ids
from bot.slack.app import create_app
from bot.slack.blocks.answer import FEEDBACK_THANKS_TEXT, render_fallback_text
from bot.slack.listeners.commands import HELP_TEXT
from bot.slack.ports import AdvisorPort
from bot.slack.socket_mode import create_socket_handler
from bot.slack.store import StateStore
from tests.slack.conftest import TrackingExecutor
from tests.slack.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.slack.fake_socket import FakeSocketMode
from tests.slack.payloads import (
    CHANNEL_ID,
    block_action_payload,
    command_form,
    event_envelope,
    mention_event,
)

QUESTION = "What is the difference between outsourcing and offshoring?"
OTHER_QUESTION = "How much cheaper is a dedicated offshore team than an onshore team?"
ACK_LIMIT_S = 3.0


@dataclass(frozen=True)
class SocketApp:
    """The running app on a Socket Mode connection to the fake."""

    socket: FakeSocketMode
    handler: SocketModeHandler
    executor: TrackingExecutor


@pytest.fixture
def socket_app(
    tmp_path: object, fake_slack: FakeSlack, advisor: AdvisorPort, slack_settings: Settings
) -> Iterator[SocketApp]:
    """create_app(socket_mode=True) connected through apps.connections.open to FakeSocketMode."""
    socket = FakeSocketMode().start()
    fake_slack.socket_url = socket.url
    settings = Settings(
        _env_file=None,
        data_dir=slack_settings.data_dir,
        slack_bot_token=BOT_TOKEN,
        slack_app_token=APP_TOKEN,
        slack_api_url=fake_slack.api_url,
    )
    executor = TrackingExecutor()
    app = create_app(
        settings=settings,
        advisor=advisor,
        store=StateStore(settings.state_db),
        socket_mode=True,
        listener_executor=executor,
    )
    handler = create_socket_handler(app, app_token=APP_TOKEN, ping_interval=0.5)
    handler.connect()
    socket.wait_connections(1)
    try:
        yield SocketApp(socket=socket, handler=handler, executor=executor)
        executor.wait_idle()
    finally:
        handler.close()
        socket.stop()
        executor.shutdown(wait=True)


def test_mention_command_and_click_are_acked_and_answered(
    socket_app: SocketApp, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """events_api, slash_commands and interactive envelopes: each acked in 3 s, then answered."""
    socket = socket_app.socket
    ts = fake_slack.new_ts()
    mention = socket.send("events_api", event_envelope(mention_event(QUESTION, ts=ts)))
    help_command = socket.send("slash_commands", command_form("help"), accepts_response=True)
    ask_command = socket.send("slash_commands", command_form(f"ask {OTHER_QUESTION}"))
    acks = [socket.wait_ack(e) for e in (mention, help_command, ask_command)]
    posts = fake_slack.wait_for("chat.postMessage", 2)
    socket_app.executor.wait_idle()
    assert all(a.after_s < ACK_LIMIT_S for a in acks), [a.after_s for a in acks]
    assert acks[1].payload == {"response_type": "ephemeral", "text": HELP_TEXT}
    by_thread = {p.body.get("thread_ts"): p.body["text"] for p in posts}
    assert by_thread == {
        ts: render_fallback_text(advisor.ask(QUESTION)),
        None: render_fallback_text(advisor.ask(OTHER_QUESTION)),
    }
    answer_ts = next(p.response["ts"] for p in posts if p.body.get("thread_ts") == ts)
    key = next(
        e["value"]
        for p in posts
        if p.body.get("thread_ts") == ts
        for e in p.json_field("blocks")[-1]["elements"]
    )
    click = block_action_payload(
        action_id=ids.ACTION_FEEDBACK_UP, value=key, message_ts=answer_ts, thread_ts=ts
    )
    vote = socket.send("interactive", click)
    ack = socket.wait_ack(vote)
    thanks = fake_slack.wait_for("chat.postEphemeral")[0]
    socket_app.executor.wait_idle()
    assert ack.after_s < ACK_LIMIT_S
    assert (thanks.body["channel"], thanks.body["text"]) == (CHANNEL_ID, FEEDBACK_THANKS_TEXT)
    assert [socket.ack_count(e) for e in (mention, help_command, ask_command, vote)] == [1] * 4


def test_disconnect_envelope_is_followed_by_a_reconnect(
    socket_app: SocketApp, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """Slack rotates the connection: the app opens a new one and answers on it, once."""
    socket = socket_app.socket
    socket.request_reconnect()
    socket.wait_connections(2)
    ts = fake_slack.new_ts()
    envelope = socket.send("events_api", event_envelope(mention_event(QUESTION, ts=ts)))
    socket.wait_ack(envelope)
    post = fake_slack.wait_for("chat.postMessage")[0]
    socket_app.executor.wait_idle()
    assert len(fake_slack.calls("apps.connections.open")) == 2
    assert (post.body["thread_ts"], post.body["text"]) == (
        ts,
        render_fallback_text(advisor.ask(QUESTION)),
    )
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_dropped_socket_reconnects_with_no_lost_or_doubled_answer(
    socket_app: SocketApp, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """The socket drops around an event: Slack re-delivers it, and it is answered exactly once."""
    socket = socket_app.socket
    first, second = fake_slack.new_ts(), fake_slack.new_ts()
    before = socket.send("events_api", event_envelope(mention_event(QUESTION, ts=first)))
    socket.drop()
    socket.wait_connections(2)
    after = socket.send("events_api", event_envelope(mention_event(OTHER_QUESTION, ts=second)))
    socket.wait_ack(before)
    socket.wait_ack(after)
    posts = fake_slack.wait_for("chat.postMessage", 2)
    socket_app.executor.wait_idle()
    by_thread = {p.body["thread_ts"]: p.body["text"] for p in fake_slack.calls("chat.postMessage")}
    assert by_thread == {
        first: render_fallback_text(advisor.ask(QUESTION)),
        second: render_fallback_text(advisor.ask(OTHER_QUESTION)),
    }
    assert len(posts) == 2
    assert len(fake_slack.calls("apps.connections.open")) >= 2
