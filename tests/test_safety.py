"""Nothing is lost: writes are atomic even when the process is killed, every writer goes through
the atomic helper, and no text from a plan reaches an output as a live formula or link."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from factories import TODAY, clean_plan_content, make_plan

from coopxl.annotate import annotate_workbook
from coopxl.consolidation import consolidate
from coopxl.dashboard import write_dashboard
from coopxl.migration import migrate_workbook
from coopxl.validation import validate_file
from coopxl.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
PAYLOADS = ["=1+1", '=HYPERLINK("http://exemple.invalid","clic")', "=cmd|' /C calc'!A0", "+1+1", "-2+3",
            "@SOMME(1;1)", "\t=1+1", "\r=1+1"]

KILLED_WRITER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import coopxl.dashboard as d
from coopxl.consolidation import consolidate
from coopxl.workspace import Workspace

def slow_charts(self, *args):
    print("started", flush=True)
    time.sleep(60)

d.DashboardWriter.charts = slow_charts
d.write_dashboard(consolidate(Workspace(Path(sys.argv[1]))), Path(sys.argv[2]))
"""


def test_killing_the_process_mid_write_leaves_the_previous_dashboard(tmp_path: Path) -> None:
    import shutil

    work = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", work)
    output = work / "sorties" / "tableau-de-bord.xlsx"
    write_dashboard(consolidate(Workspace(work), today=TODAY), output)
    previous = output.read_bytes()
    with subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(work), str(output), str(ROOT)],
                          stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout.readline().strip() == "started"
        time.sleep(0.2)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert output.read_bytes() == previous
    assert openpyxl.load_workbook(output)["Synthèse"]["A1"].value.startswith("Plans de coopération")


def test_every_writer_goes_through_the_atomic_helper() -> None:
    """Only files.py writes files directly; the rest save to the temporary path atomic_write gives."""
    allowed = {
        ("addin.py", "book.save()"),  # pyOpenVBA edits a copy in a temporary folder
        ("addin.py", "shutil.copy(xlwings_template(), carrier)"),
        ("documents.py", "shutil.copyfile(file, copy)"),  # staging copies in a temporary folder
        ("excel_entry.py", '(SETTINGS / "dossier-de-travail.txt").write_text(str(folder), encoding="utf-8")'),
        ("workspace.py", "shutil.copy2(source / REFERENTIAL_NAME, folder / REFERENTIAL_NAME)"),  # into a new folder
        ("workspace.py", "shutil.copytree(source / PLANS_FOLDER, folder / PLANS_FOLDER)"),
        ("annotate.py", "package.save()"),  # XlsxPackage.save itself uses atomic_write
        ("followup.py", "package.save()"),
        ("migration.py", "package.save()"),
    }
    found = set()
    for path in sorted((ROOT / "coopxl").glob("*.py")):
        if path.name == "files.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.strip()
            if re.search(r"shutil\.copy|copyfile|write_text\(|write_bytes\(|\.save\(", code):
                if re.search(r"\.save\((str\()?temporary\)?\)", code) or "temporary.write_text" in code:
                    continue
                found.add((path.name, code))
    assert found == allowed


def test_formula_like_text_never_becomes_a_formula(tmp_path: Path, referential_path: Path) -> None:
    fields, rows = clean_plan_content()
    action = rows["T_Actions"][0]
    rows["T_Actions"] = [dict(action, number=f"A1.{i}", title=payload, comment=payload, cost=None)
                         for i, payload in enumerate(PAYLOADS, start=1)]
    rows["T_Financements"] = []
    rows["T_Suivi"] = [dict(r, action="A1.1") for r in rows["T_Suivi"]]
    root = tmp_path / "travail"
    (root / "plans").mkdir(parents=True)
    (root / "referentiel.xlsx").write_bytes(referential_path.read_bytes())
    plan = make_plan(root / "plans" / "plan.xlsx", referential_path, fields=fields, rows=rows)

    def assert_text(cell, expected):
        assert (cell.value, cell.data_type) == (expected, "s"), cell.coordinate

    source = openpyxl.load_workbook(plan)["Actions"]
    for row, payload in enumerate(PAYLOADS, start=2):
        assert_text(source[f"C{row}"], payload)
    dashboard = write_dashboard(consolidate(Workspace(root), today=TODAY), root / "sorties" / "tdb.xlsx")
    sheet = openpyxl.load_workbook(dashboard)["Actions"]
    titles = {sheet[f"C{r}"].value: sheet[f"E{r}"] for r in range(5, 5 + len(PAYLOADS))}
    for number, payload in zip((f"A1.{i}" for i in range(1, 9)), PAYLOADS):
        assert_text(titles[number], payload.strip())  # the reader trims surrounding white space
        assert titles[number].quotePrefix
    assert not sheet._hyperlinks
    findings = validate_file(plan, today=TODAY).findings
    findings = [f.__class__(**{**f.as_dict(), "value": PAYLOADS[i % len(PAYLOADS)]}) for i, f in enumerate(findings)]
    annotate_workbook(plan, findings)
    checks = openpyxl.load_workbook(plan)["Contrôles"]
    for row, finding in enumerate(findings, start=2):
        assert_text(checks[f"F{row}"], finding.value)
        assert checks[f"F{row}"].quotePrefix == finding.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    migrated = migrate_workbook(plan)
    assert not migrated.migrated
    after = openpyxl.load_workbook(plan)["Actions"]
    for row, payload in enumerate(PAYLOADS, start=2):
        assert_text(after[f"C{row}"], payload)
