"""Labelled questions: questions people asked, each with the quote of the knowledge base that
answers it (the training queries of the retriever, kept as data in ``knowledge/``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from bot.models._base import Frozen


class LabelledQuestion(Frozen):
    """One question and the exact words of the knowledge base that answer it."""

    id: str = Field(min_length=1, max_length=120, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
    question: str = Field(min_length=1, max_length=4000, description="The question as asked")
    quote: str = Field(
        min_length=3,
        max_length=1000,
        description="Words of one sentence (or table cell) of a knowledge document that answer "
        "the question, exactly as written there (runs of whitespace count as one space)",
    )

    @field_validator("question", "quote")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            msg = "must not be blank"
            raise ValueError(msg)
        return value


class LabelledQuestions(Frozen):
    """The file ``knowledge/labelled-questions.yaml``."""

    version: Literal[1] = 1
    questions: tuple[LabelledQuestion, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> LabelledQuestions:
        seen: set[str] = set()
        for item in self.questions:
            if item.id in seen:
                msg = f"duplicate labelled question id {item.id!r}"
                raise ValueError(msg)
            seen.add(item.id)
        return self
