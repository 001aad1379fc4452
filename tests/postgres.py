"""A throwaway Postgres cluster for tests: initdb + pg_ctl in a temp dir, as the postgres user.

CI runs as root and Postgres refuses to run as root, so as root every server command runs as
the ``postgres`` OS user (created by Debian's package) in a directory it owns. Missing binaries
fail the test run with the install command; they never skip.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = "install it: apt-get update && apt-get install -y postgresql"


def find_bin_dir() -> Path:
    """The directory holding initdb and pg_ctl (PATH first, then Debian's versioned dirs)."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not candidates:
        msg = f"Postgres server binaries (initdb, pg_ctl) not found: {INSTALL_HINT}"
        raise RuntimeError(msg)
    return Path(candidates[-1]).parent


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresCluster:
    """A running cluster on 127.0.0.1:``port`` with trust authentication for user postgres."""

    bin_dir: Path
    root: Path
    port: int
    _user: pwd.struct_passwd | None
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @classmethod
    def start(cls) -> PostgresCluster:
        """initdb and start a new cluster in a fresh temp dir (about a second)."""
        bin_dir = find_bin_dir()
        user = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        root = Path(tempfile.mkdtemp(prefix="sourcing-pg-"))
        if user is not None:
            os.chown(root, user.pw_uid, user.pw_gid)
        cluster = cls(bin_dir=bin_dir, root=root, port=free_port(), _user=user)
        cluster._run(
            "initdb", "-A", "trust", "-U", "postgres", "-E", "UTF8", "-N", "-D", str(cluster.data)
        )
        options = (
            f"-p {cluster.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        cluster._run(
            "pg_ctl", "-D", str(cluster.data), "-o", options, "-l", str(root / "log"), "-w", "start"
        )
        return cluster

    @property
    def data(self) -> Path:
        """The cluster's data directory."""
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        """A libpq URL for ``database``."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (fast mode) and delete its directory."""
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, tool: str, *args: str) -> None:
        kwargs = {}
        if self._user is not None:
            kwargs = {"user": self._user.pw_uid, "group": self._user.pw_gid}
        result = subprocess.run(
            [str(self.bin_dir / tool), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=self.root,
            **kwargs,  # type: ignore[arg-type]
        )
        if result.returncode != 0:
            log = self.root / "log"
            tail = log.read_text()[-2000:] if log.is_file() else ""
            msg = f"{tool} failed ({result.returncode}): {result.stderr.strip()}\n{tail}"
            raise RuntimeError(msg)
