"""The words people use for what the knowledge base covers (knowledge/vocabulary.yaml)."""

from __future__ import annotations

from pydantic import Field, field_validator

from bot.models._base import Frozen


class Gap(Frozen):
    """A topic people ask about that the knowledge base does not cover (tax, contract clauses).

    A question using one of its entries is answered "not covered", naming the topic, however
    close a passage's wording is. An entry every term of which the knowledge base itself uses
    is ignored (the knowledge base covers it now).
    """

    topic: str = Field(
        min_length=1, description="The topic as said to people: 'tax and legal set-up'"
    )
    terms: tuple[str, ...] = Field(
        min_length=1,
        description='Words or phrases that name the topic in a question; "..." between two '
        'words stands for up to 4 other words, stop words not counted ("recommend ... vendors")',
    )

    @field_validator("terms")
    @classmethod
    def _skips_between_words(cls, terms: tuple[str, ...]) -> tuple[str, ...]:
        for term in terms:
            if "..." in term and any(not part.strip() for part in term.split("...")):
                msg = f"{term!r}: '...' must stand between two words"
                raise ValueError(msg)
        return terms


class Vocabulary(Frozen):
    """Domain words, off-topic phrases, generic words, synonym groups, framing phrases, the
    options compared, gaps.

    Every entry is a word or phrase as people write it; matching happens after the domain's
    tokeniser (``bot.text.terms``). An empty vocabulary is valid: the bot then matches words
    literally and treats no message as off topic by its words alone.
    """

    version: int = 1
    domain: tuple[str, ...] = Field(
        default=(), description="Words that put a message inside the bot's topic"
    )
    off_topic: tuple[str, ...] = Field(
        default=(), description="Phrases of requests that are never about the topic"
    )
    generic: tuple[str, ...] = Field(
        default=(), description="Words that carry no topic of their own in a question"
    )
    synonyms: tuple[tuple[str, ...], ...] = Field(
        default=(),
        description="Groups meaning the same thing; the first entry is the knowledge base's word",
    )
    framing: tuple[str, ...] = Field(
        default=(),
        description="Phrases that mark a framing sentence: it opens an answer only when it "
        "alone holds something the question asks",
    )
    transitions: tuple[str, ...] = Field(
        default=(),
        description='Phrases that mark a sentence about the text itself ("before we dive '
        'deeper", "below is a breakdown"): it never opens an answer',
    )
    options: tuple[str, ...] = Field(
        default=(),
        description="The options the knowledge base compares (outsourcing, an offshore team)",
    )
    topics: tuple[str, ...] = Field(
        default=(), description="What the knowledge base covers, said when it does not cover one"
    )
    examples: tuple[str, ...] = Field(default=(), description="Questions people can try")
    gaps: tuple[Gap, ...] = Field(
        default=(), description="Topics the knowledge base does not cover, and their words"
    )
