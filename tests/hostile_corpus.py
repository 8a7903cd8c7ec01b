"""Builds the corpus of hostile and broken files that coopxl must refuse cleanly.

`build(folder, plan)` writes one file per case next to each other and returns
{file name: expected finding code}. `plan` is a valid plan workbook the corrupt variants
are made from. Run alone to look at the files: python tests/hostile_corpus.py DOSSIER
"""

from __future__ import annotations

import struct
import sys
import zipfile
from pathlib import Path

BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
                    b"</sheetData></worksheet>")
XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
       b"<si><t>&xxe;</t></si></sst>")


def _members(plan: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(plan) as package:
        return {name: package.read(name) for name in package.namelist()}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def _first_sheet(members: dict[str, bytes]) -> str:
    return sorted(n for n in members if n.startswith("xl/worksheets/sheet"))[0]


def _lying_sizes(path: Path, member: str, declared: int) -> None:
    """Patch the uncompressed size of `member` in both zip headers to a smaller, false value."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        info = package.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length].decode() == member:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def build(folder: Path, plan: Path) -> dict[str, str]:
    """Write every hostile case into `folder`; return {file name: expected code}."""
    folder.mkdir(parents=True, exist_ok=True)
    members = _members(plan)
    sheet = _first_sheet(members)
    cases: dict[str, str] = {}

    def write(name: str, data: bytes, code: str) -> None:
        (folder / name).write_bytes(data)
        cases[name] = code

    write("vide.xlsx", b"", "empty-file")
    write("ancien-format.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096, "legacy-xls")
    write("ancien.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096, "xls-file")
    write("export.csv", "N° action;Intitulé\nA1.1;Sentiers\n".encode(), "text-file")
    write("export.xlsx", "N° action;Intitulé;Coût\nA1.1;Sentiers;1 200 €\n".encode(), "text-file")
    write("page-web.xlsx", b"<html><body><table><tr><td>A1.1</td></tr></table></body></html>", "text-file")
    write("image.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not-a-workbook")
    write("tronque.xlsx", plan.read_bytes()[: len(plan.read_bytes()) * 6 // 10], "corrupt-file")
    damaged = bytearray(plan.read_bytes())
    with zipfile.ZipFile(plan) as package:
        info = package.getinfo(sheet)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + min(info.compress_size, 400), 7):
        damaged[offset] ^= 0xA5
    write("deflate-corrompu.xlsx", bytes(damaged), "corrupt-file")
    _zip(folder / "classeur-libreoffice.xlsx", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                                "content.xml": b"<office:document-content/>"})
    cases["classeur-libreoffice.xlsx"] = "ods-file"
    _zip(folder / "binaire.xlsb", {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"})
    cases["binaire.xlsb"] = "xlsb-file"
    _zip(folder / "lettre.xlsx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    cases["lettre.xlsx"] = "not-a-workbook"
    _zip(folder / "bombe-taux.xlsx", {**members, sheet: b" " * (12 * 1024 * 1024)})
    cases["bombe-taux.xlsx"] = "oversized-file"
    _zip(folder / "bombe-mensonge.xlsx", {**members, sheet: members[sheet] + b" " * (5 * 1024 * 1024)})
    _lying_sizes(folder / "bombe-mensonge.xlsx", sheet, 2048)
    cases["bombe-mensonge.xlsx"] = "corrupt-file"
    many = {**members, **{f"xl/media/vide{i}.bin": b"" for i in range(10_001)}}
    _zip(folder / "trop-de-membres.xlsx", many)
    cases["trop-de-membres.xlsx"] = "oversized-file"
    _zip(folder / "entites.xlsx", {**members, sheet: BILLION_LAUGHS})
    cases["entites.xlsx"] = "unsafe-xml"
    _zip(folder / "xxe.xlsx", {**members, "xl/sharedStrings.xml": XXE})
    cases["xxe.xlsx"] = "unsafe-xml"
    far_row = b'<row r="1048576"><c r="Z1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    _zip(folder / "cellule-lointaine.xlsx", {**members, sheet: members[sheet].replace(b"</sheetData>", far_row, 1)})
    cases["cellule-lointaine.xlsx"] = "sheet-too-large"
    _zip(folder / "macros.xlsm", {**members, "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 512})
    cases["macros.xlsm"] = "xlsm-file"
    write("~$plan-ouvert.xlsx", bytes([12]) + b"Marie Dupont" + b"\x00" * 150, "lock-file")
    write("plan-renomme.xls", plan.read_bytes(), "wrong-extension")
    try:
        import msoffcrypto

        with plan.open("rb") as source, (folder / "protege.xlsx").open("wb") as target:
            msoffcrypto.OfficeFile(source).encrypt("secret", target)
        cases["protege.xlsx"] = "encrypted-file"
    except ImportError:  # the corpus still builds without the test extra
        pass
    return cases


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("corpus-hostile")
    for name, code in build(target, root / "tests" / "data" / "plan-modele-v1.xlsx").items():
        print(f"{name:32} {code}")
