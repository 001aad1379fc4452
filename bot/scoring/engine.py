"""Deterministic scoring of a Scenario against the sourcing Policy."""

from __future__ import annotations

from bot.models import Evaluation, Policy, Scenario
from bot.scoring._core import check_strategies, score
from bot.scoring.summary import summarise
from bot.scoring.whatif import what_would_change


def evaluate(scenario: Scenario, policy: Policy) -> Evaluation:
    """Score every strategy for a scenario, apply the policy's rules and rank the strategies.

    Each strategy starts at ``policy.base_score``; each factor the user *gave* (a field in
    ``scenario.model_fields_set``) adds ``weight * points`` for the level its value selects; the
    total is clamped to 0..100 and rounded half up. A field not given is listed in ``assumed``,
    its factor is reported with ``assumed=True`` and zero effects, and no rule fires on it.
    Rules attach warnings; strategies with a ``never_first`` warning are ranked after all others
    and are never recommended (unless every strategy has one). Equal top scores are a tie:
    ``tied`` lists them and the summary says so (the ranking keeps the fixed strategy order).
    ``sensitivity`` lists each single-field value that would change the outcome. Pure and
    deterministic.

    Args:
        scenario: The scenario to evaluate.
        policy: The validated sourcing policy.

    Returns:
        The evaluation: labelled inputs, ranking, per-factor breakdown, fired rules, tie,
        what would change it, citations and a summary.

    Raises:
        KnowledgeError: The policy does not fit the scenario model (unknown field, missing level
            for a given value, strategy without a definition or cost range).
    """
    check_strategies(policy)
    scored = score(scenario, policy)
    changes = what_would_change(scenario, policy, scored)
    return Evaluation(
        scenario=scenario,
        assumed=tuple(i.field for i in scored.inputs if i.assumed),
        inputs=scored.inputs,
        ranking=scored.ranking,
        factors=scored.factors,
        rules_fired=scored.fired,
        citations=scored.citations,
        recommended=scored.recommended.strategy,
        tied=tuple(s.strategy for s in scored.tied),
        sensitivity=changes,
        summary=summarise(scored, changes),
    )
