"""Reading plan workbooks: round trip, and every staff edit the reader must tolerate."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from factories import REFERENTIAL_FIELDS, REFERENTIAL_ROWS, full_plan_content, make_plan
from openpyxl.worksheet.table import Table, TableStyleInfo

from coopxl.messages import UnreadableWorkbookError
from coopxl.reader import coerce, parse_date, parse_number, plan_content, read_plan, read_referential
from coopxl.schema import PLAN, Kind
from coopxl.templates import set_text


def findings_table(plan) -> list[tuple[str, str, str]]:
    return [(f.sheet, f.cell, f.code) for f in plan.findings]


def edit(path: Path, change) -> Path:
    """Apply `change(workbook)` with openpyxl, as a user editing in Excel would."""
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def rebuild_table(sheet, name: str, headers: list[str], rows: list[list]) -> None:
    """Rewrite a sheet's table with other headers, column order or rows."""
    sheet.delete_rows(1, sheet.max_row)
    del sheet.tables[name]
    sheet.append(headers)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                set_text(sheet.cell(row=row_number, column=column), value)
            else:
                sheet.cell(row=row_number, column=column, value=value)
    last = openpyxl.utils.get_column_letter(len(headers))
    table = Table(displayName=name, ref=f"A1:{last}{1 + max(len(rows), 1)}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)


def table_values(sheet) -> tuple[list[str], list[list]]:
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return rows[0], rows[1:]


# --- round trip ---------------------------------------------------------------------


def test_round_trip_gives_back_every_value_of_every_column(plan_path: Path) -> None:
    fields, rows = full_plan_content()
    plan = read_plan(plan_path)
    read_fields, read_rows = plan_content(plan)
    assert plan.findings == []
    assert read_fields == {**fields, "template_version": "2"}
    for table in PLAN.tables:
        assert read_rows[table.name] == rows[table.name], table.name


def test_every_value_remembers_its_sheet_and_cell(plan_path: Path) -> None:
    plan = read_plan(plan_path)
    action = plan.actions[0]
    assert (action.origin.sheet, action.origin.row) == ("Actions", 2)
    assert action.origin.cell("number") == "A2"
    assert action.origin.cell("status") == "O2"
    assert action.origin.cell("cost") == "Q2"
    assert plan.field_cells["period_start"] == ("Plan", "B6")
    assert plan.deliberations[0].origin.cell("actes_id") == "R2"


def test_formula_looking_text_stays_text(plan_path: Path) -> None:
    workbook = openpyxl.load_workbook(plan_path)
    cell = workbook["Actions"]["U2"]
    assert cell.value == "=SOMME(A1:A3) reste du texte"
    assert cell.data_type == "s"
    assert read_plan(plan_path).actions[0].comment == "=SOMME(A1:A3) reste du texte"


def test_lists_of_the_hidden_sheet_are_read(plan_path: Path) -> None:
    plan = read_plan(plan_path)
    assert plan.lists["L_StatutAction"] == ["À venir", "En cours", "Réalisée", "Reportée", "Abandonnée"]
    assert plan.lists["L_Financeurs_Code"] == [f["code"] for f in REFERENTIAL_ROWS["T_Financeurs"]]
    assert plan.lists["L_Equipe"] == ["Claire Martin", "Julien Ferrand", "Inès Garnier"]


def test_referential_round_trip(referential_path: Path) -> None:
    referential = read_referential(referential_path)
    assert referential.findings == []
    assert referential.body_siren == REFERENTIAL_FIELDS["body_siren"]
    assert [e.siren for e in referential.epcis] == [e["siren"] for e in REFERENTIAL_ROWS["T_EPCI"]]
    assert referential.epcis[1].councillors == 45
    assert referential.funder_codes == ["LEADER", "REGION", "EPCI", "PARC"]
    assert referential.actes_subjects[0] == "8.4 Aménagement du territoire"


# --- staff edits ----------------------------------------------------------------------


def test_table_grown_by_a_row(plan_path: Path) -> None:
    def grow(workbook):
        sheet = workbook["Actions"]
        for column, value in enumerate(("A1.2", "OS1", "Deuxième action"), start=1):
            sheet.cell(row=3, column=column, value=value)
        sheet.tables["T_Actions"].ref = "A1:U3"

    plan = read_plan(edit(plan_path, grow))
    assert [a.number for a in plan.actions] == ["A1.1", "A1.2"]
    assert plan.actions[1].origin.cell("title") == "C3"
    assert plan.findings == []


def test_table_shrunk_after_rows_deleted(tmp_path: Path, referential_path: Path) -> None:
    fields, rows = full_plan_content()
    rows["T_Actions"] = [dict(rows["T_Actions"][0], number=f"A1.{i}") for i in (1, 2, 3)]
    path = make_plan(tmp_path / "plan.xlsx", referential_path, fields=fields, rows=rows)

    def shrink(workbook):
        workbook["Actions"].delete_rows(3, 2)
        workbook["Actions"].tables["T_Actions"].ref = "A1:U2"

    plan = read_plan(edit(path, shrink))
    assert [a.number for a in plan.actions] == ["A1.1"]
    assert plan.findings == []


def test_columns_reordered_and_a_column_added(plan_path: Path) -> None:
    def reorder(workbook):
        sheet = workbook["Actions"]
        headers, rows = table_values(sheet)
        order = list(reversed(range(len(headers))))
        new_headers = [headers[i] for i in order] + ["Notes internes"]
        rebuild_table(sheet, "T_Actions", new_headers, [[r[i] for i in order] + ["à voir"] for r in rows])

    plan = read_plan(edit(plan_path, reorder))
    assert plan.findings == []
    action = plan.actions[0]
    assert (action.number, action.status, action.cost) == ("A1.1", "En cours", 48500.5)
    assert action.origin.cell("number") == "U2"
    assert action.origin.cell("comment") == "A2"


def test_headers_with_extra_spaces_and_other_case(plan_path: Path) -> None:
    def retitle(workbook):
        sheet = workbook["Actions"]
        headers, rows = table_values(sheet)
        headers[0] = "  n° ACTION "
        headers[14] = "STATUT"
        rebuild_table(sheet, "T_Actions", headers, rows)

    plan = read_plan(edit(plan_path, retitle))
    assert plan.findings == []
    assert (plan.actions[0].number, plan.actions[0].status) == ("A1.1", "En cours")


def test_blank_rows_are_skipped_and_the_one_inside_is_reported(tmp_path: Path, referential_path: Path) -> None:
    fields, rows = full_plan_content()
    action = rows["T_Actions"][0]
    rows["T_Actions"] = [action, {}, dict(action, number="A1.2"), {}, {}]
    plan = read_plan(make_plan(tmp_path / "plan.xlsx", referential_path, fields=fields, rows=rows))
    assert [(a.number, a.origin.row) for a in plan.actions] == [("A1.1", 2), ("A1.2", 4)]
    # The blank row inside the table is worth a word (information); those at the end are not.
    assert [(f.sheet, f.cell, f.code, f.severity) for f in plan.findings] == [
        ("Actions", "A3", "blank-row", "Information")]


def test_dates_and_numbers_typed_as_text_are_read_and_reported(tmp_path: Path, referential_path: Path) -> None:
    fields, rows = full_plan_content()
    action = rows["T_Actions"][0]
    rows["T_Actions"] = [
        dict(action, number="A1.1", start="12/03/2025", end="3 mars 2026", cost="1 200,50 €"),
        dict(action, number="A1.2", start="2025-04-01", end="31/02/2026", cost="beaucoup", parc_days=" 7 "),
    ]
    rows["T_Seances"][0]["number"] = 1.5
    plan = read_plan(make_plan(tmp_path / "plan.xlsx", referential_path, fields=fields, rows=rows))
    first, second = plan.actions
    assert (first.start, first.end, first.cost) == (dt.date(2025, 3, 12), dt.date(2026, 3, 3), 1200.5)
    assert (second.start, second.end, second.cost, second.parc_days) == (dt.date(2025, 4, 1), None, None, 7)
    assert plan.sessions[0].number is None
    assert sorted(findings_table(plan)) == sorted([
        ("Actions", "M2", "text-in-date"), ("Actions", "N2", "text-in-date"),
        ("Actions", "Q2", "text-in-number"), ("Actions", "M3", "text-in-date"),
        ("Actions", "N3", "invalid-date"), ("Actions", "Q3", "invalid-number"),
        ("Actions", "R3", "text-in-number"), ("Séances", "A2", "not-an-integer"),
    ])
    message = next(f.message for f in plan.findings if f.cell == "M2")
    assert message == ("Feuille «\u00a0Actions\u00a0», cellule M2\u00a0: «\u00a012/03/2025\u00a0» est saisi "
                       "comme du texte dans «\u00a0Début\u00a0», qui attend une date. coopxl l'a lu comme "
                       "le 12/03/2025\u202f; ressaisissez-le comme une vraie date (jj/mm/aaaa).")


def test_sheet_renamed_table_still_found(plan_path: Path) -> None:
    plan = read_plan(edit(plan_path, lambda wb: setattr(wb["Actions"], "title", "Actions 2025")))
    assert [a.number for a in plan.actions] == ["A1.1"]
    assert plan.actions[0].origin.sheet == "Actions 2025"
    assert findings_table(plan) == [("Actions 2025", "", "renamed-sheet")]
    assert plan.findings[0].severity == "Avertissement"


def test_table_converted_to_a_range_is_read_from_the_range(plan_path: Path) -> None:
    plan = read_plan(edit(plan_path, lambda wb: wb["Actions"].tables.pop("T_Actions")))
    assert [a.number for a in plan.actions] == ["A1.1"]
    assert findings_table(plan) == [("Actions", "A1", "table-as-range")]


def test_sheet_deleted(plan_path: Path) -> None:
    plan = read_plan(edit(plan_path, lambda wb: wb.remove(wb["Pistes"])))
    assert plan.leads == []
    assert findings_table(plan) == [("Pistes", "", "missing-table")]


def test_row_typed_under_the_table_is_read_and_reported(plan_path: Path) -> None:
    def add_below(workbook):
        workbook["Actions"]["A3"] = "A1.2"
        workbook["Actions"]["C3"] = "Action saisie sous le tableau"

    plan = read_plan(edit(plan_path, add_below))
    assert [a.number for a in plan.actions] == ["A1.1", "A1.2"]
    assert findings_table(plan) == [("Actions", "A3", "row-outside-table")]


def test_missing_column_is_reported_and_the_rest_is_read(plan_path: Path) -> None:
    def drop_status(workbook):
        sheet = workbook["Actions"]
        headers, rows = table_values(sheet)
        index = headers.index("Statut")
        rebuild_table(sheet, "T_Actions", headers[:index] + headers[index + 1:],
                      [r[:index] + r[index + 1:] for r in rows])

    plan = read_plan(edit(plan_path, drop_status))
    assert plan.actions[0].status is None
    assert plan.actions[0].title == "Aménager les haltes de la Dolce Via"
    assert findings_table(plan) == [("Actions", "A1", "missing-column")]
    assert "« Statut »" in plan.findings[0].message.replace("\u00a0", " ")


def test_formula_errors_and_formulas_without_value(plan_path: Path) -> None:
    def break_cells(workbook):
        workbook["Actions"]["Q2"] = "#REF!"
        workbook["Actions"]["R2"] = "=Q2/0"

    plan = read_plan(edit(plan_path, break_cells))
    assert plan.actions[0].cost is None and plan.actions[0].parc_days is None
    assert findings_table(plan) == [("Actions", "Q2", "formula-error"), ("Actions", "R2", "formula-without-value")]
    assert plan.findings[0].value == "#REF!"
    assert plan.findings[1].value == "=Q2/0"


def test_missing_defined_name_is_reported(plan_path: Path) -> None:
    plan = read_plan(edit(plan_path, lambda wb: wb.defined_names.pop("periode_debut")))
    assert plan.period_start is None
    assert findings_table(plan) == [("Plan", "", "missing-defined-name")]


def test_unknown_template_version(plan_path: Path) -> None:
    def set_version(workbook):
        workbook["Plan"]["B11"] = "9"

    plan = read_plan(edit(plan_path, set_version))
    assert findings_table(plan) == [("Plan", "B11", "unknown-template-version")]


# --- files that are not plan workbooks -------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


@pytest.mark.parametrize(("name", "content", "code"), [
    ("vide.xlsx", b"", "empty-file"),
    ("ancien.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy-xls"),
    ("export.xlsx", "N° action;Intitulé\nA1.1;Sentiers\n".encode(), "text-file"),
    ("page.xlsx", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "text-file"),
    ("tronque.xlsx", b"PK\x03\x04" + b"\x00" * 100, "corrupt-file"),
])
def test_files_that_are_not_workbooks_are_refused_in_french(tmp_path: Path, name, content, code) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableWorkbookError) as error:
        read_plan(path)
    assert error.value.code == code
    assert name in str(error.value)


def test_ods_docx_and_unsafe_xml_are_refused(tmp_path: Path, plan_path: Path) -> None:
    ods = _zip(tmp_path / "classeur-ods.xlsx", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    docx = _zip(tmp_path / "lettre.xlsx", {"word/document.xml": b"<w:document/>"})
    with zipfile.ZipFile(plan_path) as source:
        members = {n: source.read(n) for n in source.namelist()}
    sheet = next(n for n in members if n.startswith("xl/worksheets/sheet"))
    members[sheet] = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + members[sheet].split(b"?>", 1)[-1]
    bomb = _zip(tmp_path / "entites.xlsx", members)
    codes = []
    for path in (ods, docx, bomb):
        with pytest.raises(UnreadableWorkbookError) as error:
            read_plan(path)
        codes.append(error.value.code)
    assert codes == ["ods-file", "not-a-workbook", "unsafe-xml"]


def test_encrypted_workbook_is_refused(tmp_path: Path, plan_path: Path) -> None:
    import msoffcrypto  # a test dependency: it makes a real password-protected workbook
    encrypted = tmp_path / "protege.xlsx"
    with plan_path.open("rb") as source, encrypted.open("wb") as target:
        msoffcrypto.OfficeFile(source).encrypt("secret", target)
    with pytest.raises(UnreadableWorkbookError) as error:
        read_plan(encrypted)
    assert error.value.code == "encrypted-file"
    assert "mot de passe" in str(error.value)


def test_other_extensions_and_lock_files(tmp_path: Path, plan_path: Path) -> None:
    macro = tmp_path / "plan.xlsm"
    macro.write_bytes(plan_path.read_bytes())
    lock = tmp_path / "~$plan.xlsx"
    lock.write_bytes(bytes([12]) + b"Marie Dupont" + b"\x00" * 150)
    with pytest.raises(UnreadableWorkbookError) as macro_error:
        read_plan(macro)
    with pytest.raises(UnreadableWorkbookError) as lock_error:
        read_plan(lock)
    assert macro_error.value.code == "wrong-extension"
    assert lock_error.value.code == "lock-file"
    assert "Marie Dupont" in str(lock_error.value)


# --- conversions ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("12/03/2025", dt.date(2025, 3, 12)), ("1/3/25", dt.date(2025, 3, 1)),
    ("12.03.2025", dt.date(2025, 3, 12)), ("2025-03-12", dt.date(2025, 3, 12)),
    ("le 1er mars 2025", dt.date(2025, 3, 1)), ("12 Août 2025", dt.date(2025, 8, 12)),
    ("31/02/2025", None), ("mars", None), ("", None),
])
def test_parse_date(text: str, expected) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("1 200", 1200.0), ("1\u202f200,50\u00a0€", 1200.5), ("12,5 %", 12.5), ("1.200,50", 1200.5),
    ("-3", -3.0), ("3 000 € HT", 3000.0), ("deux", None), ("1,2,3", None),
])
def test_parse_number(text: str, expected) -> None:
    assert parse_number(text) == expected


def test_coerce_cleans_control_characters_and_keeps_codes_as_text() -> None:
    assert coerce("Ligne 1\x0bLigne 2\x01", Kind.TEXT) == ("Ligne 1 Ligne 2", None)
    assert coerce(5.2, Kind.TEXT) == ("5.2", None)
    assert coerce(12.0, Kind.TEXT) == ("12", None)
    assert coerce(" 200 041 465 ", Kind.SIREN) == ("200041465", None)
    assert coerce(dt.datetime(2025, 3, 1, 0, 0), Kind.DATE) == (dt.date(2025, 3, 1), None)
    assert coerce(True, Kind.AMOUNT)[1][0] == "unexpected-value-type"


def test_a_folder_and_a_zip_bomb_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableWorkbookError) as folder:
        read_plan(tmp_path)
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", b"<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b" " * (12 * 1024 * 1024))
    with pytest.raises(UnreadableWorkbookError) as oversized:
        read_plan(bomb)
    assert (folder.value.code, oversized.value.code) == ("not-a-file", "oversized-file")
    assert "taux de compression anormal" in str(oversized.value)


def test_plan_sheet_deleted_is_one_finding(plan_path: Path) -> None:
    def remove_plan_sheet(workbook):
        workbook.remove(workbook["Plan"])
        for named in PLAN.field_sheet.fields:
            workbook.defined_names.pop(named.defined_name)

    plan = read_plan(edit(plan_path, remove_plan_sheet))
    assert findings_table(plan) == [("Plan", "", "missing-sheet")]
    assert [a.number for a in plan.actions] == ["A1.1"]


def test_older_template_version_is_reported(plan_path: Path, monkeypatch) -> None:
    import coopxl.reader

    monkeypatch.setattr(coopxl.reader, "KNOWN_TEMPLATE_VERSIONS", ("0", "1", "2"))
    plan = read_plan(edit(plan_path, lambda wb: wb["Plan"].__setitem__("B11", "0")))
    assert findings_table(plan) == [("Plan", "B11", "older-template-version")]


def test_a_true_false_value_in_an_amount_is_reported(plan_path: Path) -> None:
    plan = read_plan(edit(plan_path, lambda wb: wb["Actions"].__setitem__("Q2", True)))
    assert plan.actions[0].cost is None
    assert findings_table(plan) == [("Actions", "Q2", "unexpected-value-type")]


@pytest.mark.parametrize(("sheet", "cell", "value", "table", "key"), [
    ("Séances", "A2", 2.0, "T_Seances", "number"),  # a whole number in a whole-number column
    ("Séances", "A2", 3, "T_Seances", "number"),
    ("Actions", "Q2", 1200, "T_Actions", "cost"),
    ("Actions", "Q2", 1200.75, "T_Actions", "cost"),
    ("Actions", "M2", dt.datetime(2025, 3, 12, 0, 0), "T_Actions", "start"),
    ("Actions", "R2", 7, "T_Actions", "parc_days"),
])
def test_values_converted_inline_are_what_coerce_gives(plan_path: Path, sheet: str, cell: str, value, table: str,
                                                       key: str) -> None:
    """The reader converts plain numbers and dates of a table without calling `coerce`: same value, same type."""
    from coopxl.schema import PLAN

    plan = read_plan(edit(plan_path, lambda wb: wb[sheet].__setitem__(cell, value)))
    record = (plan.sessions if table == "T_Seances" else plan.actions)[0]
    assert record.origin.cell(key) == cell
    found = getattr(record, key)
    expected, problem = coerce(value, PLAN.table(table).column(key).kind)
    assert (found, type(found)) == (expected, type(expected)) and problem is None
    assert [f for f in plan.findings if f.cell == cell] == []
