"""A test double of a workbook open in desktop Excel, as xlwings 0.37.8 shows it.

It covers the part of xlwings' API the add-in's Python uses, and behaves like Excel where
the add-in could go wrong:
- writes are visible to the next read (unlike xlwings' remote engine), numbers read back
  as floats, empty cells as None, errors as « #N/A » strings with `err_to_str`;
- cell notes as in xlwings 0.37.8 (`Range.note` is None or a Note with `.text` and
  `.delete()`; `Range.add_note` refuses a second note with the very ValueError of xlwings,
  `sheet.notes` lists them);
- `Book.caller()` can fail (no workbook, Protected View), a book can be unsaved (its full
  name is « Classeur1 »), live on OneDrive/SharePoint (its full name is a URL that xlwings
  maps to the synchronised folder or refuses), or be read-only;
- tables resize like `ListObject.Resize` (same header row, else an error).

`DesktopBook.from_file(path)` loads an .xlsx with openpyxl (cached values) into the double.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter


def _cell_address(row: int, column: int) -> str:
    return f"${get_column_letter(column)}${row}"


def _parse(address: str) -> tuple[int, int, int, int]:
    """`A1` or `$A$1:$C$3` → (row1, col1, row2, col2), 1-based."""
    match = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?", address.upper())
    assert match, address
    c1, r1, c2, r2 = match.groups()
    c2, r2 = c2 or c1, r2 or r1
    return int(r1), column_index_from_string(c1), int(r2), column_index_from_string(c2)


def _hex_to_rgb(colour: Any) -> tuple[int, int, int] | None:
    if colour is None or isinstance(colour, tuple):
        return colour
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


class ExcelError(Exception):
    """What a COM call raises in real Excel (pywintypes.com_error)."""


class Note:
    """xlwings.main.Note: `.text` (get/set) and `.delete()`."""

    def __init__(self, sheet: Sheet, key: tuple[int, int]) -> None:
        self._sheet, self._key = sheet, key

    @property
    def text(self) -> str:
        return self._sheet.note_texts[self._key]

    @text.setter
    def text(self, value: str) -> None:
        self._sheet.note_texts[self._key] = value

    @property
    def location(self) -> Range:
        return Range(self._sheet, *self._key, *self._key)

    def delete(self) -> None:
        del self._sheet.note_texts[self._key]


class Range:
    def __init__(self, sheet: Sheet, row1: int, col1: int, row2: int, col2: int, *, ndim: int | None = None,
                 err_to_str: bool = False) -> None:
        self.sheet = sheet
        self.row1, self.col1, self.row2, self.col2 = row1, col1, row2, col2
        self._ndim, self._err_to_str = ndim, err_to_str

    @property
    def address(self) -> str:
        first = _cell_address(self.row1, self.col1)
        return first if self.shape == (1, 1) else f"{first}:{_cell_address(self.row2, self.col2)}"

    @property
    def shape(self) -> tuple[int, int]:
        return self.row2 - self.row1 + 1, self.col2 - self.col1 + 1

    def options(self, ndim: int | None = None, err_to_str: bool = False, **ignored: Any) -> Range:
        return Range(self.sheet, self.row1, self.col1, self.row2, self.col2, ndim=ndim, err_to_str=err_to_str)

    def _read(self, row: int, column: int) -> Any:
        value = self.sheet.cells.get((row, column))
        if isinstance(value, str) and value.startswith("#") and value in Sheet.ERRORS and not self._err_to_str:
            return None  # xlwings' default for cell errors
        if isinstance(value, bool) or value is None or isinstance(value, (str, dt.datetime)):
            return value
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        if isinstance(value, (int, float)):
            return float(value)  # desktop Excel hands every number as a double
        return value

    @property
    def value(self) -> Any:
        grid = [[self._read(r, c) for c in range(self.col1, self.col2 + 1)] for r in range(self.row1, self.row2 + 1)]
        if self._ndim == 2:
            return grid
        if self.shape == (1, 1):
            return grid[0][0]
        if self.shape[0] == 1:
            return grid[0]
        if self.shape[1] == 1:
            return [row[0] for row in grid]
        return grid

    @value.setter
    def value(self, data: Any) -> None:
        self.sheet.book.check_writable()
        if not isinstance(data, list):
            data = [[data]]
        elif data and not isinstance(data[0], list):
            data = [data]
        for r, row in enumerate(data):
            for c, value in enumerate(row):
                self.sheet.set(self.row1 + r, self.col1 + c, value)

    def clear_contents(self) -> None:
        self.sheet.book.check_writable()
        for r in range(self.row1, self.row2 + 1):
            for c in range(self.col1, self.col2 + 1):
                self.sheet.cells.pop((r, c), None)

    @property
    def color(self) -> tuple[int, int, int] | None:
        return self.sheet.colours.get((self.row1, self.col1))

    @color.setter
    def color(self, colour: Any) -> None:
        self.sheet.book.check_writable()
        for r in range(self.row1, self.row2 + 1):
            for c in range(self.col1, self.col2 + 1):
                if colour is None:
                    self.sheet.colours.pop((r, c), None)
                else:
                    self.sheet.colours[(r, c)] = _hex_to_rgb(colour)

    @property
    def note(self) -> Note | None:
        key = (self.row1, self.col1)
        return Note(self.sheet, key) if key in self.sheet.note_texts else None

    def add_note(self, text: str) -> Note:
        # The checks of xlwings 0.37.8's Range.add_note, in its order and with its messages.
        if not isinstance(text, str):
            raise TypeError("Note text must be a string")
        if not text:
            raise ValueError("Note text must not be empty")
        if self.shape != (1, 1):
            raise ValueError("A note can only be added to a single cell")
        if self.note is not None:
            raise ValueError("This cell already has a note")
        self.sheet.book.check_writable()
        self.sheet.note_texts[(self.row1, self.col1)] = text
        return Note(self.sheet, (self.row1, self.col1))


class Table:
    def __init__(self, sheet: Sheet, name: str, ref: str) -> None:
        self.sheet, self.name = sheet, name
        self._bounds = _parse(ref)

    @property
    def range(self) -> Range:
        return Range(self.sheet, *self._bounds)

    def resize(self, target: Range) -> None:
        """ListObject.Resize: the header row and the columns stay where they are."""
        if (target.row1, target.col1, target.col2) != (self._bounds[0], self._bounds[1], self._bounds[3]):
            raise ExcelError("La méthode Resize de la classe ListObject a échoué")
        self._bounds = (target.row1, target.col1, target.row2, target.col2)


class Sheet:
    ERRORS = ("#REF!", "#VALUE!", "#N/A", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!")

    def __init__(self, book: DesktopBook, name: str, visible: bool = True) -> None:
        self.book, self.name, self.visible = book, name, visible
        self.cells: dict[tuple[int, int], Any] = {}
        self.colours: dict[tuple[int, int], tuple[int, int, int]] = {}
        self.note_texts: dict[tuple[int, int], str] = {}
        self.tables_by_name: dict[str, Table] = {}

    def set(self, row: int, column: int, value: Any) -> None:
        if value is None or value == "":
            self.cells.pop((row, column), None)
        else:
            self.cells[(row, column)] = value

    @property
    def tables(self) -> Any:
        tables = self.tables_by_name

        class Tables(list):
            def __getitem__(self, key: Any) -> Table:
                return tables[key] if isinstance(key, str) else list.__getitem__(self, key)

        return Tables(tables.values())

    @property
    def used_range(self) -> Range:
        keys = list(self.cells) + [(t._bounds[2], t._bounds[3]) for t in self.tables_by_name.values()]
        if not keys:
            return Range(self, 1, 1, 1, 1)
        return Range(self, 1, 1, max(r for r, _ in keys), max(c for _, c in keys))

    def range(self, first: Any, last: Any = None) -> Range:
        if isinstance(first, str):
            return Range(self, *_parse(first))
        last = last or first
        return Range(self, first[0], first[1], last[0], last[1])

    def __getitem__(self, address: str) -> Range:
        return self.range(address)

    @property
    def notes(self) -> list[Note]:
        return [Note(self, key) for key in sorted(self.note_texts)]


class Name:
    def __init__(self, book: DesktopBook, name: str, sheet: str, ref: str) -> None:
        self.book, self.name, self.sheet, self.ref = book, name, sheet, ref

    @property
    def refers_to_range(self) -> Range:
        return self.book.sheets[self.sheet].range(self.ref.replace("$", ""))


class Sheets(list):
    def __getitem__(self, key: Any) -> Sheet:
        if isinstance(key, str):
            for sheet in self:
                if sheet.name == key:
                    return sheet
            raise KeyError(key)
        return list.__getitem__(self, key)


class App:
    def __init__(self) -> None:
        self.alerts: list[tuple[str, str]] = []
        self.opened: list[str] = []
        self.status_bar: Any = False
        outer = self

        class Books:
            def open(self, path: str) -> None:
                outer.opened.append(path)

        self.books = Books()

    def alert(self, prompt: str, title: str | None = None, **ignored: Any) -> None:
        self.alerts.append((prompt, title or ""))


class Api:
    """The COM workbook object: FullName is what Excel says, a URL for OneDrive/SharePoint."""

    def __init__(self, book: DesktopBook) -> None:
        self._book = book

    @property
    def FullName(self) -> str:  # noqa: N802 (COM's name)
        return self._book.excel_fullname

    @property
    def ReadOnly(self) -> bool:  # noqa: N802
        return self._book.read_only


class DesktopBook:
    """A workbook open in desktop Excel (see the module docstring)."""

    caller_book: DesktopBook | None = None
    caller_failure: str = ""

    def __init__(self, excel_fullname: str, *, read_only: bool = False) -> None:
        self.excel_fullname = excel_fullname
        self.read_only = read_only
        self.app = App()
        self.sheets = Sheets()
        self.names: list[Name] = []
        self.api = Api(self)

    @classmethod
    def from_file(cls, path: Path, *, fullname: str | None = None, read_only: bool = False) -> DesktopBook:
        book = cls(fullname if fullname is not None else str(path), read_only=read_only)
        workbook = openpyxl.load_workbook(path, data_only=True)
        for source in workbook.worksheets:
            sheet = Sheet(book, source.title, visible=source.sheet_state == "visible")
            for row in source.iter_rows():
                for cell in row:
                    if cell.value is not None and cell.value != "":
                        sheet.cells[(cell.row, cell.column)] = cell.value
                    if cell.comment is not None:
                        sheet.note_texts[(cell.row, cell.column)] = cell.comment.text
            for name, ref in source.tables.items():  # openpyxl: table name → its range
                sheet.tables_by_name[name] = Table(sheet, name, ref)
            book.sheets.append(sheet)
        for name, defined in workbook.defined_names.items():
            for sheet_name, ref in defined.destinations:
                book.names.append(Name(book, name, sheet_name, ref))
        return book

    @property
    def name(self) -> str:
        return re.split(r"[\\/]", self.excel_fullname)[-1]

    @property
    def fullname(self) -> str:
        """xlwings' Book.fullname on Windows: a URL is mapped to the synchronised folder, or refused."""
        if "://" in self.excel_fullname:
            from xlwings.utils import fullname_url_to_local_path

            return fullname_url_to_local_path(self.excel_fullname)
        return self.excel_fullname

    def check_writable(self) -> None:
        """Excel lets one edit a read-only workbook (only saving is refused): nothing to refuse here."""

    def set_mock_caller(self) -> None:
        DesktopBook.caller_book, DesktopBook.caller_failure = self, ""

    @classmethod
    def caller(cls) -> DesktopBook:
        """xlwings.Book.caller(): fails when Excel has no usable active workbook."""
        if cls.caller_failure or cls.caller_book is None:
            # What pywin32 raises when the workbook named by --wb= is not in Workbooks (Protected View, none).
            raise ExcelError(cls.caller_failure or "(-2147352567, 'Une exception s'est produite.', None, None)")
        return cls.caller_book

    # --- what a test reads back -------------------------------------------------------------

    def fill(self, sheet: str, address: str) -> tuple[int, int, int] | None:
        return self.sheets[sheet][address].color

    def note_text(self, sheet: str, address: str) -> str | None:
        note = self.sheets[sheet][address].note
        return None if note is None else note.text
