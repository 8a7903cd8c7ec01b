"""The performance budget of issues 8 and 17: every command, its wall time, its peak memory and
its ratio to a floor measured in the same run, on realistic plan workbooks.

Goals (issue 17): valider 1 plan ≤ 3 × floor; consolider 13 plans ≤ 1.5 × floor;
deliberations 13 plans ≤ 1.5 × floor; consolider 1,000 plans ≤ 1.5 × floor and ≤ 500 MiB.
A last line gives the peak memory of consolider at 13, 100 and 1,000 plans, to show its growth.

Plans: each of the 13 example plans grown to 60 actions (its actions repeated under new
numbers, with their funding lines and follow-up rows), written by coopxl's own template
writer; for N plans, copies of these 13 each given its own EPCI name and SIREN (patched in
the package XML, so that generating 1,000 takes seconds).

coopxl is measured as `pip install` leaves it, run as users type it (the `coopxl` script
beside Python, when installed): its modules compiled to bytecode first (an
editable checkout run with PYTHONDONTWRITEBYTECODE would compile them again in every process,
about 40 ms, which no installed copy pays).

Floors, each in a fresh process like the command itself, run in turn with the command
(the speed of this shared machine drifts by a fifth from one minute to the next):
  - reading the same files with python-calamine (every sheet, every value);
  - writing the same cells (read back from coopxl's output) with XlsxWriter;
  - for documents: opening the Word template with python-docx and saving it, once per file.

    python benchmarks/bench_all.py              # everything (about 2 minutes on 2 cores)
    python benchmarks/bench_all.py --sans-1000  # without the 1,000-plan consolidation
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
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopxl.reader import plan_content, read_plan, read_referential, referential_content  # noqa: E402
from coopxl.schema import PLAN, REFERENTIAL  # noqa: E402
from coopxl.templates import plan_lists, write_workbook  # noqa: E402
from coopxl.validation import luhn_valid  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_reader import import_time  # noqa: E402

EXAMPLES = ROOT / "examples"
ACTIONS_PER_PLAN = 60
TODAY = "2026-11-25"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
RUNS = 9
"""Runs of each short command, each followed by its floor; the ratio is that of their medians.
This machine's speed drifts by a fifth from one minute to the next, and a burst of it can still
move the 13-plan ratio by 0.2 to 0.3 in one run of the benchmark out of three (5 runs were not enough)."""
_SCRIPT = Path(sys.executable).parent / ("coopxl.exe" if os.name == "nt" else "coopxl")
COOPXL = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "coopxl"]
"""The command as users type it: the `coopxl` script pip installs beside Python (else `python -m coopxl`)."""

_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - start\n"
    "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)

# --- floors (run as `python -c FLOOR args`) -------------------------------------------------

READ_FLOOR = """
import sys
from pathlib import Path
import python_calamine
paths = [Path(a) for a in sys.argv[1:]]
files = [p for a in paths for p in (sorted(a.glob('*.xlsx')) if a.is_dir() else [a])]
for path in files:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    book.close()
"""

WRITE_FLOOR = """
import pickle, sys
import xlsxwriter
sheets = pickle.load(open(sys.argv[2], 'rb'))
book = xlsxwriter.Workbook(sys.argv[1], {'strings_to_formulas': False, 'strings_to_urls': False})
for name, rows in sheets:
    sheet = book.add_worksheet(name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            kind = type(value)
            if kind is str:
                if value:
                    sheet.write_string(r, c, value)
            elif kind is float or kind is int:
                sheet.write_number(r, c, value)
            elif value is not None:
                sheet.write_datetime(r, c, value)
book.close()
"""

READ_WRITE_FLOOR = READ_FLOOR.replace("paths = [Path(a) for a in sys.argv[1:]]", "paths = [Path(sys.argv[3])]") + \
    WRITE_FLOOR.replace("import pickle, sys", "import pickle")

DOCX_FLOOR = READ_FLOOR.replace("paths = [Path(a) for a in sys.argv[1:]]", "paths = [Path(sys.argv[1])]") + """
from docx import Document
out = Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
templates = sys.argv[3:]
for index, path in enumerate(files):
    for template in templates:
        Document(template).save(str(out / f'{index}-{Path(template).name}'))
"""


PHASES = """
import datetime as dt, sys, time
start = time.perf_counter()
from coopxl import consolidation, dashboard
from coopxl.workspace import Workspace
from pathlib import Path
marks = [time.perf_counter()]
enter, built = consolidation.Reading.__enter__, consolidation.build_dashboard

def entered(self):
    global reading
    reading = enter(self)
    marks.append(time.perf_counter())
    return reading

def build(*args):
    marks.append(time.perf_counter())
    tables = built(*args)
    marks.append(time.perf_counter())
    return tables

consolidation.Reading.__enter__, consolidation.build_dashboard = entered, build
output = Path(sys.argv[1]) / "sorties" / "phases.xlsx"
dashboard.consolidate_into(Workspace(Path(sys.argv[1])), output, today=dt.date.fromisoformat(sys.argv[2]))
marks.append(time.perf_counter())
output.unlink()
imported, outlined, read, tables, written = marks
print(imported - start, outlined - imported, read - outlined, tables - read, written - tables, int(reading.streamed))
"""
"""`consolider` in its phases, in seconds: imports; outlines (the first quick pass, for many plans);
reading and validating (with, for many plans, the rows of the longest sheets written as they
come); the dashboard's tables; the rest of the writing."""


# --- plans -------------------------------------------------------------------------------


def siren(index: int) -> str:
    """An illustrative SIREN with a valid Luhn key."""
    base = f"29{index:06d}"
    return next(base + str(key) for key in range(10) if luhn_valid(base + str(key)))


def grown(rows: dict[str, list[dict]], target: int) -> dict[str, list[dict]]:
    """The plan's actions repeated under new numbers up to `target`, with their lines."""
    actions = list(rows["T_Actions"])
    if not actions:
        return rows
    counters: dict[str, int] = {}
    for action in actions:
        prefix, _, last = (action["number"] or "A1.0").rpartition(".")
        counters[prefix] = max(counters.get(prefix, 0), int(last) if last.isdigit() else 0)
    fundings, followups = list(rows["T_Financements"]), list(rows["T_Suivi"])
    index = 0
    while len(actions) < target:
        base = rows["T_Actions"][index % len(rows["T_Actions"])]
        index += 1
        prefix = (base["number"] or "A1.0").rpartition(".")[0]
        counters[prefix] += 1
        number = f"{prefix}.{counters[prefix]}"
        actions.append({**base, "number": number})
        fundings += [{**line, "action": number} for line in rows["T_Financements"] if line["action"] == base["number"]]
        followups += [{**line, "action": number} for line in rows["T_Suivi"] if line["action"] == base["number"]]
    return {**rows, "T_Actions": actions, "T_Financements": fundings, "T_Suivi": followups}


def make_sources(folder: Path) -> list[Path]:
    """The 13 example plans grown to ACTIONS_PER_PLAN actions each."""
    referential = read_referential(EXAMPLES / "referentiel.xlsx")
    lists = plan_lists(referential)
    folder.mkdir(parents=True)
    sources = []
    for path in sorted((EXAMPLES / "plans").glob("*.xlsx")):
        fields, rows = plan_content(read_plan(path))
        rows = {name: table for name, table in grown(rows, ACTIONS_PER_PLAN).items()
                if not PLAN.table(name).written_by_coopxl}
        sources.append(write_workbook(PLAN, folder / path.name, fields=fields, rows=rows, lists=lists))
    return sources


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


def working_folder(folder: Path, count: int, sources: list[Path]) -> Path:
    """A working folder with `count` plans, each for its own EPCI, and a référentiel listing them."""
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
                    data = _set_inline(_set_inline(data.decode(), "B3", name), "B4", number).encode()
                out.writestr(info, data)
    rows["T_EPCI"] = epcis
    write_workbook(REFERENTIAL, folder / "referentiel.xlsx", fields=fields, rows=rows)
    return folder


# --- measuring ---------------------------------------------------------------------------


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MiB (largest process) of one fresh child process."""
    result = subprocess.run([sys.executable, "-c", _WRAPPER, *command], check=True, capture_output=True,
                            text=True, env=ENV)
    wall, peak = result.stdout.split()
    return float(wall), int(peak) / 1024


def paired(command: list[str], floor: list[str] | None, runs: int = RUNS, before=None) -> tuple[float, float, float]:
    """The command and its floor run in turn (this machine's speed drifts by a fifth from one
    minute to the next): median wall of the command, its peak memory, median wall of the floor."""
    walls, peaks, floors = [], [], []
    for _ in range(runs):
        if before:
            before()
        wall, peak = timed(command)
        walls.append(wall)
        peaks.append(peak)
        if floor:
            floors.append(timed(floor)[0])
    return statistics.median(walls), max(peaks), statistics.median(floors) if floors else 0.0


def median(command: list[str], runs: int = RUNS) -> tuple[float, float]:
    """Median wall and peak memory of `command` alone."""
    wall, peak, _ = paired(command, None, runs)
    return wall, peak


def sheets_of(path: Path, pickle_path: Path) -> int:
    """Save every sheet's values of `path` for the write floor; return the number of cells."""
    import pickle

    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    sheets = [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]
    pickle_path.write_bytes(pickle.dumps(sheets))
    return sum(1 for _, rows in sheets for row in rows for value in row if value not in ("", None))


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def row(self, label: str, wall: float, peak: float, floor: float | None, target: str, met: bool) -> None:
        ratio = f"{wall / floor:5.2f}" if floor else "  -  "
        floor_text = f"{floor:7.2f} s" if floor else "        -"
        line = (f"{label:34} {wall:7.2f} s {peak:7.1f} Mio  plancher {floor_text}  rapport {ratio}  "
                f"objectif {target:24} {'tenu' if met else 'NON TENU'}")
        print(line, flush=True)
        self.lines.append(line)

    def detail(self, text: str) -> None:
        """Where the time of a goal not met goes."""
        line = f"    décomposition : {text}"
        print(line, flush=True)
        self.lines.append(line)


def consolidation(report: Report, work: Path, sources: list[Path], count: int, target: str,
                  limit: float | None, ratio_limit: float | None, runs: int) -> float:
    """Measure `consolider` on `count` plans against its floor; return its peak memory (MiB)."""
    folder = working_folder(work / f"dossier-{count}", count, sources)
    output = folder / "sorties" / "tableau-de-bord.xlsx"
    command = [*COOPXL, "consolider", str(folder), "--date", TODAY]
    cells_path = work / f"cellules-{count}.pickle"
    wall, peak = timed(command)  # first: the write floor writes the cells of its output
    cells = sheets_of(output, cells_path)
    floor_command = [sys.executable, "-c", READ_WRITE_FLOOR, str(work / f"plancher-{count}.xlsx"), str(cells_path),
                     str(folder / "plans")]
    if runs > 1:
        wall, peak, floor = paired(command, floor_command, runs)
    else:
        floor = timed(floor_command)[0]
    met = (limit is None or wall <= limit) and (ratio_limit is None or wall <= ratio_limit * floor)
    if count >= 1000:
        met = met and peak <= 500
    report.row(f"consolider {count} plans ({cells} cellules)", wall, peak, floor, target, met)
    if not met:
        phases = subprocess.run([sys.executable, "-c", PHASES, str(folder), TODAY], check=True, capture_output=True,
                                text=True, env=ENV).stdout.split()
        imported, outlined, read, built, written, streamed_flag = (float(value) for value in phases)
        read_floor, _ = median([sys.executable, "-c", READ_FLOOR, str(folder / "plans")], runs)
        write_floor, _ = median([sys.executable, "-c", WRITE_FLOOR, str(work / f"plancher-{count}.xlsx"),
                                 str(cells_path)], runs)
        streamed = " en écrivant les lignes des feuilles longues" if streamed_flag else ""
        report.detail(f"imports {imported:.2f} s, référentiel et contours {outlined:.2f} s, "
                      f"lecture et validation{streamed} {read:.2f} s (plancher de lecture {read_floor:.2f} s), "
                      f"tableaux {built:.2f} s, "
                      f"écriture (le reste) {written:.2f} s (plancher d'écriture {write_floor:.2f} s)")
    return peak


def consolidation_peak(work: Path, sources: list[Path], count: int) -> float:
    """Peak memory (MiB) of one `consolider` run on `count` plans."""
    folder = working_folder(work / f"dossier-{count}", count, sources)
    return timed([*COOPXL, "consolider", str(folder), "--date", TODAY])[1]


def main() -> int:
    with_1000 = "--sans-1000" not in sys.argv
    print(f"machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}, {ACTIONS_PER_PLAN} actions par plan")
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="coopxl-bench-"))
    try:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "coopxl")], check=True)
        start = time.perf_counter()
        sources = make_sources(work / "sources")
        print(f"génération des 13 plans de {ACTIONS_PER_PLAN} actions : {time.perf_counter() - start:.1f} s\n")

        cli_ms = import_time("coopxl.cli")
        bare, _ = median([sys.executable, "-c", "pass"])
        report.row(f"import coopxl.cli ({cli_ms:.0f} ms)", cli_ms / 1000, 0, None, "≤ 150 ms", cli_ms <= 150)

        plan = sources[len(sources) // 2]
        wall, peak, floor = paired([*COOPXL, "valider", str(plan), "--date", TODAY],
                                   [sys.executable, "-c", READ_FLOOR, str(plan)])
        report.row("valider 1 plan", wall, peak, floor, "≤ 3 × plancher", wall <= 3 * floor)
        if wall > 3 * floor:
            imports, _ = median([sys.executable, "-c", "import coopxl.cli, coopxl.reader, coopxl.validation"])
            report.detail(f"démarrage de Python {bare:.3f} s, imports de coopxl et de ses bibliothèques "
                          f"{imports - bare:.3f} s, lecture, validation et rapport {wall - imports:.3f} s")

        peaks = {13: consolidation(report, work, sources, 13, "≤ 1,5 × plancher", None, 1.5, RUNS)}

        folder = working_folder(work / "documents-13", 13, sources)
        out = folder / "sorties" / "documents"
        templates = [str(ROOT / "word_templates" / n) for n in
                     ("feuille-de-route.docx", "deliberation-conseil-communautaire.docx",
                      "deliberation-parc.docx")]
        floor_command = [sys.executable, "-c", DOCX_FLOOR, str(folder / "plans"), str(work / "docx"), *templates]
        wall, peak, floor = paired([*COOPXL, "deliberations", str(folder), "--forcer",
                                    "--date", TODAY], floor_command,
                                   before=lambda: shutil.rmtree(out, ignore_errors=True))
        written = len(list(out.rglob("*.docx")))
        report.row(f"deliberations 13 plans ({written} .docx)", wall, peak, floor, "≤ 1,5 × plancher",
                   wall <= 1.5 * floor)

        peaks[100] = consolidation_peak(work, sources, 100)
        if with_1000:
            peaks[1000] = consolidation(report, work, sources, 1000, "≤ 1,5 × plancher, 500 Mo", None, 1.5, 1)
        print("mémoire de consolider : " + " ; ".join(f"{n} plans {peak:.1f} Mio" for n, peak in peaks.items()),
              flush=True)
        print(f"\n(python -c pass : {bare * 1000:.0f} ms ; pic = plus gros processus)")
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
