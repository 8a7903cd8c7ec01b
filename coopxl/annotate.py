"""Writing a report into a plan workbook: the `Contrôles` table, highlighted cells, coopxl's notes.

Only on request (`coopxl valider --annoter`), after a backup, never while Excel holds the
file open, and without changing anything else: the package is patched part by part
(`xlsxpatch`), so formulas keep their cached results, merged cells their hidden text, and
images, charts, threaded comments and the users' own notes stay as they were.

Running it again replaces what the previous run wrote: coopxl's notes (author `coopxl`, or text
starting with « coopxl — » once LibreOffice dropped the author) are removed, the highlights of
the cells listed in the previous `Contrôles` rows are taken back to the template's fill. A cell
that already carries a user's note gets no coopxl note: its findings are in `Contrôles` only. A cell is coloured by its
worst finding (an error beats a warning; information is not coloured).

When there is nothing to write (no finding and nothing left from a previous run, or the
same report as the previous run), the file is left untouched: no backup, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .files import backup, refuse_if_open
from .marks import HIGHLIGHTS, NOTE_AUTHOR, highlight, is_coopxl_note, looks_like_formula, note_text
from .messages import CoopxlError
from .model import Finding
from .schema import PLAN

CHECKS = PLAN.table("T_Controles")


def annotate_workbook(path: Path, findings: Sequence[Finding]) -> Path | None:
    """Write `findings` into the workbook's Contrôles sheet, highlight and annotate their cells.

    Returns the backup made first, or None when nothing had to change (the file is then not
    rewritten). Raises CoopxlError (before writing anything) when the workbook is open or
    cannot be patched without loss.
    """
    from .xlsxpatch import Notes, Styles, XlsxPackage, split_ref

    path = Path(path)
    refuse_if_open(path)
    package = XlsxPackage(path)
    table = package.tables().get(CHECKS.name)
    if table is None:
        raise CoopxlError("checks-table-missing", name=path.name)
    styles = Styles(package)
    previous = _previous_cells(table)
    titles = list(package.sheet_parts)
    merged = {title: _merged_followers(package.sheet(title)) for title in titles}

    # 1. take back what the previous run wrote
    notes = {title: Notes(package, package.sheet(title), index) for index, title in enumerate(titles)}
    for sheet_notes in notes.values():
        ours = {n.ref for n in sheet_notes.notes() if is_coopxl_note(n.author, n.text)}
        sheet_notes.remove(ours)
    for title, ref in previous:
        if title not in package.sheet_parts or not _is_ref(ref):
            continue
        sheet = package.sheet(title)
        if sheet.cell(ref) is None:
            continue
        style = sheet.style(ref)
        if styles.colour_of(style) in HIGHLIGHTS.values():
            restored = styles.with_fill(style, _template_colour(title, ref))
            if restored != style:
                sheet.set_style(ref, restored)

    # 2. highlight and annotate the cells of this report
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for item in findings:
        if item.sheet in package.sheet_parts and _is_ref(item.cell):
            by_cell.setdefault((item.sheet, item.cell.upper()), []).append(item)
    new_notes: dict[str, list[tuple[str, str, str]]] = {}
    for (title, ref), items in by_cell.items():
        if ref in merged[title]:
            continue  # a cell hidden under a merged range: Contrôles only
        sheet = package.sheet(title)
        colour = highlight(items)
        if colour is not None:
            style = sheet.style(ref)
            wanted = styles.with_fill(style, colour)
            if wanted != style or sheet.cell(ref) is None:
                sheet.set_style(ref, wanted)
        if any(n.ref.upper() == ref for n in notes[title].notes()):
            continue  # a user's note: never modified
        new_notes.setdefault(title, []).append((ref, NOTE_AUTHOR, note_text(items)))
    for title, added in new_notes.items():
        added.sort(key=lambda note: split_ref(note[0])[::-1])
        notes[title].add(added)

    # 3. the Contrôles rows
    _write_rows(table, styles, [[f.severity, f.code, f.sheet, f.cell, f.field, f.value, f.message]
                                for f in findings])
    if not package.is_changed():
        return None
    saved = backup(path)
    package.save()
    return saved


def _is_ref(ref: str) -> bool:
    from .xlsxpatch import split_ref

    try:
        split_ref(ref)
    except ValueError:
        return False
    return bool(ref)


def _template_colour(title: str, ref: str) -> str | None:
    """The fill the cell has in the template (input cells of the Plan sheet), as RGB, or None."""
    from .templates import original_fill

    fill = original_fill(title, ref)
    rgb = getattr(getattr(fill, "fgColor", None), "rgb", None) if fill is not None else None
    return str(rgb)[-6:].upper() if isinstance(rgb, str) else None


def _merged_followers(sheet) -> set[str]:
    """Cells of merged ranges other than their top-left cell."""
    from .xlsxpatch import _q, range_bounds, ref_of

    hidden: set[str] = set()
    merges = sheet.root.find(_q("mergeCells"))
    for merge in (merges if merges is not None else []):
        try:
            c1, r1, c2, r2 = range_bounds(merge.get("ref", ""))
        except ValueError:
            continue
        hidden |= {ref_of(c, r) for c in range(c1, c2 + 1) for r in range(r1, r2 + 1)} - {ref_of(c1, r1)}
    return hidden


def _previous_cells(table) -> list[tuple[str, str]]:
    """(sheet, cell) of the rows the previous run wrote into T_Controles."""
    from .schema import normalize_header
    from .xlsxpatch import ref_of

    c1, r1, _, r2 = table.bounds()
    headers = [normalize_header(h) for h in table.headers()]
    try:
        sheet_column = c1 + headers.index(normalize_header("Feuille"))
        cell_column = c1 + headers.index(normalize_header("Cellule"))
    except ValueError:
        return []
    return [(table.sheet.text(ref_of(sheet_column, row)), table.sheet.text(ref_of(cell_column, row)).upper())
            for row in range(r1 + 1, r2 + 1)]


def _shown(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _write_rows(table, styles, rows: list[list[str]]) -> None:
    """Replace the data rows of T_Controles by `rows`; its range follows."""
    from .xlsxpatch import ref_of

    sheet = table.sheet
    c1, r1, c2, r2 = table.bounds()
    width = min(len(CHECKS.columns), c2 - c1 + 1)
    existing = [[_shown(sheet.value(ref_of(c, row))) for c in range(c1, c1 + width)] for row in range(r1 + 1, r2 + 1)]
    wanted = [[_shown(value) for value in row[:width]] for row in rows]
    if [[v for v in row] for row in existing if any(v not in (None, "") for v in row)] != wanted:
        style = styles.wrapped(sheet.style(ref_of(c1, r1 + 1)) if r2 > r1 else 0)
        for row in range(r1 + 1, r2 + 1):
            sheet.clear_row(row, c1, c2)
        quoted = None
        for index, values in enumerate(rows, start=r1 + 1):
            for offset, value in enumerate(values[:width]):
                text = "" if value is None else str(value)
                if looks_like_formula(text):  # stays text even when the user edits the cell
                    quoted = quoted if quoted is not None else styles.quoted(style)
                sheet.set_value(ref_of(c1 + offset, index), text, quoted if looks_like_formula(text) else style)
    ref = f"{ref_of(c1, r1)}:{ref_of(c2, r1 + max(len(rows), 1))}"
    if ref != table.ref:
        table.set_ref(ref)
