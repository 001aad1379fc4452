"""End to end: thread etiquette, edits, files, broadcasts, long threads and unreachable channels."""

from __future__ import annotations

from bot.slack.blocks.answer import render_fallback_text
from bot.slack.blocks.evaluation import render_evaluation
from bot.slack.etiquette import RULES
from bot.slack.ports import AdvisorPort
from bot.slack.posting import ATTACHMENTS_NOTE
from tests.slack.conftest import Send, SlackServer
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import (
    CHANNEL_ID,
    DM_CHANNEL_ID,
    USER_ID,
    command_form,
    edited_mention_event,
    event_envelope,
    mention_event,
    message_changed_event,
    message_event,
)

QUESTION = "What is the difference between outsourcing and offshoring?"
SCENARIO_QUESTION = (
    "Our project runs 18 months, is not core to the business and we are a non-IT company. "
    "Which sourcing strategy fits?"
)
FOLLOW_UP = "And if it only ran 6 months?"
COLLEAGUE = "U0COLLEAG1"


def _ask_in_channel(send: Send, fake: FakeSlack, server: SlackServer, text: str) -> str:
    """Mention the bot with ``text`` at the top of the channel; returns the thread's ts."""
    root = fake.new_ts()
    event = mention_event(text, ts=root)
    fake.add_message(CHANNEL_ID, {"ts": root, "user": USER_ID, "text": event["text"]})
    send(event_envelope(event))
    fake.wait_for("chat.postMessage")
    server.wait_idle()
    return root


def _reply(
    send: Send, fake: FakeSlack, root: str, text: str, *, user: str = USER_ID, **extra: str
) -> str:
    ts = fake.new_ts()
    fake.add_message(CHANNEL_ID, {"ts": ts, "thread_ts": root, "user": user, "text": text})
    event = message_event(
        text, ts=ts, thread_ts=root, channel=CHANNEL_ID, channel_type="channel", user=user, **extra
    )
    send(event_envelope(event))
    return ts


def test_bot_stays_out_of_people_talking_in_its_thread(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """A message to a colleague and a colleague's question get nothing; thanks gets a reaction."""
    root = _ask_in_channel(send, fake_slack, slack_server, QUESTION)
    _reply(
        send, fake_slack, root, f"<@{COLLEAGUE}> can you bring this to Thursday's steering meeting?"
    )
    _reply(send, fake_slack, root, "What is offshoring?", user=COLLEAGUE)
    thanks = _reply(send, fake_slack, root, "thanks, that helps!")
    fake_slack.wait_for("reactions.add", 1)
    slack_server.wait_idle()
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert fake_slack.calls("chat.postEphemeral") == []
    reactions = [(c.body["name"], c.body["timestamp"]) for c in fake_slack.calls("reactions.add")]
    assert reactions == [(RULES.thanks_reaction, thanks)]


def test_askers_question_in_its_thread_is_answered_with_history(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """The person the bot helps asks a follow-up without a mention: answered with the context."""
    root = _ask_in_channel(send, fake_slack, slack_server, SCENARIO_QUESTION)
    _reply(send, fake_slack, root, FOLLOW_UP)
    posts = fake_slack.wait_for("chat.postMessage", 2)
    slack_server.wait_idle()
    assert posts[1].body["thread_ts"] == root
    assert posts[1].body["text"] == render_fallback_text(
        advisor.ask(FOLLOW_UP, history=[SCENARIO_QUESTION])
    )


def test_thread_broadcast_follow_up_is_answered_as_a_reply(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """A follow-up also sent to the channel (subtype thread_broadcast) is answered in the thread."""
    root = _ask_in_channel(send, fake_slack, slack_server, SCENARIO_QUESTION)
    _reply(send, fake_slack, root, FOLLOW_UP, subtype="thread_broadcast")
    posts = fake_slack.wait_for("chat.postMessage", 2)
    slack_server.wait_idle()
    assert (posts[1].body["channel"], posts[1].body["thread_ts"]) == (CHANNEL_ID, root)
    assert posts[1].body["text"] == render_fallback_text(
        advisor.ask(FOLLOW_UP, history=[SCENARIO_QUESTION])
    )


def test_edited_mention_updates_the_answer_in_place(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """Fixing a mention re-sends app_mention (edited) and message_changed: one answer, updated."""
    typo = "What is the diference between outsourcing and offshoring"
    ts = fake_slack.new_ts()
    send(event_envelope(mention_event(typo, ts=ts)))
    first = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    send(event_envelope(edited_mention_event(SCENARIO_QUESTION, ts=ts)))
    with_mention = f"<@UBOTADVISOR> {SCENARIO_QUESTION}"
    send(
        event_envelope(
            message_changed_event(with_mention, previous=f"<@UBOTADVISOR> {typo}", ts=ts)
        )
    )
    update = fake_slack.wait_for("chat.update")[0]
    slack_server.wait_idle()
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert len(fake_slack.calls("chat.update")) == 1
    assert (update.body["channel"], update.body["ts"]) == (CHANNEL_ID, first.response["ts"])
    assert update.body["text"] == render_fallback_text(advisor.ask(SCENARIO_QUESTION))
    assert update.json_field("blocks")[-1]["type"] == "actions"


def test_edit_that_keeps_the_text_changes_nothing(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack
) -> None:
    """An edited mention with the same question (or an unfurl) posts and updates nothing."""
    ts = fake_slack.new_ts()
    send(event_envelope(mention_event(QUESTION, ts=ts)))
    fake_slack.wait_for("chat.postMessage")
    slack_server.wait_idle()
    send(event_envelope(edited_mention_event(QUESTION + "  ", ts=ts)))
    text = f"<@UBOTADVISOR> {QUESTION}"
    send(event_envelope(message_changed_event(text, previous=text, ts=ts)))
    slack_server.wait_idle()
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert fake_slack.calls("chat.update") == []


def test_edited_dm_updates_the_answer(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """A DM question edited after its answer gets the answer replaced, not a second one."""
    ts = fake_slack.new_ts()
    send(event_envelope(message_event(QUESTION, ts=ts)))
    first = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    changed = message_changed_event(
        SCENARIO_QUESTION, previous=QUESTION, ts=ts, channel=DM_CHANNEL_ID, channel_type="im"
    )
    send(event_envelope(changed))
    update = fake_slack.wait_for("chat.update")[0]
    slack_server.wait_idle()
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert update.body["ts"] == first.response["ts"]
    assert update.body["text"] == render_fallback_text(advisor.ask(SCENARIO_QUESTION))


def test_dm_with_a_file_answers_the_text_and_says_files_are_not_read(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """A DM with a PDF (subtype file_share) is answered, noting that attachments are not read."""
    text = "Here is the vendor proposal. Should we outsource our mobile app?"
    ts = fake_slack.new_ts()
    files = [{"id": "F0PROPOSAL", "name": "proposal.pdf", "mimetype": "application/pdf"}]
    send(event_envelope(message_event(text, ts=ts, subtype="file_share", files=files)))
    post = fake_slack.wait_for("chat.postMessage")[0]
    slack_server.wait_idle()
    blocks = post.json_field("blocks")
    assert (post.body["channel"], post.body["thread_ts"]) == (DM_CHANNEL_ID, ts)
    assert post.body["text"] == f"{ATTACHMENTS_NOTE}\n\n{render_fallback_text(advisor.ask(text))}"
    assert blocks[0] == {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": ATTACHMENTS_NOTE}],
    }
    assert blocks[-1]["type"] == "actions"


def test_long_thread_reads_the_newest_turns(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """In a 250-message thread the follow-up is answered with the latest turns, not the first."""
    root = _ask_in_channel(send, fake_slack, slack_server, QUESTION)
    for _ in range(240):
        ts = fake_slack.new_ts()
        fake_slack.add_message(
            CHANNEL_ID, {"ts": ts, "thread_ts": root, "user": COLLEAGUE, "text": "noted"}
        )
    latest = fake_slack.new_ts()
    fake_slack.add_message(
        CHANNEL_ID, {"ts": latest, "thread_ts": root, "user": USER_ID, "text": SCENARIO_QUESTION}
    )
    _reply(send, fake_slack, root, FOLLOW_UP)
    posts = fake_slack.wait_for("chat.postMessage", 2)
    slack_server.wait_idle()
    newest = ["noted"] * 5 + [SCENARIO_QUESTION]
    expected = render_fallback_text(advisor.ask(FOLLOW_UP, history=newest))
    assert expected != render_fallback_text(advisor.ask(FOLLOW_UP, history=["noted"] * 6))
    assert posts[1].body["text"] == expected
    cursors = [c.body.get("cursor") for c in fake_slack.calls("conversations.replies")]
    assert cursors == [None, "200"]


def test_ask_where_the_bot_cannot_post_answers_through_response_url(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """/sourcing ask in a DM between two people (channel_not_found) answers via response_url."""
    fake_slack.fail_next("chat.postMessage", error="channel_not_found")
    form = command_form(
        f"ask {QUESTION}", channel="D0BETWEEN2", response_url=fake_slack.response_url()
    )
    status, body = send(form, form=True)
    reply = fake_slack.wait_for("response_url")[0]
    slack_server.wait_idle()
    assert (status, body) == (200, "")
    posts = fake_slack.calls("chat.postMessage")
    assert [p.body["channel"] for p in posts] == ["D0BETWEEN2"]
    assert reply.body["response_type"] == "in_channel"
    assert reply.body["replace_original"] is False
    assert reply.body["text"] == render_fallback_text(advisor.ask(QUESTION))
    assert reply.body["blocks"][-1]["type"] == "actions"
    assert fake_slack.calls("chat.postEphemeral") == []


def test_evaluate_where_the_bot_cannot_post_answers_through_response_url(
    slack_server: SlackServer, send: Send, fake_slack: FakeSlack, advisor: AdvisorPort
) -> None:
    """/sourcing evaluate in a private channel without the bot replies via response_url."""
    fake_slack.fail_next("chat.postMessage", error="not_in_channel")
    args = "duration=24 core=no"
    form = command_form(
        f"evaluate {args}", channel="G0PRIVATE1", response_url=fake_slack.response_url()
    )
    send(form, form=True)
    reply = fake_slack.wait_for("response_url")[0]
    slack_server.wait_idle()
    text, blocks = render_evaluation(advisor.evaluate(advisor.parse_scenario_args(args)))
    assert [p.body["channel"] for p in fake_slack.calls("chat.postMessage")] == ["G0PRIVATE1"]
    assert reply.body["response_type"] == "in_channel"
    assert (reply.body["text"], reply.body["blocks"]) == (text, blocks)
    assert fake_slack.calls("files.getUploadURLExternal") == []
