"""Every Slack identifier the app registers; a test checks them against the app manifest."""

from __future__ import annotations

COMMAND = "/sourcing"

# Events the app subscribes to (manifest: settings.event_subscriptions.bot_events).
BOT_EVENTS: tuple[str, ...] = (
    "app_mention",
    "message.im",
    "message.channels",
    "message.groups",
    "app_home_opened",
    "assistant_thread_started",
    "assistant_thread_context_changed",
)

# Answer feedback buttons.
ACTION_FEEDBACK_UP = "feedback_up"
ACTION_FEEDBACK_DOWN = "feedback_down"

# Home tab and primer buttons.
ACTION_OPEN_EVALUATE = "open_evaluate_modal"
ACTION_START_WALKTHROUGH = "walkthrough_start"

# Walkthrough navigation and check-question answers.
ACTION_WALKTHROUGH_NEXT = "walkthrough_next"
ACTION_WALKTHROUGH_ANSWER = "walkthrough_answer"

# The /sourcing evaluate modal; each Scenario field is an input block "scenario_<field>".
VIEW_EVALUATE = "evaluate_modal"
SCENARIO_BLOCK_PREFIX = "scenario_"
SCENARIO_ACTION = "value"

ACTION_IDS: tuple[str, ...] = (
    ACTION_FEEDBACK_UP,
    ACTION_FEEDBACK_DOWN,
    ACTION_OPEN_EVALUATE,
    ACTION_START_WALKTHROUGH,
    ACTION_WALKTHROUGH_NEXT,
    ACTION_WALKTHROUGH_ANSWER,
)
CALLBACK_IDS: tuple[str, ...] = (VIEW_EVALUATE,)
