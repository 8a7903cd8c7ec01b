"""The templates and new plans: every sheet, table, name and drop-down of SPEC §3, and Excel's look."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from libreoffice import convert, needs_libreoffice

from coopxl.reader import read_plan, read_referential
from coopxl.schema import PLAN, PLAN_EXAMPLES, REFERENTIAL, WorkbookSchema
from coopxl.templates import build_templates
from coopxl.workspace import Workspace, create_plan

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "workbook_templates"


@pytest.fixture
def new_plan(tmp_path: Path, referential_path: Path) -> Path:
    (tmp_path / "referentiel.xlsx").write_bytes(referential_path.read_bytes())
    return create_plan(Workspace(tmp_path), "Val'Eyrieux", referent="Claire Martin", partner="Julien Ferrand")


def validations_by_cell(sheet) -> dict[str, object]:
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            found[cell_range.coord.split(":")[0]] = validation
    return found


def test_spec_section_3_sheet_order_and_table_headers() -> None:
    assert PLAN.sheet_names == ("Lisez-moi", "Plan", "Groupe projet", "Séances", "Interconnaissance",
                                "Pistes", "Objectifs", "Actions", "Financements", "Suivi",
                                "Délibérations", "Contrôles", "Listes")
    assert PLAN.table("T_Financements").headers == (
        "N° action", "Financeur", "Dispositif", "Année", "Montant (€ HT)", "Statut")
    assert PLAN.table("T_Controles").headers == (
        "Sévérité", "Code", "Feuille", "Cellule", "Champ", "Valeur", "Message")
    assert [c.header for c in PLAN.table("T_Actions").columns if c.required] == [
        "N° action", "Objectif", "Intitulé", "Mesure de la charte", "Horizon", "Porteur",
        "Rôle de l'EPCI", "Rôle du Parc", "Début", "Statut"]
    assert [f.defined_name for f in PLAN.field_sheet.fields] == [
        "epci_nom", "epci_siren", "plan_intitule", "periode_debut", "periode_fin", "charte_version",
        "plan_statut", "date_maj", "modele_version"]


@pytest.mark.parametrize("schema", [PLAN, REFERENTIAL], ids=["plan", "referentiel"])
def test_schema_is_consistent_with_the_model(schema: WorkbookSchema) -> None:
    from coopxl.reader import RECORDS, record_fields

    list_names = [c.name for c in schema.lists]
    assert len(list_names) == len(set(list_names))
    for table in schema.tables:
        record_class, _ = RECORDS[schema.title][table.name]
        assert record_fields(record_class) == list(table.keys), table.name
        for column in table.columns:
            assert column.choices is None or column.choices in list_names, (table.name, column.key)
    for named in schema.field_sheet.fields:
        assert named.choices is None or named.choices in list_names


def test_new_plan_has_every_sheet_table_name_and_drop_down(new_plan: Path) -> None:
    workbook = openpyxl.load_workbook(new_plan)
    assert tuple(workbook.sheetnames) == PLAN.sheet_names
    assert workbook["Listes"].sheet_state == "hidden"
    names = workbook.defined_names
    for named in PLAN.field_sheet.fields:
        row = PLAN.field_sheet.row_of(named.key)
        assert names[named.defined_name].attr_text == f"'Plan'!$B${row}"
    for choice_list in PLAN.lists:
        assert names[choice_list.name].attr_text.startswith("'Listes'!$")
    plan_validations = validations_by_cell(workbook["Plan"])
    for named in PLAN.field_sheet.fields:
        if named.choices:
            assert plan_validations[f"B{PLAN.field_sheet.row_of(named.key)}"].formula1 == f"={named.choices}"
    for table in PLAN.tables:
        sheet = workbook[table.sheet]
        assert table.name in sheet.tables
        assert [c.value for c in sheet[1]][: len(table.headers)] == list(table.headers)
        assert sheet.tables[table.name].tableStyleInfo.name == "TableStyleMedium2"
        identifying = {"T_Actions": "D2", "T_Pistes": "C2", "T_Objectifs": "C2"}.get(table.name, "A2")
        assert sheet.freeze_panes == identifying  # N° and Intitulé stay in view
        assert sheet.page_setup.orientation == "landscape" and 75 <= sheet.page_setup.scale <= 100
        assert sheet.print_title_rows == "$1:$1"
        header = sheet["A1"]  # explicit colours: LibreOffice does not draw the table style
        assert (header.font.color.rgb, header.fill.fill_type, header.fill.fgColor.rgb) == (
            "00FFFFFF", "solid", "001F4E79")
        validations = validations_by_cell(sheet)
        for index, column in enumerate(table.columns):
            letter = openpyxl.utils.get_column_letter(index + 1)
            if column.choices and not table.written_by_coopxl:
                validation = validations[f"{letter}2"]
                assert validation.type == "list" and validation.formula1 == f"={column.choices}"
                assert str(validation.sqref) == f"{letter}2:{letter}2000"
                assert validation.showErrorMessage and "Choisissez" in validation.error
                assert validation.showInputMessage and validation.prompt
            if not table.written_by_coopxl:  # one filled example in every column's input message
                example = PLAN_EXAMPLES[table.name][column.key]
                assert validations[f"{letter}2"].prompt.endswith(f"Exemple : {example}"), (table.name, letter)


def test_formats_widths_and_locked_template_version(new_plan: Path) -> None:
    workbook = openpyxl.load_workbook(new_plan)
    actions = workbook["Actions"]
    assert actions["M2"].number_format == "dd/mm/yyyy"
    assert actions["Q2"].number_format == '#,##0" €"'
    assert actions["C2"].alignment.wrap_text
    assert actions.column_dimensions["C"].width == 40
    plan_sheet = workbook["Plan"]
    assert plan_sheet.protection.sheet
    assert plan_sheet["B11"].value == "2" and plan_sheet["B11"].protection.locked
    assert not plan_sheet["B3"].protection.locked
    readme = [c.value for c in workbook["Lisez-moi"]["A"] if c.value]
    for table in PLAN.tables:
        assert any(f"Feuille « {table.sheet} »" == line for line in readme), table.sheet
    assert readme[-1] == "Version du modèle : 2"


def signature(path: Path) -> dict:
    """What a user sees and Excel uses in a workbook: values, formats, tables, names, validations."""
    workbook = openpyxl.load_workbook(path)
    sheets = {}
    for sheet in workbook.worksheets:
        sheets[sheet.title] = {
            "state": sheet.sheet_state, "protected": sheet.protection.sheet,
            "freeze": sheet.freeze_panes, "print_titles": sheet.print_title_rows,
            "cells": [(c.coordinate, c.value, c.number_format, c.data_type)
                      for row in sheet.iter_rows() for c in row if c.value is not None],
            "tables": {n: (sheet.tables[n].ref, sheet.tables[n].tableStyleInfo.name) for n in sheet.tables},
            "validations": sorted((str(v.sqref), v.type, v.formula1, v.formula2, v.prompt, v.error)
                                  for v in sheet.data_validations.dataValidation),
            "widths": {k: d.width for k, d in sheet.column_dimensions.items()},
        }
    return {"sheets": sheets, "names": {n: d.attr_text for n, d in workbook.defined_names.items()}}


def test_committed_templates_are_what_the_builder_writes(tmp_path: Path) -> None:
    referential = read_referential(TEMPLATES / "referentiel.xlsx")
    rebuilt = build_templates(tmp_path, referential)
    for path in rebuilt:
        assert signature(path) == signature(TEMPLATES / path.name), path.name


def test_committed_templates_read_without_findings() -> None:
    assert read_plan(TEMPLATES / "plan-cooperation.xlsx").findings == []
    assert read_referential(TEMPLATES / "referentiel.xlsx").findings == []


@needs_libreoffice
def test_libreoffice_opens_and_converts_templates_and_a_new_plan(tmp_path: Path, new_plan: Path) -> None:
    files = [TEMPLATES / "plan-cooperation.xlsx", TEMPLATES / "referentiel.xlsx", new_plan]
    pdfs = convert(files, "pdf", tmp_path / "pdf", tmp_path / "profile")
    assert all(pdf.read_bytes().startswith(b"%PDF") for pdf in pdfs)


@needs_libreoffice
def test_a_plan_saved_by_libreoffice_reads_the_same(tmp_path: Path, plan_path: Path) -> None:
    from coopxl.reader import plan_content

    (saved,) = convert([plan_path], "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo", tmp_path / "profile")
    from factories import TODAY

    from coopxl.validation import validate_plan

    original, resaved = read_plan(plan_path), read_plan(saved)
    assert resaved.findings == []
    assert plan_content(resaved) == plan_content(original)
    # The workbook LibreOffice saved (shared strings, cached values) validates like openpyxl's own.
    assert [(f.sheet, f.cell, f.code) for f in validate_plan(resaved, today=TODAY)] == [
        (f.sheet, f.cell, f.code) for f in validate_plan(original, today=TODAY)]
