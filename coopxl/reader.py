"""Reading a plan workbook or the référentiel into the model, driven by the schema.

The reader tolerates what staff do in Excel (tables grown or shrunk, columns moved or
added, headers with other spacing or case, blank rows, dates and numbers typed as
text, sheets renamed) and records as findings what it converted or could not read,
instead of crashing or guessing silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import model, xlsx
from .guard import Package
from .messages import finding
from .model import Finding, Origin, Plan, Referential, file_key
from .schema import (
    KNOWN_TEMPLATE_VERSIONS,
    PLAN,
    REFERENTIAL,
    TEMPLATE_VERSION,
    Column,
    Kind,
    NamedField,
    Table,
    WorkbookSchema,
    normalize_header,
)
from .xlsx import RawTable, RawWorkbook, column_index, column_letter, read_workbook

PLAN_RECORDS: dict[str, tuple[type, str]] = {
    "T_GroupeProjet": (model.Member, "members"),
    "T_Seances": (model.Session, "sessions"),
    "T_Interconnaissance": (model.Insight, "insights"),
    "T_Pistes": (model.Lead, "leads"),
    "T_Objectifs": (model.Objective, "objectives"),
    "T_Actions": (model.Action, "actions"),
    "T_Financements": (model.Funding, "fundings"),
    "T_Suivi": (model.Review, "reviews"),
    "T_Deliberations": (model.Deliberation, "deliberations"),
    "T_Controles": (model.Check, "checks"),
}
"""Plan table name → (record class, attribute of Plan holding the list)."""

REFERENTIAL_RECORDS: dict[str, tuple[type, str]] = {
    "T_EPCI": (model.Epci, "epcis"),
    "T_Charte": (model.Measure, "measures"),
    "T_Equipe": (model.StaffMember, "staff"),
    "T_Financeurs": (model.Funder, "funders"),
    "T_Matieres": (model.ActesSubject, "subjects"),
}

RECORDS = {PLAN.title: PLAN_RECORDS, REFERENTIAL.title: REFERENTIAL_RECORDS}

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_LONG_DATE = re.compile(r"^(?:le\s+)?(\d{1,2})(?:er)?\s+([a-zéû]+)\s+(\d{4})$")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
_TEXT_KINDS = (Kind.TEXT, Kind.LONG_TEXT, Kind.CODES)
_TEXT, _NUMBER, _WHOLE, _DATE, _CONVERTED = range(5)
_PLAIN_CONVERSIONS = {Kind.TEXT: _TEXT, Kind.LONG_TEXT: _TEXT, Kind.CODES: _TEXT, Kind.AMOUNT: _NUMBER,
                      Kind.NUMBER: _NUMBER, Kind.PERCENT: _NUMBER, Kind.INTEGER: _WHOLE, Kind.DATE: _DATE}
"""How `_record` converts a plain value of each kind inline, as `coerce` would (a text, a number,
a whole number, a date); other kinds and values go through `convert`."""


def read_plan(path: Path | str, package: Package | None = None) -> Plan:
    """Read a plan de coopération workbook. Raises UnreadableWorkbookError if it is not one.

    `package`: the file as `guard.check_workbook_file` already read it, if it did."""
    path = Path(path)
    return plan_from_raw(read_workbook(path, {t.name: t.sheet for t in PLAN.tables}, package))


@dataclasses.dataclass(eq=False, repr=False)
class PlanOutline:
    """What places a plan among others before it is read in full (`consolidation`): the EPCI
    it names, its dates, and the data rows each of its tables declares."""

    epci_name: str | None
    epci_siren: str | None
    updated_on: dt.date | None
    period_start: dt.date | None
    period_end: dt.date | None
    rows: dict[str, int]


_OUTLINE_FIELDS = {f.key: f for f in PLAN.field_sheet.fields
                   if f.key in ("epci_name", "epci_siren", "updated_on", "period_start", "period_end")}


def read_outline(path: Path) -> PlanOutline:
    """The outline of a plan workbook, its fields converted as `read_plan` converts them; about
    a fifth of its cost. Raises UnreadableWorkbookError as `read_plan` does."""
    values, rows = xlsx.read_outline(path, [f.defined_name for f in _OUTLINE_FIELDS.values()],
                                     [t.name for t in PLAN.tables])
    fields = {key: coerce(values.get(f.defined_name), f.kind)[0] for key, f in _OUTLINE_FIELDS.items()}
    return PlanOutline(**fields, rows=rows)


def plan_from_raw(raw: RawWorkbook) -> Plan:
    """A plan from a workbook already read (from a file, or from Excel through xlwings)."""
    plan = Plan(path=raw.path)
    _read_into(plan, PLAN, raw)
    plan.lists = {name: [_text(v) for v in named.values if _text(v)]
                  for name, named in raw.names.items() if name.startswith("L_")}
    _check_template_version(plan)
    return plan


def read_referential(path: Path | str, package: Package | None = None) -> Referential:
    """Read the Parc's référentiel workbook. Raises UnreadableWorkbookError if unreadable."""
    path = Path(path)
    raw = read_workbook(path, {t.name: t.sheet for t in REFERENTIAL.tables}, package)
    referential = Referential(path=path)
    _read_into(referential, REFERENTIAL, raw)
    return referential


def _read_into(target: Plan | Referential, schema: WorkbookSchema, raw: RawWorkbook) -> None:
    reader = _SheetReader(raw, target.findings)
    field_sheet = schema.field_sheet.name
    named_cells = [raw.names.get(f.defined_name) for f in schema.field_sheet.fields]
    if field_sheet not in raw.sheet_names and not any(named_cells):
        reader.note("missing-sheet", sheet=field_sheet, expected=field_sheet)
        fields: tuple[NamedField, ...] = ()
    else:
        fields = schema.field_sheet.fields
    for named in fields:
        value, where = reader.named_value(schema, named)
        setattr(target, named.key, value)
        if where:
            target.field_cells[named.key] = where
    reader.version = getattr(target, "template_version", None)
    for sheet, cell, number_format, count in raw.broken_formats:
        reader.note("broken-number-format", sheet=sheet, cell=cell, field=reader.header_at(sheet, cell),
                    value=number_format, count=count, expected=_shown_format(number_format))
    for table in schema.tables:
        record_class, attribute = RECORDS[schema.title][table.name]
        records, table_sheet = reader.table_records(table, record_class)
        setattr(target, attribute, records)
        if table_sheet:
            target.table_sheets[table.name] = table_sheet


def _check_template_version(plan: Plan) -> None:
    sheet, cell = plan.field_cells.get("template_version", (PLAN.field_sheet.name, ""))
    version = plan.template_version
    if version in KNOWN_TEMPLATE_VERSIONS and version != TEMPLATE_VERSION:
        plan.findings.append(finding("older-template-version", file=file_key(plan.path), sheet=sheet,
                                     cell=cell, field="Version du modèle", value=version,
                                     current=TEMPLATE_VERSION))
    elif version not in KNOWN_TEMPLATE_VERSIONS and "template_version" in plan.field_cells:
        plan.findings.append(finding("unknown-template-version", file=file_key(plan.path), sheet=sheet,
                                     cell=cell, field="Version du modèle", value=version or "(vide)",
                                     known=", ".join(KNOWN_TEMPLATE_VERSIONS)))


class _SheetReader:
    """Turns the raw workbook into typed records, collecting findings as it goes."""

    def __init__(self, raw: RawWorkbook, findings: list[Finding]) -> None:
        self.raw = raw
        self.findings = findings
        self.file = file_key(raw.path)
        self.flagged_sheets = {sheet for sheet, _ in raw.flags}
        self.version: str | None = None

    def note(self, code: str, **params: Any) -> None:
        self.findings.append(finding(code, file=self.file, **params))

    # --- labelled cells -------------------------------------------------------
    def named_value(self, schema: WorkbookSchema, named: Any) -> tuple[Any, tuple[str, str] | None]:
        target = self.raw.names.get(named.defined_name)
        if target is None or not target.values:
            expected = schema.field_sheet.name
            self.note("missing-defined-name", sheet=expected, field=named.label,
                      name=named.defined_name, expected=expected)
            return None, None
        sheet, cell = target.sheet, target.ref.split(":")[0]
        value = self.convert(target.values[0], named.kind, sheet, cell, named.label)
        return value, (sheet, cell)

    # --- tables -----------------------------------------------------------------
    def table_records(self, table: Table, record_class: type) -> tuple[list[Any], str | None]:
        raw_table = self.raw.tables.get(table.name) or self._table_from_range(table)
        if raw_table is None:
            return [], None
        if raw_table.sheet != table.sheet and raw_table.name == table.name:
            self.note("renamed-sheet", sheet=raw_table.sheet, table=table.name,
                      found=raw_table.sheet, expected=table.sheet)
        positions = self._column_positions(table, raw_table)
        records = []
        for excel_row in raw_table.rows_below:
            self.note("row-outside-table", sheet=raw_table.sheet, cell=f"A{excel_row}",
                      row=excel_row, table=table.name)
        letters = {key: raw_table.column_letter(index) for key, index in positions.items()}
        columns = [(c, positions[c.key], letters[c.key], _PLAIN_CONVERSIONS.get(c.kind, _CONVERTED))
                   for c in table.columns if c.key in positions]
        blank: list[int] = []
        for excel_row, values in raw_table.rows:
            record = self._record(columns, record_class, raw_table, letters, excel_row, values)
            if record is not None:
                records.append(record)
                # Blank rows before this one sit inside the table: worth a word, not an error.
                for row in blank:
                    self.note("blank-row", sheet=raw_table.sheet, cell=f"{column_letter(raw_table.first_column)}{row}",
                              table=table.name)
                blank = []
            else:
                blank.append(excel_row)
        return records, raw_table.sheet

    def _column_positions(self, table: Table, raw_table: RawTable) -> dict[str, int]:
        found = {normalize_header(h): i for i, h in enumerate(raw_table.headers)}
        positions = {}
        for column in table.columns:
            index = found.get(normalize_header(column.header))
            if index is None and self._predates(column):
                continue  # an older template lacks this column by design; `coopxl migrer` adds it
            if index is None:
                self.note("missing-column", sheet=raw_table.sheet,
                          cell=f"{column_letter(raw_table.first_column)}{raw_table.header_row}",
                          field=column.header, table=table.name)
            else:
                positions[column.key] = index
        return positions

    def _predates(self, column: Column) -> bool:
        """Whether the workbook's known template version is older than the column."""
        version = str(self.version or "")
        return version in KNOWN_TEMPLATE_VERSIONS and int(version) < int(column.since)

    def _record(self, columns: list[tuple[Column, int, str, int]], record_class: type, raw_table: RawTable,
                letters: dict[str, str], excel_row: int, values: list[Any]) -> Any:
        sheet = raw_table.sheet
        row = str(excel_row)
        # The hot loop of reading (every cell of every table): on a sheet with no flagged and
        # no merged cell, blanks and texts are converted here, as `convert` would.
        plain = sheet not in self.flagged_sheets and sheet not in self.raw.merged
        flagged = not plain and sheet in self.flagged_sheets and any((sheet, letter + row) in self.raw.flags
                                                                     for letter in letters.values())
        if not flagged and all(_is_blank(v) for v in values):
            return None
        converted: dict[str, Any] = {}
        width = len(values)
        for column, index, letter, conversion in columns:
            value: Any = values[index] if index < width else ""
            kind = type(value)
            if plain and (value is None or value == ""):
                converted[column.key] = None
            elif plain and conversion == _TEXT and kind is str:
                converted[column.key] = (value.strip() if value.isprintable() else _text(value)) or None
            elif plain and conversion == _NUMBER and (kind is float or kind is int):
                converted[column.key] = float(value)
            elif plain and conversion == _WHOLE and (kind is int or kind is float and value.is_integer()):
                converted[column.key] = int(float(value))
            elif plain and conversion == _DATE and kind is dt.date:
                converted[column.key] = value
            else:
                converted[column.key] = self.convert(value, column.kind, sheet, letter + row, column.header)
        return record_class(origin=Origin(sheet=sheet, row=excel_row, columns=letters), **converted)

    def _table_from_range(self, table: Table) -> RawTable | None:
        """A table converted to a plain range: find its header row on the expected sheet."""
        grid = self.raw.grids.get(table.sheet)
        if grid is None:
            self.note("missing-table", sheet=table.sheet, table=table.name, expected=table.sheet)
            return None
        wanted = {normalize_header(h) for h in table.headers}
        for row_index, row in enumerate(grid[:30]):
            headers = [normalize_header(v) for v in row]
            if len(wanted.intersection(headers)) * 2 >= len(wanted):
                first = next(i for i, h in enumerate(headers) if h)
                rows = [(row_index + 2 + i, list(values[first:]))
                        for i, values in enumerate(grid[row_index + 1:])]
                self.note("table-as-range", sheet=table.sheet, cell=f"{column_letter(first)}{row_index + 1}",
                          table=table.name, expected=table.sheet, row=row_index + 1)
                return RawTable(name="", sheet=table.sheet, headers=[str(v) for v in row[first:]],
                                header_row=row_index + 1, first_column=first, rows=rows)
        self.note("missing-table", sheet=table.sheet, table=table.name, expected=table.sheet)
        return None

    def header_at(self, sheet: str, cell: str) -> str:
        """The header of the table column holding `cell`, or the cell itself."""
        letters = cell.rstrip("0123456789")
        for table in self.raw.tables.values():
            index = column_index(letters) - table.first_column
            if table.sheet == sheet and 0 <= index < len(table.headers):
                return table.headers[index]
        return cell

    # --- values -------------------------------------------------------------------
    def convert(self, value: Any, kind: Kind, sheet: str, cell: str, label: str) -> Any:
        if sheet in self.raw.merged and not _is_blank(value):
            anchor = self.raw.hidden_by_merge(sheet, cell)
            if anchor is not None:  # in the file, but nobody sees it: never used
                self.note("value-under-merged-cell", sheet=sheet, cell=cell, field=label, value=value,
                          anchor=anchor)
                return None
        flag = self.raw.flags.get((sheet, cell))
        if flag is not None and _is_blank(value):
            code = "formula-error" if flag[0] == "error" else "formula-without-value"
            self.note(code, sheet=sheet, cell=cell, field=label, value=flag[1])
            return None
        result, problem = coerce(value, kind)
        if problem is not None:
            code, params = problem
            self.note(code, sheet=sheet, cell=cell, field=label, value=value, **params)
        return result


def coerce(value: Any, kind: Kind) -> tuple[Any, tuple[str, dict[str, Any]] | None]:
    """Convert a cell value to the Python type of `kind`.

    Returns (value, problem); problem is None or (finding code, message parameters).
    A value that cannot be converted comes back as None with its problem.
    """
    if _is_blank(value):
        return None, None
    if kind in _TEXT_KINDS:
        return _text(value) or None, None
    if kind is Kind.SIREN:
        text = _text(value).translate(_SPACES)
        return text or None, None
    if kind is Kind.DATE:
        return _to_date(value)
    return _to_number(value, kind)


def _to_date(value: Any) -> tuple[dt.date | None, tuple[str, dict[str, Any]] | None]:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is not None:
            return parsed, ("text-in-date", {"converted": parsed.strftime("%d/%m/%Y")})
    return None, ("invalid-date", {})


def _to_number(value: Any, kind: Kind) -> tuple[Any, tuple[str, dict[str, Any]] | None]:
    problem = None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return None, ("unexpected-value-type", {"found": _type_name(value), "expected": kind.value})
    if isinstance(value, str):
        readings = ambiguous_readings(value)
        if readings is not None:  # « 1.200 » or « 1,200 »: both readings given, none used
            french_reading, english_reading = readings
            return None, ("ambiguous-amount", {"french": _french_number(french_reading),
                                               "english": _french_number(english_reading)})
        number = parse_number(value)
        if number is None:
            return None, ("invalid-number", {})
        problem = ("text-in-number", {"converted": _show_number(number)})
    else:
        number = float(value)
    if kind is Kind.INTEGER:
        if not number.is_integer():
            return None, ("not-an-integer", {})
        return int(number), problem
    return number, problem


def parse_date(text: str) -> dt.date | None:
    """A date typed as text, French style: `12/03/2025`, `12-03-25`, `2025-03-12`, `12 mars 2025`."""
    text = " ".join(text.strip().lower().split())
    try:
        if match := _NUMERIC_DATE.match(text):
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year += 2000
            return dt.date(year, month, day)
        if match := _ISO_DATE.match(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if (match := _LONG_DATE.match(text)) and match.group(2) in _MONTHS:
            return dt.date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    except ValueError:
        return None
    return None


_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}([.,])\d{3}")


def _without_unit(text: str) -> str:
    cleaned = text.strip().translate(_SPACES)
    for suffix in ("€HT", "€TTC", "€", "EUR", "euros", "HT", "%"):
        if cleaned.lower().endswith(suffix.lower()):
            cleaned = cleaned[: -len(suffix)]
    return cleaned


def _french_number(number: float) -> str:
    """`1200.0` → « 1 200 », `1.2` → « 1,2 »: how a French reader writes the number."""
    from . import french

    decimals = 0 if number.is_integer() else len(repr(abs(number)).split(".")[1])
    return french.thousands(number, decimals)


def ambiguous_readings(text: str) -> tuple[float, float] | None:
    """(French reading, English reading) of a number typed as text that the two conventions read
    differently: one `.` or `,` followed by three digits (« 1.200 € », « 1,200 »); else None."""
    cleaned = _without_unit(text)
    match = _AMBIGUOUS.fullmatch(cleaned)
    if not match:
        return None
    thousands = float(cleaned.replace(match.group(1), ""))
    decimal = float(cleaned.replace(",", "."))
    return (thousands, decimal) if match.group(1) == "." else (decimal, thousands)


def parse_number(text: str) -> float | None:
    """A number typed as text, French style: `1 200`, `1 200,50 €`, `12,5 %`, `1.200,50`."""
    cleaned = _without_unit(text)
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", cleaned):
        return None
    return float(cleaned)


def _text(value: Any) -> str:
    """A cell value as clean text (control characters replaced, spaces trimmed)."""
    if type(value) is str:
        return value.strip() if value.isprintable() else _CONTROL_CHARS.sub(" ", value).strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, "g")
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    # isprintable() is False for any control character (and for \n and \t, which we keep).
    return text.strip() if text.isprintable() else _CONTROL_CHARS.sub(" ", text).strip()


def _shown_format(number_format: str) -> str:
    """How the format to restore is named in Excel's French dialog."""
    return "# ##0 €" if "€" in number_format else "# ##0"


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show_number(number: float) -> str:
    return str(int(number)) if number.is_integer() else format(number, "g")


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "valeur VRAI/FAUX"
    if isinstance(value, (dt.date, dt.datetime)):
        return "date"
    return "heure"


# --- the way back: model → content for the workbook writer ------------------------


def content_of(schema: WorkbookSchema, source: Plan | Referential
               ) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Fields and table rows of a read workbook, ready for `templates.write_workbook`."""
    fields = {named.key: getattr(source, named.key) for named in schema.field_sheet.fields}
    rows = {}
    for table in schema.tables:
        _, attribute = RECORDS[schema.title][table.name]
        rows[table.name] = [{key: getattr(record, key) for key in table.keys}
                            for record in getattr(source, attribute)]
    return fields, rows


def referential_content(referential: Referential) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Fields and rows of a référentiel, for writing it back."""
    return content_of(REFERENTIAL, referential)


def plan_content(plan: Plan) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Fields and rows of a plan, for writing it back."""
    return content_of(PLAN, plan)


def record_fields(record_class: type) -> list[str]:
    """Data field names of a record class (without `origin`)."""
    return [f.name for f in dataclasses.fields(record_class) if f.name != "origin"]


def as_mapping(record: Any) -> Mapping[str, Any]:
    return {name: getattr(record, name) for name in record_fields(type(record))}
