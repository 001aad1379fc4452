"""`make eval`: retrieval hit@k/MRR per mode, a raw-chunking baseline, scenarios and refusals."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.bench.common import table
from tests.eval.data import (
    EvalQuestion,
    QuestionSet,
    RefusalItem,
    ScenarioSet,
    load_questions,
    load_scenarios,
    normalize,
)
from tests.eval.metrics import (
    BASELINE_CHUNK_CHARS,
    DEPTH,
    ModeResult,
    SearchMode,
    answerable,
    evaluate_mode,
    fixed_size_chunks,
)

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE_DIR = REPO / "knowledge"
RAW_ARTICLE = REPO.parent / "shared" / "source" / "outsourcing-vs-offshoring.txt"
MODES: tuple[SearchMode, ...] = ("bm25", "dense", "hybrid")
RRF_LABEL = "hybrid-rrf"
"""Hybrid mode with reciprocal rank fusion (k=60) instead of the default weighted fusion."""
TARGETS = {"hit@3": 0.95, "hit@1": 0.80}
COLLECTION = "eval-structured"
BASELINE_COLLECTION = "eval-raw-baseline"


def _retrieval(data_dir: Path, questions: Sequence[EvalQuestion]) -> dict[str, Any]:
    """Structured chunks (and the raw baseline) through the real retriever, per mode."""
    from bot.knowledge import load_knowledge
    from bot.retrieval import build_retriever

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG when imported
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    started = time.perf_counter()
    retriever, _ = build_retriever(
        chunks=knowledge.chunks, persist_dir=data_dir / "chroma", url=None, collection=COLLECTION
    )
    build_s = time.perf_counter() - started
    modes: dict[str, ModeResult] = {
        mode: evaluate_mode(retriever, questions, mode) for mode in MODES
    }
    # The same collection and BM25 side, fused by reciprocal rank fusion instead (nothing to embed).
    rrf, _ = build_retriever(
        chunks=knowledge.chunks,
        persist_dir=data_dir / "chroma",
        url=None,
        collection=COLLECTION,
        fusion="rrf",
    )
    modes[RRF_LABEL] = _relabel(evaluate_mode(rrf, questions, "hybrid"), RRF_LABEL)
    out: dict[str, Any] = {
        "chunks": len(knowledge.chunks),
        "index_build_s": round(build_s, 2),
        "modes": modes,
        "baseline": None,
        "baseline_note": "",
    }
    if not RAW_ARTICLE.is_file():
        out["baseline_note"] = f"skipped: {RAW_ARTICLE} not found"
        return out
    raw_chunks = fixed_size_chunks(RAW_ARTICLE)
    raw, _ = build_retriever(
        chunks=raw_chunks,
        persist_dir=data_dir / "chroma",
        url=None,
        collection=BASELINE_COLLECTION,
    )
    in_raw = [q for q in questions if answerable(raw_chunks, [q])]
    raw_text = normalize(RAW_ARTICLE.read_text(encoding="utf-8"))
    in_text = sum(1 for q in questions if normalize(q.evidence) in raw_text)
    out["baseline"] = evaluate_mode(raw, questions, "hybrid")
    out["baseline_subset"] = (
        evaluate_mode(raw, in_raw, "hybrid"),
        _subset(modes["hybrid"], {q.id for q in in_raw}),
    )
    out["baseline_note"] = (
        f"{len(raw_chunks)} fixed-size chunks (~{BASELINE_CHUNK_CHARS} chars, no overlap) of "
        f"{RAW_ARTICLE.name}; evidence inside a raw chunk for {len(in_raw)}/{len(questions)} "
        f"({len(questions) - in_text} exist only in the reconstructed tables, "
        f"{in_text - len(in_raw)} are cut by a chunk boundary)"
    )
    return out


def _relabel(result: ModeResult, label: str) -> ModeResult:
    return ModeResult(mode=label, results=result.results)


def _subset(result: ModeResult, ids: set[str]) -> ModeResult:
    return ModeResult(mode=result.mode, results=[r for r in result.results if r.id in ids])


def _scenarios(scenarios: ScenarioSet) -> dict[str, Any]:
    """Recommended strategy (bot.scoring.evaluate with the loaded policy) vs the expected one."""
    from bot.knowledge import load_knowledge
    from bot.scoring import evaluate

    policy = load_knowledge(KNOWLEDGE_DIR).policy
    rows: list[dict[str, Any]] = []
    for item in scenarios.scenarios:
        evaluation = evaluate(item.to_scenario(), policy)
        rows.append(
            {
                "id": item.id,
                "expected": item.expected,
                "recommended": evaluation.recommended,
                "agree": evaluation.recommended == item.expected,
                "ranking": [f"{s.strategy}={s.score}" for s in evaluation.ranking],
                "why": item.why,
            }
        )
    agreed = sum(r["agree"] for r in rows)
    return {"agreement": round(agreed / len(rows), 4), "agreed": agreed, "rows": rows}


def _refusals(data_dir: Path, questions: QuestionSet) -> dict[str, Any]:
    """Ask the real advisor; a refusal is route out_of_scope or covered False."""
    from bot import build_advisor
    from bot.config import Settings

    settings = Settings(
        knowledge_dir=KNOWLEDGE_DIR,
        data_dir=data_dir,
        chroma_url=None,
        chroma_collection=COLLECTION,  # the collection _retrieval built: nothing to re-embed
        llm="none",
    )
    advisor = build_advisor(settings)
    groups: dict[str, Any] = {}
    cases: tuple[tuple[str, Sequence[EvalQuestion | RefusalItem], bool], ...] = (
        ("out_of_scope", questions.out_of_scope, True),
        ("not_covered", questions.not_covered, True),
        ("in_scope", questions.questions, False),
    )
    for name, items, refuse in cases:
        rows: list[dict[str, Any]] = []
        for item in items:
            answer = advisor.ask(item.question)
            refused = answer.route == "out_of_scope" or not answer.covered
            rows.append(
                {
                    "id": item.id,
                    "question": item.question,
                    "route": answer.route,
                    "covered": answer.covered,
                    "ok": refused == refuse,
                }
            )
        ok = sum(r["ok"] for r in rows)
        groups[name] = {"accuracy": round(ok / len(rows), 4), "ok": ok, "rows": rows}
    return groups


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _metric_row(label: str, result: ModeResult) -> list[object]:
    s = result.summary()
    return [
        label,
        len(result.results),
        f"{s['hit@1']:.3f}",
        f"{s['hit@3']:.3f}",
        f"{s['hit@5']:.3f}",
        f"{s['mrr@10']:.3f}",
    ]


def _print_report(
    retrieval: dict[str, Any], scen: dict[str, Any], refusals: dict[str, Any]
) -> None:
    modes: dict[str, ModeResult] = retrieval["modes"]
    print(
        f"Retrieval over {len(modes['hybrid'].results)} labelled questions "
        f"({retrieval['chunks']} structured chunks, index built in {retrieval['index_build_s']} s)"
    )
    rows = [_metric_row(mode, modes[mode]) for mode in (*MODES, RRF_LABEL)]
    if retrieval["baseline"] is not None:
        rows.append(_metric_row("raw-500 hybrid (baseline)", retrieval["baseline"]))
        raw_sub, ours_sub = retrieval["baseline_subset"]
        rows.append(_metric_row("raw-500 hybrid, answerable subset", raw_sub))
        rows.append(_metric_row("structured hybrid, same subset", ours_sub))
    print(table(["mode", "n", "hit@1", "hit@3", "hit@5", f"MRR@{DEPTH}"], rows))
    print(f"baseline: {retrieval['baseline_note']}")
    hybrid = modes["hybrid"].summary()
    for metric, target in TARGETS.items():
        verdict = "PASS" if hybrid[metric] >= target else "FAIL"
        print(f"{verdict}  hybrid {metric} = {hybrid[metric]:.3f} (target >= {target:.2f})")

    misses = [r for r in modes["hybrid"].results if r.rank != 1]
    print(f"\nHybrid: {len(misses)} question(s) whose evidence is not ranked first")
    for r in misses:
        where = f"rank {r.rank}" if r.rank else f"not in top {DEPTH}"
        print(
            f"- [{r.id}] {where}: {r.question}\n    wanted {r.section}: “{_short(r.evidence)}”"
            f"\n    top-1  {r.top_section}: “{_short(r.top_text)}”"
        )

    print(f"\nScenario agreement: {scen['agreed']}/{len(scen['rows'])} = {scen['agreement']:.3f}")
    for row in (r for r in scen["rows"] if not r["agree"]):
        print(
            f"- [{row['id']}] expected {row['expected']}, got {row['recommended']} "
            f"({', '.join(row['ranking'])})\n    why: {row['why']}"
        )

    print("\nAdvisor refusals (refused = route out_of_scope or covered False)")
    labels = {"out_of_scope": "refused", "not_covered": "refused", "in_scope": "answered"}
    print(
        table(
            ["items", "n", "correct", "accuracy"],
            [
                [f"{name} ({labels[name]})", len(g["rows"]), g["ok"], f"{g['accuracy']:.3f}"]
                for name, g in refusals.items()
            ],
        )
    )
    for name, group in refusals.items():
        for row in (r for r in group["rows"] if not r["ok"]):
            print(
                f"- {name} [{row['id']}] route={row['route']} covered={row['covered']}: "
                f"{row['question']}"
            )


def _as_json(retrieval: dict[str, Any], scen: dict[str, Any], refusals: dict[str, Any]) -> str:
    modes: dict[str, ModeResult] = retrieval["modes"]
    hybrid = modes["hybrid"].summary()
    data: dict[str, Any] = {
        "retrieval": {mode: modes[mode].summary() for mode in (*MODES, RRF_LABEL)},
        "chunks": retrieval["chunks"],
        "targets": {
            m: {"target": t, "value": hybrid[m], "pass": hybrid[m] >= t} for m, t in TARGETS.items()
        },
        "hybrid_misses": [vars(r) for r in modes["hybrid"].results if r.rank != 1],
        "baseline": retrieval["baseline"].summary() if retrieval["baseline"] else None,
        "baseline_note": retrieval["baseline_note"],
        "scenarios": scen,
        "refusals": refusals,
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation in a temporary data dir and print the report; returns 0."""
    parser = argparse.ArgumentParser(prog="python -m tests.eval.run_eval", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    questions, scenarios = load_questions(), load_scenarios()
    with tempfile.TemporaryDirectory(prefix="sourcing-eval-") as tmp:
        data_dir = Path(tmp)
        retrieval = _retrieval(data_dir, questions.questions)
        scen = _scenarios(scenarios)
        refusals = _refusals(data_dir, questions)
    if args.json:
        print(_as_json(retrieval, scen, refusals))
    else:
        _print_report(retrieval, scen, refusals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
