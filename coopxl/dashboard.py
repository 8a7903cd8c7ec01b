"""Writing the dashboard workbook `sorties/tableau-de-bord.xlsx` (XlsxWriter).

Every text from a plan is written with `write_string` (never a formula, never a link);
text that Excel would take for a formula when re-edited gets a quote prefix. The file is
written to a temporary name and renamed only once complete.

The workbook is made to be printed for the bureau and the comité syndical: every sheet is
set for A4 landscape at a fixed readable scale (a wide table continues on the next pages,
its identifying column repeated, rather than shrinking to one page wide), with print
titles, a print area, margins, a header and a footer. Table headers carry their own font
and fill colours, because LibreOffice does not draw Excel's table styles.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import french
from .consolidation import ACTION_STATUS_KEYS, Dashboard, calendar_columns_of, charter_columns
from .files import atomic_write
from .formats import readable_scale, wrapped_lines
from .marks import FORMULA_STARTS as _FORMULA_STARTS
from .schema import (
    ACTION_STATUSES,
    DASHBOARD_ACTIONS,
    DASHBOARD_CALENDAR,
    DASHBOARD_CHARTER,
    DASHBOARD_CHECKS,
    DASHBOARD_COMMITTEE,
    DASHBOARD_FUNDER_SHEET,
    DASHBOARD_FUNDER_SUMMARY,
    DASHBOARD_FUNDINGS,
    DASHBOARD_SYNTHESIS,
    DASHBOARD_TEAM,
    NUMBER_FORMATS,
    Column,
    Kind,
    Table,
)

if TYPE_CHECKING:
    from .consolidation import Reading
    from .workspace import Workspace

TITLE = "Plans de coopération — tableau de bord"
HEADER_ROW = 3
"""0-based row of the tables' headers: title on row 0, date on row 1."""
HEADER_FONT, HEADER_FILL = "#FFFFFF", "#1F4E79"
"""Table headers: white on dark blue (contrast 9:1), written on the cells themselves."""
PRINT_SCALE = 80
"""Percent. Arial 10 printed at 80 % is 8 pt: the smallest size the comité reads comfortably."""
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.7, "bottom": 0.6}
"""Inches; the header and footer sit in the top and bottom margins."""
FONT = "Arial"
"""Arial, not Calibri: LibreOffice has a metric twin of it everywhere (Liberation Sans), so
columns, wrapping and page breaks come out the same in Excel and in LibreOffice."""
LINE_HEIGHT = 12.75
"""Points per line of Arial 10, for the heights of rows of wrapped text."""
WIDTH_SAMPLE = 2000
"""Rows looked at to size a column from its content (enough for any real dashboard)."""
CHART_PAGE_HEIGHT = 660
"""Pixels: the most a chart may take to fit a landscape page at PRINT_SCALE under the repeated header."""
COMMITTEE_CHART_WIDTH = 600
"""Pixels: the first chart of the comité sheet, wide enough for the EPCI names to stay on one
line (LibreOffice skips labels that wrap); the second one takes the rest of the table's width."""
STREAM_FROM_CELLS = 300_000
"""Cells of the two longest sheets from which every sheet is written row by row to a temporary
file (XlsxWriter's constant_memory mode; about 90 plans of 60 actions): memory then stays flat
(3 million cells for 1,000 plans). Below, the workbook is built in memory, which is faster (a
text repeated in many cells is written once, as a shared string)."""
ASSEMBLED_IN_MEMORY_BELOW = 100_000
"""Cells of the two longest sheets below which the workbook's parts are assembled in memory
rather than in temporary files (XlsxWriter's in_memory option): 19 ms of 290 for 13 plans of 60
actions (42,000 cells), for 7 MiB more at the peak; 40 MiB more at 100 plans, where it is not used."""
ACTIONS_TITLE = "Toutes les actions"
FUNDINGS_TITLE = "Plans de financement"
CHARTER_SHEET = "Charte"
CALENDAR_SHEET = "Calendrier"
CALENDAR_TITLE = "Calendrier des actions (années de réalisation)"
_SHOWN_LENGTH = {Kind.DATE: 10, Kind.PERCENT: 5}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_PLAIN_SERIAL_DAY = dt.date(1900, 3, 1)
"""From this day on, a date's Excel serial number is its distance to _EXCEL_EPOCH (before it,
Excel counts a 29 February 1900 that never was)."""


def write_dashboard(dashboard: Dashboard, path: Path) -> Path:
    """Write the dashboard workbook to `path` atomically; refuses if it is open in Excel."""
    from .parallel import collector_paused

    with atomic_write(path) as temporary, collector_paused():
        cells = streamed_size(dashboard)
        writer = DashboardWriter(temporary, files=dashboard.files, generated_at=dashboard.generated_at,
                                 years=dashboard.years, constant_memory=cells >= STREAM_FROM_CELLS,
                                 assembled_in_memory=cells < ASSEMBLED_IN_MEMORY_BELOW)
        with writer.abandoned_on_error():
            writer.add_plan_rows(dashboard.actions, dashboard.fundings, dashboard.calendar)
            writer.finish(dashboard)
    return path


def consolidate_into(workspace: Workspace, output: Path, *, today: dt.date | None = None, jobs: int | None = None,
                     progress: Callable[[Sequence[Path], str], Iterable[Path]] | None = None) -> Dashboard:
    """`consolidation.consolidate`, and the dashboard written to `output` (atomically).

    A dashboard written row by row (STREAM_FROM_CELLS) is written while the plans are read:
    the rows of each plan as it comes (`consolidation.Reading`), the other sheets once all are
    read. If the plans read are not those foretold (a plan saved again meanwhile), it is
    written again from the dashboard computed. Either way the file is the one
    `write_dashboard(consolidate(...))` writes. Refused at once while the dashboard is open in Excel."""
    from .consolidation import Reading
    from .files import refuse_if_output_open

    refuse_if_output_open(output)  # before reading the plans, not after
    with Reading(workspace, stream_from_cells=STREAM_FROM_CELLS, today=today, jobs=jobs, progress=progress,
                 meanwhile=load_writer) as reading:
        if reading.streamed:
            return _written_as_read(reading, output)
        dashboard = reading.dashboard()
    write_dashboard(dashboard, output)  # once the workers are gone: the writing may fork (xlsxwriter_fork)
    return dashboard


def _written_as_read(reading: Reading, output: Path) -> Dashboard:
    """The dashboard written row by row while `reading` reads the plans; again if not as foretold."""
    with atomic_write(output) as temporary:  # the collector is paused while `reading` lasts
        writer = DashboardWriter(temporary, files=len(reading.files), generated_at=reading.now,
                                 years=reading.years, constant_memory=True)
        with writer.abandoned_on_error():
            for rows in reading.plan_rows():
                writer.add_plan_rows(*rows)
            dashboard = reading.dashboard()
            foretold = reading.as_foretold(dashboard)
            if foretold:
                writer.finish(dashboard)
        if not foretold:
            writer.abandon()
            write_dashboard(dashboard, temporary)
    return dashboard


def load_writer() -> None:
    """Import XlsxWriter ahead of `write_dashboard` (30 ms), while the plans are being read."""
    import xlsxwriter  # noqa: F401


def streamed_size(d: Dashboard) -> int:
    """Cells of the Actions and Financements sheets, which decide how the workbook is written."""
    return len(d.actions) * len(DASHBOARD_ACTIONS.columns) + len(d.fundings) * len(DASHBOARD_FUNDINGS.columns)


def funder_table(d: Dashboard) -> tuple[list[Column], list[dict[str, Any]]]:
    """The EPCI × funder summary: one row per EPCI, one column per funder, a total row.

    EPCIs are rows (not columns) so the sheet stays narrow with many EPCIs: XlsxWriter's
    cost grows with rows × columns of the sheet's used area."""
    keys = [f"funder_{index}" for index in range(len(d.funder_summary))]
    columns = [Column("EPCI", "epci", width=34)] + [
        Column(row["funder"] if row["funder"] not in ("EPCI", "Total") else f"{row['funder']} (financeur)",
               key, Kind.AMOUNT, width=16) for key, row in zip(keys, d.funder_summary)] + [
        Column("Total", "total", Kind.AMOUNT, width=14)]
    rows = []
    for epci in d.epci_columns:
        row: dict[str, Any] = {"epci": epci}
        row.update({key: funder.get(epci, 0.0) for key, funder in zip(keys, d.funder_summary)})
        row["total"] = sum(row[key] for key in keys)
        rows.append(row)
    total = {"epci": "Total", **{key: funder["total"] for key, funder in zip(keys, d.funder_summary)}}
    total["total"] = sum(funder["total"] for funder in d.funder_summary)
    return columns, rows + [total]


def committee_rows(d: Dashboard) -> list[dict[str, Any]]:
    """The key figures per EPCI of the « Synthèse pour le comité », and their total."""
    keys = DASHBOARD_COMMITTEE.keys
    rows = [{key: row.get(key) for key in keys} for row in d.synthesis]
    total: dict[str, Any] = {"epci": "Total"}
    for column in DASHBOARD_COMMITTEE.columns:
        if column.kind in (Kind.INTEGER, Kind.AMOUNT):
            total[column.key] = sum(row[column.key] or 0 for row in rows)
    return rows + [total]


def text_width(column: Column, rows: Sequence[dict[str, Any]]) -> float:
    """A column's width from its content: the longest value shown, within sensible bounds.

    Headers wrap, so only their longest word counts. Long texts keep the schema's width
    (they wrap); other columns never exceed it by much, so a stray long value wraps instead."""
    if column.wraps:
        return column.display_width
    longest = max((len(word) for word in column.header.split()), default=4) + 1
    values = [value for value in (row.get(column.key) for row in rows[:WIDTH_SAMPLE])
              if value is not None and value != ""]
    if values:
        longest = max(longest, _longest_shown(column, values))
    return float(min(max(longest + 2, 6), max(column.display_width, 12) + 8))


def _longest_shown(column: Column, values: list[Any]) -> int:
    """The length of the longest of `values` as the column shows it."""
    shown = _SHOWN_LENGTH.get(column.kind)
    if shown is not None:
        return shown
    floats = [value for value in values if type(value) is float]
    integers = [value for value in values if type(value) is int]
    lengths = [len(str(value)) for value in values if type(value) is not float and type(value) is not int]
    # The longest number shown is the largest or the most negative one: two to format, not all.
    if column.kind is Kind.AMOUNT:
        lengths += [len(f"{value:,.0f}") + 2 for value in _extremes(floats + integers)]
    else:
        lengths += [len(f"{value:,.1f}") for value in _extremes(floats)]
        lengths += [len(str(value)) for value in _extremes(integers)]
    return max(lengths)


def _extremes(numbers: list[Any]) -> tuple[Any, ...]:
    """The largest and the smallest of `numbers` (none when empty)."""
    return (max(numbers), min(numbers)) if numbers else ()


SHEETS = (DASHBOARD_COMMITTEE.sheet, DASHBOARD_SYNTHESIS.sheet, DASHBOARD_ACTIONS.sheet, DASHBOARD_FUNDINGS.sheet,
          DASHBOARD_FUNDER_SHEET, CHARTER_SHEET, DASHBOARD_TEAM.sheet, CALENDAR_SHEET, DASHBOARD_CHECKS.sheet)
"""The dashboard's sheets, in their order in the workbook."""


class DashboardWriter:
    """The dashboard workbook, written in two steps: the rows of the three longest sheets (all
    actions, all funding lines, the calendar), plan by plan, as they come; then, once every
    plan is read, `finish` writes the other sheets from the `Dashboard` and closes the file.

    `consolidate_into` gives the rows of each plan while the next ones are being read;
    `write_dashboard` gives them all at once. Either way the workbook is the same."""

    def __init__(self, path: Path, *, files: int, generated_at: dt.datetime, years: Sequence[int],
                 constant_memory: bool, assembled_in_memory: bool = False) -> None:
        from . import xlsxwriter_fork

        self.files = files
        self.constant_memory = constant_memory
        self.book = xlsxwriter_fork.workbook(str(path), {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "default_date_format": NUMBER_FORMATS[Kind.DATE], "constant_memory": constant_memory,
            "in_memory": assembled_in_memory and not constant_memory,
            "default_format_properties": {"font_name": FONT, "font_size": 10}})
        self.book.set_properties({"title": TITLE, "author": "coopxl", "created": generated_at})
        self.formats = {kind: self.book.add_format({"num_format": NUMBER_FORMATS[kind], "valign": "top"})
                        for kind in (Kind.DATE, Kind.AMOUNT, Kind.INTEGER, Kind.NUMBER, Kind.PERCENT)}
        self.totals = {kind: self.book.add_format({"num_format": NUMBER_FORMATS[kind], "bold": True, "top": 1})
                       for kind in (Kind.TEXT, Kind.AMOUNT, Kind.INTEGER)}
        self.text = self.book.add_format({"valign": "top"})
        self.wrap = self.book.add_format({"valign": "top", "text_wrap": True})
        self.quoted = self.book.add_format({"valign": "top", "quote_prefix": True})
        self.quoted_wrap = self.book.add_format({"valign": "top", "quote_prefix": True, "text_wrap": True})
        self.header = self.book.add_format({"bold": True, "font_color": HEADER_FONT, "bg_color": HEADER_FILL,
                                            "pattern": 1, "text_wrap": True, "valign": "top",
                                            "border": 1, "border_color": "#FFFFFF"})
        self.title = self.book.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E79"})
        self.subtitle = self.book.add_format({"italic": True, "font_color": "#595959"})
        self.section = self.book.add_format({"bold": True, "font_color": "#1F4E79"})
        self.mark = self.book.add_format({"align": "center", "bg_color": "#9BC2E6", "font_color": "#1F4E79"})
        self.last_columns: dict[str, int] = {}
        self.consolidated_on = f"Consolidé le {french.date_long(generated_at.date())} à {generated_at:%H:%M}"
        # Every sheet now, in its order; each is filled when its rows are known.
        self.sheets = {name: self.book.add_worksheet(name) for name in SHEETS}
        self.years = list(years)
        self.actions = self.streamed_table(ACTIONS_TITLE, DASHBOARD_ACTIONS)
        self.fundings = self.streamed_table(FUNDINGS_TITLE, DASHBOARD_FUNDINGS)
        self.calendar = self.streamed_table(CALENDAR_TITLE, Table(DASHBOARD_CALENDAR, CALENDAR_SHEET,
                                                                  tuple(calendar_columns_of(self.years)), ""))

    def streamed_table(self, title: str, table: Table) -> _TableWriter:
        sheet = self.sheets[table.sheet]
        self.headings(sheet, title)
        return _TableWriter(self, sheet, table)

    def add_plan_rows(self, actions: Iterable[dict[str, Any]], fundings: Iterable[dict[str, Any]],
                      calendar: Iterable[dict[str, Any]]) -> None:
        """Rows of the Actions, Financements and Calendrier sheets, after those already given."""
        self.actions.add(actions)
        self.fundings.add(fundings)
        self.calendar.add(calendar)

    @contextmanager
    def abandoned_on_error(self) -> Iterator[None]:
        """On an error, the sheets' temporary files (constant_memory) removed: close() alone does it."""
        try:
            yield
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        """Give up this workbook: nothing is written, its temporary files are removed (and the
        workbook marked closed, so that nothing writes it afterwards)."""
        for sheet in self.book.worksheets():
            if sheet.constant_memory and not sheet.row_data_fh_closed:
                sheet._opt_close()
                Path(sheet.row_data_filename).unlink(missing_ok=True)
        self.book.fileclosed = True

    def finish(self, d: Dashboard) -> None:
        """Every other sheet from the consolidated tables; the file is written."""
        self.dashboard = d
        for title, table, frozen in ((ACTIONS_TITLE, self.actions, 1), (FUNDINGS_TITLE, self.fundings, 1),
                                     (CALENDAR_TITLE, self.calendar, 3)):
            self.set_up(table.sheet, title, table.table, table.finish(), table.count, frozen=frozen)
        if self.calendar.count and self.years:
            last = len(self.calendar.table.columns) - 1
            self.calendar.sheet.conditional_format(HEADER_ROW + 1, last - len(self.years) + 1,
                                                   HEADER_ROW + self.calendar.count, last,
                                                   {"type": "cell", "criteria": "==", "value": '"●"',
                                                    "format": self.mark})
        synthesis = self.sheet("Synthèse par EPCI", DASHBOARD_SYNTHESIS, d.synthesis, frozen=1)
        columns, rows = funder_table(d)
        funders = self.sheet("Montants par EPCI et par financeur (hors financements refusés)",
                             Table(DASHBOARD_FUNDER_SUMMARY, DASHBOARD_FUNDER_SHEET, tuple(columns), ""), rows,
                             frozen=1, total=True)
        self.sheet("Actions par mesure de la charte et par EPCI",
                   Table(DASHBOARD_CHARTER, CHARTER_SHEET, tuple(charter_columns(d)), ""), d.charter, frozen=2)
        self.sheet("Charge de l'équipe du Parc", DASHBOARD_TEAM, d.team, frozen=1)
        self.sheet("Erreurs et avertissements de tous les plans", DASHBOARD_CHECKS, d.checks, frozen=1)
        self.committee(self.sheets[DASHBOARD_COMMITTEE.sheet])
        self.charts(synthesis, funders, len(rows))
        self.book.close()

    def sheet(self, title: str, table: Table, rows: Sequence[dict[str, Any]], *, frozen: int,
              total: bool = False) -> Any:
        """A sheet holding one table under its title, set up for screen and paper."""
        sheet = self.sheets[table.sheet]
        self.headings(sheet, title)
        widths = self.table(sheet, table, rows, total=total)
        return self.set_up(sheet, title, table, widths, len(rows), frozen=frozen)

    def set_up(self, sheet: Any, title: str, table: Table, widths: list[float], rows: int, *, frozen: int) -> Any:
        sheet.freeze_panes(HEADER_ROW + 1, frozen)
        self.print_setup(sheet, title, last_row=HEADER_ROW + max(rows, 1), widths=widths)
        self.last_columns[table.sheet] = len(widths) - 1
        return sheet

    def headings(self, sheet: Any, title: str) -> None:
        sheet.write_string(0, 0, f"{TITLE} — {title}", self.title)
        files = french.count(self.files, "fichier")
        sheet.write_string(1, 0, f"{self.consolidated_on}, à partir de {files} du dossier plans/.", self.subtitle)

    def print_setup(self, sheet: Any, title: str, *, last_row: int, widths: list[float],
                    one_page: bool = False) -> None:
        """A4 landscape, margins, header and footer, print titles and area, readable scale."""
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.set_margins(**MARGINS)
        sheet.set_header(_header_text(f"&L&\"-,Bold\"{TITLE}&C{title}&R{self.consolidated_on}"), {"margin": 0.3})
        sheet.set_footer("&L&A&Rpage &P / &N", {"margin": 0.3})
        # From the table's header: the page header already gives the title and the date, and the
        # title cell, cut by the repeated first column, would head every continuation page.
        sheet.print_area(0 if one_page else HEADER_ROW, 0, last_row, len(widths) - 1)
        if one_page:
            sheet.fit_to_pages(1, 1)
            return
        sheet.repeat_rows(HEADER_ROW)
        sheet.repeat_columns(0)
        sheet.print_across()
        # One page wide when that stays readable; else the columns continue on the next pages.
        sheet.set_print_scale(readable_scale(widths, landscape=True, side_margins=MARGINS["left"] + MARGINS["right"],
                                             minimum=PRINT_SCALE))

    def table(self, sheet: Any, table: Table, rows: Sequence[dict[str, Any]], *, total: bool = False) -> list[float]:
        """Write `rows` as the Excel table `table` under the headings; return the column widths set.

        With `total`, the last row is a total row, in bold under a rule."""
        writer = _TableWriter(self, sheet, table, total=total, sample=rows[:WIDTH_SAMPLE])
        writer.write(rows)
        return writer.finish()

    def other_value(self, sheet: Any, row: int, col: int, value: Any, number_format: Any) -> None:
        """A value that is neither text nor a plain int/float: yes/no, a date, another number."""
        if isinstance(value, bool):
            sheet.write_string(row, col, "Oui" if value else "Non", self.text)
        elif type(value) is dt.date and value >= _FIRST_PLAIN_SERIAL_DAY:
            # Excel's serial day number, as write_datetime computes it (at a fifth of the cost)
            sheet.write_number(row, col, (value - _EXCEL_EPOCH).days, self.formats[Kind.DATE])
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, value if isinstance(value, dt.datetime)
                                 else dt.datetime(value.year, value.month, value.day), self.formats[Kind.DATE])
        else:
            sheet.write_number(row, col, value, number_format)

    def committee(self, sheet: Any) -> None:
        """The « Synthèse pour le comité »: key figures per EPCI and the two charts, on one A4 page."""
        title = "Synthèse pour le comité"
        self.headings(sheet, title)
        rows = committee_rows(self.dashboard)
        widths = self.table(sheet, DASHBOARD_COMMITTEE, rows, total=True)
        sheet.freeze_panes(HEADER_ROW + 1, 1)
        self.committee_top = HEADER_ROW + len(rows) + 2
        self.committee_sheet = sheet
        self.committee_width = int(sum(width * 7 + 5 for width in widths))
        self.print_setup(sheet, title, last_row=self.committee_top + self.committee_chart_rows(),
                         widths=widths, one_page=True)

    def committee_chart_rows(self) -> int:
        """Rows the two charts of the comité sheet cover (20 px a row)."""
        return math.ceil(self.committee_chart_height() / 20) + 1

    def committee_chart_height(self) -> int:
        return max(300, 100 + 26 * len(self.dashboard.synthesis))

    def status_chart(self, height: int, width: int, font_size: int) -> Any:
        """Actions by status per EPCI: one bar per EPCI, every name on the axis."""
        rows = len(self.dashboard.synthesis)
        first = [c.key for c in DASHBOARD_SYNTHESIS.columns].index(ACTION_STATUS_KEYS[0])
        chart = self.book.add_chart({"type": "bar", "subtype": "stacked"})
        for offset, status in enumerate(ACTION_STATUSES):
            chart.add_series({
                "name": status, "gap": 40,
                "categories": [DASHBOARD_SYNTHESIS.sheet, HEADER_ROW + 1, 0, HEADER_ROW + rows, 0],
                "values": [DASHBOARD_SYNTHESIS.sheet, HEADER_ROW + 1, first + offset, HEADER_ROW + rows,
                           first + offset]})
        chart.set_title({"name": "Actions par statut et par EPCI", "name_font": {"size": font_size + 2, "name": FONT}})
        # In a bar chart the y axis holds the categories: one label per EPCI, none skipped.
        chart.set_y_axis({"reverse": True, "num_font": {"size": font_size, "name": FONT}, "interval_unit": 1})
        chart.set_x_axis({"num_font": {"size": font_size, "name": FONT}, "major_gridlines": {"visible": True}})
        chart.set_legend({"position": "bottom", "font": {"size": font_size, "name": FONT}})
        chart.set_size({"width": width, "height": height})
        return chart

    def funding_chart(self, total_row: int, height: int, width: int, font_size: int) -> Any:
        """Funding by funder (totals of the funder × EPCI table)."""
        last_col = len(self.dashboard.funder_summary)
        chart = self.book.add_chart({"type": "bar"})
        chart.add_series({
            "name": "Montant (€ HT)", "gap": 40,
            "categories": [DASHBOARD_FUNDER_SHEET, HEADER_ROW, 1, HEADER_ROW, last_col],
            "values": [DASHBOARD_FUNDER_SHEET, total_row, 1, total_row, last_col],
            "data_labels": {"value": True, "num_format": NUMBER_FORMATS[Kind.AMOUNT],
                            "font": {"size": font_size, "name": FONT}}})
        chart.set_title({"name": "Financements par financeur (hors refusés)",
                         "name_font": {"size": font_size + 2, "name": FONT}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True, "num_font": {"size": font_size, "name": FONT}, "interval_unit": 1})
        # The axis without « € » (named once in its title): its labels stay short enough to all show.
        chart.set_x_axis({"num_format": "#,##0", "num_font": {"size": font_size, "name": FONT},
                          "name": "€ HT", "name_font": {"size": font_size, "name": FONT, "bold": False},
                          "major_gridlines": {"visible": True}})
        chart.set_size({"width": width, "height": height})
        return chart

    def charts(self, synthesis: Any, funders: Any, funder_rows: int) -> None:
        d = self.dashboard
        rows = len(d.synthesis)
        committee_height = self.committee_chart_height()
        if rows:
            below = HEADER_ROW + rows + 3
            height = min(CHART_PAGE_HEIGHT, 140 + 30 * rows)
            synthesis.set_h_pagebreaks([below - 1])  # the chart on a page of its own, never cut
            synthesis.insert_chart(below, 0, self.status_chart(height, 1000, 10))
            synthesis.print_area(HEADER_ROW, 0, below + math.ceil(height / 20) + 1, self.last_columns[synthesis.name])
            self.committee_sheet.insert_chart(self.committee_top, 0,
                                              self.status_chart(committee_height, COMMITTEE_CHART_WIDTH, 8))
        if d.funder_summary:
            total_row = HEADER_ROW + funder_rows  # the summary's last row holds the totals
            below = total_row + 3
            height = min(CHART_PAGE_HEIGHT, 140 + 30 * len(d.funder_summary))
            funders.set_h_pagebreaks([below - 1])
            funders.insert_chart(below, 0, self.funding_chart(total_row, height, 1000, 10))
            funders.print_area(HEADER_ROW, 0, below + math.ceil(height / 20) + 1, self.last_columns[funders.name])
            self.committee_sheet.insert_chart(self.committee_top, 0, self.funding_chart(
                total_row, committee_height, max(300, self.committee_width - COMMITTEE_CHART_WIDTH - 24), 8),
                {"x_offset": COMMITTEE_CHART_WIDTH + 16})


class _TableWriter:
    """One Excel table of a sheet, under the sheet's headings, its rows given in one or more batches.

    Rows must come in order in constant_memory mode, the header row first. Given a `sample`
    (the rows, or their first WIDTH_SAMPLE, of a table written in one batch), the columns are
    sized from it and the header row's height from those widths. Without one (the three longest
    sheets, written plan by plan as the plans are read), the header row's height comes from
    the narrowest widths the columns can take (widths only grow with content: no header is
    ever cut), and the widths from the first WIDTH_SAMPLE rows, once written."""

    def __init__(self, writer: DashboardWriter, sheet: Any, table: Table, *, total: bool = False,
                 sample: Sequence[dict[str, Any]] | None = None) -> None:
        self.writer, self.sheet, self.table, self.total = writer, sheet, table, total
        self.sized = sample is not None
        self.sample: list[dict[str, Any]] = list(sample or ())
        self.count = 0
        self.last: dict[str, Any] | None = None
        columns = table.columns
        self.wrapped = [(column.key, column.display_width) for column in columns if column.wraps]
        self.plan = [(index, column.key, writer.wrap if column.wraps else writer.text,
                      writer.quoted_wrap if column.wraps else writer.quoted,
                      writer.formats.get(column.kind, writer.text)) for index, column in enumerate(columns)]
        self.widths = [text_width(column, self.sample) for column in columns]
        if self.sized:
            self.set_widths()
        header_lines = max((wrapped_lines(c.header, w) for c, w in zip(columns, self.widths)), default=1)
        sheet.set_row(HEADER_ROW, LINE_HEIGHT * header_lines + 2)
        for index, column in enumerate(columns):
            sheet.write_string(HEADER_ROW, index, column.header, writer.header)

    def set_widths(self) -> None:
        for index, (column, width) in enumerate(zip(self.table.columns, self.widths)):
            self.sheet.set_column(index, index, width, self.writer.wrap if column.wraps else None)

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        """Rows after those already written."""
        if not self.sized and len(self.sample) < WIDTH_SAMPLE:
            rows = iter(rows)
            head = list(islice(rows, WIDTH_SAMPLE - len(self.sample)))
            self.sample += head
            self.write(head)
        self.write(rows)

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """The hot loop of a large consolidation (3 million cells for 1,000 plans): text and
        numbers are written here directly, through XlsxWriter's `_write_string` and
        `_write_number` (what its public methods call once a decorator has checked that the cell
        is not given as "A1": a sixth of the loop; its public methods if it has them no more);
        other values go through `other_value`."""
        sheet, plan, wrapped, other_value = self.sheet, self.plan, self.wrapped, self.writer.other_value
        write_string = getattr(sheet, "_write_string", sheet.write_string)
        write_number = getattr(sheet, "_write_number", sheet.write_number)
        set_row = sheet.set_row
        row_number = HEADER_ROW + self.count
        row = None
        for row in rows:
            row_number += 1
            for index, key, text_format, quoted, number_format in plan:
                value = row.get(key)
                if isinstance(value, str):
                    if value:
                        write_string(row_number, index, value,
                                     quoted if value.startswith(_FORMULA_STARTS) else text_format)
                elif type(value) is float or type(value) is int:
                    write_number(row_number, index, value, number_format)
                elif value is not None:
                    other_value(sheet, row_number, index, value, number_format)
            if wrapped:
                # Neither Excel nor LibreOffice sizes these rows when printing: heights are set here.
                lines = max(wrapped_lines(row[key], width) if isinstance(row.get(key), str) else 1
                            for key, width in wrapped)
                if lines > 1:
                    set_row(row_number, min(LINE_HEIGHT * lines + 2, 409))
        if row is not None:
            self.count = row_number - HEADER_ROW
            self.last = row

    def finish(self) -> list[float]:
        """The total row if any, and the Excel table over the rows; returns the column widths."""
        if not self.sized:
            self.widths = [text_width(column, self.sample) for column in self.table.columns]
            self.set_widths()
        columns, sheet, totals = self.table.columns, self.sheet, self.writer.totals
        if self.total and self.last is not None:
            for index, column in enumerate(columns):
                value = self.last.get(column.key)
                bold = totals.get(column.kind, totals[Kind.TEXT])
                if isinstance(value, str):
                    sheet.write_string(HEADER_ROW + self.count, index, value, bold)
                elif isinstance(value, (int, float)):
                    sheet.write_number(HEADER_ROW + self.count, index, value, bold)
                else:
                    sheet.write_blank(HEADER_ROW + self.count, index, None, bold)
        _add_table(sheet, HEADER_ROW, HEADER_ROW + max(self.count, 1), len(columns) - 1, {
            "name": self.table.name, "style": "Table Style Light 1", "autofilter": True,
            "columns": [{"header": c.header, "header_format": self.writer.header} for c in columns]})
        return self.widths


class _NoRecord(dict):
    """A dict that keeps nothing: XlsxWriter's per-cell record of table ranges."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _add_table(sheet: Any, top: int, last_row: int, last_column: int, options: dict[str, Any]) -> None:
    """An Excel table over cells already written, also on a constant_memory sheet.

    XlsxWriter refuses tables in constant_memory mode only because it writes their header
    cells itself, in rows already flushed; the caller wrote them, in order. So: the mode is off
    for this one call, the cells add_table puts in the row buffer are discarded, and its
    record of every cell of the range (to refuse overlaps; 3 million entries, 300 MB, for
    1,000 plans) is not kept: a dashboard sheet holds one table and no merged cell.
    Relies on XlsxWriter 3.x internals (`constant_memory`, `table`, `table_cells`); the
    dashboard tests read every table back."""
    if not sheet.constant_memory:
        sheet.add_table(top, 0, last_row, last_column, options)
        return
    pending = {row: dict(cells) for row, cells in sheet.table.items()}
    record, sheet.table_cells = sheet.table_cells, _NoRecord()
    sheet.constant_memory = False
    try:
        sheet.add_table(top, 0, last_row, last_column, options)
    finally:
        sheet.constant_memory = True
        sheet.table_cells = record
        sheet.table.clear()
        sheet.table.update(pending)


def _header_text(text: str) -> str:
    """A print header within Excel's 255 characters (its codes such as &L are not escaped)."""
    return text[:255]


def write_table_workbook(temporary: Path, title: str, sheet_name: str, table_name: str, headers: Sequence[str],
                         rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
    """A one-table workbook of texts (a title, then an Excel table) saved to `temporary`."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(temporary), {"strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(sheet_name)
    quoted = book.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"})
    plain = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 13}))
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    for row_number, row in enumerate(rows, start=3):
        for column, value in enumerate(row):
            sheet.write_string(row_number, column, value, quoted if value.startswith(_FORMULA_STARTS) else plain)
    sheet.add_table(2, 0, 2 + max(len(rows), 1), len(headers) - 1,
                    {"name": table_name, "columns": [{"header": h} for h in headers],
                     "style": "Table Style Medium 2"})
    sheet.freeze_panes(3, 0)
    book.close()
