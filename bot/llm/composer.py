"""Optional LLM composer: rephrases the deterministic answer, guarded against losing grounding."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.prompts import ChatPromptTemplate

from bot.advisor.composer import DeterministicComposer
from bot.advisor.question import Question
from bot.llm.guard import check_grounded, strip_citations
from bot.models import Answer, Evaluation, Passage, Statement
from bot.render import render_answer_text

logger = logging.getLogger(__name__)


class LLMComposer:
    """Wraps the deterministic composer; uses the model's wording only when the guard accepts it."""

    def __init__(
        self, *, model: BaseChatModel, prompt: ChatPromptTemplate, fallback: DeterministicComposer
    ) -> None:
        self._chain = prompt | model
        self._fallback = fallback

    def _rephrase(self, question: Question, draft: Answer) -> Answer:
        if not draft.citations or not draft.covered:
            return draft
        sources = "\n".join(f"[{c.n}] {c.source.label}: {c.source.quote}" for c in draft.citations)
        try:
            message = self._chain.invoke(
                {
                    "question": question,
                    "draft": render_answer_text(draft, width=None),
                    "sources": sources,
                }
            )
        except Exception:
            logger.exception("LLM call failed; using the deterministic answer")
            return draft
        content = message.content if isinstance(message.content, str) else ""
        problems = check_grounded(content, draft.citations)
        if problems:
            logger.warning("LLM answer rejected by the grounding guard: %s", "; ".join(problems))
            return draft
        text, cited = strip_citations(content)
        return draft.model_copy(update={"direct": Statement(text=text, citations=cited)})

    def knowledge(
        self,
        question: Question,
        passages: Sequence[Passage],
        *,
        parts: Sequence[tuple[Question, Sequence[Passage]]] = (),
    ) -> Answer:
        """Deterministic answer, rephrased when grounded."""
        return self._rephrase(question, self._fallback.knowledge(question, passages, parts=parts))

    def scenario(
        self,
        question: Question,
        evaluation: Evaluation,
        *,
        fields: Sequence[str],
        passages: Sequence[Passage] = (),
        follow_up: bool = False,
        choice: bool = False,
    ) -> Answer:
        """Scenario answers keep the scoring tool's own summary (numbers come from the tool)."""
        return self._fallback.scenario(
            question,
            evaluation,
            fields=fields,
            passages=passages,
            follow_up=follow_up,
            choice=choice,
        )

    def not_covered(self, question: Question, *, gap: str = "") -> Answer:
        """Never let a model answer what the knowledge base does not cover."""
        return self._fallback.not_covered(question, gap=gap)

    def out_of_scope(self, question: Question) -> Answer:
        """Off-topic requests are declined without calling the model."""
        return self._fallback.out_of_scope(question)

    def other_language(self, question: Question) -> Answer:
        """The English-only note, without calling the model."""
        return self._fallback.other_language(question)

    def small_talk(self, question: Question) -> Answer:
        """Small talk is answered without calling the model."""
        return self._fallback.small_talk(question)
