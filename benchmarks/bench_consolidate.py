"""Benchmark of `coopxl consolider` on 13 and 1,000 plan workbooks, against measured floors.

Generates N plan workbooks from the example plans (each copy given its own EPCI name and
SIREN, patched in the package XML, so generation is fast) and a référentiel listing them,
then prints for `coopxl consolider`: wall time, peak memory, and the ratios to
  - the floor of merely opening the same files with python-calamine in one process;
  - that floor plus writing the same rows with XlsxWriter.

    python benchmarks/bench_consolidate.py            # 13 and 1000
    python benchmarks/bench_consolidate.py 13 200     # other sizes
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopxl.reader import read_referential, referential_content  # noqa: E402
from coopxl.schema import REFERENTIAL  # noqa: E402
from coopxl.templates import write_workbook  # noqa: E402
from coopxl.validation import luhn_valid  # noqa: E402

EXAMPLES = ROOT / "examples"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - start\n"
    "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def siren(index: int) -> str:
    """An illustrative SIREN with a valid Luhn key."""
    base = f"29{index:06d}"
    return next(base + str(key) for key in range(10) if luhn_valid(base + str(key)))


def _plan_sheet_member(package: zipfile.ZipFile) -> str:
    workbook = package.read("xl/workbook.xml").decode()
    rels = package.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet [^>]*name="Plan"[^>]*r:id="(rId\d+)"', workbook).group(1)
    target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
    path = next(g for g in target.groups() if g)
    return path.lstrip("/") if path.startswith("/xl") else "xl/" + path


def _set_inline(xml: str, ref: str, text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return re.sub(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)',
                  f'<c r="{ref}" t="inlineStr"><is><t>{escaped}</t></is></c>', xml, count=1, flags=re.S)


def generate(folder: Path, count: int) -> None:
    """A working folder with `count` plans copied from the examples, each for its own EPCI."""
    sources = sorted((EXAMPLES / "plans").glob("*.xlsx"))
    referential = read_referential(EXAMPLES / "referentiel.xlsx")
    fields, rows = referential_content(referential)
    model_epci = rows["T_EPCI"][0]
    (folder / "plans").mkdir(parents=True)
    epcis = []
    for index in range(count):
        name, number = f"CC d'essai n° {index + 1:04d}", siren(index)
        epcis.append({**model_epci, "name": name, "siren": number})
        source = sources[index % len(sources)]
        target = folder / "plans" / f"plan-cooperation_essai-{index + 1:04d}.xlsx"
        with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            member = _plan_sheet_member(package)
            for info in package.infolist():
                data = package.read(info.filename)
                if info.filename == member:
                    xml = _set_inline(data.decode(), "B3", name)
                    data = _set_inline(xml, "B4", number).encode()
                out.writestr(info, data)
    rows["T_EPCI"] = epcis
    write_workbook(REFERENTIAL, folder / "referentiel.xlsx", fields=fields, rows=rows)


def timed(command: list[str]) -> tuple[float, float]:
    result = subprocess.run([sys.executable, "-c", _WRAPPER, *command], check=True, capture_output=True,
                            text=True, env=ENV)
    wall, peak = result.stdout.split()
    return float(wall), int(peak) / 1024


_FLOOR = """
import sys, time, resource
from pathlib import Path
start = time.perf_counter()
import python_calamine
rows = 0
for path in sorted(Path(sys.argv[1]).glob('*.xlsx')):
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        rows += len(book.get_sheet_by_name(name).to_python())
    book.close()
read = time.perf_counter() - start
print(read, rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

_WRITE_FLOOR = """
import sys, time, datetime
start = time.perf_counter()
import xlsxwriter
rows, width = int(sys.argv[2]), 24
book = xlsxwriter.Workbook(sys.argv[1], {'strings_to_formulas': False, 'strings_to_urls': False})
sheet = book.add_worksheet('Actions')
date = book.add_format({'num_format': 'dd/mm/yyyy'})
for r in range(1, rows + 1):
    for c in range(width):
        if c % 6 == 0:
            sheet.write_datetime(r, c, datetime.datetime(2025, 1, 1), date)
        elif c % 6 == 1:
            sheet.write_number(r, c, r * 1.5)
        else:
            sheet.write_string(r, c, f'Texte de la cellule {r} {c}')
sheet.add_table(0, 0, rows, width - 1, {'columns': [{'header': f'C{c}'} for c in range(width)]})
book.close()
print(time.perf_counter() - start)
"""


def bench(count: int) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"coopxl-bench-{count}-"))
    try:
        start = time.perf_counter()
        generate(work, count)
        generation = time.perf_counter() - start
        floor = subprocess.run([sys.executable, "-c", _FLOOR, str(work / "plans")], check=True,
                               capture_output=True, text=True, env=ENV).stdout.split()
        floor_read, floor_rows, floor_peak = float(floor[0]), int(floor[1]), int(floor[2]) / 1024
        output = work / "sorties" / "tableau-de-bord.xlsx"
        wall, peak = timed([sys.executable, "-m", "coopxl", "consolider", str(work), "--date", "2026-11-25"])
        from openpyxl import load_workbook

        actions = load_workbook(output, read_only=True)["Actions"].max_row - 4
        write_floor = float(subprocess.run([sys.executable, "-c", _WRITE_FLOOR, str(work / "floor.xlsx"),
                                            str(actions)], check=True, capture_output=True, text=True,
                                           env=ENV).stdout)
        floor_total = floor_read + write_floor
        print(f"\n{count} plans ({actions} actions, {floor_rows} lignes lues par calamine) — "
              f"génération {generation:.1f} s")
        print(f"  coopxl consolider          : {wall:6.2f} s, pic mémoire {peak:6.1f} Mio")
        print(f"  plancher lecture calamine  : {floor_read:6.2f} s, pic {floor_peak:6.1f} Mio"
              f"  -> rapport {wall / floor_read:5.1f}")
        print(f"  plancher écriture XlsxWriter ({actions} lignes × 24) : {write_floor:6.2f} s")
        print(f"  plancher lecture + écriture: {floor_total:6.2f} s  -> rapport {wall / floor_total:5.2f}")
    finally:
        shutil.rmtree(work)


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [13, 1000]
    print(f"machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}")
    for count in sizes:
        bench(count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
