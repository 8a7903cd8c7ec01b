"""The command line, run as a user runs it: exit codes, French messages, files written."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from coopxl.cli import main
from coopxl.reader import read_plan

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the command line in a new process, as the installed command would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    recorded = str(ROOT / "tests" / "coopxl_recorded.py")  # `python -m coopxl`, recording message codes
    return subprocess.run([sys.executable, recorded, *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


@pytest.fixture
def workspace(tmp_path: Path, referential_path: Path) -> Path:
    folder = tmp_path / "travail"
    result = run("initialiser", str(folder))
    assert result.returncode == 0, result.stderr
    # The shipped référentiel is the example territory; the tests use the small one.
    (folder / "referentiel.xlsx").write_bytes(referential_path.read_bytes())
    return folder


def test_initialiser_creates_the_working_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cooperation"
    result = run("initialiser", str(folder))
    assert result.returncode == 0
    assert "Dossier de travail prêt" in result.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["plans", "referentiel.xlsx", "sorties"]
    workbook = openpyxl.load_workbook(folder / "referentiel.xlsx")
    assert "T_EPCI" in workbook["EPCI"].tables


def test_initialiser_refuses_to_overwrite_a_referential(workspace: Path) -> None:
    before = (workspace / "referentiel.xlsx").read_bytes()
    result = run("initialiser", str(workspace))
    assert result.returncode == 2
    assert "existe déjà" in result.stderr
    assert (workspace / "referentiel.xlsx").read_bytes() == before


def test_nouveau_by_name_prefills_the_plan(workspace: Path) -> None:
    result = run("nouveau", "val'eyrieux", "--dossier", str(workspace), "--debut", "2026-01-01",
                 "--referent", "Claire Martin", "--binome", "ferrand")
    assert result.returncode == 0, result.stderr
    path = workspace / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    assert f"Plan créé : {path}" in result.stdout
    plan = read_plan(path)
    assert plan.findings == []
    assert (plan.epci_name, plan.epci_siren) == ("CC Val'Eyrieux", "200041465")
    assert (plan.period_start, plan.period_end) == (dt.date(2026, 1, 1), dt.date(2028, 12, 31))
    assert (plan.charter_version, plan.status, plan.template_version) == ("2013-2025", "En élaboration", "2")
    members = [(m.structure, m.role, m.full_name, m.pair_role) for m in plan.members]
    assert members == [
        ("Parc", "Président du Parc", "Hélène Vidal", None),
        ("Parc", "Vice-président proximité territoriale", "Paul Chabert", None),
        ("Parc", "Chargé de mission", "Claire Martin", "Référent"),
        ("Parc", "Chargé de mission", "Julien Ferrand", "Membre"),
        ("EPCI", "Président de l'EPCI", "Marie Faure", None),
        ("EPCI", "Vice-président de l'EPCI", "", None),
        ("EPCI", "Directeur général des services", "Luc Bonnet", None),
    ]
    assert [(s.number, s.kind, s.status) for s in plan.sessions] == [
        (1, "Interconnaissance", "Prévue"), (2, "Pistes de coopération", "Prévue"),
        (3, "Programme d'actions", "Prévue")]
    assert plan.lists["L_EPCI"] == ["CC Ardèche des Sources et Volcans", "CC Val'Eyrieux",
                                    "CA Privas Centre Ardèche"]
    assert plan.lists["L_Mesures"] == ["1.1", "5.2", "6.1"]


def test_nouveau_by_siren_with_default_period(workspace: Path) -> None:
    output = workspace / "autre.xlsx"
    assert main(["nouveau", "200071413", "--dossier", str(workspace), "--sortie", str(output)]) == 0
    plan = read_plan(output)
    next_year = dt.date.today().year + 1
    assert plan.epci_name == "CA Privas Centre Ardèche"
    assert (plan.period_start, plan.period_end) == (dt.date(next_year, 1, 1), dt.date(next_year + 2, 12, 31))


def test_nouveau_refuses_to_overwrite_an_existing_plan(workspace: Path) -> None:
    assert run("nouveau", "Val'Eyrieux", "--dossier", str(workspace)).returncode == 0
    path = workspace / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    before = path.read_bytes()
    result = run("nouveau", "Val'Eyrieux", "--dossier", str(workspace))
    assert result.returncode == 2
    assert "existe déjà" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["nouveau", "Lamastre"], "Aucun EPCI du référentiel ne correspond à « Lamastre »"),
    (["nouveau", "CC"], "Plusieurs EPCI correspondent"),
    (["nouveau", "Val'Eyrieux", "--referent", "Inconnu"], "ne figure pas dans l'équipe"),
    (["nouveau", "Val'Eyrieux", "--debut", "2026-01-01", "--fin", "2025-01-01"], "doit être postérieure"),
    (["nouveau", "Val'Eyrieux", "--debut", "12/03/2026"], "n'est pas une date AAAA-MM-JJ"),
])
def test_nouveau_explains_what_is_wrong(workspace: Path, args: list[str], message: str) -> None:
    result = run(*args, "--dossier", str(workspace))
    assert result.returncode == 2
    assert message in result.stderr.replace("\u00a0", " ").replace("\u202f", " ")
    assert "Traceback" not in result.stderr


def test_nouveau_without_referential_says_how_to_start(tmp_path: Path) -> None:
    result = run("nouveau", "Lamastre", "--dossier", str(tmp_path))
    assert result.returncode == 2
    assert "coopxl initialiser" in result.stderr


def test_help_is_in_french_with_an_example_per_command() -> None:
    from coopxl.cli import COMMANDS

    result = run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Utilisation : coopxl")
    for name, *_ in COMMANDS:
        command_help = run(name, "--help")
        assert command_help.returncode == 0
        assert "Exemple :" in command_help.stdout, name
        assert "usage:" not in command_help.stdout


def test_unknown_command_and_missing_argument_are_usage_errors() -> None:
    assert run("inventer").returncode == 2
    result = run("nouveau")
    assert result.returncode == 2
    assert "argument obligatoire manquant : EPCI" in result.stderr


def test_unexpected_error_is_one_french_line_and_traceback_with_debug(tmp_path: Path, monkeypatch) -> None:
    import coopxl.workspace

    def broken(folder):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(coopxl.workspace, "initialise", broken)
    assert main(["initialiser", str(tmp_path / "x")]) == 2
    with pytest.raises(RuntimeError):
        main(["--debug", "initialiser", str(tmp_path / "x")])


def test_valider_prints_a_french_table_and_exits_1_on_errors(tmp_path: Path, referential_path: Path) -> None:
    from factories import clean_plan_content, make_plan

    fields, rows = clean_plan_content()
    rows["T_Actions"][1]["status"] = "En cour"
    faulty = make_plan(tmp_path / "plans" / "faux.xlsx", referential_path, fields=fields, rows=rows)
    clean = make_plan(tmp_path / "plans" / "propre.xlsx", referential_path, fields=clean_plan_content()[0],
                      rows=clean_plan_content()[1])
    result = run("valider", str(faulty), "--date", "2026-11-25")
    assert result.returncode == 1
    assert result.stdout.replace("\u00a0", " ").splitlines()[0] == "faux.xlsx : 1 erreur, 0 avertissement"
    output = result.stdout.replace("\u00a0", " ")
    assert "Actions!O3" in output and "« En cour » n'est pas une valeur autorisée" in output
    assert run("valider", str(clean), "--date", "2026-11-25").returncode == 0


def test_valider_json_is_the_report_as_data(tmp_path: Path, referential_path: Path) -> None:
    import json

    from factories import clean_plan_content, make_plan

    fields, rows = clean_plan_content()
    rows["T_Actions"][0]["objective"] = "OS7"
    path = make_plan(tmp_path / "plan.xlsx", referential_path, fields=fields, rows=rows)
    result = run("valider", str(path), "--json", "--date", "2026-11-25")
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert (data["errors"], data["warnings"], data["files"]) == (1, 0, [str(path)])
    finding = data["findings"][0]
    assert {k: finding[k] for k in ("code", "severity", "sheet", "cell", "field", "value")} == {
        "code": "unknown-objective", "severity": "error", "sheet": "Actions", "cell": "B2",
        "field": "Objectif", "value": "OS7"}


def test_valider_on_a_folder_reports_unreadable_files_and_goes_on(tmp_path: Path, referential_path: Path) -> None:
    from factories import clean_plan_content, make_plan

    folder = tmp_path / "travail"
    (folder / "plans").mkdir(parents=True)
    (folder / "referentiel.xlsx").write_bytes(referential_path.read_bytes())
    make_plan(folder / "plans" / "plan-a.xlsx", referential_path, fields=clean_plan_content()[0],
              rows=clean_plan_content()[1])
    (folder / "plans" / "export.xlsx").write_text("a;b\n1;2\n")
    (folder / "plans" / "~$plan-a.xlsx").write_bytes(bytes([5]) + b"Marie" + b"\x00" * 50)
    result = run("valider", str(folder), "--date", "2026-11-25")
    assert result.returncode == 1
    lines = result.stdout.replace("\u00a0", " ").splitlines()
    assert "referentiel.xlsx : 0 erreur, 0 avertissement" in lines
    assert "export.xlsx : 1 erreur, 0 avertissement" in lines
    assert "~$plan-a.xlsx : 0 erreur, 1 avertissement" in lines
    assert "plan-a.xlsx : 0 erreur, 0 avertissement" in lines
    assert lines[-1] == "4 classeurs contrôlés : 1 avec des erreurs, 1 erreur et 1 avertissement au total."


def test_valider_single_unreadable_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "plan.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = run("valider", str(path))
    assert result.returncode == 2
    assert "Excel 97-2003" in result.stderr
    missing = run("valider", str(tmp_path / "absent.xlsx"))
    assert missing.returncode == 2 and "n'existe pas" in missing.stderr


def test_valider_annoter(tmp_path: Path, referential_path: Path) -> None:
    from factories import clean_plan_content, make_plan

    fields, rows = clean_plan_content()
    rows["T_Actions"][1]["status"] = "En cour"
    path = make_plan(tmp_path / "plans" / "plan.xlsx", referential_path, fields=fields, rows=rows)
    result = run("valider", str(path), "--annoter", "--date", "2026-11-25")
    assert result.returncode == 1
    assert f"Contrôles écrits dans {path}" in result.stdout
    assert [c.code for c in read_plan(path).checks] == ["invalid-choice"]
    (tmp_path / "plans" / "~$plan.xlsx").write_bytes(bytes([5]) + b"Marie" + b"\x00" * 50)
    locked = run("valider", str(path), "--annoter", "--date", "2026-11-25")
    assert locked.returncode == 2
    assert "ouvert dans Excel par Marie" in locked.stderr.replace("\u00a0", " ")


def test_demo_runs_the_whole_chain_on_the_examples(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = run("demo", str(folder))
    assert result.returncode == 0, result.stderr
    assert "Résultats :" in result.stdout
    assert (folder / "sorties" / "tableau-de-bord.xlsx").is_file()
    assert (folder / "sorties" / "demo" / "nouveau-plan.xlsx").is_file()
    assert len(list((folder / "plans").glob("*.xlsx"))) == 13
    again = run("demo", str(folder))
    assert again.returncode == 2 and "n'est pas vide" in again.stderr


def test_consolider_command(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", folder)
    result = run("consolider", str(folder), "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert f"Tableau de bord écrit : {folder / 'sorties' / 'tableau-de-bord.xlsx'}" in result.stdout
    assert "13 fichiers lus, 13 plans consolidés" in result.stdout.replace("\u00a0", " ")
    (folder / "plans" / "notes.txt").write_text("à relire")
    with_problem = run("consolider", str(folder), "--date", "2026-11-25")
    assert with_problem.returncode == 1
    assert "« notes.txt » est un fichier texte" in with_problem.stdout.replace("\u00a0", " ")
    missing = run("consolider", str(tmp_path / "absent"))
    assert missing.returncode == 2


def test_deliberations_command_skips_plans_in_error_unless_forced(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", folder)
    result = run("deliberations", str(folder), "--date", "2026-11-25")
    assert result.returncode == 1
    documents = folder / "sorties" / "documents"
    assert len(list(documents.iterdir())) == 10
    assert result.stderr.count("Non traité :") == 3
    assert result.stderr.count("3 erreurs bloquantes") == 1
    assert sorted(p.name for p in (documents / "cc-du-pays-de-lamastre").iterdir()) == [
        "deliberation-bureau-syndical.docx", "deliberation-conseil-communautaire.docx", "feuille-de-route.docx"]
    forced = run("deliberations", str(folder / "plans" / "plan-cooperation_cc-du-val-de-ligne.xlsx"), "--forcer")
    assert forced.returncode == 0
    assert (documents / "cc-du-val-de-ligne" / "feuille-de-route.docx").is_file()


def test_an_extract_is_refused_while_a_placeholder_remains(tmp_path: Path) -> None:
    import shutil

    from docx import Document

    folder = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", folder)
    workbook = openpyxl.load_workbook(folder / "referentiel.xlsx")
    sheet, cell = next(iter(workbook.defined_names["decret_reference"].destinations))
    workbook[sheet][cell.replace("$", "")] = "décret n° … du … (à compléter)"
    workbook.save(folder / "referentiel.xlsx")
    voted = run("deliberations", str(folder / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"))
    assert voted.returncode == 1
    out = (voted.stdout + voted.stderr).replace("\u00a0", " ").replace("\n  ", " ")
    assert "L'extrait « deliberation-conseil-communautaire.docx » n'est pas produit" in out
    assert "L'extrait « deliberation-bureau-syndical.docx » n'est pas produit" in out
    assert "« Décret de classement » contient encore « à compléter »" in out
    written = sorted(p.name for p in (folder / "sorties" / "documents" / "cc-val-eyrieux").iterdir())
    assert written == ["feuille-de-route.docx"]
    draft = run("deliberations", str(folder / "plans" / "plan-cooperation_cc-du-pays-d-aubenas-vals.xlsx"))
    assert draft.returncode == 0, draft.stdout
    document = Document(str(folder / "sorties" / "documents" / "cc-du-pays-d-aubenas-vals" /
                            "deliberation-conseil-communautaire.docx"))
    assert any("(à compléter)" in p.text for p in document.paragraphs)  # the draft shows the marker
    report = run("valider", str(folder / "referentiel.xlsx"))
    assert report.returncode == 1 and "placeholder-value" not in report.stdout
    assert "Parc!B" in report.stdout and "contient encore" in report.stdout


def test_deliberations_pdf_says_clearly_when_libreoffice_is_missing(tmp_path: Path, monkeypatch) -> None:
    import shutil

    import coopxl.documents

    folder = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", folder)
    monkeypatch.setattr(coopxl.documents, "soffice", lambda: None)
    plan = folder / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    assert main(["deliberations", str(plan), "--pdf", "--date", "2026-11-25"]) == 2
    assert (folder / "sorties" / "documents" / "cc-val-eyrieux" / "feuille-de-route.docx").is_file()


def test_modeles_verifier_and_copier(tmp_path: Path) -> None:
    assert run("modeles", "verifier").returncode == 0
    copied = run("modeles", "copier", str(tmp_path))
    assert copied.returncode == 0
    template = tmp_path / "modeles" / "deliberation-parc.docx"
    assert template.is_file()
    bad = tmp_path / "casse.docx"
    bad.write_bytes(b"pas un document")
    result = run("modeles", "verifier", str(template), str(bad))
    assert result.returncode == 1
    assert "deliberation-parc.docx : modèle utilisable." in result.stdout
    assert "n'est pas un document Word lisible" in result.stdout.replace("\u00a0", " ")


def test_suivi_comparer_and_migrer_commands(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", folder)
    original = folder / "ancien.xlsx"
    plan = folder / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    shutil.copy(plan, original)
    fiches = run("suivi", str(folder), "--date", "2026-11-25")
    assert fiches.returncode == 0, fiches.stderr
    assert "Fiche de suivi : " in fiches.stdout and "Synthèse du suivi pour le Parc" in fiches.stdout
    prepared = run("suivi", str(plan), "--date", "2026-12-08", "--preparer")
    assert prepared.returncode == 0 and "revue du 08/12/2026 préparée" in prepared.stdout
    unchanged = run("comparer", str(original), str(plan))
    assert unchanged.returncode == 0 and "Aucune modification" in unchanged.stdout
    migrated = run("migrer", str(folder))
    assert migrated.returncode == 0 and "déjà à la version 2 du modèle" in migrated.stdout


def test_the_program_ends_with_the_status_of_main_and_no_last_collection(plan_path: Path) -> None:
    """`coopxl` (the installed program) and `python -m coopxl` run `cli.run`: main's exit status,
    and the objects left frozen out of the interpreter's last garbage collection (20-30 ms)."""
    from coopxl.cli import main

    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
            "sys.argv = ['coopxl', 'valider', sys.argv[1]]\n"
            "from coopxl.cli import run\n"
            "run()\n")
    result = subprocess.run([sys.executable, "-c", code, str(plan_path)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == main(["valider", str(plan_path)])
    assert result.stdout.splitlines()[-1] == "frozen True"
