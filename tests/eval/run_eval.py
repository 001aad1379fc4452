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
from typing import TYPE_CHECKING, Any, cast

from tests.bench.common import table
from tests.eval.answers import SplitResult, evaluate_answers
from tests.eval.data import (
    HELDOUT_FILE,
    QUESTIONS_FILE,
    EvalQuestion,
    QuestionSet,
    ScenarioSet,
    load_questions,
    load_scenarios,
    normalize,
    writer,
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

if TYPE_CHECKING:
    from bot.advisor.service import Advisor
    from bot.retrieval import HybridRetriever

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE_DIR = REPO / "knowledge"
RAW_ARTICLE = REPO.parent / "shared" / "source" / "outsourcing-vs-offshoring.txt"
MODES: tuple[SearchMode, ...] = ("bm25", "dense", "hybrid")
RRF_LABEL = "hybrid-rrf"
"""Hybrid mode with reciprocal rank fusion (k=60) instead of the default weighted fusion."""
COLLECTION = "eval-structured"
BASELINE_COLLECTION = "eval-raw-baseline"


def _leave_writer_out(
    retriever: HybridRetriever, questions: Sequence[EvalQuestion], mode: SearchMode, *, dev: bool
) -> ModeResult:
    """``evaluate_mode``; on the dev split (whose questions are the labelled questions), each
    writer's questions are searched without that writer's labelled questions."""
    labelled = retriever.labelled
    if not dev or labelled is None:
        return evaluate_mode(retriever, questions, mode)
    results: dict[str, Any] = {}
    for name in dict.fromkeys(writer(q.id) for q in questions):
        own = [q for q in questions if writer(q.id) == name]
        others = retriever.with_labelled(
            labelled.without(i for i in labelled.ids if writer(i) == name)
        )
        for row in evaluate_mode(others, own, mode).results:
            results[row.id] = row
    return ModeResult(mode=mode, results=[results[q.id] for q in questions])


def _retrieval(
    data_dir: Path, questions: Sequence[EvalQuestion], *, baseline: bool
) -> dict[str, Any]:
    """Structured chunks (and the raw baseline) through the real retriever, per mode; hybrid
    modes with the labelled questions (leave-one-writer-out on dev)."""
    from bot.knowledge import load_knowledge
    from bot.retrieval import build_retriever
    from bot.retrieval.labelled import labelled_index

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG when imported
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    started = time.perf_counter()
    retriever, _ = build_retriever(
        chunks=knowledge.chunks, persist_dir=data_dir / "chroma", url=None, collection=COLLECTION
    )
    build_s = time.perf_counter() - started
    labelled = labelled_index(
        knowledge.labelled,
        knowledge.chunks,
        retriever.store.embedding_function,
        cache_dir=data_dir,
    )
    retriever = retriever.with_labelled(labelled)
    modes: dict[str, ModeResult] = {
        mode: _leave_writer_out(retriever, questions, mode, dev=baseline) for mode in MODES
    }
    # The same collection and BM25 side, fused by reciprocal rank fusion instead (nothing to embed).
    rrf, _ = build_retriever(
        chunks=knowledge.chunks,
        persist_dir=data_dir / "chroma",
        url=None,
        collection=COLLECTION,
        fusion="rrf",
    )
    modes[RRF_LABEL] = _relabel(
        _leave_writer_out(rrf.with_labelled(labelled), questions, "hybrid", dev=baseline),
        RRF_LABEL,
    )
    out: dict[str, Any] = {
        "chunks": len(knowledge.chunks),
        "index_build_s": round(build_s, 2),
        "modes": modes,
        "baseline": None,
        "baseline_note": "",
    }
    if not baseline:
        return out
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
    in_text = sum(1 for q in questions if any(normalize(e) in raw_text for e in q.evidence))
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


def _answers(data_dir: Path, splits: Sequence[QuestionSet]) -> dict[str, SplitResult]:
    """Ask the real advisor (deterministic composer) every item of each split."""
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
    retriever = cast("HybridRetriever", advisor.retriever)
    labelled = retriever.labelled
    by_writer: dict[str, Advisor] = {}

    def leave_writer_out(item_id: str) -> Advisor:
        name = writer(item_id)
        if labelled is None:
            return advisor
        if name not in by_writer:
            others = labelled.without(i for i in labelled.ids if writer(i) == name)
            by_writer[name] = advisor.with_retriever(retriever.with_labelled(others))
        return by_writer[name]

    return {
        split.split: evaluate_answers(
            advisor, split, advisor_for=leave_writer_out if split.split == "dev" else None
        )
        for split in splits
    }


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


ANSWER_TARGETS: dict[str, tuple[str, float]] = {
    "direct_evidence_rate": (">=", 0.80),
    "answer_evidence_rate": (">=", 0.92),
}
"""Issue 6's targets, judged on the held-out split."""


def _retrieval_rows(name: str, retrieval: dict[str, Any]) -> list[list[object]]:
    modes: dict[str, ModeResult] = retrieval["modes"]
    rows = [_metric_row(f"{name}: {mode}", modes[mode]) for mode in (*MODES, RRF_LABEL)]
    if retrieval.get("baseline") is not None:
        rows.append(_metric_row(f"{name}: raw-500 hybrid (baseline)", retrieval["baseline"]))
    return rows


def _print_report(
    retrievals: dict[str, dict[str, Any]],
    scen: dict[str, Any],
    answers: dict[str, SplitResult],
    *,
    verbose: bool,
) -> None:
    dev = retrievals["dev"]
    print(
        f"Retrieval ({dev['chunks']} structured chunks, index built in {dev['index_build_s']} s); "
        "dev is tuned on, heldout never. Hybrid modes and answers use the labelled questions "
        "(knowledge/labelled-questions.yaml, the dev split's): each dev writer's questions are "
        "asked without that writer's (leave-one-writer-out)"
    )
    rows = [row for name, r in retrievals.items() for row in _retrieval_rows(name, r)]
    print(table(["split: mode", "n", "hit@1", "hit@3", "hit@5", f"MRR@{DEPTH}"], rows))
    if dev["baseline_note"]:
        print(f"baseline: {dev['baseline_note']}")
    hybrid = {name: r["modes"]["hybrid"].summary() for name, r in retrievals.items()}
    gap = hybrid["dev"]["hit@3"] - hybrid["heldout"]["hit@3"]
    print(f"hit@3 gap dev - heldout = {gap:+.3f} (target <= 0.05)")

    print("\nAnswers (deterministic composer), per split")
    summaries = {name: r.summary() for name, r in answers.items()}
    keys = list(summaries["dev"])
    print(table(["measure", *summaries], [[k, *(s[k] for s in summaries.values())] for k in keys]))
    held = summaries["heldout"]
    for metric, (_, target) in ANSWER_TARGETS.items():
        verdict = "PASS" if held[metric] >= target else "FAIL"
        print(f"{verdict}  heldout {metric} = {held[metric]:.3f} (target >= {target:.2f})")

    print(f"\nScenario agreement: {scen['agreed']}/{len(scen['rows'])} = {scen['agreement']:.3f}")
    for row in (r for r in scen["rows"] if not r["agree"]):
        print(
            f"- [{row['id']}] expected {row['expected']}, got {row['recommended']} "
            f"({', '.join(row['ranking'])})\n    why: {row['why']}"
        )
    if not verbose:
        print("\n(--verbose lists the dev split's misses; the held-out split's are never listed)")
        return
    result = answers["dev"]
    print("\nDev misses (direct answer without the evidence):")
    for r in (r for r in result.rows if not r.direct_hit):
        flag = "REFUSED " if r.refused else ""
        print(f"- [{r.id}] ({r.kind}) {flag}{r.question}\n    direct: {_short(r.direct, 160)}")
    for name, rows in result.refusal_groups.items():
        for item_id, question, ok in rows:
            if not ok:
                print(f"- {name} [{item_id}] wrong: {question}")
    for item_id, variant, ok in result.markup:
        if not ok:
            print(f"- markup [{item_id}] {variant} changes the outcome")
    for item_id, leak in result.leaks:
        print(f"- leak [{item_id}] {leak!r}")


def _as_json(
    retrievals: dict[str, dict[str, Any]], scen: dict[str, Any], answers: dict[str, SplitResult]
) -> str:
    data: dict[str, Any] = {
        name: {
            "retrieval": {m: r["modes"][m].summary() for m in (*MODES, RRF_LABEL)},
            "answers": answers[name].summary(),
        }
        for name, r in retrievals.items()
    }
    data["scenarios"] = {k: v for k, v in scen.items() if k != "rows"}
    return json.dumps(data, indent=2, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation in a temporary data dir and print the report; returns 0."""
    parser = argparse.ArgumentParser(prog="python -m tests.eval.run_eval", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--verbose", action="store_true", help="list the dev split's misses")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    splits = (load_questions(QUESTIONS_FILE), load_questions(HELDOUT_FILE))
    scenarios = load_scenarios()
    with tempfile.TemporaryDirectory(prefix="sourcing-eval-") as tmp:
        data_dir = Path(tmp)
        retrievals = {
            split.split: _retrieval(data_dir, split.questions, baseline=split.split == "dev")
            for split in splits
        }
        scen = _scenarios(scenarios)
        answers = _answers(data_dir, splits)
    if args.json:
        print(_as_json(retrievals, scen, answers))
    else:
        _print_report(retrievals, scen, answers, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
