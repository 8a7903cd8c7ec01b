"""How coopxl marks what it writes into workbooks, whatever writes it (file or live Excel).

One definition each of: the fill colour of a cell by its worst finding, the text of
coopxl's own cell notes (recognised on the next run, so that they are replaced and a
user's note never is), and the text that must never become a formula in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Sequence

from .messages import ERROR, INFO, WARNING
from .model import Finding

NOTE_AUTHOR = "coopxl"
NOTE_PREFIX = "coopxl — "
HIGHLIGHTS = {ERROR: "FFC7CE", WARNING: "FFEB9C"}
"""RGB fill of a cell by its worst finding; an information leaves the cell as it is."""
RANK = {ERROR: 0, WARNING: 1, INFO: 2}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Text starting so would be taken for a formula (or DDE) by a spreadsheet: written as text, quoted."""


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def is_coopxl_note(author: str | None, text: str | None) -> bool:
    """A note coopxl wrote (LibreOffice drops the author when it saves: the text tells)."""
    return author == NOTE_AUTHOR or (text or "").startswith(NOTE_PREFIX)


def worst(findings: Sequence[Finding]) -> str:
    """The most serious severity among `findings` (error, then warning, then information)."""
    return min((f.severity for f in findings), key=lambda s: RANK.get(s, 0))


def highlight(findings: Sequence[Finding]) -> str | None:
    """The fill colour (RGB) a cell takes for its findings, None for information only."""
    return HIGHLIGHTS.get(worst(findings))


def note_text(findings: Sequence[Finding]) -> str:
    """coopxl's note on a cell: its findings, the most serious first."""
    ordered = sorted(findings, key=lambda f: RANK.get(f.severity, 0))
    return NOTE_PREFIX + "\n".join(f"{f.severity} ({f.code}) : {f.message}" for f in ordered)


def by_cell(findings: Sequence[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """Findings that name a cell, grouped by (sheet, cell) in the report's order."""
    cells: dict[tuple[str, str], list[Finding]] = {}
    for item in findings:
        if item.sheet and item.cell:
            cells.setdefault((item.sheet, item.cell), []).append(item)
    return cells
