"""Processes a build starts end with it, however it ends: each asks the kernel to kill it when its parent
dies (Linux's PR_SET_PDEATHSIG), so a SIGKILL of `briefgen build` or `serve` leaves no worker running.

The request covers only a parent alive when it is made: one killed while the process was starting (the
forkserver importing, a worker just forked) has already left it to init. So each process names itself, in
the environment its children inherit, as the parent they must find when they ask; a child that finds another
has lost its parent and ends at once.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
PARENT = "BRIEFGEN_PARENT_PID"
"""The environment variable naming the process that starts this one (see `lead`)."""


def lead() -> None:
    """Name this process as the parent of those it starts from now on (before starting the forkserver)."""
    os.environ[PARENT] = str(os.getpid())


def die_with_parent() -> None:
    """Be killed when the process that started this one dies, or end now if it has (elsewhere than Linux:
    nothing to do); then lead the processes this one starts."""
    if not sys.platform.startswith("linux"):
        return
    named = os.environ.get(PARENT, "")
    parent = int(named) if named.isdigit() else os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made: it would never come
        os._exit(1)
    lead()
