"""Yes/no questions: the Yes or No that opens the answer, read from the quoted sentence or, for
a question about a strategy with scenario facts, from the ranking the answer shows."""

from __future__ import annotations

import re

from bot.advisor.lexicon import Lexicon
from bot.advisor.question import Question
from bot.models import Evaluation, Strategy
from bot.scoring.labels import lower_first
from bot.text import split_sentences

YES_NO = re.compile(r"^(Yes|No): ")
"""The opening this module gives an answer."""

# A discourse connective that opens a quoted sentence reads oddly after "Yes:" or "No:".
_CONNECTIVE = re.compile(
    r"^(however|thus|therefore|hence|additionally|moreover|conversely|on the other hand|"
    r"in contrast|for such reasons|in light of these considerations|in a nutshell),\s+",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"\s[–—-]\s|;\s|:\s")
# Cues that the quoted sentence says no to what a yes/no question proposes.
_SAYS_NO = re.compile(
    r"\b(never|not|no|cannot|can't|won't|should limit|deal breaker|may not)\b", re.IGNORECASE
)
# A relative clause describes something ("skills that may not be available locally"): a cue
# inside it does not answer the question.
_RELATIVE = re.compile(r"\b(that|which|who)\b[^,;–—]*", re.IGNORECASE)
# "limit outsourcing to short-term projects" says yes to short-term projects.
_LIMIT_TO = re.compile(r"\blimit\b.*?\bto\b(.*)", re.IGNORECASE)
_ASKS_SAME = re.compile(r"\b(same|identical|interchangeabl\w*|synonyms?)\b", re.IGNORECASE)
_SAYS_DIFFERENT = re.compile(r"\b(distinct|different|differs?|difference)\b", re.IGNORECASE)
_STRATEGY_WORDS = {
    "outsource": "outsource outsourcing service provider",
    "offshore": "offshore offshoring",
    "onshore": "onshore",
    "inhouse": "in-house insourcing",
}
"""Words naming the sides of the strategy grid (matched as the vocabulary's concepts, so
"vendor", "abroad" or "our own team" count too)."""
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def drop_connective(text: str) -> str:
    """The text without the discourse connective that opens it ("Moreover, ..."), which leans on
    a sentence the answer does not show; the next word is capitalised."""
    body = _CONNECTIVE.sub("", text, count=1)
    return body if body == text else body[:1].upper() + body[1:]


class PolarReader:
    """Reads the answer to yes/no questions, with the vocabulary's concepts."""

    def __init__(self, lexicon: Lexicon) -> None:
        """Compile the strategy-grid words against the lexicon (no I/O)."""
        self._lexicon = lexicon
        self._markers = {
            name: lexicon.concepts(words) - lexicon.generic
            for name, words in _STRATEGY_WORDS.items()
        }

    def opening(self, question: Question, text: str, *, answer: str = "") -> str:
        """Open a yes/no answer with its answer: given, or read from the clause of the first
        sentence that shares most with the question ("it only makes sense for non-IT ...").

        Returns:
            ``"Yes: <text>"`` or ``"No: <text>"``, the text's opening connective dropped.
        """
        if not answer:
            first = split_sentences(text)[0] if text else ""
            clauses = [c for c in _CLAUSE.split(first) if c.strip()] or [first]
            concepts = self._lexicon.concepts
            clause = max(clauses, key=lambda c: len(question.concepts & concepts(c)))
            says_no = _SAYS_NO.search(_RELATIVE.sub(" ", clause))
            scope = _LIMIT_TO.search(clause)
            if scope and question.concepts & concepts(scope.group(1)):
                says_no = None
            # "Are they the same thing?" is answered no by "... two distinct concepts".
            differs = _ASKS_SAME.search(question.text) and _SAYS_DIFFERENT.search(first)
            answer = "No" if says_no or differs else "Yes"
        body = _CONNECTIVE.sub("", text, count=1)
        body = body[:1].lower() + body[1:] if body[1:2].islower() else body
        return f"{answer}: {body}"

    def verdict(self, question: Question, evaluation: Evaluation) -> str:
        """For a yes/no question about a strategy ("We're a tech company, should we
        outsource?"): Yes when the ranking puts it first (or all of a tie at the top), No when
        it does not.

        Returns:
            E.g. "No: for this scenario the scoring ranks Offshore insourcing (...) first (60)
            and onshore outsourcing third (45)."; "" when the question is not yes/no, names no
            strategy, or a tie leaves it open.
        """
        if not question.intent.polar:
            return ""
        asked = self.asked(question)
        if not asked:
            return ""
        top = set(evaluation.tied or (evaluation.recommended,))
        if top <= asked:
            answer = "Yes"
        elif not top & asked:
            answer = "No"
        else:
            return ""
        first = evaluation.ranking[0]
        names = " and ".join(r.label for r in evaluation.ranking if r.strategy in top)
        tie = ", a tie" if len(top) > 1 else ""
        text = f"{answer}: for this scenario the scoring ranks {names} first ({first.score}{tie})"
        if answer == "No":
            best = next(s for s in evaluation.ranking if s.strategy in asked)
            place = _ORDINALS.get(best.rank, f"#{best.rank}")
            text += f" and {lower_first(best.label)} {place} ({best.score})"
        return text + "."

    def asked(self, question: Question) -> set[Strategy]:
        """The strategies a question names: outsourcing (onshore or offshore, narrowed when it
        says which), else an offshore team, else an in-house team; none when it names none."""
        has = {name: bool(question.concepts & found) for name, found in self._markers.items()}
        if has["outsource"]:
            if has["offshore"] and not has["onshore"]:
                return {"offshore_outsourcing"}
            if has["onshore"] and not has["offshore"]:
                return {"onshore_outsourcing"}
            return {"onshore_outsourcing", "offshore_outsourcing"}
        if has["offshore"]:
            return {"offshore_insourcing"}
        if has["inhouse"] or has["onshore"]:
            return {"onshore_insourcing"}
        return set()
