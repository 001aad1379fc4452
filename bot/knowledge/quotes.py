"""Find where a verbatim quote occurs in the knowledge documents."""

from __future__ import annotations

from collections.abc import Iterable

from bot.knowledge._text import collapse_whitespace
from bot.models import Document, Section


def quote_in(text: str, quote: str) -> bool:
    """Whether ``quote`` occurs in ``text`` once runs of whitespace are collapsed in both.

    Nothing else is normalised: typographic quotes, dashes and case must match. A blank quote
    occurs nowhere.
    """
    needle = collapse_whitespace(quote)
    return bool(needle) and needle in collapse_whitespace(text)


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
