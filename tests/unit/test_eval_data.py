"""The labelled evaluation set is consistent with the knowledge article and the Scenario model."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bot.knowledge import chunk_documents, load_document
from bot.models import STRATEGIES, Document, Scenario
from tests.eval.data import (
    EvalQuestion,
    QuestionSet,
    RefusalItem,
    ScenarioSet,
    contains_evidence,
    load_questions,
    load_scenarios,
)

ARTICLE = Path(__file__).resolve().parents[2] / "knowledge" / "outsourcing-vs-offshoring.md"


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def questions() -> QuestionSet:
    return load_questions()


@pytest.fixture(scope="module")
def scenarios() -> ScenarioSet:
    return load_scenarios()


@pytest.fixture(scope="module")
def article() -> Document:
    return load_document(ARTICLE)


def test_every_evidence_phrase_occurs_once_verbatim_in_the_article(questions: QuestionSet) -> None:
    """Each evidence phrase occurs exactly once in the article once whitespace is collapsed."""
    body = _collapse(ARTICLE.read_text(encoding="utf-8"))
    counts = {q.id: body.count(_collapse(q.evidence)) for q in questions.questions}
    assert {qid: n for qid, n in counts.items() if n != 1} == {}


def test_evidence_phrases_are_6_to_20_words(questions: QuestionSet) -> None:
    """Every evidence phrase is between 6 and 20 whitespace-separated words long."""
    lengths = {q.id: len(q.evidence.split()) for q in questions.questions}
    assert {qid: n for qid, n in lengths.items() if not 6 <= n <= 20} == {}


def test_evidence_lies_in_its_named_section(questions: QuestionSet, article: Document) -> None:
    """Each question's section id exists and that section's text holds the evidence."""
    sections = {s.id: _collapse(s.text) for s in article.sections}
    wrong = [
        q.id
        for q in questions.questions
        if q.section is not None and _collapse(q.evidence) not in sections.get(q.section, "")
    ]
    assert wrong == []


def test_every_evidence_phrase_fits_inside_one_chunk(
    questions: QuestionSet, article: Document
) -> None:
    """Each evidence phrase is contained in exactly one chunk, so a hit is always possible."""
    chunks = chunk_documents([article])
    counts = {
        q.id: sum(contains_evidence(c.text, q.evidence) for c in chunks)
        for q in questions.questions
    }
    assert {qid: n for qid, n in counts.items() if n != 1} == {}


def test_questions_cover_every_section_with_text(questions: QuestionSet, article: Document) -> None:
    """Every section that has text of its own is the target of at least one question."""
    targeted = {q.section for q in questions.questions}
    untouched = [s.id for s in article.sections if s.text.strip() and s.id not in targeted]
    assert untouched == []


def test_set_sizes(questions: QuestionSet, scenarios: ScenarioSet, article: Document) -> None:
    """The set holds >= 40 in-scope, >= 10 out-of-scope, >= 5 not-covered items, >= 12 scenarios."""
    assert questions.document == article.id
    assert len(questions.questions) >= 40
    assert len(questions.out_of_scope) >= 10
    assert len(questions.not_covered) >= 5
    assert len(scenarios.scenarios) >= 12


def test_ids_are_unique(questions: QuestionSet, scenarios: ScenarioSet) -> None:
    """No id is used twice among the questions, nor among the scenarios."""
    all_questions: list[EvalQuestion | RefusalItem] = [
        *questions.questions,
        *questions.out_of_scope,
        *questions.not_covered,
    ]
    repeated = [i for i, n in Counter(q.id for q in all_questions).items() if n > 1]
    repeated += [i for i, n in Counter(s.id for s in scenarios.scenarios).items() if n > 1]
    assert repeated == []


def test_question_texts_are_unique(questions: QuestionSet) -> None:
    """No question text is asked twice (case- and whitespace-insensitive)."""
    items: list[EvalQuestion | RefusalItem] = [
        *questions.questions,
        *questions.out_of_scope,
        *questions.not_covered,
    ]
    texts = Counter(_collapse(q.question).lower() for q in items)
    assert [t for t, n in texts.items() if n > 1] == []


def test_refusal_items_state_their_expectation(questions: QuestionSet) -> None:
    """Out-of-scope items expect that route; not-covered items expect covered == False."""
    assert {q.expected_route for q in questions.out_of_scope} == {"out_of_scope"}
    assert {q.expected_covered for q in questions.not_covered} == {False}


def test_every_scenario_validates_as_a_scenario(scenarios: ScenarioSet) -> None:
    """Each scenario mapping is a valid Scenario that sets every field explicitly."""
    for item in scenarios.scenarios:
        scenario = item.to_scenario()
        assert isinstance(scenario, Scenario)
        assert sorted(item.scenario) == sorted(Scenario.model_fields), item.id


def test_scenarios_cover_the_advice_the_article_gives(scenarios: ScenarioSet) -> None:
    """Expected strategies are valid and include outsourcing, offshore and onshore insourcing."""
    expected = {s.expected for s in scenarios.scenarios}
    assert expected <= set(STRATEGIES)
    assert {"offshore_outsourcing", "offshore_insourcing", "onshore_insourcing"} <= expected
    core = [s for s in scenarios.scenarios if s.scenario["core"] is True]
    assert core
    assert [s.id for s in core if s.expected.endswith("_outsourcing")] == []
