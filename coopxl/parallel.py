"""Bulk work done fast: many workbooks read on both cores, and bursts of allocation without
the cyclic garbage collector."""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Progress = Callable[[Sequence[Any], str], Iterable[Any]]

FORK_FROM = 6
"""Items from which worker processes pay off when they are forked (about 1 ms each)."""
SPAWN_FROM = 40
"""… and when they are spawned (Windows, macOS: about 0.3 s each to start and import)."""
AHEAD = 2
"""Chunks of work a forked worker holds at a time: the one it does and the next, so that it
never waits for this process to give it one."""
RESULTS_PIPE_SIZE = 1 << 20
"""Bytes a forked worker may send before this process reads them (Linux pipes hold 64 KiB by default)."""


def can_fork() -> bool:
    """Whether this process may fork copies of itself that go on running Python (`ForkedMap`,
    `xlsxwriter_fork`): on Linux, while it runs no other thread (a fork copies only the thread
    that calls it, not the locks the others hold). Its workers then start with what it has
    imported; otherwise they are spawned, and import everything themselves."""
    import threading

    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def pool_size(items: int, spawn_from: int = SPAWN_FROM) -> int:
    """How many processes to use for `items` pieces of work (1: stay in this process)."""
    if items < (min(FORK_FROM, spawn_from) if can_fork() else spawn_from):
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
    may drop it) while the workers go on with the next ones. Where this process can fork
    (`can_fork`), each round forks its workers (`ForkedMap`); elsewhere a pool of processes
    (concurrent.futures, 20 ms to import and start) serves every round."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: Any = None
        self.rounds: list[ForkedMap[Any, Any]] = []

    def __enter__(self) -> Workers:
        if self.jobs > 1 and not can_fork():
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            method = multiprocessing.get_start_method()  # never a fork here: see `can_fork`
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_lower_priority,
                                            mp_context=multiprocessing.get_context(
                                                "forkserver" if method == "fork" else method))
        return self

    def __exit__(self, *exc: object) -> None:
        for round_ in self.rounds:
            round_.stop()
        if self.pool is not None:  # not waiting for the workers to exit: they need nothing more
            self.pool.shutdown(wait=False, cancel_futures=True)

    def map(self, function: Callable[[Item], Result], items: Sequence[Item], *,
            chunk: int | None = None) -> Iterator[Result]:
        """`function` applied to each item, lazily in this process or given at once to the
        workers, `chunk` items at a time (default: an eighth of each worker's share; fewer
        make the first results come sooner)."""
        if self.jobs <= 1:
            return map(function, items)
        chunk = chunk or max(1, len(items) // (self.jobs * 8))
        if self.pool is not None:
            return self.pool.map(function, items, chunksize=chunk)
        round_ = ForkedMap(function, items, jobs=self.jobs, chunk=chunk)
        self.rounds.append(round_)
        return round_


class ForkedMap(Generic[Item, Result]):
    """`map(function, items)` by `jobs` forked copies of this process, started at once.

    The workers have `function` and `items` as this process had them when it forked: only
    chunk numbers go to them, and only results (pickled) come back, each chunk's as soon as it
    is done. A worker holds AHEAD chunks at a time, and is given the next each time this process
    takes one of its results. Iterating gives the results in the order of the
    items; an error raised by `function` is raised here at its item's place (the workers are
    then stopped), as is the loss of a worker."""

    def __init__(self, function: Callable[[Item], Result], items: Sequence[Item], *, jobs: int, chunk: int) -> None:
        import pickle  # noqa: F401 - before the fork: the workers inherit it (else each imports it, 5 ms)
        import struct  # noqa: F401

        self.function, self.items = function, items
        self.chunks = [range(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
        self.given = 0
        self.wanted = 0
        self.done: dict[int, list[tuple[bool, Any]]] = {}
        self.ready: deque[tuple[bool, Any]] = deque()
        self.workers: list[_ForkedWorker] = []
        try:
            for _ in range(min(jobs, len(self.chunks))):
                self.workers.append(_ForkedWorker(self, others=self.workers))
            for _ in range(AHEAD):
                for worker in self.workers:
                    self._give(worker)
        except BaseException:
            self.stop()
            raise

    def __iter__(self) -> ForkedMap[Item, Result]:
        return self

    def __next__(self) -> Result:
        while not self.ready:
            if self.wanted == len(self.chunks):
                self.stop()
                raise StopIteration
            if self.wanted in self.done:
                self.ready.extend(self.done.pop(self.wanted))
                self.wanted += 1
            else:
                self._collect()
        succeeded, value = self.ready.popleft()
        if not succeeded:
            self.stop()
            raise value
        return value

    def _give(self, worker: _ForkedWorker) -> None:
        if self.given < len(self.chunks):
            worker.give(self.given)
            self.given += 1

    def _collect(self) -> None:
        """Wait for at least one worker's result; take every result that has come."""
        import select

        busy = {worker.results: worker for worker in self.workers if worker.pending}
        if not busy:
            raise RuntimeError(f"chunk {self.wanted} was given to no worker")
        for descriptor in select.select(list(busy), [], [])[0]:
            worker = busy[descriptor]
            index, outcomes = worker.take()
            self.done[index] = outcomes
            self._give(worker)

    def stop(self) -> None:
        """The workers told to stop (and killed if they are still working); nothing is left."""
        workers, self.workers = self.workers, []
        for worker in workers:
            worker.stop()

    def serve(self, tasks: int, results: int) -> None:
        """In a worker: the chunks named on `tasks` done, their outcomes sent on `results`."""
        import pickle
        import struct

        _lower_priority()
        while True:
            header = _read_exactly(tasks, 4)
            if not header:
                return
            (index,) = struct.unpack("!I", header)
            outcomes: list[tuple[bool, Any]] = []
            for position in self.chunks[index]:
                try:
                    outcomes.append((True, self.function(self.items[position])))
                except Exception as error:  # noqa: BLE001 - raised in the parent, at its item
                    outcomes.append((False, error))
            try:
                payload = pickle.dumps((index, outcomes), pickle.HIGHEST_PROTOCOL)
            except Exception as error:  # noqa: BLE001 - a result or an error that cannot be pickled
                lost = RuntimeError(f"a result of the worker process could not be sent back: {error!r}")
                payload = pickle.dumps((index, [(False, lost)] * len(outcomes)), pickle.HIGHEST_PROTOCOL)
            _write_all(results, struct.pack("!Q", len(payload)) + payload)


class _ForkedWorker:
    """One forked worker of a `ForkedMap`, seen from this process: its two pipes."""

    def __init__(self, round_: ForkedMap[Any, Any], *, others: list[_ForkedWorker]) -> None:
        self.pending = 0
        task_reader, self.tasks = os.pipe()
        self.results, result_writer = os.pipe()
        try:
            import fcntl

            fcntl.fcntl(result_writer, fcntl.F_SETPIPE_SZ, RESULTS_PIPE_SIZE)
        except (ImportError, AttributeError, OSError):
            pass  # a smaller pipe: the worker may wait for this process to read
        self.pid = os.fork()
        if self.pid == 0:  # the worker; it leaves without running any of this process's exit code
            code = 1
            try:
                for descriptor in (self.tasks, self.results,
                                   *(end for other in others for end in (other.tasks, other.results))):
                    os.close(descriptor)  # else another worker's pipes would never reach their end
                round_.serve(task_reader, result_writer)
                code = 0
            finally:
                os._exit(code)
        os.close(task_reader)
        os.close(result_writer)

    def give(self, index: int) -> None:
        import struct

        try:
            _write_all(self.tasks, struct.pack("!I", index))
        except BrokenPipeError:
            pass  # the worker is gone: `take` says so, in its turn
        self.pending += 1

    def take(self) -> tuple[int, list[tuple[bool, Any]]]:
        import pickle
        import struct

        header = _read_exactly(self.results, 8)
        payload = _read_exactly(self.results, struct.unpack("!Q", header)[0]) if header else b""
        if not payload:
            raise RuntimeError("a worker process ended without sending its results")
        self.pending -= 1
        return pickle.loads(payload)

    def stop(self) -> None:
        os.close(self.tasks)  # the worker sees the end of its tasks and leaves
        if self.pending:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(self.pid, 0)
        os.close(self.results)


def _read_exactly(descriptor: int, size: int) -> bytes:
    """`size` bytes from a pipe, or b"" if it ends first."""
    parts, missing = [], size
    while missing:
        part = os.read(descriptor, min(missing, RESULTS_PIPE_SIZE))
        if not part:
            return b""
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


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
