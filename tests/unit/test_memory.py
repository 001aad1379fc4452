"""Process malloc tuning (glibc's mmap threshold held fixed)."""

from __future__ import annotations

import platform

import pytest

from bot.memory import MMAP_THRESHOLD_BYTES, fix_mmap_threshold


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only"
)
def test_the_mmap_threshold_is_fixed_on_glibc() -> None:
    """On glibc, mallopt takes the fixed threshold and the call reports it was set."""
    assert fix_mmap_threshold(MMAP_THRESHOLD_BYTES) is True
