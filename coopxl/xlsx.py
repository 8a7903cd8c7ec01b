"""Reading a workbook file into plain Python: tables, defined names and cell flags.

This is the only module that reads .xlsx files for the model (python-calamine for the
values; the package's XML for what calamine does not expose: defined names, formula
errors and formulas saved without a result). It knows nothing of plans: it returns
tables as header + rows with their Excel row numbers.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine  # this module is imported only to read: callers import it when they do

from . import french
from .guard import Package, check_workbook_file
from .messages import UnreadableWorkbookError

_REF_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$")
_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTR_RE = re.compile(rb'\b(r|t)="([^"]*)"')
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)
_HAS_FORMULA_OR_ERROR = re.compile(rb'<(?:\w+:)?f[\s>/]|t="e"')
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z0-9:$]+)"')
_STYLED_CELL_RE = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*?\bs="([0-9]+)"')
_CELL_REF_RE = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_OF_CELL_RE = re.compile(rb' r="[A-Z]{1,3}([0-9]{1,7})"')
_COLUMN_OF_CELL_RE = re.compile(rb' r="([A-Z]{1,3})[0-9]')
_FAR_CELL_RE = re.compile(rb' r="(?:(?:[A-Z]{3}|[H-Z][A-Z]|G[S-Z])[0-9]|[A-Z]{1,3}[0-9]{5})')
"""A cell beyond column GR (the 200th) or row 9,999: one regular expression with a literal
prefix, three times faster than collecting every cell's row and column."""
MAX_SHEET_CELLS = 2_000_000
"""calamine holds a sheet as a dense rectangle from A1 to its farthest cell: one stray value
in Z1048576 costs 860 MB and 5 s. A plan sheet is a few hundred rows; beyond this area
the sheet is refused with the cell to clear."""


# The raw structures are dataclasses without generated __eq__ and __repr__ (see model.py: each
# generated method is compiled at every command's start); they are never compared.
@dataclass(eq=False, repr=False)
class RawTable:
    """An Excel table as found: header texts and data rows with their Excel row numbers."""

    name: str
    sheet: str
    headers: list[str]
    header_row: int
    first_column: int
    rows: list[tuple[int, list[Any]]]
    rows_below: list[int] = field(default_factory=list)
    """Excel rows filled just under the table, read as if they were in it."""

    def column_letter(self, index: int) -> str:
        return column_letter(self.first_column + index)


@dataclass(eq=False, repr=False)
class NamedCell:
    """The target of a workbook-level defined name: one cell, or a range."""

    name: str
    sheet: str
    ref: str
    values: list[Any]


@dataclass(eq=False, repr=False)
class RawWorkbook:
    """What the model layer needs from a workbook file."""

    path: Path
    sheet_names: list[str]
    hidden_sheets: set[str]
    tables: dict[str, RawTable]
    names: dict[str, NamedCell]
    flags: dict[tuple[str, str], tuple[str, str]]
    """(sheet, A1) → ("error", "#REF!") or ("no-value", "=A1*2") for cells calamine reads as ''."""
    grids: dict[str, list[list[Any]]] = field(default_factory=dict)
    """Whole-sheet values (from A1) of the sheets asked for as fallbacks."""
    merged: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    """Sheet → merged ranges as (first row, first column, last row, last column), 1-based."""
    broken_formats: list[tuple[str, str, str, int]] = field(default_factory=list)
    """(sheet, first cell, format, cells) per sheet column whose number format is known broken."""

    def hidden_by_merge(self, sheet: str, cell: str) -> str | None:
        """The top-left cell of the merge that hides `cell` (not its top-left), or None."""
        ranges = self.merged.get(sheet)
        if not ranges:
            return None
        match = _REF_RE.match(cell)
        if not match:
            return None
        row, column = int(match.group(2)), column_index(match.group(1)) + 1
        for first_row, first_column, last_row, last_column in ranges:
            if (first_row <= row <= last_row and first_column <= column <= last_column
                    and (row, column) != (first_row, first_column)):
                return f"{column_letter(first_column - 1)}{first_row}"
        return None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """A → 0, AA → 26."""
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def read_workbook(path: Path, fallback_sheets: Mapping[str, str] | None = None,
                  package: Package | None = None) -> RawWorkbook:
    """Read every table, defined name and flagged cell of an .xlsx file.

    `fallback_sheets` maps table names to the sheet each is expected on: when such a table
    is missing and its sheet exists, the sheet's values are returned in `grids` so that the
    caller can look for the data in a plain range.

    Raises UnreadableWorkbookError with a French message when the file is not a readable
    .xlsx workbook; never lets a parser's exception through. `package` is the file as the
    guard already checked it, if it was.
    """
    package = package or check_workbook_file(path)
    try:
        sheet_paths, hidden, defined = _read_package_index(package.parts)
        flags = _scan_sheets(path.name, package.parts, sheet_paths)
        merged = _merged_ranges(package.parts, sheet_paths)
        broken_formats = _broken_formats(package.parts, sheet_paths)
        table_parts = _table_parts(package.parts, sheet_paths)
        # The very bytes the guard checked (the file may be saved again meanwhile).
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(package.data))
        try:
            grids: dict[str, list[list[Any]]] = {}

            def grid(sheet: str) -> list[list[Any]]:
                if sheet not in grids:
                    grids[sheet] = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                return grids[sheet]

            # Each table cut from its sheet's grid: calamine's get_table_by_name parses the
            # whole sheet again for every table.
            tables = {part.name: _read_table(part, grid(part.sheet)) for part in table_parts}
            names = {}
            for name, (sheet, ref) in defined.items():
                if sheet in sheet_paths:
                    names[name] = NamedCell(name, sheet, ref, _range_values(grid(sheet), ref))
            sheet_names = list(book.sheet_names)
            fallback = {sheet for table, sheet in (fallback_sheets or {}).items()
                        if table not in tables and sheet in sheet_names}
            fallback_grids = {sheet: grid(sheet) for sheet in fallback}
        finally:
            book.close()
    except _READING_ERRORS as exc:
        raise _unreadable(path, exc) from exc
    return RawWorkbook(path=path, sheet_names=sheet_names, hidden_sheets=hidden, tables=tables,
                       names=names, flags=flags, grids=fallback_grids, merged=merged,
                       broken_formats=broken_formats)


def read_outline(path: Path, names: Sequence[str], tables: Sequence[str]
                 ) -> tuple[dict[str, Any], dict[str, int]]:
    """The first value of each defined name of `names` and the data rows each table of `tables`
    declares: what orders the plans of a consolidation before they are read in full.

    About a fifth of `read_workbook`: the same guard and workbook index, the table parts, and
    only the sheets the names are on. Raises UnreadableWorkbookError as `read_workbook` does."""
    package = check_workbook_file(path)
    try:
        sheet_paths, _, defined = _read_package_index(package.parts)
        rows = {part.name: part.last_row - part.first_row - part.header_rows + 1
                for part in _table_parts(package.parts, sheet_paths) if part.name in tables}
        wanted = {name: defined[name] for name in names if name in defined and defined[name][0] in sheet_paths}
        values: dict[str, Any] = {}
        if wanted:
            for sheet in {sheet for sheet, _ in wanted.values()}:
                _check_extent(path.name, sheet, package.parts.get(sheet_paths[sheet], b""))
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(package.data))
            try:
                grids = {sheet: book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                         for sheet in {sheet for sheet, _ in wanted.values()}}
            finally:
                book.close()
            for name, (sheet, ref) in wanted.items():
                found = _range_values(grids[sheet], ref)
                values[name] = found[0] if found else None
    except _READING_ERRORS as exc:
        raise _unreadable(path, exc) from exc
    return values, rows


_READING_ERRORS = (python_calamine.CalamineError, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError)
"""What reading a package the guard let through may still raise (PasswordError is a CalamineError)."""


def _unreadable(path: Path, exc: BaseException) -> UnreadableWorkbookError:
    """The French refusal for an error met while reading `path`."""
    if isinstance(exc, python_calamine.PasswordError):
        return UnreadableWorkbookError("encrypted-file", name=path.name)
    return UnreadableWorkbookError("corrupt-file", name=path.name, detail=_short(exc))


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _read_package_index(parts: Mapping[str, bytes]
                        ) -> tuple[dict[str, str], set[str], dict[str, tuple[str, str]]]:
    """Sheet name → XML member, hidden sheets, and workbook-level defined names.

    Regular expressions, like the table parts: the guard has refused DTDs and entities, and
    calamine parses the same workbook.xml right after (a malformed one is refused there)."""
    workbook = parts["xl/workbook.xml"]
    if b"<!--" in workbook:  # a commented-out element is no element
        workbook = _COMMENT_RE.sub(b"", workbook)
    targets: dict[str | None, str] = {}
    for relationship in _RELATIONSHIP_RE.findall(parts.get("xl/_rels/workbook.xml.rels", b"")):
        attributes = _attributes(relationship)
        target = attributes.get("Target", "")
        targets[attributes.get("Id")] = target[1:] if target.startswith("/") else "xl/" + target
    sheet_paths, hidden = {}, set()
    for element in _SHEET_RE.findall(workbook):
        attributes = _attributes(element)
        name = attributes.get("name", "")
        # r:id, whatever prefix the producer bound to the relationships namespace
        rid = next((value for key, value in attributes.items() if key.endswith(":id")), None)
        sheet_paths[name] = targets.get(rid, "")
        if attributes.get("state") in ("hidden", "veryHidden"):
            hidden.add(name)
    defined = {}
    for element, text in _DEFINED_NAME_RE.findall(workbook):
        attributes = _attributes(element)
        name = attributes.get("name", "")
        if "localSheetId" in attributes or name.startswith("_xlnm."):
            continue
        if text.startswith(b"<![CDATA[") and text.endswith(b"]]>"):
            reference = _parse_reference(text[9:-3].decode("utf-8", "replace"))
        else:
            reference = _parse_reference(_xml_text(text))
        if reference:
            defined[name] = reference
    return sheet_paths, hidden, defined


def _parse_reference(text: str) -> tuple[str, str] | None:
    """`'Groupe projet'!$A$2:$A$9` → ("Groupe projet", "A2:A9"); None for anything else."""
    text = text.strip().lstrip("=")
    if "!" not in text or "," in text:
        return None
    sheet, _, ref = text.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    match = _REF_RE.match(ref)
    if not match:
        return None
    return sheet, ref.replace("$", "").upper()


def _range_values(grid: list[list[Any]], ref: str) -> list[Any]:
    """Values of a one-cell or one-column/one-row range, in reading order."""
    match = _REF_RE.match(ref)
    assert match
    col1, row1, col2, row2 = match.groups()
    col2, row2 = col2 or col1, row2 or row1
    columns = range(column_index(col1), column_index(col2) + 1)
    values: list[Any] = []
    for row in range(int(row1) - 1, int(row2)):
        line = grid[row] if row < len(grid) else ()
        values.extend(line[col] if col < len(line) else "" for col in columns)
    return values


@dataclass(eq=False, repr=False)
class _TablePart:
    """An Excel table as declared in the package: its sheet, name, range and column names."""

    sheet: str
    name: str
    first_row: int
    first_column: int
    last_row: int
    last_column: int
    """0-based, the header row included."""
    header_rows: int
    headers: list[str]


_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ELEMENT_ATTRS = rb"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)"
"""The attributes of a start tag (a quoted value may hold a `>`), as group 1."""
_RELATIONSHIP_RE = re.compile(rb"<(?:\w+:)?Relationship\b" + _ELEMENT_ATTRS + rb">")
_TABLE_RE = re.compile(rb"<(?:\w+:)?table\b" + _ELEMENT_ATTRS + rb">")
_TABLE_COLUMN_RE = re.compile(rb'<(?:\w+:)?tableColumn\b[^>]*?\sname="([^"]*)"')
_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b" + _ELEMENT_ATTRS + rb">")
_DEFINED_NAME_RE = re.compile(rb"<(?:\w+:)?definedName\b" + _ELEMENT_ATTRS + rb"(?<!/)>(.*?)</(?:\w+:)?definedName>",
                              re.S)
_COMMENT_RE = re.compile(rb"<!--.*?-->", re.S)
_ANY_ATTR_RE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NUM_FMT_RE = re.compile(rb"<(?:\w+:)?numFmt\b" + _ELEMENT_ATTRS + rb">")
_CELL_XFS_RE = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF_RE = re.compile(rb"<(?:\w+:)?xf\b" + _ELEMENT_ATTRS + rb">")


def _attributes(element: bytes) -> dict[str, str]:
    """The attributes of an element's start tag (the text after its name), unescaped."""
    return {key.decode(): _xml_text(double if double or not single else single)
            for key, double, single in _ANY_ATTR_RE.findall(element)}


def _table_parts(parts: Mapping[str, bytes], sheet_paths: dict[str, str]) -> list[_TablePart]:
    """Every table of the workbook, from each sheet's relationships and its table parts.

    Regular expressions, not an XML parser: these parts are a few hundred bytes each, the
    guard has refused DTDs and entities, and a parser costs 3 ms a plan here."""
    found = []
    for sheet, member in sheet_paths.items():
        folder, _, base = member.rpartition("/")
        rels = parts.get(f"{folder}/_rels/{base}.rels")
        if not rels or b"/table" not in rels:
            continue
        for relationship in _RELATIONSHIP_RE.findall(rels):
            attributes = _attributes(relationship)
            if not attributes.get("Type", "").endswith("/table"):
                continue
            target = attributes.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.normpath(f"{folder}/{target}")
            table = parts.get(target)
            root = _TABLE_RE.search(table) if table else None
            if table is None or root is None:
                continue
            attributes = _attributes(root.group(1))
            match = _REF_RE.match(attributes.get("ref", ""))
            name = attributes.get("displayName") or attributes.get("name") or ""
            if not match or not match.group(3) or not name:
                continue
            col1, row1, col2, row2 = match.groups()
            headers = [_ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), _xml_text(raw))
                       for raw in _TABLE_COLUMN_RE.findall(table)]
            found.append(_TablePart(sheet, name, int(row1) - 1, column_index(col1), int(row2) - 1,
                                    column_index(col2), int(attributes.get("headerRowCount") or 1), headers))
    return found


def _read_table(part: _TablePart, sheet_grid: list[list[Any]]) -> RawTable:
    first_col, width = part.first_column, part.last_column - part.first_column + 1
    data_row = part.first_row + part.header_rows

    def values(row_index: int) -> list[Any]:
        line = sheet_grid[row_index][first_col:first_col + width] if row_index < len(sheet_grid) else []
        return line + [""] * (width - len(line))

    rows = [(row_index + 1, values(row_index)) for row_index in range(data_row, part.last_row + 1)]
    # Rows typed just under the table, which Excel did not add to it.
    below = []
    row_index = part.last_row + 1
    while row_index < len(sheet_grid):
        line = values(row_index)
        if not any(v not in ("", None) for v in line):
            break
        rows.append((row_index + 1, line))
        below.append(row_index + 1)
        row_index += 1
    headers = part.headers[:width] + [""] * (width - len(part.headers))
    return RawTable(name=part.name, sheet=part.sheet, headers=headers, header_row=data_row,
                    first_column=first_col, rows=rows, rows_below=below)


def _scan_sheets(name: str, parts: Mapping[str, bytes], sheet_paths: dict[str, str]
                 ) -> dict[tuple[str, str], tuple[str, str]]:
    """Each sheet's XML looked at once: its extent checked, its flagged cells found."""
    flags: dict[tuple[str, str], tuple[str, str]] = {}
    for sheet, member in sheet_paths.items():
        data = parts.get(member)
        if data:
            _check_extent(name, sheet, data)
            _scan_flags(sheet, data, flags)
    return flags


def _check_extent(name: str, sheet: str, data: bytes) -> None:
    """Refuse a sheet whose farthest cell would make the reader allocate an absurd area."""
    if _FAR_CELL_RE.search(data) is None:
        return  # every cell within 9,999 rows and 200 columns: under MAX_SHEET_CELLS
    # Distinct values only (a C-level set), then Python on the few that remain.
    row_numbers = set(_ROW_OF_CELL_RE.findall(data))
    if not row_numbers:
        return
    rows = max(int(row) for row in row_numbers)
    letters = max(set(_COLUMN_OF_CELL_RE.findall(data)), key=lambda text: (len(text), text))
    columns = column_index(letters.decode()) + 1
    if rows * columns > MAX_SHEET_CELLS:
        # The cell to clear: the one that alone spans the largest area from A1.
        letters, row = max(_CELL_REF_RE.findall(data),
                           key=lambda ref: int(ref[1]) * (column_index(ref[0].decode()) + 1))
        raise UnreadableWorkbookError("sheet-too-large", name=name, tab=sheet, last=(letters + row).decode(),
                                      rows=french.thousands(rows), columns=french.thousands(columns))


def _scan_flags(sheet: str, data: bytes, flags: dict[tuple[str, str], tuple[str, str]]) -> None:
    """Add to `flags` the cells that hold an error value, or a formula saved without its result."""
    # Only the cells (<sheetData>), and only around a formula or an error: templates carry
    # formulas in their data validations, after the cells. Plain substring searches first:
    # most sheets have neither, and they run ten times faster than the regular expression.
    lower, upper = data.find(b"sheetData"), data.rfind(b"sheetData")
    if (data.find(b"<f", lower, upper) < 0 and data.find(b":f", lower, upper) < 0
            and data.find(b't="e"', lower, upper) < 0):
        return
    done = lower
    for hit in _HAS_FORMULA_OR_ERROR.finditer(data, lower, upper):
        if hit.start() < done:
            continue  # in the cell just looked at
        match = _CELL_RE.match(data, _cell_start(data, done, hit.start()))
        if match is None or match.end() <= hit.start():
            continue  # not inside a cell
        done = match.end()
        attributes = dict(_ATTR_RE.findall(match.group(1)))
        inner = match.group(2) or b""
        ref = attributes.get(b"r", b"").decode()
        value = _VALUE_RE.search(inner)
        if attributes.get(b"t") == b"e":
            flags[(sheet, ref)] = ("error", _xml_text(value.group(1)) if value else "#N/A")
        elif (formula := _FORMULA_RE.search(inner)) and not (value and value.group(1)):
            text = _xml_text(formula.group(1) or b"")
            flags[(sheet, ref)] = ("no-value", "=" + text if text else "formule partagée")


def _cell_start(data: bytes, lower: int, position: int) -> int:
    """Where the cell element holding `position` starts (`<c ` or a prefixed `<x:c `); -1 if none."""
    plain = data.rfind(b"<c ", lower, position)
    prefixed = data.rfind(b":c ", lower, position)
    if prefixed > plain:
        return data.rfind(b"<", lower, prefixed)
    return plain


_ENTITY_RE = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(lt|gt|quot|apos|amp));")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "quot": '"', "apos": "'", "amp": "&"}


def _xml_text(raw: bytes) -> str:
    """Attribute or element text as a parser gives it: the five XML entities and character
    references (« S&#233;ances », which some producers write for « Séances ») decoded."""
    text = raw.decode("utf-8", "replace")
    if "&" not in text:
        return text
    return _ENTITY_RE.sub(_entity, text)


def _entity(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name:
        return _NAMED_ENTITIES[name]
    return chr(int(decimal) if decimal else int(hexadecimal, 16))


def _merged_ranges(parts: Mapping[str, bytes], sheet_paths: dict[str, str]
                   ) -> dict[str, list[tuple[int, int, int, int]]]:
    """Merged ranges of each sheet, from the sheet XML's <mergeCells>."""
    merged = {}
    for sheet, member in sheet_paths.items():
        data = parts.get(member)
        if not data or b"mergeCell" not in data:
            continue
        ranges = []
        for ref in _MERGE_RE.findall(data):
            match = _REF_RE.match(ref.decode())
            if match and match.group(3):
                col1, row1, col2, row2 = match.groups()
                ranges.append((int(row1), column_index(col1) + 1, int(row2), column_index(col2) + 1))
        if ranges:
            merged[sheet] = ranges
    return merged


def _broken_formats(parts: Mapping[str, bytes], sheet_paths: dict[str, str]) -> list[tuple[str, str, str, int]]:
    """Cells whose number format is one a LibreOffice save is known to break, by sheet column."""
    from .formats import is_broken_format

    styles = parts.get("xl/styles.xml")
    if not styles or b"numFmt " not in styles:
        return []
    broken_ids = {}
    for element in _NUM_FMT_RE.findall(styles):
        attributes = _attributes(element)
        if is_broken_format(attributes.get("formatCode", "")):
            broken_ids[attributes.get("numFmtId")] = attributes.get("formatCode", "")
    if not broken_ids:
        return []
    cell_xfs = _CELL_XFS_RE.search(styles)
    broken_styles = {str(index): broken_ids[number_format]
                     for index, xf in enumerate(_XF_RE.findall(cell_xfs.group(1) if cell_xfs else b""))
                     if (number_format := _attributes(xf).get("numFmtId")) in broken_ids}
    found: dict[tuple[str, str], list[Any]] = {}
    for sheet, member in sheet_paths.items():
        data = parts.get(member)
        if not data:
            continue
        for letters, row, style in _STYLED_CELL_RE.findall(data):
            number_format = broken_styles.get(style.decode())
            if number_format is not None:
                key = (sheet, letters.decode())
                if key not in found:
                    found[key] = [f"{letters.decode()}{row.decode()}", number_format, 0]
                found[key][2] += 1
    return [(sheet, cell, number_format, count) for (sheet, _), (cell, number_format, count) in found.items()]
