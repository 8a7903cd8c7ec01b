"""Installing the coopxl.xlam add-in for the current user (`coopxl excel installer|statut`).

Windows: the add-in is copied into Excel's XLSTART folder (`%APPDATA%\\Microsoft\\Excel\\XLSTART`)
and `%USERPROFILE%\\.coopxl\\coopxl.conf` points the add-in at this Python (pythonw.exe).
The xlwings VBA reads that file with `Open … For Input`, i.e. in the ANSI code page of
Windows (cp1252 on a French PC): it is written in cp1252, and a path cp1252 cannot hold is
refused before anything is installed.
macOS: the same with Excel's Startup folder and `~/coopxl.conf`. Elsewhere there is no
Excel: the command says so and exits 2.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .addin import ADDIN_NAME, PROJECT_NAME, addin_path
from .files import atomic_write, copy_atomically
from .messages import CoopxlError

MAC_STARTUP = ("Library/Group Containers/UBF8T346G9.Office/User Content.localized/"
               "Startup.localized/Excel")


@dataclass
class Installation:
    """Where the add-in and its configuration go on this computer."""

    startup: Path
    config: Path
    interpreter_key: str
    interpreter: Path

    @property
    def addin(self) -> Path:
        return self.startup / ADDIN_NAME


def installation(platform: str | None = None) -> Installation:
    """The locations for the current user; CoopxlError where Excel cannot run."""
    platform = platform or sys.platform
    home = Path.home()
    if platform.startswith("win"):
        appdata = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming"))
        pythonw = Path(sys.executable).with_name("pythonw.exe")
        return Installation(appdata / "Microsoft" / "Excel" / "XLSTART",
                            home / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf",
                            "INTERPRETER_WIN", pythonw if pythonw.exists() else Path(sys.executable))
    if platform == "darwin":
        return Installation(home / MAC_STARTUP, home / f"{PROJECT_NAME}.conf", "INTERPRETER_MAC", Path(sys.executable))
    raise CoopxlError("excel-unavailable", system=platform)


def _check_xlwings() -> str:
    """The installed xlwings version; CoopxlError unless it is the one the add-in's VBA names."""
    from .addin import XLWINGS_VERSION

    try:
        import xlwings
    except ImportError:
        raise CoopxlError("xlwings-missing", expected=XLWINGS_VERSION, found="absent") from None
    if xlwings.__version__ != XLWINGS_VERSION:
        raise CoopxlError("xlwings-missing", expected=XLWINGS_VERSION, found=xlwings.__version__)
    return xlwings.__version__


CONF_ENCODING = "cp1252"
"""What VBA's `Open … For Input` decodes on a French Windows (the ANSI code page)."""
CLOUD_OPTIONS = {"onedrive": "ONEDRIVE_COMMERCIAL_WIN", "onedrive_personal": "ONEDRIVE_CONSUMER_WIN",
                 "sharepoint": "SHAREPOINT_WIN"}
"""Option → xlwings setting naming a synchronised folder (xlwings.utils.fullname_url_to_local_path)."""


def conf_text(interpreter: str, key: str = "INTERPRETER_WIN", **roots: str | None) -> str:
    """The lines of coopxl.conf; CoopxlError for a value the add-in could not read."""
    entries = [(key, str(interpreter))] + [(CLOUD_OPTIONS[name], str(value)) for name, value in roots.items() if value]
    for _, value in entries:
        for char in value:
            try:
                char.encode(CONF_ENCODING)
            except UnicodeEncodeError:
                raise CoopxlError("conf-path-not-ansi", path=value, char=char) from None
    return "".join(f'"{name}","{value}"\r\n' for name, value in entries)


def write_conf(target: Path, interpreter: str, key: str = "INTERPRETER_WIN", **roots: str | None) -> Path:
    """Write coopxl.conf (cp1252, CRLF) naming the interpreter and the synchronised folders."""
    text = conf_text(interpreter, key, **roots)
    with atomic_write(target) as temporary:
        temporary.write_text(text, encoding=CONF_ENCODING, newline="")
    return target


def install(platform: str | None = None, **roots: str | None) -> Installation:
    """Copy the add-in to Excel's startup folder and write its configuration (Excel must be closed)."""
    place = installation(platform)
    _check_xlwings()
    conf_text(str(place.interpreter), place.interpreter_key, **roots)  # refuse before installing anything
    place.startup.mkdir(parents=True, exist_ok=True)
    copy_atomically(addin_path(), place.addin)
    write_conf(place.config, str(place.interpreter), place.interpreter_key, **roots)
    return place


def status(platform: str | None = None) -> list[str]:
    """French lines describing what is installed."""
    place = installation(platform)
    try:
        version = _check_xlwings()
    except CoopxlError as error:
        version = error.message
    lines = [f"Complément : {place.addin} ({'installé' if place.addin.is_file() else 'absent'})"]
    if place.addin.is_file() and place.addin.read_bytes() != addin_path().read_bytes():
        lines.append("  Le complément installé diffère de celui de cette version de coopxl : relancez "
                     "« coopxl excel installer ».")
    config = place.config.read_text(encoding=CONF_ENCODING).strip() if place.config.is_file() else "absente"
    lines.append(f"Configuration : {place.config} : {config}")
    lines.append(f"xlwings : {version} ; Python {sys.version.split()[0]} ({sys.executable})")
    return lines
