"""`make bench`: index build, CLI cold start, warm Advisor.ask latency and peak RSS, the Slack
round trip, the load run (tests/bench/bench_load.py) and the scale run (tests/bench/bench_scale.py:
10, 100 and 1,000 synthetic policy documents by default; ``BENCH_SCALE_SIZES=10,100`` for a quicker
run, ``BENCH_SCALE_SIZES=0`` to skip it).

The parent stays small (stdlib only) and runs each phase in a child process: Linux carries the
parent's peak RSS into a forked child's ru_maxrss, so a large parent would inflate the children's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.common import (
    REPO,
    bench_questions,
    measure_row,
    percentile,
    rss_mb,
    run_phase,
    table,
    write_results,
)

COLD_RUNS = 5
WARM_QUERIES = 200
WARM_UP = 5
COLD_QUESTION = "How much cheaper is a dedicated offshore team than an onshore team?"
TARGETS = {"cold_start_s": 3.0, "ask_p95_ms": 50.0, "rss_mb": 400.0}


def _settings(data_dir: Path) -> Any:
    from bot.config import Settings

    return Settings(
        data_dir=data_dir, knowledge_dir=REPO / "knowledge", chroma_url=None, llm="none"
    )


def _index(data_dir: Path) -> dict[str, Any]:
    """Full index build in a fresh dir, then a re-index that should change nothing."""
    from bot.bootstrap import build_index

    _quiet_bm25s()
    started = time.perf_counter()
    first = build_index(_settings(data_dir))
    full_s = time.perf_counter() - started
    started = time.perf_counter()
    again = build_index(_settings(data_dir))
    noop_s = time.perf_counter() - started
    if again.added or again.updated or again.removed:
        print(f"warning: re-index was not a no-op: {again}", file=sys.stderr)
    return {
        "chunks": first.chunks,
        "full_s": round(full_s, 3),
        "noop_s": round(noop_s, 3),
        "rss_mb": round(rss_mb(), 1),
    }


def _quiet_bm25s() -> None:
    """bm25s sets its logger to DEBUG when imported; import it now and turn that down."""
    import bot.retrieval  # noqa: F401

    logging.getLogger("bm25s").setLevel(logging.WARNING)


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("sourcing-advisor")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "bot"]


def _cold_start(data_dir: Path) -> dict[str, Any]:
    """Median wall time of `sourcing-advisor ask` as a fresh process, and its peak RSS."""
    env = {k: v for k, v in os.environ.items() if k != "CHROMA_URL"}
    env.update(SOURCING_DATA_DIR=str(data_dir), SOURCING_LLM="none")
    times: list[float] = []
    peak_kb = 0
    with tempfile.TemporaryFile() as out:
        for _ in range(COLD_RUNS):
            out.seek(0)
            out.truncate()
            started = time.perf_counter()
            proc = subprocess.Popen(
                [*_cli(), "ask", COLD_QUESTION], stdout=out, stderr=subprocess.STDOUT, env=env
            )
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - started)
            proc.returncode = os.waitstatus_to_exitcode(status)
            peak_kb = max(peak_kb, usage.ru_maxrss)
            if proc.returncode != 0:
                out.seek(0)
                tail = out.read().decode("utf-8", "replace")[-800:]
                msg = f"sourcing-advisor ask exited {proc.returncode}:\n{tail}"
                raise RuntimeError(msg)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return {
        "runs_s": [round(t, 3) for t in times],
        "median_s": round(statistics.median(times), 3),
        "rss_mb": round(peak_kb / scale, 1),
    }


def _warm(data_dir: Path) -> dict[str, Any]:
    """Advisor.ask latency over WARM_QUERIES questions, cycling through the eval questions."""
    from bot import build_advisor

    _quiet_bm25s()
    advisor = build_advisor(_settings(data_dir))
    questions = bench_questions()
    for q in questions[:WARM_UP]:
        advisor.ask(q)
    samples: list[float] = []
    for i in range(WARM_QUERIES):
        started = time.perf_counter()
        advisor.ask(questions[i % len(questions)])
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "n": len(samples),
        "p50_ms": round(percentile(samples, 50), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "max_ms": round(max(samples), 2),
        "rss_mb": round(rss_mb(), 1),
    }


PHASES = {"index": _index, "warm": _warm}


def _load(results: dict[str, Any]) -> None:
    """Run the load benchmark (real `serve` processes, one and two replicas) in a child."""
    print()
    done = subprocess.run([sys.executable, "-m", "tests.bench.bench_load"], cwd=REPO, check=False)
    results["load"] = f"bench-results/load.json (exit {done.returncode})"


def _slack(results: dict[str, Any]) -> None:
    """Run the Slack benchmark in its own process (its own peak RSS), if the adapter exists."""
    if importlib.util.find_spec("bot.slack.app") is None:
        results["slack"] = "skipped: bot.slack.app not found"
        print("\nSlack benchmark skipped: bot.slack.app not found")
        return
    print()
    done = subprocess.run([sys.executable, "-m", "tests.bench.bench_slack"], cwd=REPO, check=False)
    results["slack"] = f"bench-results/slack.json (exit {done.returncode})"


def _scale(results: dict[str, Any]) -> None:
    """Run the scale benchmark in its own process tree (sizes from BENCH_SCALE_SIZES)."""
    if os.environ.get("BENCH_SCALE_SIZES", "").strip() in {"0", "none"}:
        results["scale"] = "skipped: BENCH_SCALE_SIZES=0"
        return
    print()
    done = subprocess.run([sys.executable, "-m", "tests.bench.bench_scale"], cwd=REPO, check=False)
    results["scale"] = f"bench-results/scale.json (exit {done.returncode})"


def main(argv: list[str] | None = None) -> int:
    """Run the core benchmarks, print a table, write bench-results/core.json; returns 0."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run_bench", description=__doc__)
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("data_dir", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.data_dir)))
        return 0
    with tempfile.TemporaryDirectory(prefix="sourcing-bench-") as tmp:
        data_dir = Path(tmp)
        index = run_phase("index", data_dir)
        cold = _cold_start(data_dir)
        warm = run_phase("warm", data_dir)
    peak = warm["rss_mb"]
    rows = [
        measure_row("index build (fresh dir, full)", index["full_s"], unit="s"),
        measure_row("re-index (no changes)", index["noop_s"], unit="s"),
        measure_row(
            f"cold start `ask` (median of {COLD_RUNS})",
            cold["median_s"],
            unit="s",
            target=TARGETS["cold_start_s"],
        ),
        measure_row(f"warm Advisor.ask p50 ({warm['n']} questions)", warm["p50_ms"], unit="ms"),
        measure_row(
            "warm Advisor.ask p95", warm["p95_ms"], unit="ms", target=TARGETS["ask_p95_ms"]
        ),
        measure_row("peak RSS, index build process", index["rss_mb"], unit="MB"),
        measure_row("peak RSS, warm advisor process", peak, unit="MB", target=TARGETS["rss_mb"]),
        measure_row(
            "peak RSS, cold-start process", cold["rss_mb"], unit="MB", target=TARGETS["rss_mb"]
        ),
    ]
    print(f"Core benchmark ({index['chunks']} chunks; python {sys.version.split()[0]})")
    print(table(["measure", "value", "target", ""], rows))
    results: dict[str, Any] = {
        "index": index,
        "cold_start": cold,
        "warm_ask": warm,
        "targets": TARGETS,
        "parent_rss_mb": round(rss_mb(), 1),
    }
    _slack(results)
    _load(results)
    _scale(results)
    path = write_results("core", results)
    print(f"\nwrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
