"""Process malloc tuning (glibc's mmap threshold held fixed)."""

from __future__ import annotations

import platform

import pytest

from bot.memory import MMAP_THRESHOLD_BYTES, fix_mmap_threshold, single_threaded_blas


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only"
)
def test_the_mmap_threshold_is_fixed_on_glibc() -> None:
    """On glibc, mallopt takes the fixed threshold and the call reports it was set."""
    assert fix_mmap_threshold(MMAP_THRESHOLD_BYTES) is True


def test_blas_is_kept_to_one_thread() -> None:
    """numpy's BLAS runs one thread after `single_threaded_blas` (every answering process
    calls it through `build_advisor`): a matrix-vector product split over cores doubled the
    CPU of each answer."""
    from threadpoolctl import threadpool_info

    assert single_threaded_blas() >= 1
    blas = [pool for pool in threadpool_info() if pool.get("user_api") == "blas"]
    assert blas
    assert all(pool["num_threads"] == 1 for pool in blas)
