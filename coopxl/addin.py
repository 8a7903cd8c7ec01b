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
XLWINGS_VERSION = "0.37.8"
"""Must equal the xlwings pinned in pyproject.toml: the VBA names its DLL (xlwings64-<version>.dll)."""
ADDIN_NAME = "coopxl.xlam"


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
            source = crlf(book.get_module("xlwings"))
            source = source.replace('PROJECT_NAME As String = "myaddin"', f'PROJECT_NAME As String = "{PROJECT_NAME}"')
            book.set_module("xlwings", "\r\n".join(line for line in source.split("\r\n")
                                                   if not line.startswith("Attribute VB_Name")))
            book.save()
        with atomic_write(target) as temporary:
            _rewrite_package(carrier, temporary)
    return target


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
