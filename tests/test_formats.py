"""Formats, colours and print layout that survive LibreOffice (issue 16), checked in LibreOffice itself."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from factories import TODAY, make_referential
from libreoffice import (
    convert,
    median_height,
    needs_libreoffice,
    needs_pdftotext,
    page_text,
    pdf_pages,
    resave,
    shown_texts,
)

from coopxl.consolidation import consolidate
from coopxl.dashboard import write_dashboard
from coopxl.formats import is_broken_format, repaired_format
from coopxl.migration import migrate_workbook
from coopxl.reader import read_plan
from coopxl.schema import NUMBER_FORMATS, Kind
from coopxl.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEMPLATES = ROOT / "workbook_templates"
OLD_AMOUNT_FORMAT = '#,##0 "€"'


@pytest.mark.parametrize(("number_format", "broken"), [
    ("#,##0,\\€", True), ("#,##0.00,\\€", True), ('#,##0,"k€"', True),
    (NUMBER_FORMATS[Kind.AMOUNT], False), (OLD_AMOUNT_FORMAT, False), ("#,##0", False), ("#,##0.0", False),
    ('0" %"', False), ("dd/mm/yyyy", False), ("#,##0\\ [$€-40C]", False), ("General", False)])
def test_broken_formats_are_recognised(number_format: str, broken: bool) -> None:
    assert is_broken_format(number_format) is broken


def test_repair_restores_the_schema_formats_only(tmp_path: Path) -> None:
    from coopxl.migration import repair_number_formats
    from coopxl.xlsxpatch import XlsxPackage

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for cell, number_format in (("A1", "#,##0,\\€"), ("A2", "#,##0.0,"), ("A3", "dd/mm/yyyy")):
        sheet[cell] = 120000
        sheet[cell].number_format = number_format
    path = tmp_path / "formats.xlsx"
    workbook.save(path)
    package = XlsxPackage(path)
    assert repair_number_formats(package) == ["#,##0,\\€", "#,##0.0,"]
    package.save()
    sheet = openpyxl.load_workbook(path).active
    assert [sheet[c].number_format for c in ("A1", "A2", "A3")] == [
        NUMBER_FORMATS[Kind.AMOUNT], NUMBER_FORMATS[Kind.NUMBER], "dd/mm/yyyy"]
    assert [sheet[c].value for c in ("A1", "A2")] == [120000] * 2
    assert repaired_format("#,##0,") == "#,##0"


def test_value_hidden_under_a_merge_is_a_warning_and_is_not_read(tmp_path: Path, plan_path: Path) -> None:
    assert openpyxl.load_workbook(plan_path)["Actions"]["D2"].value  # the description, typed before the merge
    # A merge made after typing, keeping the hidden content (as LibreOffice offers to): openpyxl
    # would drop the value, so the merge is added to the sheet's XML directly.
    merged = tmp_path / "fusion.xlsx"
    with zipfile.ZipFile(plan_path) as source, zipfile.ZipFile(merged, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet8.xml":
                assert b"<dataValidations" in data
                data = data.replace(b"<dataValidations", b'<mergeCells count="1"><mergeCell ref="C2:D2"/></mergeCells>'
                                    b"<dataValidations", 1)
            target.writestr(item, data)
    assert "C2:D2" in {str(r) for r in openpyxl.load_workbook(merged)["Actions"].merged_cells.ranges}
    plan = read_plan(merged)
    assert [(f.sheet, f.cell, f.code) for f in plan.findings] == [("Actions", "D2", "value-under-merged-cell")]
    assert "C2" in plan.findings[0].message
    assert plan.actions[0].description is None and plan.actions[0].title


def _formats(path: Path) -> dict[tuple[str, str], str]:
    workbook = openpyxl.load_workbook(path)
    return {(sheet.title, cell.coordinate): cell.number_format for sheet in workbook.worksheets
            for row in sheet.iter_rows() for cell in row if cell.number_format != "General"}


def _contrast(foreground: str, background: str) -> float:
    def luminance(rgb: str) -> float:
        channels = [int(rgb[-6:][i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def example_dashboard(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("territoire") / "exemple"
    shutil.copytree(EXAMPLES, root)
    return write_dashboard(consolidate(Workspace(root), today=TODAY), root / "sorties" / "tableau-de-bord.xlsx")


@needs_libreoffice
def test_formats_and_header_colours_survive_a_libreoffice_save(tmp_path: Path, plan_path: Path,
                                                               example_dashboard: Path) -> None:
    referential = make_referential(tmp_path / "referentiel.xlsx")
    originals = [plan_path, referential, example_dashboard]
    pairs: set[tuple[str, str]] = set()
    for locale in ("fr", "en"):
        for original, saved in zip(originals, resave(originals, tmp_path / locale, tmp_path / "profile", locale)):
            before, after = _formats(original), _formats(saved)
            assert set(before) <= set(after), (locale, original.name)
            pairs |= {(before[key], after[key]) for key in before}
            workbook = openpyxl.load_workbook(saved)
            headers = [workbook["Actions"]["A1"]] if original is plan_path else [workbook["EPCI"]["A1"]] \
                if original is referential else [workbook[name]["A4"] for name in workbook.sheetnames]
            for header in headers:
                font, fill = header.font.color.rgb, header.fill.fgColor.rgb
                assert header.fill.fill_type == "solid" and _contrast(font, fill) >= 7, (locale, header)
    assert {before for before, _ in pairs} >= {NUMBER_FORMATS[k] for k in (Kind.DATE, Kind.AMOUNT, Kind.PERCENT)}
    # What 120 000 looks like under each format, before and after, as LibreOffice shows it.
    probe = openpyxl.Workbook()
    for row, (before, after) in enumerate(sorted(pairs), start=1):
        for column, number_format in ((1, before), (2, after)):
            probe.active.cell(row=row, column=column, value=120000).number_format = number_format
    probe.save(tmp_path / "probe.xlsx")
    for locale in ("fr", "en"):
        (shown,) = shown_texts(tmp_path / "probe.xlsx", tmp_path / f"csv-{locale}", tmp_path / "profile",
                               locale).values()
        assert [(before, after) for before, after in shown if before != after] == [], (locale, sorted(pairs))
        assert len(shown) == len(pairs)


@needs_libreoffice
def test_the_old_amount_format_breaks_in_french_and_migrer_repairs_it(tmp_path: Path, plan_path: Path) -> None:
    """The corruption the issue reported, reproduced: it proves the French locale is applied."""
    workbook = openpyxl.load_workbook(plan_path)
    for row in workbook["Actions"].iter_rows(min_row=2, min_col=17, max_col=17):
        row[0].number_format = OLD_AMOUNT_FORMAT
    workbook.save(plan_path)
    (saved,) = resave([plan_path], tmp_path / "fr", tmp_path / "profile", "fr")
    assert openpyxl.load_workbook(saved)["Actions"]["Q2"].number_format == "#,##0,\\€"
    plan = read_plan(saved)
    assert [(f.sheet, f.cell, f.field, f.code) for f in plan.findings] == [
        ("Actions", "Q2", "Coût total (€ HT)", "broken-number-format")]
    assert "coopxl migrer" in plan.findings[0].message and plan.actions[0].cost == 48500.5
    result = migrate_workbook(saved)
    assert result.backup is not None
    assert openpyxl.load_workbook(saved)["Actions"]["Q2"].number_format == NUMBER_FORMATS[Kind.AMOUNT]
    assert read_plan(saved).findings == []


@needs_libreoffice
@needs_pdftotext
def test_dashboard_and_workbooks_print_readably(tmp_path: Path, example_dashboard: Path) -> None:
    files = [example_dashboard, TEMPLATES / "plan-cooperation.xlsx", TEMPLATES / "referentiel.xlsx"]
    dashboard_pdf, *others = convert(files, "pdf", tmp_path / "pdf", tmp_path / "profile", "fr")
    pages = pdf_pages(dashboard_pdf)
    epcis = [r["epci"] for r in consolidate(Workspace(example_dashboard.parent.parent), today=TODAY).synthesis]
    assert len(epcis) == 13
    for number, words in enumerate(pages, start=1):
        assert median_height(words) >= 7, (number, median_height(words))
        assert "###" not in page_text(words), number
    footers = [_footer(words) for words in pages]
    committee = [words for words, footer in zip(pages, footers) if footer.startswith("Synthèse pour le comité")]
    assert len(committee) == 1, footers
    synthesis = " ".join(page_text(words) for words, footer in zip(pages, footers)
                         if footer.startswith("Synthèse ") and not footer.startswith("Synthèse pour"))
    text = page_text(committee[0])
    for epci in epcis:
        assert epci in synthesis, epci
        assert text.count(epci) >= 2 or _in_chart(epci, text), epci  # in the table and on the chart
    for pdf in others:
        for number, words in enumerate(pdf_pages(pdf), start=1):
            assert median_height(words) >= 7 and "###" not in page_text(words), (pdf.name, number)


def _footer(words: list) -> str:
    """The last line of a page: the sheet's name, then « page X / Y »."""
    bottom = max(word.y for word in words)
    return page_text([word for word in words if word.y >= bottom - 3])


def _in_chart(epci: str, text: str) -> bool:
    """A name the chart wrapped on two lines: its words in a row, twice on the page."""
    return text.count(epci) == 1 and all(text.count(word) >= 2 for word in epci.split())
