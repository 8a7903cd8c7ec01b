"""Reading what users type without guessing: ambiguous amounts, blank rows inside a table."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import TODAY, clean_plan_content, make_plan

from coopxl.reader import ambiguous_readings
from coopxl.validation import validate_file


@pytest.mark.parametrize(("text", "readings"), [
    ("1.200 €", (1200, 1.2)), ("1,200", (1.2, 1200)), ("12,500 € HT", (12.5, 12500)), ("-3.750", (-3750, -3.75)),
    ("1 200", None), ("1,5", None), ("1.200,50", None), ("0,125", None), ("1.200.000", None), ("Sentiers", None),
])
def test_ambiguous_readings(text: str, readings: tuple[float, float] | None) -> None:
    assert ambiguous_readings(text) == readings


def test_an_ambiguous_amount_is_an_error_with_both_readings_and_is_not_used(tmp_path: Path,
                                                                             referential_path: Path) -> None:
    from coopxl.reader import read_plan

    fields, rows = clean_plan_content()
    rows["T_Financements"][0]["amount"] = "1.200 €"
    plan = make_plan(tmp_path / "plan.xlsx", referential_path, fields=fields, rows=rows)
    findings = [f for f in validate_file(plan, today=TODAY).findings if f.code == "ambiguous-amount"]
    assert [(f.sheet, f.severity) for f in findings] == [("Financements", "Erreur")]
    message = findings[0].message.replace("\u202f", " ").replace("\u00a0", " ")
    assert "1 200 à la française" in message and "1,2 à l'anglaise" in message
    assert read_plan(plan).fundings[0].amount is None


def test_a_blank_row_inside_a_table_is_information_at_its_row(tmp_path: Path, referential_path: Path) -> None:
    fields, rows = clean_plan_content()
    rows["T_Objectifs"].insert(1, {})
    plan = make_plan(tmp_path / "plan.xlsx", referential_path, fields=fields, rows=rows)
    report = validate_file(plan, today=TODAY)
    assert [(f.sheet, f.cell, f.code, f.severity) for f in report.findings] == [
        ("Objectifs", "A3", "blank-row", "Information")]
    assert not report.has_errors
