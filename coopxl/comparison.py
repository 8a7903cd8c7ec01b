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
    rows = [change.as_row() for change in changes]
    with atomic_write(target) as temporary:
        if target.suffix.lower() == ".docx":
            from .documents import write_table_document

            write_table_document(temporary, title, french.count(len(changes), "modification") + ".",
                                 HEADERS, rows)
        else:
            from .dashboard import write_table_workbook

            write_table_workbook(temporary, title, "Modifications", "T_Modifications", HEADERS, rows,
                                 widths=(20, 12, 30, 24, 40, 40))
    return target
