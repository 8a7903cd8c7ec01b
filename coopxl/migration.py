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
    """Append to each table the columns the schema added in `version`, after its last column."""
    from .schema import normalize_header

    tables = package.tables()
    for table, columns in _columns_added_in(version):
        excel_table = tables.get(table.name)
        if excel_table is None:
            continue
        present = {normalize_header(h) for h in excel_table.headers()}
        for column in columns:
            if normalize_header(column.header) not in present:
                excel_table.add_column(column.header, column.display_width)


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

    return package.rewrite_number_formats(lambda code: repaired_format(code) if is_broken_format(code) else None)


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
