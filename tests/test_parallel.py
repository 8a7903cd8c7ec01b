"""`coopxl.parallel.map_processes`: results in order, errors where they belong, the parent's
work done while the workers work, the same with and without worker processes."""

from __future__ import annotations

import multiprocessing
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
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda: "fork")
    assert parallel.pool_size(parallel.FORK_FROM - 1) == 1
    assert parallel.pool_size(parallel.FORK_FROM) == min(2, os.cpu_count() or 1)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda: "spawn")
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
