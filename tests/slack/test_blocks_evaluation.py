"""render_evaluation, the evaluate modal and the matrix PNG; labels on real evaluations."""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bot.knowledge import load_documents, load_policy
from bot.models import (
    STRATEGIES,
    Change,
    CostRange,
    Evaluation,
    FactorResult,
    Policy,
    RuleWarning,
    Scenario,
    ScenarioInput,
    SourceRef,
    StrategyScore,
)
from bot.render import render_evaluation_text
from bot.scoring import evaluate
from bot.slack import ids
from bot.slack.blocks.evaluation import render_evaluate_modal, render_evaluation, section
from bot.slack.blocks.limits import MAX_BLOCKS_MESSAGE, assert_within_limits
from bot.slack.blocks.matrix import HEIGHT, WIDTH, render_matrix_png

CORE = SourceRef(
    document="outsourcing-vs-offshoring",
    section="why-outsourcing",
    section_path="Doc > Which Model > Why You Should Choose Outsourcing Software Development",
    quote="we advise businesses to NEVER outsource their core IT capabilities",
)
COST = SourceRef(
    document="outsourcing-vs-offshoring",
    section="model-comparison",
    section_path="Doc > Model Comparison",
    quote="20% ~ 60% – Lower wage country",
)


def _warning(strategy: str) -> RuleWarning:
    return RuleWarning(
        rule="never_outsource_core",
        strategy=strategy,
        strategy_label=strategy.replace("_", " ").capitalize(),
        severity="never_first",
        message="Core IT capability: never outsource it.",
        citation=CORE,
    )


def _evaluation(*, factors: int = 2, reason: str = "Over a year & <key>.") -> Evaluation:
    ranking = (
        StrategyScore(
            rank=1,
            strategy="offshore_insourcing",
            label="Offshore insourcing (dedicated offshore team)",
            score=75,
            cost_range=CostRange(range="20% ~ 60%", low_pct=20, high_pct=60),
        ),
        StrategyScore(
            rank=2,
            strategy="onshore_insourcing",
            label="Onshore insourcing (in-house team)",
            score=60,
            cost_range=CostRange(range="100%", low_pct=100, high_pct=100),
        ),
        StrategyScore(
            rank=3,
            strategy="offshore_outsourcing",
            label="Offshore outsourcing",
            score=35,
            warnings=(_warning("offshore_outsourcing"),),
            cost_range=CostRange(range="30% ~ 70%", low_pct=30, high_pct=70),
        ),
        StrategyScore(
            rank=4,
            strategy="onshore_outsourcing",
            label="Onshore outsourcing",
            score=30,
            warnings=(_warning("onshore_outsourcing"),),
            cost_range=CostRange(range="not stated"),
        ),
    )
    factor_list = tuple(
        FactorResult(
            factor=f"factor{i}",
            label=f"Factor {i}",
            value="long",
            value_label=f"value {i} & <more>",
            reason=reason,
            effects={
                "offshore_insourcing": 10.0,
                "onshore_outsourcing": -10.0,
                "onshore_insourcing": 2.5,
            },
            citation=COST,
        )
        for i in range(factors)
    )
    inputs = (
        ScenarioInput(
            field="duration_months",
            label="Project duration",
            value_label="24 months (more than one year)",
            assumed=False,
        ),
        ScenarioInput(
            field="core",
            label="Core IT capability",
            value_label="core IT capability",
            assumed=False,
        ),
        ScenarioInput(
            field="budget", label="Budget to invest", value_label="medium budget", assumed=True
        ),
        ScenarioInput(
            field="control", label="Need for control", value_label="some control", assumed=True
        ),
    )
    assumed_factor = FactorResult(
        factor="budget",
        label="Budget to invest",
        value="medium",
        value_label="medium budget",
        assumed=True,
        reason="Not given.",
        effects=dict.fromkeys(STRATEGIES, 0.0),
        citation=CORE,
    )
    return Evaluation(
        scenario=Scenario(duration_months=24, core=True),
        assumed=("budget", "control"),
        inputs=inputs,
        ranking=ranking,
        factors=(*factor_list, assumed_factor),
        citations=(CORE, COST),
        recommended="offshore_insourcing",
        sensitivity=(
            Change(
                field="core",
                label="Core IT capability",
                value=False,
                value_label="not a core IT capability",
                condition="it were not a core IT capability",
                recommended="offshore_outsourcing",
                recommended_label="Offshore outsourcing",
                tied=("offshore_insourcing", "offshore_outsourcing"),
            ),
        ),
        summary="Offshore insourcing ranks first.",
    )


def _texts(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_ranking_fields_in_rank_order_with_scores_and_costs() -> None:
    """The ranking section has one field per strategy, in rank order, with score and cost; a
    strategy a policy rule ranks last says so."""
    _, blocks = render_evaluation(_evaluation())
    ranking = next(b for b in blocks if "fields" in b)
    assert [f["text"] for f in ranking["fields"]] == [
        ":first_place_medal: *Offshore insourcing (dedicated offshore team)*\n"
        "Score *75*/100 · cost 20% ~ 60% (headcount basis)",
        ":second_place_medal: *Onshore insourcing (in-house team)*\n"
        "Score *60*/100 · cost 100% (headcount basis)",
        ":third_place_medal: *Offshore outsourcing* :warning: _ranked last by a policy rule_\n"
        "Score *35*/100 · cost 30% ~ 70% (headcount basis)",
        "4. *Onshore outsourcing* :warning: _ranked last by a policy rule_\n"
        "Score *30*/100 · cost not stated (headcount basis)",
    ]


def test_header_recommendation_warning_factors_and_assumed() -> None:
    """Header, recommendation, one grouped warning with its quote, factor effects, what would
    change it, and the fields not given, all in people's words."""
    text, blocks = render_evaluation(_evaluation())
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Sourcing evaluation"},
    }
    assert blocks[1]["text"]["text"] == (
        "*Recommended: Offshore insourcing (dedicated offshore team)*\n"
        "Offshore insourcing ranks first."
    )
    body = _texts(blocks)
    # The rule fired for two strategies: shown once, naming both, in ranking order.
    assert body.count("Core IT capability: never outsource it.") == 1
    assert "*Offshore outsourcing, Onshore outsourcing*: Core IT capability" in body
    assert (
        "_“we advise businesses to NEVER outsource their core IT capabilities”_ — "
        "Why You Should Choose Outsourcing Software Development"
    ) in body
    factor = next(b for b in blocks if b.get("text", {}).get("text", "").startswith("*Factor 0*"))
    assert factor["text"]["text"] == (
        "*Factor 0*: value 0 &amp; &lt;more&gt; — Over a year &amp; &lt;key&gt;.\n"
        "Onshore in-house +2.5 · Onshore outsourcing −10 · Offshore team +10"
    )
    # The assumed factor says it was not given and carries no quote as a reason.
    assumed = blocks.index(
        section("*Budget to invest*: not given, so it moves no score (shown as medium budget)")
    )
    assert blocks[assumed + 1]["type"] == "section"
    assert blocks[assumed + 1]["text"]["text"] == (
        "*What would change the recommendation*\n"
        "• If it were not a core IT capability: a tie between Offshore insourcing (dedicated "
        "offshore team) and Offshore outsourcing"
    )
    assert blocks[-1]["elements"][0]["text"] == (
        "Not given, so left out of the scores: budget to invest, need for control"
    )
    assert text.startswith("Offshore insourcing ranks first.\n\n1. Offshore insourcing")
    assert "Warning (Offshore outsourcing, Onshore outsourcing)" in text
    assert text.endswith(
        "\nNot given, so left out of the scores: budget to invest, need for control"
    )


def test_many_factors_fit_the_block_limit() -> None:
    """Forty factors with 3000-character reasons still give at most 50 valid blocks."""
    text, blocks = render_evaluation(_evaluation(factors=40, reason="x" * 3500))
    assert len(blocks) == MAX_BLOCKS_MESSAGE
    assert blocks[-1]["elements"][0]["text"].endswith(
        "more blocks left out to fit Slack's message size."
    )
    assert_within_limits({"text": text, "blocks": blocks})


def test_modal_has_one_input_per_scenario_field_with_defaults() -> None:
    """The modal's inputs use the shared block/action ids and start at the Scenario defaults."""
    view = render_evaluate_modal(private_metadata='{"channel": "C1"}')
    assert view["callback_id"] == ids.VIEW_EVALUATE
    assert view["private_metadata"] == '{"channel": "C1"}'
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert [b["block_id"] for b in inputs] == [
        f"{ids.SCENARIO_BLOCK_PREFIX}{name}" for name in Scenario.model_fields
    ]
    assert {b["element"]["action_id"] for b in inputs} == {ids.SCENARIO_ACTION}
    initial = {
        b["block_id"].removeprefix(ids.SCENARIO_BLOCK_PREFIX): (
            b["element"].get("initial_value") or b["element"]["initial_option"]["value"]
        )
        for b in inputs
    }
    assert initial == {
        "duration_months": "12",
        "core": "false",
        "company": "non_it",
        "budget": "medium",
        "control": "medium",
        "upfront_investment": "medium",
        "change_rate": "medium",
        "local_talent": "available",
    }
    assert inputs[0]["element"]["type"] == "plain_text_input"
    assert {b["element"]["type"] for b in inputs[1:]} == {"static_select"}
    assert_within_limits({"view": view})


def test_matrix_png_highlights_the_recommended_quadrant() -> None:
    """The PNG has the fixed size; the recommended (offshore, internal) quadrant is green."""
    png = render_matrix_png(_evaluation())
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))
    rgb = image.convert("RGB")
    # Inside the bottom-left cell (offshore insourcing), near its top-left corner.
    assert rgb.getpixel((140, 90 + 205 + 15)) == (200, 235, 205)
    # The top-left cell (onshore insourcing) is not highlighted.
    assert rgb.getpixel((140, 90 + 15)) == (240, 242, 245)


def test_scenario_line_marks_assumed_fields() -> None:
    """The scenario context gives each value's label in field order; fields not given say so."""
    _, blocks = render_evaluation(_evaluation())
    assert blocks[2]["elements"][0]["text"] == (
        "*Scenario:* 24 months (more than one year) · core IT capability · "
        "budget to invest: _not given_ · need for control: _not given_"
    )


def test_summary_naming_the_recommendation_is_bolded_not_repeated() -> None:
    """When the summary names the recommended strategy, it is bolded in place, not prefixed."""
    evaluation = _evaluation().model_copy(
        update={"summary": "Recommended: Offshore insourcing (dedicated offshore team), score 75."}
    )
    _, blocks = render_evaluation(evaluation)
    assert blocks[1]["text"]["text"] == (
        "Recommended: *Offshore insourcing (dedicated offshore team)*, score 75."
    )


ROOT = Path(__file__).resolve().parents[2]
INTERNAL_NAMES = (
    *(f for f in Scenario.model_fields if "_" in f),
    *STRATEGIES,
    "non_it",
    "one_year",
    "(true)",
    "(false)",
    "> 12",
    "< 12",
    "`",
)
"""Field names, strategy ids, level keys and rule syntax that people must never see."""


@functools.cache
def _policy() -> Policy:
    return load_policy(ROOT / "knowledge" / "policy.yaml", load_documents(ROOT / "knowledge"))


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario(),
        Scenario(company="non_it", duration_months=6, core=False, control="low"),
        Scenario(core=True, budget="low"),
        Scenario(duration_months=18, core=False, company="non_it"),
        Scenario(
            duration_months=36,
            core=True,
            company="tech",
            budget="high",
            control="high",
            upfront_investment="low",
            change_rate="high",
            local_talent="scarce",
        ),
    ],
    ids=["nothing-given", "bank", "core-cheap", "18-months", "everything"],
)
def test_no_internal_name_reaches_people(scenario: Scenario) -> None:
    """Summary, terminal text, Slack blocks and fallback text use labels, never field names."""
    evaluation = evaluate(scenario, _policy())
    text, blocks = render_evaluation(evaluation)
    shown = {
        "summary": evaluation.summary,
        "terminal": render_evaluation_text(evaluation),
        "fallback": text,
        "blocks": _texts(blocks),
    }
    leaks = {
        (where, name) for where, body in shown.items() for name in INTERNAL_NAMES if name in body
    }
    assert leaks == set()


def test_the_terminal_text_of_a_core_question_in_words() -> None:
    """Core + low budget: fired rules name strategies, factors their values, assumptions labels."""
    rendered = render_evaluation_text(evaluate(Scenario(core=True, budget="low"), _policy()))
    lines = rendered.splitlines()
    warnings = lines.index("Warnings:")
    assert lines[warnings + 1] == (
        "  - Onshore outsourcing, Offshore outsourcing: This is a core IT capability, and the "
        "article advises"
    )
    assert "\nFactors:\n  - Core IT capability. A core IT capability should stay inside" in rendered
    assert "\n  - Budget to invest in a team: low budget. A low budget: outsourcing is" in rendered
    assert (
        "  - Not given, so left out of the scores: project duration, kind of company, need for "
        "control,\n"
    ) in rendered
    assert "\nWhat would change the recommendation:\n  - If the project ran less than a year: " in (
        rendered
    )


def test_every_strategy_of_a_tie_at_the_top_is_bold_in_the_summary() -> None:
    """'Onshore outsourcing and offshore outsourcing tie at 70': both names are bold."""
    evaluation = evaluate(Scenario(duration_months=6, company="non_it"), _policy())
    _, blocks = render_evaluation(evaluation)
    summary = blocks[1]["text"]["text"]
    assert summary.startswith("*Onshore outsourcing* and *offshore outsourcing* tie at 70")
