"""Bringing plan workbooks of an older template version to the current one (SPEC §10).

Each template change adds one step to `MIGRATIONS`: a function that edits the workbook
package in place (`xlsxpatch`, part by part) from version N to the next, so that every value
staff typed, every formula with its cached result, and whatever else the workbook holds
(notes, images, merged cells…) is kept. Migration refuses a workbook that is not a plan or
is open in Excel, keeps a backup, and writes atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .messages import CoopxlError
from .schema import PLAN, TEMPLATE_VERSION, Column, Table


def _columns_added_in(version: str) -> list[tuple[Table, list[Column]]]:
    return [(table, [c for c in table.columns if c.since == version]) for table in PLAN.tables
            if any(c.since == version for c in table.columns)]


def add_new_columns(package: Any, version: str) -> None:
    """Append to each table the columns the schema added in `version`, after its last column.

    Header cells take the format of the table's last header; the table part gets the new
    `tableColumn`s and its range grows; the sheet gets the columns' widths."""
    from lxml import etree

    from .schema import normalize_header
    from .xlsxpatch import _q, ref_of

    tables = package.tables()
    for table, columns in _columns_added_in(version):
        excel_table = tables.get(table.name)
        if excel_table is None:
            continue
        sheet = excel_table.sheet
        min_col, min_row, max_col, max_row = excel_table.bounds()
        present = {normalize_header(h) for h in excel_table.headers()}
        header_style = sheet.style(ref_of(max_col, min_row))
        table_columns = excel_table.root.find(_q("tableColumns"))
        ids = [int(c.get("id", "0")) for c in table_columns]
        for column in columns:
            if normalize_header(column.header) in present:
                continue
            max_col += 1
            sheet.set_value(ref_of(max_col, min_row), column.header, header_style)
            element = etree.SubElement(table_columns, _q("tableColumn"))
            element.set("id", str(max(ids, default=0) + 1))
            ids.append(max(ids, default=0) + 1)
            element.set("name", column.header)
            _set_width(sheet, max_col, column.display_width)
        table_columns.set("count", str(len(table_columns)))
        package.changed.add(excel_table.part)
        excel_table.set_ref(f"{ref_of(min_col, min_row)}:{ref_of(max_col, max_row)}")


def _set_width(sheet: Any, column: int, width: float) -> None:
    """Give `column` a width unless a `<col>` of the sheet already covers it."""
    from lxml import etree

    from .xlsxpatch import _q

    cols = sheet.root.find(_q("cols"))
    if cols is None:
        cols = etree.Element(_q("cols"))
        sheet.data.addprevious(cols)
    for col in cols:
        if int(col.get("min", "0")) <= column <= int(col.get("max", "0")):
            return
    element = etree.Element(_q("col"))
    for key, value in (("min", column), ("max", column), ("width", width), ("customWidth", 1)):
        element.set(key, str(value))
    later = [c for c in cols if int(c.get("min", "0")) > column]
    if later:
        later[0].addprevious(element)
    else:
        cols.append(element)
    sheet.touch()


def extend_static_lists(package: Any) -> None:
    """Rewrite the static lists of the hidden `Listes` sheet with the schema's values."""
    from .xlsxpatch import ref_of, split_ref

    sheet = package.sheet(PLAN.lists_sheet)
    names = package.defined_names()
    for choice_list in PLAN.lists:
        if choice_list.from_referential is not None or choice_list.name not in names:
            continue
        target = names[choice_list.name].text or ""
        letter = target.split("!")[1].split("$")[1]
        column = split_ref(f"{letter}1")[0]
        for row, value in enumerate(choice_list.values, start=2):
            if sheet.value(ref_of(column, row)) != value:
                sheet.set_value(ref_of(column, row), value, sheet.style(ref_of(column, row)))
        end = 1 + len(choice_list.values)
        wanted = f"'{PLAN.lists_sheet}'!${letter}$2:${letter}${end}"
        if target != wanted:
            names[choice_list.name].text = wanted
            package.changed.add("xl/workbook.xml")


def _to_version_2(workbook: Any) -> None:
    """Version 2: the séance block of T_Deliberations and the feminine forms of « Fonction »."""
    add_new_columns(workbook, "2")
    extend_static_lists(workbook)


MIGRATIONS: dict[str, tuple[str, Callable[[Any], None]]] = {
    "1": ("2", _to_version_2),
}
"""From-version → (to-version, step)."""


@dataclass
class MigrationResult:
    """What `migrate_workbook` did to one file."""

    path: Path
    from_version: str
    to_version: str
    backup: Path | None = None

    @property
    def migrated(self) -> bool:
        return self.backup is not None


def repair_number_formats(package: Any) -> list[str]:
    """Give back their meaning to the number formats a LibreOffice save broke (issue 16).

    Only the format codes of `styles.xml` change, so every cell that used a broken code shows
    its value again as coopxl wrote it. Returns the broken codes repaired."""
    from .formats import is_broken_format, repaired_format
    from .xlsxpatch import _q

    part = package.styles_part()
    formats = package.xml(part).find(_q("numFmts"))
    repaired = []
    for number_format in formats if formats is not None else ():
        code = number_format.get("formatCode", "")
        if is_broken_format(code):
            number_format.set("formatCode", repaired_format(code))
            repaired.append(code)
    if repaired:
        package.changed.add(part)
    return repaired


def migrate_workbook(path: Path, *, current: str | None = None) -> MigrationResult:
    """Migrate one plan workbook to the current template version (a no-op when already there)."""
    from .files import backup, refuse_if_open
    from .reader import read_plan
    from .validation import _is_not_a_plan
    from .xlsxpatch import XlsxPackage

    path = Path(path)
    current = current or TEMPLATE_VERSION
    plan = read_plan(path)
    if _is_not_a_plan(plan):
        raise CoopxlError("not-a-plan", name=path.name)
    version = plan.template_version or ""
    broken_formats = any(f.code == "broken-number-format" for f in plan.findings)  # issue 16
    if version == current and not broken_formats:
        return MigrationResult(path, version, current)
    steps = []
    cursor = version
    while cursor != current:
        if cursor not in MIGRATIONS:
            raise CoopxlError("cannot-migrate", name=path.name, value=version or "(vide)", current=current)
        cursor, step = MIGRATIONS[cursor]
        steps.append(step)
    refuse_if_open(path)
    package = XlsxPackage(path)
    for step in steps:
        step(package)
    if broken_formats:  # issue 16: number formats a LibreOffice save broke
        repair_number_formats(package)
    sheet, cell = plan.field_cells.get("template_version", (PLAN.field_sheet.name, "B11"))
    package.sheet(sheet).set_value(cell, current, package.sheet(sheet).style(cell))
    saved = backup(path)
    package.save()
    return MigrationResult(path, version, current, saved)
