"""Load knowledge/policy.yaml and check it against the Scenario model and the documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from bot.errors import KnowledgeError
from bot.knowledge.quotes import resolve_quote
from bot.models import STRATEGIES, Condition, Document, Policy, Scenario, SourceRef

DURATION_LEVELS: tuple[str, ...] = ("short", "one_year", "long")
"""Level keys of the duration_months factor (buckets set by ``Policy.duration``)."""

_Loc = tuple[str | int, ...]


def load_policy(path: Path, documents: Sequence[Document]) -> Policy:
    """Load and validate the policy file; every quote must occur verbatim in its section.

    Args:
        path: The policy YAML file.
        documents: The loaded documents that the policy's quotes cite.

    Returns:
        The policy, with every ``SourceRef.section_path`` set to its section's citation label.

    Raises:
        KnowledgeError: One line naming the file, the field path and the problem: unreadable or
            invalid YAML, a schema violation, a factor, level or rule field unknown to Scenario,
            a missing strategy, or a quote not found verbatim in the section it names.
    """
    raw = _read_yaml(path)
    try:
        policy = Policy.model_validate(_level_keys_as_strings(raw))
    except ValidationError as exc:
        raise KnowledgeError(_validation_message(path, exc)) from None
    _check_strategies(path, policy)
    _check_factors(path, policy)
    _check_rules(path, policy)
    resolved: Policy = _map_quotes(policy, (), _quote_resolver(path, documents))
    return resolved


def level_keys(field: str) -> tuple[str, ...] | None:
    """The level keys a factor on Scenario field ``field`` may use, or None if it has none."""
    if field == "duration_months":
        return DURATION_LEVELS
    annotation = Scenario.model_fields[field].annotation
    if annotation is bool:
        return ("true", "false")
    if get_origin(annotation) is Literal:
        return tuple(str(arg) for arg in get_args(annotation))
    return None


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        msg = f"{path}: policy file not found"
        raise KnowledgeError(msg) from None
    except UnicodeDecodeError as exc:
        msg = f"{path}: not UTF-8 text (invalid byte at offset {exc.start})"
        raise KnowledgeError(msg) from None
    except OSError as exc:
        msg = f"{path}: cannot read policy file ({exc.strerror})"
        raise KnowledgeError(msg) from None
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = ""
        if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
            where = f" (line {exc.problem_mark.line + 1}, column {exc.problem_mark.column + 1})"
        problem = getattr(exc, "problem", None) or str(exc).replace("\n", " ")
        msg = f"{path}: invalid YAML: {problem}{where}"
        raise KnowledgeError(msg) from None
    if not isinstance(raw, dict):
        msg = f"{path}: the policy must be a YAML mapping, not {type(raw).__name__}"
        raise KnowledgeError(msg)
    return raw


def _level_keys_as_strings(raw: dict[str, Any]) -> dict[str, Any]:
    """Unquoted YAML keys true/false parse as booleans; level keys are the strings true/false."""
    factors = raw.get("factors")
    if not isinstance(factors, list):
        return raw
    fixed: list[Any] = []
    for factor in factors:
        levels = factor.get("levels") if isinstance(factor, dict) else None
        if isinstance(levels, dict):
            named = {str(k).lower() if isinstance(k, bool) else k: v for k, v in levels.items()}
            fixed.append({**factor, "levels": named})
        else:
            fixed.append(factor)
    return {**raw, "factors": fixed}


def _validation_message(path: Path, exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    got = first.get("input")
    shown = f" (got {got!r})" if first["type"] != "missing" and _is_scalar(got) else ""
    more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
    return f"{path}: {where}: {first['msg']}{shown}{more}"


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _check_strategies(path: Path, policy: Policy) -> None:
    for name, defined in (("strategies", policy.strategies), ("cost_ranges", policy.cost_ranges)):
        missing = [s for s in STRATEGIES if s not in defined]
        if missing:
            msg = f"{path}: {name}: missing {', '.join(missing)}"
            raise KnowledgeError(msg)
    for strategy, cost in policy.cost_ranges.items():
        if cost.low_pct is not None and cost.high_pct is not None and cost.low_pct > cost.high_pct:
            msg = (
                f"{path}: cost_ranges.{strategy}: "
                f"low_pct {cost.low_pct} is above high_pct {cost.high_pct}"
            )
            raise KnowledgeError(msg)


def _check_factors(path: Path, policy: Policy) -> None:
    fields = ", ".join(Scenario.model_fields)
    seen: set[str] = set()
    for i, factor in enumerate(policy.factors):
        if factor.id not in Scenario.model_fields:
            msg = f'{path}: factors.{i}: unknown factor "{factor.id}" (Scenario fields: {fields})'
            raise KnowledgeError(msg)
        if factor.id in seen:
            msg = f'{path}: factors.{i}: duplicate factor "{factor.id}"'
            raise KnowledgeError(msg)
        seen.add(factor.id)
        allowed = level_keys(factor.id)
        if allowed is None:  # pragma: no cover - every Scenario field has levels today
            msg = f'{path}: factors.{i}: factor "{factor.id}" has no level keys'
            raise KnowledgeError(msg)
        labels: dict[str, str] = {}
        for key, level in factor.levels.items():
            where = f"{path}: factors.{i}.levels.{key}"
            if key not in allowed:
                msg = f'{where}: "{key}" is not a level of {factor.id} (use {", ".join(allowed)})'
                raise KnowledgeError(msg)
            _check_level_words(where, level.label, level.if_clause)
            if level.label.strip().lower() in labels:
                msg = (
                    f'{where}.label: "{level.label}" is also the label of level '
                    f"{labels[level.label.strip().lower()]}; people could not tell them apart"
                )
                raise KnowledgeError(msg)
            labels[level.label.strip().lower()] = key


def _check_level_words(where: str, label: str, if_clause: str) -> None:
    """Every level needs a label and an if-clause people can read: not blank, no ``_`` names."""
    for name, text in (("label", label), ("if_clause", if_clause)):
        if not text.strip():
            msg = f"{where}.{name}: must not be blank; people see it in answers"
            raise KnowledgeError(msg)
        if "_" in text:
            msg = f'{where}.{name}: "{text}" reads like a field name; write it as people say it'
            raise KnowledgeError(msg)


def _check_rules(path: Path, policy: Policy) -> None:
    seen: set[str] = set()
    for i, rule in enumerate(policy.rules):
        if rule.id in seen:
            msg = f'{path}: rules.{i}: duplicate rule id "{rule.id}"'
            raise KnowledgeError(msg)
        seen.add(rule.id)
        for j, condition in enumerate(rule.when):
            problem = _condition_problem(condition)
            if problem:
                msg = f"{path}: rules.{i}.when.{j}: {problem} (rule {rule.id})"
                raise KnowledgeError(msg)


def _condition_problem(condition: Condition) -> str:
    """What is wrong with a rule condition, or '' when it can hold for some Scenario."""
    if condition.field not in Scenario.model_fields:
        return f'unknown field "{condition.field}" (not a Scenario field)'
    value = condition.value
    if (condition.op == "in") != isinstance(value, list):
        return f'op "{condition.op}" needs {"a list" if condition.op == "in" else "a single value"}'
    annotation = Scenario.model_fields[condition.field].annotation
    if annotation is bool and not isinstance(value, bool):
        return f"{condition.field} is true or false, not {value!r}"
    if annotation is int and (isinstance(value, bool) or not isinstance(value, int | float)):
        return f"{condition.field} is a number, not {value!r}"
    if get_origin(annotation) is Literal:
        allowed = [str(arg) for arg in get_args(annotation)]
        for item in value if isinstance(value, list) else [value]:
            if item not in allowed:
                return f"{item!r} is not a value of {condition.field} (use {', '.join(allowed)})"
    return ""


def _quote_resolver(
    path: Path, documents: Sequence[Document]
) -> Callable[[SourceRef, _Loc], SourceRef]:
    by_id = {document.id: document for document in documents}

    def resolve(ref: SourceRef, loc: _Loc) -> SourceRef:
        return resolve_quote(ref, by_id, where=f"{path}: {'.'.join(str(part) for part in loc)}")

    return resolve


def _map_quotes(value: Any, loc: _Loc, resolve: Callable[[SourceRef, _Loc], SourceRef]) -> Any:
    """Rebuild ``value`` with every SourceRef inside it replaced by ``resolve(ref, loc)``."""
    if isinstance(value, SourceRef):
        return resolve(value, loc)
    if isinstance(value, BaseModel):
        updates = {
            name: _map_quotes(getattr(value, name), (*loc, name), resolve)
            for name in type(value).model_fields
        }
        return value.model_copy(update=updates)
    if isinstance(value, dict):
        return {key: _map_quotes(item, (*loc, key), resolve) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_map_quotes(item, (*loc, i), resolve) for i, item in enumerate(value))
    return value
