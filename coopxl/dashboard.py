"""Writing the dashboard workbook `sorties/tableau-de-bord.xlsx` (XlsxWriter).

Every text from a plan is written with `write_string` (never a formula, never a link);
text that Excel would take for a formula when re-edited gets a quote prefix. The file is
written to a temporary name and renamed only once complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import french
from .consolidation import ACTION_STATUS_KEYS, Dashboard, calendar_columns, charter_columns
from .files import atomic_write
from .schema import (
    ACTION_STATUSES,
    DASHBOARD_ACTIONS,
    DASHBOARD_CALENDAR,
    DASHBOARD_CHARTER,
    DASHBOARD_CHECKS,
    DASHBOARD_FUNDER_SUMMARY,
    DASHBOARD_FUNDINGS,
    DASHBOARD_SYNTHESIS,
    DASHBOARD_TEAM,
    Column,
    Kind,
    Table,
)

TITLE = "Plans de coopération — tableau de bord"
HEADER_ROW = 3
"""0-based row of the tables' headers: title on row 0, date on row 1."""
_NUMBER_FORMATS = {
    Kind.DATE: "dd/mm/yyyy", Kind.AMOUNT: '#,##0 "€"', Kind.INTEGER: "0", Kind.NUMBER: "#,##0.0",
    Kind.PERCENT: '0.0" %"',
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_dashboard(dashboard: Dashboard, path: Path) -> Path:
    """Write the dashboard workbook to `path` atomically; refuses if it is open in Excel."""
    with atomic_write(path) as temporary:
        _Writer(dashboard, temporary).write()
    return path


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


class _Writer:
    def __init__(self, dashboard: Dashboard, path: Path) -> None:
        import xlsxwriter

        self.dashboard = dashboard
        self.book = xlsxwriter.Workbook(str(path), {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "default_date_format": "dd/mm/yyyy", "constant_memory": False})
        self.book.set_properties({"title": TITLE, "author": "coopxl", "created": dashboard.generated_at})
        self.formats = {kind: self.book.add_format({"num_format": fmt, "valign": "top"})
                        for kind, fmt in _NUMBER_FORMATS.items()}
        self.text = self.book.add_format({"valign": "top"})
        self.wrap = self.book.add_format({"valign": "top", "text_wrap": True})
        self.quoted = self.book.add_format({"valign": "top", "quote_prefix": True})
        self.title = self.book.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E79"})
        self.subtitle = self.book.add_format({"italic": True, "font_color": "#595959"})
        self.mark = self.book.add_format({"align": "center", "bg_color": "#9BC2E6", "font_color": "#1F4E79"})

    def write(self) -> None:
        d = self.dashboard
        synthesis = self.sheet("Synthèse", "Synthèse par EPCI", DASHBOARD_SYNTHESIS, d.synthesis)
        self.sheet("Actions", "Toutes les actions", DASHBOARD_ACTIONS, d.actions)
        fundings = self.sheet("Financements", "Plans de financement", DASHBOARD_FUNDINGS, d.fundings)
        summary_row = HEADER_ROW + len(d.fundings) + 4
        columns, rows = funder_table(d)
        fundings.write_string(summary_row - 1, 0, "Montants par EPCI et par financeur (hors financements refusés)",
                              self.book.add_format({"bold": True}))
        self.table(fundings, Table(DASHBOARD_FUNDER_SUMMARY, "Financements", tuple(columns), ""), rows,
                   summary_row, set_widths=False)
        self.sheet("Charte", "Actions par mesure de la charte et par EPCI",
                   Table(DASHBOARD_CHARTER, "Charte", tuple(charter_columns(d)), ""), d.charter)
        self.sheet("Équipe Parc", "Charge de l'équipe du Parc", DASHBOARD_TEAM, d.team)
        years = calendar_columns(d)
        calendar = self.sheet("Calendrier", "Calendrier des actions (années de réalisation)",
                              Table(DASHBOARD_CALENDAR, "Calendrier", tuple(years), ""), d.calendar)
        if d.calendar and d.years:
            first = len(years) - len(d.years)
            calendar.conditional_format(HEADER_ROW + 1, first, HEADER_ROW + len(d.calendar), len(years) - 1,
                                        {"type": "cell", "criteria": "==", "value": '"●"', "format": self.mark})
        self.sheet("Contrôles", "Erreurs et avertissements de tous les plans", DASHBOARD_CHECKS, d.checks)
        self.charts(synthesis, fundings, summary_row)
        self.book.close()

    def sheet(self, name: str, title: str, table: Table, rows: list[dict[str, Any]]) -> Any:
        sheet = self.book.add_worksheet(name)
        sheet.write_string(0, 0, f"{TITLE} — {title}", self.title)
        when = self.dashboard.generated_at
        sheet.write_string(1, 0, f"Consolidé le {french.date_long(when.date())} à {when:%H:%M}, à partir de "
                                 f"{self.dashboard.files} fichier(s) du dossier plans/.", self.subtitle)
        self.table(sheet, table, rows, HEADER_ROW)
        sheet.freeze_panes(HEADER_ROW + 1, 0)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(HEADER_ROW)
        sheet.set_footer("&L&A&Rpage &P / &N")
        return sheet

    def table(self, sheet: Any, table: Table, rows: list[dict[str, Any]], top: int, set_widths: bool = True) -> None:
        columns = table.columns
        for index, column in enumerate(columns):
            if set_widths:
                sheet.set_column(index, index, column.display_width, self.wrap if column.wraps else None)
        # The hot loop of a large consolidation (3 million cells for 1,000 plans): text and
        # numbers are written here directly; other values go through `other_value`.
        plan = [(index, column, self.wrap if column.wraps else self.text, self.formats.get(column.kind, self.text))
                for index, column in enumerate(columns)]
        write_string, write_number, quoted = sheet.write_string, sheet.write_number, self.quoted
        for row_number, row in enumerate(rows, start=top + 1):
            for index, column, text_format, number_format in plan:
                value = row.get(column.key)
                if isinstance(value, str):
                    if value:
                        write_string(row_number, index, value,
                                     quoted if value.startswith(_FORMULA_STARTS) else text_format)
                elif type(value) is float or type(value) is int:
                    write_number(row_number, index, value, number_format)
                elif value is not None:
                    self.other_value(sheet, row_number, index, value, number_format)
        sheet.add_table(top, 0, top + max(len(rows), 1), len(columns) - 1, {
            "name": table.name, "style": "Table Style Medium 2", "autofilter": True,
            "columns": [{"header": c.header} for c in columns]})

    def other_value(self, sheet: Any, row: int, col: int, value: Any, number_format: Any) -> None:
        """A value that is neither text nor a plain int/float: yes/no, a date, another number."""
        import datetime as dt

        if isinstance(value, bool):
            sheet.write_string(row, col, "Oui" if value else "Non", self.text)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, value if isinstance(value, dt.datetime)
                                 else dt.datetime(value.year, value.month, value.day), self.formats[Kind.DATE])
        else:
            sheet.write_number(row, col, value, number_format)

    def charts(self, synthesis: Any, fundings: Any, summary_row: int) -> None:
        d = self.dashboard
        rows = len(d.synthesis)
        if rows:
            first = [c.key for c in DASHBOARD_SYNTHESIS.columns].index(ACTION_STATUS_KEYS[0])
            chart = self.book.add_chart({"type": "bar", "subtype": "stacked"})
            for offset, status in enumerate(ACTION_STATUSES):
                chart.add_series({
                    "name": status,
                    "categories": ["Synthèse", HEADER_ROW + 1, 0, HEADER_ROW + rows, 0],
                    "values": ["Synthèse", HEADER_ROW + 1, first + offset, HEADER_ROW + rows, first + offset]})
            chart.set_title({"name": "Actions par statut et par EPCI"})
            chart.set_y_axis({"reverse": True})
            chart.set_legend({"position": "bottom"})
            chart.set_size({"width": 900, "height": 60 + 26 * rows})
            synthesis.insert_chart(HEADER_ROW + rows + 3, 0, chart)
        if d.funder_summary:
            # Funders are the summary's columns; their totals are its last row.
            total_row, last_col = summary_row + len(d.epci_columns) + 1, len(d.funder_summary)
            chart = self.book.add_chart({"type": "bar"})
            chart.add_series({
                "name": "Montant (€ HT)",
                "categories": ["Financements", summary_row, 1, summary_row, last_col],
                "values": ["Financements", total_row, 1, total_row, last_col],
                "data_labels": {"value": True, "num_format": '#,##0 "€"'}})
            chart.set_title({"name": "Financements par financeur (hors refusés)"})
            chart.set_legend({"none": True})
            chart.set_y_axis({"reverse": True})
            chart.set_x_axis({"num_format": '#,##0 "€"'})
            chart.set_size({"width": 900, "height": 80 + 30 * len(d.funder_summary)})
            fundings.insert_chart(summary_row + len(d.funder_summary) + 3, 0, chart)
