"""Load and validate knowledge/labelled-questions.yaml: questions with the quote that answers
them, which teach retrieval how people ask for what the documents say."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from bot.errors import KnowledgeError
from bot.knowledge._yaml import read_yaml, schema_error
from bot.models import Chunk, LabelledQuestion, LabelledQuestions
from bot.text import first_holding

LABELLED_FILE = "labelled-questions.yaml"


def load_labelled(path: Path, chunks: Sequence[Chunk]) -> tuple[LabelledQuestion, ...]:
    """Load the labelled questions; a missing file gives none.

    Args:
        path: The YAML file (usually ``knowledge/labelled-questions.yaml``).
        chunks: Every chunk of the knowledge base: each quote must be found in one.

    Returns:
        The validated questions, in file order.

    Raises:
        KnowledgeError: One line naming the file and the entry: unreadable or invalid YAML, a
            schema violation (a missing or blank field, an id used twice, an unknown key), or
            a quote that no knowledge document holds (the document changed: update or delete
            the entry).
    """
    if not path.is_file():
        return ()
    raw = read_yaml(path, "the labelled questions")
    try:
        labelled = LabelledQuestions.model_validate(raw or {})
    except ValidationError as exc:
        raise schema_error(path, exc) from None
    found = first_holding([chunk.text for chunk in chunks], [q.quote for q in labelled.questions])
    for item, where in zip(labelled.questions, found, strict=True):
        if where is None:
            msg = (
                f"{path}: labelled question {item.id!r}: no knowledge document holds the quote "
                f"{item.quote[:80]!r}; update or delete the entry"
            )
            raise KnowledgeError(msg)
    return labelled.questions
