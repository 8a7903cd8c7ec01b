"""The Python API (`import coopxl`): the functions the commands wrap, on the example territory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from test_cli import run

import coopxl
from coopxl.messages import CoopxlError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
pandas = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def territory(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("api") / "travail"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


@pytest.fixture(scope="module")
def consolidated(territory: Path):
    return coopxl.consolidate(str(territory))


def test_validate_to_dict_is_what_the_command_prints(territory: Path) -> None:
    report = coopxl.validate(str(territory / "plans"))
    printed = run("valider", str(territory / "plans"), "--json")
    assert printed.returncode == 1, printed.stderr
    assert report.to_dict() == json.loads(printed.stdout)
    assert report.findings and report.errors


def test_validate_takes_str_and_path_alike(territory: Path) -> None:
    plan = territory / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    assert coopxl.validate(plan).to_dict() == coopxl.validate(str(plan)).to_dict()
    assert coopxl.read_plan(str(plan)).epci_name == coopxl.read_plan(plan).epci_name == "CC Val'Eyrieux"


def test_consolidate_to_pandas_has_real_dtypes_and_one_row_per_action(territory: Path, consolidated) -> None:
    frames = consolidated.to_pandas()
    assert {"T_Synthese", "T_ToutesActions", "T_TousFinancements", "T_FinanceursParEPCI", "T_ChartePlans",
            "T_EquipeParc", "T_Calendrier", "T_TousControles"} <= set(frames)
    actions = frames["T_ToutesActions"]
    plans = [coopxl.read_plan(p) for p in sorted((territory / "plans").glob("*.xlsx"))]
    assert len(actions) == sum(len(p.actions) for p in plans)
    assert list(actions.columns[:3]) == ["EPCI", "SIREN", "N° action"]
    assert str(actions["Début"].dtype).startswith("datetime64")
    assert actions["Coût total (€ HT)"].dtype == "float64"
    assert str(actions["En retard"].dtype) == "boolean"
    assert str(frames["T_Synthese"]["Actions"].dtype) == "Int64"


def test_to_pandas_amounts_sum_to_the_written_dashboards_total(territory: Path, consolidated, tmp_path: Path) -> None:
    written = consolidated.write(tmp_path / "tableau-de-bord.xlsx")
    sheet = openpyxl.load_workbook(written)["Synthèse"]
    table = sheet.tables["T_Synthese"]
    rows = [[c.value for c in row] for row in sheet[table.ref]]
    cost = rows[0].index("Coût total (€ HT)")
    dashboard_total = sum(r[cost] or 0 for r in rows[1:])
    frames = consolidated.to_pandas()
    assert dashboard_total > 0
    assert frames["T_ToutesActions"]["Coût total (€ HT)"].sum() == pytest.approx(dashboard_total)
    assert frames["T_Synthese"]["Coût total (€ HT)"].sum() == pytest.approx(dashboard_total)


def test_to_pandas_without_pandas_says_how_to_install_it(consolidated, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(CoopxlError) as error:
        consolidated.to_pandas()
    assert error.value.code == "pandas-missing" and 'pip install "coopxl[pandas]"' in error.value.message


def test_create_plan_init_workspace_and_compare(tmp_path: Path) -> None:
    workspace = coopxl.init_workspace(str(tmp_path / "neuf"))
    assert workspace.referential_path.exists() and workspace.plans_folder.is_dir()
    shutil.copy(EXAMPLES / "referentiel.xlsx", workspace.referential_path)
    path = coopxl.create_plan(str(workspace.root), "Val'Eyrieux")
    assert path.exists() and coopxl.read_plan(path).epci_siren == "200041465"
    assert coopxl.compare(path, str(path)) == []
    assert not coopxl.migrate(str(path)).migrated


def test_api_errors_are_coopxl_errors(tmp_path: Path) -> None:
    with pytest.raises(coopxl.CoopxlError) as error:
        coopxl.consolidate(tmp_path)
    assert error.value.code == "no-plans-folder"


def test_import_coopxl_stays_cheap() -> None:
    """The API is there on first use; pandas, openpyxl and calamine are not imported by it."""
    code = ("import sys, coopxl; coopxl.validate; coopxl.consolidate; "
            "print(sorted(m for m in ('pandas', 'openpyxl', 'python_calamine', 'docx') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.strip() == "[]"


def test_prepare_reviews_adds_the_coming_review_and_keeps_a_backup(tmp_path: Path) -> None:
    import datetime as dt

    folder = tmp_path / "travail"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("README.md"))
    plan = folder / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    before = [r for r in coopxl.read_plan(plan).reviews if r.date == dt.date(2026, 12, 8)]
    result = coopxl.prepare_reviews(Path(plan), today=dt.date(2026, 12, 8))
    assert [r.plan for r in result.prepared] == [plan] and result.problems == []
    prepared = result.prepared[0]
    assert prepared.meeting == dt.date(2026, 12, 8) and prepared.rows > 0
    assert prepared.backup is not None and prepared.backup.is_file()
    after = [r for r in coopxl.read_plan(plan).reviews if r.date == dt.date(2026, 12, 8)]
    assert len(after) == len(before) + prepared.rows
    assert len(coopxl.read_plan(prepared.backup).reviews) == len(coopxl.read_plan(plan).reviews) - prepared.rows
    again = coopxl.prepare_reviews(str(plan), today=dt.date(2026, 12, 8))
    assert again.prepared[0].backup is None  # already there: the plan is left unchanged
