"""Training hands freed arrays back (glibc), and says so honestly elsewhere."""

import ctypes
import sys

from zhnews.run.memory import return_freed_arrays


def test_the_mapping_threshold_is_set_where_glibc_offers_mallopt():
    try:
        has_mallopt = sys.platform.startswith("linux") and hasattr(ctypes.CDLL(None), "mallopt")
    except OSError:
        has_mallopt = False
    assert return_freed_arrays() is has_mallopt
    assert return_freed_arrays() is has_mallopt  # calling twice is harmless
