"""The Advisor: validates input, routes, retrieves, scores and composes grounded answers."""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.advisor.intent import (
    asked_clause,
    asking_sentences,
    asks_about_text,
    asks_wh,
    asks_what_text_says,
    without_named_places,
    without_small_talk_words,
)
from bot.advisor.lexicon import Lexicon
from bot.advisor.ports import Composer, Retriever
from bot.advisor.question import (
    Question,
    asks_grid_place,
    asks_to_pick,
    offers_choice,
    read_question,
)
from bot.advisor.router import (
    CoverageRules,
    CoverageSignals,
    decide_coverage,
    decide_route,
    points_at_topic,
    read_signals,
)
from bot.advisor.select import gives_kind, question_weight
from bot.advisor.threads import asked_parts, message_scenario, thread_scenario
from bot.errors import InputError
from bot.models import Answer, Evaluation, Passage, Policy, QuestionKind, Scenario
from bot.scoring import evaluate, parse_scenario_args
from bot.text import clean_text, everyday_terms, split_sentences, terms

logger = logging.getLogger(__name__)

_MAX_K = 50
_HISTORY_TURNS = 6
PASSAGES = 6
"""Passages read for an answer: the composer picks sentences among all of them."""
DEEP_KINDS: frozenset[QuestionKind] = frozenset({"example"})
"""Kinds of question whose answer is looked for below the best passages too ..."""
DEEP_PASSAGES = 60
"""... among this many ..."""
DEEP_EXTRA = 2
"""... adding at most this many prose passages that carry what the kind asks for."""
KEYWORD_ONLY_NOTE = (
    "The vector store is unavailable right now, so this answer comes from keyword search only."
)


class Advisor:
    """The one object the CLI and the Slack adapter talk to."""

    def __init__(
        self,
        *,
        retriever: Retriever,
        policy: Policy,
        composer: Composer,
        lexicon: Lexicon,
        max_question_chars: int = 4000,
        coverage: CoverageRules | None = None,
        onboarding: Any = None,
    ) -> None:
        self._retriever = retriever
        self._policy = policy
        self._composer = composer
        self._lexicon = lexicon
        self._max_chars = max_question_chars
        self._coverage = coverage or CoverageRules()
        self._onboarding = onboarding

    def with_retriever(self, retriever: Retriever) -> Advisor:
        """The same advisor searching with another retriever (e.g. the same index with other
        labelled questions, see ``HybridRetriever.with_labelled``)."""
        other = copy.copy(self)
        other._retriever = retriever
        return other

    @property
    def retriever(self) -> Retriever:
        """What the advisor searches with."""
        return self._retriever

    @property
    def policy(self) -> Policy:
        """The validated sourcing policy."""
        return self._policy

    @property
    def onboarding(self) -> Any:
        """The onboarding service (primer, walkthrough), when configured."""
        return self._onboarding

    @property
    def max_question_chars(self) -> int:
        """The longest message accepted."""
        return self._max_chars

    def health(self) -> bool:
        """Whether the vector store answers now (one bounded call; for GET /readyz).

        While it does not, answers come from keyword search alone and say so.
        """
        return bool(self._retriever.health())

    def _check_text(self, text: object, *, what: str = "question") -> str:
        if not isinstance(text, str):
            msg = f"{what}: expected text, got {type(text).__name__}"
            raise InputError(msg, field=what)
        stripped = clean_text(text).strip()
        if not stripped:
            msg = f"{what}: the text is empty; ask a question about sourcing software development"
            raise InputError(msg, field=what)
        if len(stripped) > self._max_chars:
            msg = (
                f"{what}: the text is {len(stripped):,} characters long; the limit is "
                f"{self._max_chars:,}. Please shorten it to the question itself."
            )
            raise InputError(msg, field=what)
        return stripped

    def search(self, text: str, k: int = 5) -> list[Passage]:
        """Hybrid search over the knowledge base.

        Args:
            text: The query.
            k: How many passages to return (1-50).

        Returns:
            Passages, best first.

        Raises:
            InputError: empty or over-long text, or k out of range.
        """
        query = self._check_text(text, what="query")
        if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= _MAX_K:
            msg = f"k: must be a whole number from 1 to {_MAX_K}, got {k!r}"
            raise InputError(msg, field="k")
        return self._retriever.search(query, k)

    def evaluate(self, scenario: Scenario) -> Evaluation:
        """Score the four strategies for a scenario (deterministic)."""
        if not isinstance(scenario, Scenario):
            msg = f"scenario: expected a Scenario, got {type(scenario).__name__}"
            raise InputError(msg, field="scenario")
        return evaluate(scenario, self._policy)

    def parse_scenario_args(self, text: str) -> Scenario:
        """Parse ``key=value`` scenario arguments; raises InputError naming the field."""
        return parse_scenario_args(text)

    def ask(self, text: str, *, history: Sequence[str] = ()) -> Answer:
        """Answer a message, grounded in the knowledge base and/or the scoring tool.

        Slack markup (mentions, links, emoji codes, entities) is undone first, so a question
        gets the same answer however Slack wrapped it.

        Args:
            text: The message, as typed or as Slack delivers it (at most max_question_chars).
            history: Earlier user turns of the same conversation, oldest first (follow-ups).

        Returns:
            The Answer; ``route`` says how it was produced and ``covered`` is False when the
            knowledge base has nothing on the question.

        Raises:
            InputError: not text, empty or over-long text.
        """
        raw = self._check_text(text)
        turns = [h for h in history if isinstance(h, str) and h.strip()][-_HISTORY_TURNS:]
        question = read_question(raw, self._lexicon, turns)
        if not question.text:  # only a mention or an emoji: say what the bot does
            return self._composer.small_talk(question)
        earlier = list(question.history)
        scenario, fields = message_scenario(question)
        lexicon = self._lexicon
        # Small talk is taken as topical by the topic's own words only: "thanks, saved me a lot
        # of reading" saves no money.
        in_domain = bool(
            lexicon.on_topic_terms(without_small_talk_words(question.text), direct=True)
            if question.intent.small_talk
            else lexicon.on_topic_terms(question.text)
        )
        if earlier and not in_domain and not question.intent.small_talk:
            # A follow-up such as "and if it were two years?" inherits the thread's topic.
            in_domain = bool(lexicon.on_topic_terms(" ".join(earlier)))
        if not in_domain and not earlier and not fields:
            # "Which one is best? just tell me" asks the advisor to decide: its own topic.
            in_domain = asks_to_pick(question.text, lexicon) or points_at_topic(question.text)
        signals = read_signals(
            question.text,
            small_talk=bool(question.intent.small_talk),
            language=question.intent.language,
            off_topic=lexicon.is_off_topic(_topic_of(question, lexicon)),
            in_domain=in_domain,
            scenario_fields=len(fields),
            choice=(choice := offers_choice(question.text, lexicon)),
        )
        route = decide_route(signals)
        replies = {
            "small_talk": self._composer.small_talk,
            "other_language": self._composer.other_language,
            "out_of_scope": self._composer.out_of_scope,
        }
        if route in replies:
            return replies[route](question)
        if route in ("scenario", "mixed") and (gap := lexicon.gap(_asked(question))):
            # "can u recommend 2-3 good vendors for our logistics app?" states facts, but what
            # it asks for is a gap of the knowledge base: no ranking answers it.
            return self._composer.not_covered(question, gap=gap)
        if route in ("scenario", "mixed") and scenario is not None:
            evaluation = evaluate(scenario, self._policy)
            passages: list[Passage] = []
            keyword_only = False
            if route == "mixed":
                question, passages, coverage, keyword_only = self._relevant(
                    question, in_domain=True
                )
                if coverage != "answer":
                    passages = []
            answer = self._composer.scenario(
                question, evaluation, fields=fields, passages=passages, choice=choice
            )
            return _noted(answer, keyword_only=keyword_only and bool(passages))
        if earlier and (about_scenario := self._thread_scenario(question)) is not None:
            return about_scenario
        return self._knowledge(question, in_domain=in_domain)

    def _knowledge(self, question: Question, *, in_domain: bool) -> Answer:
        """A knowledge question's answer: of each part when it asks several, else of the whole;
        "not covered" or off topic when the knowledge base does not answer it."""
        answered = self._parts(question)
        if len(answered) > 1:
            (first, first_passages, keyword_only), *rest = answered
            parts = [(q, p) for q, p, _ in rest]
            answer = self._composer.knowledge(first, first_passages, parts=parts)
            return _noted(answer, keyword_only=keyword_only)
        question, passages, coverage, keyword_only = self._relevant(question, in_domain=in_domain)
        if coverage == "answer":
            answer = self._composer.knowledge(question, passages)
            return _noted(answer, keyword_only=keyword_only)
        if coverage == "not_covered":
            return self._composer.not_covered(question, gap=self._lexicon.gap(_asked(question)))
        return self._composer.out_of_scope(question)

    def _parts(self, question: Question) -> list[tuple[Question, list[Passage], bool]]:
        """The answered parts of a message that asks two or more questions, each with a topic of
        its own ("What's the difference ...? Also, which is cheaper?"): each read after the one
        before it, as a thread reply is (a short part takes what it leaves out from it), with
        its passages and whether they came from keyword search only. [] for a single question
        or when fewer than two parts are answered."""
        asked = asked_parts(question.text)
        if not asked:
            return []
        out: list[tuple[Question, list[Passage], bool]] = []
        previous = list(question.history)
        said: frozenset[str] = frozenset()
        for text in asked:
            try:
                part = read_question(text, self._lexicon, previous[-_HISTORY_TURNS:])
            except InputError:  # "a 500 year project?" alone: the message is read as a whole
                return []
            own = self._lexicon.question_concepts(text)
            if not question_weight(own, self._lexicon):
                return []  # "Really?": not a question of its own
            if own <= said:
                return []  # "... your own country, or ...? Is local ok?" restates the first
            said |= own
            part, passages, coverage, keyword_only = self._relevant(part, in_domain=True)
            if coverage == "answer":
                out.append((part, passages, keyword_only))
            previous.append(text)
        return out if len(out) > 1 else []

    def _thread_scenario(self, question: Question) -> Answer | None:
        """The answer to a reply about the scenario its thread described ("why?", "what about
        an offshore team?"): that scenario scored again, the reply's options in focus; None
        when the reply asks something else (see ``bot.advisor.threads.thread_scenario``)."""
        found = thread_scenario(question, self._lexicon)
        if found is None:
            return None
        scenario, fields = found
        evaluation = evaluate(scenario, self._policy)
        return self._composer.scenario(question, evaluation, fields=fields, follow_up=True)

    def _search(self, question: Question) -> tuple[list[Passage], CoverageSignals]:
        searched = question.search_text or question.text
        kind = question.intent.kind
        deep = kind in DEEP_KINDS
        passages, diagnostics = self._retriever.search_with_diagnostics(
            searched,
            DEEP_PASSAGES if deep else PASSAGES,
            expansion=self._lexicon.expansion(searched),
        )
        if deep:
            # An example is rarely given where its topic is discussed: a passage further down
            # that gives one ("V-key ... established its remote tech team") joins the pool.
            passages = (
                passages[:PASSAGES]
                + [
                    p
                    for p in passages[PASSAGES:]
                    if any(gives_kind(s, kind, self._lexicon) for s in split_sentences(p.text))
                ][:DEEP_EXTRA]
            )
        lexicon = self._lexicon
        total = question_weight(question.concepts, lexicon) or 1.0
        match = max(
            (
                sum(
                    lexicon.weight(t)
                    for t in question.concepts & lexicon.concepts(f"{p.section} {p.text}")
                )
                / total
                for p in passages[:3]
            ),
            default=0.0,
        )
        said = _without_analogy(question.text, lexicon)
        salient = [t for t in dict.fromkeys(terms(said)) if t not in lexicon.generic]
        unknown = lexicon.unknown(said)
        excused = 0
        if self._coverage.mostly_unknown(len(unknown), len(salient)):
            # Unknown words would decide: everyday ones ("boss", "always") only say how someone
            # talks. The word list is loaded only here, so most questions never pay for it.
            everyday = everyday_terms(question.text)
            excused = sum(1 for t in unknown if t in everyday)
            unknown = [t for t in unknown if t not in everyday]
        signals = CoverageSignals(
            in_domain=True,
            similarity=diagnostics.best_dense_similarity,
            match=match,
            salient=len(salient),
            unknown=len(unknown),
            keyword_only=not diagnostics.dense_available,
            gap=lexicon.gap(_asked(question)),
            everyday=excused,
            names_text=asks_what_text_says(question.text),
        )
        return passages, signals

    def _relevant(
        self, question: Question, *, in_domain: bool
    ) -> tuple[Question, list[Passage], str, bool]:
        """Passages for the question, whether they answer it ("answer", "not_covered" or
        "out_of_scope") and whether they come from keyword search only (vector store down); a
        weak follow-up is searched together with the turn before it."""
        passages, signals = self._search(question)
        signals = replace(signals, in_domain=in_domain)
        coverage = decide_coverage(signals, self._coverage)
        if (
            coverage != "answer"
            and signals.in_domain
            and not signals.gap
            and asks_about_text(question.text)
        ):
            # "What is the article about?" names nothing the article holds and embeds far
            # from it, yet it is the knowledge base's to answer (by the sentences on what the
            # article sets out to do).
            coverage = "answer"
        if coverage != "answer" and signals.in_domain and not signals.gap:
            # A remark around the question ("need to put it on slide 3, pls share", "(hoping
            # the answer is 'always')") can bring every word the knowledge base never uses:
            # then what the message asks is judged alone. A question with unknown words of its
            # own keeps the decision ("who does quality control on the printed annual report?
            # the printer keeps messing up the colours").
            asked = _asked(question)
            if asked != question.text:
                narrowed = replace(
                    question,
                    text=asked,
                    search_text=asked,
                    concepts=self._lexicon.question_concepts(asked),
                )
                narrow, narrow_signals = self._search(narrowed)
                narrow_signals = replace(narrow_signals, in_domain=True)
                if (
                    narrow_signals.unknown == 0
                    and decide_coverage(narrow_signals, self._coverage) == "answer"
                ):
                    passages, signals, coverage = narrow, narrow_signals, "answer"
        if coverage != "answer" and question.history:
            context = f"{question.history[-1]} {question.text}"
            lexicon = self._lexicon
            widened = replace(
                question,
                text=context,
                search_text=context,  # what is searched: the reply alone was searched above
                concepts=lexicon.question_concepts(context),
            )
            wider, wide_signals = self._search(widened)
            wide_signals = replace(wide_signals, in_domain=True)
            if decide_coverage(wide_signals, self._coverage) == "answer":
                widened_question = replace(question, concepts=widened.concepts)
                return widened_question, wider, "answer", wide_signals.keyword_only
        logger.debug(
            "coverage similarity=%.3f match=%.3f unknown=%d/%d -> %s",
            signals.similarity,
            signals.match,
            signals.unknown,
            signals.salient,
            coverage,
        )
        return question, passages, coverage, signals.keyword_only


def _noted(answer: Answer, *, keyword_only: bool) -> Answer:
    """The answer, with a note when its passages came from keyword search alone."""
    if not keyword_only:
        return answer
    return answer.model_copy(update={"notes": (*answer.notes, KEYWORD_ONLY_NOTE)})


def _topic_of(question: Question, lexicon: Lexicon) -> str:
    """Where a message's topic is read for the off-topic check: what it asks, not a remark
    ("forecast due Fri"), with the sentence just before it when what it asks names no topic
    word of its own: "We're thinking about outsourcing payroll to a provider. Any
    recommendations?" asks about the payroll ("Quick one before our planning offsite." further
    back is still a remark)."""
    asked = _asked(question)
    if lexicon.on_topic_terms(asked):
        return _without_analogy(asked, lexicon)
    sentences = split_sentences(question.text)
    first = next((i for i, t in enumerate(sentences) if t.endswith("?")), 0)
    return " ".join(sentences[max(first - 1, 0) :]) if first else asked


def _asked(question: Question) -> str:
    """What a message asks, without the remarks around it: a gap named in a remark ("need an
    answer before standup") does not make the question one the knowledge base cannot answer."""
    sentences = asking_sentences(question.text)
    if asks_wh(sentences[0]):
        # "which destination does the article rate highly? India, I assume?": the guess at
        # the answer is no question the knowledge base must cover.
        sentences = [s for s in sentences if not _GUESS.match(s)] or sentences
    asked = " ".join(asked_clause(s) for s in sentences)
    # "which box of the 2x2 is an agency here in Brazil?" asks about the grid, not Brazil; so
    # does "our own team in Poland would be 'offshore outsource' in the matrix's terms, wouldn't
    # it?"
    placing = asks_grid_place(question)
    # "can't it be done within India itself?" names where the asker is, not a destination;
    # "mentioned in standup" when it was raised, not what is asked
    asked = _WHEN_RAISED.sub(" ", _HOME_PLACE.sub(" ", asked))
    return without_named_places(asked) if placing else asked


def _without_analogy(text: str, lexicon: Lexicon) -> str:
    """The text without the analogies it draws, when what is left still names the topic: "...
    hidden costs w agencies? like the resort fee at a hotel?" asks about neither resorts nor
    hotels."""
    kept = _ANALOGY.sub(" ", text)
    return kept if lexicon.on_topic_terms(kept) else text


_ANALOGY = re.compile(
    r"\b(?:(?:is it |it's |its |kind of |sort of |a bit )?like|similar to|akin to)\s+"
    r"(?:a|an|the|my|our|your|when|with|renting|buying)\b[^,.;?!]*",
    re.IGNORECASE,
)
_GUESS = re.compile(
    r"^\W*(?:(?:or|so|and)\s+)?(?:[\w'’ -]{1,40}?,?\s+(?:i|we) (?:assume|guess|presume|suppose|"
    r"reckon|bet|think|imagine)|(?:maybe|probably|perhaps|presumably) [\w'’ -]{1,40})\W*$",
    re.IGNORECASE,
)
_WHEN_RAISED = re.compile(
    r"\b(?:in|at|before|after|during)\s+(?:the\s+|our\s+|today'?s\s+|this morning'?s\s+)?"
    r"(?:stand-?ups?|all-?hands|steering call|weekly|sync)\b",
    re.IGNORECASE,
)
_HOME_PLACE = re.compile(r"\b(?:within|inside|here in|in our own)\s+[A-Z][a-z]+\b")
