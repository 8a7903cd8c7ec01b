"""Entry points of the « Coopération » ribbon (coopxl.xlam → RunPython → `on_button`).

The add-in's single VBA callback sends the id of the clicked button; `BUTTONS` maps it to
a function that works on the workbook open in Excel through xlwings and calls the same
library functions as the command line. The user gets a French message box, never a
traceback (the details go to ~/.coopxl/coopxl.log).

`LiveWorkbook` is the xlwings side of the workbook interface: it reads everything the
reader needs in one pass, then writes the Contrôles table and the highlights in one pass.
coopxl's cell notes are recognised by their text, which starts with `NOTE_PREFIX`; a note
someone else wrote is never changed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import french
from .marks import by_cell, highlight, is_coopxl_note, note_text
from .messages import WARNING, CoopxlError, french_typography
from .model import Finding, Plan
from .xlsx import NamedCell, RawTable, RawWorkbook, column_index, column_letter

TITLE = "Coopération"
SETTINGS = Path.home() / ".coopxl"
ERROR_VALUES = ("#REF!", "#VALUE!", "#N/A", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")
"""The start of every note coopxl writes: the notes it may replace."""
CLOUD_KEYS = ("ONEDRIVE_CONSUMER_WIN", "ONEDRIVE_COMMERCIAL_WIN", "SHAREPOINT_WIN")
"""The xlwings settings naming the synchronised OneDrive / SharePoint folders, in the order
`xlwings.utils.fullname_url_to_local_path` takes them."""
if TYPE_CHECKING:
    import logging

_ADDRESS = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


def _bounds(address: str) -> tuple[int, int, int, int]:
    """`$A$2:$C$9` → (first column, first row, last column, last row), columns 0-based, rows 1-based."""
    match = _ADDRESS.search(address.split("!")[-1].upper())
    assert match, address
    col1, row1, col2, row2 = match.groups()
    col2, row2 = col2 or col1, row2 or row1
    return column_index(col1), int(row1), column_index(col2), int(row2)


class LiveWorkbook:
    """A workbook open in Excel (or given to xlwings' remote engine), read and written in one pass each."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.grids: dict[str, list[list[Any]]] = {}
        self.flags: dict[tuple[str, str], tuple[str, str]] = {}

    @property
    def path(self) -> Path:
        """The workbook's file; CoopxlError if never saved or if a OneDrive/SharePoint URL has no local copy."""
        try:
            name = self.book.fullname
        except Exception:  # xlwings could not map a OneDrive/SharePoint URL to a local folder
            name = _raw_fullname(self.book)
        if "://" in name:
            name = _local_copy(name)
        path = Path(name)
        if not path.is_absolute():
            raise CoopxlError("workbook-not-saved", name=name)
        return path

    def _grid(self, sheet: Any) -> list[list[Any]]:
        """The sheet's values from A1, with Excel errors moved to `flags`."""
        if sheet.name not in self.grids:
            used = sheet.used_range
            last = _bounds(used.address)
            block = sheet.range((1, 1), (last[3], last[2] + 1))
            try:
                values = block.options(ndim=2, err_to_str=True).value
            except TypeError:
                values = block.options(ndim=2).value
            grid = [list(row) for row in (values or [])]
            for r, row in enumerate(grid):
                for c, value in enumerate(row):
                    if isinstance(value, str) and value in ERROR_VALUES:
                        self.flags[(sheet.name, f"{column_letter(c)}{r + 1}")] = ("error", value)
                        row[c] = None
            self.grids[sheet.name] = grid
        return self.grids[sheet.name]

    def raw(self) -> RawWorkbook:
        """Everything the reader needs, as if read from the file."""
        tables: dict[str, RawTable] = {}
        for sheet in self.book.sheets:
            grid = self._grid(sheet)
            for table in sheet.tables:
                first_col, header_row, last_col, last_row = _bounds(table.range.address)
                headers = [str(v) if v is not None else "" for v in
                           (grid[header_row - 1][first_col:last_col + 1] if header_row <= len(grid) else [])]
                rows = []
                for row in range(header_row + 1, last_row + 1):
                    values = grid[row - 1][first_col:last_col + 1] if row <= len(grid) else []
                    rows.append((row, list(values) + [None] * (last_col - first_col + 1 - len(values))))
                tables[table.name] = RawTable(table.name, sheet.name, headers, header_row, first_col, rows)
        names = {}
        for name in self.book.names:
            try:
                target = name.refers_to_range
            except Exception:  # a name that is not a range (a constant, a formula)
                continue
            first_col, first_row, last_col, last_row = _bounds(target.address)
            grid = self._grid(target.sheet)
            values = [grid[r - 1][c] if r <= len(grid) and c < len(grid[r - 1]) else None
                      for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)]
            ref = target.address.replace("$", "")
            names[name.name.split("!")[-1]] = NamedCell(name.name, target.sheet.name, ref, values)
        hidden = set()
        for sheet in self.book.sheets:
            try:
                if not sheet.visible:
                    hidden.add(sheet.name)
            except Exception:  # the remote engine does not know
                pass
        return RawWorkbook(path=self.path, sheet_names=[s.name for s in self.book.sheets], hidden_sheets=hidden,
                           tables=tables, names=names, flags=self.flags, grids=self.grids)

    def write_checks(self, findings: list[Finding], previous: list[Any]) -> None:
        """Replace the Contrôles rows and the highlights of the previous run with the new ones."""
        from .templates import original_fill

        for check in previous:
            if check.sheet in [s.name for s in self.book.sheets] and check.cell:
                fill = original_fill(check.sheet, check.cell)
                colour = f"#{fill.fgColor.rgb[-6:]}" if fill is not None else None
                self.book.sheets[check.sheet][check.cell].color = colour
        sheet = next(s for s in self.book.sheets if "T_Controles" in [t.name for t in s.tables])
        table = sheet.tables["T_Controles"]
        first_col, header_row, last_col, last_row = _bounds(table.range.address)
        if last_row > header_row:
            sheet.range((header_row + 1, first_col + 1), (last_row, last_col + 1)).clear_contents()
        rows = [[f.severity, f.code, f.sheet, f.cell, f.field, f.value, f.message] for f in findings]
        if rows:
            sheet.range((header_row + 1, first_col + 1)).value = rows
        end = header_row + max(len(rows), 1)
        table.resize(sheet.range((header_row, first_col + 1), (end, last_col + 1)))
        sheet_names = [s.name for s in self.book.sheets]
        for name in sheet_names:
            _delete_own_notes(self.book.sheets[name])
        for check in previous:  # where the notes cannot be listed, at least those of the last run
            if check.sheet in sheet_names and check.cell:
                _write_note(self.book.sheets[check.sheet][check.cell], "")
        for (sheet_name, address), items in by_cell(findings).items():
            if sheet_name not in sheet_names:
                continue
            cell = self.book.sheets[sheet_name][address]
            colour = highlight(items)
            if colour is not None:
                cell.color = "#" + colour
            _write_note(cell, note_text(items))

    def tell(self, message: str) -> None:
        self.book.app.alert(message, title=TITLE)


def _delete_own_notes(sheet: Any) -> None:
    """Delete the notes coopxl wrote on a previous run; keep everybody else's."""
    try:
        notes = list(sheet.notes)
    except (NotImplementedError, AttributeError):  # the remote engine has no notes
        return
    for note in notes:
        if is_coopxl_note(None, note.text):
            note.delete()


def _write_note(cell: Any, text: str) -> None:
    """Put coopxl's note on the cell (none if `text` is empty) unless someone else's note is there."""
    try:
        note = cell.note
        if note is not None:
            if not is_coopxl_note(None, note.text):
                return
            note.delete()
        if text:
            cell.add_note(text)
    except (NotImplementedError, AttributeError):  # the remote engine has no notes
        pass


def _raw_fullname(book: Any) -> str:
    """What Excel itself says the workbook's full name is (a URL for OneDrive/SharePoint)."""
    try:
        return str(book.api.FullName)
    except Exception:
        raise CoopxlError("cloud-folder-unknown", url=book.name) from None


def _local_copy(url: str) -> str:
    """The synchronised local file of a OneDrive/SharePoint URL, using the roots of coopxl.conf."""
    from xlwings.utils import fullname_url_to_local_path

    roots = read_conf(SETTINGS / "coopxl.conf")
    try:
        return fullname_url_to_local_path(url, *(roots.get(key) for key in CLOUD_KEYS))
    except Exception:
        raise CoopxlError("cloud-folder-unknown", url=url) from None


def read_conf(path: Path) -> dict[str, str]:
    """The `"KEY","value"` lines of an xlwings configuration file (cp1252, as the add-in's VBA reads it)."""
    try:
        text = path.read_text(encoding="cp1252")
    except (OSError, UnicodeDecodeError):
        return {}
    values = {}
    for line in text.splitlines():
        found = re.findall(r'"([^"]*)"', line)
        if len(found) >= 2:
            values[found[0].upper()] = os.path.expandvars(found[1])
    return values


# --- the buttons ------------------------------------------------------------------------


def _working_folder(live: LiveWorkbook) -> Path:
    """The working folder: the one of the open plan (…/plans/x.xlsx), else the last one used."""
    from .workspace import REFERENTIAL_NAME

    parent = live.path.resolve().parent
    if parent.name == "plans" and (parent.parent / REFERENTIAL_NAME).is_file():
        _remember(parent.parent)
        return parent.parent
    remembered = SETTINGS / "dossier-de-travail.txt"
    if remembered.is_file():
        folder = Path(remembered.read_text(encoding="utf-8").strip())
        if (folder / REFERENTIAL_NAME).is_file():
            return folder
    raise CoopxlError("no-working-folder")


def _remember(folder: Path) -> None:
    try:
        SETTINGS.mkdir(exist_ok=True)
        (SETTINGS / "dossier-de-travail.txt").write_text(str(folder), encoding="utf-8")
    except OSError:
        pass


def _open_plan(live: LiveWorkbook) -> tuple[Plan, Any]:
    from .reader import plan_from_raw
    from .validation import working_referential

    plan = plan_from_raw(live.raw())
    if not plan.table_sheets:
        raise CoopxlError("not-a-plan", name=live.path.name)
    return plan, working_referential(live.path)


def valider(live: LiveWorkbook, argument: str = "") -> str:
    from .validation import errors_of, validate_plan

    plan, referential = _open_plan(live)
    findings = validate_plan(plan, referential)
    live.write_checks(findings, plan.checks)
    errors = len(errors_of(findings))  # the count of `coopxl valider`
    warnings = sum(f.severity == WARNING for f in findings)
    if not findings:
        return "Contrôle terminé : aucune erreur ni avertissement."
    return (f"Contrôle terminé : {french.count(errors, 'erreur')} et {french.count(warnings, 'avertissement')}. "
            "Les cellules à corriger "
            "sont surlignées ; le détail est dans la feuille « Contrôles ».")


def consolider(live: LiveWorkbook, argument: str = "") -> str:
    from .api import consolidate
    from .workspace import Workspace

    workspace = Workspace(_working_folder(live))
    path = workspace.dashboard_path
    dashboard = consolidate(workspace.root, output=path)
    _open_in_excel(live, path)
    counted = sum(1 for r in dashboard.synthesis if "actions" in r)
    problems = (f" {french.count(len(dashboard.problems), 'fichier')} à vérifier (feuille Contrôles)."
                if dashboard.problems else "")
    return f"Tableau de bord écrit : {path} ({counted} plans, {len(dashboard.actions)} actions).{problems}"


def deliberations(live: LiveWorkbook, argument: str = "") -> str:
    from .documents import ensure_templates, generate_documents
    from .files import slugify
    from .validation import blocking_errors, validate_plan
    from .workspace import Workspace

    plan, referential = _open_plan(live)
    if referential is None:
        raise CoopxlError("no-working-folder")
    errors = blocking_errors(validate_plan(plan, referential))
    if errors:
        raise CoopxlError("plan-has-errors", name=live.path.name, count=len(errors))
    workspace = Workspace(_working_folder(live))
    folder = workspace.documents_folder / slugify(plan.epci_name or live.path.stem)
    # the working folder's customised templates, as `coopxl deliberations` uses
    files = generate_documents(plan, referential, folder, templates=ensure_templates(workspace.custom_templates))
    _open_folder(folder)
    return f"{len(files)} documents écrits dans {folder}."


def fiche_suivi(live: LiveWorkbook, argument: str = "") -> str:
    from .documents import ensure_templates, render
    from .followup import FICHE_SUIVI, fiche_name, followup_context, next_meeting
    from .workspace import Workspace

    plan, referential = _open_plan(live)
    if referential is None:
        raise CoopxlError("no-working-folder")
    today = dt.date.today()
    meeting, _ = next_meeting(plan, today)
    workspace = Workspace(_working_folder(live))
    folder = workspace.followup_folder
    target = folder / fiche_name(plan, live.path, meeting)
    # the working folder's customised template, as `coopxl suivi` uses
    template = ensure_templates(workspace.custom_templates, (FICHE_SUIVI,))[FICHE_SUIVI]
    render(template, followup_context(plan, referential, meeting), target, today)
    _open_folder(folder)
    return f"Fiche de suivi de la réunion du {meeting:%d/%m/%Y} écrite : {target}"


def nouveau_plan(live: LiveWorkbook, argument: str = "") -> str:
    from .workspace import Workspace, create_plan

    path = create_plan(Workspace(_working_folder(live)), argument.strip())
    _open_in_excel(live, path)
    return f"Plan créé : {path}"


BUTTONS: dict[str, Callable[[LiveWorkbook, str], str]] = {
    "btnValider": valider,
    "btnConsolider": consolider,
    "btnDeliberations": deliberations,
    "btnSuivi": fiche_suivi,
    "btnNouveau": nouveau_plan,
}
"""Ribbon button id (customUI.xml) → what it does."""


def on_button(button_id: str, argument: str = "") -> str:
    """Run the action of a ribbon button on the calling workbook; tell the user in French.

    Everything, from importing xlwings to finding the calling workbook, happens inside the
    `try`: whatever fails ends in a French message box, never in xlwings' traceback window
    (Python exits normally, so the add-in's VBA has nothing to show).
    """
    live: LiveWorkbook | None = None
    try:
        import xlwings as xw

        try:
            book = xw.Book.caller()
        except Exception:
            _log().exception("Book.caller (bouton %s)", button_id)
            raise CoopxlError("caller-unavailable") from None
        live = LiveWorkbook(book)
        action = BUTTONS.get(button_id)
        if action is None:
            raise CoopxlError("unknown-button", value=button_id)
        message = action(live, argument)
    except CoopxlError as error:
        message = f"Erreur : {error.message}"
    except Exception as error:  # never a traceback window: the details go to the log
        _log().exception("bouton %s", button_id)
        message = (f"Erreur inattendue ({type(error).__name__}). Le détail est dans "
                   f"{SETTINGS / 'coopxl.log'} ; transmettez-le à l'équipe coopxl.")
    message = french_typography(message)
    _tell(live, message)
    return message


def _tell(live: LiveWorkbook | None, message: str) -> None:
    """Excel's message box through xlwings, else the system's (no workbook to speak through)."""
    if live is not None:
        try:
            live.tell(message)
            return
        except Exception:
            _log().exception("alert")
    message_box(message)


def message_box(message: str) -> None:
    """A message box without Excel's help (Windows), else the message on stderr."""
    if sys.platform.startswith("win"):
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, message, TITLE, 0x40 | 0x10000)  # type: ignore[attr-defined]
    else:
        print(message, file=sys.stderr)


def _log() -> logging.Logger:
    """The log of the buttons, in the settings folder (the one of the moment: tests move it).

    `logging` is imported here, when something goes wrong: 5 ms of every click otherwise."""
    import logging

    logger = logging.getLogger("coopxl.excel")
    target = SETTINGS / "coopxl.log"
    if any(isinstance(h, logging.FileHandler) and Path(h.baseFilename) == target.absolute() for h in logger.handlers):
        return logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    try:
        SETTINGS.mkdir(exist_ok=True)
        logger.addHandler(logging.FileHandler(target, encoding="utf-8"))
    except OSError:
        logger.addHandler(logging.NullHandler())
    return logger


def _open_in_excel(live: LiveWorkbook, path: Path) -> None:
    try:
        live.book.app.books.open(str(path))
    except Exception:  # the remote engine and some Excel states cannot open a file: the message says where it is
        pass


def _open_folder(folder: Path) -> None:
    try:
        if sys.platform.startswith("win"):
            os.startfile(folder)  # type: ignore[attr-defined]
        elif sys.platform == "darwin":
            subprocess.run(["open", str(folder)], check=False)
    except OSError:
        pass
