"""Helpers shared by the benchmarks: percentiles, RSS, table rows and tables, results."""

from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
RESULTS_DIR = REPO / "bench-results"


def percentile(samples: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile (pct in 0..100) of samples; 0.0 for none."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    raw = resource.getrusage(who).ru_maxrss
    return raw / (1024 * 1024) if sys.platform == "darwin" else raw / 1024


def verdict(value: float, target: float) -> str:
    """PASS when value is at most target."""
    return "PASS" if value <= target else "FAIL"


_DIGITS = {"s": 2, "ms": 1, "MB": 0}
"""Decimals shown per unit in the benchmark tables."""


def measure_row(label: str, value: float, *, unit: str, target: float | None = None) -> list[str]:
    """A row of the benchmark table: measure, value, and (with a target) "<= target" and verdict."""
    shown = f"{value:.{_DIGITS[unit]}f} {unit}"
    if target is None:
        return [label, shown, "", ""]
    return [label, shown, f"<= {target:.0f} {unit}", verdict(value, target)]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An aligned plain-text table."""
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def write_results(name: str, data: dict[str, Any]) -> Path:
    """Write bench-results/<name>.json (the folder is gitignored) and return its path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def bench_questions() -> list[str]:
    """Every question of the labelled eval set: in-scope, out-of-scope and not-covered."""
    from tests.eval.data import load_questions

    qs = load_questions()
    return [
        *(q.question for q in qs.questions),
        *(q.question for q in qs.out_of_scope),
        *(q.question for q in qs.not_covered),
    ]


def run_phase(name: str, data_dir: Path) -> dict[str, Any]:
    """Run one run_bench phase (index | warm) in a child process; return the JSON it prints."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.run_bench", "--phase", name, str(data_dir)],
        cwd=REPO,
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        msg = f"bench phase {name} exited {done.returncode}:\n{done.stderr[-2000:]}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
