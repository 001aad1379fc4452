"""Loading knowledge/onboarding.yaml: structure, check questions and verbatim quotes."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.errors import KnowledgeError
from bot.knowledge import load_documents
from bot.knowledge.onboarding import load_onboarding
from bot.models import Document, Onboarding

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
ONBOARDING = KNOWLEDGE_DIR / "onboarding.yaml"
ARTICLE = "outsourcing-vs-offshoring"


@pytest.fixture(scope="module")
def documents() -> tuple[Document, ...]:
    """The real knowledge documents, loaded once for this module."""
    return load_documents(KNOWLEDGE_DIR)


@pytest.fixture(scope="module")
def onboarding(documents: tuple[Document, ...]) -> Onboarding:
    """The real onboarding file, loaded and validated."""
    return load_onboarding(ONBOARDING, documents)


@pytest.fixture
def raw() -> dict[str, Any]:
    """The real onboarding file as plain YAML data, to be broken by a test."""
    return copy.deepcopy(yaml.safe_load(ONBOARDING.read_text(encoding="utf-8")))


def _load(tmp_path: Path, data: dict[str, Any], documents: tuple[Document, ...]) -> Onboarding:
    path = tmp_path / "onboarding.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_onboarding(path, documents)


def _step(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    return next(s for s in data["steps"] if s["id"] == step_id)


def test_real_file_has_five_steps_and_four_check_questions(onboarding: Onboarding) -> None:
    """The shipped walkthrough has five steps in order, four of them with a check question."""
    assert [s.id for s in onboarding.steps] == [
        "strategies",
        "hard-rules",
        "investment",
        "costs",
        "evaluate",
    ]
    assert [s.id for s in onboarding.steps if s.check is not None] == [
        "strategies",
        "hard-rules",
        "investment",
        "costs",
    ]


def test_every_correct_option_is_one_of_the_options(onboarding: Onboarding) -> None:
    """Each check question's correct id names one of its own options."""
    for step in onboarding.steps:
        if step.check is not None:
            assert step.check.correct in [o.id for o in step.check.options]


def test_costs_step_states_the_article_numbers_exactly(onboarding: Onboarding) -> None:
    """The costs step gives 100%, 30% ~ 70%, 20% ~ 60% and says onshore outsourcing has none."""
    body = next(s for s in onboarding.steps if s.id == "costs").body
    assert "onshore team at 100% (the default)" in body
    assert "Outsourcing costs 30% ~ 70%" in body
    assert "outsourcing margins" in body
    assert "A dedicated offshore team costs 20% ~ 60%" in body
    assert "Onshore outsourcing has no figure in the table." in body
    assert "per head" in body
    for number in re.findall(r"\d+%", body):
        assert number in {"100%", "30%", "70%", "20%", "60%"}


def test_quotes_get_their_section_label(onboarding: Onboarding) -> None:
    """The loader sets section_path to the citation label (no document title) of each quote."""
    costs = next(s for s in onboarding.steps if s.id == "costs")
    assert costs.citations[0].section_path == "Model Comparison"
    assert costs.check is not None
    assert costs.check.citation.quote == "20% ~ 60% – Lower wage country"


def test_documents_may_be_given_as_a_mapping(documents: tuple[Document, ...]) -> None:
    """A dict of documents keyed by id loads the same content as the sequence."""
    by_id = {d.id: d for d in documents}
    assert load_onboarding(ONBOARDING, by_id) == load_onboarding(ONBOARDING, documents)


def test_quote_not_in_section_names_step_and_quote(
    tmp_path: Path, raw: dict[str, Any], documents: tuple[Document, ...]
) -> None:
    """A quote in the article but not in the named section is rejected, naming where it is."""
    _step(raw, "costs")["citations"][0]["section"] = "why-outsourcing"
    with pytest.raises(KnowledgeError) as info:
        _load(tmp_path, raw, documents)
    assert str(info.value) == (
        f'{tmp_path / "onboarding.yaml"}: step "costs": citation 1: quote not found verbatim in '
        f'{ARTICLE}#why-outsourcing: "30% ~ 70% – Lower wage country; Outsourcing margins" '
        f"(it occurs in {ARTICLE}#model-comparison)"
    )


def test_reworded_check_quote_is_rejected(
    tmp_path: Path, raw: dict[str, Any], documents: tuple[Document, ...]
) -> None:
    """A check question's citation must also be verbatim (a straight apostrophe is not ’)."""
    check = _step(raw, "strategies")["check"]
    check["citation"] = {
        "document": ARTICLE,
        "section": "strategy-matrix",
        "quote": "refers to a company's operations outside their home country",
    }
    with pytest.raises(KnowledgeError, match=r'step "strategies": check question citation: quote'):
        _load(tmp_path, raw, documents)


def test_whitespace_differences_in_quotes_are_accepted(
    tmp_path: Path, raw: dict[str, Any], documents: tuple[Document, ...]
) -> None:
    """Runs of whitespace and line breaks in a quote still match the section text."""
    _step(raw, "costs")["citations"][1]["quote"] = "20%   ~ 60%\n– Lower wage country"
    loaded = _load(tmp_path, raw, documents)
    assert loaded.steps[3].citations[1].quote == "20%   ~ 60%\n– Lower wage country"


def test_unknown_document_and_section_are_named(
    tmp_path: Path, raw: dict[str, Any], documents: tuple[Document, ...]
) -> None:
    """An unknown document id or section id is reported with the step that uses it."""
    _step(raw, "evaluate")["citations"][0]["section"] = "no-such-section"
    with pytest.raises(
        KnowledgeError,
        match=r'step "evaluate": citation 1: unknown section '
        r'"outsourcing-vs-offshoring#no-such-section"$',
    ):
        _load(tmp_path, raw, documents)
    _step(raw, "evaluate")["citations"][0]["document"] = "missing-doc"
    with pytest.raises(KnowledgeError, match=r'unknown document "missing-doc"'):
        _load(tmp_path, raw, documents)


def test_correct_option_must_exist(
    tmp_path: Path, raw: dict[str, Any], documents: tuple[Document, ...]
) -> None:
    """A correct id that is not among the options is rejected, listing the options."""
    _step(raw, "investment")["check"]["correct"] = "z"
    with pytest.raises(KnowledgeError) as info:
        _load(tmp_path, raw, documents)
    assert str(info.value).endswith(
        'step "investment": check question\'s correct option "z" is not one of its options '
        "(a, b, c)"
    )


def test_duplicate_option_and_step_ids_are_rejected(
    tmp_path: Path, raw: dict[str, Any], documents: tuple[Document, ...]
) -> None:
    """Option ids within a question and step ids within the file must be unique."""
    broken = copy.deepcopy(raw)
    _step(broken, "investment")["check"]["options"][1]["id"] = "a"
    with pytest.raises(KnowledgeError, match=r'step "investment": check question has duplicate'):
        _load(tmp_path, broken, documents)
    raw["steps"][1]["id"] = "strategies"
    with pytest.raises(KnowledgeError, match=r'step "strategies": duplicate step id'):
        _load(tmp_path, raw, documents)


def test_schema_error_names_the_step_and_field(
    tmp_path: Path, raw: dict[str, Any], documents: tuple[Document, ...]
) -> None:
    """A missing body is reported as the step id plus the field path."""
    del _step(raw, "hard-rules")["body"]
    with pytest.raises(KnowledgeError) as info:
        _load(tmp_path, raw, documents)
    assert (
        str(info.value)
        == f'{tmp_path / "onboarding.yaml"}: step "hard-rules": body: Field required'
    )


def test_check_question_needs_two_options(
    tmp_path: Path, raw: dict[str, Any], documents: tuple[Document, ...]
) -> None:
    """A check question with a single option fails validation, naming the step."""
    _step(raw, "costs")["check"]["options"] = [{"id": "a", "text": "20% ~ 60%"}]
    with pytest.raises(
        KnowledgeError, match=r'step "costs": check\.options: Tuple should have at least 2 items'
    ):
        _load(tmp_path, raw, documents)


def test_primer_must_explain_every_strategy_cost(
    tmp_path: Path, raw: dict[str, Any], documents: tuple[Document, ...]
) -> None:
    """Leaving a strategy out of primer.comparison is an error naming it."""
    del raw["primer"]["comparison"]["onshore_outsourcing"]
    with pytest.raises(
        KnowledgeError, match=r"primer\.comparison has no text for onshore_outsourcing"
    ):
        _load(tmp_path, raw, documents)


def test_unreadable_and_malformed_files(tmp_path: Path, documents: tuple[Document, ...]) -> None:
    """A missing file, broken YAML and a non-mapping each raise KnowledgeError."""
    path = tmp_path / "onboarding.yaml"
    with pytest.raises(KnowledgeError, match="cannot read onboarding file"):
        load_onboarding(path, documents)
    path.write_text("steps: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="invalid YAML"):
        load_onboarding(path, documents)
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="must be a mapping with 'primer' and 'steps'"):
        load_onboarding(path, documents)
