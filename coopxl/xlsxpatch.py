"""Lossless edits of an .xlsx package: only the XML parts that change are rewritten.

openpyxl rebuilds a whole workbook from what it understood of it: it drops the cached
results of formulas, images, charts, threaded comments and the text kept under merged
cells. When coopxl writes into a plan (`valider --annoter`, `suivi --preparer`, `migrer`),
it opens the package here instead: every member is copied byte for byte except the parts it
edits (a sheet's cells, a table's range, `styles.xml`, comments and their VML drawing, the
content types), and those are edited element by element with lxml, which keeps namespace
prefixes, unknown elements and attributes as they were.

Untrusted XML is first parsed with defusedxml (DTDs and entities refused), then by lxml with
entities and network access disabled.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .messages import CoopxlError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
COMMENTS_TYPE = REL + "/comments"
VML_TYPE = REL + "/vmlDrawing"
SHARED_STRINGS_TYPE = REL + "/sharedStrings"
STYLES_TYPE = REL + "/styles"
TABLE_TYPE = REL + "/table"
WORKSHEET_TYPE = REL + "/worksheet"
COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_CONTENT = "application/vnd.openxmlformats-officedocument.vmlDrawing"
EXCEL_EPOCH = dt.datetime(1899, 12, 30)

_AFTER_LEGACY_DRAWING = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                         "webPublishItems", "tableParts", "extLst")
"""Worksheet children that come after `legacyDrawing` in the schema's fixed order."""


def _q(tag: str, namespace: str = MAIN) -> str:
    return f"{{{namespace}}}{tag}"


def parse_xml(data: bytes) -> Any:
    """Parse an XML part of an untrusted package: defusedxml first, then lxml for editing."""
    import defusedxml.ElementTree as SafeTree
    from lxml import etree

    try:
        SafeTree.fromstring(data, forbid_dtd=True)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        return etree.fromstring(data, parser=parser)
    except Exception as exc:  # defusedxml and lxml raise several unrelated exception types
        raise CoopxlError("cannot-patch", detail=f"XML illisible ({type(exc).__name__})") from exc


def serialize(root: Any) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- references -------------------------------------------------------------------------------

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def split_ref(ref: str) -> tuple[int, int]:
    """`"AB12"` → (column 28, row 12)."""
    match = _REF.match(ref.upper())
    if not match:
        raise ValueError(ref)
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return column, int(match.group(2))


def column_letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def ref_of(column: int, row: int) -> str:
    return f"{column_letters(column)}{row}"


def range_bounds(ref: str) -> tuple[int, int, int, int]:
    """`"A1:G4"` → (first column, first row, last column, last row)."""
    first, _, last = ref.partition(":")
    c1, r1 = split_ref(first)
    c2, r2 = split_ref(last or first)
    return c1, r1, c2, r2


def excel_serial(day: dt.date) -> float:
    moment = day if isinstance(day, dt.datetime) else dt.datetime(day.year, day.month, day.day)
    delta = moment - EXCEL_EPOCH
    return delta.days + delta.seconds / 86400


# --- the package ------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet part and its cells, edited in place."""

    package: XlsxPackage
    title: str
    part: str
    root: Any
    _rows: dict[int, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data = self.root.find(_q("sheetData"))
        if self.data is None:
            raise CoopxlError("cannot-patch", detail=f"feuille « {self.title} » sans données")
        for row in self.data.findall(_q("row")):
            if row.get("r") is None:
                raise CoopxlError("cannot-patch", detail=f"feuille « {self.title} » : ligne sans numéro")
            self._rows[int(row.get("r"))] = row

    def touch(self) -> None:
        self.package.changed.add(self.part)

    def set_width(self, column: int, width: float) -> None:
        """Give `column` (1-based) a width unless a `<col>` of the sheet already covers it."""
        from lxml import etree

        cols = self.root.find(_q("cols"))
        if cols is None:
            cols = etree.Element(_q("cols"))
            self.data.addprevious(cols)
        for col in cols:
            if int(col.get("min", "0")) <= column <= int(col.get("max", "0")):
                return
        element = etree.Element(_q("col"))
        for key, value in (("min", column), ("max", column), ("width", width), ("customWidth", 1)):
            element.set(key, str(value))
        later = [c for c in cols if int(c.get("min", "0")) > column]
        if later:
            later[0].addprevious(element)
        else:
            cols.append(element)
        self.touch()

    # reading
    def cell(self, ref: str) -> Any | None:
        column, row = split_ref(ref)
        element = self._rows.get(row)
        if element is None:
            return None
        for cell in element.findall(_q("c")):
            if cell.get("r") is None:
                raise CoopxlError("cannot-patch", detail=f"feuille « {self.title} » : cellule sans référence")
            if split_ref(cell.get("r"))[0] == column:
                return cell
        return None

    def value(self, ref: str) -> Any:
        """The value shown in a cell: text, a number, or None (formulas: their cached result)."""
        cell = self.cell(ref)
        if cell is None:
            return None
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            node = cell.find(_q("is"))
            return "".join(t.text or "" for t in node.iter(_q("t"))) if node is not None else ""
        v = cell.find(_q("v"))
        if v is None or v.text is None:
            return None
        if kind == "s":
            return self.package.shared_string(int(v.text))
        if kind in ("str", "e"):
            return v.text
        if kind == "b":
            return v.text == "1"
        try:
            return float(v.text)
        except ValueError:
            return v.text

    def text(self, ref: str) -> str:
        value = self.value(ref)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def style(self, ref: str) -> int:
        cell = self.cell(ref)
        return int(cell.get("s", "0")) if cell is not None else 0

    def max_row(self) -> int:
        return max(self._rows, default=0)

    # writing
    def ensure_cell(self, ref: str) -> Any:
        from lxml import etree

        existing = self.cell(ref)
        if existing is not None:
            return existing
        column, row = split_ref(ref)
        row_element = self._rows.get(row)
        if row_element is None:
            row_element = etree.Element(_q("row"))
            row_element.set("r", str(row))
            following = [r for r in self._rows if r > row]
            if following:
                self._rows[min(following)].addprevious(row_element)
            else:
                self.data.append(row_element)
            self._rows[row] = row_element
        cell = etree.SubElement(row_element, _q("c"))
        cell.set("r", ref)
        spans = row_element.get("spans", "")
        if spans and not (spans.partition(":")[0].isdigit() and spans.partition(":")[2].isdigit()
                          and int(spans.partition(":")[0]) <= column <= int(spans.partition(":")[2])):
            del row_element.attrib["spans"]  # an optional hint: dropped rather than left wrong
        for other in row_element.findall(_q("c")):
            other_ref = other.get("r")
            if other_ref is None:  # as in cell(), which already refused such a row
                raise CoopxlError("cannot-patch", detail=f"feuille « {self.title} » : cellule sans référence")
            if other is not cell and split_ref(other_ref)[0] > column:
                other.addprevious(cell)
                break
        self._grow_dimension(column, row)
        self.touch()
        return cell

    def _grow_dimension(self, column: int, row: int) -> None:
        dimension = self.root.find(_q("dimension"))
        if dimension is None or not dimension.get("ref"):
            return
        try:
            c1, r1, c2, r2 = range_bounds(dimension.get("ref"))
        except ValueError:
            return
        if column > c2 or row > r2:
            dimension.set("ref", f"{ref_of(c1, r1)}:{ref_of(max(c2, column), max(r2, row))}")

    def set_style(self, ref: str, style: int) -> None:
        cell = self.ensure_cell(ref)
        if style:
            cell.set("s", str(style))
        elif "s" in cell.attrib:
            del cell.attrib["s"]
        self.touch()

    def set_value(self, ref: str, value: Any, style: int | None = None) -> None:
        """Write text (an inline string), a number, a date (a serial number) or nothing."""
        from lxml import etree

        cell = self.ensure_cell(ref)
        if cell.find(_q("f")) is not None:
            self.package.drop_calc_chain()  # Excel rebuilds it; a stale one makes it « repair » the file
        for child in list(cell):
            cell.remove(child)
        cell.attrib.pop("t", None)
        if style is not None:
            self.set_style(ref, style)
        if value is None or value == "":
            self.touch()
            return
        if isinstance(value, str):
            cell.set("t", "inlineStr")
            text = etree.SubElement(etree.SubElement(cell, _q("is")), _q("t"))
            text.text = value
            if value != value.strip() or "\n" in value:
                text.set(_q("space", XML_NS), "preserve")
        elif isinstance(value, bool):
            cell.set("t", "b")
            etree.SubElement(cell, _q("v")).text = "1" if value else "0"
        elif isinstance(value, dt.date):
            etree.SubElement(cell, _q("v")).text = _number(excel_serial(value))
        else:
            etree.SubElement(cell, _q("v")).text = _number(value)
        self.touch()

    def clear_row(self, row: int, first_column: int, last_column: int) -> None:
        """Remove the cells of `row` between two columns (and the row when it is left empty)."""
        element = self._rows.get(row)
        if element is None:
            return
        for cell in element.findall(_q("c")):
            if first_column <= split_ref(cell.get("r"))[0] <= last_column:
                if cell.find(_q("f")) is not None:
                    self.package.drop_calc_chain()
                element.remove(cell)
        if not len(element):
            self.data.remove(element)
            del self._rows[row]
        self.touch()


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


@dataclass
class TablePart:
    """An Excel table (ListObject) of a sheet."""

    name: str
    part: str
    root: Any
    sheet: Sheet

    @property
    def ref(self) -> str:
        return self.root.get("ref")

    def bounds(self) -> tuple[int, int, int, int]:
        return range_bounds(self.ref)

    def set_ref(self, ref: str) -> None:
        self.root.set("ref", ref)
        auto_filter = self.root.find(_q("autoFilter"))
        if auto_filter is not None:
            auto_filter.set("ref", ref)
        self.sheet.package.changed.add(self.part)

    def headers(self) -> list[str]:
        c1, r1, c2, _ = self.bounds()
        return [self.sheet.text(ref_of(c, r1)) for c in range(c1, c2 + 1)]

    def add_column(self, header: str, width: float) -> None:
        """Append a column after the table's last one: header cell (formatted as the last header),
        `tableColumn`, range and width."""
        from lxml import etree

        min_col, min_row, max_col, max_row = self.bounds()
        header_style = self.sheet.style(ref_of(max_col, min_row))
        table_columns = self.root.find(_q("tableColumns"))
        ids = [int(c.get("id", "0")) for c in table_columns]
        self.sheet.set_value(ref_of(max_col + 1, min_row), header, header_style)
        element = etree.SubElement(table_columns, _q("tableColumn"))
        element.set("id", str(max(ids, default=0) + 1))
        element.set("name", header)
        table_columns.set("count", str(len(table_columns)))
        self.sheet.set_width(max_col + 1, width)
        self.set_ref(f"{ref_of(min_col, min_row)}:{ref_of(max_col + 1, max_row)}")


class XlsxPackage:
    """An .xlsx package opened for lossless edits; `save` writes it through `atomic_write`."""

    def __init__(self, path: Path) -> None:
        from .guard import check_workbook_file

        self.path = Path(path)
        checked = check_workbook_file(self.path)
        self.data = checked.data
        self.zip = zipfile.ZipFile(io.BytesIO(self.data))
        self.infos = self.zip.infolist()
        self.names = {info.filename for info in self.infos}
        self.roots: dict[str, Any] = {}
        self.raw: dict[str, bytes] = {}
        """Parts replaced or added as bytes (VML drawings are not always well-formed XML)."""
        self.new: list[str] = []
        self.changed: set[str] = set()
        self.dropped: set[str] = set()
        self._sheets: dict[str, Sheet] = {}
        self._shared: list[str] | None = None
        workbook = self.xml("xl/workbook.xml")
        if workbook.tag != _q("workbook"):
            raise CoopxlError("cannot-patch", detail="format OOXML strict ou inconnu")
        self.workbook = workbook
        rels = self.relationships("xl/workbook.xml")
        self.sheet_parts: dict[str, str] = {}
        sheets = workbook.find(_q("sheets"))
        for sheet in (sheets if sheets is not None else []):
            target = rels.get(sheet.get(_q("id", REL)) or "")
            if target and target[0] == WORKSHEET_TYPE:  # chart sheets hold no cells: left alone
                self.sheet_parts[sheet.get("name")] = target[1]

    # parts
    def read(self, name: str) -> bytes:
        if name in self.raw:
            return self.raw[name]
        return self.zip.read(name)

    def xml(self, name: str) -> Any:
        if name not in self.roots:
            self.roots[name] = parse_xml(self.read(name))
        return self.roots[name]

    def has(self, name: str) -> bool:
        return name in self.names or name in self.new

    def put_raw(self, name: str, data: bytes) -> None:
        if name not in self.names and name not in self.new:
            self.new.append(name)
        self.raw[name] = data

    def add_part(self, name: str, root: Any, content_type: str | None = None) -> None:
        self.roots[name] = root
        self.new.append(name)
        self.changed.add(name)
        if content_type:
            from lxml import etree

            types = self.xml("[Content_Types].xml")
            element = etree.SubElement(types, _q("Override", CONTENT_TYPES))
            element.set("PartName", "/" + name)
            element.set("ContentType", content_type)
            self.changed.add("[Content_Types].xml")

    def ensure_default_type(self, extension: str, content_type: str) -> None:
        from lxml import etree

        types = self.xml("[Content_Types].xml")
        if any(d.get("Extension", "").lower() == extension for d in types.findall(_q("Default", CONTENT_TYPES))):
            return
        element = etree.Element(_q("Default", CONTENT_TYPES))
        element.set("Extension", extension)
        element.set("ContentType", content_type)
        types.insert(0, element)
        self.changed.add("[Content_Types].xml")

    @staticmethod
    def rels_name(part: str) -> str:
        folder, _, name = part.rpartition("/")
        return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"

    @staticmethod
    def resolve(part: str, target: str) -> str:
        if target.startswith("/"):
            return target.lstrip("/")
        base = PurePosixPath(part).parent
        parts: list[str] = []
        for piece in (base / target).parts:
            if piece == "..":
                if parts:
                    parts.pop()
            elif piece != ".":
                parts.append(piece)
        return "/".join(parts)

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id → (type, resolved part name) of the part's internal relationships."""
        name = self.rels_name(part)
        if not self.has(name):
            return {}
        found = {}
        for rel in self.xml(name).findall(_q("Relationship", PACKAGE_REL)):
            if rel.get("TargetMode") == "External":
                continue
            found[rel.get("Id")] = (rel.get("Type"), self.resolve(part, rel.get("Target")))
        return found

    def add_relationship(self, part: str, rel_type: str, target: str) -> str:
        """Add a relationship from `part` (its .rels created if needed); return its id."""
        from lxml import etree

        name = self.rels_name(part)
        if self.has(name):
            root = self.xml(name)
        else:
            root = etree.Element(_q("Relationships", PACKAGE_REL), nsmap={None: PACKAGE_REL})
            self.add_part(name, root)
        ids = {rel.get("Id") for rel in root}
        number = 1
        while f"rId{number}" in ids:
            number += 1
        rel = etree.SubElement(root, _q("Relationship", PACKAGE_REL))
        rel.set("Id", f"rId{number}")
        rel.set("Type", rel_type)
        relative = PurePosixPath(target).relative_to(PurePosixPath("xl")) if target.startswith("xl/") else None
        rel.set("Target", "../" + str(relative) if relative is not None and part.startswith("xl/worksheets/")
                else "/" + target)
        self.changed.add(name)
        return f"rId{number}"

    def shared_string(self, index: int) -> str:
        if self._shared is None:
            self._shared = []
            for rel_type, target in self.relationships("xl/workbook.xml").values():
                if rel_type == SHARED_STRINGS_TYPE and self.has(target):
                    for item in self.xml(target).findall(_q("si")):
                        self._shared.append("".join(t.text or "" for t in item.iter(_q("t"))
                                                    if t.getparent().tag != _q("rPh")))
        return self._shared[index] if 0 <= index < len(self._shared) else ""

    def styles_part(self) -> str:
        for rel_type, target in self.relationships("xl/workbook.xml").values():
            if rel_type == STYLES_TYPE:
                return target
        raise CoopxlError("cannot-patch", detail="pas de feuille de styles")

    def rewrite_number_formats(self, rewrite: Callable[[str], str | None]) -> list[str]:
        """Replace each custom number format code for which `rewrite` gives a new one; the codes replaced."""
        part = self.styles_part()
        formats = self.xml(part).find(_q("numFmts"))
        replaced = []
        for number_format in formats if formats is not None else ():
            code = number_format.get("formatCode", "")
            new = rewrite(code)
            if new is not None and new != code:
                number_format.set("formatCode", new)
                replaced.append(code)
        if replaced:
            self.changed.add(part)
        return replaced

    def drop_calc_chain(self) -> None:
        """Leave out `xl/calcChain.xml` (and its relationship and content type) when saving."""
        rels = self.xml(self.rels_name("xl/workbook.xml"))
        for rel in rels.findall(_q("Relationship", PACKAGE_REL)):
            if rel.get("Type", "").endswith("/calcChain"):
                rels.remove(rel)
                self.changed.add(self.rels_name("xl/workbook.xml"))
        types = self.xml("[Content_Types].xml")
        for override in types.findall(_q("Override", CONTENT_TYPES)):
            if override.get("PartName", "").lower() == "/xl/calcchain.xml":
                types.remove(override)
                self.changed.add("[Content_Types].xml")
        self.dropped.add("xl/calcChain.xml")

    # sheets and tables
    def sheet(self, title: str) -> Sheet:
        if title not in self._sheets:
            if title not in self.sheet_parts:
                raise KeyError(title)
            part = self.sheet_parts[title]
            self._sheets[title] = Sheet(self, title, part, self.xml(part))
        return self._sheets[title]

    def tables(self) -> dict[str, TablePart]:
        found = {}
        for title, part in self.sheet_parts.items():
            for rel_type, target in self.relationships(part).values():
                if rel_type == TABLE_TYPE and self.has(target):
                    root = self.xml(target)
                    name = root.get("displayName") or root.get("name")
                    found[name] = TablePart(name, target, root, self.sheet(title))
        return found

    def defined_names(self) -> dict[str, Any]:
        names = self.workbook.find(_q("definedNames"))
        return {d.get("name"): d for d in (names if names is not None else []) if d.get("localSheetId") is None}

    # writing
    def is_changed(self) -> bool:
        """Whether saving would change the file: an edit that ends where it started (a note
        removed then written again, a fill taken back then set again) does not count."""
        from lxml import etree

        if self.new or self.dropped & self.names:
            return True
        for name, data in self.raw.items():
            if data != self.zip.read(name):
                return True
        for name in self.changed - set(self.raw):
            if etree.tostring(self.roots[name]) != etree.tostring(parse_xml(self.zip.read(name))):
                return True
        return False

    def save(self, target: Path | None = None) -> None:
        """Write the package: unchanged members copied as they were, edited ones serialized."""
        from .files import atomic_write

        target = Path(target or self.path)
        with atomic_write(target) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self.infos:
                name = info.filename
                if name in self.dropped:
                    continue
                edited = name in self.changed or name in self.raw
                data = self._bytes_of(name) if edited else self.zip.read(name)
                copied = zipfile.ZipInfo(name, date_time=info.date_time)
                copied.compress_type = zipfile.ZIP_DEFLATED if edited else info.compress_type
                copied.external_attr = info.external_attr
                out.writestr(copied, data)
            for name in self.new:
                out.writestr(name, self._bytes_of(name))

    def _bytes_of(self, name: str) -> bytes:
        return self.raw[name] if name in self.raw else serialize(self.roots[name])


# --- styles: highlight fills -------------------------------------------------------------------


class Styles:
    """The cell formats (`cellXfs`) and fills of `styles.xml`, extended without renumbering."""

    def __init__(self, package: XlsxPackage) -> None:
        self.package = package
        self.part = package.styles_part()
        self.root = package.xml(self.part)
        self.fills = self.root.find(_q("fills"))
        self.xfs = self.root.find(_q("cellXfs"))
        if self.fills is None or self.xfs is None:
            raise CoopxlError("cannot-patch", detail="feuille de styles incomplète")
        self._memo: dict[tuple[int, str | None], int] = {}

    def fill_colour(self, fill_id: int) -> str | None:
        """The RGB of a solid fill (`"FFC7CE"`), or None for no fill / another pattern."""
        fills = self.fills.findall(_q("fill"))
        if not 0 <= fill_id < len(fills):
            return None
        pattern = fills[fill_id].find(_q("patternFill"))
        if pattern is None or pattern.get("patternType") != "solid":
            return None
        colour = pattern.find(_q("fgColor"))
        rgb = colour.get("rgb") if colour is not None else None
        return rgb[-6:].upper() if rgb else None

    def colour_of(self, style: int) -> str | None:
        xfs = self.xfs.findall(_q("xf"))
        if not 0 <= style < len(xfs):
            return None
        return self.fill_colour(int(xfs[style].get("fillId", "0")))

    def _fill_id(self, colour: str | None) -> int:
        from lxml import etree

        fills = self.fills.findall(_q("fill"))
        for index, fill in enumerate(fills):
            pattern = fill.find(_q("patternFill"))
            if colour is None and pattern is not None and pattern.get("patternType") in (None, "none") \
                    and not len(pattern):
                return index
            if colour is not None and self.fill_colour(index) == colour and len(pattern) <= 2:
                return index
        fill = etree.SubElement(self.fills, _q("fill"))
        pattern = etree.SubElement(fill, _q("patternFill"))
        if colour is None:
            pattern.set("patternType", "none")
        else:
            pattern.set("patternType", "solid")
            etree.SubElement(pattern, _q("fgColor")).set("rgb", "FF" + colour)
            etree.SubElement(pattern, _q("bgColor")).set("indexed", "64")
        self.fills.set("count", str(len(fills) + 1))
        self.package.changed.add(self.part)
        return len(fills)

    def with_fill(self, style: int, colour: str | None) -> int:
        """The cell format equal to `style` but with a solid fill of `colour` (None: no fill)."""
        key = (style, colour)
        if key in self._memo:
            return self._memo[key]
        xfs = self.xfs.findall(_q("xf"))
        base = xfs[style] if 0 <= style < len(xfs) else xfs[0]
        wanted = copy.deepcopy(base)
        wanted.set("fillId", str(self._fill_id(colour)))
        signature = _signature(wanted)
        wanted.set("applyFill", "1")
        for index, xf in enumerate(xfs):  # an existing format first: styles.xml does not grow run after run
            if _signature(xf) == signature:
                self._memo[key] = index
                return index
        self.xfs.append(wanted)
        self.xfs.set("count", str(len(xfs) + 1))
        self.package.changed.add(self.part)
        self._memo[key] = len(xfs)
        return len(xfs)

    def quoted(self, style: int) -> int:
        """`style` with Excel's quote prefix: the text stays text when the cell is edited."""
        xfs = self.xfs.findall(_q("xf"))
        wanted = copy.deepcopy(xfs[style] if 0 <= style < len(xfs) else xfs[0])
        wanted.set("quotePrefix", "1")
        signature = _signature(wanted)
        for index, xf in enumerate(xfs):
            if _signature(xf) == signature:
                return index
        self.xfs.append(wanted)
        self.xfs.set("count", str(len(xfs) + 1))
        self.package.changed.add(self.part)
        return len(xfs)

    def wrapped(self, style: int) -> int:
        """`style` with text wrapped at the top of the cell (the Contrôles rows)."""
        from lxml import etree

        xfs = self.xfs.findall(_q("xf"))
        base = copy.deepcopy(xfs[style] if 0 <= style < len(xfs) else xfs[0])
        alignment = base.find(_q("alignment"))
        if alignment is not None and alignment.get("wrapText") in ("1", "true"):
            return style
        if alignment is None:
            alignment = etree.Element(_q("alignment"))
            base.insert(0, alignment)
        alignment.set("wrapText", "1")
        alignment.set("vertical", "top")
        base.set("applyAlignment", "1")
        signature = etree.tostring(base)
        for index, xf in enumerate(xfs):
            if etree.tostring(xf) == signature:
                return index
        self.xfs.append(base)
        self.xfs.set("count", str(len(xfs) + 1))
        self.package.changed.add(self.part)
        return len(xfs)


def _signature(xf: Any) -> bytes:
    """A cell format compared without `applyFill` (a hint Excel and LibreOffice set at will)."""
    from lxml import etree

    plain = copy.deepcopy(xf)
    plain.attrib.pop("applyFill", None)
    return etree.tostring(plain)


# --- comments (notes) ---------------------------------------------------------------------------

_VML_SHAPE = re.compile(r"<v:shape\b.*?</v:shape>", re.S)
_VML_ROW = re.compile(r"<x:Row>\s*(\d+)\s*</x:Row>")
_VML_COLUMN = re.compile(r"<x:Column>\s*(\d+)\s*</x:Column>")
_VML_ID = re.compile(r'id="_x0000_s(\d+)"')


@dataclass
class Note:
    ref: str
    author: str
    text: str


class Notes:
    """The legacy comments (notes) of one sheet and the VML drawing that shows them."""

    def __init__(self, package: XlsxPackage, sheet: Sheet, index: int) -> None:
        self.package, self.sheet, self.index = package, sheet, index
        self.part: str | None = None
        self.vml: str | None = None
        for rel_type, target in package.relationships(sheet.part).values():
            if rel_type == COMMENTS_TYPE and package.has(target):
                self.part = target
            elif rel_type == VML_TYPE and package.has(target):
                self.vml = target
        self.root = package.xml(self.part) if self.part else None

    def notes(self) -> list[Note]:
        if self.root is None:
            return []
        authors = [a.text or "" for a in self.root.findall(f"{_q('authors')}/{_q('author')}")]
        found = []
        for comment in self.root.findall(f"{_q('commentList')}/{_q('comment')}"):
            author_id = int(comment.get("authorId", "0"))
            text = "".join(t.text or "" for t in comment.iter(_q("t")))
            found.append(Note(comment.get("ref"), authors[author_id] if author_id < len(authors) else "", text))
        return found

    def remove(self, refs: set[str]) -> None:
        """Remove the notes of `refs` (and their VML shapes)."""
        if self.root is None or self.part is None or not refs:
            return
        comment_list = self.root.find(_q("commentList"))
        for comment in list(comment_list):
            if comment.get("ref") in refs:
                comment_list.remove(comment)
        self.package.changed.add(self.part)
        if self.vml:
            positions = {(split_ref(r)[1] - 1, split_ref(r)[0] - 1) for r in refs}

            def keep(match: re.Match[str]) -> str:
                shape = match.group(0)
                row, column = _VML_ROW.search(shape), _VML_COLUMN.search(shape)
                if row and column and (int(row.group(1)), int(column.group(1))) in positions \
                        and 'ObjectType="Note"' in shape:
                    return ""
                return shape

            text = self.package.read(self.vml).decode("latin-1")  # byte for byte, whatever its encoding
            self.package.put_raw(self.vml, _VML_SHAPE.sub(keep, text).encode("latin-1"))

    def add(self, notes: list[tuple[str, str, str]]) -> None:
        """Add notes `(ref, author, text)` (the comments part and VML drawing created if needed)."""
        from lxml import etree

        if not notes:
            return
        if self.root is None or self.part is None:
            number = 1
            while self.package.has(f"xl/comments{number}.xml"):
                number += 1
            self.part = f"xl/comments{number}.xml"
            self.root = etree.Element(_q("comments"), nsmap={None: MAIN})
            etree.SubElement(self.root, _q("authors"))
            etree.SubElement(self.root, _q("commentList"))
            self.package.add_part(self.part, self.root, COMMENTS_CONTENT)
            self.package.add_relationship(self.sheet.part, COMMENTS_TYPE, self.part)
        authors = self.root.find(_q("authors"))
        comment_list = self.root.find(_q("commentList"))
        if authors is None or comment_list is None:
            raise CoopxlError("cannot-patch", detail=f"commentaires de la feuille « {self.sheet.title} » illisibles")
        names = [a.text or "" for a in authors]
        for ref, author, text in notes:
            if author not in names:
                etree.SubElement(authors, _q("author")).text = author
                names.append(author)
            comment = etree.SubElement(comment_list, _q("comment"))
            comment.set("ref", ref)
            comment.set("authorId", str(names.index(author)))
            run = etree.SubElement(etree.SubElement(comment, _q("text")), _q("r"))
            t = etree.SubElement(run, _q("t"))
            t.text = text
            t.set(_q("space", XML_NS), "preserve")
        self.package.changed.add(self.part)
        self._add_shapes([ref for ref, _, _ in notes])

    def _add_shapes(self, refs: list[str]) -> None:
        if self.vml is None:
            number = 1
            while self.package.has(f"xl/drawings/vmlDrawing{number}.vml"):
                number += 1
            self.vml = f"xl/drawings/vmlDrawing{number}.vml"
            self.package.ensure_default_type("vml", VML_CONTENT)
            self.package.put_raw(self.vml, (
                '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                'xmlns:x="urn:schemas-microsoft-com:office:excel">'
                f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{self.index + 1}"/></o:shapelayout>'
                '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
                'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
                '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype></xml>').encode())
            rel_id = self.package.add_relationship(self.sheet.part, VML_TYPE, self.vml)
            self._link_legacy_drawing(rel_id)
        text = self.package.read(self.vml).decode("latin-1")  # our shapes are ASCII: bytes kept as they were
        numbers = [int(n) for n in _VML_ID.findall(text)]
        next_id = max(numbers + [1024 * (self.index + 1)]) + 1
        shapes = []
        for offset, ref in enumerate(refs):
            column, row = split_ref(ref)
            shapes.append(
                f'<v:shape id="_x0000_s{next_id + offset}" type="#_x0000_t202" '
                'style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:110pt;'
                'z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
                '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
                '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
                '<div style="text-align:left"></div></v:textbox>'
                '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
                f'<x:Anchor>{column}, 15, {max(row - 2, 0)}, 2, {column + 3}, 15, {row + 5}, 16</x:Anchor>'
                f'<x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row><x:Column>{column - 1}</x:Column>'
                '</x:ClientData></v:shape>')
        position = text.rfind("</xml>")
        if position < 0:
            raise CoopxlError("cannot-patch", detail="dessin VML des commentaires illisible")
        self.package.put_raw(self.vml, (text[:position] + "".join(shapes) + text[position:]).encode("latin-1"))

    def _link_legacy_drawing(self, rel_id: str) -> None:
        from lxml import etree

        root = self.sheet.root
        if root.find(_q("legacyDrawing")) is not None:
            raise CoopxlError("cannot-patch", detail=f"feuille « {self.sheet.title} » : dessin VML sans lien")
        element = etree.Element(_q("legacyDrawing"))
        element.set(_q("id", REL), rel_id)
        for child in root:
            if isinstance(child.tag, str) and etree.QName(child).localname in _AFTER_LEGACY_DRAWING:
                child.addprevious(element)
                break
        else:
            root.append(element)
        self.sheet.touch()
