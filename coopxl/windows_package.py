"""The offline Windows package: `coopxl excel paquet` → coopxl-windows-<version>.zip.

The package holds `roues/` (the coopxl wheel and every dependency as Windows wheels for
CPython 3.11, 3.12 and 3.13, fetched at build time with pip's `--platform win_amd64`),
`installer.cmd`, `desinstaller.cmd` and `LISEZMOI.txt`. On the Parc's PC, `installer.cmd`
makes a virtual environment under `%LOCALAPPDATA%\\coopxl`, installs from `roues/` without
any network (`pip install --no-index --find-links`), then runs `coopxl excel installer`.

pip evaluates the environment markers of dependencies for the system it runs on, not for
the target platform: from Linux, `pip download --platform win_amd64 xlwings` leaves out
`pywin32` (`platform_system == "Windows"`). `missing_requirements` evaluates the markers
for Windows and the build downloads what is missing until nothing is.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any

from .files import atomic_write
from .messages import CoopxlError

PYTHON_VERSIONS = ("3.11", "3.12", "3.13")
WHEELS_FOLDER = "roues"
ROOT = Path(__file__).resolve().parent.parent
CMD_ENCODING = "cp850"
"""cmd.exe shows a batch file's text in the console's OEM code page: 850 on a French Windows."""
README_ENCODING = "utf-8-sig"
"""Notepad reads UTF-8 with a BOM as UTF-8 on every Windows version (without a BOM it may guess)."""


def _packaging() -> Any:
    try:
        from packaging import markers, requirements, tags, utils, version
    except ImportError:  # pip vendors it: the build needs pip anyway
        from pip._vendor.packaging import markers, requirements, tags, utils, version  # type: ignore[no-redef]
    return markers, requirements, tags, utils, version


def windows_environment(python_version: str) -> dict[str, str]:
    """The marker environment of CPython `python_version` on 64-bit Windows."""
    return {"implementation_name": "cpython", "implementation_version": f"{python_version}.0",
            "os_name": "nt", "platform_machine": "AMD64", "platform_release": "10",
            "platform_system": "Windows", "platform_version": "10.0.19045", "python_full_version": f"{python_version}.0",
            "platform_python_implementation": "CPython", "python_version": python_version, "sys_platform": "win32"}


def _wheel_tags(python_version: str) -> set[Any]:
    _, _, tags, _, _ = _packaging()
    nodot = python_version.replace(".", "")
    supported = set(tags.cpython_tags((int(nodot[0]), int(nodot[1:])), platforms=["win_amd64"]))
    return supported | set(tags.compatible_tags((int(nodot[0]), int(nodot[1:])), "cp" + nodot, ["win_amd64"]))


def _wheels(folder: Path, python_version: str) -> dict[str, list[tuple[Any, Path]]]:
    """Wheels of `folder` installable on Windows with this Python: name → [(version, file)]."""
    _, _, _, utils, _ = _packaging()
    supported = _wheel_tags(python_version)
    found: dict[str, list[tuple[Any, Path]]] = {}
    for wheel in sorted(folder.glob("*.whl")):
        name, version, _, wheel_tags = utils.parse_wheel_filename(wheel.name)
        if wheel_tags & supported:
            found.setdefault(utils.canonicalize_name(name), []).append((version, wheel))
    return found


def _requirements_of(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n))
        return Parser().parsestr(archive.read(metadata).decode("utf-8")).get_all("Requires-Dist") or []


def missing_requirements(folder: Path, python_version: str, root: str = "coopxl[excel]") -> list[str]:
    """Requirements of `root`, markers evaluated for Windows, that no wheel of `folder` satisfies."""
    _, requirements, _, utils, _ = _packaging()
    available = _wheels(folder, python_version)
    environment = windows_environment(python_version)
    missing: list[str] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    queue = [requirements.Requirement(root)]
    while queue:
        requirement = queue.pop()
        name = utils.canonicalize_name(requirement.name)
        key = (name, tuple(sorted(requirement.extras)))
        candidates = [(v, w) for v, w in available.get(name, []) if requirement.specifier.contains(v, prereleases=True)]
        if not candidates:
            missing.append(str(requirement).split(";")[0].strip())
            continue
        if key in seen:
            continue
        seen.add(key)
        _, wheel = max(candidates, key=lambda item: item[0])
        for line in _requirements_of(wheel):
            dependency = requirements.Requirement(line)
            extras = requirement.extras or {""}
            if dependency.marker is None or any(dependency.marker.evaluate(dict(environment, extra=e)) for e in extras):
                dependency.marker = None
                queue.append(dependency)
    return sorted(set(missing))


def _pip(arguments: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        last = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
        raise CoopxlError("package-failed", detail=(last[-1] if last else f"pip a échoué ({result.returncode})"))


def download_wheels(requirements: list[str], folder: Path, python_version: str) -> None:
    """`pip download` of Windows wheels (win_amd64, CPython `python_version`) into `folder`."""
    _pip(["download", "--quiet", "--disable-pip-version-check", "--only-binary=:all:", "--platform", "win_amd64",
          "--implementation", "cp", "--python-version", python_version, "--dest", str(folder), *requirements])


def build_coopxl_wheel(folder: Path) -> Path:
    """The coopxl wheel, built from the source tree coopxl runs from."""
    if not (ROOT / "pyproject.toml").is_file():
        raise CoopxlError("package-failed", detail="coopxl ne tourne pas depuis ses sources (pyproject.toml absent) : "
                                                   "indiquez la roue de coopxl avec --roue")
    _pip(["wheel", "--quiet", "--disable-pip-version-check", "--no-deps", "--wheel-dir", str(folder), str(ROOT)])
    return max(folder.glob("coopxl-*.whl"), key=lambda p: p.stat().st_mtime)


def build_package(output: Path, wheel: Path | None = None) -> Path:
    """Write coopxl-windows-<version>.zip into the folder `output`; return its path."""
    from . import __version__

    with tempfile.TemporaryDirectory(prefix="coopxl-paquet-") as work:
        wheels = Path(work) / WHEELS_FOLDER
        wheels.mkdir()
        if wheel is None:
            wheel = build_coopxl_wheel(Path(work) / "source")
        local = wheels / Path(wheel).name
        _copy(Path(wheel), local)
        for python_version in PYTHON_VERSIONS:
            wanted = [f"{local}[excel]"]
            for _ in range(5):  # each round adds what the markers of the previous one hid
                download_wheels(wanted, wheels, python_version)
                wanted = missing_requirements(wheels, python_version)
                if not wanted:
                    break
            else:
                raise CoopxlError("package-failed", detail=f"dépendances introuvables pour Python {python_version} : "
                                                           + ", ".join(wanted))
        target = Path(output) / f"coopxl-windows-{__version__}.zip"
        with atomic_write(target) as temporary:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as package:
                for item in sorted(wheels.glob("*.whl")):
                    package.write(item, f"{WHEELS_FOLDER}/{item.name}")
                package.writestr("installer.cmd", installer_cmd(__version__).encode(CMD_ENCODING))
                package.writestr("desinstaller.cmd", uninstaller_cmd().encode(CMD_ENCODING))
                package.writestr("LISEZMOI.txt", readme_text(__version__).encode(README_ENCODING))
    return target


def _copy(source: Path, target: Path) -> None:
    from .files import copy_atomically

    copy_atomically(source, target)


def _excel_closed(script: str) -> str:
    """Batch lines that stop with exit code 2 while Excel runs (it holds the add-in and Python open)."""
    return (f'tasklist /fi "imagename eq EXCEL.EXE" 2>nul | find /i "EXCEL.EXE" >nul\n'
            f"if not errorlevel 1 (\n"
            f"    echo Excel est ouvert : fermez toutes les fenêtres Excel, puis relancez {script}.\n"
            f"    exit /b 2\n)")


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def installer_cmd(version: str) -> str:
    """installer.cmd: exit 0 installed, 1 no suitable Python, 2 Excel open, 3 venv, 4 pip, 5 add-in."""
    return _crlf(rf"""@echo off
setlocal EnableExtensions
rem Installation hors ligne de coopxl {version} pour l'utilisateur courant (aucun droit d'administrateur).
rem Usage : installer.cmd [--onedrive "DOSSIER"] [--sharepoint "DOSSIER"]
set "ROUES=%~dp0{WHEELS_FOLDER}"
set "VENV=%LOCALAPPDATA%\coopxl\venv"

{_excel_closed('installer.cmd')}

set "PYTHON="
py -3.13 -c "import sys" >nul 2>&1 && set "PYTHON=py -3.13"
if not defined PYTHON py -3.12 -c "import sys" >nul 2>&1 && set "PYTHON=py -3.12"
if not defined PYTHON py -3.11 -c "import sys" >nul 2>&1 && set "PYTHON=py -3.11"
if not defined PYTHON python -c "import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else 1)" >nul 2>&1 && set "PYTHON=python"
if not defined PYTHON (
    echo Python 3.11, 3.12 ou 3.13 est introuvable sur ce poste.
    echo Demandez à l'informatique d'installer Python depuis le paquet officiel python.org pour Windows 64 bits,
    echo puis relancez installer.cmd.
    exit /b 1
)
echo Python trouvé : %PYTHON%

if exist "%VENV%\Scripts\python.exe" (
    echo Mise à jour de l'installation existante dans "%VENV%".
) else (
    echo Création de l'environnement Python dans "%VENV%"...
    %PYTHON% -m venv "%VENV%"
    if errorlevel 1 (
        echo L'environnement Python n'a pas pu être créé dans "%VENV%".
        exit /b 3
    )
)

echo Installation de coopxl depuis "%ROUES%" (sans Internet)...
"%VENV%\Scripts\python.exe" -m pip install --quiet --disable-pip-version-check --no-index --find-links "%ROUES%" --upgrade "coopxl[excel]"
if errorlevel 1 (
    echo L'installation des paquets a échoué. Vérifiez que le dossier "%ROUES%" est complet
    echo ^(décompressez tout le fichier zip^), puis relancez installer.cmd.
    exit /b 4
)

"%VENV%\Scripts\coopxl.exe" excel installer %*
if errorlevel 1 (
    echo Le complément Excel n'a pas pu être installé : voir le message ci-dessus.
    exit /b 5
)
echo.
echo coopxl {version} est installé. Ouvrez Excel : l'onglet « Coopération » apparaît dans le ruban.
exit /b 0
""")


def uninstaller_cmd() -> str:
    """desinstaller.cmd: exit 0 removed, 2 Excel open, 3 something could not be removed."""
    return _crlf(rf"""@echo off
setlocal EnableExtensions
rem Désinstallation de coopxl pour l'utilisateur courant. Les plans et le dossier de travail ne sont pas touchés.
set "CIBLE=%LOCALAPPDATA%\coopxl"
set "COMPLEMENT=%APPDATA%\Microsoft\Excel\XLSTART\coopxl.xlam"
set "REGLAGES=%USERPROFILE%\.coopxl"

{_excel_closed('desinstaller.cmd')}
if exist "%COMPLEMENT%" del /f /q "%COMPLEMENT%"
if exist "%REGLAGES%" rmdir /s /q "%REGLAGES%"
if exist "%CIBLE%" rmdir /s /q "%CIBLE%"
if exist "%COMPLEMENT%" goto :reste
if exist "%CIBLE%" goto :reste
echo coopxl est désinstallé. Vos plans et votre dossier de travail n'ont pas été modifiés.
exit /b 0
:reste
echo Une partie de coopxl n'a pas pu être supprimée ("%COMPLEMENT%" ou "%CIBLE%").
echo Fermez Excel et relancez desinstaller.cmd.
exit /b 3
""")


def readme_text(version: str) -> str:
    versions = ", ".join(PYTHON_VERSIONS)
    return _crlf(f"""coopxl {version} — paquet d'installation hors ligne pour Windows
===============================================================

Ce paquet installe coopxl et le complément Excel « Coopération » pour l'utilisateur
courant, sans connexion à Internet et sans droit d'administrateur.

Prérequis
---------
- Windows 10 ou 11, 64 bits, avec Excel pour Windows (Microsoft 365 ou 2016 et suivants).
- Python {versions} (64 bits) installé depuis python.org. Le lanceur « py » est utilisé s'il
  est présent ; sinon « python » doit être dans le PATH.

Installer
---------
1. Fermez Excel.
2. Décompressez tout le fichier zip dans un dossier (clic droit > Extraire tout).
3. Double-cliquez sur installer.cmd.
   Si les plans sont dans un dossier OneDrive ou SharePoint synchronisé, lancez plutôt,
   depuis une invite de commandes :
       installer.cmd --onedrive "C:\\Users\\VOUS\\OneDrive - Parc"
       installer.cmd --sharepoint "C:\\Users\\VOUS\\Parc naturel"
4. Ouvrez Excel : l'onglet « Coopération » apparaît dans le ruban.

Ce que fait installer.cmd
-------------------------
- crée un environnement Python dans %LOCALAPPDATA%\\coopxl\\venv ;
- y installe coopxl et ses dépendances depuis le dossier {WHEELS_FOLDER} du paquet ;
- copie le complément coopxl.xlam dans %APPDATA%\\Microsoft\\Excel\\XLSTART ;
- écrit %USERPROFILE%\\.coopxl\\coopxl.conf, qui indique au complément le Python à utiliser.

Codes de sortie : 0 installé ; 1 Python introuvable ; 2 Excel ouvert ; 3 environnement
Python impossible à créer ; 4 installation des paquets impossible ; 5 complément non installé.

Désinstaller
------------
Fermez Excel et double-cliquez sur desinstaller.cmd. Vos plans et votre dossier de travail
ne sont jamais modifiés.

Pour le service informatique
----------------------------
Voir docs/informatique.md dans les sources de coopxl : règle Defender « Bloquer la création
de processus enfants par les applications Office », emplacements approuvés, signature du
complément, OneDrive et SharePoint.
""")
