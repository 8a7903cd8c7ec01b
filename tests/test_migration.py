"""Migrating plan workbooks of older template versions (coopxl migrer): nothing lost."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from factories import clean_plan_content, make_plan

from coopxl.messages import CoopxlError
from coopxl.reader import plan_content, read_plan

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "data" / "plan-modele-v1.xlsx"


def cells(path: Path) -> dict:
    workbook = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): (c.value, c.number_format) for ws in workbook.worksheets
            for row in ws.iter_rows() for c in row if c.value is not None}


def test_version_1_workbook_still_reads_without_loss() -> None:
    plan = read_plan(V1)
    assert [f.code for f in plan.findings] == ["older-template-version"]
    assert plan.template_version == "1"
    fields, rows = plan_content(plan)
    expected_fields, expected_rows = clean_plan_content()
    assert {k: v for k, v in fields.items() if k != "template_version"} == expected_fields
    for table, records in expected_rows.items():
        assert [{k: v for k, v in r.items() if v is not None} for r in rows[table]] == [
            {k: v for k, v in r.items() if v is not None} for r in records], table


def test_migration_of_a_current_workbook_changes_nothing(tmp_path: Path, referential_path: Path) -> None:
    from coopxl.migration import migrate_workbook

    path = make_plan(tmp_path / "plan.xlsx", referential_path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    result = migrate_workbook(path)
    assert not result.migrated and hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_migration_to_version_2_loses_nothing(tmp_path: Path) -> None:
    """The real step 1 → 2: the séance block of T_Deliberations, feminine forms of « Fonction »."""
    from coopxl.migration import migrate_workbook

    path = tmp_path / "plan.xlsx"
    shutil.copy(V1, path)
    before = cells(path)
    result = migrate_workbook(path)
    assert (result.from_version, result.to_version, result.migrated) == ("1", "2", True)
    assert result.backup.read_bytes() == V1.read_bytes()
    after = cells(path)
    changed = {k for k in before if after.get(k) != before[k]}
    assert changed <= {("Plan", "B11")} | {k for k in before if k[0] == "Listes"}
    assert after[("Plan", "B11")][0] == "2"
    for sheet_cell, value in before.items():
        if sheet_cell[0] == "Listes" and sheet_cell in changed:
            assert value[0] in {v[0] for k, v in after.items() if k[0] == "Listes"}
    workbook = openpyxl.load_workbook(path)
    table = workbook["Délibérations"].tables["T_Deliberations"]
    headers = [c.name for c in table.tableColumns]
    assert headers[-5:] == ["Heure", "Lieu", "Liste des présents", "Liste des excusés", "Liste des pouvoirs"]
    migrated = read_plan(path)
    assert migrated.template_version == "2" and not migrated.findings
    (fields, rows), (old_fields, old_rows) = plan_content(migrated), plan_content(read_plan(V1))
    assert rows == old_rows and {**old_fields, "template_version": "2"} == fields


def test_unknown_version_cannot_be_migrated(tmp_path: Path) -> None:
    from coopxl.migration import migrate_workbook

    path = tmp_path / "plan.xlsx"
    shutil.copy(V1, path)
    workbook = openpyxl.load_workbook(path)
    workbook["Plan"]["B11"] = "0"
    workbook.save(path)
    with pytest.raises(CoopxlError) as error:
        migrate_workbook(path)
    assert error.value.code == "cannot-migrate"
