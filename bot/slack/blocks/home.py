"""Block Kit rendering of the App Home tab: what the bot does, the primer, walkthrough progress."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.models import Primer, WalkthroughStep
from bot.slack import ids
from bot.slack.blocks.evaluation import context, escape, header, section
from bot.slack.blocks.limits import MAX_BLOCKS_VIEW, fit_blocks
from bot.slack.blocks.primer import button, primer_actions, primer_blocks
from bot.slack.progress import Progress

Block = dict[str, Any]

NO_ONBOARDING_TEXT = (
    "I help you decide how to source software development: insourcing or outsourcing, onshore "
    "or offshore. Ask me a question or run `/sourcing evaluate` to score a scenario."
)


def progress_text(progress: Progress, steps: Sequence[WalkthroughStep]) -> str:
    """One mrkdwn paragraph describing the user's walkthrough progress."""
    questions = [s.id for s in steps if s.check is not None]
    correct = len(progress.correct_steps() & set(questions))
    score = f"Check questions answered correctly: *{correct} of {len(questions)}*."
    if progress.completed and progress.current_step is None:
        return f":white_check_mark: *Walkthrough completed.* {score}"
    order = [s.id for s in steps]
    if progress.current_step in order:
        position = order.index(progress.current_step)
        title = steps[position].title
        return (
            f"*Walkthrough in progress:* step {position + 1} of {len(steps)}, "
            f"_{escape(title)}_. {score}"
        )
    return (
        f"*New here?* The walkthrough takes a few minutes: {len(steps)} short steps and "
        f"{len(questions)} check questions."
    )


def _walkthrough_label(progress: Progress) -> str:
    if progress.completed and progress.current_step is None:
        return "Start the walkthrough again"
    return "Resume the walkthrough" if progress.current_step else "Start the walkthrough"


def render_home(
    primer: Primer | None,
    *,
    steps: Sequence[WalkthroughStep],
    progress: Progress,
) -> Block:
    """The Home tab view for one user.

    Args:
        primer: The primer (None when onboarding is not configured: a short fixed text instead).
        steps: The walkthrough steps.
        progress: The user's walkthrough progress.

    Returns:
        A ``views.publish`` view of type ``home`` with at most 100 blocks.
    """
    blocks: list[Block] = [header(primer.title if primer is not None else "Sourcing Advisor")]
    if primer is None:
        blocks.append(section(escape(NO_ONBOARDING_TEXT)))
        blocks.append(
            {
                "type": "actions",
                "elements": [button("Evaluate a scenario", ids.ACTION_OPEN_EVALUATE, value="open")],
            }
        )
        return {"type": "home", "blocks": blocks}
    blocks.append(section(progress_text(progress, steps)))
    blocks.append(primer_actions(walkthrough_label=_walkthrough_label(progress)))
    blocks.append({"type": "divider"})
    blocks.extend(primer_blocks(primer))
    blocks.append({"type": "divider"})
    blocks.append(section(f"*How to use me*\n{escape(primer.usage)}"))
    fitted = fit_blocks(
        blocks, MAX_BLOCKS_VIEW, lambda n: context(f"{n} more blocks left out to fit the Home tab.")
    )
    return {"type": "home", "blocks": fitted}
