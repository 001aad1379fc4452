"""render_evaluation, the evaluate modal and the matrix PNG, on hand-built value objects."""

from __future__ import annotations

import io
import json
from typing import Any

from PIL import Image

from bot.models import (
    CostRange,
    Evaluation,
    FactorResult,
    RuleWarning,
    Scenario,
    SourceRef,
    StrategyScore,
)
from bot.slack import ids
from bot.slack.blocks.evaluation import render_evaluate_modal, render_evaluation
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
    return Evaluation(
        scenario=Scenario(duration_months=24, core=True),
        assumed=("budget", "control"),
        ranking=ranking,
        factors=factor_list,
        citations=(CORE, COST),
        recommended="offshore_insourcing",
        summary="Offshore insourcing ranks first.",
    )


def _texts(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_ranking_fields_in_rank_order_with_scores_and_costs() -> None:
    """The ranking section has one field per strategy, in rank order, with score and cost."""
    _, blocks = render_evaluation(_evaluation())
    ranking = next(b for b in blocks if "fields" in b)
    assert [f["text"] for f in ranking["fields"]] == [
        ":first_place_medal: *Offshore insourcing (dedicated offshore team)*\n"
        "Score *75*/100 · cost 20% ~ 60% (headcount basis)",
        ":second_place_medal: *Onshore insourcing (in-house team)*\n"
        "Score *60*/100 · cost 100% (headcount basis)",
        ":third_place_medal: *Offshore outsourcing* :warning:\n"
        "Score *35*/100 · cost 30% ~ 70% (headcount basis)",
        "4. *Onshore outsourcing* :warning:\nScore *30*/100 · cost not stated (headcount basis)",
    ]


def test_header_recommendation_warning_factors_and_assumed() -> None:
    """Header, recommendation, one grouped warning with its quote, factor effects, assumptions."""
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
        "*Factor 0*: `long` — Over a year &amp; &lt;key&gt;.\n"
        "Onshore in-house +2.5 · Onshore outsourcing −10 · Offshore team +10"
    )
    assert blocks[-1]["elements"][0]["text"] == (
        "Assumed (not given, so the default was used): `budget`, `control`"
    )
    assert text.startswith("Offshore insourcing ranks first.\n\n1. Offshore insourcing")
    assert "Warning (Offshore outsourcing, Onshore outsourcing)" in text


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
    """The scenario context lists every field in order; defaults that were assumed are marked."""
    _, blocks = render_evaluation(_evaluation())
    assert blocks[2]["elements"][0]["text"] == (
        "*Scenario:* duration_months=`24` · core=`yes` · company=`non_it` · "
        "budget=`medium` _(assumed)_ · control=`medium` _(assumed)_ · "
        "upfront_investment=`medium` · change_rate=`medium` · local_talent=`available`"
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
