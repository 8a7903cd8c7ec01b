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
    """Run `python -m coopxl ARGS` in a new process, as the installed command would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "coopxl", *args], capture_output=True, text=True,
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
    assert (plan.charter_version, plan.status, plan.template_version) == ("2013-2025", "En élaboration", "1")
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
