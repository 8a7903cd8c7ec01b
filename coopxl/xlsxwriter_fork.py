"""XlsxWriter's closing step on two cores: the XML of the longest sheets written by a forked
child process while this one writes the rest of the package.

When XlsxWriter closes a workbook built in memory, it turns every cell into XML, one sheet
after the other, in one process: 120 ms for the dashboard of 13 plans of 60 actions, while
the second core is idle (the plans are read). A child forked at that moment has the whole
workbook as it is and writes the XML of about half of its cells (the longest sheets) into
temporary files, which the zip archive then takes as if this process had written them.

Relies on XlsxWriter 3.x internals, each checked here or by the dashboard tests (which read
every sheet back): `Workbook._get_packager` (meant to be overridden), the packager's
`_write_worksheet_files`, `_filename` and `filenames`, a sheet's `_set_xml_writer` and
`_assemble_xml_file`, and a format's `_get_xf_index`, which numbers a format the first time a
sheet's XML uses it. So every format the child's sheets use is numbered here before the fork;
the child checks that it numbered none, and exits with a failure otherwise. A sheet with links
(whose relationships XlsxWriter records while writing its XML) stays in this process.

Only on Linux, in a process running no other thread (fork copies only the calling thread):
elsewhere, or if the child fails in any way, this process writes every sheet itself, as
XlsxWriter does. The file is the same either way, but for the order in which formats are
numbered in its styles."""

from __future__ import annotations

import os
import sys
import tempfile
from functools import cache
from io import StringIO
from typing import Any

from .parallel import can_fork

SPLIT_FROM_CELLS = 20_000
"""A cell's XML takes about 2 µs: below this many cells, half of them are not worth a fork
(2 ms), numbering the formats and reading the child's files back."""


def workbook(path: str, options: dict[str, Any]) -> Any:
    """An XlsxWriter workbook whose sheets are written on two cores when it closes, where it can."""
    import xlsxwriter

    return (_split_workbook() if sys.platform.startswith("linux") else xlsxwriter.Workbook)(path, options)


@cache
def _split_workbook() -> type:
    import xlsxwriter
    from xlsxwriter.packager import Packager

    class SplitPackager(Packager):
        def _write_worksheet_files(self) -> None:
            sheets = [sheet for sheet in self.workbook.worksheets() if not sheet.is_chartsheet]
            try:
                given = _child_share(sheets) if can_fork() else []  # no other thread at this moment
                child = _Child(self.workbook, given, self.in_memory, self.tmpdir) if given else None
            except AttributeError:  # another XlsxWriter's internals: every sheet written here, as it does
                given, child = [], None
            try:
                for index, sheet in enumerate(sheets, 1):
                    name = f"xl/worksheets/sheet{index}.xml"
                    if child is not None and sheet in given:
                        self.filenames.append((child.part(sheet), name, False))
                        continue
                    if sheet.constant_memory:
                        sheet._opt_reopen()
                        sheet._write_single_row()
                    sheet._set_xml_writer(self._filename(name))
                    sheet._assemble_xml_file()
            finally:
                if child is not None:
                    child.join()

    class SplitWorkbook(xlsxwriter.Workbook):
        def _get_packager(self) -> Packager:
            return SplitPackager()

    return SplitWorkbook


def _child_share(sheets: list[Any]) -> list[Any]:
    """The longest sheets, up to half the cells, for the child: none if too few cells to gain."""
    cells = {id(sheet): sum(len(row) for row in sheet.table.values()) for sheet in sheets}
    total = sum(cells.values())
    if total < SPLIT_FROM_CELLS:
        return []
    share, load = [], 0
    for sheet in sorted(sheets, key=lambda sheet: -cells[id(sheet)]):
        if sheet.constant_memory or sheet.hyperlinks or load + cells[id(sheet)] > total / 2:
            continue
        share.append(sheet)
        load += cells[id(sheet)]
    return share


def _number_formats(sheets: list[Any]) -> None:
    """Number, as the XML of `sheets` would, every format they use (cells, rows, columns)."""
    for sheet in sheets:
        for info in sheet.col_info.values():
            if info.column_format is not None:
                info.column_format._get_xf_index()
        for info in sheet.row_info.values():
            if info.row_format is not None:
                info.row_format._get_xf_index()
        seen: set[int] = set()
        for row in sheet.table.values():
            for cell in row.values():
                cell_format = cell.format
                if cell_format is not None and id(cell_format) not in seen:
                    seen.add(id(cell_format))
                    cell_format._get_xf_index()


class _Child:
    """A forked process writing the XML of some sheets into temporary files."""

    def __init__(self, book: Any, sheets: list[Any], in_memory: bool, folder: str | None) -> None:
        self.book, self.sheets = book, sheets
        self.paths: dict[int, str] = {}
        for sheet in sheets:
            handle, self.paths[id(sheet)] = tempfile.mkstemp(dir=folder, suffix=".xml")
            os.close(handle)
        self.texts = {id(sheet): StringIO() for sheet in sheets} if in_memory else None
        _number_formats(sheets)
        self.pid = os.fork()
        if self.pid == 0:  # the child: write, and leave without running any of this process's exit code
            os._exit(self._write())

    def _write(self) -> int:
        try:
            numbered = len(self.book.xf_format_indices)
            self._write_sheets()
            return 0 if len(self.book.xf_format_indices) == numbered else 3
        except BaseException:
            return 1

    def _write_sheets(self) -> None:
        """The XML of the child's sheets into their files (in the child; here if it failed)."""
        for sheet in self.sheets:
            sheet._set_xml_writer(self.paths[id(sheet)])
            sheet._assemble_xml_file()

    def part(self, sheet: Any) -> Any:
        """What the packager records for the sheet's XML: its file, or (in memory) its text."""
        return self.paths[id(sheet)] if self.texts is None else self.texts[id(sheet)]

    def join(self) -> None:
        """Wait for the child; if it failed, write its sheets here. In memory, their texts read."""
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            self._write_sheets()
        if self.texts is not None:
            for sheet in self.sheets:
                path = self.paths[id(sheet)]
                with open(path, encoding="utf-8") as written:
                    self.texts[id(sheet)].write(written.read())
                os.remove(path)
