"""Load and validate knowledge/vocabulary.yaml (domain words, synonyms, framing phrases)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.errors import KnowledgeError
from bot.knowledge._yaml import read_yaml, schema_error
from bot.models import Vocabulary
from bot.text import quoted_phrase, terms, words

VOCABULARY_FILE = "vocabulary.yaml"


def load_vocabulary(path: Path) -> Vocabulary:
    """Load the vocabulary file; a missing file gives an empty vocabulary.

    Args:
        path: The YAML file (usually ``knowledge/vocabulary.yaml``).

    Returns:
        The validated vocabulary.

    Raises:
        KnowledgeError: One line naming the file and the entry: unreadable or invalid YAML, a
            schema violation, an entry with no content word (only stop words or punctuation),
            a synonym entry that is one generic word, a quoted synonym entry of one word, a
            synonym group with fewer than two entries, an entry in two synonym groups, or a
            gap without a topic or terms.
    """
    if not path.is_file():
        return Vocabulary()
    raw = _read(path)
    try:
        vocabulary = Vocabulary.model_validate(raw)
    except ValidationError as exc:
        raise schema_error(path, exc) from None
    _check(path, vocabulary)
    return vocabulary


def _read(path: Path) -> Any:
    raw = read_yaml(path, "the vocabulary file")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        msg = f"{path}: expected a mapping with domain, off_topic, generic, synonyms, framing"
        raise KnowledgeError(msg)
    return raw


def _check(path: Path, vocabulary: Vocabulary) -> None:
    lists = {
        "domain": vocabulary.domain,
        "generic": vocabulary.generic,
        "off_topic": vocabulary.off_topic,
        "framing": vocabulary.framing,
        "transitions": vocabulary.transitions,
        "options": vocabulary.options,
        "topics": vocabulary.topics,
        "examples": vocabulary.examples,
    }
    for name, entries in lists.items():
        for i, entry in enumerate(entries):
            if not terms(entry):
                msg = f"{path}: {name}.{i}: {entry!r} has no content word"
                raise KnowledgeError(msg)
    generic = {t for entry in vocabulary.generic for t in terms(entry)}
    owner: dict[str, int] = {}
    for g, group in enumerate(vocabulary.synonyms):
        if len(group) < 2:
            msg = f"{path}: synonyms.{g}: a group needs at least two entries, got {list(group)}"
            raise KnowledgeError(msg)
        for i, entry in enumerate(group):
            where = f"{path}: synonyms.{g}.{i}: {entry!r}"
            if (phrase := quoted_phrase(entry)) is not None:
                if len(phrase) < 2:
                    msg = f"{where} is quoted, so it is matched as written; it needs two words"
                    raise KnowledgeError(msg)
                key = '"' + " ".join(phrase) + '"'  # matched as written: its own key space
            else:
                if not terms(entry):
                    msg = f"{where} has no content word"
                    raise KnowledgeError(msg)
                if len(terms(entry)) == 1 and set(terms(entry)) <= generic:
                    msg = f"{where} is one generic word, so it would match almost every sentence"
                    raise KnowledgeError(msg)
                key = " ".join(terms(entry))
            if key in owner and owner[key] != g:
                msg = f"{where} is already in group {owner[key]}; an entry may be in one group"
                raise KnowledgeError(msg)
            owner[key] = g
    _check_gaps(path, vocabulary)


def _check_gaps(path: Path, vocabulary: Vocabulary) -> None:
    """Raise KnowledgeError for a gap entry that names nothing or only one of its words."""
    for g, gap in enumerate(vocabulary.gaps):
        for i, entry in enumerate(gap.terms):
            if not terms(entry):
                msg = f"{path}: gaps.{g}.terms.{i}: {entry!r} has no content word"
                raise KnowledgeError(msg)
            if "..." not in entry and len(words(entry)) > 1 and len(terms(entry)) == 1:
                # "going rate" is "rate" once "going" (a stop word) is dropped: every question
                # using "rate" ("which option does the article rate cheapest?") would name it.
                msg = (
                    f"{path}: gaps.{g}.terms.{i}: {entry!r} keeps only {terms(entry)[0]!r} "
                    "once stop words are dropped; name the gap by words that say it"
                )
                raise KnowledgeError(msg)
