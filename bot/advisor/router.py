"""The two decisions before an answer: what a message is (route) and whether the knowledge base
covers it (coverage). Thresholds live in one frozen object each; tests/unit/test_router.py holds
their decision tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.advisor.intent import asks_what_text_says

_DECISION = re.compile(
    r"\b(what would you (do|suggest|recommend|pick|choose|go (for|with))|should (we|i)|"
    r"what should|which (strategy|option|model|approach|setup|one)|recommend|"
    r"evaluate|best (option|strategy|approach|way|fit)|do we|would you|help (us|me) decide|"
    r"what do you (suggest|think)|good idea|right (move|call|choice)|worth it)\b",
    re.IGNORECASE,
)
# A request for the advisor's pick, with no topic named: "which one is best? just tell me".
_PICK = re.compile(
    r"\b(which (one|option|model|strategy|approach|way)?\s*(is|'s) (the )?(best|better|right)|"
    r"just tell me|what (do|would) you (recommend|suggest|pick|choose|do)|"
    r"which (one|option|model|strategy|approach) (do|should|shall|would) (we|i) (pick|choose|go "
    r"(with|for)|take)|"
    # whether one option suits everyone: "is there a one-size-fits-all model?"
    r"one[- ]size[- ]fits[- ]all|one (right|best) (answer|model|option|choice)|silver bullet)\b",
    re.IGNORECASE,
)


# A message that points at the advisor's topic without naming it: "why do people keep mixing
# these two up?", "why is this choice so hard?", "one of them doesn't scale, right?".
_POINTS_AT_TOPIC = re.compile(
    r"\b(these|those|the|both|either|neither)\s+(two|2)(\s+(terms|words|options|models|"
    r"approaches|strategies|routes|paths|ways|things|setups|choices|concepts|set-?ups))?\b"
    r"(?!\s+[a-z]{3,}s\b)|"
    r"\bthis (choice|decision|dilemma|trade-?off|debate)\b|"
    r"\bweigh(ing)? (up )?(the|our|my|these|those) options\b|"
    r"\b(one|either|neither|both|each|which) of (them|the two|(these|those)"
    r"(?!\s+(two\s+|2\s+)?[a-z]{3,}s\b))\b|"
    # "any real company that did this?": the thing the advisor advises on
    r"\b(compan(y|ies)|firms?|business(es)?|anyone|anybody|someone|somebody|startups?)"
    r" (that|which|who) (actually |really |successfully )?(did|does|has done|have done|"
    r"tried|pulled off|went for|has gone for) (this|that|it)\b",
    re.IGNORECASE,
)


# "Which clauses should we put in the contract?" asks which clauses, not which strategy.
_WHICH_THING = re.compile(
    r"\b(which|what)\s+(?P<thing>[a-z-]+)\s+(should|shall|must|do|would|could)\s+(we|i)\b",
    re.IGNORECASE,
)
_STRATEGY_NOUNS = frozenset(
    {
        "strategy", "strategies", "option", "options", "model", "models", "approach",
        "approaches", "setup", "one", "way", "route", "path", "choice", "direction", "team",
        "vendor", "partner", "provider",
    }
)  # fmt: skip


def asks_decision(text: str) -> bool:
    """Whether a message asks for a decision ("what should we do?", "which option?"); "which
    <thing> should we ...?" asks for a decision only when the thing is a strategy, an option or
    a team ("which clauses should we put in the contract?" asks which clauses)."""
    thing = _WHICH_THING.search(text)
    if thing and thing["thing"].lower() not in _STRATEGY_NOUNS:
        return bool(_DECISION.search(text[: thing.start()] + text[thing.end() :]))
    return bool(_DECISION.search(text))


def wants_decision(text: str) -> bool:
    """Whether a message asks the advisor to pick ("which one is best, just tell me"): a
    request its topic is, even when it names no word of the topic (coverage still decides)."""
    return bool(_PICK.search(text))


def points_at_topic(text: str) -> bool:
    """Whether a message points at the advisor's topic without naming it ("why do people keep
    mixing these two up?", "why is this choice so hard?"): sent to this advisor with no thread
    before it, "these two" are what it advises on. Coverage still decides whether the
    knowledge base answers it."""
    return bool(_POINTS_AT_TOPIC.search(text))


# "What if it ran for 3 years?" changes a scenario fact; it asks for no knowledge.
_WHAT_IF = re.compile(r"\b(what if|what about|how about|and if)\b", re.IGNORECASE)
_QUESTION = re.compile(
    r"\b(what|why|how|difference|explain|define|meaning|mean|risks?|pros|cons|benefits?|"
    r"drawbacks?|compare|comparison|downsides?)\b",
    re.IGNORECASE,
)

Decision = Literal["small_talk", "other_language", "out_of_scope", "scenario", "mixed", "knowledge"]


@dataclass(frozen=True)
class RouteSignals:
    """What routing looks at.

    Attributes:
        small_talk: The message is a greeting, thanks or a request for help.
        language: ISO code of another language the message is written in; "" for English.
        off_topic: It asks for something never about sourcing (a poem, the weather).
        in_domain: It uses a word of the bot's topic (or states scenario facts).
        scenario_fields: How many scenario facts it states.
        decision_intent: It asks for a decision ("what should we do?").
        knowledge_question: It asks what/why/how (beyond the decision).
    """

    small_talk: bool
    language: str
    off_topic: bool
    in_domain: bool
    scenario_fields: int
    decision_intent: bool
    knowledge_question: bool


def read_signals(
    text: str,
    *,
    small_talk: bool,
    language: str,
    off_topic: bool,
    in_domain: bool,
    scenario_fields: int,
    choice: bool = False,
) -> RouteSignals:
    """Routing signals of a normalised message; the lexical ones are read here. ``choice``:
    the message asks which of two options ("outsource or offshore for a 6 month MVP?"), a
    request for a decision however it is worded."""
    return RouteSignals(
        small_talk=small_talk,
        language=language,
        off_topic=off_topic,
        in_domain=in_domain or scenario_fields > 0,
        scenario_fields=scenario_fields,
        decision_intent=choice or asks_decision(text),
        # "What should we do?" asks for a decision, not for knowledge; "does the article tie
        # that in with outsourcing at all?" asks what the knowledge base says.
        knowledge_question=bool(_QUESTION.search(_WHAT_IF.sub(" ", _DECISION.sub(" ", text))))
        or asks_what_text_says(text),
    )


def decide_route(signals: RouteSignals) -> Decision:
    """Route a message from its signals, in this order.

    1. Small talk that mentions nothing of the topic gets a short friendly reply.
    2. Another language gets a note that the bot answers in English.
    3. Off-topic requests are declined even when they mention outsourcing.
    4. A scenario needs two facts, or one fact and a request for a decision. It is mixed
       (scored and answered from the knowledge base) when it also asks what/why/how, or gives
       a single fact: "Should we outsource our core platform?" is better answered by the
       passage on core capabilities than by a ranking built mostly on defaults.
    5. Everything else is a knowledge question; coverage decides whether it is answered.
    """
    if signals.small_talk and not signals.in_domain:
        return "small_talk"
    if signals.language:
        return "other_language"
    if signals.off_topic:
        return "out_of_scope"
    is_scenario = signals.scenario_fields >= 2 or (
        signals.scenario_fields >= 1 and signals.decision_intent
    )
    if is_scenario:
        mixed = signals.knowledge_question or signals.scenario_fields == 1
        return "mixed" if mixed else "scenario"
    return "knowledge"


@dataclass(frozen=True)
class CoverageRules:
    """When the knowledge base is taken to cover a question."""

    min_similarity: float = 0.3
    """Below this cosine similarity of the closest sentence, nothing in the knowledge base is
    about the question (SOURCING_MIN_SIMILARITY): it is off topic even when it uses a word of
    the topic ("team lunch ideas?", "offshore fishing trips?")."""
    strong_similarity: float = 0.6
    """At or above this, a passage matches so closely that unfamiliar words in the question,
    or the absence of topic words, do not matter ("Who is V-key?")."""
    min_match: float = 0.0
    """The best sentence must hold more than this weighted share of the question's concepts."""
    text_match: float = 0.5
    """A question asking what the knowledge base says ("does the article warn about that?")
    is within the topic however it embeds: below min_similarity it is answered when the best
    passage holds at least this share of its concepts, and not covered otherwise."""
    full_match: float = 0.99
    """A passage holding (nearly) every concept of a question whose words the knowledge base
    all knows covers it even below min_similarity: short questions ("tl;dr?") embed poorly."""
    unknown_share: float = 0.6
    """A question whose salient terms are at least this share unknown to the knowledge base
    (and to the synonym groups) asks about something else. Kept high: people describe their
    situation in words no article uses ("we've hired in Munich for 10 years ..."); the topics
    known to be missing are named by the vocabulary's gaps instead."""

    def mostly_unknown(self, unknown: int, salient: int) -> bool:
        """Whether ``unknown`` words are at least ``unknown_share`` of ``salient`` ones."""
        return unknown > 0 and unknown >= self.unknown_share * max(salient, 1)


Coverage = Literal["answer", "not_covered", "out_of_scope"]


@dataclass(frozen=True)
class CoverageSignals:
    """What the coverage decision looks at.

    Attributes:
        in_domain: The question uses a word of the bot's topic.
        similarity: Cosine similarity of the closest sentence or table cell (0..1).
        match: Weighted share of the question's concepts held by the best sentence (0..1).
        salient: How many salient (non-generic) terms the question has.
        unknown: How many of them the knowledge base and the synonym groups never use.
        keyword_only: The vector store did not answer; passages come from BM25 alone and
            similarity was computed over them.
        gap: The topic of a vocabulary gap the question names ("tax and legal set-up"), or "".
        everyday: How many unknown words were not counted in ``unknown`` because they are
            everyday English ("dinner", "square"): they say how someone talks, but they are
            still words the knowledge base never uses.
        names_text: The question asks what the knowledge base says ("does the article warn
            about that?").
    """

    in_domain: bool
    similarity: float
    match: float
    salient: int
    unknown: int
    keyword_only: bool = False
    gap: str = ""
    everyday: int = 0
    names_text: bool = False


def decide_coverage(signals: CoverageSignals, rules: CoverageRules = CoverageRules()) -> Coverage:
    """Answer, say "not covered", or decline as off topic.

    A question without topic words is answered only when a passage matches it strongly (or it
    asks what the knowledge base says and a passage holds all its concepts), else it is off
    topic. A topical question is not covered when it names a gap of the knowledge
    base (however close a passage's wording), or when no passage shares a concept with it; it
    is off topic when no passage is similar enough (unless a passage holds all of its concepts
    and all its words are known, or it asks what the knowledge base says: then it is answered
    when a passage holds ``text_match`` of its concepts, else not covered); it is not covered
    when most of its salient words are unknown to the knowledge base (unless a passage matches
    strongly).
    """
    strong = signals.similarity >= rules.strong_similarity
    if not signals.in_domain:
        # "does the piece say companies are already sold on this stuff?" asks what the text
        # says, and a passage holds all it asks about.
        said = (
            signals.names_text
            and signals.match >= rules.full_match
            and signals.similarity >= rules.min_similarity
        )
        return "answer" if (strong and signals.match > rules.min_match) or said else "out_of_scope"
    if signals.gap or signals.match <= rules.min_match:
        return "not_covered"
    # Every word known: everyday words the knowledge base never uses ("good spot for a board
    # dinner, 8 ppl") leave a full match of the one word it knows ("ppl") proving nothing.
    full = signals.match >= rules.full_match and signals.unknown == signals.everyday == 0
    weak = signals.similarity < rules.min_similarity and not full
    # Every word known and half the concepts held: a question put in words that embed far from
    # the article's ("why bother staying in-house when it's the priciest way?") is still its.
    known = signals.unknown == signals.everyday == 0 and signals.match >= rules.text_match
    if weak and not (signals.names_text or known):
        return "out_of_scope"
    thin = weak and signals.match < rules.text_match
    if thin or (rules.mostly_unknown(signals.unknown, signals.salient) and not strong):
        return "not_covered"
    return "answer"
