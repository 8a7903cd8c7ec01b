"""Bulk work done fast: many workbooks read on both cores, and bursts of allocation without
the cyclic garbage collector."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Progress = Callable[[Sequence[Any], str], Iterable[Any]]

FORK_FROM = 6
"""Items from which worker processes pay off when they are forked (about 10 ms each)."""
SPAWN_FROM = 40
"""… and when they are spawned (Windows, macOS: about 0.3 s each to start and import)."""


def forked() -> bool:
    """Whether worker processes start as copies of this one (Linux), with what it has imported."""
    import multiprocessing

    return multiprocessing.get_start_method() == "fork"


def pool_size(items: int, spawn_from: int = SPAWN_FROM) -> int:
    """How many processes to use for `items` pieces of work (1: stay in this process)."""
    if items < (min(FORK_FROM, spawn_from) if forked() else spawn_from):
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def map_processes(function: Callable[[Item], Result], items: Sequence[Item], *, jobs: int | None = None,
                  progress: Progress | None = None, label: str = "", ticks: Sequence[Any] | None = None,
                  spawn_from: int = SPAWN_FROM, meanwhile: Callable[[], Any] | None = None) -> list[Result]:
    """`[function(item) for item in items]`, in worker processes when there are enough items.

    `function` must be a module-level function (or a partial of one): it is sent to the
    workers by pickling. Errors raised in a worker are raised here, in order. `meanwhile` is
    called in this process while the workers work (typically: importing the libraries of the
    next step, 30 to 100 ms that would otherwise come after them); without workers, first.
    """
    ticked: Sequence[Any] = ticks if ticks is not None else items
    shown = progress(ticked, label) if progress else ticked
    with Workers(jobs if jobs is not None else pool_size(len(items), spawn_from)) as workers:
        results = workers.map(function, items)  # submitted: work starts
        if meanwhile is not None:
            meanwhile()
        with collector_paused():  # here, results are made or unpickled: no cycles among them
            return [result for _, result in zip(shown, results)]  # the progress bar ticks as results come


class Workers:
    """Worker processes for several rounds of work (`jobs` ≤ 1: everything in this process).

    `map` returns the results in order as they come, so that this process uses each one (and
    may drop it) while the workers go on with the next ones."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: Any = None

    def __enter__(self) -> Workers:
        if self.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_lower_priority)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def map(self, function: Callable[[Item], Result], items: Sequence[Item], *,
            chunk: int | None = None) -> Iterator[Result]:
        """`function` applied to each item, lazily in this process or submitted at once to the
        workers, `chunk` items at a time (default: an eighth of each worker's share; fewer
        make the first results come sooner)."""
        if self.pool is None:
            return map(function, items)
        chunk = chunk or max(1, len(items) // (self.jobs * 8))
        return self.pool.map(function, items, chunksize=chunk)


def _lower_priority() -> None:
    """Workers give way to the process that collects their results: when it has work of its own
    (writing the dashboard as the plans come), it is the one everything waits for. Also keeps
    Excel responsive while coopxl works."""
    if hasattr(os, "nice"):
        try:
            os.nice(19)
        except OSError:
            pass


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a burst of allocations that makes no cycles.

    Reading a plan makes thousands of records, writing the dashboard tens of thousands of
    cells: each few hundred allocations the collector walks the young objects, and now and
    then every object of the process (and, in a forked worker, copies the pages it touches).
    What these bursts allocate is freed by reference counting; the collector runs again after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
