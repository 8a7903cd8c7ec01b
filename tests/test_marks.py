"""What coopxl marks in a workbook: colour by the worst finding, its own notes, text never a formula."""

from __future__ import annotations

import pytest

from coopxl.marks import by_cell, highlight, is_coopxl_note, looks_like_formula, note_text, worst
from coopxl.messages import ERROR, INFO, WARNING
from coopxl.model import Finding


def found(severity: str, code: str = "x", cell: str = "B2") -> Finding:
    return Finding(code=code, severity=severity, message=f"{code}.", file="plan.xlsx", sheet="Actions", cell=cell)


def test_a_cell_takes_the_colour_of_its_worst_finding() -> None:
    assert worst([found(WARNING), found(ERROR)]) == ERROR
    assert highlight([found(WARNING), found(ERROR)]) == "FFC7CE"
    assert highlight([found(INFO), found(WARNING)]) == "FFEB9C"
    assert highlight([found(INFO)]) is None  # an information leaves the cell as it is


def test_coopxl_note_lists_the_most_serious_first_and_is_recognised() -> None:
    text = note_text([found(WARNING, "funding-mismatch"), found(ERROR, "value-out-of-range")])
    assert text.splitlines()[0].startswith("coopxl — Erreur (value-out-of-range)")
    assert "Avertissement (funding-mismatch)" in text.splitlines()[1]
    assert is_coopxl_note(None, text) and is_coopxl_note("coopxl", "texte modifié")
    assert not is_coopxl_note("Hélène", "Vérifié avec le SIVOM") and not is_coopxl_note(None, None)


@pytest.mark.parametrize(("text", "formula"), [
    ("=SOMME(A1:A3)", True), ("+33 4 75", True), ("-12", True), ("@cmd", True), ("\t=1", True),
    ("\r=1", True), ("12 500 €", False), ("Réalisée", False), ("", False)])
def test_text_that_a_spreadsheet_would_take_for_a_formula(text: str, formula: bool) -> None:
    assert looks_like_formula(text) is formula


def test_findings_grouped_by_cell_in_report_order() -> None:
    a, b, c = found(ERROR, "a", "B2"), found(WARNING, "b", "C3"), found(INFO, "c", "B2")
    no_cell = Finding(code="d", severity=ERROR, message="d.", file="plan.xlsx")
    assert by_cell([a, b, c, no_cell]) == {("Actions", "B2"): [a, c], ("Actions", "C3"): [b]}
