"""Writing plan and référentiel workbooks from the schema (openpyxl).

One function, `write_workbook`, lays out any workbook of the schema: the `Lisez-moi`
sheet, the labelled cells with their defined names, one Excel table per sheet with
formats, drop-downs and print setup, and the hidden `Listes` sheet. The committed
templates, the plans made by `coopxl nouveau` and the example territory all come from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .files import atomic_write
from .formats import readable_scale, wrapped_lines
from .marks import looks_like_formula
from .schema import (
    NUMBER_FORMATS,
    PLAN,
    PLAN_EXAMPLES,
    REFERENTIAL,
    TEMPLATE_VERSION,
    Kind,
    Table,
    WorkbookSchema,
)

TABLE_STYLE = "TableStyleMedium2"
VALIDATED_ROWS = 2000
"""Drop-downs and type checks cover this many rows, so they follow a growing table."""
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)

_HEADER_FILL = "1F4E79"
FONT, FONT_SIZE = "Arial", 10
LINE_HEIGHT = 12.75
"""Points per line of Arial 10."""
README_WIDTH = 80
"""Characters: the Lisez-moi column fits the width of an A4 portrait page at 100 %."""
_TITLE_FONT_SIZE = 14
_KIND_VALIDATION = {
    Kind.DATE: ("date", "between", "32874", "73050",
                "une date entre le 01/01/1990 et le 31/12/2099, au format jj/mm/aaaa"),
    Kind.AMOUNT: ("decimal", "greaterThanOrEqual", "0", None, "un montant en euros, positif ou nul"),
    Kind.NUMBER: ("decimal", "greaterThanOrEqual", "0", None, "un nombre positif ou nul"),
    Kind.INTEGER: ("whole", "greaterThanOrEqual", "0", None, "un nombre entier positif ou nul"),
    Kind.PERCENT: ("decimal", "between", "0", "100", "un pourcentage entre 0 et 100"),
}


def write_workbook(schema: WorkbookSchema, path: Path, *, fields: Mapping[str, Any] | None = None,
                   rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
                   lists: Mapping[str, Sequence[str]] | None = None) -> Path:
    """Write a workbook of `schema` to `path` (atomically), filled with the given content.

    `fields` maps field keys to values, `rows` maps table names to rows (dicts keyed by
    column key), `lists` gives the values of the référentiel-fed lists by list name.
    Text is always written as text, never as a formula.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    _use_default_font(workbook)
    workbook.remove(workbook.active)
    workbook.properties.creator = "coopxl"
    workbook.properties.title = schema.title
    workbook.properties.created = FIXED_TIMESTAMP
    workbook.properties.modified = FIXED_TIMESTAMP
    _write_readme(workbook, schema)
    _write_fields(workbook, schema, fields or {})
    for table in schema.tables:
        write_table(workbook, table, (rows or {}).get(table.name, ()))
    if schema.lists_sheet:
        _write_lists(workbook, schema, lists or {})
    with atomic_write(path) as temporary:
        workbook.save(temporary)
    return path


def _use_default_font(workbook: Any) -> None:
    """Arial 10 as the workbook's font, for every cell and for Excel's width unit (the Normal style).

    Calibri has no metric twin in every LibreOffice (Carlito is often missing), so widths and
    page breaks came out wider there; Arial has one everywhere (Liberation Sans). openpyxl has no
    public setting for this: the default font is the first of `_fonts` and the Normal style's."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=FONT, size=FONT_SIZE, family=2)
    workbook._fonts = IndexedList([font])
    workbook._named_styles["Normal"].font = font


def set_text(cell: Any, value: str) -> None:
    """Write `value` as text: never a formula, and kept as text if a user re-edits it."""
    cell.value = value
    cell.data_type = "s"
    if looks_like_formula(value):
        cell.quotePrefix = True


def set_value(cell: Any, value: Any, kind: Kind) -> None:
    """Write a Python value with the cell format of its kind."""
    if value is None or value == "":
        return
    if isinstance(value, str):
        set_text(cell, value)
    elif isinstance(value, dt.datetime):
        cell.value = value
    elif isinstance(value, dt.date):
        cell.value = dt.datetime(value.year, value.month, value.day)
    else:
        cell.value = value
    cell.number_format = NUMBER_FORMATS[kind]


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "title": Font(name=FONT, bold=True, size=_TITLE_FONT_SIZE, color=_HEADER_FILL),
        "bold": Font(name=FONT, size=FONT_SIZE, bold=True),
        "label": Font(name=FONT, size=FONT_SIZE, bold=True, color="333333"),
        "hint": Font(name=FONT, size=FONT_SIZE, italic=True, color="666666"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
        "input": PatternFill("solid", fgColor="FFF2CC"),
        "locked": PatternFill("solid", fgColor="D9D9D9"),
    }


def _write_readme(workbook: Any, schema: WorkbookSchema) -> None:
    styles = _styles()
    sheet = workbook.create_sheet(schema.readme_sheet)
    sheet.column_dimensions["A"].width = README_WIDTH
    sheet["A1"] = schema.title
    sheet["A1"].font = styles["title"]
    row = 3
    for paragraph in schema.intro:
        _readme_line(sheet, row, paragraph, styles["wrap"])
        row += 1
    row += 1
    for name, text in _sheet_help(schema):
        sheet.cell(row=row, column=1, value=f"Feuille « {name} »").font = styles["bold"]
        _readme_line(sheet, row + 1, text, styles["wrap"])
        row += 3
    sheet.cell(row=row, column=1, value=f"Version du modèle : {TEMPLATE_VERSION}").font = styles["hint"]
    sheet.sheet_view.showGridLines = False
    _print_setup(sheet, landscape=False, title_rows=None)


def _readme_line(sheet: Any, row: int, text: str, alignment: Any) -> None:
    cell = sheet.cell(row=row, column=1)
    set_text(cell, text)
    cell.alignment = alignment
    lines = -(-len(text) // int(README_WIDTH * 1.1))
    sheet.row_dimensions[row].height = LINE_HEIGHT * max(lines, 1) + 2


def _sheet_help(schema: WorkbookSchema) -> list[tuple[str, str]]:
    """One paragraph per sheet, with its required columns, for the Lisez-moi sheet."""
    helps = [(schema.field_sheet.name, schema.field_sheet.help + _required_sentence(
        [f.label for f in schema.field_sheet.fields if f.required]))]
    for table in schema.tables:
        required = [] if table.written_by_coopxl else [c.header for c in table.columns if c.required]
        helps.append((table.sheet, f"{table.help}{_required_sentence(required)}"))
    if schema.lists_sheet:
        helps.append((schema.lists_sheet, "Feuille masquée : les listes des menus déroulants. "
                      "Elle est remplie par coopxl à partir du référentiel ; ne la modifiez pas."))
    return helps


def _required_sentence(labels: list[str]) -> str:
    return f" Obligatoire : {', '.join(labels)}." if labels else ""


def _write_fields(workbook: Any, schema: WorkbookSchema, values: Mapping[str, Any]) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    styles = _styles()
    field_sheet = schema.field_sheet
    sheet = workbook.create_sheet(field_sheet.name)
    sheet["A1"] = schema.title
    sheet["A1"].font = styles["title"]
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 44
    sheet.column_dimensions["C"].width = 50
    for named in field_sheet.fields:
        row = field_sheet.row_of(named.key)
        label = sheet.cell(row=row, column=1, value=named.label + (" *" if named.required else ""))
        label.font, label.alignment = styles["label"], styles["top"]
        cell = sheet.cell(row=row, column=2)
        value = values.get(named.key)
        if named.key == "template_version" and schema is PLAN:
            value = TEMPLATE_VERSION
        set_value(cell, value, named.kind)
        cell.number_format = NUMBER_FORMATS[named.kind]
        cell.fill = styles["locked"] if named.locked else styles["input"]
        cell.alignment = styles["wrap"]
        count = wrapped_lines(value, 44) if isinstance(value, str) else 1
        _protect(cell, locked=named.locked)
        if named.hint:
            hint = sheet.cell(row=row, column=3, value=named.hint)
            hint.font, hint.alignment = styles["hint"], styles["wrap"]
            count = max(count, wrapped_lines(named.hint, 50))
        if count > 1:
            sheet.row_dimensions[row].height = LINE_HEIGHT * count + 2
        workbook.defined_names[named.defined_name] = DefinedName(
            named.defined_name, attr_text=f"{_quote(field_sheet.name)}!$B${row}")
        _add_validation(sheet, f"B{row}", named.label, named.kind, named.choices, named.hint, named.required)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    _print_setup(sheet, landscape=True, title_rows=None)


def _protect(cell: Any, locked: bool) -> None:
    from openpyxl.styles import Protection

    cell.protection = Protection(locked=locked)


def write_table(workbook: Any, table: Table, rows: Sequence[Mapping[str, Any]]) -> Any:
    """Add the sheet of `table` to `workbook`, with its Excel table, formats and drop-downs."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableStyleInfo

    styles = _styles()
    sheet = workbook.create_sheet(table.sheet)
    lines: dict[int, int] = {}
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.header)
        header.alignment = Alignment(wrap_text=True, vertical="center")
        # Explicit colours: LibreOffice does not draw Excel's table styles, so a header that
        # relied on the style alone would be white on white there.
        header.font = Font(name=FONT, size=FONT_SIZE, bold=True, color="FFFFFF",
                           underline="single" if column.required else None)
        header.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        sheet.column_dimensions[letter].width = column.display_width
        for row_number, row in enumerate(rows or [{}], start=2):
            cell = sheet.cell(row=row_number, column=index)
            set_value(cell, row.get(column.key), column.kind)
            cell.number_format = NUMBER_FORMATS[column.kind]
            cell.alignment = styles["wrap"] if column.wraps else styles["top"]
            value = row.get(column.key)
            if column.wraps and isinstance(value, str):
                lines[row_number] = max(lines.get(row_number, 1), wrapped_lines(value, column.display_width))
        if not table.written_by_coopxl:
            _add_validation(sheet, f"{letter}2:{letter}{VALIDATED_ROWS}", column.header, column.kind,
                            column.choices, column.hint, column.required,
                            example=PLAN_EXAMPLES.get(table.name, {}).get(column.key, ""))
    last = get_column_letter(len(table.columns))
    excel_table = ExcelTable(displayName=table.name, ref=f"A1:{last}{1 + max(len(rows), 1)}")
    excel_table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True,
                                                showFirstColumn=False, showLastColumn=False,
                                                showColumnStripes=False)
    sheet.add_table(excel_table)
    sheet.row_dimensions[1].height = 32
    for row_number, count in lines.items():
        if count > 1:  # wrapped text: neither Excel nor LibreOffice sizes these rows when printing
            sheet.row_dimensions[row_number].height = LINE_HEIGHT * count + 2
    frozen = _identifying_columns(table)
    sheet.freeze_panes = f"{get_column_letter(frozen + 1)}2"
    _print_setup(sheet, landscape=True, title_rows="1:1",
                 title_columns=f"A:{get_column_letter(frozen)}" if frozen else None)
    return sheet


def _identifying_columns(table: Table) -> int:
    """How many first columns identify a row (N° and Intitulé, SIREN and Nom…): frozen on screen,
    repeated on paper; 0 when the row's name is not among the first three columns."""
    keys = table.keys[:3]
    return max((keys.index(key) + 1 for key in ("title", "name", "last_name") if key in keys), default=0)


def original_fill(sheet_title: str, coordinate: str) -> Any:
    """The fill a cell has in the template (input cells of the Plan sheet), or None."""
    from openpyxl.utils.cell import coordinate_from_string

    column, row = coordinate_from_string(coordinate)
    field_sheet = PLAN.field_sheet
    if sheet_title != field_sheet.name or column != "B":
        return None
    for named in field_sheet.fields:
        if field_sheet.row_of(named.key) == row:
            return _styles()["locked" if named.locked else "input"]
    return None


def _add_validation(sheet: Any, cells: str, label: str, kind: Kind, choices: str | None,
                    hint: str, required: bool, example: str = "") -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    obligation = "Obligatoire. " if required else ""
    if choices:
        validation = DataValidation(type="list", formula1=f"={choices}", allow_blank=True)
        validation.error = (f"Cette valeur n'est pas dans la liste « {label} ». "
                            "Choisissez une valeur dans le menu déroulant.")
        prompt = hint or "Choisissez dans la liste."
    elif kind in _KIND_VALIDATION:
        kind_type, operator, low, high, expected = _KIND_VALIDATION[kind]
        validation = DataValidation(type=kind_type, operator=operator, formula1=low, formula2=high,
                                    allow_blank=True)
        validation.error = f"« {label} » attend {expected}."
        prompt = hint or f"Saisissez {expected}."
    elif hint or required or example:
        validation = DataValidation(allow_blank=True)
        prompt = hint or ("À renseigner." if required else "Facultatif.")
    else:
        return
    validation.errorTitle = "Valeur non valide"
    validation.errorStyle = "stop"
    validation.showErrorMessage = True
    validation.promptTitle = label[:32]
    shown = f" Exemple : {example}" if example else ""
    validation.prompt = (obligation + prompt + shown)[:255]
    validation.showInputMessage = True
    sheet.add_data_validation(validation)
    validation.add(cells)


def _write_lists(workbook: Any, schema: WorkbookSchema, referential_values: Mapping[str, Sequence[str]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.defined_name import DefinedName

    if not schema.lists_sheet:  # write_workbook only calls this for a schema with a lists sheet
        return
    sheet = workbook.create_sheet(schema.lists_sheet)
    for index, choice_list in enumerate(schema.lists, start=1):
        letter = get_column_letter(index)
        values = choice_list.values if choice_list.from_referential is None else referential_values.get(
            choice_list.name, ())
        header = sheet.cell(row=1, column=index, value=choice_list.header)
        header.font = Font(name=FONT, size=FONT_SIZE, bold=True)
        sheet.column_dimensions[letter].width = max(14, min(40, len(choice_list.header) + 4))
        for row, value in enumerate(values, start=2):
            set_text(sheet.cell(row=row, column=index), str(value))
        end = 1 + max(len(values), 1)
        workbook.defined_names[choice_list.name] = DefinedName(
            choice_list.name, attr_text=f"{_quote(schema.lists_sheet)}!${letter}$2:${letter}${end}")
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True


def _print_setup(sheet: Any, *, landscape: bool, title_rows: str | None, title_columns: str | None = None) -> None:
    """A4, a readable scale (one page wide when it stays readable), footer and print titles."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    widths = [dimension.width for dimension in sheet.column_dimensions.values() if dimension.width]
    sheet.page_setup.scale = readable_scale(widths, landscape=landscape)
    sheet.page_setup.pageOrder = "overThenDown"  # a band of rows is finished before the next one
    sheet.print_options.gridLines = False
    sheet.oddFooter.center.text = "&A — page &P / &N"
    if title_rows:
        sheet.print_title_rows = title_rows
    if title_columns:
        sheet.print_title_cols = title_columns


def _quote(sheet_name: str) -> str:
    return "'" + sheet_name.replace("'", "''") + "'"


def build_templates(folder: Path, referential: Any) -> list[Path]:
    """Write the two shipped templates into `folder`, lists filled from `referential`."""
    from .reader import referential_content

    folder.mkdir(parents=True, exist_ok=True)
    from .reader import read_referential

    fields, rows = starter_referential(*referential_content(referential))
    referential_path = write_workbook(REFERENTIAL, folder / "referentiel.xlsx", fields=fields, rows=rows)
    referential = read_referential(referential_path)  # the plan template lists what initialiser ships
    plan_path = write_workbook(PLAN, folder / "plan-cooperation.xlsx", lists=plan_lists(referential),
                               fields={"charter_version": referential.charter_version,
                                       "status": "En élaboration"})
    return [plan_path, referential_path]


TO_COMPLETE = "à compléter"
"""What the référentiel template holds where only the Parc knows the value: `valider` reports each."""


def starter_referential(fields: dict[str, Any], rows: dict[str, list[dict[str, Any]]]
                        ) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The example référentiel without its invented people and references, for `coopxl initialiser`.

    Names, civilités, the decree and the delegation are left to complete (marked or empty), so that
    `coopxl valider` lists every one of them and no act can be produced before they are filled in.
    """
    fields = dict(fields)
    fields.update(president_civility=None, president_name=TO_COMPLETE, vp_civility=None, vp_name=TO_COMPLETE,
                  body_siren=None, delegation=f"délibération du comité syndical n° … du … ({TO_COMPLETE})",
                  decree=f"décret n° … du … ({TO_COMPLETE})")
    epcis = [{**row, "president_civility": None, "president": TO_COMPLETE, "dgs_civility": None,
              "dgs": TO_COMPLETE, "councillors": None} for row in rows.get("T_EPCI", [])]
    team = [{"civility": None, "first_name": TO_COMPLETE, "last_name": TO_COMPLETE,
             "post": f"chargé de mission ({TO_COMPLETE})", "unit": None, "days_available": None}]
    return fields, {**rows, "T_EPCI": epcis, "T_Equipe": team}


def plan_lists(referential: Any) -> dict[str, list[str]]:
    """Values of the référentiel-fed lists of a plan's Listes sheet."""
    return {c.name: referential.list_values(c.from_referential)
            for c in PLAN.lists if c.from_referential is not None}
