"""The offline Windows installation: `coopxl excel paquet`, its scripts, and coopxl.conf."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from coopxl import __version__
from coopxl.cli import main
from coopxl.excel_install import install
from coopxl.messages import CoopxlError
from coopxl.windows_package import PYTHON_VERSIONS, installer_cmd, missing_requirements, uninstaller_cmd

ROOT = Path(__file__).resolve().parent.parent
HELENE = "C:\\Users\\Hélène Dupré-Çaçà\\AppData\\Local\\coopxl\\venv\\Scripts\\pythonw.exe"
PATH_VARIABLES = ("%VENV%", "%ROUES%", "%CIBLE%", "%LOCALAPPDATA%", "%APPDATA%", "%USERPROFILE%", "%~dp0",
                  "%COMPLEMENT%", "%REGLAGES%")


def isolated_pip() -> dict[str, str]:
    """An environment where pip sees no configuration: only the folder given on the command line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("paquet")
    assert main(["excel", "paquet", "--sortie", str(out)]) == 0
    (path,) = out.glob("*.zip")
    assert path.name == f"coopxl-windows-{__version__}.zip"
    folder = out / "decompresse"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("python_version", PYTHON_VERSIONS)
def test_the_package_installs_coopxl_excel_on_windows_without_network(package: Path, python_version: str,
                                                                       tmp_path: Path) -> None:
    wheels = package / "roues"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", str(wheels),
         "--platform", "win_amd64", "--python-version", python_version, "--only-binary=:all:",
         "--target", str(tmp_path / "cible"), "--disable-pip-version-check", "coopxl[excel]"],
        capture_output=True, text=True, env=isolated_pip(), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    would = result.stdout.split("Would install", 1)[1]
    for name in ("coopxl", "xlwings-0.37.8", "openpyxl", "python-calamine", "lxml", "docxtpl"):
        assert name in would, name
    # pip judged dependencies by Linux markers: judged by Windows ones, nothing is missing either (pywin32).
    assert missing_requirements(wheels, python_version) == []
    tag = "cp" + python_version.replace(".", "")
    assert list(wheels.glob(f"pywin32-*-{tag}-{tag}-win_amd64.whl"))
    assert list(wheels.glob(f"xlwings-0.37.8-{tag}-{tag}-win_amd64.whl"))


@pytest.mark.slow
def test_the_package_holds_the_scripts_and_a_readme_notepad_reads(package: Path) -> None:
    assert sorted(p.name for p in package.iterdir()) == ["LISEZMOI.txt", "desinstaller.cmd", "installer.cmd", "roues"]
    raw = (package / "LISEZMOI.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8-sig")
    assert "installer.cmd" in text and "désinstaller" in text.lower() and "%LOCALAPPDATA%\\coopxl\\venv" in text
    installer = (package / "installer.cmd").read_bytes().decode("cp850")
    assert "L'installation des paquets a échoué" in installer and "« Coopération »" in installer
    assert f"{__version__}" in installer


def unquoted_paths(script: str) -> list[str]:
    """Lines of a batch script where a path variable appears outside double quotes."""
    found = []
    for line in script.splitlines():
        if line.lstrip().lower().startswith("rem "):
            continue
        outside = re.sub(r'"[^"]*"', "", line)
        if any(variable in outside for variable in PATH_VARIABLES):
            found.append(line)
    return found


def test_the_scripts_quote_every_path_and_say_what_went_wrong() -> None:
    installer, uninstaller = installer_cmd("9.9.9"), uninstaller_cmd()
    assert unquoted_paths(installer) == [] and unquoted_paths(uninstaller) == []
    assert unquoted_paths('del %APPDATA%\\x.xlam') == ['del %APPDATA%\\x.xlam']  # the check can fail
    assert '-m pip install --quiet --disable-pip-version-check --no-index --find-links "%ROUES%"' in installer
    assert '"%VENV%\\Scripts\\coopxl.exe" excel installer %*' in installer
    assert 'set "VENV=%LOCALAPPDATA%\\coopxl\\venv"' in installer
    assert sorted(set(re.findall(r"exit /b (\d)", installer))) == ["0", "1", "2", "3", "4", "5"]
    assert sorted(set(re.findall(r"exit /b (\d)", uninstaller))) == ["0", "2", "3"]
    assert "\r\n" in installer and "\n" not in installer.replace("\r\n", "")
    installer.encode("cp850")  # every character shows in a French console
    uninstaller.encode("cp850")


def test_conf_for_an_accented_profile_decodes_in_cp1252(tmp_path: Path, capsys) -> None:
    target = tmp_path / "coopxl.conf"
    assert main(["excel", "conf", "--python", HELENE, "--sortie", str(target),
                 "--sharepoint", "C:\\Users\\Hélène\\Parc naturel régional"]) == 0
    assert str(target) in capsys.readouterr().out
    raw = target.read_bytes()
    assert "Hélène".encode("cp1252") in raw and "Hélène".encode() not in raw
    assert raw.decode("cp1252") == (f'"INTERPRETER_WIN","{HELENE}"\r\n'
                                    '"SHAREPOINT_WIN","C:\\Users\\Hélène\\Parc naturel régional"\r\n')
    from coopxl.excel_entry import read_conf

    assert read_conf(target)["INTERPRETER_WIN"] == HELENE


def test_conf_refuses_a_path_cp1252_cannot_hold(tmp_path: Path, capsys) -> None:
    target = tmp_path / "coopxl.conf"
    assert main(["excel", "conf", "--python", "C:\\Users\\Łukasz\\coopxl\\pythonw.exe", "--sortie", str(target)]) == 2
    error = capsys.readouterr().err
    assert "(Ł)" in error and "Windows-1252" in error and not target.exists()
    assert main(["excel", "conf", "--sortie", str(target)]) == 2
    assert "--python" in capsys.readouterr().err


def test_installer_writes_cp1252_with_the_cloud_roots(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData"))
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "Hélène"))
    place = install("win32", onedrive="C:\\Users\\Hélène\\OneDrive - Parc des Monts d'Ardèche")
    lines = place.config.read_bytes().decode("cp1252").splitlines()
    assert lines[0].startswith('"INTERPRETER_WIN","') and lines[1] == (
        '"ONEDRIVE_COMMERCIAL_WIN","C:\\Users\\Hélène\\OneDrive - Parc des Monts d\'Ardèche"')
    with pytest.raises(CoopxlError) as error:
        install("win32", sharepoint="C:\\Users\\Hélène\\Паркъ")
    assert error.value.code == "conf-path-not-ansi"


def test_paquet_outside_the_sources_asks_for_the_wheel(tmp_path: Path, monkeypatch, capsys) -> None:
    import coopxl.windows_package as windows_package

    monkeypatch.setattr(windows_package, "ROOT", tmp_path)
    assert main(["excel", "paquet", "--sortie", str(tmp_path)]) == 2
    assert "--roue" in capsys.readouterr().err and not list(tmp_path.glob("*.zip"))
