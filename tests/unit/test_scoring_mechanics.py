"""evaluate() mechanics: clamping, rounding, tie order, rule operators and policy errors."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.knowledge import load_documents, load_policy
from bot.models import STRATEGIES, Condition, Evaluation, Policy, RuleDef, Scenario, SourceRef
from bot.scoring import evaluate

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def shipped() -> Policy:
    return load_policy(ROOT / "knowledge" / "policy.yaml", load_documents(ROOT / "knowledge"))


def _ranking(evaluation: Evaluation) -> list[tuple[str, int]]:
    return [(s.strategy, s.score) for s in evaluation.ranking]


def _warnings(evaluation: Evaluation) -> list[tuple[str, str, str]]:
    return [(w.rule, w.strategy, w.severity) for s in evaluation.ranking for w in s.warnings]


def test_scores_clamp_to_0_and_100() -> None:
    """Weighted totals beyond the 0..100 range are clamped."""
    policy = _with_weights(shipped(), {"duration_months": 5.0, "core": 5.0, "local_talent": 5.0})
    scenario = Scenario(duration_months=36, core=True, local_talent="scarce")
    # company non_it keeps weight 1 (+10 to both outsourcing strategies).
    # FI 50+50+25+50 -> 100; OO 50-50-100+10-25 -> 0; OI 50+25-75 = 0; FO 50-50-100+10+50 -> 0
    assert dict(_ranking(evaluate(scenario, policy))) == {
        "offshore_insourcing": 100,
        "onshore_insourcing": 0,
        "onshore_outsourcing": 0,
        "offshore_outsourcing": 0,
    }


def test_halves_round_up_and_ties_follow_strategy_order() -> None:
    """42.5 rounds to 43 (not to even), and equal scores keep the STRATEGIES order."""
    only_control = shipped().model_copy(
        update={"factors": (shipped().factors[4].model_copy(update={"weight": 1.5}),)}
    )
    evaluation = evaluate(Scenario(control="low"), only_control)
    assert evaluation.tied == ("onshore_outsourcing", "offshore_outsourcing")
    # OI and FI 50-7.5=42.5 -> 43; OO and FO 50+15=65.
    assert _ranking(evaluation) == [
        ("onshore_outsourcing", 65),
        ("offshore_outsourcing", 65),
        ("onshore_insourcing", 43),
        ("offshore_insourcing", 43),
    ]
    assert evaluation.factors[0].effects["onshore_insourcing"] == -7.5


@pytest.mark.parametrize(
    ("op", "value", "fires"),
    [
        ("eq", "tech", True),
        ("ne", "tech", False),
        ("in", ["non_it", "tech"], True),
        ("in", ["non_it"], False),
    ],
)
def test_rule_text_operators(op: str, value: str | list[str], fires: bool) -> None:
    """eq, ne and in compare text fields as the policy writes them."""
    rule = _rule(Condition.model_validate({"field": "company", "op": op, "value": value}))
    evaluation = evaluate(Scenario(company="tech"), _with_rules(shipped(), rule))
    assert bool(_warnings(evaluation)) is fires


@pytest.mark.parametrize(
    ("op", "fires"), [("lt", False), ("le", True), ("gt", False), ("ge", True), ("eq", True)]
)
def test_rule_number_operators(op: str, fires: bool) -> None:
    """lt, le, gt, ge and eq compare duration_months numerically (12 against 12)."""
    rule = _rule(Condition.model_validate({"field": "duration_months", "op": op, "value": 12}))
    evaluation = evaluate(Scenario(duration_months=12), _with_rules(shipped(), rule))
    assert bool(_warnings(evaluation)) is fires


def test_all_never_first_falls_back_to_the_top_score_and_says_so() -> None:
    """When every strategy is barred, the top scorer is named and the summary says so."""
    rule = _rule(Condition(field="core", op="eq", value=False)).model_copy(
        update={"strategies": STRATEGIES, "severity": "never_first"}
    )
    # OI 50-5=45; OO 50+10+10=70; FI 50-10-5=35; FO 70: a tie of two barred strategies.
    scenario = Scenario(core=False, company="non_it", control="low")
    evaluation = evaluate(scenario, _with_rules(shipped(), rule))
    assert evaluation.recommended == "onshore_outsourcing"
    assert evaluation.tied == ("onshore_outsourcing", "offshore_outsourcing")
    assert evaluation.summary.startswith(
        "Every strategy is ruled out as a first choice; Onshore outsourcing and offshore "
        "outsourcing rank highest, tied at 70. Warning: Test rule."
    )
    # With a low budget (only the test rule is in this policy): OI 35, OO 75, FI 35, FO 80.
    single = evaluate(scenario.model_copy(update={"budget": "low"}), _with_rules(shipped(), rule))
    assert single.summary.startswith(
        "Every strategy is ruled out as a first choice; the highest ranked is Offshore "
        "outsourcing, with a score of 80 out of 100. Warning: Test rule."
    )


def test_a_factor_without_the_needed_level_is_a_knowledge_error() -> None:
    """A policy missing the level a scenario selects raises KnowledgeError naming both."""
    core = shipped().factors[1]
    broken = shipped().model_copy(
        update={"factors": (core.model_copy(update={"levels": {"false": core.levels["false"]}}),)}
    )
    with pytest.raises(KnowledgeError, match="factor 'core' has no level 'true' \\(has false\\)"):
        evaluate(Scenario(core=True), broken)


def test_a_rule_on_an_unknown_field_is_a_knowledge_error() -> None:
    """A condition on a field the Scenario does not have raises KnowledgeError."""
    rule = _rule(Condition(field="team_size", op="gt", value=3))
    with pytest.raises(KnowledgeError, match="'team_size' is not a scenario field"):
        evaluate(Scenario(), _with_rules(shipped(), rule))


def test_a_policy_missing_a_cost_range_is_a_knowledge_error() -> None:
    """Every strategy needs a cost range for the ranking."""
    costs = {k: v for k, v in shipped().cost_ranges.items() if k != "onshore_outsourcing"}
    broken = shipped().model_copy(update={"cost_ranges": costs})
    with pytest.raises(KnowledgeError, match="'onshore_outsourcing' needs an entry"):
        evaluate(Scenario(), broken)


def _rule(condition: Condition) -> RuleDef:
    return RuleDef(
        id="test_rule",
        when=(condition,),
        strategies=("onshore_outsourcing",),
        message="Test rule.",
        citation=SourceRef(document="d", section="s", quote="quote"),
    )


def _with_rules(policy: Policy, *rules: RuleDef) -> Policy:
    return policy.model_copy(update={"rules": rules})


def _with_weights(policy: Policy, weights: dict[str, float]) -> Policy:
    factors = tuple(
        f.model_copy(update={"weight": weights.get(f.id, f.weight)}) for f in policy.factors
    )
    return policy.model_copy(update={"factors": factors})
