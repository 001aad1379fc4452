"""Load and validate knowledge/onboarding.yaml: the primer and the walkthrough steps."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.errors import KnowledgeError
from bot.knowledge.quotes import resolve_quote
from bot.models import STRATEGIES, Document, Onboarding, WalkthroughStep


def load_onboarding(
    path: Path, documents: Iterable[Document] | Mapping[str, Document]
) -> Onboarding:
    """Load the onboarding file and check every quote against the knowledge documents.

    Args:
        path: The YAML file (usually ``knowledge/onboarding.yaml``).
        documents: The loaded knowledge documents, as a sequence or keyed by id.

    Returns:
        The validated onboarding content; each quote's ``section_path`` is filled in with the
        section's citation label (its heading path without the document title).

    Raises:
        KnowledgeError: The file is unreadable or malformed, a step id repeats, a check question's
            correct option is not one of its options, the primer misses a strategy, or a quote is
            not found verbatim in the named document section. The message names the step.
    """
    by_id = dict(documents) if isinstance(documents, Mapping) else {d.id: d for d in documents}
    raw = _read_yaml(path)
    try:
        onboarding = Onboarding.model_validate(raw)
    except ValidationError as exc:
        raise KnowledgeError(_describe(path, raw, exc)) from None
    missing = [s for s in STRATEGIES if s not in onboarding.primer.comparison]
    if missing:
        msg = f"{path}: primer.comparison has no text for {', '.join(missing)}"
        raise KnowledgeError(msg)
    seen: set[str] = set()
    steps: list[WalkthroughStep] = []
    for step in onboarding.steps:
        if step.id in seen:
            msg = f'{path}: step "{step.id}": duplicate step id'
            raise KnowledgeError(msg)
        seen.add(step.id)
        steps.append(_check_step(path, step, by_id))
    return onboarding.model_copy(update={"steps": tuple(steps)})


def _read_yaml(path: Path) -> Any:
    """The parsed YAML mapping, or a KnowledgeError naming the file and the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{path}: cannot read onboarding file ({exc})"
        raise KnowledgeError(msg) from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        problem = str(exc).replace("\n", " ")
        msg = f"{path}: invalid YAML: {problem}"
        raise KnowledgeError(msg) from None
    if not isinstance(raw, dict):
        msg = f"{path}: the onboarding file must be a mapping with 'primer' and 'steps'"
        raise KnowledgeError(msg)
    return raw


def _describe(path: Path, raw: Any, exc: ValidationError) -> str:
    """The first validation error as '<file>: step "<id>": <where>: <problem>'."""
    error = exc.errors()[0]
    loc = list(error["loc"])
    where = ".".join(str(part) for part in loc)
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        steps = raw.get("steps")
        step = steps[loc[1]] if isinstance(steps, list) and loc[1] < len(steps) else None
        step_id = step.get("id") if isinstance(step, dict) else None
        name = f'"{step_id}"' if isinstance(step_id, str) else f"#{loc[1] + 1}"
        inner = ".".join(str(part) for part in loc[2:]) or "step"
        return f"{path}: step {name}: {inner}: {error['msg']}"
    return f"{path}: {where}: {error['msg']}"


def _check_step(
    path: Path, step: WalkthroughStep, documents: dict[str, Document]
) -> WalkthroughStep:
    """Validate one step's check question and quotes; return it with section titles filled in."""
    where = f'{path}: step "{step.id}"'
    citations = tuple(
        resolve_quote(ref, documents, where=f"{where}: citation {i + 1}")
        for i, ref in enumerate(step.citations)
    )
    check = step.check
    if check is not None:
        ids = [option.id for option in check.options]
        if len(set(ids)) != len(ids):
            msg = f"{where}: check question has duplicate option ids ({', '.join(ids)})"
            raise KnowledgeError(msg)
        if check.correct not in ids:
            msg = (
                f'{where}: check question\'s correct option "{check.correct}" is not one of '
                f"its options ({', '.join(ids)})"
            )
            raise KnowledgeError(msg)
        cited = resolve_quote(check.citation, documents, where=f"{where}: check question citation")
        check = check.model_copy(update={"citation": cited})
    return step.model_copy(update={"citations": citations, "check": check})
