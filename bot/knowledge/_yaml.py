"""Reading the knowledge folder's YAML files: one-line errors that name the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.errors import KnowledgeError


def read_yaml(path: Path, what: str) -> Any:
    """Parse a YAML file (None for an empty one).

    Args:
        path: The file.
        what: What it holds, for the message ("the vocabulary file").

    Raises:
        KnowledgeError: ``"<path>: cannot read <what> (...)"`` or ``"<path>: invalid YAML:
            <problem>"``.
    """
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{path}: cannot read {what} ({exc})"
        raise KnowledgeError(msg) from None
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).replace("\n", " ")
        msg = f"{path}: invalid YAML: {problem}"
        raise KnowledgeError(msg) from None


def schema_error(path: Path, exc: ValidationError) -> KnowledgeError:
    """The first schema violation as one line: ``"<path>: <field.path>: <message>"``."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    return KnowledgeError(f"{path}: {where}: {first['msg']}")
