"""Writing a report into a plan workbook: the `Contrôles` table and highlighted cells.

Only on request (`coopxl valider --annoter`), after a backup, never while Excel holds the
file open, and without changing any value. Running it again replaces the previous
highlights instead of piling them up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .files import atomic_write, backup, refuse_if_open
from .messages import ERROR
from .model import Finding
from .schema import PLAN

AUTHOR = "coopxl"
FILLS = {ERROR: "FFC7CE", "Avertissement": "FFEB9C"}
CHECKS = PLAN.table("T_Controles")


def annotate_workbook(path: Path, findings: Sequence[Finding]) -> Path:
    """Write `findings` into the workbook's Contrôles sheet and highlight their cells.

    Returns the backup made first. Values are never changed.
    """
    from openpyxl import load_workbook

    path = Path(path)
    refuse_if_open(path)
    saved = backup(path)
    workbook = load_workbook(path)
    sheet, table = _checks_table(workbook)
    _clear_previous(workbook, sheet, table)
    rows = [[f.severity, f.code, f.sheet, f.cell, f.field, f.value, f.message] for f in findings]
    _write_rows(sheet, table, rows)
    for item in findings:
        if item.sheet in workbook.sheetnames and item.cell:
            _highlight(workbook[item.sheet][item.cell], item)
    with atomic_write(path) as temporary:
        workbook.save(temporary)
    return saved


def _checks_table(workbook: Any) -> tuple[Any, Any]:
    """The sheet and table of T_Controles; recreated from the schema if staff removed it."""
    for sheet in workbook.worksheets:
        if CHECKS.name in sheet.tables:
            return sheet, sheet.tables[CHECKS.name]
    from .templates import write_table

    if CHECKS.sheet in workbook.sheetnames:
        workbook.remove(workbook[CHECKS.sheet])
    sheet = write_table(workbook, CHECKS, [])
    return sheet, sheet.tables[CHECKS.name]


def _table_bounds(table: Any) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    return range_boundaries(table.ref)


def _clear_previous(workbook: Any, sheet: Any, table: Any) -> None:
    """Remove the highlights and comments of the cells listed in the previous report."""
    first_col, first_row, _, last_row = _table_bounds(table)
    headers = [sheet.cell(row=first_row, column=first_col + i).value for i in range(len(CHECKS.columns))]
    try:
        sheet_col = first_col + headers.index("Feuille")
        cell_col = first_col + headers.index("Cellule")
    except ValueError:
        return
    for row in range(first_row + 1, last_row + 1):
        name, coordinate = sheet.cell(row=row, column=sheet_col).value, sheet.cell(row=row, column=cell_col).value
        if name in workbook.sheetnames and coordinate:
            try:
                cell = workbook[name][coordinate]
            except (ValueError, KeyError):
                continue
            _unhighlight(cell)


def _unhighlight(cell: Any) -> None:
    from openpyxl.styles import PatternFill

    if cell.comment is not None and cell.comment.author == AUTHOR:
        cell.comment = None
    colour = (cell.fill.fgColor.rgb or "") if cell.fill is not None else ""
    if any(str(colour).endswith(fill) for fill in FILLS.values()):
        from .templates import original_fill

        cell.fill = original_fill(cell.parent.title, cell.coordinate) or PatternFill(fill_type=None)


def _highlight(cell: Any, item: Finding) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    if hasattr(cell, "fill") and not type(cell).__name__ == "MergedCell":
        cell.fill = PatternFill("solid", fgColor=FILLS.get(item.severity, FILLS[ERROR]))
        text = f"{item.severity} ({item.code}) : {item.message}"
        previous = cell.comment.text + "\n\n" if cell.comment is not None and cell.comment.author == AUTHOR else ""
        comment = Comment(previous + text, AUTHOR)
        comment.width, comment.height = 320, 140
        cell.comment = comment


def _write_rows(sheet: Any, table: Any, rows: list[list[str]]) -> None:
    from openpyxl.utils import get_column_letter

    from openpyxl.styles import Alignment

    from .templates import set_text

    wrap = Alignment(wrap_text=True, vertical="top")
    first_col, first_row, last_col, last_row = _table_bounds(table)
    for row in range(first_row + 1, max(last_row, first_row + len(rows)) + 1):
        for offset in range(len(CHECKS.columns)):
            sheet.cell(row=row, column=first_col + offset).value = None
    for index, values in enumerate(rows, start=first_row + 1):
        for offset, value in enumerate(values):
            cell = sheet.cell(row=index, column=first_col + offset)
            cell.alignment = wrap
            if value not in ("", None):
                set_text(cell, str(value))
    end_row = first_row + max(len(rows), 1)
    table.ref = f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{end_row}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref
