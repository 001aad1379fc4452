"""The retrieval settings: Chroma call bound, keyword-only period, pointer refresh, grace period."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings

_RETRIEVAL = (
    "SOURCING_CHROMA_TIMEOUT_S",
    "SOURCING_CHROMA_RETRY_S",
    "SOURCING_INDEX_REFRESH_S",
    "SOURCING_INDEX_GRACE_S",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No retrieval variable set and no .env file in the working directory."""
    for name in _RETRIEVAL:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_defaults_bound_calls_to_five_seconds_and_keep_old_indexes_ten_minutes(
    clean_env: pytest.MonkeyPatch,
) -> None:
    """Unset: 5 s per Chroma call, 15 s keyword-only, pointer re-read every 5 s, 600 s grace."""
    settings = Settings()
    assert (
        settings.chroma_timeout_s,
        settings.chroma_retry_s,
        settings.index_refresh_s,
        settings.index_grace_s,
    ) == (5.0, 15.0, 5.0, 600.0)


def test_the_environment_sets_each_retrieval_setting(clean_env: pytest.MonkeyPatch) -> None:
    """Each variable is read as seconds (fractions allowed)."""
    clean_env.setenv("SOURCING_CHROMA_TIMEOUT_S", "1.5")
    clean_env.setenv("SOURCING_CHROMA_RETRY_S", "0")
    clean_env.setenv("SOURCING_INDEX_REFRESH_S", "30")
    clean_env.setenv("SOURCING_INDEX_GRACE_S", "3600")
    settings = Settings()
    assert (
        settings.chroma_timeout_s,
        settings.chroma_retry_s,
        settings.index_refresh_s,
        settings.index_grace_s,
    ) == (1.5, 0.0, 30.0, 3600.0)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SOURCING_CHROMA_TIMEOUT_S", "0"),
        ("SOURCING_CHROMA_TIMEOUT_S", "301"),
        ("SOURCING_CHROMA_RETRY_S", "-1"),
        ("SOURCING_INDEX_REFRESH_S", "soon"),
        ("SOURCING_INDEX_GRACE_S", "-5"),
    ],
)
def test_out_of_range_values_are_rejected_naming_the_variable(
    clean_env: pytest.MonkeyPatch, name: str, value: str
) -> None:
    """A zero timeout, a negative period or a non-number fails validation naming the variable."""
    clean_env.setenv(name, value)
    with pytest.raises(ValidationError, match=name):
        Settings()
