"""Labelled questions: the file's validation, and the index that finds the nearest ones."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from bot.errors import KnowledgeError
from bot.knowledge.labelled import load_labelled
from bot.models import Chunk, LabelledQuestion
from bot.retrieval import labelled as labelled_module
from bot.retrieval.embeddings import MiniLMEmbeddingFunction
from bot.retrieval.labelled import CACHE_FILE, LabelledIndex

COST = Chunk(
    id="doc:cost:0",
    document_id="doc",
    document_title="Doc",
    section_id="cost",
    section="Doc > Cost",
    text=(
        "Outsourcing is usually paid per project. An offshore team costs 20% ~ 60% of an "
        "onshore team, because wages are lower abroad."
    ),
    index_text="Doc > Cost\n...",
    content_hash="a",
)
CONTROL = Chunk(
    id="doc:control:0",
    document_id="doc",
    document_title="Doc",
    section_id="control",
    section="Doc > Control",
    text="Entrusting a vendor means giving up control over the process and its results.",
    index_text="Doc > Control\n...",
    content_hash="b",
)
CHUNKS = (COST, CONTROL)
QUESTIONS = (
    LabelledQuestion(
        id="q-cost",
        question="How much cheaper is a team of our own abroad?",
        quote="An offshore team costs 20% ~ 60% of an  onshore team",
    ),
    LabelledQuestion(
        id="q-control",
        question="Do we lose control if we hand the work to an agency?",
        quote="giving up control over the process",
    ),
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "labelled-questions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_gives_no_labelled_questions(tmp_path: Path) -> None:
    """The file is optional."""
    assert load_labelled(tmp_path / "labelled-questions.yaml", CHUNKS) == ()


def test_the_file_loads_in_order(tmp_path: Path) -> None:
    """Entries keep their order; a quote may differ from the document in whitespace only."""
    path = _write(
        tmp_path,
        "version: 1\nquestions:\n"
        "- id: a\n  question: Do we lose control?\n  quote: giving up   control\n"
        "- id: b\n  question: How much?\n  quote: 20% ~ 60%\n",
    )
    assert [q.id for q in load_labelled(path, CHUNKS)] == ["a", "b"]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        # A quote no document holds names the entry and says what to do.
        ("- id: gone\n  question: Is it cheap?\n  quote: costs nothing at all\n", "'gone'"),
        # Case and typographic characters must match the document.
        ("- id: cased\n  question: Control?\n  quote: Giving up control\n", "'cased'"),
        (
            "- id: a\n  question: x?\n  quote: 20% ~ 60%\n- id: a\n  question: y?\n  quote: 20%\n",
            "duplicate labelled question id 'a'",
        ),
        ("- id: blank\n  question: '  '\n  quote: 20% ~ 60%\n", "questions.0.question"),
        ("- id: extra\n  question: x?\n  quote: 20% ~ 60%\n  answer: yes\n", "answer"),
        ("- id: 'bad id'\n  question: x?\n  quote: 20% ~ 60%\n", "questions.0.id"),
    ],
)
def test_an_invalid_entry_is_refused_naming_it(tmp_path: Path, body: str, named: str) -> None:
    """Start-up stops with one line naming the file and the entry."""
    path = _write(tmp_path, f"version: 1\nquestions:\n{body}")
    with pytest.raises(KnowledgeError) as caught:
        load_labelled(path, CHUNKS)
    assert str(path) in str(caught.value)
    assert named in str(caught.value)


def test_a_quote_not_found_says_to_update_the_entry(tmp_path: Path) -> None:
    """The message tells the operator what to do."""
    path = _write(
        tmp_path, "questions:\n- id: gone\n  question: Is it cheap?\n  quote: costs nothing\n"
    )
    with pytest.raises(KnowledgeError, match="update or delete the entry"):
        load_labelled(path, CHUNKS)


def test_invalid_yaml_is_refused(tmp_path: Path) -> None:
    """Broken YAML names the file, without a traceback's worth of text."""
    path = _write(tmp_path, "questions: [\n")
    with pytest.raises(KnowledgeError, match="invalid YAML"):
        load_labelled(path, CHUNKS)


@pytest.fixture(scope="module")
def ef() -> MiniLMEmbeddingFunction:
    """The real embedding model, loaded once."""
    function = MiniLMEmbeddingFunction()
    function.load()
    return function


def test_a_paraphrase_finds_the_labelled_question_and_its_sentence(
    ef: MiniLMEmbeddingFunction,
) -> None:
    """'what does an own team overseas cost?' is nearest the cost question, whose quote is
    the second sentence (unit 1) of the cost chunk; the other question is further."""
    index = LabelledIndex.build(QUESTIONS, CHUNKS, ef.embed, model="minilm")
    hits = index.nearest(ef.embed(["what does an own team overseas cost compared to here?"])[0])
    assert [(h.id, h.chunk_id, h.unit) for h in hits[:1]] == [("q-cost", "doc:cost:0", 1)]
    assert all(h.similarity >= 0.5 for h in hits)
    assert hits == sorted(hits, key=lambda h: -h.similarity)


def test_an_unrelated_query_reaches_no_labelled_question(ef: MiniLMEmbeddingFunction) -> None:
    """Below the similarity floor nothing votes."""
    index = LabelledIndex.build(QUESTIONS, CHUNKS, ef.embed, model="minilm")
    assert index.nearest(ef.embed(["Two cups of flour and a pinch of salt."])[0]) == []


def test_votes_give_each_chunk_and_sentence_its_best_similarity(
    ef: MiniLMEmbeddingFunction,
) -> None:
    """What the retriever fuses: per chunk and per unit, the nearest labelled question's
    similarity."""
    index = LabelledIndex.build(QUESTIONS, CHUNKS, ef.embed, model="minilm")
    vector = ef.embed(["Do we lose control if we outsource to an agency?"])[0]
    chunks, units = index.votes(vector)
    best = index.nearest(vector)[0]
    assert best.id == "q-control"
    assert chunks[CONTROL.id] == pytest.approx(best.similarity)
    assert units[CONTROL.id] == {0: pytest.approx(best.similarity)}


def test_without_leaves_the_named_questions_out(ef: MiniLMEmbeddingFunction) -> None:
    """How leave-one-writer-out measures are taken."""
    index = LabelledIndex.build(QUESTIONS, CHUNKS, ef.embed, model="minilm")
    rest = index.without(["q-cost"])
    assert rest.ids == ("q-control",)
    assert len(index) == 2
    vector = ef.embed(["How much cheaper is a team of our own abroad?"])[0]
    assert all(h.id != "q-cost" for h in rest.nearest(vector, floor=-1.0))
    assert index.without(["q-cost", "q-control"]).nearest(vector, floor=-1.0) == []


class _Counting:
    """The real model's embed, counting its calls."""

    def __init__(self, ef: MiniLMEmbeddingFunction) -> None:
        self.ef = ef
        self.calls = 0

    def __call__(self, texts: list[str]) -> npt.NDArray[np.float32]:
        self.calls += 1
        return self.ef.embed(texts)


def test_vectors_are_cached_in_the_data_dir(
    ef: MiniLMEmbeddingFunction, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A second start reads the vectors; another model or another text embeds again; a
    corrupt file is ignored with a warning and rewritten. (Each build starts as a new process
    would: with the in-memory copies forgotten.)"""
    embed = _Counting(ef)
    labelled_module._memo.clear()
    first = LabelledIndex.build(QUESTIONS, CHUNKS, embed, model="m1", cache_dir=tmp_path)
    assert embed.calls == 1
    assert (tmp_path / CACHE_FILE).is_file()
    labelled_module._memo.clear()
    LabelledIndex.build(QUESTIONS, CHUNKS, embed, model="m1", cache_dir=tmp_path)
    assert embed.calls == 1
    LabelledIndex.build(QUESTIONS, CHUNKS, embed, model="m2", cache_dir=tmp_path)
    assert embed.calls == 2
    edited = (QUESTIONS[0].model_copy(update={"question": "What does it cost?"}), QUESTIONS[1])
    LabelledIndex.build(edited, CHUNKS, embed, model="m2", cache_dir=tmp_path)
    assert embed.calls == 3
    (tmp_path / CACHE_FILE).write_bytes(b"not a zip")
    labelled_module._memo.clear()
    with caplog.at_level(logging.WARNING, logger="bot.retrieval.labelled"):
        again = LabelledIndex.build(QUESTIONS, CHUNKS, embed, model="m1", cache_dir=tmp_path)
    assert embed.calls == 4
    assert "ignoring the labelled questions' cache" in caplog.text
    vector = ef.embed(["How much cheaper is our own team abroad?"])[0]
    assert again.nearest(vector) == first.nearest(vector)


def test_an_unwritable_data_dir_costs_only_the_time(
    ef: MiniLMEmbeddingFunction, tmp_path: Path
) -> None:
    """A file where the data dir should be: the index is still built."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file", encoding="utf-8")
    index = LabelledIndex.build(QUESTIONS, CHUNKS, ef.embed, model="m", cache_dir=blocked)
    assert len(index) == 2


def test_a_process_embeds_the_same_questions_once(
    ef: MiniLMEmbeddingFunction, tmp_path: Path
) -> None:
    """A second build in the same process (another data dir) reuses the vectors and still
    writes its own cache file."""
    embed = _Counting(ef)
    labelled_module._memo.clear()
    LabelledIndex.build(QUESTIONS, CHUNKS, embed, model="memo", cache_dir=tmp_path / "one")
    LabelledIndex.build(QUESTIONS, CHUNKS, embed, model="memo", cache_dir=tmp_path / "two")
    assert embed.calls == 1
    assert (tmp_path / "two" / CACHE_FILE).is_file()
