"""The Advisor: validates input, routes, retrieves, scores and composes grounded answers."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from bot.advisor.ports import Composer, Retriever
from bot.advisor.router import decide_route, read_signals
from bot.advisor.text import GENERIC, overlap, salient_unknown, terms
from bot.errors import InputError
from bot.models import Answer, Evaluation, Passage, Policy, Scenario
from bot.scoring import evaluate, parse_scenario_args, parse_scenario_text

logger = logging.getLogger(__name__)

_MAX_K = 50
_HISTORY_TURNS = 6
# A match this close outweighs unfamiliar words in the question.
_STRONG_SIMILARITY = 0.6


class Advisor:
    """The one object the CLI and the Slack adapter talk to."""

    def __init__(
        self,
        *,
        retriever: Retriever,
        policy: Policy,
        composer: Composer,
        max_question_chars: int = 4000,
        min_similarity: float = 0.3,
        vocabulary: frozenset[str] = frozenset(),
        onboarding: Any = None,
    ) -> None:
        self._retriever = retriever
        self._policy = policy
        self._composer = composer
        self._max_chars = max_question_chars
        self._min_similarity = min_similarity
        self._onboarding = onboarding
        self._vocabulary = vocabulary

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

    def _check_text(self, text: object, *, what: str = "question") -> str:
        if not isinstance(text, str):
            msg = f"{what}: expected text, got {type(text).__name__}"
            raise InputError(msg, field=what)
        stripped = text.strip()
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

        Args:
            text: The message.
            history: Earlier user turns of the same conversation, oldest first (follow-ups).

        Returns:
            The Answer; ``route`` says how it was produced and ``covered`` is False when the
            knowledge base has nothing on the question.

        Raises:
            InputError: empty or over-long text.
        """
        question = self._check_text(text)
        earlier = [h for h in history if isinstance(h, str) and h.strip()][-_HISTORY_TURNS:]
        scenario, fields = self._read_scenario(question, earlier)
        signals = read_signals(question, scenario_fields=len(fields))
        if earlier and not signals.in_domain and not signals.off_topic:
            # A follow-up such as "and if it were two years?" inherits the thread's topic.
            signals = read_signals(" ".join([*earlier, question]), scenario_fields=len(fields))
        route = decide_route(signals)
        if route == "out_of_scope" and not signals.off_topic:
            # No sourcing vocabulary, but the knowledge base may still know the subject ("Who is
            # V-key?"): answer from it when retrieval finds a clearly matching passage.
            known = self._relevant(question, earlier, min_similarity=_STRONG_SIMILARITY)
            if known:
                return self._composer.knowledge(question, known)
        if route == "out_of_scope":
            return self._composer.out_of_scope(question)
        if route in ("scenario", "mixed") and scenario is not None:
            evaluation = evaluate(scenario, self._policy)
            passages: list[Passage] = []
            if route == "mixed":
                passages = self._relevant(question, earlier)
            return self._composer.scenario(question, evaluation, fields=fields, passages=passages)
        passages = self._relevant(question, earlier)
        if not passages:
            return self._composer.not_covered(question)
        return self._composer.knowledge(question, passages)

    def _read_scenario(
        self, question: str, earlier: Sequence[str]
    ) -> tuple[Scenario | None, tuple[str, ...]]:
        """Scenario facts from the message; in a thread, earlier turns fill what it leaves out."""
        scenario, fields = parse_scenario_text(question)
        if not earlier:
            return scenario, fields
        merged: dict[str, object] = {}
        for turn in [*earlier, question]:
            turn_scenario, turn_fields = parse_scenario_text(turn)
            if turn_scenario is not None:
                merged.update({f: getattr(turn_scenario, f) for f in turn_fields})
        if not fields:
            return scenario, fields
        return Scenario.model_validate(merged), tuple(
            f for f in Scenario.model_fields if f in merged
        )

    def _relevant(
        self, question: str, earlier: Sequence[str], *, min_similarity: float | None = None
    ) -> list[Passage]:
        """Passages that really bear on the question, or [] when the knowledge base has none.

        Covered means: the closest passage is similar enough, shares a content word with the
        question, and the question is not mostly about things the knowledge base never mentions
        (tax, GDPR, SLAs) unless a passage matches it very closely.
        """
        floor = self._min_similarity if min_similarity is None else min_similarity
        passages, diagnostics = self._retriever.search_with_diagnostics(question, 5)
        query_terms = terms(question)
        if earlier and (not passages or diagnostics.best_dense_similarity < floor):
            context = " ".join([*earlier[-1:], question])
            passages, diagnostics = self._retriever.search_with_diagnostics(context, 5)
            query_terms = terms(context)
        if not passages:
            return []
        lexical = max(overlap(query_terms, p.section + " " + p.text) for p in passages[:3])
        similarity = diagnostics.best_dense_similarity
        salient = [t for t in dict.fromkeys(terms(question)) if t not in GENERIC]
        unknown = salient_unknown(question, self._vocabulary) if self._vocabulary else []
        off_vocabulary = 2 * len(unknown) >= max(len(salient), 1) and bool(unknown)
        covered = (
            similarity >= floor
            and lexical >= 1
            and not (off_vocabulary and similarity < _STRONG_SIMILARITY)
        )
        logger.debug(
            "coverage similarity=%.3f lexical=%d unknown=%d covered=%s",
            similarity,
            lexical,
            len(unknown),
            covered,
        )
        return list(passages) if covered else []
