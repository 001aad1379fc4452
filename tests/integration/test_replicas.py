"""Two real `sourcing-advisor serve` replicas on one Postgres and one `chroma run`, one fake Slack.

Slack sends everything to one URL, so any replica may get a retry, a follow-up or a click about
another replica's answer: these tests send each to the "wrong" replica on purpose.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.render import render_answer_text
from bot.slack import ids
from bot.state import CitationRecord, StateStore, open_state_store
from tests.integration.serve_process import CLI, ServeProcess
from tests.slack.conftest import SIGNING_SECRET, Send, make_sender
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack
from tests.slack.payloads import (
    CHANNEL_ID,
    USER_ID,
    block_action_payload,
    event_envelope,
    home_button_payload,
    interactivity_form,
    mention_event,
    message_event,
    new_event_id,
)

pytestmark = pytest.mark.chroma_server

COLLECTION = "replicas-test"
QUESTION = "We are a bank with a 6-month mobile app project that is not core. What should we do?"
FOLLOW_UP = "And if it lasts 3 years?"


@dataclass
class Replicas:
    """Replica processes A and B, their senders, the shared fake Slack and the shared store."""

    a: ServeProcess
    b: ServeProcess
    fake: FakeSlack
    store: StateStore
    envs: tuple[dict[str, str], dict[str, str]]
    logs: Path

    def send(self, replica: ServeProcess) -> Send:
        """A signed sender for ``replica``."""
        return make_sender(replica.url, SIGNING_SECRET)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until neither replica has acknowledged work left (their /metrics queue depth)."""
        deadline = time.monotonic() + timeout
        for replica in (self.a, self.b):
            while _queue_depth(replica) > 0:
                assert time.monotonic() < deadline, "replicas still busy"
                time.sleep(0.05)

    def restart(self) -> None:
        """SIGTERM both replicas, then start both again on the same database and index."""
        assert (self.a.stop(), self.b.stop()) == (0, 0)
        with ThreadPoolExecutor(2) as pool:
            self.a, self.b = pool.map(
                lambda n: ServeProcess.start(self.envs[n], self.logs / f"replica-{n}-2.log"),
                (0, 1),
            )


def _queue_depth(replica: ServeProcess) -> float:
    with urllib.request.urlopen(replica.url + "/metrics", timeout=10) as resp:
        text = resp.read().decode("utf-8")
    match = re.search(r"^sourcing_work_queue_depth (\S+)$", text, re.MULTILINE)
    assert match is not None
    return float(match.group(1))


@pytest.fixture(scope="module")
def replicas(
    chroma_server_url: str,
    postgres_cluster: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Replicas]:
    """Index once into Chroma (the one-shot index job), then start two replicas."""
    root = tmp_path_factory.mktemp("replicas")
    fake = FakeSlack().start()
    database_url = postgres_cluster.create_database()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SOURCING_", "SLACK_"))}
    common = {
        **base,
        "CHROMA_URL": chroma_server_url,
        "SOURCING_CHROMA_COLLECTION": COLLECTION,
        "SOURCING_DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
    }
    envs = tuple({**common, "SOURCING_DATA_DIR": str(root / f"data-{n}")} for n in (0, 1))
    subprocess.run([*CLI, "index"], env=envs[0], check=True, capture_output=True, timeout=300)
    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(lambda n: ServeProcess.start(envs[n], root / f"replica-{n}.log"), (0, 1))
    store = open_state_store(database_url=database_url, sqlite_path=root / "unused.sqlite3")
    group = Replicas(a=a, b=b, fake=fake, store=store, envs=(envs[0], envs[1]), logs=root)
    try:
        yield group
    finally:
        for replica in (group.a, group.b):
            replica.stop()
            replica.kill()
            assert "Traceback" not in replica.stderr(), replica.stderr()
        store.close()
        fake.stop()


@pytest.fixture(scope="module")
def advisor(chroma_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """An in-process advisor on the same index, for the expected answers."""
    from bot import build_advisor

    settings = Settings(
        _env_file=None,
        data_dir=tmp_path_factory.mktemp("expected"),
        chroma_url=chroma_server_url,
        chroma_collection=COLLECTION,
    )
    return build_advisor(settings)


def _posts(fake: FakeSlack, thread_ts: str) -> list[Any]:
    return [c for c in fake.calls("chat.postMessage") if c.body.get("thread_ts") == thread_ts]


def _mention(group: Replicas, question: str = QUESTION) -> tuple[str, Any]:
    """A mention answered by A; returns (thread root ts, the answer's post)."""
    root = group.fake.new_ts()
    group.fake.add_message(CHANNEL_ID, {"ts": root, "user": USER_ID, "text": question})
    status, _ = group.send(group.a)(event_envelope(mention_event(question, ts=root)))
    assert status == 200
    group.wait_idle()
    [post] = _posts(group.fake, root)
    return root, post


def test_event_retried_to_the_other_replica_is_answered_once(replicas: Replicas) -> None:
    """The same event sent to A, then retried to B (X-Slack-Retry-Num: 1), gives one post."""
    root = replicas.fake.new_ts()
    envelope = event_envelope(mention_event(QUESTION, ts=root))
    assert replicas.send(replicas.a)(envelope)[0] == 200
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert replicas.send(replicas.b)(envelope, headers=retry)[0] == 200
    replicas.wait_idle()
    assert len(_posts(replicas.fake, root)) == 1


def test_concurrent_burst_of_one_event_to_both_replicas_is_answered_once(
    replicas: Replicas,
) -> None:
    """Eight concurrent deliveries of one event, four to each replica, give one post."""
    root = replicas.fake.new_ts()
    envelope = event_envelope(mention_event(QUESTION, ts=root), event_id=new_event_id())
    senders = [replicas.send(replicas.a), replicas.send(replicas.b)] * 4
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda send: send(envelope)[0], senders))
    assert statuses == [200] * 8
    replicas.wait_idle()
    assert len(_posts(replicas.fake, root)) == 1


def test_follow_up_reaching_the_other_replica_is_answered_in_context(
    replicas: Replicas, advisor: Any
) -> None:
    """A thread reply sent to B, in a thread A answered, is answered with the thread's context."""
    root, _ = _mention(replicas)
    reply_ts = replicas.fake.new_ts()
    replicas.fake.add_message(
        CHANNEL_ID, {"ts": reply_ts, "thread_ts": root, "user": USER_ID, "text": FOLLOW_UP}
    )
    event = message_event(
        FOLLOW_UP, ts=reply_ts, thread_ts=root, channel=CHANNEL_ID, channel_type="channel"
    )
    assert replicas.send(replicas.b)(event_envelope(event))[0] == 200
    replicas.wait_idle()
    posts = _posts(replicas.fake, root)
    assert len(posts) == 2
    in_context = advisor.ask(FOLLOW_UP, history=[QUESTION])
    alone = advisor.ask(FOLLOW_UP)
    assert in_context.direct != alone.direct
    assert in_context.direct.text in posts[1].body["text"]


def test_vote_on_the_other_replica_is_stored_with_question_and_citations(
    replicas: Replicas, advisor: Any
) -> None:
    """👍 sent to B on A's answer is stored in Postgres with A's question and citations."""
    root, post = _mention(replicas)
    button = next(
        e
        for b in post.json_field("blocks")
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == ids.ACTION_FEEDBACK_UP
    )
    click = block_action_payload(
        action_id=ids.ACTION_FEEDBACK_UP,
        value=button["value"],
        message_ts=post.response["ts"],
        thread_ts=root,
        user="U0VOTER001",
    )
    assert replicas.send(replicas.b)(interactivity_form(click), form=True)[0] == 200
    replicas.wait_idle()
    [vote] = [f for f in replicas.store.list_feedback() if f.user == "U0VOTER001"]
    expected = advisor.ask(QUESTION)
    assert (vote.vote, vote.question, vote.answer_text, vote.citations) == (
        "up",
        QUESTION,
        render_answer_text(expected, width=None),
        tuple(
            CitationRecord(id=f"{c.source.document}#{c.source.section}", quote=c.source.quote)
            for c in expected.citations
        ),
    )


def _walk_to_second_step(group: Replicas, user: str) -> None:
    """Start on A, answer step 1 on B, click next on A."""
    send_a, send_b = group.send(group.a), group.send(group.b)
    start = home_button_payload(ids.ACTION_START_WALKTHROUGH, "start", user=user)
    assert send_a(interactivity_form(start), form=True)[0] == 200
    group.wait_idle()
    answer = block_action_payload(
        action_id=f"{ids.ACTION_WALKTHROUGH_ANSWER}:b",
        value="strategies:b",
        message_ts="5.5",
        channel=user,
        user=user,
    )
    assert send_b(interactivity_form(answer), form=True)[0] == 200
    group.wait_idle()
    after = block_action_payload(
        action_id=ids.ACTION_WALKTHROUGH_NEXT,
        value="strategies",
        message_ts="5.5",
        channel=user,
        user=user,
    )
    assert send_a(interactivity_form(after), form=True)[0] == 200
    group.wait_idle()


def _resume_header(group: Replicas, replica: ServeProcess, user: str) -> str:
    """Click "start" for ``user`` on ``replica``; the header of the step it posts."""
    before = len(group.fake.calls("chat.postMessage"))
    resume = home_button_payload(ids.ACTION_START_WALKTHROUGH, "start", user=user)
    assert group.send(replica)(interactivity_form(resume), form=True)[0] == 200
    group.wait_idle()
    [step] = group.fake.calls("chat.postMessage")[before:]
    assert step.body["channel"] == user
    return str(step.json_field("blocks")[0]["text"]["text"])


def test_walkthrough_continues_across_replicas(replicas: Replicas) -> None:
    """Started on A, answered on B, advanced on A: the saved step and answer are shared."""
    _walk_to_second_step(replicas, "U0WALKER01")
    progress = replicas.store.get_progress("U0WALKER01")
    assert progress.current_step == "hard-rules"
    assert [(a.step_id, a.option_id, a.correct) for a in progress.answers] == [
        ("strategies", "b", True)
    ]
    assert _resume_header(replicas, replicas.b, "U0WALKER01").startswith("Step 2 of 5")


def test_state_survives_a_restart_of_both_replicas(replicas: Replicas) -> None:
    """After SIGTERM and restart of both: a retry stays unanswered; thread, vote and step remain."""
    envelope = event_envelope(mention_event(QUESTION, ts=replicas.fake.new_ts()))
    root = envelope["event"]["ts"]
    replicas.fake.add_message(CHANNEL_ID, {"ts": root, "user": USER_ID, "text": QUESTION})
    assert replicas.send(replicas.a)(envelope)[0] == 200
    replicas.wait_idle()
    [post] = _posts(replicas.fake, root)
    vote = block_action_payload(
        action_id=ids.ACTION_FEEDBACK_DOWN,
        value="unused",
        message_ts=post.response["ts"],
        thread_ts=root,
        user="U0RESTART1",
    )
    assert replicas.send(replicas.b)(interactivity_form(vote), form=True)[0] == 200
    _walk_to_second_step(replicas, "U0RESTART1")
    replicas.wait_idle()

    replicas.restart()

    retry = {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"}
    assert replicas.send(replicas.b)(envelope, headers=retry)[0] == 200
    reply_ts = replicas.fake.new_ts()
    replicas.fake.add_message(
        CHANNEL_ID, {"ts": reply_ts, "thread_ts": root, "user": USER_ID, "text": FOLLOW_UP}
    )
    follow_up = message_event(
        FOLLOW_UP, ts=reply_ts, thread_ts=root, channel=CHANNEL_ID, channel_type="channel"
    )
    assert replicas.send(replicas.a)(event_envelope(follow_up))[0] == 200
    replicas.wait_idle()
    posts = _posts(replicas.fake, root)
    assert [p.body["thread_ts"] for p in posts] == [root, root]
    assert [
        (f.vote, f.question) for f in replicas.store.list_feedback() if f.user == "U0RESTART1"
    ] == [("down", QUESTION)]
    assert _resume_header(replicas, replicas.b, "U0RESTART1").startswith("Step 2 of 5")
