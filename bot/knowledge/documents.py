"""Load knowledge documents: markdown files with optional front matter, split into sections."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.errors import KnowledgeError
from bot.knowledge._text import ID_PATTERN, fenced_lines, slugify
from bot.models import Document, Section

MAX_SECTION_LEVEL = 4
"""Headings ``#`` to ``####`` start sections; deeper headings stay in their section's text."""

PREAMBLE_ID = "preamble"

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
_EXPLICIT_ID = re.compile(r"[ \t]*\{#([^}]*)\}$")
_SKIP = ("_", ".")  # file name prefixes of drafts and hidden files
_FRONT_MATTER_OPEN = "---"
_FRONT_MATTER_CLOSE = ("---", "...")


class _FrontMatter(BaseModel):
    """The front matter keys the loader reads; other keys (e.g. source_file) are ignored."""

    model_config = ConfigDict(extra="ignore", strict=True)

    id: str | None = None
    title: str | None = None
    publisher: str = ""
    kind: str = "document"


@dataclass
class _Heading:
    """A section being collected: its heading and the lines under it."""

    lineno: int
    level: int
    title: str
    path: tuple[str, ...]
    explicit_id: str | None
    lines: list[str] = field(default_factory=list)


def load_documents(knowledge_dir: Path) -> tuple[Document, ...]:
    """Load every ``*.md`` file directly in ``knowledge_dir``, sorted by file name.

    Files whose name starts with ``_`` or ``.`` are skipped, as is anything that is not ``*.md``
    (``policy.yaml``, ``SOURCE_NOTES.txt`` ...).

    Args:
        knowledge_dir: The knowledge folder.

    Returns:
        The documents, in file name order.

    Raises:
        KnowledgeError: The folder is missing or holds no documents, a file is malformed, or two
            files declare the same document id.
    """
    if not knowledge_dir.is_dir():
        msg = f"{knowledge_dir}: knowledge folder not found"
        raise KnowledgeError(msg)
    files = sorted(
        (
            p
            for p in knowledge_dir.glob("*.md")
            if p.is_file() and not p.name.startswith(("_", "."))
        ),
        key=lambda p: p.name,
    )
    if not files:
        msg = f"{knowledge_dir}: no *.md documents found"
        raise KnowledgeError(msg)
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in files:
        document = load_document(path)
        if document.id in seen:
            msg = f'duplicate document id "{document.id}" in {seen[document.id]} and {path}'
            raise KnowledgeError(msg)
        seen[document.id] = str(path)
        documents.append(document)
    return tuple(documents)


def load_document(path: Path) -> Document:
    """Load one markdown file as a Document.

    Args:
        path: The ``.md`` file.

    Returns:
        The document with its sections; ``sha256`` is the hash of the file's bytes.

    Raises:
        KnowledgeError: The file is unreadable, empty, not UTF-8, has invalid front matter, or has
            a malformed or duplicate section id.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        msg = f"{path}: cannot read file ({exc.strerror})"
        raise KnowledgeError(msg) from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        msg = f"{path}: not UTF-8 text (invalid byte at offset {exc.start})"
        raise KnowledgeError(msg) from None
    if not text.strip():
        msg = f"{path}: file is empty"
        raise KnowledgeError(msg)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, body_start = _front_matter(path, lines)
    body = lines[body_start:]
    headings = _collect_sections(path, body, first_lineno=body_start + 1)
    if not headings:
        msg = f"{path}: no text after the front matter"
        raise KnowledgeError(msg)
    first_title = next((h.title for h in headings if h.level), path.stem)
    doc_id = meta.id if meta.id is not None else slugify(path.stem)
    if not ID_PATTERN.match(doc_id):
        msg = (
            f'{path}: invalid document id "{doc_id}" '
            "(use lowercase letters, digits, '-' and '_'; set it with `id:` in the front matter)"
        )
        raise KnowledgeError(msg)
    title = meta.title if meta.title else first_title
    return Document(
        id=doc_id,
        title=title,
        publisher=meta.publisher,
        kind=meta.kind,
        path=str(path),
        sections=_assign_ids(path, headings, document_title=title),
        text=_strip_blank_lines(body),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _front_matter(path: Path, lines: list[str]) -> tuple[_FrontMatter, int]:
    """Parse the front matter, if any; return it and the index of the first body line."""
    if lines[0].rstrip() != _FRONT_MATTER_OPEN:
        return _FrontMatter(), 0
    end = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in _FRONT_MATTER_CLOSE),
        None,
    )
    if end is None:
        msg = f"{path}: front matter is not closed (no '---' line after the opening one)"
        raise KnowledgeError(msg)
    try:
        raw: Any = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        msg = f"{path}: invalid front matter YAML: {_yaml_problem(exc, line_offset=1)}"
        raise KnowledgeError(msg) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        msg = f"{path}: front matter must be a mapping of keys to values"
        raise KnowledgeError(msg)
    try:
        meta = _FrontMatter.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        msg = f"{path}: front matter {where}: {error['msg']}"
        raise KnowledgeError(msg) from None
    return meta, end + 1


def _yaml_problem(exc: yaml.YAMLError, *, line_offset: int) -> str:
    """One line describing a YAML error, with a 1-based line number in the file."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        problem = exc.problem or "syntax error"
        return f"{problem} (line {mark.line + 1 + line_offset}, column {mark.column + 1})"
    return str(exc).replace("\n", " ")


def _collect_sections(path: Path, body: list[str], *, first_lineno: int) -> list[_Heading]:
    """Split body lines at headings; text before the first heading becomes a level-0 preamble."""
    preamble = _Heading(lineno=first_lineno, level=0, title="", path=(), explicit_id=PREAMBLE_ID)
    sections = [preamble]
    stack: list[tuple[int, str]] = []
    for offset, (line, in_fence) in enumerate(zip(body, fenced_lines(body), strict=True)):
        heading = None if in_fence else _HEADING.match(line)
        if heading is None or len(heading.group(1)) > MAX_SECTION_LEVEL:
            sections[-1].lines.append(line)
            continue
        lineno = first_lineno + offset
        level = len(heading.group(1))
        title, explicit_id = _split_heading(path, heading.group(2) or "", lineno=lineno)
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        sections.append(
            _Heading(
                lineno=lineno,
                level=level,
                title=title,
                path=tuple(t for _, t in stack),
                explicit_id=explicit_id,
            )
        )
    if not _strip_blank_lines(preamble.lines):
        sections.remove(preamble)
    return sections


def _split_heading(path: Path, raw: str, *, lineno: int) -> tuple[str, str | None]:
    """Heading text -> (title, explicit id or None); strips closing '#'s and '{#id}'."""
    text = _CLOSING_HASHES.sub("", raw).strip()
    explicit = _EXPLICIT_ID.search(text)
    explicit_id = None
    if explicit is not None:
        explicit_id = explicit.group(1).strip()
        text = text[: explicit.start()].strip()
        if not ID_PATTERN.match(explicit_id):
            msg = (
                f'{path}:{lineno}: invalid section id "{{#{explicit_id}}}" '
                "(use lowercase letters, digits, '-' and '_')"
            )
            raise KnowledgeError(msg)
    if not text:
        msg = f"{path}:{lineno}: heading has no title"
        raise KnowledgeError(msg)
    return text, explicit_id


def _assign_ids(
    path: Path, headings: list[_Heading], *, document_title: str
) -> tuple[Section, ...]:
    """Give every section its id: explicit ids must be unique, slugs get '-2', '-3' on clashes."""
    first_use: dict[str, int] = {}
    for heading in headings:
        if heading.explicit_id is None:
            continue
        if heading.explicit_id in first_use:
            msg = (
                f'{path}:{heading.lineno}: duplicate section id "{heading.explicit_id}" '
                f"(first used on line {first_use[heading.explicit_id]})"
            )
            raise KnowledgeError(msg)
        first_use[heading.explicit_id] = heading.lineno
    used = set(first_use)
    sections: list[Section] = []
    for heading in headings:
        section_id = heading.explicit_id
        if section_id is None:
            base = slugify(heading.title) or "section"
            section_id, n = base, 1
            while section_id in used:
                n += 1
                section_id = f"{base}-{n}"
            used.add(section_id)
        title = heading.title if heading.level else document_title
        sections.append(
            Section(
                id=section_id,
                title=title,
                path=heading.path if heading.level else (document_title,),
                text=_strip_blank_lines(heading.lines),
            )
        )
    return tuple(sections)


def _strip_blank_lines(lines: list[str]) -> str:
    """Join lines, dropping blank lines at the start and end."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])
