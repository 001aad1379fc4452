"""`sourcing-advisor serve` as a real process: one-line start-up failures, graceful SIGTERM."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot.slack import ids
from tests.integration.serve_process import (
    CLI,
    ServeProcess,
    fresh_data_dir,
    prebuilt_data_dir,
)
from tests.postgres import free_port
from tests.slack.conftest import SIGNING_SECRET, make_sender
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack
from tests.slack.payloads import block_action_payload, interactivity_form


class SlowFakeSlack(FakeSlack):
    """The fake Web API, answering every call after ``delay`` seconds (a slow Slack)."""

    delay: float = 0.0

    def _respond(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        time.sleep(self.delay)
        return super()._respond(method, body)


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the embedded index built once for this module."""
    return prebuilt_data_dir(tmp_path_factory.mktemp("serve"))


@pytest.fixture
def fake() -> Iterator[SlowFakeSlack]:
    """A fake Slack Web API (instant unless the test sets ``delay``)."""
    server = SlowFakeSlack().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def env(prebuilt: Path, tmp_path: Path, fake: SlowFakeSlack) -> dict[str, str]:
    """Environment for one serve process: own data dir, test tokens, the fake API, quiet logs."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SOURCING_", "SLACK_"))}
    return {
        **base,
        "SOURCING_DATA_DIR": str(fresh_data_dir(prebuilt, tmp_path / "data")),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "LOG_LEVEL": "WARNING",
    }


def _serve_fails(env: dict[str, str], port: int) -> tuple[int, list[str]]:
    result = subprocess.run(
        [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.returncode, result.stderr.splitlines()


def test_port_in_use_is_one_line_naming_the_fix(env: dict[str, str]) -> None:
    """A taken port exits 1 with one line naming the port and --port."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, lines = _serve_fails(env, port)
    assert (code, lines) == (
        1,
        [
            f"sourcing-advisor: port {port} on 127.0.0.1 is already in use: stop the other"
            " process or choose another port with --port"
        ],
    )


def test_corrupt_state_file_is_one_line_naming_the_fix(env: dict[str, str]) -> None:
    """A state file that is not SQLite exits 1 with one line naming the file and the fix."""
    state = Path(env["SOURCING_DATA_DIR"]) / "state.sqlite3"
    state.write_bytes(b"garbage" * 1000)
    code, lines = _serve_fails(env, free_port())
    assert (code, lines) == (
        1,
        [
            f"sourcing-advisor: state file {state} cannot be used (file is not a database):"
            " move it aside (a new one is created) or fix SOURCING_DATA_DIR"
        ],
    )


def test_rejected_token_is_one_line_naming_the_fix(env: dict[str, str]) -> None:
    """A token Slack rejects exits 1 with one line naming SLACK_BOT_TOKEN and Slack's error."""
    code, lines = _serve_fails({**env, "SLACK_BOT_TOKEN": "xoxb-revoked"}, free_port())
    assert (code, lines) == (
        1,
        [
            "sourcing-advisor: Slack rejected SLACK_BOT_TOKEN (not_authed): copy the Bot User"
            " OAuth Token (xoxb-...) from your app's Install App page"
        ],
    )


def test_unreachable_slack_api_is_one_line_naming_the_fix(env: dict[str, str]) -> None:
    """A Slack API nobody answers exits 1 with one line naming the URL and SLACK_API_URL."""
    url = f"http://127.0.0.1:{free_port()}/api/"
    code, lines = _serve_fails({**env, "SLACK_API_URL": url}, free_port())
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"sourcing-advisor: cannot reach the Slack API at {url} (")
    assert lines[0].endswith("): check the network, proxy settings or SLACK_API_URL")


def test_sigterm_after_acks_loses_no_acknowledged_write(
    env: dict[str, str], fake: SlowFakeSlack, tmp_path: Path
) -> None:
    """20 votes and 20 walkthrough answers acknowledged just before SIGTERM are all stored."""
    fake.delay = 0.3
    served = ServeProcess.start(env, tmp_path / "serve.log")
    send = make_sender(served.url, SIGNING_SECRET)
    clicks = [
        block_action_payload(
            action_id=ids.ACTION_FEEDBACK_UP, value=f"k{n}", message_ts=f"1.{n}", user=f"U{n}"
        )
        for n in range(20)
    ] + [
        block_action_payload(
            action_id=f"{ids.ACTION_WALKTHROUGH_ANSWER}:b",
            value="strategies:b",
            message_ts=f"2.{n}",
            channel=f"D{n}",
            user=f"U{n}",
        )
        for n in range(20)
    ]
    try:
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda p: send(interactivity_form(p), form=True)[0], clicks))
        assert statuses == [200] * 40
        assert served.stop() == 0
    finally:
        served.kill()
    with sqlite3.connect(Path(env["SOURCING_DATA_DIR"]) / "state.sqlite3") as conn:
        votes = conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
        answers = conn.execute("SELECT COUNT(*) FROM walkthrough_answers").fetchone()[0]
    assert (votes, answers) == (20, 20)
    assert "Traceback" not in served.stderr()


def test_readyz_reports_each_part(env: dict[str, str], tmp_path: Path) -> None:
    """A served process loads the embedding model before it serves, and reports advisor,
    state store and vector store ready on /readyz."""
    import urllib.request

    served = ServeProcess.start({**env, "LOG_LEVEL": "INFO"}, tmp_path / "serve.log")
    try:
        with urllib.request.urlopen(served.url + "/readyz", timeout=10) as resp:
            body = json.loads(resp.read())
    finally:
        served.stop()
    assert body == {
        "ok": True,
        "checks": {"advisor": "ok", "state_store": "ok", "vector_store": "ok"},
    }
    log = served.stderr()
    assert 0 <= log.find("loading embedding model") < log.find("serving Slack events on"), log


def test_socket_mode_with_a_rejected_app_token_names_the_fix(env: dict[str, str]) -> None:
    """serve --socket with an app token Slack refuses exits 1, its last line naming the fix."""
    result = subprocess.run(
        [*CLI, "serve", "--socket"],
        env={**env, "SLACK_APP_TOKEN": "xapp-revoked"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "sourcing-advisor: Slack rejected SLACK_APP_TOKEN (not_authed): generate an app-level"
        " token (xapp-...) with the connections:write scope under Basic Information"
    )
    assert "Traceback" not in result.stderr
