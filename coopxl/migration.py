"""Bringing plan workbooks of an older template version to the current one (SPEC §10).

Each template change adds one step to `MIGRATIONS`: a function that edits the workbook in
place (openpyxl) from version N to the next, so that every value staff typed is kept.
Migration keeps a backup, refuses a workbook open in Excel, and writes atomically.
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


def add_new_columns(workbook: Any, version: str) -> None:
    """Append to each table the columns the schema added in `version`, after its last column."""
    from openpyxl.utils import get_column_letter, range_boundaries

    for table, columns in _columns_added_in(version):
        for sheet in workbook.worksheets:
            if table.name in sheet.tables:
                break
        else:
            continue
        excel_table = sheet.tables[table.name]
        min_col, min_row, max_col, max_row = range_boundaries(excel_table.ref)
        present = {str(sheet.cell(row=min_row, column=c).value or "").strip()
                   for c in range(min_col, max_col + 1)}
        for column in columns:
            if column.header in present:
                continue
            max_col += 1
            sheet.cell(row=min_row, column=max_col, value=column.header)
            sheet.column_dimensions[get_column_letter(max_col)].width = column.display_width
        excel_table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
        names = [str(sheet.cell(row=min_row, column=c).value) for c in range(min_col, max_col + 1)]
        excel_table.tableColumns = []
        excel_table._initialise_columns()
        for table_column, name in zip(excel_table.tableColumns, names):
            table_column.name = name


def extend_static_lists(workbook: Any) -> None:
    """Rewrite the static lists of the hidden `Listes` sheet with the schema's values."""
    from openpyxl.workbook.defined_name import DefinedName

    sheet = workbook[PLAN.lists_sheet]
    for choice_list in PLAN.lists:
        if choice_list.from_referential is not None or choice_list.name not in workbook.defined_names:
            continue
        target = workbook.defined_names[choice_list.name].attr_text
        letter = target.split("!")[1].split("$")[1]
        for row, value in enumerate(choice_list.values, start=2):
            sheet[f"{letter}{row}"] = value
        end = 1 + len(choice_list.values)
        workbook.defined_names[choice_list.name] = DefinedName(
            choice_list.name, attr_text=f"'{PLAN.lists_sheet}'!${letter}$2:${letter}${end}")


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


def migrate_workbook(path: Path, *, current: str | None = None) -> MigrationResult:
    """Migrate one plan workbook to the current template version (a no-op when already there)."""
    from openpyxl import load_workbook

    from .files import atomic_write, backup, refuse_if_open
    from .reader import read_plan

    current = current or TEMPLATE_VERSION
    plan = read_plan(path)
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
    saved = backup(path)
    workbook = load_workbook(path)
    for step in steps:
        step(workbook)
    if broken_formats:  # issue 16: number formats a LibreOffice save broke
        from .formats import repair_number_formats

        repair_number_formats(workbook)
    sheet, cell = plan.field_cells.get("template_version", (PLAN.field_sheet.name, "B11"))
    workbook[sheet][cell].value = current
    with atomic_write(path) as temporary:
        workbook.save(temporary)
    return MigrationResult(path, version, current, saved)
