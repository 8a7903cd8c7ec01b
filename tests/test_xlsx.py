"""The package reader of `coopxl.xlsx`: what it finds without an XML parser matches what a
parser finds, on the files Excel, LibreOffice and odd producers write."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopxl import xlsx
from coopxl.guard import check_workbook_file
from coopxl.messages import UnreadableWorkbookError
from coopxl.reader import read_plan

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def parsed_index(parts: dict[str, bytes]) -> tuple[dict[str, str], set[str], dict[str, tuple[str, str]]]:
    """The same index, read with ElementTree (what xlsx.py did before, at 3 ms a plan)."""
    workbook = ElementTree.fromstring(parts["xl/workbook.xml"])
    rels = ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {}
    for rel in rels.iter(f"{PKG}Relationship"):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target[1:] if target.startswith("/") else "xl/" + target
    sheets, hidden = {}, set()
    for sheet in workbook.iter(f"{MAIN}sheet"):
        sheets[sheet.get("name", "")] = targets.get(sheet.get(f"{REL}id"), "")
        if sheet.get("state") in ("hidden", "veryHidden"):
            hidden.add(sheet.get("name", ""))
    defined = {}
    for element in workbook.iter(f"{MAIN}definedName"):
        name = element.get("name", "")
        if element.get("localSheetId") is None and not name.startswith("_xlnm."):
            reference = xlsx._parse_reference(element.text or "")
            if reference:
                defined[name] = reference
    return sheets, hidden, defined


def test_index_of_the_shipped_files_matches_an_xml_parser() -> None:
    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "examples").rglob("*.xlsx")) + sorted((root / "workbook_templates").glob("*.xlsx"))
    assert len(files) >= 14
    for path in files:
        parts = check_workbook_file(path).parts
        assert xlsx._read_package_index(parts) == parsed_index(parts), path.name


def test_odd_sheet_names_hidden_sheets_and_names(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Actions & suivi d'été"
    first["A1"] = "x"
    hidden = book.create_sheet("Listes <cachées>")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "Oui"
    book.defined_names["L_Oui"] = openpyxl.workbook.defined_name.DefinedName(
        "L_Oui", attr_text="'Listes <cachées>'!$A$1:$A$3")
    book.defined_names["Cellule"] = openpyxl.workbook.defined_name.DefinedName(
        "Cellule", attr_text="'Actions & suivi d''été'!$B$2")
    path = tmp_path / "noms.xlsx"
    book.save(path)
    parts = check_workbook_file(path).parts
    sheets, hidden_sheets, defined = xlsx._read_package_index(parts)
    assert (sheets, hidden_sheets, defined) == parsed_index(parts)
    assert list(sheets) == ["Actions & suivi d'été", "Listes <cachées>"]
    assert hidden_sheets == {"Listes <cachées>"}
    assert defined == {"L_Oui": ("Listes <cachées>", "A1:A3"), "Cellule": ("Actions & suivi d'été", "B2")}


def test_prefixed_namespaces_and_single_quoted_attributes() -> None:
    workbook = (b"<?xml version='1.0'?><x:workbook xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'"
                b" xmlns:rel='http://schemas.openxmlformats.org/officeDocument/2006/relationships'><x:sheets>"
                b"<x:sheet name='Plan' sheetId='1' rel:id='rId1'/>"
                b"<x:sheet name=\"Suivi &amp; bilan\" sheetId=\"2\" state=\"veryHidden\" rel:id=\"rId2\"/>"
                b"</x:sheets><x:definedNames>"
                b"<x:definedName name='EPCI_Nom'>Plan!$B$3</x:definedName>"
                b"<x:definedName name='_xlnm.Print_Area' localSheetId='0'>Plan!$A$1:$C$9</x:definedName>"
                b"<x:definedName name='Local' localSheetId='1'>Plan!$A$1</x:definedName>"
                b"<x:definedName name='Vide'/>"
                b"<x:definedName name='Donnees'><![CDATA['Suivi & bilan'!$A$1:$A$4]]></x:definedName>"
                b"<!-- <x:sheet name='Ancienne' sheetId='9' rel:id='rId9'/> -->"
                b"</x:definedNames></x:workbook>")
    rels = (b"<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
            b"<Relationship Id='rId1' Type='http://x/worksheet' Target='worksheets/sheet1.xml'/>"
            b"<Relationship Target='/xl/worksheets/sheet2.xml' Id='rId2' Type='http://x/worksheet'/>"
            b"</Relationships>")
    parts = {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels}
    assert xlsx._read_package_index(parts) == (
        {"Plan": "xl/worksheets/sheet1.xml", "Suivi & bilan": "xl/worksheets/sheet2.xml"},
        {"Suivi & bilan"}, {"EPCI_Nom": ("Plan", "B3"), "Donnees": ("Suivi & bilan", "A1:A4")})
    assert xlsx._read_package_index(parts) == parsed_index(parts)


def cells_flagged_one_by_one(data: bytes) -> dict[tuple[str, str], tuple[str, str]]:
    """Every cell looked at, as the scan did before it jumped to the hits."""
    flags: dict[tuple[str, str], tuple[str, str]] = {}
    for match in xlsx._CELL_RE.finditer(data):
        attributes = dict(xlsx._ATTR_RE.findall(match.group(1)))
        inner = match.group(2) or b""
        ref = attributes.get(b"r", b"").decode()
        value = xlsx._VALUE_RE.search(inner)
        if attributes.get(b"t") == b"e":
            flags[("s", ref)] = ("error", xlsx._xml_text(value.group(1)) if value else "#N/A")
        elif (formula := xlsx._FORMULA_RE.search(inner)) and not (value and value.group(1)):
            text = xlsx._xml_text(formula.group(1) or b"")
            flags[("s", ref)] = ("no-value", "=" + text if text else "formule partagée")
    return flags


@pytest.mark.parametrize("data, expected", [
    (b'<worksheet><sheetData><row r="1"><c r="A1" t="e"><v>#REF!</v></c><c r="B1"><f>A1*2</f></c>'
     b'<c r="C1"><f>1+1</f><v>2</v></c><c r="D1" t="e"/><c r="E1"><f t="shared" si="0"/></c></row></sheetData>'
     b'<dataValidations><dataValidation><formula1>$A$1</formula1></dataValidation></dataValidations>'
     b'<extLst><x14:dataValidation><x14:formula1><xm:f>Listes!A1</xm:f></x14:formula1></x14:dataValidation>'
     b'</extLst></worksheet>',
     {"A1": ("error", "#REF!"), "B1": ("no-value", "=A1*2"), "D1": ("error", "#N/A"),
      "E1": ("no-value", "formule partagée")}),
    (b'<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1" t="e"><x:v>#N/A</x:v></x:c>'
     b'<x:c r="B1"><x:f>A1&amp;"x"</x:f><x:v></x:v></x:c><x:c r="C1" s="2"><x:v>3</x:v></x:c></x:row>'
     b'</x:sheetData></x:worksheet>',
     {"A1": ("error", "#N/A"), "B1": ("no-value", '=A1&"x"')}),
    (b'<worksheet><sheetData><row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="3"><f>SUM(A1:A3)</f>'
     b'<v></v></c></row><row r="2"><c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData></worksheet>',
     {"B1": ("no-value", "=SUM(A1:A3)"), "A2": ("error", "#DIV/0!")}),
    (b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
     b'<extLst><xm:f>Listes!$A$1</xm:f></extLst></worksheet>', {}),
])
def test_flagged_cells_are_those_of_a_cell_by_cell_scan(data: bytes, expected: dict[str, tuple[str, str]]) -> None:
    flags: dict[tuple[str, str], tuple[str, str]] = {}
    xlsx._scan_flags("s", data, flags)
    assert flags == {("s", cell): flag for cell, flag in expected.items()}
    assert flags == cells_flagged_one_by_one(data)


def test_shipped_plans_have_no_flag_and_their_formulas_in_validations_are_ignored() -> None:
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "examples" / "plans").glob("*.xlsx")):
        parts = check_workbook_file(path).parts
        sheets, _, _ = xlsx._read_package_index(parts)
        for sheet, member in sheets.items():
            flags: dict[tuple[str, str], tuple[str, str]] = {}
            xlsx._scan_flags(sheet, parts[member], flags)
            assert flags == {}, (path.name, sheet)
        assert read_plan(path).actions


def test_character_references_in_names_and_headers_are_decoded(tmp_path: Path) -> None:
    """Some producers write « S&#233;ances » for « Séances »: the plan reads the same."""
    import re
    import zipfile

    source = Path(__file__).resolve().parent.parent / "examples" / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    target = tmp_path / "references.xlsx"

    def referenced(data: bytes) -> bytes:
        text = data.decode("utf-8")
        # every non-ASCII character inside an attribute value, as a character reference
        return re.sub(r'="([^"]*)"', lambda m: '="' + "".join(
            c if ord(c) < 128 else (f"&#{ord(c)};" if ord(c) % 2 else f"&#x{ord(c):X};") for c in m.group(1)) + '"',
            text).encode("utf-8")

    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename == "xl/workbook.xml" or info.filename.startswith("xl/tables/"):
                data = referenced(data)
            out.writestr(info, data)
    assert b"&#" in zipfile.ZipFile(target).read("xl/workbook.xml")
    expected, found = read_plan(source), read_plan(target)
    assert found.table_sheets == expected.table_sheets
    assert [f.code for f in found.findings] == [f.code for f in expected.findings]
    assert [a.title for a in found.actions] == [a.title for a in expected.actions]
    assert found.sessions and [s.date for s in found.sessions] == [s.date for s in expected.sessions]


def _sheet_with(cells: list[tuple[int, int]]) -> bytes:
    rows = "".join(f'<row r="{row}"><c r="{xlsx.column_letter(column)}{row}"><v>1</v></c></row>'
                   for column, row in sorted(cells, key=lambda cell: cell[1]))
    return f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()


def _refused(data: bytes) -> bool:
    """What the extent check says when every cell is looked at (the check before its quick test)."""
    rows = max(int(row) for row in xlsx._ROW_OF_CELL_RE.findall(data))
    letters = max(set(xlsx._COLUMN_OF_CELL_RE.findall(data)), key=lambda text: (len(text), text))
    return rows * (xlsx.column_index(letters.decode()) + 1) > xlsx.MAX_SHEET_CELLS


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 16_383), st.integers(1, 1_048_576)), min_size=1, max_size=4))
def test_the_quick_extent_test_never_lets_a_too_large_sheet_through(cells: list[tuple[int, int]]) -> None:
    data = _sheet_with(cells)
    try:
        xlsx._check_extent("plan.xlsx", "Actions", data)
    except UnreadableWorkbookError as error:
        assert error.code == "sheet-too-large" and _refused(data)
    else:
        assert not _refused(data)


@pytest.mark.parametrize(("cells", "refused"), [
    ([(0, 9_999), (199, 1)], False),  # A9999 and GR1: 9,999 × 200 cells, just under the limit
    ([(0, 9_999), (200, 1)], True),  # … and GS1: over it
    ([(0, 10_001), (199, 1)], True),
    ([(22, 400)], False),
])
def test_the_extent_limit_around_its_quick_test(cells: list[tuple[int, int]], refused: bool) -> None:
    data = _sheet_with(cells)
    assert _refused(data) == refused
    if refused:
        with pytest.raises(UnreadableWorkbookError):
            xlsx._check_extent("plan.xlsx", "Actions", data)
    else:
        xlsx._check_extent("plan.xlsx", "Actions", data)


def test_the_outline_of_each_example_plan_is_what_reading_it_gives() -> None:
    from coopxl.reader import read_outline

    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "examples" / "plans").glob("*.xlsx")):
        plan, outline = read_plan(path), read_outline(path)
        assert (outline.epci_name, outline.epci_siren, outline.updated_on, outline.period_start,
                outline.period_end) == (plan.epci_name, plan.epci_siren, plan.updated_on, plan.period_start,
                                        plan.period_end), path.name
        assert outline.rows["T_Actions"] >= len(plan.actions) and outline.rows["T_Financements"] >= len(plan.fundings)
