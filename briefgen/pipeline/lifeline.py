"""Processes a build starts end with it, however it ends: each asks the kernel to kill it when its parent
dies (Linux's PR_SET_PDEATHSIG), so a SIGKILL of `briefgen build` or `serve` leaves no worker running."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Be killed when the process that started this one dies (elsewhere than Linux: nothing to do)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made: it would never come
        os._exit(1)
