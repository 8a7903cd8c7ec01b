"""The five ribbon buttons on a double of desktop Excel (tests/excel_double.py): clicked twice
in a row, with several findings on one cell, a user's note, and the states real Excel gets into
(no usable caller, never saved, OneDrive/SharePoint URL, read-only)."""

from __future__ import annotations

import inspect
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from excel_double import DesktopBook
from openpyxl.comments import Comment

import coopxl.excel_entry as entry
from coopxl.cli import main
from coopxl.french import count
from coopxl.marks import is_coopxl_note
from coopxl.messages import french_typography as fr
from coopxl.validation import validate_file, working_referential


def plain(text: str) -> str:
    """What the user reads, spaces of any kind alike."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


ROOT = Path(__file__).resolve().parent.parent
RED, YELLOW = (0xFF, 0xC7, 0xCE), (0xFF, 0xEB, 0x9C)
LINTER_NOTE = "Vérifié avec le SIVOM le 3 mars — Hélène"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", folder)
    monkeypatch.setattr(entry, "SETTINGS", tmp_path / "reglages")
    monkeypatch.setattr(xw.Book, "caller", staticmethod(DesktopBook.caller))
    monkeypatch.setattr(DesktopBook, "caller_book", None)
    monkeypatch.setattr(DesktopBook, "caller_failure", "")
    return folder


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    """Message boxes shown without Excel's help."""
    shown: list[str] = []
    monkeypatch.setattr(entry, "message_box", shown.append)
    return shown


def open_in_excel(path: Path, **options) -> DesktopBook:
    book = DesktopBook.from_file(path, **options)
    book.set_mock_caller()
    return book


def click(book: DesktopBook, button: str, argument: str = "") -> str:
    message = entry.on_button(button, argument)
    assert book.app.alerts[-1] == (message, "Coopération")
    return message


def checks_rows(book: DesktopBook) -> list[tuple]:
    sheet = book.sheets["Contrôles"]
    table = sheet.tables["T_Controles"].range
    rows = sheet.range((table.row1 + 1, table.col1), (table.row2, table.col2)).options(ndim=2).value
    return [tuple(row[1:4]) for row in rows if any(v is not None for v in row)]


def own_notes(book: DesktopBook) -> dict[tuple[str, str], str]:
    return {(sheet.name, note.location.address.replace("$", "")): note.text
            for sheet in book.sheets for note in sheet.notes if is_coopxl_note(None, note.text)}


@pytest.fixture
def troubled_plan(workspace: Path) -> Path:
    """Val de Ligne with an error AND a warning on Actions!Q6, and a colleague's note on Actions!M2."""
    path = workspace / "plans" / "plan-cooperation_cc-du-val-de-ligne.xlsx"
    workbook = openpyxl.load_workbook(path)
    workbook["Actions"]["Q6"] = -5
    workbook["Actions"]["M2"].comment = Comment(LINTER_NOTE, "Hélène")
    workbook.save(path)
    return path


def test_the_double_refuses_a_second_note_exactly_like_xlwings() -> None:
    source = inspect.getsource(xw.main.Range.add_note)
    double = inspect.getsource(DesktopBook.from_file.__globals__["Range"].add_note)
    for message in ("This cell already has a note", "A note can only be added to a single cell",
                    "Note text must not be empty"):
        assert f'"{message}"' in source and f'"{message}"' in double
    book = DesktopBook("C:\\plans\\x.xlsx")
    from excel_double import Sheet

    book.sheets.append(Sheet(book, "Feuil1"))
    book.sheets["Feuil1"]["B2"].add_note("premier")
    with pytest.raises(ValueError, match="^This cell already has a note$"):
        book.sheets["Feuil1"]["B2"].add_note("second")


def test_valider_twice_with_two_findings_on_one_cell_and_a_users_note(troubled_plan: Path, capsys) -> None:
    assert main(["valider", str(troubled_plan), "--json"]) == 1
    command = json.loads(capsys.readouterr().out)
    expected = [(f["code"], f["sheet"], f["cell"]) for f in command["findings"]]
    errors, warnings = command["errors"], command["warnings"]
    on_q6 = [c for c, s, cell in expected if (s, cell) == ("Actions", "Q6")]
    assert on_q6 == ["value-out-of-range", "funding-mismatch"]

    book = open_in_excel(troubled_plan)
    book.sheets["Actions"]["T2"].add_note("Cible à revoir en comité")      # a note on a cell without finding
    first = click(book, "btnValider")
    second = click(book, "btnValider")                                       # the second click used to crash
    assert first == second
    assert plain(first).startswith("Contrôle terminé : 4 erreurs et 1 avertissement.")
    assert (errors, warnings) == (4, 1)
    assert checks_rows(book) == expected
    assert book.fill("Actions", "Q6") == RED                                # the worst finding wins
    assert book.fill("Actions", "M2") == RED and book.fill("Financements", "E7") == RED
    notes = own_notes(book)
    assert set(notes) == {("Actions", "Q6"), ("Financements", "E7"), ("Actions", "O7")}
    lines = notes[("Actions", "Q6")].split("\n")
    assert [line.split(" (")[1].split(")")[0] for line in lines] == ["value-out-of-range", "funding-mismatch"]
    assert lines[0].startswith("coopxl — ")  # one mark per note, as in a file annotated by the command
    assert book.note_text("Actions", "M2") == LINTER_NOTE                    # the colleague's note, untouched
    assert book.note_text("Actions", "T2") == "Cible à revoir en comité"

    # The user fixes the negative cost: the error goes, the warning stays, the table shrinks.
    book.sheets["Actions"]["Q6"].value = 33500
    third = click(book, "btnValider")
    assert plain(third).startswith("Contrôle terminé : 3 erreurs et 1 avertissement.")
    assert len(checks_rows(book)) == 4
    assert book.sheets["Contrôles"].tables["T_Controles"].range.row2 == 1 + 4
    assert book.fill("Actions", "Q6") == YELLOW
    assert own_notes(book)[("Actions", "Q6")].count("coopxl — ") == 1
    assert book.note_text("Actions", "M2") == LINTER_NOTE


@pytest.mark.parametrize("plan", sorted(p.name for p in (ROOT / "examples" / "plans").glob("*.xlsx")))
def test_valider_finds_what_the_command_finds(workspace: Path, plan: str) -> None:
    path = workspace / "plans" / plan
    report = validate_file(path, working_referential(path))
    book = open_in_excel(path)
    message = click(book, "btnValider")
    assert checks_rows(book) == [(f.code, f.sheet, f.cell or None) for f in report.findings]
    errors = sum(f.severity == "Erreur" for f in report.findings)
    if report.findings:
        warnings = count(len(report.findings) - errors, "avertissement")
        expected = f"Contrôle terminé : {count(errors, 'erreur')} et {warnings}."
        assert plain(message).startswith(plain(expected))
    else:
        assert message == fr("Contrôle terminé : aucune erreur ni avertissement.")


def test_every_button_twice_in_a_row(workspace: Path) -> None:
    clean = workspace / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    book = open_in_excel(clean)
    for _ in range(2):
        assert click(book, "btnValider") == fr("Contrôle terminé : aucune erreur ni avertissement.")
        assert click(book, "btnDeliberations").startswith(fr("3 documents écrits dans"))
        assert click(book, "btnSuivi").startswith(fr("Fiche de suivi de la réunion du"))
        assert click(book, "btnConsolider").startswith(fr("Tableau de bord écrit"))
    assert (workspace / "sorties" / "documents" / "cc-val-eyrieux" / "feuille-de-route.docx").is_file()
    assert book.app.opened == [str(workspace / "sorties" / "tableau-de-bord.xlsx")] * 2
    (workspace / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx").unlink()
    assert click(book, "btnNouveau", "Lamastre").startswith(fr("Plan créé"))
    again = click(book, "btnNouveau", "Lamastre")                            # never overwrites
    assert again.startswith("Erreur") and "lamastre" in again
    assert book.app.opened[-1].endswith("plan-cooperation_cc-du-pays-de-lamastre.xlsx")


def test_deliberations_refuses_a_plan_with_blocking_errors_like_the_command(troubled_plan: Path, workspace: Path,
                                                                           capsys) -> None:
    assert main(["deliberations", str(troubled_plan)]) == 1
    said = capsys.readouterr()
    assert "4 erreurs bloquantes" in plain(said.out + said.err)
    book = open_in_excel(troubled_plan)
    for _ in range(2):
        message = click(book, "btnDeliberations")
        assert plain(message).startswith("Erreur : « plan-cooperation_cc-du-val-de-ligne.xlsx » a 4 erreurs "
                                         "bloquantes : aucun document n'est produit")
    assert not (workspace / "sorties" / "documents" / "cc-du-val-de-ligne").exists()


def test_no_usable_caller_ends_in_a_french_box(workspace: Path, boxes: list[str]) -> None:
    DesktopBook.caller_failure = "(-2147352567, 'Une exception s'est produite.', None, None)"
    for button in entry.BUTTONS:
        message = entry.on_button(button)
        assert message.startswith(fr("Erreur : Le classeur actif est introuvable dans Excel"))
        assert "Activer la modification" in message
    assert boxes == [message] * len(entry.BUTTONS)
    assert "Book.caller" in (entry.SETTINGS / "coopxl.log").read_text(encoding="utf-8")


def test_xlwings_missing_ends_in_a_french_box(workspace: Path, boxes: list[str], monkeypatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_xlwings(name, *args, **kwargs):
        if name == "xlwings":
            raise ImportError("No module named 'xlwings'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_xlwings)
    message = entry.on_button("btnValider")
    assert message.startswith(fr("Erreur inattendue (ImportError)")) and boxes == [message]


def test_a_workbook_never_saved(workspace: Path) -> None:
    book = open_in_excel(workspace / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx", fullname="Classeur1")
    for button in ("btnValider", "btnValider", "btnDeliberations", "btnSuivi"):
        assert click(book, button).startswith(fr("Erreur : Le classeur « Classeur1 » n'a jamais été enregistré"))


def test_a_plan_open_from_onedrive(workspace: Path, tmp_path: Path) -> None:
    synced = tmp_path / "OneDrive - Parc des Monts d'Ardèche"
    shutil.copytree(workspace, synced / "Coopération")
    url = ("https://pnrmontsardeche-my.sharepoint.com/personal/helene_pnr_fr/Documents/"
           "Coopération/plans/plan-cooperation_cc-du-val-de-ligne.xlsx")
    book = open_in_excel(synced / "Coopération" / "plans" / "plan-cooperation_cc-du-val-de-ligne.xlsx", fullname=url)
    message = click(book, "btnValider")
    assert message.startswith(fr("Erreur : Le classeur est ouvert depuis OneDrive ou SharePoint"))
    assert "--onedrive" in message
    entry.SETTINGS.mkdir(parents=True, exist_ok=True)
    from coopxl.excel_install import write_conf

    write_conf(entry.SETTINGS / "coopxl.conf", "C:\\Users\\Hélène\\AppData\\Local\\coopxl\\venv\\Scripts\\pythonw.exe",
               onedrive=str(synced))
    for _ in range(2):
        assert plain(click(book, "btnValider")).startswith("Contrôle terminé : 3 erreurs et 1 avertissement.")
    assert click(book, "btnDeliberations").startswith(fr("Erreur : «\u00a0plan-cooperation_cc-du-val-de-ligne.xlsx"))


def test_a_read_only_plan_is_still_checked(workspace: Path) -> None:
    path = workspace / "plans" / "plan-cooperation_cc-du-val-de-ligne.xlsx"
    path.chmod(0o444)
    book = open_in_excel(path, read_only=True)
    assert plain(click(book, "btnValider")).startswith("Contrôle terminé : 3 erreurs")
    assert plain(click(book, "btnValider")).startswith("Contrôle terminé : 3 erreurs")
    assert book.fill("Actions", "M2") == RED


def test_every_button_twice_on_a_plan_with_two_findings_on_one_cell(troubled_plan: Path, workspace: Path) -> None:
    book = open_in_excel(troubled_plan)
    (workspace / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx").unlink()
    seen: dict[str, list[str]] = {}
    for _ in range(2):
        for button, argument in (("btnValider", ""), ("btnDeliberations", ""), ("btnSuivi", ""),
                                 ("btnConsolider", ""), ("btnNouveau", "Lamastre")):
            seen.setdefault(button, []).append(click(book, button, argument))
    assert seen["btnValider"][0] == seen["btnValider"][1]
    assert plain(seen["btnValider"][0]).startswith("Contrôle terminé : 4 erreurs et 1 avertissement.")
    assert all("4 erreurs bloquantes" in plain(message) for message in seen["btnDeliberations"])
    assert all(message.startswith("Fiche de suivi de la réunion du") for message in seen["btnSuivi"])
    assert all(message.startswith("Tableau de bord écrit") for message in seen["btnConsolider"])
    assert seen["btnNouveau"][0].startswith("Plan créé") and seen["btnNouveau"][1].startswith("Erreur")
    assert not any("inattendue" in m for messages in seen.values() for m in messages)
    assert book.fill("Actions", "Q6") == RED and book.note_text("Actions", "M2") == LINTER_NOTE


def test_buttons_use_the_working_folders_customised_templates(workspace: Path) -> None:
    """Like `coopxl deliberations` and `coopxl suivi`: the Parc's own wording in modeles/ wins."""
    from docx import Document

    from coopxl.documents import copy_templates

    for target, _ in copy_templates(workspace / "modeles"):
        document = Document(str(target))
        document.add_paragraph("Modèle personnalisé par le Parc")
        document.save(str(target))
    book = open_in_excel(workspace / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx")
    click(book, "btnDeliberations")
    click(book, "btnSuivi")
    written = [*(workspace / "sorties" / "documents" / "cc-val-eyrieux").glob("*.docx"),
               *(workspace / "sorties" / "suivi").glob("fiche-suivi_*.docx")]
    assert len(written) == 4
    for path in written:
        assert "Modèle personnalisé par le Parc" in [p.text for p in Document(str(path)).paragraphs], path.name
