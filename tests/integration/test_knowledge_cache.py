"""The knowledge cache in the data dir: same answers as a fresh build, rebuilt when stale or bad."""

from __future__ import annotations

import io
import logging
import pickle
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from bot import build_advisor
from bot.bootstrap import build_index
from bot.config import Settings
from bot.derived import CACHE_FILE, Derived, load_derived

REPO = Path(__file__).resolve().parents[2]
QUESTIONS = (
    "How much cheaper is a dedicated offshore team than an onshore team?",
    "Should we outsource our core payment platform?",
    "We're a bank with a 6-month mobile app, not core. What should we do?",
    "What are the risks of offshoring?",
    "Write me a poem about the sea",
    "hello",
)


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", target)
    return target


def _same(a: Derived, b: Derived) -> None:
    """Assert two loads hold the same knowledge, lexicon and BM25 index."""
    assert a.knowledge == b.knowledge
    assert (a.lexicon.known, a.lexicon.idf, a.lexicon.max_idf) == (
        b.lexicon.known,
        b.lexicon.idf,
        b.lexicon.max_idf,
    )
    assert list(a.lexicon.idf) == list(b.lexicon.idf)
    sa, sb = a.bm25.state, b.bm25.state
    assert sa is not None
    assert sb is not None
    assert dict(sa.vocab) == dict(sb.vocab)
    for name in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(sa, name), getattr(sb, name))


def test_answers_from_the_cache_are_identical_to_a_fresh_build(
    knowledge_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A second process-like start reads the cache and answers byte for byte as the first."""
    settings = Settings(knowledge_dir=knowledge_dir, data_dir=tmp_path / "data", llm="none")
    caplog.set_level(logging.INFO, logger="bot.derived")
    fresh = build_advisor(settings)
    assert (tmp_path / "data" / CACHE_FILE).is_file()
    assert "knowledge loaded from the cache" not in caplog.text
    caplog.clear()
    cached = build_advisor(settings)
    assert "knowledge loaded from the cache" in caplog.text
    for question in QUESTIONS:
        assert cached.ask(question).model_dump_json() == fresh.ask(question).model_dump_json()
    assert cached.search("offshore team cost", k=5) == fresh.search("offshore team cost", k=5)


def test_a_cached_load_equals_a_fresh_one(knowledge_dir: Path, tmp_path: Path) -> None:
    """load_derived builds and writes once, then reads back exactly what it built."""
    cache_file = tmp_path / "data" / CACHE_FILE
    built = load_derived(knowledge_dir, cache_file=cache_file)
    read = load_derived(knowledge_dir, cache_file=cache_file)
    assert (built.cached, read.cached) == (False, True)
    _same(built, read)
    uncached = load_derived(knowledge_dir, cache_file=None)
    assert uncached.cached is False
    _same(uncached, read)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip_a_score_byte(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("bm25_data.npy")
    raw = bytearray(path.read_bytes())
    raw[member.header_offset + 30 + len(member.filename) + 200] ^= 0xFF
    path.write_bytes(bytes(raw))


def _a_pickle(path: Path) -> None:
    """A pickle in place of the archive: never unpickled (it could run code)."""
    path.write_bytes(pickle.dumps({"meta.json": "anything"}))


def _rewrite(path: Path, name: str, data: bytes) -> None:
    """Replace one member of the archive, keeping the others (and the key) as they are."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[name] = data
    with zipfile.ZipFile(path, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)


def _bad_shapes(path: Path) -> None:
    """A well-formed archive with the right key whose BM25 offsets are wrong."""
    with zipfile.ZipFile(path) as archive, archive.open("bm25_indptr.npy") as member:
        indptr = np.lib.format.read_array(member, allow_pickle=False)
    out = io.BytesIO()
    np.lib.format.write_array(out, indptr[:-3], allow_pickle=False)
    _rewrite(path, "bm25_indptr.npy", out.getvalue())


def _bad_json(path: Path) -> None:
    """A well-formed archive with the right key whose knowledge does not validate."""
    _rewrite(path, "knowledge.json", b'{"documents": 3}')


def _object_array(path: Path) -> None:
    """An array member that would need unpickling: refused, never loaded."""
    out = io.BytesIO()
    np.lib.format.write_array(out, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    _rewrite(path, "bm25_data.npy", out.getvalue())


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_truncate, "BadZipFile"),
        (_flip_a_score_byte, "BadZipFile: Bad CRC-32 for file 'bm25_data.npy'"),
        (_a_pickle, "BadZipFile: File is not a zip file"),
        (_object_array, "ValueError: Object arrays cannot be loaded when allow_pickle=False"),
        (_bad_shapes, "RetrievalError: invalid saved BM25 index: its term offsets"),
        (_bad_json, "ValidationError"),
    ],
)
def test_a_damaged_cache_is_rebuilt_not_trusted(
    damage: object,
    reason: str,
    knowledge_dir: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A truncated, corrupted or inconsistent cache is ignored with a warning and rewritten."""
    cache_file = tmp_path / "data" / CACHE_FILE
    built = load_derived(knowledge_dir, cache_file=cache_file)
    damage(cache_file)  # type: ignore[operator]
    caplog.set_level(logging.INFO, logger="bot.derived")
    rebuilt = load_derived(knowledge_dir, cache_file=cache_file)
    assert rebuilt.cached is False
    _same(built, rebuilt)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"ignoring the knowledge cache {cache_file} (")
    assert reason in warnings[0]
    assert warnings[0].endswith("): rebuilding it")
    again = load_derived(knowledge_dir, cache_file=cache_file)
    assert again.cached is True
    _same(built, again)


def test_a_changed_knowledge_file_invalidates_the_cache(
    knowledge_dir: Path, tmp_path: Path
) -> None:
    """Editing, adding or removing a file rebuilds; touching one without a change does not."""
    cache_file = tmp_path / "data" / CACHE_FILE
    load_derived(knowledge_dir, cache_file=cache_file)
    article = knowledge_dir / "outsourcing-vs-offshoring.md"
    article.touch()
    assert load_derived(knowledge_dir, cache_file=cache_file).cached is True

    article.write_text(
        article.read_text("utf-8") + "\nA zebra-striped vendor audit happens every spring.\n",
        "utf-8",
    )
    edited = load_derived(knowledge_dir, cache_file=cache_file)
    assert edited.cached is False
    assert "zebra" in edited.lexicon.known
    assert edited.bm25.search("zebra", 1)[0][0].startswith("outsourcing-vs-offshoring:")
    assert load_derived(knowledge_dir, cache_file=cache_file).cached is True

    (knowledge_dir / "extra.md").write_text("# Extra\n\nGiraffe budgets are reviewed monthly.\n")
    added = load_derived(knowledge_dir, cache_file=cache_file)
    assert added.cached is False
    assert [cid for cid, _ in added.bm25.search("giraffe", 5)] == ["extra:extra:0"]

    (knowledge_dir / "extra.md").unlink()
    removed = load_derived(knowledge_dir, cache_file=cache_file)
    assert removed.cached is False
    assert removed.bm25.search("giraffe", 5) == []


def test_an_unwritable_data_dir_only_costs_time(
    knowledge_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """When the cache cannot be written the knowledge still loads, with one warning."""
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data dir should be")
    caplog.set_level(logging.WARNING, logger="bot.derived")
    first = load_derived(knowledge_dir, cache_file=blocker / CACHE_FILE)
    second = load_derived(knowledge_dir, cache_file=blocker / CACHE_FILE)
    assert (first.cached, second.cached) == (False, False)
    _same(first, second)
    assert [r.getMessage() for r in caplog.records] == [
        f"cannot write the knowledge cache {blocker / CACHE_FILE} (File exists)",
    ] * 2


def test_index_writes_the_cache_that_ask_then_reads(knowledge_dir: Path, tmp_path: Path) -> None:
    """`sourcing-advisor index` leaves a current cache, so the next start skips parsing."""
    settings = Settings(knowledge_dir=knowledge_dir, data_dir=tmp_path / "data", llm="none")
    build_index(settings)
    cache_file = tmp_path / "data" / CACHE_FILE
    assert load_derived(knowledge_dir, cache_file=cache_file).cached is True
