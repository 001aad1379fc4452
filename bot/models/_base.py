"""Base class for the frozen value objects exchanged between layers."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Immutable, strict-about-extras pydantic model."""

    model_config = ConfigDict(frozen=True, extra="forbid")
