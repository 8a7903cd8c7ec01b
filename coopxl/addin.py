"""Building coopxl.xlam on any OS from the ribbon add-in template of the pinned xlwings.

The VBA (`excel/RibbonCoopxl.bas`) and the ribbon (`excel/customUI.xml`) live as text in
the repository; `build_addin` puts them into a copy of xlwings' `quickstart_addin_ribbon.xlam`
with pyOpenVBA (which edits VBA module source without Excel), renames the configuration,
and rewrites the package. `python scripts/build_addin.py` writes `coopxl/excel/coopxl.xlam`.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path

EXCEL_FOLDER = Path(__file__).resolve().parent / "excel"
RIBBON_MODULE = "RibbonCoopxl"
PROJECT_NAME = "coopxl"
TEMPLATE_PROJECT_NAME = "MyAddin"
XLWINGS_VERSION = "0.37.8"
"""Must equal the xlwings pinned in pyproject.toml: the VBA names its DLL (xlwings64-<version>.dll)."""
ADDIN_NAME = "coopxl.xlam"
XLWINGS_PATCHES = (
    # xlwings' English answers, handed to RibbonCoopxl's French ones: (what, replacement, how many).
    ('PROJECT_NAME As String = "myaddin"', f'PROJECT_NAME As String = "{PROJECT_NAME}"', 1),
    ('MsgBox "Could not find Interpreter!", vbCritical', "CoopxlInterpreterMissing PYTHON_WIN", 1),
    ("Call ShowError(LOG_FILE)", "Call CoopxlPythonFailed(LOG_FILE)", 2),  # Windows run, Mac clean-up
    ("ShowError (LOG_FILE)", "CoopxlPythonFailed LOG_FILE", 1),            # Mac run
)
"""Edits of the xlwings VBA module; the build fails if the template no longer has them."""


def crlf(text: str) -> str:
    """VBA modules use Windows line endings."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def ribbon_source() -> str:
    return (EXCEL_FOLDER / f"{RIBBON_MODULE}.bas").read_text(encoding="utf-8")


def custom_ui() -> str:
    return (EXCEL_FOLDER / "customUI.xml").read_text(encoding="utf-8")


def xlwings_template() -> Path:
    import xlwings

    if xlwings.__version__ != XLWINGS_VERSION:
        raise RuntimeError(f"xlwings {XLWINGS_VERSION} is required to build the add-in, found {xlwings.__version__}")
    return Path(xlwings.__file__).parent / "quickstart_addin_ribbon.xlam"


def build_addin(target: Path) -> Path:
    """Write coopxl.xlam to `target` (atomically)."""
    from pyopenvba import ExcelFile

    from .files import atomic_write

    with tempfile.TemporaryDirectory(prefix="coopxl-addin-") as work:
        carrier = Path(work) / "carrier.xlam"
        shutil.copy(xlwings_template(), carrier)
        with ExcelFile(str(carrier)) as book:
            project = book.vba_project()
            project.rename_module("RibbonMyAddin", RIBBON_MODULE)
            book.set_module(RIBBON_MODULE, crlf(ribbon_source()))
            source = patch_xlwings_module(crlf(book.get_module("xlwings")))
            book.set_module("xlwings", "\r\n".join(line for line in source.split("\r\n")
                                                   if not line.startswith("Attribute VB_Name")))
            book.save()
        rename_project(carrier, TEMPLATE_PROJECT_NAME, PROJECT_NAME)
        with atomic_write(target) as temporary:
            _rewrite_package(carrier, temporary)
    return target


def patch_xlwings_module(source: str) -> str:
    """The xlwings module with XLWINGS_PATCHES applied."""
    for old, new, count in XLWINGS_PATCHES:
        if source.count(old) != count:
            raise RuntimeError(f"xlwings module: expected {count} × {old!r}, found {source.count(old)}")
        source = source.replace(old, new)
    return source


def rename_project(package: Path, old: str, new: str) -> None:
    """Rename the VBA project inside an .xlam/.xlsm (pyOpenVBA keeps the name it read).

    The name lives in the PROJECTNAME record of the compressed `VBA/dir` stream and in the
    `Name="…"` line of the `PROJECT` stream ([MS-OVBA] 2.3.4.2.1.6 and 2.3.1.2); the
    `_VBA_PROJECT` p-code cache is invalidated so that Office recompiles.
    """
    import struct

    from pyopenvba.cfb import CFB
    from pyopenvba.vba import compress, decompress, invalidate_vba_project_cache

    with zipfile.ZipFile(package) as archive:
        members = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    cfb = CFB.from_bytes(members["xl/vbaProject.bin"])
    directory = bytearray(decompress(cfb.get_stream_in_storage("VBA", "dir")))
    position = 0
    while True:  # the records before PROJECTNAME are all « id, size, data »
        record, size = struct.unpack_from("<HI", directory, position)
        if record == 0x0004:
            break
        position += 6 + size
    if bytes(directory[position + 6:position + 6 + size]) != old.encode("ascii"):
        raise RuntimeError(f"VBA project name is not {old!r}")
    directory[position:position + 6 + size] = struct.pack("<HI", 0x0004, len(new)) + new.encode("ascii")
    cfb.write_stream_in_storage("VBA", "dir", compress(bytes(directory)))
    project = cfb.get_stream("PROJECT")
    if project.count(f'Name="{old}"'.encode()) != 1:
        raise RuntimeError("PROJECT stream without the template's project name")
    cfb.write_stream("PROJECT", project.replace(f'Name="{old}"'.encode(), f'Name="{new}"'.encode()))
    invalidate_vba_project_cache(cfb)
    members["xl/vbaProject.bin"] = cfb.to_bytes()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def project_name(package: Path) -> str:
    """The VBA project name as Excel reads it (the dir stream's PROJECTNAME)."""
    from pyopenvba import ExcelFile

    with ExcelFile(str(package)) as book:
        return book.vba_project().name


def _rewrite_package(source: Path, target: Path) -> None:
    """Copy the package with our ribbon and the add-in's configuration sheet renamed."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in package.infolist():
            data = package.read(item.filename)
            if item.filename == "customUI/customUI.xml":
                data = custom_ui().encode("utf-8")
            elif item.filename == "xl/workbook.xml":
                data = data.replace(b"_myaddin.conf", f"_{PROJECT_NAME}.conf".encode())
            info = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)


def addin_path() -> Path:
    """The built add-in shipped with coopxl."""
    return EXCEL_FOLDER / ADDIN_NAME


def ribbon_buttons(xml: str | None = None) -> dict[str, str]:
    """Button id → onAction of the ribbon."""
    text = xml if xml is not None else custom_ui()
    return dict(re.findall(r'<button id="([^"]+)"[^>]*?onAction="([^"]+)"', text, re.S))
