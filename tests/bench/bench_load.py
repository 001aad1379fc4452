"""Load benchmark: bounded bursts of signed mentions against real `serve` processes (loopback).

One process (SQLite state), then two replicas on a throwaway Postgres (requests alternate, as a
load balancer would). At 1, 8 and 32 concurrent senders: answers/s, ack p50/p99, answer p95
(mention sent -> answer at the fake Web API, which answers instantly), connection resets,
duplicate answers, each server's peak RSS (VmHWM) and its CPU milliseconds per answer. Every
loop is bounded in count and time. The machine may be shared: each burst runs
BENCH_LOAD_REPEATS times (default 3) and the table shows medians (resets, errors and duplicates
are summed), with the load average before each scenario.
"""

from __future__ import annotations

import http.client
import json
import os
import socketserver
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.bench.common import REPO, bench_questions, measure_row, percentile, table, write_results
from tests.integration.serve_process import ServeProcess, fresh_data_dir, prebuilt_data_dir
from tests.postgres import PostgresCluster
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack
from tests.slack.payloads import event_envelope, mention_event

SIGNING_SECRET = "bench-load-signing-secret-7a8b9c"
BURSTS = ((1, 40), (8, 160), (32, 320))  # (concurrent senders, mentions)
ANSWER_TIMEOUT_S = 60.0
REPEATS_ENV = "BENCH_LOAD_REPEATS"
TARGETS = {"ack_p99_ms_at_32": 1000.0, "answers_per_s": 100.0, "rss_mb": 400.0}


class TimedFakeSlack(FakeSlack):
    """The fake Web API, noting when each thread's answer(s) arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.answered: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _respond(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "chat.postMessage":
            with self._lock:
                stamps = self.answered.setdefault(str(body.get("thread_ts")), [])
                stamps.append(time.perf_counter())
        return super()._respond(method, body)


def _send(port: int, body: bytes) -> tuple[int, float]:
    """POST one signed mention on a new connection; (status or -1 on a reset, seconds)."""
    from slack_sdk.signature import SignatureVerifier

    timestamp = str(int(time.time()))
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(
        timestamp=timestamp, body=body.decode("utf-8")
    )
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": str(signature),
    }
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", "/slack/events", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except (ConnectionError, http.client.HTTPException, TimeoutError):
        return -1, time.perf_counter() - started
    finally:
        conn.close()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _burst(
    ports: list[int], pids: list[int], fake: TimedFakeSlack, concurrency: int, count: int
) -> dict[str, Any]:
    questions = bench_questions()
    jobs = []
    for i in range(count):
        ts = fake.new_ts()
        envelope = event_envelope(mention_event(questions[i % len(questions)], ts=ts))
        jobs.append((ports[i % len(ports)], ts, json.dumps(envelope).encode("utf-8")))
    sent: dict[str, float] = {}
    cpu_before = [_cpu_seconds(pid) for pid in pids]
    own_before = time.process_time()
    started = time.perf_counter()

    def one(job: tuple[int, str, bytes]) -> tuple[int, float]:
        port, ts, body = job
        sent[ts] = time.perf_counter()
        return _send(port, body)

    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, jobs))
    deadline = time.monotonic() + ANSWER_TIMEOUT_S
    while time.monotonic() < deadline:
        if all(ts in fake.answered for _, ts, _ in jobs):
            break
        time.sleep(0.05)
    time.sleep(0.5)  # late duplicates would arrive now
    server_cpu = sum(_cpu_seconds(pid) - b for pid, b in zip(pids, cpu_before, strict=True))
    own_cpu = time.process_time() - own_before
    answers = [fake.answered[ts][0] - sent[ts] for _, ts, _ in jobs if ts in fake.answered]
    last = max((fake.answered[ts][0] for _, ts, _ in jobs if ts in fake.answered), default=started)
    acks = [seconds * 1000 for status, seconds in results if status == 200]
    return {
        "concurrency": concurrency,
        "mentions": count,
        "answered": len(answers),
        "answers_per_s": round(len(answers) / max(last - started, 1e-9), 1),
        "ack_p50_ms": round(percentile(acks, 50), 1),
        "ack_p99_ms": round(percentile(acks, 99), 1),
        "answer_p95_ms": round(percentile([a * 1000 for a in answers], 95), 1),
        # CPU is steadier than wall time on a shared machine: servers' user+system seconds.
        "server_cpu_ms_per_answer": round(1000 * server_cpu / max(len(answers), 1), 2),
        "bench_cpu_ms_per_answer": round(1000 * own_cpu / max(len(answers), 1), 2),
        "resets": sum(1 for status, _ in results if status == -1),
        "non_200": sum(1 for status, _ in results if status not in (200, -1)),
        "duplicates": sum(
            len(fake.answered.get(ts, [])) - 1 for _, ts, _ in jobs if ts in fake.answered
        ),
    }


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _scenario(
    name: str, envs: list[dict[str, str]], root: Path, fake: TimedFakeSlack
) -> dict[str, Any]:
    servers = [ServeProcess.start(env, root / f"{name}-{n}.log") for n, env in enumerate(envs)]
    try:
        ports = [s.port for s in servers]
        pids = [s.process.pid for s in servers]
        load = os.getloadavg()[0]
        _burst(ports, pids, fake, 4, 8)  # warm-up
        repeats = max(1, int(os.environ.get(REPEATS_ENV, "3")))
        runs = [[_burst(ports, pids, fake, c, n) for _ in range(repeats)] for c, n in BURSTS]
        rss = [_peak_rss_mb(s.process.pid) for s in servers]
    finally:
        for server in servers:
            server.stop()
            server.kill()
    bursts = [_median_burst(r) for r in runs]
    return {"scenario": name, "load_average": load, "bursts": bursts, "runs": runs, "rss_mb": rss}


_SUMMED = ("answered", "mentions", "resets", "non_200", "duplicates")


def _median_burst(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One row for repeated runs of a burst: medians of rates and times, sums of counts."""
    row: dict[str, Any] = {"concurrency": runs[0]["concurrency"], "repeats": len(runs)}
    for key in runs[0]:
        if key in _SUMMED:
            row[key] = sum(r[key] for r in runs)
        elif key != "concurrency":
            row[key] = round(statistics.median(r[key] for r in runs), 2)
    return row


def run(root: Path) -> list[dict[str, Any]]:
    """Both scenarios; each replica gets its own copy of a prebuilt embedded index."""
    prebuilt = prebuilt_data_dir(root)
    fake = TimedFakeSlack().start()
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SOURCING_", "SLACK_")) and k != "CHROMA_URL"
    }
    common = {
        **base,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "LOG_LEVEL": "WARNING",
    }
    results = []
    try:
        one = [{**common, "SOURCING_DATA_DIR": str(fresh_data_dir(prebuilt, root / "one"))}]
        results.append(_scenario("1 process, SQLite", one, root, fake))
        cluster = PostgresCluster.start()
        try:
            url = cluster.create_database()
            two = [
                {
                    **common,
                    "SOURCING_DATABASE_URL": url,
                    "SOURCING_DATA_DIR": str(fresh_data_dir(prebuilt, root / f"r{n}")),
                }
                for n in (0, 1)
            ]
            results.append(_scenario("2 replicas, Postgres", two, root, fake))
        finally:
            cluster.stop()
    finally:
        fake.stop()
    return results


def main() -> int:
    """Run, print a table per scenario, write bench-results/load.json; returns 0."""
    # The fake Web API is a stdlib server (listen backlog 5): under these bursts it would reset
    # the bot's connections itself. This process only runs the fake and the senders.
    socketserver.TCPServer.request_queue_size = 1024
    with tempfile.TemporaryDirectory(prefix="sourcing-bench-load-") as tmp:
        results = run(Path(tmp))
    for scenario in results:
        rows = []
        for b in scenario["bursts"]:
            c = b["concurrency"]
            rows.append(
                [
                    f"{c} concurrent, {b['mentions']} mentions ({b['repeats']} runs)",
                    f"{b['answers_per_s']}",
                    f"{b['ack_p50_ms']}",
                    f"{b['ack_p99_ms']}",
                    f"{b['answer_p95_ms']}",
                    f"{b['answered']}/{b['mentions']}",
                    str(b["resets"] + b["non_200"]),
                    str(b["duplicates"]),
                    f"{b['server_cpu_ms_per_answer']}",
                    f"{b['bench_cpu_ms_per_answer']}",
                ]
            )
        print(
            f"\nLoad: {scenario['scenario']} (fake Web API answering instantly, 127.0.0.1;"
            f" load average {scenario['load_average']:.1f} on {os.cpu_count()} CPUs; medians)"
        )
        headers = [
            "burst",
            "answers/s",
            "ack p50 ms",
            "ack p99 ms",
            "answer p95 ms",
            "answered",
            "resets+errors",
            "duplicates",
            "server CPU ms/answer",
            "bench CPU ms/answer",  # the senders and the fake Web API share the machine
        ]
        print(table(headers, rows))
        top = scenario["bursts"][-1]
        checks = [
            measure_row(
                "ack p99 at 32 concurrent",
                top["ack_p99_ms"],
                unit="ms",
                target=TARGETS["ack_p99_ms_at_32"],
            ),
            *[
                measure_row(f"peak RSS, server {n}", rss, unit="MB", target=TARGETS["rss_mb"])
                for n, rss in enumerate(scenario["rss_mb"])
            ],
        ]
        print(table(["measure", "value", "target", ""], checks))
        best = max(b["answers_per_s"] for b in scenario["bursts"])
        verdict = "PASS" if best >= TARGETS["answers_per_s"] else "FAIL"
        print(f"best answers/s {best} (target >= {TARGETS['answers_per_s']:.0f}): {verdict}")
    path = write_results("load", {"scenarios": results, "targets": TARGETS})
    print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
