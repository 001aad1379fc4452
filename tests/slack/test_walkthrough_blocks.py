"""Walkthrough and primer renderers on the real onboarding content, without Slack."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.advisor.onboarding import OnboardingService
from bot.knowledge import load_knowledge
from bot.knowledge.onboarding import load_onboarding
from bot.slack import ids
from bot.slack.blocks.limits import assert_within_limits
from bot.slack.blocks.primer import render_primer
from bot.slack.blocks.walkthrough import parse_answer_value, render_finished, render_step

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def service() -> OnboardingService:
    """The onboarding service on the real knowledge folder."""
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    onboarding = load_onboarding(KNOWLEDGE_DIR / "onboarding.yaml", knowledge.documents)
    return OnboardingService(onboarding=onboarding, policy=knowledge.policy)


def test_every_step_renders_within_limits_before_and_after_answering(
    service: OnboardingService,
) -> None:
    """Each step, unanswered and with a right and a wrong answer, is a valid message."""
    steps = service.steps()
    for position, step in enumerate(steps, start=1):
        text, blocks = render_step(step, position=position, total=len(steps))
        assert_within_limits({"text": text, "blocks": blocks})
        nav = blocks[-1]["elements"][0]
        assert nav["text"]["text"] == ("Finish" if position == len(steps) else "Next step")
        if step.check is None:
            continue
        for option in step.check.options:
            result = service.grade(step.id, option.id)
            text, graded = render_step(step, position=position, total=len(steps), result=result)
            assert_within_limits({"text": text, "blocks": graded})
            assert not any(
                e["action_id"].startswith(ids.ACTION_WALKTHROUGH_ANSWER)
                for b in graded
                if b["type"] == "actions"
                for e in b["elements"]
            )


def test_step_without_question_has_only_navigation(service: OnboardingService) -> None:
    """The last step (no check question) shows body, sources and the Finish button only."""
    step = service.steps()[-1]
    _, blocks = render_step(step, position=5, total=5)
    assert [b["type"] for b in blocks] == ["header", "section", "context", "actions"]
    assert blocks[0]["text"]["text"] == "Step 5 of 5: Score your own scenario"


def test_answer_values_round_trip_and_reject_malformed() -> None:
    """'step:option' splits in two; values without both parts give empty ids."""
    assert parse_answer_value("costs:a") == ("costs", "a")
    assert parse_answer_value("costs") == ("", "")
    assert parse_answer_value(":a") == ("", "")
    assert parse_answer_value("costs:") == ("", "")


def test_primer_and_finish_messages_are_within_limits(service: OnboardingService) -> None:
    """The primer message and the finish message respect Block Kit limits."""
    text, blocks = render_primer(service.primer())
    assert_within_limits({"text": text, "blocks": blocks})
    assert blocks[-1]["type"] == "actions"
    text, blocks = render_finished(correct=3, questions=4)
    assert text.startswith("You finished the walkthrough and answered 3 of 4")
    assert_within_limits({"text": text, "blocks": blocks})
