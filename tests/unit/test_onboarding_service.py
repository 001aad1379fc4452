"""OnboardingService: the primer built from policy + onboarding text, steps and grading."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.advisor.onboarding import OnboardingService
from bot.errors import InputError
from bot.knowledge import load_knowledge
from bot.knowledge.onboarding import load_onboarding
from bot.models import STRATEGIES, Policy

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def policy() -> Policy:
    """The real policy."""
    return load_knowledge(KNOWLEDGE_DIR).policy


@pytest.fixture(scope="module")
def service(policy: Policy) -> OnboardingService:
    """The service exactly as bootstrap builds it."""
    documents = load_knowledge(KNOWLEDGE_DIR).documents
    return OnboardingService(
        onboarding=load_onboarding(KNOWLEDGE_DIR / "onboarding.yaml", documents), policy=policy
    )


def test_primer_strategies_come_from_the_policy(service: OnboardingService, policy: Policy) -> None:
    """The primer lists the four strategies in fixed order with the policy's labels and quotes."""
    primer = service.primer()
    assert [s.strategy for s in primer.strategies] == list(STRATEGIES)
    for item in primer.strategies:
        assert item.label == policy.strategies[item.strategy].label
        assert item.definition == policy.strategies[item.strategy].definition
        assert item.citation == policy.strategies[item.strategy].citation


def test_primer_rules_have_conditions_messages_and_citations(
    service: OnboardingService, policy: Policy
) -> None:
    """Each policy rule appears with its condition in the policy's words (labels, never field
    names such as "duration_months"), its message and its quote."""
    rules = service.primer().rules
    assert [r.id for r in rules] == [r.id for r in policy.rules]
    by_id = {r.id: r for r in rules}
    assert by_id["never_outsource_core"].when == "core IT capability"
    assert by_id["outsourcing_short_term_only"].when == (
        "project duration more than 12 months (one year)"
    )
    assert by_id["offshoring_for_long_key_projects"].when == (
        "project duration less than 12 months (one year)"
    )
    assert all("_" not in r.when and "=" not in r.when for r in rules)
    assert by_id["never_outsource_core"].citation.quote == (
        "we advise businesses to NEVER outsource their core IT capabilities"
    )
    for rule, source in zip(rules, policy.rules, strict=True):
        assert rule.message == source.message
        assert rule.strategies == source.strategies


def test_primer_comparison_uses_policy_ranges_and_plain_text(
    service: OnboardingService, policy: Policy
) -> None:
    """Cost rows carry the policy's ranges verbatim, on a headcount basis, with plain wording."""
    rows = {row.strategy: row for row in service.primer().comparison}
    assert {s: r.range for s, r in rows.items()} == {
        "onshore_insourcing": "100%",
        "onshore_outsourcing": "not stated",
        "offshore_insourcing": "20% ~ 60%",
        "offshore_outsourcing": "30% ~ 70%",
    }
    assert all(r.basis == "headcount basis" for r in rows.values())
    assert (
        rows["offshore_outsourcing"].citation == policy.cost_ranges["offshore_outsourcing"].citation
    )
    assert "no figure" in rows["onshore_outsourcing"].plain
    assert rows["onshore_outsourcing"].note == policy.cost_ranges["onshore_outsourcing"].note
    assert "20% ~ 60%" in rows["offshore_insourcing"].plain
    assert "30% ~ 70%" in rows["offshore_outsourcing"].plain


def test_grade_correct_and_incorrect(service: OnboardingService) -> None:
    """The correct option grades correct; another grades incorrect with the same explanation."""
    right = service.grade("costs", "a")
    wrong = service.grade("costs", "b")
    assert (right.correct, right.correct_option, right.option_id) == (True, "a", "a")
    assert (wrong.correct, wrong.correct_option, wrong.option_id) == (False, "a", "b")
    assert wrong.explanation == right.explanation
    assert right.citation.quote == "20% ~ 60% – Lower wage country"


def test_grade_rejects_unknown_step_option_and_questionless_step(
    service: OnboardingService,
) -> None:
    """Unknown step, unknown option and a step without a question raise InputError with a field."""
    with pytest.raises(InputError, match='unknown walkthrough step "nope"') as step_err:
        service.grade("nope", "a")
    assert step_err.value.field == "step"
    with pytest.raises(InputError) as option_err:
        service.grade("costs", "z")
    assert (
        str(option_err.value)
        == 'option: "z" is not an option of step "costs" (allowed: a, b, c, d)'
    )
    assert option_err.value.field == "option"
    with pytest.raises(InputError, match='"evaluate" has no check question'):
        service.grade("evaluate", "a")


def test_step_navigation(service: OnboardingService) -> None:
    """Positions are 1-based, next_step walks the order and returns None after the last step."""
    ids = [s.id for s in service.steps()]
    assert [service.position(i) for i in ids] == [1, 2, 3, 4, 5]
    nexts = [service.next_step(i) for i in ids]
    assert [n.id if n else None for n in nexts] == [*ids[1:], None]
    with pytest.raises(InputError):
        service.next_step("unknown")
