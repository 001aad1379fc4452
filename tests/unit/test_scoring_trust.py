"""Scenario answers people can trust: assumptions, ties, what would change it, the core rule."""

from __future__ import annotations

import functools
from pathlib import Path

from bot.knowledge import load_documents, load_policy
from bot.models import (
    Change,
    Condition,
    FactorResult,
    FiredRule,
    Policy,
    RuleDef,
    Scenario,
    ScenarioInput,
    SourceRef,
)
from bot.scoring import evaluate, parse_scenario_text

ROOT = Path(__file__).resolve().parents[2]
BANK = Scenario(company="non_it", duration_months=6, core=False, control="low")


@functools.cache
def shipped() -> Policy:
    return load_policy(ROOT / "knowledge" / "policy.yaml", load_documents(ROOT / "knowledge"))


def _scores(scenario: Scenario) -> dict[str, int]:
    return {s.strategy: s.score for s in evaluate(scenario, shipped()).ranking}


def test_an_assumed_value_moves_no_score_until_it_is_given() -> None:
    """Local talent 'available' by default adds nothing; said explicitly it adds 5 to in-house."""
    assert _scores(Scenario(duration_months=6)) == {
        "onshore_insourcing": 50,
        "onshore_outsourcing": 60,
        "offshore_insourcing": 40,
        "offshore_outsourcing": 60,
    }
    assert _scores(Scenario(duration_months=6, local_talent="available")) == {
        "onshore_insourcing": 55,
        "onshore_outsourcing": 60,
        "offshore_insourcing": 40,
        "offshore_outsourcing": 60,
    }


def test_an_assumed_factor_is_reported_as_assumed_not_as_a_reason() -> None:
    """The company factor of a scenario that never named the company is marked assumed."""
    evaluation = evaluate(Scenario(duration_months=6), shipped())
    assert evaluation.factors[2] == FactorResult(
        factor="company",
        label="Kind of company",
        value="non_it",
        value_label="non-IT company",
        assumed=True,
        reason="Not given, so it moves no score (the default, non-IT company, is only shown).",
        effects={
            "onshore_insourcing": 0.0,
            "onshore_outsourcing": 0.0,
            "offshore_insourcing": 0.0,
            "offshore_outsourcing": 0.0,
        },
        citation=shipped().factors[2].citation,
    )
    assert shipped().factors[2].citation not in evaluation.citations


def test_no_rule_fires_on_an_assumed_value() -> None:
    """A rule on budget=medium fires only when the user said medium, not on the default."""
    rule = RuleDef(
        id="medium_budget",
        when=(Condition(field="budget", op="eq", value="medium"),),
        strategies=("onshore_insourcing",),
        message="Medium budget.",
        citation=SourceRef(document="d", section="s", quote="quote"),
    )
    policy = shipped().model_copy(update={"rules": (rule,)})
    assert evaluate(Scenario(core=True), policy).rules_fired == ()
    fired = evaluate(Scenario(core=True, budget="medium"), policy).rules_fired
    assert [(r.rule, r.strategies, r.fields) for r in fired] == [
        ("medium_budget", ("onshore_insourcing",), ("budget",))
    ]


def test_inputs_label_every_field_and_mark_the_assumed_ones() -> None:
    """Every field is listed in people's words, in field order, given or assumed."""
    inputs = evaluate(Scenario(duration_months=18, core=False, company="tech"), shipped()).inputs
    assert inputs == (
        ScenarioInput(
            field="duration_months",
            label="Project duration",
            value_label="18 months (more than one year)",
            assumed=False,
        ),
        ScenarioInput(
            field="core",
            label="Core IT capability",
            value_label="not a core IT capability",
            assumed=False,
        ),
        ScenarioInput(
            field="company", label="Kind of company", value_label="tech company", assumed=False
        ),
        ScenarioInput(
            field="budget",
            label="Budget to invest in a team",
            value_label="medium budget",
            assumed=True,
        ),
        ScenarioInput(
            field="control",
            label="Need for control",
            value_label="some need for control",
            assumed=True,
        ),
        ScenarioInput(
            field="upfront_investment",
            label="Capacity for upfront investment",
            value_label="some capacity to invest upfront",
            assumed=True,
        ),
        ScenarioInput(
            field="change_rate",
            label="How often requirements change",
            value_label="requirements that change sometimes",
            assumed=True,
        ),
        ScenarioInput(
            field="local_talent",
            label="Local talent",
            value_label="skills available locally",
            assumed=True,
        ),
    )


def test_a_tie_is_listed_and_said() -> None:
    """Equal top scores are a tie on the Evaluation and in the summary's first sentence."""
    evaluation = evaluate(BANK, shipped())
    assert evaluation.tied == ("onshore_outsourcing", "offshore_outsourcing")
    assert evaluation.recommended == "onshore_outsourcing"
    assert evaluation.summary.startswith(
        "Onshore outsourcing and offshore outsourcing tie at 80; "
        "the policy does not choose between them."
    )
    assert evaluate(Scenario(duration_months=6, company="tech"), shipped()).tied == (
        "onshore_insourcing",
        "onshore_outsourcing",
        "offshore_outsourcing",
    )


def test_no_tie_means_an_empty_tied() -> None:
    """A single leader leaves tied empty."""
    evaluation = evaluate(Scenario(duration_months=18, company="tech"), shipped())
    assert (evaluation.recommended, evaluation.tied) == ("offshore_insourcing", ())


def test_sensitivity_lists_every_value_that_changes_the_outcome() -> None:
    """For the bank's tie: core or tight control -> in-house; low budget or scarce skills ->
    offshore outsourcing (worked out by hand in test_scoring_engine)."""
    evaluation = evaluate(BANK, shipped())
    assert evaluation.sensitivity == (
        Change(
            field="core",
            label="Core IT capability",
            value=True,
            value_label="core IT capability",
            condition="it were a core IT capability",
            recommended="onshore_insourcing",
            recommended_label="Onshore insourcing (in-house team)",
        ),
        Change(
            field="budget",
            label="Budget to invest in a team",
            value="low",
            value_label="low budget",
            condition="the budget were low",
            recommended="offshore_outsourcing",
            recommended_label="Offshore outsourcing",
        ),
        Change(
            field="control",
            label="Need for control",
            value="high",
            value_label="high need for control",
            condition="you needed tight control",
            recommended="onshore_insourcing",
            recommended_label="Onshore insourcing (in-house team)",
        ),
        Change(
            field="local_talent",
            label="Local talent",
            value="scarce",
            value_label="skills scarce locally",
            condition="the skills were scarce locally",
            recommended="offshore_outsourcing",
            recommended_label="Offshore outsourcing",
        ),
    )


def test_the_summary_says_a_longer_project_would_change_it() -> None:
    """A 6-month non-core job at a non-IT company would go to an offshore team past a year.

    Only duration, core and company are given: OO and FO 70, OI 50, FI 40; at 13 months FI 60
    and OO/FO 50; at 12 months OO/FO 60 still tie; tech: OI, OO and FO tie at 55.
    """
    evaluation = evaluate(Scenario(duration_months=6, core=False, company="non_it"), shipped())
    assert evaluation.summary == (
        "Onshore outsourcing and offshore outsourcing tie at 70; the policy does not choose "
        "between them. 1 policy warning applies to another strategy. It would change to "
        "offshore insourcing (dedicated offshore team) if the project ran longer than a year, "
        "to onshore insourcing (in-house team) if it were a core IT capability, and to a tie "
        "between onshore insourcing (in-house team), onshore outsourcing and offshore "
        "outsourcing if you were a tech company; 3 other single changes would change it too."
    )
    assert [(c.field, c.value) for c in evaluation.sensitivity][:1] == [("duration_months", 13)]


def test_a_core_question_carries_the_articles_rule_for_the_composer() -> None:
    """'Outsource our core platform to cut costs?' fires never_outsource_core with its quote."""
    scenario, fields = parse_scenario_text("Is it OK to outsource our core platform to cut costs?")
    assert scenario is not None
    assert fields == ("core", "budget")
    evaluation = evaluate(scenario, shipped())
    core_rule = shipped().rules[0]
    assert evaluation.rules_fired[0] == FiredRule(
        rule="never_outsource_core",
        severity="never_first",
        strategies=("onshore_outsourcing", "offshore_outsourcing"),
        strategy_labels=("Onshore outsourcing", "Offshore outsourcing"),
        fields=("core",),
        message=(
            "This is a core IT capability, and the article advises never to outsource core IT "
            "capabilities, so outsourcing is ranked last."
        ),
        citation=core_rule.citation,
    )
    assert evaluation.rules_fired[0].citation.quote == (
        "we advise businesses to NEVER outsource their core IT capabilities"
    )
    assert evaluation.rules_fired[0].citation in evaluation.citations
    assert [r.rule for r in evaluation.rules_fired] == [
        "never_outsource_core",
        "in_house_needs_budget",
    ]
    assert evaluation.recommended not in ("onshore_outsourcing", "offshore_outsourcing")


def test_the_core_rule_does_not_fire_when_core_was_not_said() -> None:
    """Without 'core' in the scenario, no never_first rule fires."""
    evaluation = evaluate(Scenario(duration_months=6, budget="low"), shipped())
    assert [r.rule for r in evaluation.rules_fired] == [
        "offshoring_for_long_key_projects",
        "in_house_needs_budget",
    ]
