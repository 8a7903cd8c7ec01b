"""`coopxl.parallel.map_processes`: results in order, errors where they belong, the parent's
work done while the workers work, the same with and without worker processes."""

from __future__ import annotations

import os

import pytest

from coopxl import parallel


def square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def fail_on_three(number: int) -> int:
    if number == 3:
        raise ValueError("trois")
    return number


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_in_the_order_of_the_items(jobs: int) -> None:
    results = parallel.map_processes(square_and_pid, list(range(20)), jobs=jobs)
    assert [value for value, _ in results] == [n * n for n in range(20)]
    pids = {pid for _, pid in results}
    assert (pids == {os.getpid()}) if jobs == 1 else (os.getpid() not in pids)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_in_a_worker_is_raised_here(jobs: int) -> None:
    with pytest.raises(ValueError, match="trois"):
        parallel.map_processes(fail_on_three, list(range(8)), jobs=jobs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_meanwhile_runs_once_in_this_process(jobs: int) -> None:
    calls: list[int] = []
    results = parallel.map_processes(square_and_pid, [1, 2, 3], jobs=jobs, meanwhile=lambda: calls.append(os.getpid()))
    assert calls == [os.getpid()]
    assert [value for value, _ in results] == [1, 4, 9]


def test_progress_ticks_once_per_result() -> None:
    ticked: list[int] = []

    def progress(items, label):
        assert label == "Lecture"
        for item in items:
            ticked.append(item)
            yield item

    parallel.map_processes(square_and_pid, [5, 6, 7], jobs=2, progress=progress, label="Lecture")
    assert ticked == [5, 6, 7]


def test_pool_size_forks_from_a_few_items_and_spawns_only_for_many(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    assert parallel.pool_size(parallel.FORK_FROM - 1) == 1
    assert parallel.pool_size(parallel.FORK_FROM) == min(2, os.cpu_count() or 1)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert parallel.pool_size(parallel.SPAWN_FROM - 1) == 1
    assert parallel.pool_size(parallel.SPAWN_FROM) == min(2, os.cpu_count() or 1)
    assert parallel.pool_size(4, spawn_from=4) == min(2, os.cpu_count() or 1)


def test_collector_paused_restores_the_collector_as_it_was() -> None:
    import gc

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with parallel.collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("arrêt")
    assert gc.isenabled()
    gc.disable()
    try:
        with parallel.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off: it stays off
    finally:
        gc.enable()


def niceness(_: int) -> int:
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="priorities of Unix processes")
def test_workers_give_way_to_this_process() -> None:
    """The process collecting the results may have work of its own (writing the dashboard as
    the plans come): the workers run at the lowest priority, so that it is never slowed."""
    here = os.nice(0)
    assert set(parallel.map_processes(niceness, [1, 2, 3, 4, 5, 6], jobs=2)) == {min(here + 19, 19)}
    assert os.nice(0) == here


def test_workers_map_gives_results_as_they_come_and_in_order() -> None:
    with parallel.Workers(2) as workers:
        results = workers.map(square_and_pid, list(range(10)), chunk=1)
        first = next(results)
        assert first[0] == 0 and first[1] != os.getpid()
        assert [value for value, _ in results] == [n * n for n in range(1, 10)]
    with parallel.Workers(1) as workers:
        assert [pid for _, pid in workers.map(square_and_pid, [1, 2])] == [os.getpid()] * 2


def pid_after_a_while(number: int) -> int:
    import time

    time.sleep(0.01)
    return os.getpid()


def is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def end_abruptly_on_two(number: int) -> int:
    if number == 2:
        os._exit(3)
    return number


def a_function(number: int):
    return lambda: number


needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="forked workers: Linux, no other thread")


@needs_fork
def test_forked_workers_see_this_process_as_it_was_when_they_started() -> None:
    """Where it can, a round of work forks its workers: they have the items and the function
    without pickling, as this process had them."""
    SEEN.clear()
    SEEN.append("avant")
    with parallel.Workers(2) as workers:
        results = list(workers.map(seen_and_pid, list(range(12)), chunk=1))
    assert {seen for seen, _ in results} == {("avant",)}
    assert len({pid for _, pid in results}) == 2 and os.getpid() not in {pid for _, pid in results}


SEEN: list[str] = []


def seen_and_pid(_: int) -> tuple[tuple[str, ...], int]:
    return tuple(SEEN), os.getpid()


@needs_fork
@pytest.mark.parametrize("early", ["error", "left"])
def test_no_worker_outlives_its_round(early: str) -> None:
    """An error in the work, or a caller that stops taking results, stops the workers: none is
    left behind, running or unreaped."""
    with parallel.Workers(2) as workers:
        results = workers.map(pid_after_a_while, list(range(60)), chunk=1)
        pids = {next(results), next(results), next(results)}
        if early == "error":
            with pytest.raises(ValueError, match="trois"):
                list(workers.map(fail_on_three, list(range(40)), chunk=1))
    assert all(is_gone(pid) for pid in pids)


@needs_fork
def test_a_worker_that_dies_is_an_error_not_a_wait() -> None:
    with pytest.raises(RuntimeError, match="ended without sending"):
        parallel.map_processes(end_abruptly_on_two, list(range(8)), jobs=2)


@needs_fork
def test_a_result_that_cannot_be_sent_back_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="could not be sent back"):
        parallel.map_processes(a_function, list(range(8)), jobs=2)


def test_with_another_thread_running_workers_are_a_pool_of_processes() -> None:
    """A fork copies only the thread that calls it: with another thread running, the workers are
    a pool of processes, started the safe way, with the same results."""
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not parallel.can_fork()
        with parallel.Workers(2) as workers:
            assert workers.pool is not None
            assert [value for value, _ in workers.map(square_and_pid, list(range(10)))] == [n * n for n in range(10)]
    finally:
        release.set()
        other.join()


def large_result(number: int) -> bytes:
    return bytes([number]) * (3 * parallel.RESULTS_PIPE_SIZE + 17)


@needs_fork
def test_results_larger_than_the_pipe_come_whole() -> None:
    """A result larger than what the pipe holds comes in several reads, whole and in order, while
    the other worker waits to send its own."""
    results = parallel.map_processes(large_result, list(range(7)), jobs=2)
    assert [(len(result), set(result)) for result in results] == [
        (3 * parallel.RESULTS_PIPE_SIZE + 17, {number}) for number in range(7)]
