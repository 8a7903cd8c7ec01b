"""The example territory: written from its data files, clean where it should be, its mistakes all found."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl
import pytest
from factories import TODAY
from test_templates import signature

from coopxl.consolidation import consolidate
from coopxl.reader import read_plan
from coopxl.validation import validate_paths
from coopxl.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SOURCE = EXAMPLES / "source"


def load(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


REFERENTIAL = load(SOURCE / "referentiel.toml")
PLANS = {f"{path.stem}.xlsx": load(path) for path in sorted((SOURCE / "plans").glob("*.toml"))}


def listed(kind: str) -> set[tuple[str, str, str, str]]:
    """(file, sheet, cell, code) of the findings the data files list under example.<kind>."""
    return {(file, m["sheet"], m["cell"], m["code"])
            for file, plan in PLANS.items() for m in plan["example"].get(kind, []) if "code" in m}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exemples")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_examples.py"), "--sortie", str(folder)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("13 plans, 13 erreurs volontaires")
    return folder


def test_examples_are_what_the_script_writes_from_the_data(regenerated: Path) -> None:
    committed = sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*")
                       if p.is_file() and SOURCE not in p.parents)
    assert sorted(p.relative_to(regenerated) for p in regenerated.rglob("*") if p.is_file()) == committed
    for relative in committed:
        if relative.suffix == ".xlsx":
            assert signature(regenerated / relative) == signature(EXAMPLES / relative), relative
        else:
            assert (regenerated / relative).read_text() == (EXAMPLES / relative).read_text(), relative


def test_one_data_file_per_epci_named_like_its_workbook() -> None:
    epcis = [e["name"] for e in REFERENTIAL["T_EPCI"]]
    assert sorted(p["plan"]["epci_name"] for p in PLANS.values()) == sorted(epcis)
    for file, plan in PLANS.items():
        assert Workspace(EXAMPLES).plan_path(plan["plan"]["epci_name"]) == EXAMPLES / "plans" / file
    assert REFERENTIAL["example"]["reference_day"] == TODAY


def test_thirteen_plans_in_every_state() -> None:
    plans = [read_plan(p) for p in sorted((EXAMPLES / "plans").glob("*.xlsx"))]
    assert len(plans) == 13
    assert {p.status for p in plans} == {"En élaboration", "Programme arrêté", "Approuvé", "En œuvre", "Clos"}
    in_progress = [len({r.date for r in p.reviews}) for p in plans if p.status == "En œuvre"]
    assert min(in_progress) >= 2 and max(in_progress) <= 6


def test_validation_finds_exactly_the_mistakes_and_knock_ons_the_data_lists() -> None:
    report = validate_paths([EXAMPLES], today=TODAY)
    found = {(Path(f.file).name, f.sheet, f.cell, f.code) for f in report.findings}
    mistakes, knock_ons = listed("mistakes"), listed("knock_on")
    assert len(mistakes) == 12 and len(knock_ons) == 1
    assert found == mistakes | knock_ons
    faulty = {file for file, plan in PLANS.items() if plan["example"].get("mistakes")}
    assert {Path(f.file).name for f in report.findings} == faulty and len(faulty) == 3
    assert len([name for name in report.plans if Path(name).name not in faulty]) == 10  # clean: no error, no warning


def test_a_listed_mistake_without_code_is_text_that_raises_nothing() -> None:
    """The formula-looking comment: written as text (never a formula), and not a finding."""
    report = validate_paths([EXAMPLES], today=TODAY)
    harmless = [(file, m) for file, plan in PLANS.items() for m in plan["example"].get("mistakes", [])
                if "code" not in m]
    assert harmless
    for file, mistake in harmless:
        where = (file, mistake["sheet"], mistake["cell"])
        assert not [f for f in report.findings if (Path(f.file).name, f.sheet, f.cell) == where]
        cell = openpyxl.load_workbook(EXAMPLES / "plans" / file)[mistake["sheet"]][mistake["cell"]]
        assert cell.data_type == "s" and cell.value.startswith("=") and cell.quotePrefix


def test_deliberate_text_in_date_and_number_columns_stays_text() -> None:
    for file, plan in PLANS.items():
        workbook = openpyxl.load_workbook(EXAMPLES / "plans" / file)
        for mistake in plan["example"].get("mistakes", []):
            if mistake.get("code") in ("text-in-date", "text-in-number"):
                cell = workbook[mistake["sheet"]][mistake["cell"]]
                assert cell.data_type == "s" and isinstance(cell.value, str), (file, mistake["cell"])


# Facts of the example that are not rules of SPEC §5, so coopxl's validation does not check them:
# checked here, once, on the data.

def test_nothing_in_the_examples_happens_after_the_reference_day() -> None:
    day = REFERENTIAL["example"]["reference_day"]
    for plan in PLANS.values():
        assert all(s["date"] <= day for s in plan["T_Seances"] if s["status"] == "Tenue")
        assert all(r["date"] <= day for r in plan.get("T_Suivi", []))
        assert all(d.get("transmitted_on", day) <= day for d in plan.get("T_Deliberations", []))


def test_registers_of_deliberations_agree_with_their_counts() -> None:
    councillors = {e["name"]: e["councillors"] for e in REFERENTIAL["T_EPCI"]}
    for plan in PLANS.values():
        for d in plan.get("T_Deliberations", []):
            if d["body"] == "Conseil communautaire":
                assert d["members"] == councillors[plan["plan"]["epci_name"]]
            if "present" not in d:
                continue
            present = d["present_names"].splitlines()
            assert len(present) == len(set(present)) == d["present"]
            assert len(d.get("proxy_names", "").splitlines()) == d["proxies"]
            assert len(present) + len(d.get("excused_names", "").splitlines()) == d["members"]


def test_illustrative_labels_and_real_sirens_are_those_of_the_data() -> None:
    charter = {r[key] for r in REFERENTIAL["T_Charte"] for key in ("vocation", "orientation", "label")}
    assert set(REFERENTIAL["example"]["illustrative_labels"]) <= charter
    assert set(REFERENTIAL["example"]["real_sirens"]) <= {e["siren"] for e in REFERENTIAL["T_EPCI"]}


def test_dashboard_figures_match_independent_totals() -> None:
    dashboard = consolidate(Workspace(EXAMPLES), today=TODAY)
    rows = {r["epci"]: r for r in dashboard.synthesis}
    assert len(rows) == 13 and all(r["status"] not in ("Non reçu", "Illisible") for r in rows.values())
    for path in sorted((EXAMPLES / "plans").glob("*.xlsx")):
        plan = read_plan(path)
        row = rows[plan.epci_name]
        assert row["actions"] == len(plan.actions)
        assert row["cost"] == sum(a.cost or 0 for a in plan.actions)
        for status, key in (("À venir", "to_come"), ("En cours", "ongoing"), ("Réalisée", "done")):
            assert row[key] == sum(a.status == status for a in plan.actions)
        leader = sum(f.amount for f in plan.fundings if f.funder == "Programme LEADER (FEADER)"
                     and f.status != "Refusé" and f.amount is not None)
        epci = sum(f.amount for f in plan.fundings if f.funder == "Autofinancement de l'EPCI"
                   and f.status != "Refusé" and f.amount is not None)
        assert (row["leader_funding"], row["epci_funding"]) == (leader, epci), plan.epci_name
    assert len(dashboard.actions) == sum(r["actions"] for r in rows.values())
    assert sum(r["leader_funding"] for r in rows.values()) > 0 and sum(r["epci_funding"] for r in rows.values()) > 0
