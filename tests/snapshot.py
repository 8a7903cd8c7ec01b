"""What a user sees of a workbook, read back with openpyxl, to compare two workbooks as users would
(never their bytes): every sheet's cells (value, number format, bold, wrap, quote prefix, fill),
column widths, row heights, tables, frozen panes, print settings, charts, page breaks and
conditional formats."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl

_TIME_OF_DAY = re.compile(r" à \d\d:\d\d")
"""« Consolidé le 29 novembre 2026 à 15:38 »: two runs a minute apart differ only there."""


def _plain(value: Any) -> Any:
    return _TIME_OF_DAY.sub("", value) if isinstance(value, str) else value


def workbook_snapshot(path: Path) -> dict[str, Any]:
    workbook = openpyxl.load_workbook(path)
    sheets: dict[str, Any] = {"order": workbook.sheetnames}
    for ws in workbook.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None or c.has_style:
                    cells[c.coordinate] = (_plain(c.value), c.number_format, c.font.b, c.alignment.wrap_text,
                                           c.quotePrefix, c.fill.fgColor.rgb)
        sheets[ws.title] = {
            "cells": cells,
            "widths": {key: dim.width for key, dim in ws.column_dimensions.items()},
            "heights": {key: dim.height for key, dim in ws.row_dimensions.items() if dim.height},
            "tables": dict(ws.tables.items()),
            "frozen": ws.freeze_panes, "print area": ws.print_area,
            "print titles": (ws.print_title_rows, ws.print_title_cols),
            "scale": ws.page_setup.scale, "fit": (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight),
            "header": [_plain(part.text) for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right)],
            "charts": len(ws._charts), "page breaks": [b.id for b in ws.row_breaks.brk],
            "conditional formats": [str(rule.sqref) for rule in ws.conditional_formatting],
        }
    return sheets


def differences(first: dict[str, Any], second: dict[str, Any], limit: int = 5) -> list[str]:
    """The first differences between two snapshots, readable in an assertion message."""
    found = []
    for sheet in dict.fromkeys([*first, *second]):
        a, b = first.get(sheet), second.get(sheet)
        if a == b:
            continue
        if not isinstance(a, dict) or not isinstance(b, dict):
            found.append(f"{sheet}: {a!r} ≠ {b!r}")
            continue
        for key in dict.fromkeys([*a, *b]):
            x, y = a.get(key), b.get(key)
            if x == y:
                continue
            if isinstance(x, dict) and isinstance(y, dict):
                found += [f"{sheet} {key} {k}: {x.get(k)!r} ≠ {y.get(k)!r}"
                          for k in dict.fromkeys([*x, *y]) if x.get(k) != y.get(k)][:limit]
            else:
                found.append(f"{sheet} {key}: {x!r} ≠ {y!r}")
    return found[:limit * 4]
