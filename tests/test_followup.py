"""Follow-up: the fiches de suivi, the Parc-wide summary, preparing the next review (--preparer)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from factories import TODAY, clean_plan_content, make_plan
from test_documents import text_of

from coopxl.followup import generate_followup, prepare_review
from coopxl.messages import CoopxlError
from coopxl.reader import read_plan
from coopxl.schema import NUMBER_FORMATS, Kind
from coopxl.validation import validate_plan

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "data" / "plan-modele-v1.xlsx"


@pytest.fixture
def workspace(tmp_path: Path, referential_path: Path) -> Path:
    root = tmp_path / "travail"
    (root / "plans").mkdir(parents=True)
    (root / "referentiel.xlsx").write_bytes(referential_path.read_bytes())
    fields, rows = clean_plan_content()
    rows["T_Actions"][1]["end"] = D(2026, 6, 30)  # A2.1 en cours, fin passée : en retard
    rows["T_Actions"].append(dict(rows["T_Actions"][0], number="A1.2", title="Sentier des sucs",
                                  start=D(2027, 2, 1), end=D(2027, 6, 30), status="À venir", cost=None))
    rows["T_Financements"].append({"action": "A1.2", "funder": "Région Auvergne-Rhône-Alpes",
                                   "scheme": "Contrat de parc", "amount": 5000, "status": "À solliciter"})
    rows["T_Suivi"][-1]["next_steps"] = "Lancer l'inventaire des zones humides"
    fields["period_end"] = D(2027, 12, 31)
    make_plan(root / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx", referential_path, fields=fields, rows=rows)
    return root


def cells(path: Path) -> dict:
    workbook = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): (c.value, c.number_format) for ws in workbook.worksheets
            for row in ws.iter_rows() for c in row if c.value is not None}


def test_fiche_de_suivi_content(workspace: Path) -> None:
    result = generate_followup([workspace], today=TODAY)
    (fiche,) = result.fiches
    assert fiche.name == "fiche-suivi_cc-val-eyrieux_2026-11-25.docx"
    document = Document(str(fiche))
    tables = {t.rows[0].cells[1].text + "/" + t.rows[0].cells[2].text: t for t in document.tables
              if len(t.columns) > 2}
    late = tables["Intitulé/Fin prévue"]
    assert [r.cells[0].text for r in late.rows[1:]] == ["A2.1"]
    upcoming = tables["Intitulé/Échéance"]
    assert [(r.cells[0].text, r.cells[2].text, r.cells[3].text) for r in upcoming.rows[1:]] == [
        ("A1.2", "début", "1er\u00a0février\u00a02027")]
    to_request = tables["Financeur/Dispositif"]
    assert [(r.cells[0].text, r.cells[3].text) for r in to_request.rows[1:]] == [("A1.2", "5\u202f000\u00a0€")]
    decisions = tables["Intitulé/Décision"]
    assert [(r.cells[0].text, r.cells[2].text, r.cells[3].text) for r in decisions.rows[1:]] == [
        ("A2.1", "Poursuivre", "Lancer l'inventaire des zones humides")]
    participants = tables["Structure/Fonction"]
    assert len(participants.rows) > 3 and participants.rows[-1].cells[0].text == ""  # blank lines to add people
    # One full-width block per action: situation, then rows to write in during the meeting.
    blocks = [t for t in document.tables if len(t.columns) == 2 and t.rows[0].cells[0].text.startswith("A")]
    assert [t.rows[0].cells[0].text for t in blocks] == ["A1.1", "A1.2", "A2.1"]
    for block in blocks:
        labels = [r.cells[0].text for r in block.rows]
        assert labels == [block.rows[0].cells[0].text, "Situation", "Avancement constaté", "Décision",
                          "Prochaines étapes"]
        assert block.rows[2].cells[1].text == "" and block.rows[4].cells[1].text == ""
        assert block.rows[3].cells[1].text.split() == ["☐", "Poursuivre", "☐", "Ajuster", "☐", "Reporter", "☐",
                                                       "Abandonner"]
    text = text_of(fiche).replace("\u00a0", " ").replace("\u202f", " ")
    assert "Réunion précédente : 9 juin 2026" in text and "{{" not in text and "(s)" not in text
    assert re.search(r"Réunion de suivi n° \d+ du 25 novembre 2026", text)
    summary = text_of(result.summary).replace("\u00a0", " ").replace("\u202f", " ")
    # The synthèse shows the same meeting date as the fiche, and every EPCI of the référentiel.
    assert "CC Val'Eyrieux | En œuvre | 2 | oui | 09/06/2026 | 25/11/2026 (à planifier) | A2.1 | Mme Claire Martin" \
        in summary
    assert "CC Ardèche des Sources et Volcans | pas de plan |" in summary
    assert "CA Privas Centre Ardèche | pas de plan |" in summary


def test_preparer_adds_the_coming_review_and_changes_nothing_else(workspace: Path) -> None:
    path = workspace / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    before_cells = cells(path)
    before_findings = [(f.sheet, f.cell, f.code) for f in validate_plan(read_plan(path), today=TODAY)]
    saved, added = prepare_review(path, D(2026, 12, 8))
    assert added == 2  # A1.2 (À venir) and A2.1 (En cours); A1.1 is done
    assert saved.read_bytes() != b"" and saved.parent.name == "sauvegardes"
    after = cells(path)
    assert {k: v for k, v in after.items() if k in before_cells} == before_cells
    new = {k: v[0] for k, v in after.items() if k not in before_cells}
    assert new == {
        ("Suivi", "A10"): dt.datetime(2026, 12, 8), ("Suivi", "B10"): "A2.1", ("Suivi", "C10"): "En cours",
        ("Suivi", "A11"): dt.datetime(2026, 12, 8), ("Suivi", "B11"): "A1.2", ("Suivi", "C11"): "À venir",
        ("Séances", "A10"): 9, ("Séances", "B10"): "Suivi semestriel", ("Séances", "C10"): dt.datetime(2026, 12, 8),
        ("Séances", "E10"): "Prévue"}
    assert after[("Suivi", "A10")][1] == NUMBER_FORMATS[Kind.DATE]
    plan = read_plan(path)
    assert [(f.sheet, f.cell, f.code) for f in validate_plan(plan, today=TODAY)] == before_findings
    prepare_review(path, D(2026, 12, 8))
    assert len(read_plan(path).reviews) == len(plan.reviews)  # a second run adds nothing


def test_preparer_refuses_a_workbook_open_in_excel(workspace: Path) -> None:
    path = workspace / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    (path.parent / ("~$" + path.name)).write_bytes(b"\x05Marie")
    before = path.read_bytes()
    with pytest.raises(CoopxlError):
        prepare_review(path, D(2026, 12, 8))
    assert path.read_bytes() == before
