"""How people read scenario fields, values and strategies: the one place labels are derived."""

from __future__ import annotations

from collections.abc import Sequence

from bot.models import FactorDef, LevelDef, Policy, Scenario, Strategy

_Value = int | float | bool | str


def factor_def(policy: Policy, field: str) -> FactorDef | None:
    """The policy's factor on ``field``, or None when the policy does not score it."""
    return next((f for f in policy.factors if f.id == field), None)


def level_key(policy: Policy, field: str, value: _Value) -> str:
    """The policy level a value selects: a duration bucket, "true"/"false", or the value.

    Durations below ``policy.duration.short_below_months`` are "short", above
    ``long_above_months`` "long", otherwise "one_year".
    """
    if field == "duration_months":
        months = int(value)
        if months < policy.duration.short_below_months:
            return "short"
        if months > policy.duration.long_above_months:
            return "long"
        return "one_year"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def level_def(policy: Policy, field: str, key: str) -> LevelDef | None:
    """The policy's level ``key`` of the factor on ``field``, or None."""
    factor = factor_def(policy, field)
    return factor.levels.get(key) if factor is not None else None


def field_label(policy: Policy, field: str) -> str:
    """The factor's label from the policy ('Project duration'), else the field's description."""
    factor = factor_def(policy, field)
    if factor is not None:
        return factor.label
    return Scenario.model_fields[field].description or field.replace("_", " ")


def value_label(policy: Policy, field: str, value: _Value) -> str:
    """A value as people read it: '18 months (more than one year)', 'non-IT company'.

    Labels come from the policy's levels (the loader requires one on every level); a value the
    policy does not score is shown plainly ('yes'/'no', or the value with spaces).
    """
    key = level_key(policy, field, value)
    level = level_def(policy, field, key)
    if field == "duration_months":
        months = int(value)
        unit = "month" if months == 1 else "months"
        return f"{months} {unit} ({level.label})" if level else f"{months} {unit}"
    if level is not None:
        return level.label
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def if_clause(policy: Policy, field: str, value: _Value) -> str:
    """Completes 'It would change to X if ...' for ``field`` taking ``value``."""
    level = level_def(policy, field, level_key(policy, field, value))
    if level is not None:
        return level.if_clause
    label = lower_first(field_label(policy, field))
    return f"{label} were {value_label(policy, field, value)}"


def strategy_label(policy: Policy, strategy: Strategy) -> str:
    """The strategy's label from the policy, e.g. 'Onshore outsourcing'."""
    return policy.strategies[strategy].label


def factor_phrase(label: str, value_label: str) -> str:
    """A factor and its value as people read them: "Project duration: 6 months (...)"; just
    "Core IT capability" or "Not a core IT capability" when the value's label already names
    the factor (never "Core IT capability: core IT capability")."""
    if label.lower() in value_label.lower():
        return value_label[:1].upper() + value_label[1:]
    return f"{label}: {value_label}"


def lower_first(label: str) -> str:
    """A label for the middle of a sentence: 'Onshore outsourcing' -> 'onshore outsourcing'.

    A leading acronym is kept ('IT budget' stays as it is).
    """
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def join_words(items: Sequence[str], *, last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
