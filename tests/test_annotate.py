"""Writing findings into a plan workbook: backup, Contrôles rows, highlights, nothing else changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from factories import TODAY, clean_plan_content, make_plan

from coopxl.annotate import annotate_workbook
from coopxl.messages import CoopxlError
from coopxl.reader import read_plan
from coopxl.validation import validate_file


def cell_values(path: Path, skip: str = "Contrôles") -> dict:
    workbook = openpyxl.load_workbook(path)
    return {(sheet.title, c.coordinate): c.value for sheet in workbook.worksheets if sheet.title != skip
            for row in sheet.iter_rows() for c in row if c.value is not None}


def structure(path: Path) -> dict:
    workbook = openpyxl.load_workbook(path)
    return {sheet.title: (sorted((n, sheet.tables[n].ref) for n in sheet.tables if n != "T_Controles"),
                          sorted((str(v.sqref), v.formula1) for v in sheet.data_validations.dataValidation))
            for sheet in workbook.worksheets}


@pytest.fixture
def faulty_plan(tmp_path: Path, referential_path: Path) -> Path:
    fields, rows = clean_plan_content()
    fields["status"] = "Approuve"
    rows["T_Actions"][1]["status"] = "En cour"
    rows["T_Actions"][0]["cost"] = 25000
    return make_plan(tmp_path / "plans" / "plan.xlsx", referential_path, fields=fields, rows=rows)


def test_annotation_writes_checks_and_highlights_without_changing_values(faulty_plan: Path) -> None:
    before_values, before_structure = cell_values(faulty_plan), structure(faulty_plan)
    original = faulty_plan.read_bytes()
    report = validate_file(faulty_plan, today=TODAY)
    assert [(f.sheet, f.cell, f.code) for f in report.findings] == [
        ("Plan", "B9", "invalid-choice"), ("Actions", "O3", "invalid-choice"), ("Actions", "Q2", "funding-mismatch")]

    backup = annotate_workbook(faulty_plan, report.findings)

    assert backup.parent == faulty_plan.parent / "sauvegardes"
    assert backup.read_bytes() == original
    assert cell_values(faulty_plan) == before_values
    assert structure(faulty_plan) == before_structure
    workbook = openpyxl.load_workbook(faulty_plan)
    checks = workbook["Contrôles"]
    rows = [list(r) for r in checks.iter_rows(min_row=2, values_only=True)]
    assert rows == [[f.severity, f.code, f.sheet, f.cell, f.field, f.value, f.message] for f in report.findings]
    assert checks.tables["T_Controles"].ref == "A1:G4"
    assert workbook["Actions"]["O3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert workbook["Actions"]["Q2"].fill.fgColor.rgb.endswith("FFEB9C")
    assert "n'est pas une valeur autorisée" in workbook["Actions"]["O3"].comment.text
    assert workbook["Plan"]["B9"].comment.author == "coopxl"
    # The plan still reads, and what coopxl wrote is read back as its checks.
    assert [c.code for c in read_plan(faulty_plan).checks] == [f.code for f in report.findings]


def test_rerun_replaces_previous_highlights(faulty_plan: Path) -> None:
    annotate_workbook(faulty_plan, validate_file(faulty_plan, today=TODAY).findings)
    workbook = openpyxl.load_workbook(faulty_plan)
    workbook["Actions"]["O3"] = "En cours"
    workbook["Plan"]["B9"] = "En œuvre"
    workbook.save(faulty_plan)

    report = validate_file(faulty_plan, today=TODAY)
    assert [(f.cell, f.code) for f in report.findings] == [("Q2", "funding-mismatch")]
    annotate_workbook(faulty_plan, report.findings)

    workbook = openpyxl.load_workbook(faulty_plan)
    assert workbook["Actions"]["O3"].comment is None
    assert workbook["Actions"]["O3"].fill.fill_type is None
    assert workbook["Plan"]["B9"].comment is None
    assert workbook["Plan"]["B9"].fill.fgColor.rgb.endswith("FFF2CC")
    assert workbook["Actions"]["Q2"].comment.text.count("funding-mismatch") == 1
    assert [c.code for c in read_plan(faulty_plan).checks] == ["funding-mismatch"]
    assert workbook["Contrôles"].tables["T_Controles"].ref == "A1:G2"
    assert len(list((faulty_plan.parent / "sauvegardes").iterdir())) == 2


def test_refuses_when_excel_holds_the_workbook(faulty_plan: Path) -> None:
    lock = faulty_plan.with_name("~$" + faulty_plan.name)
    lock.write_bytes(bytes([11]) + b"Claire Mart" + b"\x00" * 100)
    digest = hashlib.sha256(faulty_plan.read_bytes()).hexdigest()
    with pytest.raises(CoopxlError) as error:
        annotate_workbook(faulty_plan, validate_file(faulty_plan, today=TODAY).findings)
    assert error.value.code == "workbook-open"
    assert "Claire Mart" in error.value.message
    assert hashlib.sha256(faulty_plan.read_bytes()).hexdigest() == digest
    assert not (faulty_plan.parent / "sauvegardes").exists()


def test_refuses_before_writing_when_staff_deleted_the_contrôles_sheet(faulty_plan: Path) -> None:
    workbook = openpyxl.load_workbook(faulty_plan)
    workbook.remove(workbook["Contrôles"])
    workbook.save(faulty_plan)
    original = faulty_plan.read_bytes()
    report = validate_file(faulty_plan, today=TODAY)
    with pytest.raises(CoopxlError) as error:
        annotate_workbook(faulty_plan, report.findings)
    assert error.value.code == "checks-table-missing"
    assert "Recopiez la feuille « Contrôles »" in error.value.message.replace("\u00a0", " ")
    assert faulty_plan.read_bytes() == original
    assert not (faulty_plan.parent / "sauvegardes").exists()
