"""What would change the recommendation: every other value of every field, scored again."""

from __future__ import annotations

from typing import Literal, get_args, get_origin

from bot.models import MAX_MONTHS, MIN_MONTHS, SCENARIO_FIELDS, Change, Policy, Scenario
from bot.scoring._core import Scored, holds, outcome
from bot.scoring.labels import (
    factor_def,
    field_label,
    if_clause,
    level_def,
    level_key,
    strategy_label,
    value_label,
)

_Value = int | bool | str
_Alternative = tuple[_Value, str, str]  # value, value label, if-clause


def what_would_change(scenario: Scenario, policy: Policy, current: Scored) -> tuple[Change, ...]:
    """Each single-field value that would change the recommended strategy (or the tie).

    Every field is tried, given or assumed: a given field with each of its other values, an
    assumed field with each of its values as if the user had given it. Durations are tried at
    the policy's bucket boundaries (one month below, inside, and one month above the one-year
    bucket) and around each duration threshold of a rule.

    Args:
        scenario: The scenario as given (its ``model_fields_set`` says what was given).
        policy: The validated policy.
        current: ``score(scenario, policy)``.

    Returns:
        The changes, in Scenario field order and, within a field, in value order.
    """
    changes: list[Change] = []
    for field in SCENARIO_FIELDS:
        for value, label, clause in _alternatives(field, scenario, policy):
            recommended, tied = outcome(scenario.model_copy(update={field: value}), policy)
            if (recommended, tied) == current.top:
                continue
            changes.append(
                Change(
                    field=field,
                    label=field_label(policy, field),
                    value=value,
                    value_label=label,
                    condition=clause,
                    recommended=recommended,
                    recommended_label=strategy_label(policy, recommended),
                    tied=tied,
                )
            )
    return tuple(changes)


def _alternatives(field: str, scenario: Scenario, policy: Policy) -> list[_Alternative]:
    given = field in scenario.model_fields_set
    if field == "duration_months":
        return _durations(scenario, policy, given=given)
    current = getattr(scenario, field)
    out: list[_Alternative] = []
    for value in _domain(field):
        if given and value == current:
            continue
        key = level_key(policy, field, value)
        if factor_def(policy, field) is not None and level_def(policy, field, key) is None:
            continue  # the policy cannot score this value; it is no alternative
        out.append((value, value_label(policy, field, value), if_clause(policy, field, value)))
    return out


def _domain(field: str) -> tuple[_Value, ...]:
    annotation = Scenario.model_fields[field].annotation
    if annotation is bool:
        return (True, False)
    if get_origin(annotation) is Literal:
        return tuple(get_args(annotation))
    return ()


def _durations(scenario: Scenario, policy: Policy, *, given: bool) -> list[_Alternative]:
    """One duration per distinct outcome class: the bucket it falls in and the rules it meets."""
    buckets = policy.duration
    representatives = {
        buckets.short_below_months - 1: "short",
        buckets.long_above_months + 1: "long",
    }
    if buckets.short_below_months <= buckets.long_above_months:
        representatives[buckets.short_below_months] = "one_year"
    thresholds = [
        int(c.value) + delta
        for rule in policy.rules
        for c in rule.when
        if c.field == "duration_months" and isinstance(c.value, int | float)
        for delta in (-1, 0, 1)
    ]
    candidates = sorted(
        m for m in dict.fromkeys([*representatives, *thresholds]) if MIN_MONTHS <= m <= MAX_MONTHS
    )
    seen = {_duration_class(scenario.duration_months, policy)} if given else set()
    # Representatives first, so a class is described by its bucket where it can be.
    chosen: dict[tuple[object, ...], int] = {}
    for months in sorted(candidates, key=lambda m: (m not in representatives, m)):
        cls = _duration_class(months, policy)
        if cls in seen or cls in chosen:
            continue
        key = level_key(policy, "duration_months", months)
        if factor_def(policy, "duration_months") and not level_def(policy, "duration_months", key):
            continue
        chosen[cls] = months
    out: list[_Alternative] = []
    for months in sorted(chosen.values()):
        level = level_def(policy, "duration_months", level_key(policy, "duration_months", months))
        if months in representatives and level is not None:
            out.append((months, level.label, level.if_clause))
        else:
            out.append((months, f"{months} months", f"the project ran {months} months"))
    return out


def _duration_class(months: int, policy: Policy) -> tuple[object, ...]:
    """What a duration decides: its bucket and whether each duration condition holds."""
    probe = Scenario(duration_months=months)
    conditions = [c for rule in policy.rules for c in rule.when if c.field == "duration_months"]
    return (
        level_key(policy, "duration_months", months),
        *(holds(c, probe) for c in conditions),
    )
