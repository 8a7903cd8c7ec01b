"""The example territory: regenerated identically, read cleanly, its deliberate mistakes all found."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from coopxl.consolidation import consolidate
from coopxl.reader import read_plan
from coopxl.validation import validate_paths
from coopxl.workspace import Workspace
from factories import TODAY
from test_templates import signature

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def expected_mistakes() -> list[tuple[str, str, str, str]]:
    """(file, sheet, cell, code) rows of the mistakes table of examples/README.md."""
    rows = []
    for line in (EXAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `([^`]+\.xlsx)` \| ([^|]+) \| ([A-Z]+\d+) \| .* \| `([a-z-]+)` \|$", line)
        if match:
            rows.append(tuple(part.strip() for part in match.groups()))
    return rows


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exemples")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_examples.py"), "--sortie", str(folder)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return folder


def test_examples_are_what_the_script_produces(regenerated: Path) -> None:
    committed = sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*") if p.is_file())
    assert sorted(p.relative_to(regenerated) for p in regenerated.rglob("*") if p.is_file()) == committed
    for relative in committed:
        if relative.suffix == ".xlsx":
            assert signature(regenerated / relative) == signature(EXAMPLES / relative), relative
        else:
            assert (regenerated / relative).read_text() == (EXAMPLES / relative).read_text(), relative


def test_thirteen_plans_in_every_state() -> None:
    plans = [read_plan(p) for p in sorted((EXAMPLES / "plans").glob("*.xlsx"))]
    assert len(plans) == 13
    assert {p.status for p in plans} == {"En élaboration", "Programme arrêté", "Approuvé", "En œuvre", "Clos"}
    in_progress = [len({r.date for r in p.reviews}) for p in plans if p.status == "En œuvre"]
    assert min(in_progress) >= 2 and max(in_progress) <= 6


def test_validation_finds_every_deliberate_mistake_and_nothing_else() -> None:
    report = validate_paths([EXAMPLES], today=TODAY)
    found = {(Path(f.file).name, f.sheet, f.cell, f.code) for f in report.findings}
    expected = set(expected_mistakes())
    assert len(expected) == 12
    assert expected <= found
    # The only extra finding is the cascade the examples README names (the duplicate action's funding).
    assert found - expected == {("plan-cooperation_cc-des-sources-de-la-loire.xlsx", "Actions", "Q4",
                                 "funding-mismatch")}
    faulty = {f.file for f in report.findings}
    assert len(faulty) == 3
    clean = [path for path in report.plans if path not in faulty]
    assert len(clean) == 10


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
