"""Run `sourcing-advisor serve` as a real process on a free local port (tests and benchmarks)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.postgres import free_port

CLI = [sys.executable, "-m", "bot"]
START_TIMEOUT_S = 90.0


def prebuilt_data_dir(root: Path) -> Path:
    """A data dir whose embedded index is built (copy it per process: copytree)."""
    data = root / "prebuilt-data"
    if not (data / "chroma").is_dir():
        env = {**os.environ, "SOURCING_DATA_DIR": str(data)}
        subprocess.run([*CLI, "index"], env=env, check=True, capture_output=True, timeout=300)
    return data


def fresh_data_dir(prebuilt: Path, target: Path) -> Path:
    """A copy of the prebuilt data dir (index included, no state)."""
    shutil.copytree(prebuilt, target)
    return target


@dataclass
class ServeProcess:
    """A running `sourcing-advisor serve`: ``url``, ``stop()`` (SIGTERM), ``stderr()``."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>"""
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(cls, env: dict[str, str], log: Path, *, wait: bool = True) -> ServeProcess:
        """Start serving on a free port; with ``wait``, return once /readyz answers 200."""
        port = free_port()
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        served = cls(process=process, port=port, log=log)
        if wait:
            served.wait_ready()
        return served

    def wait_ready(self, timeout: float = START_TIMEOUT_S) -> None:
        """Poll /readyz until 200; AssertionError with the log if the process dies or stalls."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                msg = f"serve exited {self.process.returncode}:\n{self.stderr()}"
                raise AssertionError(msg)
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=5) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        self.kill()
        msg = f"serve not ready after {timeout}s:\n{self.stderr()}"
        raise AssertionError(msg)

    def stop(self, timeout: float = 60.0) -> int:
        """SIGTERM and wait; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def kill(self) -> None:
        """SIGKILL if still running."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stderr(self) -> str:
        """Everything the process logged so far."""
        return self.log.read_text(errors="replace")
