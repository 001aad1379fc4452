"""The scale benchmark's table: one column per size, targets checked at the largest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tests.bench.common import table, verdict

TARGET_SIZE = 1000


def print_report(runs: Sequence[Mapping[str, Any]], targets: Mapping[str, float]) -> None:
    """Print measures by size; the verdict column applies the targets at 1,000 documents."""
    at = next((run for run in runs if run["size"] == TARGET_SIZE), None)
    measures: list[tuple[str, Any, str | None]] = [
        ("documents (incl. the article)", lambda r: r["index"]["documents"], None),
        ("chunks", lambda r: r["index"]["chunks"], None),
        ("index build, full (s)", lambda r: r["index"]["full_s"], None),
        ("re-index, no change (s)", lambda r: r["index"]["noop_s"], None),
        ("re-index, one doc changed (s)", lambda r: r["index"]["one_changed_s"], "reindex_one_s"),
        ("cold `ask` median (s)", lambda r: r["cold"]["median_s"], "cold_ask_s"),
        ("cold `ask`, no knowledge cache (s)", lambda r: r["cold"].get("uncached_s", ""), None),
        ("peak RSS, cold `ask` (MB)", lambda r: r["cold"]["rss_mb"], None),
        ("Advisor.ask p50 (ms)", lambda r: r["ask"]["p50_ms"], None),
        ("Advisor.ask p95 (ms)", lambda r: r["ask"]["p95_ms"], "ask_p95_ms"),
        ("peak RSS, ask process (MB)", lambda r: r["ask"]["rss_mb"], "rss_mb"),
        ("peak RSS, index process (MB)", lambda r: r["index"]["rss_mb"], None),
        ("interleaved: ours p50 (ms)", lambda r: r["compare"]["ours_p50_ms"], None),
        ("interleaved: tutorial p50 (ms)", lambda r: r["compare"]["baseline_p50_ms"], None),
        ("ours / tutorial, p50", lambda r: r["compare"]["ratio_p50"], "ratio"),
        ("ours / tutorial, p95", lambda r: r["compare"]["ratio_p95"], None),
        ("tutorial index build (s)", lambda r: r["compare"]["baseline_index_s"], None),
    ]
    rows = []
    for label, get, target_key in measures:
        row = [label, *(str(get(run)) for run in runs)]
        if target_key is None:
            row += ["", ""]
        elif target_key == "ratio":
            worst = max(get(run) for run in runs)
            row += [f"<= {targets['ratio']:g} (all)", verdict(worst, targets["ratio"])]
        elif at is None:
            row += [f"<= {targets[target_key]:g} @1000", "n/a"]
        else:
            row += [f"<= {targets[target_key]:g} @1000", verdict(get(at), targets[target_key])]
        rows.append(row)
    headers = ["measure", *(f"+{run['size']} docs" for run in runs), "target", ""]
    print("\nScale benchmark (synthetic ~800-word policy documents added to knowledge/)")
    print(table(headers, rows))
    print("Timings are from a shared 2-core machine: noisy; compare sizes within one run.")
