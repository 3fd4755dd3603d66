"""Spread independent pieces of work over the machine's cores with ``os.fork``.

The forecast of one gemeente does not depend on another's, and a national recompute is pure
Python arithmetic (exact fractions, texts): one process uses one core. ``verdeeld`` forks
helper processes that each compute an interleaved share of the work and send back their
results through a pipe (pickled); the calling process computes its own share meanwhile.

Why ``os.fork`` and not ``multiprocessing``: the recompute also runs inside a Celery worker
process, which is a daemon and may not start ``multiprocessing`` children; a fork needs no
new interpreter, no imports and no copying of the inputs (copy-on-write). A helper only
computes: it touches no database connection, file or lock of its parent, and ends with
``os._exit`` (no ``atexit``, no finalisers that could close the parent's connections).

Where ``os.fork`` does not exist, with one process, for little work, or outside the main
thread, everything runs in the calling process. A helper that fails (any exception, a signal)
makes the whole call fail with its error in the message: the caller's transaction writes
nothing, as with a failure in the calling process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")

# Below this many pieces a fork costs more than it saves (a fork and a pipe: ~5 ms).
MINIMUM = 32


class HelperMislukt(RuntimeError):
    """A helper process did not deliver its share."""


def beschikbare_kernen() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def verdeeld(functie: Callable[[T], U], taken: Sequence[T], processen: int) -> list[U]:
    """``[functie(t) for t in taken]``, in order, over ``processen`` processes."""
    processen = min(processen, len(taken) // (MINIMUM // 2) or 1)
    if processen <= 1 or not hasattr(os, "fork") or not _hoofdthread():
        return [functie(t) for t in taken]
    helpers = []
    try:
        for k in range(1, processen):
            lezen, schrijven = os.pipe()
            pid = os.fork()
            if pid == 0:  # the helper
                os.close(lezen)
                _helper(functie, taken[k::processen], schrijven)
            os.close(schrijven)
            helpers.append((pid, lezen))
        eigen = [functie(t) for t in taken[0::processen]]
        delen = [eigen]
        for pid, lezen in helpers:
            with os.fdopen(lezen, "rb") as f:
                data = f.read()
            _, status = os.waitpid(pid, 0)
            if not data:
                raise HelperMislukt(f"hulpproces {pid} stopte zonder uitkomst (status {status})")
            # Written by our own fork through a private pipe: nothing else can reach it.
            gelukt, inhoud = pickle.loads(data)  # noqa: S301
            if not gelukt:
                raise HelperMislukt(f"hulpproces {pid} faalde:\n{inhoud}")
            delen.append(inhoud)
        helpers = []
    finally:
        for pid, lezen in helpers:  # after an error in this process: no helper is left behind
            with contextlib.suppress(OSError):
                os.close(lezen)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
    uitkomst: list[U] = [None] * len(taken)  # type: ignore[list-item]
    for k, deel in enumerate(delen):
        uitkomst[k::processen] = deel
    return uitkomst


def _hoofdthread() -> bool:
    """A fork copies only the calling thread. From a web server's request thread (the IBT
    dashboard computing in-process without a worker, in development) other threads may hold
    locks a helper could need: there everything stays in the calling process. The command,
    the Celery worker (prefork and solo) and the tests call from the main thread."""
    return threading.current_thread() is threading.main_thread()


def _helper(functie, taken, schrijven: int) -> None:
    code = 0
    try:
        try:
            data = pickle.dumps((True, [functie(t) for t in taken]), pickle.HIGHEST_PROTOCOL)
        except BaseException:  # reported to the parent, which raises it
            data = pickle.dumps((False, traceback.format_exc()))
            code = 1
        with os.fdopen(schrijven, "wb") as f:
            f.write(data)
    finally:
        os._exit(code)
