"""The evaluation's summary: the recommendation or tie, the warnings, and what would change it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.models import Change, Strategy, StrategyScore
from bot.scoring._core import Scored
from bot.scoring.labels import join_words, lower_first

MAX_CHANGES_SAID = 3
"""At most this many conditions are named in the summary's what-would-change sentence."""


def summarise(scored: Scored, changes: Sequence[Change]) -> str:
    """Two or three plain sentences built only from the evaluation's own numbers and labels.

    Args:
        scored: The scored scenario.
        changes: ``what_would_change`` for it.

    Returns:
        E.g. "Onshore outsourcing and offshore outsourcing tie at 80. 1 policy warning applies
        to another strategy. It would change to offshore insourcing (dedicated offshore team)
        if the project ran longer than a year." A warning on the recommended strategy is said
        in full: "Warning: The project runs longer than a year; the article advises ..."
    """
    return " ".join([_lead(scored), _warnings(scored), _changes(scored, changes)])


def _names(scores: Sequence[StrategyScore]) -> str:
    labels = [s.label if i == 0 else lower_first(s.label) for i, s in enumerate(scores)]
    return join_words(labels)


def _lead(scored: Scored) -> str:
    top = scored.recommended
    barred = any(w.severity == "never_first" for w in top.warnings)
    if barred:
        best = (
            f"{_names(scored.tied)} rank highest, tied at {top.score}"
            if scored.tied
            else f"the highest ranked is {top.label}, with a score of {top.score} out of 100"
        )
        return f"Every strategy is ruled out as a first choice; {best}."
    if scored.tied:
        return f"{_names(scored.tied)} tie at {top.score}; the policy does not choose between them."
    return f"Recommended: {top.label}, with a score of {top.score} out of 100."


def _warnings(scored: Scored) -> str:
    # Rules, not (rule, strategy) pairs: the answer lists one warning per rule that fired.
    total = len(scored.fired)
    leaders = {s.strategy for s in scored.tied or (scored.recommended,)}
    own = sum(1 for rule in scored.fired if leaders & set(rule.strategies))
    these = "these strategies" if scored.tied else "this strategy"
    if total == 0:
        return "No policy warnings apply."
    if own:
        # A warning on what is recommended is said in full, not counted.
        said = " ".join(
            f"Warning: {rule.message}" for rule in scored.fired if leaders & set(rule.strategies)
        )
        rest = total - own
        if rest:
            said += f" {rest} more policy warning{'s' if rest > 1 else ''} {_apply(rest)} to "
            said += "other strategies."
        return said
    if total == 1:
        others = len(set(scored.fired[0].strategies) - leaders)
        whom = "other strategies" if others > 1 else "another strategy"
        return f"1 policy warning applies to {whom}."
    return f"{total} policy warnings apply, none to {these}."


def _apply(n: int) -> str:
    return "applies" if n == 1 else "apply"


def _target(change: Change, labels: dict[Strategy, str]) -> str:
    if change.tied:
        names = [lower_first(labels.get(s, s)) for s in change.tied]
        return f"a tie between {join_words(names)}"
    return lower_first(change.recommended_label)


def _changes(scored: Scored, changes: Sequence[Change]) -> str:
    if not changes:
        what = "break the tie" if scored.tied else "change the recommendation"
        return f"No single different value of one factor would {what}."
    labels = {s.strategy: s.label for s in scored.ranking}
    said = list(changes[:MAX_CHANGES_SAID])
    groups: dict[str, list[str]] = {}
    for change in said:
        groups.setdefault(_target(change, labels), []).append(f"if {change.condition}")
    parts = [f"to {target} {_alternatives(clauses)}" for target, clauses in groups.items()]
    joined = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])}, and {parts[-1]}"
    sentence = f"It would change {joined}"
    rest = len(changes) - len(said)
    if rest:
        other = "change" if rest == 1 else "changes"
        sentence += f"; {rest} other single {other} would change it too"
    return sentence + "."


def _alternatives(clauses: Sequence[str]) -> str:
    """Conditions joined by "or", their common opening words said once: "if the project ran
    less than a year or exactly one year", not "... or if the project ran exactly one year"."""
    if len(clauses) < 2:
        return join_words(clauses, last="or")
    split = [c.split() for c in clauses]
    shared = 0
    while all(len(w) > shared + 1 and w[shared] == split[0][shared] for w in split):
        shared += 1
    if shared < 3:  # "if the project ran ...", never just "if the"
        return join_words(clauses, last="or")
    head = " ".join(split[0][:shared])
    return f"{head} " + join_words([" ".join(w[shared:]) for w in split], last="or")
