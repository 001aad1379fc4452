"""Block Kit rendering of walkthrough steps, graded answers and the finish message."""

from __future__ import annotations

from typing import Any

from bot.models import QuizResult, WalkthroughStep
from bot.slack import ids
from bot.slack.blocks.evaluation import context, escape, header, quote_ref_line, section
from bot.slack.blocks.limits import (
    MAX_BLOCKS_MESSAGE,
    MAX_BUTTON_TEXT,
    MAX_CONTEXT_ELEMENTS,
    fit_blocks,
    truncate,
)
from bot.slack.blocks.primer import button

Block = dict[str, Any]


def answer_action_id(option_id: str) -> str:
    """The action_id of one answer button.

    Slack requires action_ids to be unique within a block, so each option's button gets the
    shared prefix ``ids.ACTION_WALKTHROUGH_ANSWER`` plus ``:<option id>``.
    """
    return f"{ids.ACTION_WALKTHROUGH_ANSWER}:{option_id}"


def answer_value(step_id: str, option_id: str) -> str:
    """The value an answer button carries: ``step_id:option_id``."""
    return f"{step_id}:{option_id}"


def parse_answer_value(value: str) -> tuple[str, str]:
    """Split an answer button's value into (step id, option id); ('', '') when malformed."""
    step_id, sep, option_id = value.partition(":")
    return (step_id, option_id) if sep and step_id and option_id else ("", "")


def _result_blocks(step: WalkthroughStep, result: QuizResult) -> list[Block]:
    check = step.check
    texts = {o.id: o.text for o in check.options} if check is not None else {}
    chosen = texts.get(result.option_id, result.option_id)
    if result.correct:
        verdict = f":white_check_mark: *Correct:* {escape(chosen)}"
    else:
        right = texts.get(result.correct_option, result.correct_option)
        verdict = f":x: *Not quite.* You chose {escape(chosen)}; the answer is *{escape(right)}*."
    return [
        section(f"{verdict}\n{escape(result.explanation)}"),
        context(quote_ref_line(result.citation)),
    ]


def render_step(
    step: WalkthroughStep,
    *,
    position: int,
    total: int,
    result: QuizResult | None = None,
) -> tuple[str, list[Block]]:
    """Render one walkthrough step as a message.

    Args:
        step: The step.
        position: Its 1-based position.
        total: How many steps there are.
        result: The graded answer, when the check question was just answered (replaces the
            answer buttons with the verdict, explanation and source quote).

    Returns:
        The fallback text and at most 50 blocks: header, body, sources, check question (answer
        buttons or the verdict) and a Next (or Finish) button.
    """
    blocks: list[Block] = [
        header(f"Step {position} of {total}: {step.title}"),
        section(escape(step.body)),
        context(*(quote_ref_line(c) for c in step.citations[:MAX_CONTEXT_ELEMENTS])),
    ]
    check = step.check
    if check is not None:
        blocks.append(section(f"*Check question:* {escape(check.prompt)}"))
        if result is None:
            blocks.append(
                {
                    "type": "actions",
                    "block_id": f"walkthrough_answers_{step.id}",
                    "elements": [
                        button(
                            truncate(option.text, MAX_BUTTON_TEXT),
                            answer_action_id(option.id),
                            value=answer_value(step.id, option.id),
                        )
                        for option in check.options
                    ],
                }
            )
        else:
            blocks.extend(_result_blocks(step, result))
    last = position >= total
    blocks.append(
        {
            "type": "actions",
            "block_id": f"walkthrough_nav_{step.id}",
            "elements": [
                button(
                    "Finish" if last else "Next step",
                    ids.ACTION_WALKTHROUGH_NEXT,
                    value=step.id,
                    style="primary",
                )
            ],
        }
    )
    text = f"Step {position} of {total}: {step.title}\n{step.body}"
    if check is not None:
        text += f"\nCheck question: {check.prompt}"
    if result is not None:
        text += f"\n{'Correct' if result.correct else 'Not quite'}: {result.explanation}"
    fitted = fit_blocks(
        blocks, MAX_BLOCKS_MESSAGE, context("Some of this step was left out."), keep_last=1
    )
    return text, fitted


def render_finished(*, correct: int, questions: int) -> tuple[str, list[Block]]:
    """Render the message shown after the last step.

    Args:
        correct: Check questions whose latest answer was correct.
        questions: How many check questions the walkthrough has.

    Returns:
        The fallback text and the blocks (summary, evaluate and restart buttons).
    """
    summary = (
        f"You finished the walkthrough and answered {correct} of {questions} check questions "
        "correctly. Try it on your own project next."
    )
    blocks: list[Block] = [
        header("Walkthrough complete"),
        section(f":tada: {escape(summary)}"),
        {
            "type": "actions",
            "elements": [
                button(
                    "Evaluate a scenario", ids.ACTION_OPEN_EVALUATE, value="open", style="primary"
                ),
                button("Start again", ids.ACTION_START_WALKTHROUGH, value="restart"),
            ],
        },
    ]
    return summary, blocks
