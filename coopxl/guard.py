"""Checks a file before any workbook parser sees it.

Plan workbooks arrive by e-mail from thirteen organisations: a file is refused, with a
French message naming what it really is, before openpyxl or calamine parse it (they
crash, hang or abort on some of these inputs; see perf-and-reliability-notes §3).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .messages import UnreadableWorkbookError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECKED_ABOVE = 10 * 1024 * 1024
XML_HEAD_BYTES = 2048
INFLATE_CHUNK = 1 << 20
INPUT_CHUNK = 1 << 16


def is_lock_file(path: Path) -> bool:
    """Excel's `~$name.xlsx` owner file, or LibreOffice's `.~lock.name#`."""
    return path.name.startswith(("~$", ".~lock."))


def lock_file_for(path: Path) -> Path | None:
    """The Excel or LibreOffice lock file of `path` if one exists: the workbook is open."""
    # Excel shortens long names: "~$" replaces the first two characters when the name is long.
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:]),
                      path.with_name(f".~lock.{path.name}#")):
        if candidate.exists():
            return candidate
    return None


def lock_owner(lock: Path) -> str:
    """The user name Excel writes in its lock file (a length byte, then the name)."""
    try:
        data = lock.read_bytes()[:200]
    except OSError:
        return "un autre utilisateur"
    if data:
        length = data[0]
        name = data[1:1 + length].decode("latin-1", "replace").strip("\x00 ")
        if name.isprintable() and name:
            return name
    return "un autre utilisateur"


def check_workbook_file(path: Path) -> Package:
    """Raise UnreadableWorkbookError unless `path` looks like a sane .xlsx package; return it."""
    name = path.name
    if not path.exists():
        raise UnreadableWorkbookError("file-not-found", path=str(path))
    if path.is_dir():
        raise UnreadableWorkbookError("not-a-file", path=str(path))
    if is_lock_file(path):
        workbook = name[2:] if name.startswith("~$") else name[7:].rstrip("#")
        raise UnreadableWorkbookError("lock-file", name=name, workbook=workbook, owner=lock_owner(path))
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise UnreadableWorkbookError("corrupt-file", name=name, detail=exc.strerror or str(exc)) from exc
    if not head:
        raise UnreadableWorkbookError("empty-file", name=name)
    if head.startswith(OLE_MAGIC):
        kind = _ole_kind(path)
        if kind == "legacy-xls" and path.suffix.lower() == ".xls":
            kind = "xls-file"  # a true .xls: not « renamed »
        raise UnreadableWorkbookError(kind, name=name)
    if not head.startswith(ZIP_MAGICS):
        code, params = _text_kind(head)
        raise UnreadableWorkbookError(code, name=name, **params)
    package = _check_package(path)
    if path.suffix.lower() != ".xlsx":
        raise UnreadableWorkbookError("wrong-extension", name=name, extension=path.suffix or "sans extension")
    return package


def _ole_kind(path: Path) -> str:
    """An OLE2 compound file is an encrypted OOXML package or a legacy .xls."""
    marker = "EncryptionInfo".encode("utf-16-le")
    with path.open("rb") as handle:
        data = handle.read(4 * 1024 * 1024)
    return "encrypted-file" if marker in data else "legacy-xls"


def _text_kind(head: bytes) -> tuple[str, dict[str, str]]:
    text = head.lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<table" in text:
        return "text-file", {"what": "page HTML"}
    if text.startswith(b"<?xml"):
        return "text-file", {"what": "fichier XML"}
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        if sum(32 <= b < 127 or b in b"\r\n\t;," for b in head) < 0.9 * len(head):
            return "not-a-workbook", {"what": "format inconnu"}
    return "text-file", {"what": "CSV ou texte"}


@dataclass(eq=False, repr=False)
class Package:
    """A checked .xlsx package: its bytes, and the XML parts the reader needs, inflated once."""

    data: bytes
    parts: dict[str, bytes] = field(default_factory=dict)


def _keeps(member: str) -> bool:
    """Parts handed to the reader (workbook, styles, sheets, tables, and their relationships)."""
    return member in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml") or (
        member.startswith(("xl/worksheets/", "xl/tables/")) and member.endswith((".xml", ".xml.rels")))


def _check_package(path: Path) -> Package:
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_TOTAL_BYTES:
            raise UnreadableWorkbookError("oversized-file", name=name, detail=f"{size // (1024 * 1024)} Mo")
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            members = {info.filename for info in infos}
            if "mimetype" in members:
                mimetype = package.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mimetype:
                    raise UnreadableWorkbookError("ods-file", name=name)
                raise UnreadableWorkbookError("not-a-workbook", name=name, what="document OpenDocument")
        _check_sizes(name, infos)
        if "xl/workbook.bin" in members:
            raise UnreadableWorkbookError("xlsb-file", name=name)
        if "xl/vbaProject.bin" in members and "xl/workbook.xml" in members:
            raise UnreadableWorkbookError("xlsm-file", name=name)  # macros: said so, whatever its name
        if "xl/workbook.xml" not in members:
            what = ("document Word" if "word/document.xml" in members else
                    "présentation PowerPoint" if "ppt/presentation.xml" in members else
                    "archive zip")
            raise UnreadableWorkbookError("not-a-workbook", name=name, what=what)
        parts = {}
        for info in infos:
            inflated = _inflate(data, info, name)
            if _keeps(info.filename):
                parts[info.filename] = inflated
        return Package(data, parts)
    except UnreadableWorkbookError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error,
            zlib.error, NotImplementedError) as exc:
        raise UnreadableWorkbookError("corrupt-file", name=name, detail=str(exc)[:100] or type(exc).__name__) from exc


def _inflate(data: bytes, info: zipfile.ZipInfo, name: str) -> bytes:
    """Inflate one member from the package bytes, never past its declared size, and check its
    CRC (headers that lie about sizes are caught); XML parts must not declare a DTD or entities.

    Returns the member's bytes for the parts the reader keeps, b"" for the others (those are
    inflated chunk by chunk and dropped)."""
    offset = info.header_offset
    if data[offset:offset + 4] != b"PK\x03\x04" or info.flag_bits & 0x1:
        raise zipfile.BadZipFile(f"élément « {info.filename} » illisible")
    name_length, extra_length = struct.unpack("<HH", data[offset + 26:offset + 30])
    start = offset + 30 + name_length + extra_length
    raw = memoryview(data)[start:start + info.compress_size]
    if len(raw) != info.compress_size:
        raise zipfile.BadZipFile(f"élément « {info.filename} » tronqué")
    if info.compress_type == zipfile.ZIP_STORED:
        inflater = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
    else:
        raise NotImplementedError(f"compression {info.compress_type} de « {info.filename} »")
    keep = _keeps(info.filename)
    kept, crc, size, head = [], 0, 0, b""
    for chunk in _chunks(raw, inflater):
        size += len(chunk)
        if size > info.file_size:
            raise zipfile.BadZipFile(f"« {info.filename} » dépasse sa taille déclarée")
        crc = zlib.crc32(chunk, crc)
        if len(head) < XML_HEAD_BYTES:
            head += chunk[:XML_HEAD_BYTES]
        if keep:
            kept.append(chunk)
    if inflater is not None and not inflater.eof:
        raise zipfile.BadZipFile(f"« {info.filename} » est tronqué")
    if size != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(f"« {info.filename} » est endommagé (taille ou somme de contrôle)")
    if info.filename.endswith((".xml", ".rels", ".vml")) and (b"<!DOCTYPE" in head or b"<!ENTITY" in head):
        raise UnreadableWorkbookError("unsafe-xml", name=name)
    return b"".join(kept)


def _chunks(raw: memoryview, inflater: Any) -> Iterator[bytes]:
    """The member's bytes in pieces of at most INFLATE_CHUNK (input fed in slices, so a large
    member is never copied whole)."""
    if inflater is None:
        for position in range(0, len(raw), INFLATE_CHUNK):
            yield bytes(raw[position:position + INFLATE_CHUNK])
        return
    for position in range(0, len(raw), INPUT_CHUNK):
        pending = raw[position:position + INPUT_CHUNK]
        while pending and not inflater.eof:
            chunk = inflater.decompress(pending, INFLATE_CHUNK)
            pending = inflater.unconsumed_tail
            if chunk:
                yield chunk
        if inflater.eof:
            return


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise UnreadableWorkbookError("oversized-file", name=name,
                                      detail=f"{len(infos)} éléments dans l'archive")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise UnreadableWorkbookError("oversized-file", name=name,
                                      detail=f"{total // (1024 * 1024)} Mo une fois décompressé")
    for info in infos:
        if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableWorkbookError("oversized-file", name=name,
                                          detail=f"taux de compression anormal de « {info.filename} »")
