"""Scale benchmark: the knowledge base plus 10, 100 and 1,000 synthetic policy documents.

Per size: full index build, re-index with no change and with one changed document, cold `ask`
(a fresh CLI process; with the knowledge cache `index` leaves, and once without it), warm
`Advisor.ask` p50/p95 and peak RSS, and -- in one interleaved run in one process -- the
LangChain tutorial pipeline (RecursiveCharacterTextSplitter + Chroma + ``as_retriever(k=4)``)
on the same ONNX model, with our/baseline latency ratio.

Sizes: ``BENCH_SCALE_SIZES=10,100`` (default 10,100,1000) or ``--sizes``. Each phase runs in a
child process so that its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.common import REPO, bench_questions, percentile, rss_mb, write_results
from tests.bench.synthetic import document_text, write_documents

DEFAULT_SIZES = (10, 100, 1000)
ASK_QUERIES = 200
WARM_UP = 5
COLD_RUNS = 3
COLD_QUESTION = "How much cheaper is a dedicated offshore team than an onshore team?"
TARGETS = {
    "ask_p95_ms": 30.0,
    "rss_mb": 600.0,
    "cold_ask_s": 2.5,
    "reindex_one_s": 10.0,
    "ratio": 3.0,
}
"""Targets at 1,000 documents (issue 9); the ratio target holds at every size."""


def _settings(root: Path) -> Any:
    from bot.config import Settings

    return Settings(
        data_dir=root / "data", knowledge_dir=root / "knowledge", chroma_url=None, llm="none"
    )


def _quiet() -> None:
    import bot.retrieval  # noqa: F401  (bm25s sets its logger to DEBUG when imported)

    logging.getLogger("bm25s").setLevel(logging.WARNING)


def _index(root: Path) -> dict[str, Any]:
    """Full build, no-op re-index, then re-index after rewriting policy-0000.md."""
    from bot.bootstrap import build_index

    _quiet()
    started = time.perf_counter()
    first = build_index(_settings(root))
    full_s = time.perf_counter() - started
    started = time.perf_counter()
    build_index(_settings(root))
    noop_s = time.perf_counter() - started
    (root / "knowledge" / "policy-0000.md").write_text(document_text(0, revision=1), "utf-8")
    started = time.perf_counter()
    one = build_index(_settings(root))
    one_s = time.perf_counter() - started
    return {
        "documents": first.documents,
        "chunks": first.chunks,
        "full_s": round(full_s, 2),
        "noop_s": round(noop_s, 3),
        "one_changed_s": round(one_s, 2),
        "one_changed": [one.added, one.updated, one.removed, one.unchanged],
        "rss_mb": round(rss_mb(), 1),
    }


def _timed(call: Any, questions: list[str], n: int) -> list[float]:
    samples = []
    for i in range(n):
        started = time.perf_counter()
        call(questions[i % len(questions)])
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _ask(root: Path) -> dict[str, Any]:
    """Warm Advisor.ask latency and the process's peak RSS (ours alone)."""
    from bot import build_advisor

    _quiet()
    advisor = build_advisor(_settings(root))
    questions = bench_questions()
    for q in questions[:WARM_UP]:
        advisor.ask(q)
    samples = _timed(advisor.ask, questions, ASK_QUERIES)
    return {
        "p50_ms": round(percentile(samples, 50), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "rss_mb": round(rss_mb(), 1),
    }


def _baseline(root: Path) -> tuple[Any, float]:
    """The LangChain tutorial retriever over the same markdown files, on our ONNX model."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from bot.retrieval import MiniLMEmbeddingFunction

    class OnnxEmbeddings(Embeddings):
        def __init__(self) -> None:
            self.ef = MiniLMEmbeddingFunction()

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [list(map(float, row)) for row in self.ef.embed(texts)]

        def embed_query(self, text: str) -> list[float]:
            return [float(x) for x in self.ef.embed([text])[0]]

    started = time.perf_counter()
    docs = [
        Document(page_content=path.read_text("utf-8"), metadata={"source": path.name})
        for path in sorted((root / "knowledge").glob("*.md"))
    ]
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=1000, chunk_overlap=200, add_start_index=True
    )
    splits = splitter.split_documents(docs)
    store = Chroma(collection_name="tutorial", embedding_function=OnnxEmbeddings())
    for start in range(0, len(splits), 1000):
        store.add_documents(splits[start : start + 1000])
    return store.as_retriever(search_kwargs={"k": 4}), time.perf_counter() - started


def _compare(root: Path) -> dict[str, Any]:
    """Ours and the tutorial retriever, interleaved query by query in one process."""
    from bot import build_advisor

    _quiet()
    advisor = build_advisor(_settings(root))
    baseline, baseline_index_s = _baseline(root)
    questions = bench_questions()
    for q in questions[:WARM_UP]:
        advisor.ask(q)
        baseline.invoke(q)
    ours: list[float] = []
    theirs: list[float] = []
    for i in range(ASK_QUERIES):
        q = questions[i % len(questions)]
        pair = [(advisor.ask, ours), (baseline.invoke, theirs)]
        for call, samples in pair if i % 2 == 0 else reversed(pair):
            started = time.perf_counter()
            call(q)
            samples.append((time.perf_counter() - started) * 1000)
    ours_p50, theirs_p50 = percentile(ours, 50), percentile(theirs, 50)
    return {
        "ours_p50_ms": round(ours_p50, 2),
        "ours_p95_ms": round(percentile(ours, 95), 2),
        "baseline_p50_ms": round(theirs_p50, 2),
        "baseline_p95_ms": round(percentile(theirs, 95), 2),
        "ratio_p50": round(ours_p50 / theirs_p50, 2),
        "ratio_p95": round(percentile(ours, 95) / percentile(theirs, 95), 2),
        "baseline_index_s": round(baseline_index_s, 2),
    }


PHASES = {"index": _index, "ask": _ask, "compare": _compare}


def _phase(name: str, root: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.bench_scale", "--phase", name, str(root)],
        cwd=REPO,
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        msg = f"scale phase {name} exited {done.returncode}:\n{done.stderr[-2000:]}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _cold_run(env: dict[str, str]) -> tuple[float, int]:
    """One `sourcing-advisor ask` as a fresh process: (wall seconds, peak RSS in KB)."""
    script = Path(sys.executable).with_name("sourcing-advisor")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(script), "ask", COLD_QUESTION],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        msg = f"cold ask failed: {err[-800:]}"
        raise RuntimeError(msg)
    return elapsed, usage.ru_maxrss


def _cold(root: Path) -> dict[str, Any]:
    """Median wall time and peak RSS of `sourcing-advisor ask` as a fresh process (the
    knowledge cache that `index` wrote is current, as in operation), and one run without it
    (the first start after a knowledge or code change)."""
    from bot.derived import CACHE_FILE

    env = {k: v for k, v in os.environ.items() if k != "CHROMA_URL"}
    env.update(
        SOURCING_DATA_DIR=str(root / "data"),
        SOURCING_KNOWLEDGE_DIR=str(root / "knowledge"),
        SOURCING_LLM="none",
    )
    runs = [_cold_run(env) for _ in range(COLD_RUNS)]
    (root / "data" / CACHE_FILE).unlink()
    uncached_s, uncached_kb = _cold_run(env)  # rebuilds and rewrites the cache
    return {
        "median_s": round(statistics.median(t for t, _ in runs), 2),
        "rss_mb": round(max(kb for _, kb in runs) / 1024, 1),
        "uncached_s": round(uncached_s, 2),
        "uncached_rss_mb": round(uncached_kb / 1024, 1),
    }


def run_size(size: int) -> dict[str, Any]:
    """Every measure at one size, each phase in its own process."""
    with tempfile.TemporaryDirectory(prefix=f"sourcing-scale-{size}-") as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "knowledge", root / "knowledge")
        write_documents(root / "knowledge", size)
        print(f"  {size} documents: indexing ...", flush=True)
        index = _phase("index", root)
        print(f"  {size} documents: cold ask, warm ask, comparison ...", flush=True)
        cold = _cold(root)
        ask = _phase("ask", root)
        compare = _phase("compare", root)
    return {"size": size, "index": index, "cold": cold, "ask": ask, "compare": compare}


def sizes(text: str | None) -> tuple[int, ...]:
    """Sizes from "10,100,1000" (None: BENCH_SCALE_SIZES, else DEFAULT_SIZES)."""
    text = text or os.environ.get("BENCH_SCALE_SIZES")
    if not text:
        return DEFAULT_SIZES
    return tuple(int(part) for part in text.split(",") if part.strip())


def main(argv: list[str] | None = None) -> int:
    """Run a phase (child) or every size (parent); write bench-results/scale.json."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_scale")
    parser.add_argument("--phase", choices=sorted(PHASES))
    parser.add_argument("--sizes", help="comma-separated document counts")
    parser.add_argument("root", nargs="?", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.root)))
        return 0
    from tests.bench.scale_report import print_report

    runs = [run_size(size) for size in sizes(args.sizes)]
    print_report(runs, TARGETS)
    path = write_results("scale", {"runs": runs, "targets": TARGETS})
    print(f"\nwrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
