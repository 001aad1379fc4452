"""Fixtures for integration tests: a real `chroma run` server on a free local port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

HEARTBEAT_TIMEOUT_S = 60.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _heartbeat(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@dataclass
class ChromaServer:
    """A running `chroma run` process and its URL."""

    process: subprocess.Popen[bytes]
    url: str
    path: Path


@contextmanager
def running_chroma(data: Path) -> Iterator[ChromaServer]:
    """Start `chroma run` on 127.0.0.1 and a free port over `data`; always stop it."""
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.is_file():
        pytest.fail(f"the chroma CLI is not installed next to {sys.executable}")
    log_path = data.parent / f"{data.name}.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(chroma), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + HEARTBEAT_TIMEOUT_S
        while not _heartbeat(url):
            if process.poll() is not None:
                output = log_path.read_text(errors="replace")[-2000:]
                pytest.fail(f"chroma run exited with {process.returncode}:\n{output}")
            if time.monotonic() > deadline:
                pytest.fail(f"chroma run gave no heartbeat on {url} within {HEARTBEAT_TIMEOUT_S}s")
            time.sleep(0.2)
        yield ChromaServer(process=process, url=url, path=data)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGCONT)  # a test may have left it stopped
        _stop(process)


@pytest.fixture(scope="session")
def chroma_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A `chroma run` server shared by the session's tests; yields its URL."""
    with running_chroma(tmp_path_factory.mktemp("chroma-server")) as server:
        yield server.url


@pytest.fixture
def own_chroma_server(tmp_path: Path) -> Iterator[ChromaServer]:
    """A `chroma run` server for one test alone (which may stop or freeze it)."""
    data = tmp_path / "chroma-own"
    data.mkdir()
    with running_chroma(data) as server:
        yield server
