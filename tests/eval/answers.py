"""Answer-level metrics: what people read, not only what retrieval ranks.

For one split (dev or held-out) and a real advisor:

- direct evidence rate: an evidence phrase is in the first paragraph (``Answer.direct``);
- answer evidence rate: an evidence phrase is anywhere in the answer or its quotes;
- false refusals: in-scope questions answered "not covered", out of scope or as small talk;
- refusal accuracy: off-topic -> out_of_scope; on-topic-but-absent -> not covered;
  small talk -> small_talk; another language -> a note that the bot answers in English;
- yes/no: a yes/no question with a labelled answer opens with that answer;
- markup invariance: the same outcome when Slack markup surrounds the question;
- leaks: rendered answers that show extraction notes or internal field names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.models import Answer
from bot.render import render_answer_text
from tests.eval.data import EvalQuestion, QuestionSet, contains_evidence

_MARKUP = re.compile(r"(<[^<>]*>)")


def _escape_outside_markup(text: str) -> str:
    """What Slack sends when a user types & < >: entities, except inside its own markup."""
    parts = _MARKUP.split(text)
    return "".join(
        part if i % 2 else part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for i, part in enumerate(parts)
    )


MARKUP_VARIANTS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("emoji", lambda q: f"{q} :pray:"),
    ("cc-mention", lambda q: f"{q} cc <@U0COLLEAG1>"),
    ("bot-mention", lambda q: f"<@U0SOURCEBOT> {q}"),
    ("link", lambda q: f"{q} (see <https://wiki.example.com/rfp|our RFP>)"),
    ("entities", _escape_outside_markup),
    ("bold", lambda q: f"*{q}*"),
)
"""How Slack delivers the same question: with an emoji code, a mention of a colleague or of the
bot, a labelled link, HTML entities for & < > typed by the user, and bold marks."""

LEAK = re.compile(
    r"row label lost|cell lost|lost in extraction|\(likely |\bnon_it\b|\bduration_months\b|"
    r"\b(?:onshore|offshore)_(?:in|out)sourcing\b|\bupfront_investment\b|\bchange_rate\b|"
    r"\blocal_talent\b",
    re.IGNORECASE,
)
"""Extraction notes and internal names that must never reach people."""


class Asker(Protocol):
    """What the metrics need from the advisor."""

    def ask(self, text: str, *, history: Sequence[str] = ()) -> Answer:
        """Answer a message."""
        ...


def answer_text(answer: Answer) -> str:
    """Everything a person can read in an answer, including the quotes of its sources."""
    return render_answer_text(answer, width=None)


def refused(answer: Answer) -> bool:
    """Whether the answer declines to answer from the knowledge base."""
    return answer.route in ("out_of_scope", "small_talk") or not answer.covered


def outcome(answer: Answer) -> tuple[object, ...]:
    """What must not change when Slack markup surrounds a question."""
    return (
        answer.route,
        answer.covered,
        answer.direct.text,
        tuple(c.source.quote for c in answer.citations[:1]),
    )


@dataclass
class QuestionRow:
    """One in-scope question's answer, judged."""

    id: str
    kind: str
    question: str
    direct_hit: bool
    answer_hit: bool
    refused: bool
    yes_no_ok: bool | None
    leak: str
    direct: str


@dataclass
class SplitResult:
    """All answer-level measures of one split."""

    split: str
    rows: list[QuestionRow] = field(default_factory=list)
    refusal_groups: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)
    markup: list[tuple[str, str, bool]] = field(default_factory=list)
    leaks: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Headline numbers (rates rounded to 4 places, counts as 'k of n')."""
        n = len(self.rows)
        yes_no = [r for r in self.rows if r.yes_no_ok is not None]
        out: dict[str, Any] = {
            "questions": n,
            "direct_evidence_rate": round(sum(r.direct_hit for r in self.rows) / n, 4),
            "answer_evidence_rate": round(sum(r.answer_hit for r in self.rows) / n, 4),
            "false_refusals": f"{sum(r.refused for r in self.rows)} of {n}",
            "yes_no_correct": f"{sum(bool(r.yes_no_ok) for r in yes_no)} of {len(yes_no)}",
            "markup_invariant": f"{sum(ok for *_, ok in self.markup)} of {len(self.markup)}",
            "answers_with_leaks": len(self.leaks),
        }
        for name, rows in self.refusal_groups.items():
            out[name] = f"{sum(ok for *_, ok in rows)} of {len(rows)}"
        return out


def _ask(advisor: Asker, q: EvalQuestion, text: str | None = None) -> Answer:
    return advisor.ask(text if text is not None else q.question, history=q.history)


def evaluate_answers(
    default: Asker, data: QuestionSet, *, advisor_for: Callable[[str], Asker] | None = None
) -> SplitResult:
    """Ask every item of one split and judge the answers (see the module docstring).

    Args:
        default: The advisor that answers.
        data: The split.
        advisor_for: The advisor that answers an item, by the item's id, instead (the dev
            split is answered leave-one-writer-out: without its writer's labelled questions).
    """
    result = SplitResult(split=data.split)
    for q in data.questions:
        advisor = advisor_for(q.id) if advisor_for is not None else default
        answer = _ask(advisor, q)
        shown = answer_text(answer)
        leak = LEAK.search(shown)
        if leak:
            result.leaks.append((q.id, leak.group(0)))
        yes_no_ok = None
        if q.expected_answer is not None:
            yes_no_ok = answer.direct.text.lower().startswith(q.expected_answer)
        result.rows.append(
            QuestionRow(
                id=q.id,
                kind=q.kind or "-",
                question=q.question,
                direct_hit=contains_evidence(answer.direct.text, q.evidence),
                answer_hit=contains_evidence(shown, q.evidence),
                refused=refused(answer),
                yes_no_ok=yes_no_ok,
                leak=leak.group(0) if leak else "",
                direct=answer.direct.text,
            )
        )
        base = outcome(answer)
        for name, variant in MARKUP_VARIANTS:
            same = outcome(_ask(advisor, q, variant(q.question))) == base
            result.markup.append((q.id, name, same))
    checks: dict[str, tuple[Sequence[Any], Callable[[Answer], bool]]] = {
        "off_topic_out_of_scope": (data.out_of_scope, lambda a: a.route == "out_of_scope"),
        "absent_not_covered": (
            data.not_covered,
            lambda a: not a.covered and a.route not in ("out_of_scope", "small_talk"),
        ),
        "small_talk_replied": (data.small_talk, lambda a: a.route == "small_talk"),
        "other_language_noted": (
            data.other_language,
            lambda a: "English" in a.direct.text and not a.citations,
        ),
    }
    for name, (items, ok) in checks.items():
        result.refusal_groups[name] = [
            (
                item.id,
                item.question,
                ok((advisor_for(item.id) if advisor_for else default).ask(item.question)),
            )
            for item in items
        ]
    return result
