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
from .schema import PLAN, TEMPLATE_VERSION

MIGRATIONS: dict[str, tuple[str, Callable[[Any], None]]] = {}
"""From-version → (to-version, step). Version 1 is the first template: nothing to migrate yet."""


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
    if version == current:
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
    sheet, cell = plan.field_cells.get("template_version", (PLAN.field_sheet.name, "B11"))
    workbook[sheet][cell].value = current
    with atomic_write(path) as temporary:
        workbook.save(temporary)
    return MigrationResult(path, version, current, saved)
