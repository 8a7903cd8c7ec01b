"""`coopxl.xlsxwriter_fork`: the dashboard written on two cores is the one written on one, and
every way the child can fail leaves a whole, correct workbook."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from factories import TODAY
from snapshot import differences, workbook_snapshot

from coopxl import dashboard, parallel, xlsxwriter_fork
from coopxl.consolidation import consolidate
from coopxl.dashboard import write_dashboard
from coopxl.workspace import Workspace

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="a forked child: Linux, no other thread")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def territory(tmp_path_factory) -> tuple[Path, dashboard.Dashboard]:
    """The example territory's dashboard, and that dashboard written in one process."""
    work = tmp_path_factory.mktemp("territoire") / "travail"
    shutil.copytree(EXAMPLES, work)
    tables = consolidate(Workspace(work), today=TODAY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsxwriter_fork, "can_fork", lambda: False)
        alone = write_dashboard(tables, work / "un-processus.xlsx")
    return alone, tables


@pytest.fixture(params=["in-memory", "in-memory, parts in files"])
def children(request, monkeypatch) -> list[list[str]]:
    """The sheets each forked child was given (the split forced, whatever the size)."""
    monkeypatch.setattr(xlsxwriter_fork, "SPLIT_FROM_CELLS", 0)
    monkeypatch.setattr(dashboard, "ASSEMBLED_IN_MEMORY_BELOW", 0 if request.param.endswith("files") else 10**9)
    given: list[list[str]] = []
    start = xlsxwriter_fork._Child.__init__

    def recorded(self, book, sheets, *args) -> None:
        given.append([sheet.name for sheet in sheets])
        start(self, book, sheets, *args)

    monkeypatch.setattr(xlsxwriter_fork._Child, "__init__", recorded)
    return given


def test_sheets_written_by_a_child_are_those_written_here(territory, children, tmp_path: Path) -> None:
    alone, tables = territory
    split = write_dashboard(tables, tmp_path / "deux-processus.xlsx")
    (given,) = children
    assert given and len(given) < len(dashboard.SHEETS)  # some sheets there, the others here
    assert differences(workbook_snapshot(alone), workbook_snapshot(split)) == []


def test_a_child_that_fails_leaves_its_sheets_to_this_process(territory, children, monkeypatch,
                                                             tmp_path: Path) -> None:
    alone, tables = territory
    monkeypatch.setattr(xlsxwriter_fork._Child, "_write", lambda self: 1)
    split = write_dashboard(tables, tmp_path / "enfant-en-echec.xlsx")
    assert children
    assert differences(workbook_snapshot(alone), workbook_snapshot(split)) == []


def test_a_format_first_used_by_the_child_is_caught(territory, children, monkeypatch, tmp_path: Path) -> None:
    """Were a format of the child's sheets not numbered before the fork, the child would number
    it alone and the styles written here would not know it: the child says so, and its sheets
    are written here."""
    alone, tables = territory
    monkeypatch.setattr(xlsxwriter_fork, "_number_formats", lambda sheets: None)
    split = write_dashboard(tables, tmp_path / "formats.xlsx")
    assert children
    assert differences(workbook_snapshot(alone), workbook_snapshot(split)) == []


def test_other_xlsxwriter_internals_mean_one_process(territory, children, monkeypatch, tmp_path: Path) -> None:
    """Were a newer XlsxWriter to rename what this module reads of a sheet, the workbook would
    still be written, in one process."""
    alone, tables = territory

    def renamed(sheets):
        raise AttributeError("'Worksheet' object has no attribute 'table'")

    monkeypatch.setattr(xlsxwriter_fork, "_child_share", renamed)
    written = write_dashboard(tables, tmp_path / "autre-xlsxwriter.xlsx")
    assert children == []
    assert differences(workbook_snapshot(alone), workbook_snapshot(written)) == []


def test_a_sheet_with_links_stays_in_this_process(monkeypatch, tmp_path: Path) -> None:
    """XlsxWriter records a sheet's external links while it writes that sheet's XML: a child
    writing it would leave the links out of the package."""
    import xlsxwriter

    monkeypatch.setattr(xlsxwriter_fork, "SPLIT_FROM_CELLS", 0)
    book = xlsxwriter_fork.workbook(str(tmp_path / "liens.xlsx"), {})
    linked, plain = book.add_worksheet("Liens"), book.add_worksheet("Texte")
    for row in range(200):
        linked.write_url(row, 0, f"https://exemple.invalid/{row}", string=f"lien {row}")
        plain.write_string(row, 0, f"texte {row}")
    assert xlsxwriter_fork._child_share([linked, plain]) == [plain]
    book.close()
    assert isinstance(book, xlsxwriter.Workbook)
    written = openpyxl.load_workbook(tmp_path / "liens.xlsx")
    assert written["Liens"]["A200"].hyperlink.target == "https://exemple.invalid/199"
    assert written["Texte"]["A200"].value == "texte 199"


def test_small_workbooks_are_written_in_one_process() -> None:
    assert xlsxwriter_fork.SPLIT_FROM_CELLS > 1000
