"""Writing into a plan saved by LibreOffice changes nothing but what coopxl means to change.

Each test starts from a plan a user edited (a formula with its cached result, text hidden
under merged cells, the user's own note, a hidden column, a sorted table), saved by
LibreOffice headless, then compares every cell before and after: values, formulas, cached
results (read by calamine, which also sees the text under merged cells), notes, merged
ranges, hidden columns, defined names, tables and drop-down lists.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from factories import TODAY, clean_plan_content, make_plan
from libreoffice import convert, needs_libreoffice

from coopxl.annotate import annotate_workbook
from coopxl.marks import NOTE_AUTHOR as AUTHOR
from coopxl.marks import NOTE_PREFIX, is_coopxl_note, worst
from coopxl.messages import ERROR, INFO, WARNING, finding
from coopxl.model import Finding
from coopxl.reader import read_plan
from coopxl.validation import validate_file

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]
DATA = Path(__file__).parent / "data"
USER_NOTE = ("Marie Faure", "À vérifier avec le DGS avant la séance.")


def _merge_with_hidden_text(path: Path, sheet_title: str, anchor: str, hidden: str) -> None:
    """Merge two cells that both hold text (openpyxl would drop the second one)."""
    workbook = openpyxl.load_workbook(path)
    index = workbook.sheetnames.index(sheet_title) + 1
    workbook[sheet_title][anchor] = "Note de l'EPCI"
    workbook[sheet_title][hidden] = "texte caché sous la fusion"
    workbook.save(path)
    with zipfile.ZipFile(path) as package:
        members = {info.filename: package.read(info.filename) for info in package.infolist()}
    part = f"xl/worksheets/sheet{index}.xml"
    xml = members[part].decode()
    merge = f'<mergeCells count="1"><mergeCell ref="{anchor}:{hidden}"/></mergeCells>'
    if "<mergeCells" in xml:
        xml = re.sub(r'<mergeCells count="(\d+)">', lambda m: f'<mergeCells count="{int(m.group(1)) + 1}">'
                     f'<mergeCell ref="{anchor}:{hidden}"/>', xml, count=1)
    else:
        position = min((xml.find(tag) for tag in ("<phoneticPr", "<conditionalFormatting", "<dataValidations",
                                                    "<hyperlinks", "<printOptions", "<pageMargins")
                        if xml.find(tag) >= 0), default=xml.find("</worksheet>"))
        xml = xml[:position] + merge + xml[position:]
    members[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)


def user_edits(path: Path, formula_cell: str = "Q2") -> None:
    """What a user does in the workbook before saving it in LibreOffice."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.worksheet.filters import SortCondition, SortState

    workbook = openpyxl.load_workbook(path)
    actions = workbook["Actions"]
    actions[formula_cell] = "=12000+8000"
    chart = BarChart()
    chart.add_data(Reference(actions, min_col=17, min_row=1, max_row=3), titles_from_data=True)
    workbook["Lisez-moi"].add_chart(chart, "K2")
    actions["O3"].comment = Comment(USER_NOTE[1], USER_NOTE[0])
    actions.column_dimensions["R"].hidden = True
    table = actions.tables["T_Actions"]
    first, last = table.ref.split(":")
    table.sortState = SortState(ref=f"A2:{last}", sortCondition=[SortCondition(ref=f"A2:A{last[1:]}")])
    workbook.save(path)
    _merge_with_hidden_text(path, "Lisez-moi", "H2", "I2")


def libreoffice_save(path: Path, tmp_path: Path) -> Path:
    """The workbook after LibreOffice opened and saved it (xlsx → xlsx)."""
    converted = convert([path], "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo", tmp_path / "lo-profile")[0]
    target = path.parent / f"{path.stem}.xlsx"
    shutil.copyfile(converted, target)
    return target


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def snapshot(path: Path) -> dict:
    """Everything a user sees in the workbook, except the Contrôles sheet and the cell fills."""
    from python_calamine import CalamineWorkbook

    formulas = openpyxl.load_workbook(path)
    cached = CalamineWorkbook.from_path(str(path))
    state: dict = {"sheets": formulas.sheetnames, "names": sorted(
        (name, formulas.defined_names[name].attr_text) for name in formulas.defined_names)}
    for sheet in formulas.worksheets:
        if sheet.title == "Contrôles":
            continue
        state[sheet.title] = {
            "formulas": {c.coordinate: c.value for row in sheet.iter_rows() for c in row if c.value is not None},
            "cached": [list(r) for r in cached.get_sheet_by_name(sheet.title).to_python(skip_empty_area=False)],
            "notes": {c.coordinate: (c.comment.author, c.comment.text) for row in sheet.iter_rows() for c in row
                      if c.comment is not None and not is_coopxl_note(c.comment.author, c.comment.text)},
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "hidden": sorted(k for k, d in sheet.column_dimensions.items() if d.hidden),
            "tables": sorted((n, sheet.tables[n].ref) for n in sheet.tables),
            "validations": sorted((str(v.sqref), v.formula1) for v in sheet.data_validations.dataValidation),
            "state": sheet.sheet_state,
        }
    return state


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan with one error (under the user's note), edited by a user and saved by LibreOffice."""
    from factories import make_referential

    folder = tmp_path_factory.mktemp("lossless")
    referential = make_referential(folder / "referentiel.xlsx")
    fields, rows = clean_plan_content()
    rows["T_Actions"][1]["status"] = "En cour"
    source = make_plan(folder / "source" / "plan.xlsx", referential, fields=fields, rows=rows)
    user_edits(source)
    return libreoffice_save(source, folder)


@pytest.fixture
def plan(saved_by_libreoffice: Path, tmp_path: Path) -> Path:
    target = tmp_path / "plans" / "plan.xlsx"
    target.parent.mkdir()
    shutil.copyfile(saved_by_libreoffice, target)
    return target


def test_the_libreoffice_plan_has_what_openpyxl_would_lose(plan: Path) -> None:
    before = snapshot(plan)
    assert before["Actions"]["formulas"]["Q2"] == "=12000+8000"
    row = before["Actions"]["cached"][1]
    assert 20000 in row  # the cached result of the formula
    assert before["Lisez-moi"]["cached"][1][8] == "texte caché sous la fusion"
    assert before["Actions"]["notes"]["O3"][1] == USER_NOTE[1]  # LibreOffice drops the author
    assert "R" in before["Actions"]["hidden"]
    # What an openpyxl round trip (coopxl 0.1's way of annotating) would lose:
    rewritten = plan.with_name("openpyxl.xlsx")
    openpyxl.load_workbook(plan).save(rewritten)
    after = snapshot(rewritten)
    assert 20000 not in after["Actions"]["cached"][1]
    assert after["Lisez-moi"]["cached"][1][8:9] != ["texte caché sous la fusion"]


def test_annotation_changes_only_contrôles_fills_and_coopxl_notes(plan: Path, tmp_path: Path) -> None:
    before = snapshot(plan)
    report = validate_file(plan, today=TODAY)
    assert [(f.sheet, f.cell, f.code) for f in report.findings] == [("Actions", "O3", "invalid-choice")]
    backup = annotate_workbook(plan, report.findings + [
        Finding("funding-mismatch", WARNING, "Un avertissement pour la démonstration.", str(plan), "Plan", "B5")])

    assert backup is not None and backup.parent.name == "sauvegardes"
    assert snapshot(plan) == before
    # At the package level: every part is still there, and all but the ones coopxl edits are
    # the same bytes (images, charts, threaded comments, printer settings… ride along).
    old, new = members(backup), members(plan)
    assert set(old) <= set(new)
    edited = {name for name in old if old[name] != new[name]}
    assert edited <= {"[Content_Types].xml", "xl/styles.xml", *(n for n in old if re.search(
        r"^xl/(worksheets/(_rels/)?sheet\d+\.xml(\.rels)?|tables/table\d+\.xml|comments\d*\.xml|"
        r"drawings/vmlDrawing\d+\.vml)$", n))}
    assert {"xl/sharedStrings.xml", "xl/workbook.xml", "docProps/app.xml"} <= set(old) - edited
    assert [n for n in old if n.startswith("xl/charts/chart")] and not [n for n in edited if "chart" in n]
    # Three sheets change: Contrôles, and the two with a highlighted cell (Actions, Plan).
    assert len([n for n in edited if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]) == 3
    workbook = openpyxl.load_workbook(plan)
    assert workbook["Actions"]["O3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert workbook["Actions"]["O3"].comment.text == USER_NOTE[1]
    note = workbook["Plan"]["B5"].comment
    assert note.author == AUTHOR and note.text.startswith(NOTE_PREFIX) and "funding-mismatch" in note.text
    assert workbook["Plan"]["B5"].fill.fgColor.rgb.endswith("FFEB9C")
    rows = [r for r in workbook["Contrôles"].iter_rows(min_row=2, values_only=True)]
    assert [(r[1], r[2], r[3]) for r in rows] == [("invalid-choice", "Actions", "O3"),
                                                  ("funding-mismatch", "Plan", "B5")]
    # The same report again: nothing to change, the file is not rewritten.
    annotated = plan.read_bytes()
    assert annotate_workbook(plan, report.findings + [
        Finding("funding-mismatch", WARNING, "Un avertissement pour la démonstration.", str(plan), "Plan", "B5"),
    ]) is None
    assert plan.read_bytes() == annotated
    # LibreOffice opens the annotated file and sees the same notes and values.
    reopened = libreoffice_save(plan, tmp_path / "again")
    assert snapshot(reopened)["Actions"] == before["Actions"]

    # A second run with no finding takes everything back but the user's note.
    annotate_workbook(plan, [])
    workbook = openpyxl.load_workbook(plan)
    assert workbook["Plan"]["B5"].comment is None
    assert workbook["Actions"]["O3"].fill.fill_type is None
    assert workbook["Plan"]["B5"].fill.fgColor.rgb.endswith("FFF2CC")
    assert list(workbook["Contrôles"].iter_rows(min_row=2, values_only=True)) == []
    assert snapshot(plan) == before
    # … and a third one has nothing to write: the file is not touched.
    untouched = plan.read_bytes()
    assert annotate_workbook(plan, []) is None
    assert plan.read_bytes() == untouched


def test_a_cell_takes_the_colour_of_its_worst_finding() -> None:
    error = Finding("invalid-choice", ERROR, "…", sheet="Actions", cell="O3")
    warning = Finding("funding-mismatch", WARNING, "…", sheet="Actions", cell="O3")
    information = finding("blank-row", sheet="Actions", cell="A5", table="T_Actions")
    assert worst([warning, error]) == ERROR
    assert worst([error, warning]) == ERROR
    assert worst([information, warning]) == WARNING
    assert worst([information]) == INFO


def test_two_plans_with_the_same_name_never_mix(tmp_path: Path, referential_path: Path) -> None:
    from factories import make_plan as build

    from coopxl.cli import main

    fields, rows = clean_plan_content()
    rows["T_Actions"][1]["status"] = "En cour"
    faulty = build(tmp_path / "a" / "plan.xlsx", referential_path, fields=fields, rows=rows)
    clean = build(tmp_path / "b" / "plan.xlsx", referential_path, fields=clean_plan_content()[0],
                  rows=clean_plan_content()[1])
    clean_bytes = clean.read_bytes()
    report = validate_file(faulty, today=TODAY)
    report.extend(validate_file(clean, today=TODAY))
    assert [(Path(f.file).parent.name, f.code) for f in report.findings] == [("a", "invalid-choice")]
    assert report.for_file(clean) == []

    status = main(["valider", str(faulty), str(clean), "--annoter", "--date", TODAY.isoformat()])
    assert status == 1
    assert [c.code for c in read_plan(faulty).checks] == ["invalid-choice"]
    assert read_plan(clean).checks == []
    assert clean.read_bytes() == clean_bytes
    assert not (clean.parent / "sauvegardes").exists()


def _without(state: dict, sheets: tuple[str, ...]) -> dict:
    return {key: value for key, value in state.items() if key not in sheets}


def _kept(before: dict, after: dict, skip: set[str] = frozenset()) -> None:
    """Every cell of `before` is in `after` with the same formula and cached value."""
    assert {k: v for k, v in before["formulas"].items() if k not in skip} == {
        k: v for k, v in after["formulas"].items() if k in before["formulas"] and k not in skip}
    for row_before, row_after in zip(before["cached"], after["cached"]):
        assert row_before == row_after[:len(row_before)] or skip
    assert (before["notes"], before["merged"], before["hidden"]) == (after["notes"], after["merged"], after["hidden"])


def test_preparing_a_review_adds_rows_and_changes_nothing_else(plan: Path) -> None:
    from coopxl.followup import prepare_review

    before = snapshot(plan)
    meeting = dt.date(2026, 12, 3)
    saved, count = prepare_review(plan, meeting)

    assert saved is not None and count == 1  # A1.1 is « Réalisée »
    after = snapshot(plan)
    assert _without(after, ("Suivi", "Séances")) == _without(before, ("Suivi", "Séances"))
    for title in ("Suivi", "Séances"):
        _kept(before[title], after[title])
    reviews = [r for r in read_plan(plan).reviews if r.date == meeting]
    assert [(r.action, r.status) for r in reviews] == [("A2.1", "En cour")]
    assert [(s.kind, s.date) for s in read_plan(plan).sessions][-1] == ("Suivi semestriel", meeting)
    # Prepared twice: nothing more to add, the file is left as it is.
    untouched = plan.read_bytes()
    assert prepare_review(plan, meeting) == (None, 0)
    assert plan.read_bytes() == untouched


def test_migrating_a_version_1_plan_saved_by_libreoffice_keeps_everything(tmp_path: Path) -> None:
    from coopxl.migration import migrate_workbook
    from coopxl.schema import PLAN, TEMPLATE_VERSION

    source = tmp_path / "source" / "plan-v1.xlsx"
    source.parent.mkdir()
    shutil.copyfile(DATA / "plan-modele-v1.xlsx", source)
    user_edits(source)
    plan = libreoffice_save(source, tmp_path)
    before = snapshot(plan)

    result = migrate_workbook(plan)

    assert (result.from_version, result.to_version, result.migrated) == ("1", TEMPLATE_VERSION, True)
    after = snapshot(plan)
    changed = ("Délibérations", "Listes", "Plan", "names")
    assert _without(after, changed) == _without(before, changed)
    _kept(before["Plan"], after["Plan"], skip={"B11"})
    assert after["Plan"]["formulas"]["B11"] == TEMPLATE_VERSION
    _kept(before["Délibérations"], after["Délibérations"])
    new_headers = [c.header for c in PLAN.table("T_Deliberations").columns if c.since == "2"]
    workbook = openpyxl.load_workbook(plan)
    table = workbook["Délibérations"].tables["T_Deliberations"]
    assert [c.name for c in table.tableColumns][-len(new_headers):] == new_headers
    wanted = next(c for c in PLAN.lists if c.name == "L_Fonction").values
    target = workbook.defined_names["L_Fonction"].attr_text
    assert target.endswith(f"${1 + len(wanted)}")
    sheet_name, cells = target.split("!")
    assert [c.value for (c,) in workbook[sheet_name.strip("'")][cells.replace("$", "")]] == list(wanted)
    assert validate_file(plan, today=TODAY).plans == [str(plan)]
    stale = ("missing-column", "older-template-version")
    assert not [f for f in validate_file(plan, today=TODAY).findings if f.code in stale]


def test_a_package_coopxl_cannot_patch_is_refused_before_writing(tmp_path: Path, referential_path: Path) -> None:
    from coopxl.messages import CoopxlError

    plan = make_plan(tmp_path / "plan.xlsx", referential_path, fields=clean_plan_content()[0],
                     rows=clean_plan_content()[1])
    with zipfile.ZipFile(plan) as package:
        members = {info.filename: package.read(info.filename) for info in package.infolist()}
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main")
    with zipfile.ZipFile(plan, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    original = plan.read_bytes()
    error_finding = Finding("invalid-choice", ERROR, "…", str(plan), "Plan", "B9")
    with pytest.raises(CoopxlError) as error:
        annotate_workbook(plan, [error_finding])
    assert error.value.code == "cannot-patch"
    assert "rien écrit" in error.value.message
    assert plan.read_bytes() == original and not (plan.parent / "sauvegardes").exists()


def add_part(plan: Path, parts: dict[str, bytes], name: str, data: bytes, rels: str, relationship: bytes,
             content_type: bytes) -> None:
    """Rewrite `plan` with one more part, as Excel would add it: data, relationship, content type."""
    parts[name] = data
    parts[rels] = parts[rels].replace(b"</Relationships>", relationship + b"</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/' + name.encode() + b'" ContentType="' + content_type + b'"/></Types>')
    with zipfile.ZipFile(plan, "w", zipfile.ZIP_DEFLATED) as package:
        for part, content in parts.items():
            package.writestr(part, content)


THREADED = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" '
            b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<threadedComment ref="C2" dT="2026-11-20T10:00:00.00" personId="{6A3C1E2B-0000-4000-8000-000000000001}" '
            b'id="{0F1E2D3C-0000-4000-8000-000000000002}"><text>Le DGS confirme le budget.</text>'
            b'</threadedComment></ThreadedComments>')


def test_threaded_comments_of_users_ride_along(tmp_path: Path, referential_path: Path) -> None:
    """A threaded comment (Excel 365) lives in parts coopxl never rewrites."""
    fields, rows = clean_plan_content()
    rows["T_Actions"][1]["status"] = "En cour"
    plan = make_plan(tmp_path / "plan.xlsx", referential_path, fields=fields, rows=rows)
    parts = members(plan)
    workbook = openpyxl.load_workbook(plan)
    sheet_part = f"xl/worksheets/sheet{workbook.sheetnames.index('Actions') + 1}.xml"
    rels = f"xl/worksheets/_rels/{sheet_part.rsplit('/', 1)[1]}.rels"
    add_part(plan, parts, "xl/threadedComments/threadedComment1.xml", THREADED, rels,
             b'<Relationship Id="rIdTC1" Type="http://schemas.microsoft.com/office/2017/10/relationships/'
             b'threadedComment" Target="../threadedComments/threadedComment1.xml"/>',
             b"application/vnd.ms-excel.threadedcomments+xml")

    report = validate_file(plan, today=TODAY)
    assert [f.code for f in report.findings] == ["invalid-choice"]
    annotate_workbook(plan, report.findings)

    after = members(plan)
    assert after["xl/threadedComments/threadedComment1.xml"] == THREADED
    assert b"threadedComment1.xml" in after[rels] and b"threadedcomments+xml" in after["[Content_Types].xml"]
    assert openpyxl.load_workbook(plan)["Actions"]["O3"].comment.author == AUTHOR


def test_overwriting_a_formula_leaves_out_the_calculation_chain(tmp_path: Path, referential_path: Path) -> None:
    """Excel lists formula cells in calcChain.xml; a stale entry makes it « repair » the file."""
    plan = make_plan(tmp_path / "plan.xlsx", referential_path, fields=clean_plan_content()[0],
                     rows=clean_plan_content()[1])
    workbook = openpyxl.load_workbook(plan)
    workbook["Contrôles"]["G2"] = "=1+1"  # typed by hand where coopxl writes its rows
    workbook.save(plan)
    index = workbook.sheetnames.index("Contrôles") + 1
    parts = members(plan)
    chain = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain '
             b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             + f'<c r="G2" i="{index}"/>'.encode() + b"</calcChain>")
    add_part(plan, parts, "xl/calcChain.xml", chain, "xl/_rels/workbook.xml.rels",
             b'<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             b'relationships/calcChain" Target="calcChain.xml"/>',
             b"application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml")

    annotate_workbook(plan, [Finding("invalid-choice", ERROR, "Un message.", str(plan), "Plan", "B9")])

    after = members(plan)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["xl/_rels/workbook.xml.rels"] + after["[Content_Types].xml"]
    assert openpyxl.load_workbook(plan)["Contrôles"]["G2"].value == "Un message."
