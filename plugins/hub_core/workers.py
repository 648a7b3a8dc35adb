"""Shared by the plugins that do heavy work per item: spread it over every core, hold background work.

Reads and writes nothing itself (files of the site are written through `outputs.OutputRegistry`).
`map_in_chunks` runs a function over batches of items in forked worker processes (which start with
everything already imported) when there are enough items to pay for them, and in this process
otherwise; `Background` holds the stop functions of work a plugin runs beside the build (the search
index), so a failed build can end it; `die_with_parent` ties a forked process's life to its parent's.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class Background:
    """Work started in another process during a build, which must not outlive it.

    hub_build puts one into the settings before the build and calls `stop_all()` when the build ends,
    whether it succeeded or failed; a plugin that started a process adds a function that ends it.
    """

    def __init__(self) -> None:
        self._stops: list[Callable[[], None]] = []

    def add(self, stop: Callable[[], None]) -> None:
        self._stops.append(stop)

    def stop_all(self) -> None:
        while self._stops:
            self._stops.pop()()


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_in_chunks(
    function: Callable[[Any, list[Item]], list[Result]],
    shared: Any,
    items: Sequence[Item],
    chunk: int,
    parallel_from: int,
) -> list[Result]:
    """`function(shared, batch)` over batches of `items`, results in the items' order."""
    workers = cores()
    if len(items) < parallel_from or workers < 2 or sys.platform == "win32":
        return function(shared, list(items))
    batches = [list(items[i : i + chunk]) for i in range(0, len(items), chunk)]
    with ProcessPoolExecutor(
        workers, mp_context=get_context("fork"), initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        parts = pool.map(function, [shared] * len(batches), batches)
        return [result for part in parts for result in part]


_PR_SET_PDEATHSIG = 1  # from Linux's <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Have Linux kill this process when the process `parent` ends (elsewhere: nothing).

    A forked worker inherits its parent's open files, the output folder's lock among them: one left
    running after its parent was killed would keep that lock, and every later build would wait for it.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the call: no signal will come
        os._exit(1)
