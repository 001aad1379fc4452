"""The routing and coverage decisions, as decision tables of exact cases."""

from __future__ import annotations

import pytest

from bot.advisor.router import (
    CoverageRules,
    CoverageSignals,
    decide_coverage,
    decide_route,
    points_at_topic,
    read_signals,
)


def _route(
    text: str,
    *,
    fields: int = 0,
    small_talk: bool = False,
    language: str = "",
    off_topic: bool = False,
    in_domain: bool = True,
) -> str:
    signals = read_signals(
        text,
        small_talk=small_talk,
        language=language,
        off_topic=off_topic,
        in_domain=in_domain,
        scenario_fields=fields,
    )
    return decide_route(signals)


@pytest.mark.parametrize(
    ("text", "kwargs", "route"),
    [
        ("What is the difference between outsourcing and offshoring?", {}, "knowledge"),
        ("How much does a dedicated offshore team cost?", {}, "knowledge"),
        ("thanks!", {"small_talk": True, "in_domain": False}, "small_talk"),
        ("thanks, and what about offshore costs?", {"small_talk": True}, "knowledge"),
        ("¿Cuál es la diferencia?", {"language": "es", "in_domain": False}, "other_language"),
        ("Write me a poem about outsourcing", {"off_topic": True}, "out_of_scope"),
        ("Who won the world cup in 1998?", {"in_domain": False}, "knowledge"),
        ("We're a bank with a 6-month mobile app, not core", {"fields": 2}, "scenario"),
        ("Should we outsource our 6-month project?", {"fields": 1}, "mixed"),
        (
            "We're a bank with a 6-month app, not core. What should we do?",
            {"fields": 3},
            "scenario",
        ),
        ("We need a 6-month app", {"fields": 1}, "knowledge"),
        ("2 years, our main product. what would you do?", {"fields": 2}, "scenario"),
        ("What if it ran for 3 years instead?", {"fields": 3}, "scenario"),
        (
            "We're a bank with a 6-month app, not core. What are the risks of outsourcing?",
            {"fields": 3},
            "mixed",
        ),
        # "Which <thing> should we ...?" decides a strategy only when the thing is one ...
        (
            "Which clauses should we put in the outsourcing contract to make sure we own the IP?",
            {"fields": 1},
            "knowledge",
        ),
        ("Which model should we pick for our core platform?", {"fields": 1}, "mixed"),
        # ... and a place named as where we are does not stop a decision.
        ("We're a startup in India, should we outsource our app?", {"fields": 1}, "mixed"),
        # Asking what the article says is a knowledge question, whatever facts come with it
        # (set F2, dev).
        (
            "We're a bank cutting costs. Does the article link that to outsourcing at all?",
            {"fields": 2},
            "mixed",
        ),
    ],
)
def test_route_decision_table(text: str, kwargs: dict[str, object], route: str) -> None:
    """Small talk, language, off-topic, scenario facts and questions route as the table says."""
    assert _route(text, **kwargs) == route  # type: ignore[arg-type]


def _coverage(
    *,
    in_domain: bool = True,
    similarity: float,
    match: float,
    salient: int = 4,
    unknown: int = 0,
    gap: str = "",
    everyday: int = 0,
    names_text: bool = False,
) -> str:
    signals = CoverageSignals(
        in_domain=in_domain,
        similarity=similarity,
        match=match,
        salient=salient,
        unknown=unknown,
        gap=gap,
        everyday=everyday,
        names_text=names_text,
    )
    return decide_coverage(signals, CoverageRules(min_similarity=0.3, strong_similarity=0.6))


@pytest.mark.parametrize(
    ("signals", "decision"),
    [
        ({"similarity": 0.55, "match": 0.6}, "answer"),
        ({"similarity": 0.29, "match": 0.6, "unknown": 1}, "out_of_scope"),
        ({"similarity": 0.29, "match": 0.4}, "out_of_scope"),
        # every word known and half the concepts held: in words that embed far (set U)
        ({"similarity": 0.29, "match": 0.6}, "answer"),
        ({"similarity": 0.29, "match": 0.6, "everyday": 1}, "out_of_scope"),
        ({"similarity": 0.21, "match": 1.0, "salient": 2, "unknown": 0}, "answer"),
        ({"similarity": 0.21, "match": 1.0, "salient": 2, "unknown": 1}, "out_of_scope"),
        # everyday words the knowledge base never uses are still unknown to a full match
        ({"similarity": 0.21, "match": 1.0, "salient": 6, "everyday": 4}, "out_of_scope"),
        ({"similarity": 0.55, "match": 0.0}, "not_covered"),
        ({"similarity": 0.55, "match": 0.5, "salient": 5, "unknown": 3}, "not_covered"),
        ({"similarity": 0.55, "match": 0.5, "salient": 4, "unknown": 2}, "answer"),
        ({"similarity": 0.61, "match": 0.5, "salient": 4, "unknown": 3}, "answer"),
        ({"similarity": 0.55, "match": 0.6, "gap": "contract terms"}, "not_covered"),
        ({"similarity": 0.9, "match": 1.0, "gap": "contract terms"}, "not_covered"),
        ({"in_domain": False, "similarity": 0.2, "match": 0.0, "gap": "tax"}, "out_of_scope"),
        ({"in_domain": False, "similarity": 0.61, "match": 0.3}, "answer"),
        ({"in_domain": False, "similarity": 0.59, "match": 0.9}, "out_of_scope"),
        ({"in_domain": False, "similarity": 0.9, "match": 0.0}, "out_of_scope"),
        # asking what the article says is within the topic however it embeds (set F2, dev)
        ({"similarity": 0.29, "match": 0.6, "names_text": True}, "answer"),
        ({"similarity": 0.29, "match": 0.4, "names_text": True}, "not_covered"),
        (
            {"in_domain": False, "similarity": 0.29, "match": 0.6, "names_text": True},
            "out_of_scope",
        ),
    ],
)
def test_coverage_decision_table(signals: dict[str, object], decision: str) -> None:
    """Gaps, similarity, concept match and unknown words decide answer / not covered / off
    topic, in the order the decision table gives."""
    assert _coverage(**signals) == decision  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("why do people keep mixing these two up in the first place", True),
        ("Why do people keep mixing up these two terms in meetings?", True),
        ("why do so many companies get stuck deciding between the two?", True),
        ("why is this choice so hard?", True),
        ("how should an organisation like ours go about weighing up the options?", True),
        ("one of them doesn't really scale, right?", True),
        ("which of these two restaurants is better?", False),
        ("the two laptops we ordered, where are they?", False),
        ("what's the best pizza in town?", False),
        # "a company that did this" (set J2, dev); "did this to my car" does not
        ("is there an actual company that did this?", True),
        ("any firm that has done this successfully?", True),
        ("who did this to my car?", False),
    ],
)
def test_a_message_pointing_at_the_topic(text: str, points: bool) -> None:
    """'these two', 'this choice', 'one of them' point at the advisor's topic; 'these two
    restaurants' names something else."""
    assert points_at_topic(text) is points
