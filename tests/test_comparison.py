"""Comparing two versions of a plan (coopxl comparer) and writing the summary of changes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
from factories import clean_plan_content, make_plan
from test_documents import text_of

from coopxl.comparison import compare_plans, write_summary
from coopxl.reader import read_plan

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "data" / "plan-modele-v1.xlsx"


def test_comparer_lists_exactly_the_changes(tmp_path: Path) -> None:
    old = ROOT / "examples" / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx"
    new = tmp_path / "nouveau.xlsx"
    shutil.copy(old, new)
    workbook = openpyxl.load_workbook(new)
    actions, fundings = workbook["Actions"], workbook["Financements"]
    before = read_plan(old)
    actions["O2"] = "Abandonnée"
    actions["C3"] = "Intitulé reformulé"
    fundings["E2"] = (fundings["E2"].value or 0) + 1000
    workbook.save(new)
    changes = [(c.kind, c.scope, c.reference, c.field, c.after) for c in compare_plans(before, read_plan(new))]
    funding = before.fundings[0]
    reference = " — ".join(str(p) for p in (funding.action, funding.funder, funding.scheme, funding.year) if p)
    assert sorted(changes) == sorted([
        ("Changement de statut", "Action", before.actions[0].number, "Statut", "Abandonnée"),
        ("Modification", "Action", before.actions[1].number, "Intitulé", "Intitulé reformulé"),
        ("Modification", "Financement", reference, "Montant (€ HT)",
         f"{int(funding.amount + 1000):,}".replace(",", "\u202f")),
    ])


def test_comparer_added_and_removed_actions_and_summaries(tmp_path: Path, referential_path: Path) -> None:
    fields, rows = clean_plan_content()
    old = make_plan(tmp_path / "ancien.xlsx", referential_path, fields=fields, rows=rows)
    rows["T_Actions"][1] = dict(rows["T_Actions"][1], number="A2.2", title="Nouvelle action")
    new = make_plan(tmp_path / "nouveau.xlsx", referential_path, fields=fields, rows=rows)
    changes = compare_plans(read_plan(old), read_plan(new))
    assert [(c.kind, c.reference) for c in changes] == [("Ajout", "A2.2"), ("Suppression", "A2.1")]
    for name in ("resume.xlsx", "resume.docx"):
        target = write_summary(changes, old, new, tmp_path / name)
        assert target.is_file()
    sheet = openpyxl.load_workbook(tmp_path / "resume.xlsx")["Modifications"]
    assert [c.value for c in sheet[4]][:3] == ["Ajout", "Action", "A2.2"]
    assert "Suppression | Action | A2.1" in text_of(tmp_path / "resume.docx")
