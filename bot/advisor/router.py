"""Decide what a message is: a knowledge question, a scenario, both, or out of scope."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.advisor.text import stem, terms
from bot.models import Route

# Stems of words that put a message inside the bot's domain (sourcing software development).
_DOMAIN = frozenset(
    stem(w)
    for w in """outsource outsourcing offshore offshoring onshore onshoring insource insourcing
    nearshore inhouse in-house vendor vendors provider providers contractor contractors partner
    agency team teams develop development developer developers software engineering engineers
    project projects cost costs costly cheap cheaper cheapest expensive price budget wage wages
    salary hire hiring recruit recruiting recruitment talent contract contracting strategy
    strategies control management manage quality scalability scale scaling capacity infrastructure
    sourcing dedicated headcount margin margins capability capabilities core policy tech it
    overseas abroad country countries remote vietnam staff employees model models delivery
    maintenance communication change requests risk risks option options approach""".replace(
        "-", " "
    ).split()
)

# Requests that are never about sourcing, whatever words they contain.
_OFF_TOPIC = re.compile(
    r"\b(poem|poetry|haiku|limerick|joke|song|lyrics|recipe|weather|forecast|horoscope|"
    r"football|soccer|cricket|movie|film|novel|capital of|translate|bitcoin|stock price|"
    r"birthday|dating|sonnet|rap)\b",
    re.IGNORECASE,
)

_DECISION = re.compile(
    r"\b(should (we|i)|what should|which (strategy|option|model|approach)|recommend|"
    r"evaluate|best (option|strategy|approach|way)|do we|would you|help (us|me) decide)\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(
    r"\b(what|why|how|difference|explain|define|meaning|mean|risks?|pros|cons|benefits?|"
    r"drawbacks?|compare|comparison)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RouteSignals:
    """What the router looks at."""

    in_domain: bool
    off_topic: bool
    scenario_fields: int
    decision_intent: bool
    knowledge_question: bool


def read_signals(text: str, *, scenario_fields: int) -> RouteSignals:
    """Compute the routing signals of a message.

    Args:
        text: The user's message.
        scenario_fields: How many scenario fields the scenario parser read from it.

    Returns:
        The signals, ready for :func:`decide_route`.
    """
    words = set(terms(text))
    return RouteSignals(
        in_domain=bool(words & _DOMAIN) or scenario_fields > 0,
        off_topic=bool(_OFF_TOPIC.search(text)),
        scenario_fields=scenario_fields,
        decision_intent=bool(_DECISION.search(text)),
        # "What should we do?" asks for a decision, not for knowledge.
        knowledge_question=bool(_QUESTION.search(_DECISION.sub(" ", text))),
    )


def decide_route(signals: RouteSignals) -> Route:
    """Route a message from its signals.

    A scenario needs two facts, or one fact and a request for a decision. It is mixed (scored
    and answered from the knowledge base) when it also asks a what/why/how question, or when it
    gives a single fact: "Should we outsource our core platform?" is better answered by the
    passage on core capabilities than by a ranking built mostly on defaults. Off-topic requests
    (poems, weather) are out of scope even when they mention outsourcing.
    """
    if signals.off_topic or not signals.in_domain:
        return "out_of_scope"
    is_scenario = signals.scenario_fields >= 2 or (
        signals.scenario_fields >= 1 and signals.decision_intent
    )
    if is_scenario:
        mixed = signals.knowledge_question or signals.scenario_fields == 1
        return "mixed" if mixed else "scenario"
    return "knowledge"
