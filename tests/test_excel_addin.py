"""The Excel add-in: ribbon ↔ VBA ↔ Python wiring, the pinned xlwings, and the buttons run end to end
through xlwings' remote engine (no Excel on Linux)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw

from coopxl.addin import ADDIN_NAME, XLWINGS_VERSION, addin_path, build_addin, custom_ui, ribbon_buttons, ribbon_source
from coopxl.excel_entry import BUTTONS, on_button
from coopxl.messages import french_typography
from coopxl.reader import read_plan
from coopxl.validation import validate_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def vba_modules(path: Path) -> dict[str, str]:
    from pyopenvba import ExcelFile

    with ExcelFile(str(path)) as book:
        return {name: book.get_module(name).replace("\r\n", "\n") for name in book.module_names()}


def test_every_ribbon_button_reaches_a_vba_procedure_and_a_python_function() -> None:
    buttons = ribbon_buttons()
    assert set(buttons) == set(BUTTONS) == {"btnValider", "btnConsolider", "btnDeliberations", "btnSuivi",
                                            "btnNouveau"}
    modules = vba_modules(addin_path())
    for button, action in buttons.items():
        module, procedure = action.split(".")
        assert re.search(rf"^Sub {procedure}\(control As IRibbonControl\)", modules[module], re.M), button
    labels = re.findall(r'label="([^"]+)"', custom_ui())
    assert labels[0] == "Coopération"
    assert {"Valider", "Consolider", "Délibérations", "Fiche de suivi", "Nouveau plan"} <= set(labels)


def test_the_addin_names_the_dll_of_the_pinned_xlwings() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in pyproject["project"]["optional-dependencies"]["excel"] if d.startswith("xlwings")]
    assert pins == [f"xlwings=={XLWINGS_VERSION}"] and xw.__version__ == XLWINGS_VERSION
    modules = vba_modules(addin_path())
    assert set(re.findall(r"xlwings(?:32|64)-([0-9.]+)\.dll", modules["xlwings"])) == {XLWINGS_VERSION}
    assert 'PROJECT_NAME As String = "coopxl"' in modules["xlwings"]
    with zipfile.ZipFile(addin_path()) as package:
        assert package.read("customUI/customUI.xml").decode() == custom_ui()
        assert b"_coopxl.conf" in package.read("xl/workbook.xml")


def test_committed_addin_is_what_the_build_script_writes(tmp_path: Path) -> None:
    rebuilt = build_addin(tmp_path / ADDIN_NAME)
    assert vba_modules(rebuilt) == vba_modules(addin_path())
    body = vba_modules(rebuilt)["RibbonCoopxl"].split("\n", 1)[1]  # after « Attribute VB_Name »
    assert body.strip() == ribbon_source().replace("\r\n", "\n").strip()


# --- the Python side, run through xlwings' remote engine ------------------------------------


def payload(path: Path) -> dict:
    """What the add-in's VBA client would send for the workbook at `path`."""
    workbook = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for sheet in workbook.worksheets:
        values = []
        for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column, values_only=True):
            values.append(["" if v is None else v.strftime("%Y-%m-%dT%H:%M:%S.000Z") if isinstance(v, dt.datetime)
                           else v for v in row])
        tables = []
        for name in sheet.tables:
            ref = sheet.tables[name].ref
            first, last = ref.split(":")
            col1, row1 = re.match(r"([A-Z]+)(\d+)", first).groups()
            col2, row2 = re.match(r"([A-Z]+)(\d+)", last).groups()
            tables.append({"name": name, "range_address": f"${col1}${row1}:${col2}${row2}",
                           "header_row_range_address": f"${col1}${row1}:${col2}${row1}",
                           "data_body_range_address": f"${col1}${int(row1) + 1}:${col2}${row2}",
                           "total_row_range_address": None, "show_headers": True, "show_totals": False,
                           "table_style": "TableStyleMedium2", "show_autofilter": True})
        sheets.append({"name": sheet.title, "values": values or [[""]], "pictures": [], "tables": tables})
    names = []
    for name, defined in workbook.defined_names.items():
        (sheet_name, ref), = defined.destinations
        names.append({"name": name, "sheet_index": workbook.sheetnames.index(sheet_name),
                      "address": ref.replace("$", ""), "scope_sheet_name": None, "scope_sheet_index": None,
                      "book_scope": True})
    return {"client": "VBA", "version": xw.__version__,
            "book": {"name": str(path), "active_sheet_index": 0, "selection": "A1"},
            "names": names, "sheets": sheets}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "travail"
    shutil.copytree(EXAMPLES, folder)
    return folder


def click(path: Path, button: str, argument: str = "") -> tuple[str, list[dict]]:
    book = xw.Book(json=payload(path))
    book.set_mock_caller()
    message = on_button(button, argument)
    return message, book.json()["actions"]


def test_valider_writes_the_checks_and_highlights_the_cells(workspace: Path) -> None:
    path = workspace / "plans" / "plan-cooperation_cc-du-val-de-ligne.xlsx"
    findings = validate_plan(read_plan(path), today=dt.date.today())
    message, actions = click(path, "btnValider")
    assert message.startswith(french_typography("Contrôle terminé : 3\u00a0erreurs et 1\u00a0avertissement."))
    sheets = [s.title for s in openpyxl.load_workbook(path).worksheets]
    checks = sheets.index("Contrôles")
    written = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == checks]
    assert len(written) == 1 and (written[0]["start_row"], written[0]["start_column"]) == (1, 0)
    assert [row[1:4] for row in written[0]["values"]] == [[f.code, f.sheet, f.cell] for f in findings]
    assert [a["args"][1] for a in actions if a["func"] == "resizeTable"] == [f"$A$1:$G${1 + len(findings)}"]
    colours = {(sheets[a["sheet_position"]], a["start_row"], a["start_column"]): a["args"][0]
               for a in actions if a["func"] == "setRangeColor"}
    assert colours[("Actions", 1, 12)] == "#FFC7CE"      # M2, text in a date cell: an error
    assert colours[("Actions", 5, 16)] == "#FFEB9C"      # Q6, funding ≠ cost: a warning
    assert actions[-1]["func"] == "alert" and actions[-1]["args"][:2] == [message, "Coopération"]


def test_the_other_buttons_run_the_library(workspace: Path) -> None:
    plan = workspace / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    message, _ = click(plan, "btnDeliberations")
    assert message.startswith("3 documents écrits dans")
    assert (workspace / "sorties" / "documents" / "cc-val-eyrieux" / "feuille-de-route.docx").is_file()
    message, _ = click(plan, "btnSuivi")
    assert message.startswith("Fiche de suivi de la réunion du")
    message, _ = click(plan, "btnConsolider")
    assert message.startswith("Tableau de bord écrit") and (workspace / "sorties" / "tableau-de-bord.xlsx").is_file()
    (workspace / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx").unlink()
    message, _ = click(plan, "btnNouveau", "Lamastre")
    created = workspace / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx"
    assert message.startswith("Plan créé") and created.is_file()


def test_errors_reach_the_user_as_a_french_message(workspace: Path, tmp_path: Path, monkeypatch) -> None:
    import coopxl.excel_entry

    plan = workspace / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    message, actions = click(plan, "btnInconnu")
    assert message.startswith(french_typography("Erreur : Le bouton « btnInconnu »"))
    monkeypatch.setattr(coopxl.excel_entry, "SETTINGS", tmp_path / "reglages")
    monkeypatch.setitem(coopxl.excel_entry.BUTTONS, "btnValider", lambda live, argument: 1 / 0)
    message, actions = click(plan, "btnValider")
    assert message.startswith("Erreur inattendue (ZeroDivisionError)")
    assert "ZeroDivisionError" in (tmp_path / "reglages" / "coopxl.log").read_text()
    assert actions[-1]["func"] == "alert"
    outside = tmp_path / "ailleurs.xlsx"
    shutil.copy(plan, outside)
    message, _ = click(outside, "btnConsolider")
    assert "ne sait pas quel est le dossier de travail" in message


def test_excel_installer_on_linux_and_on_windows(tmp_path: Path, monkeypatch) -> None:
    from coopxl.cli import main
    from coopxl.excel_install import install, status

    assert main(["excel", "installer"]) == 2
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData"))
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "home"))
    place = install("win32")
    assert place.addin == tmp_path / "AppData" / "Microsoft" / "Excel" / "XLSTART" / "coopxl.xlam"
    assert place.addin.read_bytes() == addin_path().read_bytes()
    assert place.config.read_text().startswith('"INTERPRETER_WIN","')
    assert any("installé" in line for line in status("win32"))


# --- the VBA, run by LibreOffice ---------------------------------------------------------------------

LO_SCRIPT = ROOT / "tests" / "lo_vba_dispatch.py"


def _uno_python() -> str | None:
    python = shutil.which("python3", path="/usr/bin")
    if python and shutil.which("soffice"):
        probe = subprocess.run([python, "-c", "import uno"], capture_output=True)
        if probe.returncode == 0:
            return python
    return None


@pytest.mark.libreoffice
@pytest.mark.skipif(_uno_python() is None, reason="LibreOffice with python3-uno absent")
def test_vba_checks_and_dispatch_run_in_libreoffice(tmp_path: Path) -> None:
    result = subprocess.run([_uno_python(), str(LO_SCRIPT), str(addin_path()), str(tmp_path)],
                            capture_output=True, text=True, encoding="utf-8", timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(line.split(" -> ", 1) for line in result.stdout.splitlines() if " -> " in line)
    for button in ("btnValider", "btnConsolider", "btnDeliberations", "btnSuivi"):
        assert lines[f"run:{button}"] == f"import coopxl.excel_entry as e; e.on_button('{button}', '')"
    assert lines["PythonCommand"] == "import coopxl.excel_entry as e; e.on_button('btnNouveau', 'CC Val\\'Eyrieux')"
    assert lines["status:btnValider"] == french_typography("Coopération : validation en cours…")
    assert lines["status:btnDeliberations"] == french_typography("Coopération : production des délibérations en cours…")
    assert lines["status:btnSuivi"] == french_typography("Coopération : préparation de la fiche de suivi en cours…")
    assert lines["status:btnConsolider"] == french_typography("Coopération : consolidation des plans en cours…")
    assert lines["status:btnNouveau"] == french_typography("Coopération : création du plan en cours…")
    # Missing Python: the button stops before RunPython, with a French message.
    assert lines["blocked:absent"] == lines["blocked:no-conf"] == ""
    assert lines["python:absent"] == french_typography(
        f"Python est introuvable : {tmp_path / 'absent' / 'pythonw.exe'} n'existe pas. Relancez « installer.cmd » "
        "du paquet coopxl, ou demandez à l'informatique.")
    assert lines["python:no-conf"].startswith("coopxl n'est pas installé pour cet utilisateur")
    assert lines["python:present"] == ""
    assert lines["state:protected"].startswith("Ce classeur est ouvert en mode protégé")
    assert french_typography("« Activer la modification »") in lines["state:protected"]
    assert lines["state:no-workbook"] == ("Ouvrez d'abord le classeur d'un plan de coopération, puis cliquez de "
                                          "nouveau sur le bouton.")
    assert lines["state:no-workbook-new"].startswith(french_typography(
        "Ouvrez d'abord un classeur du dossier de travail (un plan ou le référentiel) :"))
    assert lines["state:unsaved"].startswith("Ce classeur n'a jamais été enregistré. Enregistrez-le")
    assert lines["state:unsaved-new"] == lines["state:ready"] == ""
    assert lines["failed:no-coopxl"].startswith(french_typography(
        "Le bouton n'a pas abouti : coopxl n'est pas installé dans le Python du complément."))
    assert lines["failed:no-coopxl"].endswith("C:\\Users\\x\\.coopxl\\derniere-erreur.txt.")
    assert "Python s'est arrêté avant la fin" in lines["failed:crash"]
    for key, text in lines.items():
        assert "Error" not in text and "Could not" not in text, key


def test_the_xlwings_module_answers_in_french_through_ribboncoopxl() -> None:
    from coopxl.addin import project_name

    modules = vba_modules(addin_path())
    xlwings_module = modules["xlwings"]
    assert "Could not find Interpreter!" not in xlwings_module and "ShowError(LOG_FILE)" not in xlwings_module
    assert xlwings_module.count("CoopxlPythonFailed") == 3 and "CoopxlInterpreterMissing PYTHON_WIN" in xlwings_module
    for procedure in ("CoopxlPythonFailed(logFile As String)", "CoopxlInterpreterMissing(interpreter As String)"):
        assert f"Sub {procedure}" in modules["RibbonCoopxl"]
    assert project_name(addin_path()) == "coopxl"
    from pyopenvba.cfb import CFB

    with zipfile.ZipFile(addin_path()) as package:
        project = CFB.from_bytes(package.read("xl/vbaProject.bin")).get_stream("PROJECT").decode("cp1252")
    assert 'Name="coopxl"' in project and "MyAddin" not in project


def test_installer_refuses_another_xlwings(tmp_path: Path, monkeypatch) -> None:
    from coopxl.excel_install import install
    from coopxl.messages import CoopxlError

    monkeypatch.setattr(xw, "__version__", "0.30.0")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    with pytest.raises(CoopxlError) as error:
        install("darwin")
    assert error.value.code == "xlwings-missing" and "0.30.0" in error.value.message
    assert not (tmp_path / "coopxl.conf").exists()
