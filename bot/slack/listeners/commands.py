"""/sourcing: ask (also without the word), evaluate, policy, onboard and help; quick replies in
the ack, work in lazy."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InputError
from bot.models import SCENARIO_FIELDS
from bot.slack import ids
from bot.slack.blocks.answer import ERROR_TEXT
from bot.slack.blocks.evaluation import escape
from bot.slack.blocks.limits import truncate
from bot.slack.blocks.primer import render_primer
from bot.slack.deps import SlackDeps
from bot.slack.listeners.answering import bounded
from bot.slack.listeners.views import UNREACHABLE, open_evaluate_modal, post_evaluation
from bot.slack.listeners.walkthrough import NOT_CONFIGURED_TEXT, start_walkthrough
from bot.slack.posting import UNPOSTED_TEXT, post_answer, remember_answer, rendered
from bot.slack.progress import ProgressStore
from bot.slack.webclient import ack_client

logger = logging.getLogger(__name__)

SUBCOMMANDS = ("ask", "evaluate", "policy", "onboard", "help")
EVALUATE_EXAMPLE = (
    f"{ids.COMMAND} evaluate duration_months=24 core=no company=tech local_talent=scarce"
)
HELP_TEXT = "\n".join(
    [
        f"*Sourcing Advisor* — `{ids.COMMAND} <subcommand>`",
        f"• `{ids.COMMAND} ask TEXT` — ask a question, e.g. "
        f"`{ids.COMMAND} ask Should we outsource our payment platform?`",
        f"• `{ids.COMMAND} evaluate key=value …` — score a scenario, e.g. `{EVALUATE_EXAMPLE}`. "
        f"Fields: {', '.join(SCENARIO_FIELDS)}.",
        f"• `{ids.COMMAND} evaluate` — the same, with a form",
        f"• `{ids.COMMAND} policy` — the four strategies, the hard rules and what they cost",
        f"• `{ids.COMMAND} onboard` — a short walkthrough with check questions",
        f"• `{ids.COMMAND} help` — this message",
    ]
)
ASK_USAGE = f"Add your question after `ask`, e.g. `{ids.COMMAND} ask What is offshoring?`"
ONBOARD_TEXT = "I've sent the walkthrough to our direct messages (the app's Messages tab)."
# An unknown subcommand is echoed back cut to this many characters.
MAX_ECHOED_SUBCOMMAND = 40
MODAL_FAILED_TEXT = (
    f"I couldn't open the form. Pass the fields directly instead, e.g. `{EVALUATE_EXAMPLE}`"
)


def split_command(text: str) -> tuple[str, str]:
    """``'evaluate core=yes'`` -> ``('evaluate', 'core=yes')``; the subcommand is lower-cased.

    Text that starts with no subcommand but says more than one word, or asks ("what is
    offshoring?"), is a question: ``('ask', text)``.
    """
    head, _, rest = text.strip().partition(" ")
    sub = head.lower()
    if sub and sub not in SUBCOMMANDS and (rest.strip() or head.endswith("?")):
        return "ask", text.strip()
    return sub, rest.strip()


def help_text(subcommand: str = "") -> str:
    """The help message; an unknown subcommand is named first."""
    if subcommand and subcommand not in SUBCOMMANDS:
        shown = escape(truncate(subcommand, MAX_ECHOED_SUBCOMMAND))
        return f"I don't know `{shown}`.\n{HELP_TEXT}"
    return HELP_TEXT


class _Command:
    """The /sourcing ack and lazy handlers, sharing the deps and the progress store."""

    def __init__(self, deps: SlackDeps, progress: ProgressStore) -> None:
        self._deps = deps
        self._progress = progress

    def ack_command(self, ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        """Reply at once: help, primer, argument errors, or open the modal (trigger_id: 3 s)."""
        sub, rest = split_command(str(command.get("text") or ""))
        if sub == "evaluate" and not rest:
            try:
                open_evaluate_modal(
                    ack_client(client),  # bounded: the ack must reach Slack within 3 s
                    trigger_id=str(command.get("trigger_id", "")),
                    channel=str(command.get("channel_id", "")),
                    user=str(command.get("user_id", "")),
                )
            except (SlackApiError, OSError) as err:
                logger.warning("views.open failed error=%s", type(err).__name__)
                ack(response_type="ephemeral", text=MODAL_FAILED_TEXT)
                return
            ack()
        elif sub == "evaluate":
            try:
                self._deps.advisor.parse_scenario_args(rest)
            except InputError as err:
                ack(
                    response_type="ephemeral",
                    text=f":warning: {escape(bounded(str(err)))}\nExample: `{EVALUATE_EXAMPLE}`",
                )
                return
            ack()
        elif sub == "ask" and not rest:
            ack(response_type="ephemeral", text=ASK_USAGE)
        elif sub == "ask":
            ack()
        elif sub == "policy":
            onboarding = self._deps.advisor.onboarding
            if onboarding is None:
                ack(response_type="ephemeral", text=NOT_CONFIGURED_TEXT)
                return
            text, blocks = render_primer(onboarding.primer())
            ack(response_type="ephemeral", text=text, blocks=blocks)
        elif sub == "onboard":
            ack(
                response_type="ephemeral",
                text=ONBOARD_TEXT if self._deps.advisor.onboarding else NOT_CONFIGURED_TEXT,
            )
        else:
            ack(response_type="ephemeral", text=help_text(sub))

    def handle_command(self, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """The slow part, after the ack: ask the advisor, evaluate, or send the walkthrough."""
        sub, rest = split_command(str(command.get("text") or ""))
        channel = str(command.get("channel_id", ""))
        user = str(command.get("user_id", ""))
        try:
            if sub == "ask" and rest:
                self._ask(client, respond, channel=channel, question=rest)
            elif sub == "evaluate" and rest:
                self._evaluate(client, respond, channel=channel, user=user, args=rest)
            elif sub == "onboard":
                onboarding = self._deps.advisor.onboarding
                if onboarding is not None:
                    start_walkthrough(
                        client, onboarding=onboarding, progress=self._progress, user=user
                    )
        except InputError as err:
            logger.info("command input rejected sub=%s field=%s", sub, err.field)
            _tell(respond, bounded(str(err)))
        except Exception:
            logger.exception("/sourcing %s failed channel=%s", sub, channel)
            _tell(respond, ERROR_TEXT)

    def _ask(self, client: WebClient, respond: Respond, *, channel: str, question: str) -> None:
        answer = self._deps.advisor.ask(question)
        result = post_answer(
            client,
            deps=self._deps,
            channel=channel,
            thread_ts=None,
            question=question,
            answer=answer,
        )
        if result.ts is not None:
            return
        if result.error not in UNREACHABLE:
            _tell(respond, UNPOSTED_TEXT.format(code=result.error))
            return
        # The bot is not in this conversation (a DM between people, a private channel): answer
        # through the command's response_url, where the question was asked.
        key = secrets.token_hex(6)
        text, blocks = rendered(answer, key=key, note=None)
        respond(text=text, blocks=blocks, response_type="in_channel", replace_original=False)
        remember_answer(
            self._deps,
            channel=channel,
            ts=f"response_url:{key}",
            key=key,
            question=question,
            answer=answer,
        )
        logger.info("answer sent through response_url channel=%s error=%s", channel, result.error)

    def _evaluate(
        self, client: WebClient, respond: Respond, *, channel: str, user: str, args: str
    ) -> None:
        try:
            scenario = self._deps.advisor.parse_scenario_args(args)
        except InputError:
            return  # the ack already told the user which field is wrong
        evaluation = self._deps.advisor.evaluate(scenario)
        post_evaluation(
            client,
            channel=channel,
            thread_ts=None,
            user=user,
            evaluation=evaluation,
            respond=respond,
        )
        logger.info("evaluation posted from command channel=%s", channel)


def _tell(respond: Respond, text: str) -> None:
    """Tell the command's user privately (response_url works where the bot cannot post)."""
    try:
        respond(text=text, response_type="ephemeral", replace_original=False)
    except Exception as err:  # the error path must not raise into Bolt
        logger.error("response_url failed error=%s", type(err).__name__)


def register(app: App, deps: SlackDeps) -> None:
    """Register the /sourcing command (ack with quick replies, lazy for the advisor)."""
    handlers = _Command(deps, ProgressStore(deps.store))
    app.command(ids.COMMAND)(ack=handlers.ack_command, lazy=[handlers.handle_command])
