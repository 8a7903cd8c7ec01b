"""What changed between two versions of a plan workbook (`coopxl comparer`).

Records are matched by their number (N° objectif, N° action) and funding lines by
(action, financeur, dispositif, année); each difference becomes a `Change` that the
terminal, an Excel or a Word summary show the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import french
from .model import Plan
from .schema import PLAN

ADDED, REMOVED, CHANGED, STATUS = "Ajout", "Suppression", "Modification", "Changement de statut"
HEADERS = ("Nature", "Élément", "Référence", "Champ", "Avant", "Après")


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a plan."""

    kind: str
    scope: str
    reference: str
    field: str = ""
    before: str = ""
    after: str = ""

    def as_row(self) -> tuple[str, ...]:
        return (self.kind, self.scope, self.reference, self.field, self.before, self.after)


def _show(value: Any) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.date):
        return french.date_short(value)
    if isinstance(value, float):
        return french.thousands(value, 0 if value.is_integer() else 2)
    return str(value)


def compare_plans(old: Plan, new: Plan) -> list[Change]:
    """Every change from `old` to `new`: plan fields, objectives, actions, funding."""
    changes: list[Change] = []
    for named in PLAN.field_sheet.fields:
        before, after = getattr(old, named.key), getattr(new, named.key)
        if before != after:
            changes.append(Change(CHANGED, "Plan", "", named.label, _show(before), _show(after)))
    for table, scope, key in (("T_Objectifs", "Objectif", "number"), ("T_Actions", "Action", "number")):
        attribute = {"T_Objectifs": "objectives", "T_Actions": "actions"}[table]
        changes += _compare_records(getattr(old, attribute), getattr(new, attribute), table, scope, key)
    changes += _compare_funding(old, new)
    return changes


def _compare_records(old: list[Any], new: list[Any], table: str, scope: str, key: str) -> list[Change]:
    columns = PLAN.table(table).columns
    before = {getattr(r, key): r for r in old if getattr(r, key)}
    after = {getattr(r, key): r for r in new if getattr(r, key)}
    changes = []
    for number in after.keys() - before.keys():
        title = after[number].title or ""
        changes.append(Change(ADDED, scope, number, "", "", title))
    for number in before.keys() - after.keys():
        changes.append(Change(REMOVED, scope, number, "", before[number].title or "", ""))
    for number in before.keys() & after.keys():
        for column in columns:
            a, b = getattr(before[number], column.key), getattr(after[number], column.key)
            if a != b:
                kind = STATUS if column.key == "status" else CHANGED
                changes.append(Change(kind, scope, number, column.header, _show(a), _show(b)))
    order = {number: i for i, number in enumerate(list(after) + list(before))}
    return sorted(changes, key=lambda c: (order.get(c.reference, 0), c.kind != ADDED))


def _compare_funding(old: Plan, new: Plan) -> list[Change]:
    def lines(plan: Plan) -> dict[tuple, Any]:
        return {(f.action, f.funder, f.scheme, f.year): f for f in plan.fundings}

    before, after = lines(old), lines(new)
    changes = []

    def reference(key: tuple) -> str:
        action, funder, scheme, year = key
        return " — ".join(str(p) for p in (action, funder, scheme, year) if p)

    for key in [k for k in after if k not in before]:
        changes.append(Change(ADDED, "Financement", reference(key), "Montant (€ HT)", "", _show(after[key].amount)))
    for key in [k for k in before if k not in after]:
        changes.append(Change(REMOVED, "Financement", reference(key), "Montant (€ HT)", _show(before[key].amount), ""))
    for key in [k for k in after if k in before]:
        for field, header in (("amount", "Montant (€ HT)"), ("status", "Statut")):
            a, b = getattr(before[key], field), getattr(after[key], field)
            if a != b:
                changes.append(Change(CHANGED, "Financement", reference(key), header, _show(a), _show(b)))
    return changes


def write_summary(changes: list[Change], old: Path, new: Path, target: Path) -> Path:
    """The changes as an Excel (.xlsx) or Word (.docx) summary, for the meeting's minutes."""
    from .files import atomic_write

    title = f"Modifications du plan : {old.name} → {new.name}"
    with atomic_write(target) as temporary:
        if target.suffix.lower() == ".docx":
            _write_docx(changes, title, temporary)
        else:
            _write_xlsx(changes, title, temporary)
    return target


def _write_xlsx(changes: list[Change], title: str, temporary: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(temporary), {"strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Modifications")
    quoted = book.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"})
    plain = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 13}))
    for column, width in enumerate((20, 12, 30, 24, 40, 40)):
        sheet.set_column(column, column, width)
    for row, change in enumerate(changes, start=3):
        for column, value in enumerate(change.as_row()):
            sheet.write_string(row, column, value, quoted if value.startswith(("=", "+", "-", "@")) else plain)
    sheet.add_table(2, 0, 2 + max(len(changes), 1), len(HEADERS) - 1,
                    {"name": "T_Modifications", "columns": [{"header": h} for h in HEADERS],
                     "style": "Table Style Medium 2"})
    sheet.freeze_panes(3, 0)
    book.close()


def _write_docx(changes: list[Change], title: str, temporary: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(f"{len(changes)} modification{'s' if len(changes) > 1 else ''}.")
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = document.styles["Table Grid"]
    for cell, header in zip(table.rows[0].cells, HEADERS):
        cell.text = header
    for change in changes:
        for cell, value in zip(table.add_row().cells, change.as_row()):
            cell.text = value
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.save(str(temporary))
