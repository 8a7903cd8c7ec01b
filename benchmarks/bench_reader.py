"""Figures for the foundation: import time, `coopxl nouveau`, reading one example plan.

Prints wall time and peak memory of each, measured in fresh processes (a button click
is a new Python process). Run from the repository: python benchmarks/bench_reader.py
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RUNS = 7
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - start\n"
    "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one fresh child process (measured by a wrapper)."""
    result = subprocess.run([sys.executable, "-c", _WRAPPER, *command], check=True, capture_output=True,
                            text=True, cwd=cwd, env=ENV)
    wall, peak_kib = result.stdout.split()
    return float(wall), int(peak_kib) / 1024


def median_of(command_factory, runs: int = RUNS) -> tuple[float, float]:
    walls, peaks = [], []
    for run in range(runs):
        wall, peak = timed(*command_factory(run))
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


def import_time(module: str) -> float:
    """Total of `python -X importtime -c 'import MODULE'` for the package's top module, in ms."""
    totals = []
    for _ in range(RUNS):
        result = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                                capture_output=True, text=True, env=ENV, check=True)
        line = [entry for entry in result.stderr.splitlines() if re.search(rf"\|\s+{re.escape(module)}$", entry)][-1]
        totals.append(int(line.split("|")[1]) / 1000)
    return statistics.median(totals)


def main() -> int:
    plans = sorted((EXAMPLES / "plans").glob("*.xlsx"))
    example = plans[len(plans) // 2]
    print(f"machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}")
    print(f"import coopxl                      : {import_time('coopxl'):7.1f} ms (-X importtime)")
    print(f"import coopxl.cli                  : {import_time('coopxl.cli'):7.1f} ms (-X importtime)")
    wall, peak = median_of(lambda _: ([sys.executable, "-c", "pass"],))
    print(f"python -c pass (plancher)          : {wall * 1000:7.1f} ms, pic {peak:5.1f} Mio")
    wall, peak = median_of(lambda _: ([sys.executable, "-m", "coopxl", "--version"],))
    print(f"coopxl --version                   : {wall * 1000:7.1f} ms, pic {peak:5.1f} Mio")
    read = [sys.executable, "-c", f"from coopxl.reader import read_plan; read_plan({str(example)!r})"]
    wall, peak = median_of(lambda _: (read,))
    print(f"lecture d'un plan (processus neuf) : {wall * 1000:7.1f} ms, pic {peak:5.1f} Mio ({example.name})")
    sys.path.insert(0, str(ROOT))
    from coopxl.reader import read_plan

    read_plan(example)
    start = time.perf_counter()
    for _ in range(20):
        read_plan(example)
    print(f"lecture d'un plan (à chaud)        : {(time.perf_counter() - start) / 20 * 1000:7.1f} ms")
    from coopxl.reader import read_referential

    siren = read_referential(EXAMPLES / "referentiel.xlsx").epcis[0].siren
    work = Path(tempfile.mkdtemp(prefix="coopxl-bench-"))
    try:
        shutil.copy(EXAMPLES / "referentiel.xlsx", work / "referentiel.xlsx")
        (work / "plans").mkdir()

        def nouveau(run: int) -> tuple[list[str]]:
            return ([sys.executable, "-m", "coopxl", "nouveau", siren, "--dossier", str(work),
                     "--sortie", str(work / f"plan-{run}.xlsx")],)

        wall, peak = median_of(nouveau)
        print(f"coopxl nouveau                     : {wall * 1000:7.1f} ms, pic {peak:5.1f} Mio")
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
