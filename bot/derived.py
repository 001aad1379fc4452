"""What start-up derives from the knowledge folder, cached in the data dir between processes.

Parsing every document, the lexicon's pass over every sentence and the BM25 matrix cost about
2 s at 1,000 policy documents on every fresh process (each CLI call, each server start) although
they change only when the knowledge folder does. They are saved in one file,
``SOURCING_DATA_DIR/knowledge-cache.zip``, keyed by a sha256 over:

- every file directly in the knowledge folder (names and bytes: reading and hashing all 1,000
  documents costs about 20 ms, so no stat-based shortcut that a same-size edit could fool),
  and the folder's path (documents record it);
- the source of the code that produces the derived data (the knowledge loader, the models, the
  tokeniser, the lexicon, BM25 and this module): an edit there invalidates the cache without
  anyone remembering to bump a version; and the versions of the libraries that shape it
  (bm25s, numpy, pydantic, PyYAML, snowballstemmer), plus `SCHEMA` for the file's layout.

The file is a zip archive (stored, each member CRC-checked on read) of JSON and ``.npy``
members, the layout of numpy's ``.npz``: the knowledge base and the lexicon statistics as JSON
validated by their pydantic types on load, and the BM25 score matrix as arrays read with
``allow_pickle=False`` and checked for shape. Nothing in it is unpickled, so nothing in it can
run code. It is written to a temporary file and moved into place with ``os.replace``, so readers
never see half a file. A missing, unreadable, corrupt (zip CRC, JSON, types, shapes) or
mismatched file is ignored and rebuilt; a data dir that cannot be written only costs the time
saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np
from pydantic import TypeAdapter

from bot.advisor.lexicon import Lexicon, LexiconStats
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.retrieval.bm25 import BM25Index, BM25State

logger = logging.getLogger(__name__)

CACHE_FILE = "knowledge-cache.zip"
"""The cache's file name in the data dir."""
SCHEMA = 1
"""The file's layout; bump it when what is saved changes shape."""

_BOT = Path(__file__).resolve().parent
_PRODUCERS = (
    "knowledge/*.py",
    "models/*.py",
    "text.py",
    "advisor/lexicon.py",
    "retrieval/bm25.py",
    "derived.py",
)
_LIBRARIES = ("bm25s", "numpy", "pydantic", "pydantic-core", "PyYAML", "snowballstemmer")


@dataclass(frozen=True, slots=True)
class Derived:
    """The knowledge base and what is computed from it for answering.

    Attributes:
        knowledge: The loaded, validated knowledge base.
        lexicon: The vocabulary compiled against its chunks.
        bm25: The BM25 index of its chunks.
        cached: Whether it was read from the cache (else built, and the cache written).
    """

    knowledge: KnowledgeBase
    lexicon: Lexicon
    bm25: BM25Index
    cached: bool


@cache
def _knowledge_type() -> TypeAdapter[KnowledgeBase]:
    return TypeAdapter(KnowledgeBase)


@cache
def _vocab_type() -> TypeAdapter[dict[str, int]]:
    return TypeAdapter(dict[str, int])


@cache
def _code_fingerprint() -> bytes:
    """sha256 of the producing code's source and the libraries' versions."""
    digest = hashlib.sha256(f"schema {SCHEMA}\0".encode())
    for pattern in _PRODUCERS:
        for path in sorted(_BOT.glob(pattern)):
            source = path.read_bytes()
            digest.update(f"{path.relative_to(_BOT)}\0{len(source)}\0".encode())
            digest.update(source)
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\0".encode())
    return digest.digest()


def cache_key(knowledge_dir: Path) -> str:
    """The key of the derived data of a knowledge folder with the running code.

    Args:
        knowledge_dir: The knowledge folder.

    Returns:
        A sha256 hex digest over the folder's path, every file directly in it (name and
        bytes) and the code fingerprint (see the module docstring).

    Raises:
        OSError: If the folder or a file in it cannot be read.
    """
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(f"{knowledge_dir}\0".encode())
    for path in sorted(knowledge_dir.iterdir(), key=lambda p: p.name):
        if not path.is_file():
            continue
        data = path.read_bytes()
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def load_derived(knowledge_dir: Path, *, cache_file: Path | None) -> Derived:
    """Load the knowledge base, its lexicon and BM25 index: from the cache when it was made
    from these very files by this code, else built (and the cache written).

    Args:
        knowledge_dir: The knowledge folder.
        cache_file: Where the cache lives (in the data dir); None to neither read nor write one.

    Returns:
        The derived data; identical either way.

    Raises:
        KnowledgeError: A document, the policy or the vocabulary is missing or invalid
            (only when building: a cached knowledge base was valid when it was saved).
    """
    key = _key(knowledge_dir) if cache_file is not None else None
    if cache_file is not None and key is not None:
        cached = _read(cache_file, key)
        if cached is not None:
            logger.info("knowledge loaded from the cache %s", cache_file)
            return cached
    knowledge = load_knowledge(knowledge_dir)
    derived = Derived(
        knowledge=knowledge,
        lexicon=Lexicon.build(knowledge.vocabulary, knowledge.chunks),
        bm25=BM25Index(knowledge.chunks),
        cached=False,
    )
    # Written only if no file changed while it was read: the key must describe the content.
    if cache_file is not None and key is not None and _key(knowledge_dir) == key:
        _write(cache_file, key, derived)
    return derived


def _key(knowledge_dir: Path) -> str | None:
    try:
        return cache_key(knowledge_dir)
    except OSError:
        return None  # load_knowledge reports the unreadable folder or file


_ARRAYS = ("bm25_data", "bm25_indices", "bm25_indptr")


def _array(archive: zipfile.ZipFile, name: str) -> np.ndarray:
    with archive.open(f"{name}.npy") as member:
        array: np.ndarray = np.lib.format.read_array(member, allow_pickle=False)
    return array


def _read(cache_file: Path, key: str) -> Derived | None:
    """The cached data if the file holds `key` and is intact; None otherwise (logged)."""
    try:
        with zipfile.ZipFile(cache_file) as archive:
            meta = json.loads(archive.read("meta.json"))
            if meta.get("schema") != SCHEMA or meta.get("key") != key:
                logger.info("knowledge cache %s is out of date: rebuilding it", cache_file)
                return None
            knowledge = _knowledge_type().validate_json(archive.read("knowledge.json"))
            stats = LexiconStats.model_validate_json(archive.read("lexicon.json"))
            state = BM25State(
                vocab=_vocab_type().validate_json(archive.read("bm25_vocab.json")),
                data=_array(archive, "bm25_data"),
                indices=_array(archive, "bm25_indices"),
                indptr=_array(archive, "bm25_indptr"),
                num_docs=int(meta["bm25_docs"]),
            )
        return Derived(
            knowledge=knowledge,
            lexicon=Lexicon.build(knowledge.vocabulary, knowledge.chunks, stats=stats),
            bm25=BM25Index(knowledge.chunks, state=state),
            cached=True,
        )
    except (FileNotFoundError, NotADirectoryError):
        return None  # no cache yet
    except Exception as exc:  # untrusted bytes: any failure to read them means "rebuild"
        logger.warning(
            "ignoring the knowledge cache %s (%s: %s): rebuilding it",
            cache_file,
            type(exc).__name__,
            exc,
        )
        return None


def _write(cache_file: Path, key: str, derived: Derived) -> None:
    """Save `derived` under `key` atomically; a failure is logged, never raised."""
    state = derived.bm25.state
    if state is None:
        return  # no chunks: nothing worth saving
    meta = {"schema": SCHEMA, "key": key, "bm25_docs": state.num_docs}
    texts = {
        "meta.json": json.dumps(meta).encode(),
        "knowledge.json": _knowledge_type().dump_json(derived.knowledge),
        "lexicon.json": derived.lexicon.stats.model_dump_json().encode(),
        "bm25_vocab.json": _vocab_type().dump_json(dict(state.vocab)),
    }
    arrays = {"bm25_data": state.data, "bm25_indices": state.indices, "bm25_indptr": state.indptr}
    tmp: str | None = None
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{cache_file.name}.", dir=cache_file.parent)
        with os.fdopen(fd, "wb") as out:
            with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
                for name, text in texts.items():
                    archive.writestr(name, text)
                for name, array in arrays.items():
                    with archive.open(f"{name}.npy", "w", force_zip64=True) as member:
                        np.lib.format.write_array(member, array, allow_pickle=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, cache_file)
        tmp = None
        logger.info("knowledge cache written to %s", cache_file)
    except OSError as exc:
        logger.warning("cannot write the knowledge cache %s (%s)", cache_file, exc.strerror or exc)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
