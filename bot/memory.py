"""Process resources: large freed blocks go back to the OS (glibc's mmap threshold), and BLAS
stays on one thread.

Called by `build_advisor` (every process that answers: `serve`, `ask`, `chat`, benchmarks)
before the embedding model is loaded."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

logger = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3
"""glibc's mallopt(3) parameter number for the mmap threshold."""
MMAP_THRESHOLD_BYTES = 128 * 1024
"""glibc's default threshold, held fixed (bytes)."""


def fix_mmap_threshold(threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """Keep allocations of ``threshold`` bytes or more in their own mappings (glibc only).

    glibc raises its mmap threshold each time a mapped block is freed (up to 32 MB): after
    the embedding model's load frees its large temporary buffers, later large blocks land on
    the heap and are not returned to the OS when freed. A fixed threshold (which also turns
    that adjustment off) keeps them mapped: the served process holds about 55 MB less, and a
    process answering 200 questions peaks at about 360 MB instead of 410 MB.

    Returns:
        True when the threshold was set; False on a C library without ``mallopt``.
    """
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl (Alpine) has no mallopt
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done = bool(mallopt(M_MMAP_THRESHOLD, threshold))
    logger.debug("mallopt(M_MMAP_THRESHOLD, %d) -> %s", threshold, done)
    return done


def single_threaded_blas() -> int:
    """Keep BLAS (numpy's matrix products) to one thread in this process.

    Each question's similarity to the labelled questions is one small matrix-vector product
    (about 1,250 x 384). Past about 1,200 rows OpenBLAS splits it over every core: the answer
    is no faster, but it takes twice the CPU (measured: 20 -> 40 ms of CPU per ``ask`` at the
    same 20 ms of wall time), and under load that CPU is taken from other requests. Uses
    threadpoolctl; the limit holds for the life of the process.

    Returns:
        How many BLAS libraries were limited (0 when numpy links none that can be).
    """
    import numpy  # noqa: F401  (loads OpenBLAS: threadpoolctl limits loaded libraries only)
    from threadpoolctl import threadpool_info, threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    count = sum(1 for pool in threadpool_info() if pool.get("user_api") == "blas")
    logger.debug("BLAS limited to one thread in %d libraries", count)
    return count
