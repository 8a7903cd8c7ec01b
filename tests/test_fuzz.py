"""Random values of every type in every column never crash validation, consolidation or the
documents, and every finding points at a real cell."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import warnings
from pathlib import Path

import openpyxl
from factories import TODAY, make_referential
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopxl.annotate import annotate_workbook
from coopxl.consolidation import consolidate
from coopxl.dashboard import write_dashboard
from coopxl.documents import ensure_templates, generate_documents, render
from coopxl.followup import FICHE_SUIVI, SYNTHESE_SUIVI, followup_context, summary_context
from coopxl.reader import read_plan, read_referential
from coopxl.schema import PLAN
from coopxl.templates import plan_lists, write_workbook
from coopxl.validation import validate_plan
from coopxl.workspace import Workspace

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\t\n"),
               max_size=200)
VALUES = st.one_of(
    st.none(), TEXT, st.sampled_from(["En cours", "Réalisée", "OS1", "A1.1", "12/03/2025", "1 200 €", "-", "=",
                                      "Programme LEADER (FEADER)", "Conseil communautaire", "Adoptée"]),
    st.integers(-10**12, 10**12), st.floats(-1e15, 1e15, allow_nan=False),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)), st.booleans(),
    st.sampled_from(["FORMULA", "ERROR"]),
)
FIELD_VALUES = {named.key: VALUES for named in PLAN.field_sheet.fields if named.key != "template_version"}


@st.composite
def plans(draw):
    fields = draw(st.fixed_dictionaries(FIELD_VALUES))
    rows = {}
    for table in PLAN.tables:
        if table.written_by_coopxl:
            continue
        count = draw(st.integers(0, 3))
        rows[table.name] = [draw(st.fixed_dictionaries({c.key: VALUES for c in table.columns})) for _ in range(count)]
    return fields, rows


def _write(path: Path, referential_path: Path, fields: dict, rows: dict) -> Path:
    """Write the plan, then turn the FORMULA/ERROR markers into real formulas and error values."""
    write_workbook(PLAN, path, fields=fields, rows=rows, lists=plan_lists(read_referential(referential_path)))
    markers = [v for v in fields.values()] + [v for table in rows.values() for row in table for v in row.values()]
    if "FORMULA" not in markers and "ERROR" not in markers:
        return path
    with warnings.catch_warnings():  # openpyxl warns about the fuzzed out-of-range dates it re-reads
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == "FORMULA":
                    cell.value = "=1/0"
                elif cell.value == "ERROR":
                    cell.value = "#REF!"
    workbook.save(path)
    return path


@settings(max_examples=int(os.environ.get("COOPXL_FUZZ_EXAMPLES", "12")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=plans())
def test_random_plans_never_crash(tmp_path_factory, content) -> None:
    fields, rows = content
    root = tmp_path_factory.mktemp("fuzz")
    referential_path = make_referential(root / "referentiel.xlsx")
    (root / "plans").mkdir()
    path = _write(root / "plans" / "plan.xlsx", referential_path, fields, rows)
    plan = read_plan(path)
    referential = read_referential(referential_path)
    findings = validate_plan(plan, referential, today=TODAY)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(path, read_only=True)
    for finding in findings:
        if finding.cell:
            assert finding.sheet in workbook.sheetnames, finding
            column, row = re.fullmatch(r"([A-Z]+)(\d+)", finding.cell).groups()
            assert int(row) <= (workbook[finding.sheet].max_row or 1) + 1, finding
        assert finding.message
    workbook.close()
    write_dashboard(consolidate(Workspace(root), today=TODAY), root / "sorties" / "tdb.xlsx")
    generate_documents(plan, referential, root / "documents", today=TODAY)
    templates = ensure_templates(None, (FICHE_SUIVI, SYNTHESE_SUIVI))
    render(templates[FICHE_SUIVI], followup_context(plan, referential, TODAY), root / "fiche.docx", TODAY)
    render(templates[SYNTHESE_SUIVI], summary_context([plan], referential, TODAY), root / "synthese.docx", TODAY)
    annotate_workbook(path, findings)
    assert read_plan(path).checks or not findings
    shutil.rmtree(root)
