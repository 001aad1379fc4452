"""Find where a verbatim quote occurs in the knowledge documents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.errors import KnowledgeError
from bot.knowledge._text import collapse_whitespace
from bot.knowledge.chunking import section_label
from bot.models import Document, Section, SourceRef
from bot.text import quote_in

__all__ = ["find_quote", "quote_in", "resolve_quote"]


def find_quote(documents: Iterable[Document], quote: str) -> tuple[Document, Section] | None:
    """The first section (in document and section order) whose text contains ``quote``.

    Args:
        documents: Loaded documents.
        quote: The passage to look for; whitespace runs are collapsed before comparing.

    Returns:
        The document and section containing the quote, or None when no section does.
    """
    for document in documents:
        for section in document.sections:
            if quote_in(section.text, quote):
                return document, section
    return None


def resolve_quote(ref: SourceRef, documents: Mapping[str, Document], *, where: str) -> SourceRef:
    """Check that a quote occurs verbatim in the section it names and fill in its section title.

    Args:
        ref: The quote as written in a knowledge file (document id, section id, quote).
        documents: The loaded documents keyed by id.
        where: What the error message names first, e.g. ``"policy.yaml: rules.0.citation"``.

    Returns:
        ``ref`` with ``document_title`` and ``section_path`` (the section's citation label, see
        ``bot.knowledge.chunking.section_label``) filled in.

    Raises:
        KnowledgeError: The document or section is unknown, or the quote is not in the section's
            own text (the message says where it does occur, if anywhere).
    """
    document = documents.get(ref.document)
    if document is None:
        known = ", ".join(sorted(documents)) or "none"
        msg = f'{where}: unknown document "{ref.document}" (known: {known})'
        raise KnowledgeError(msg)
    section = next((s for s in document.sections if s.id == ref.section), None)
    if section is None:
        msg = f'{where}: unknown section "{ref.document}#{ref.section}"'
        raise KnowledgeError(msg)
    if not quote_in(section.text, ref.quote):
        found = find_quote(documents.values(), ref.quote)
        hint = f" (it occurs in {found[0].id}#{found[1].id})" if found else ""
        msg = (
            f"{where}: quote not found verbatim in {ref.document}#{ref.section}: "
            f'"{collapse_whitespace(ref.quote)}"{hint}'
        )
        raise KnowledgeError(msg)
    return ref.model_copy(
        update={"document_title": document.title, "section_path": section_label(document, section)}
    )
