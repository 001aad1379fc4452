"""The policy's conditional rules, as a yes/no answer reads them: "NEVER outsource core IT
capabilities" holds only for core work, so "Should we outsource our app?" is "Not if it were a
core IT capability"."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Policy, Strategy
from bot.scoring.labels import if_clause


@dataclass(frozen=True)
class RuleCondition:
    """A policy rule that holds only under one condition ("NEVER outsource core IT
    capabilities" holds for core work): its quote, the field and the clause that names it."""

    quote: str
    field: str
    clause: str
    strategies: frozenset[Strategy]
    op: str
    bound: int | float | bool | str

    def holds(self, stated: object) -> bool:
        """Whether a stated value of the field meets the condition."""
        if self.op == "eq":
            return stated == self.bound
        if isinstance(stated, int | float) and isinstance(self.bound, int | float):
            return stated > self.bound if self.op == "gt" else stated < self.bound
        return False


def rule_conditions(policy: Policy) -> tuple[RuleCondition, ...]:
    """The policy's single-condition rules (equality, or a bound on a whole number), each with
    the clause that states its condition, e.g. "it were a core IT capability"."""
    out: list[RuleCondition] = []
    for rule in policy.rules:
        if len(rule.when) != 1:
            continue
        (cond,) = rule.when
        value = cond.value
        if cond.op in ("gt", "lt") and isinstance(value, int) and not isinstance(value, bool):
            value = value + 1 if cond.op == "gt" else value - 1
        elif cond.op != "eq":
            continue
        if isinstance(value, list) or isinstance(cond.value, list):
            continue
        out.append(
            RuleCondition(
                quote=rule.citation.quote,
                field=cond.field,
                clause=if_clause(policy, cond.field, value),
                strategies=frozenset(rule.strategies),
                op=cond.op,
                bound=cond.value,
            )
        )
    return tuple(out)
