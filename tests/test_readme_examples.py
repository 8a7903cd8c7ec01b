"""Every command line of the README's command sections runs as written.

The lines come from the README itself: the ```sh blocks of « Le dossier de travail » and
the « Exemple : » of each command of « Commandes ». Each runs in a home folder of its own,
with `~/cooperation` prepared as the example says: freshly initialised for `initialiser` and
`nouveau` (with the example référentiel when a référent is named), else the example territory
(with a backup copy named as in `comparer`'s example and the Word templates copied into
`modeles/`). Only the Excel add-in commands are left out:
Excel does not exist on Linux (their refusal is tested in test_excel_addin.py). The demo's
folder is the one place where a path is changed, to a temporary folder.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def readme_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Le dossier de travail", 1)[1].split("## Le classeur du plan", 1)[0]
    lines = [line.split("  #")[0].strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)
             for line in block.splitlines() if line.startswith("coopxl ")]
    reference = text.split("## Commandes", 1)[1].split("## Codes des remarques", 1)[0]
    for example in re.findall(r"Exemple :\n((?:  coopxl .*\n)+)", reference):
        lines += [line.strip() for line in example.splitlines()]
    return lines


def test_the_readme_has_the_examples() -> None:
    commands = readme_commands()
    assert commands[0].startswith("coopxl initialiser ~/cooperation")
    assert {shlex.split(c)[1] for c in commands} >= {
        "initialiser", "nouveau", "valider", "consolider", "deliberations", "suivi", "comparer", "migrer",
        "modeles", "excel", "demo"}


def _prepare(home: Path, command: str, words: list[str] | None = None) -> None:
    env = _environment(home)
    if command == "initialiser":
        return
    if command == "nouveau":
        subprocess.run([sys.executable, "-m", "coopxl", "initialiser", str(home / "cooperation")], env=env,
                       check=True, capture_output=True)
        if "--referent" in (words or []):  # naming a référent needs the team: a completed référentiel
            shutil.copyfile(ROOT / "examples" / "referentiel.xlsx", home / "cooperation" / "referentiel.xlsx")
        return
    work = home / "cooperation"
    shutil.copytree(ROOT / "examples", work)
    backups = work / "plans" / "sauvegardes"
    backups.mkdir()
    shutil.copyfile(work / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx", backups / "plan_2026-05-01.xlsx")
    subprocess.run([sys.executable, "-m", "coopxl", "modeles", "copier", str(work)], env=env, check=True,
                   capture_output=True)


def _environment(home: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT)}


@pytest.mark.parametrize("line", [c for c in readme_commands() if shlex.split(c)[1] != "excel"])
def test_readme_command_runs_as_written(line: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    words = shlex.split(line)
    if words[1] == "deliberations" and "--pdf" in words and shutil.which("soffice") is None:
        pytest.skip("LibreOffice absent")
    _prepare(home, words[1], words)
    words = [str(home) + w[1:] if w.startswith("~/") else w for w in words]
    if words[1] == "demo":
        words = [str(tmp_path / "demo") if w == "/tmp/demo-coopxl" else w for w in words]
    cwd = home / "cooperation" if (home / "cooperation").is_dir() else home
    result = subprocess.run([sys.executable, "-m", "coopxl", *words[1:]], cwd=cwd, env=_environment(home),
                            capture_output=True, text=True, timeout=300)
    # 0, or 1 where the example territory's three faulty plans are reported: never « could not run ».
    assert result.returncode in (0, 1), (line, result.stdout[-2000:], result.stderr[-2000:])
    assert "Erreur inattendue" not in result.stderr


def test_a_new_plan_starts_with_no_error(tmp_path: Path) -> None:
    import json

    home = tmp_path / "home"
    home.mkdir()
    _prepare(home, "nouveau")
    env = _environment(home)
    created = subprocess.run([sys.executable, "-m", "coopxl", "nouveau", "Pays de Lamastre", "--dossier",
                              str(home / "cooperation")], env=env, capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    plan = home / "cooperation" / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx"
    checked = subprocess.run([sys.executable, "-m", "coopxl", "valider", str(plan), "--json"],
                             env=env, capture_output=True, text=True)
    data = json.loads(checked.stdout)
    assert (checked.returncode, data["errors"]) == (0, 0)
    assert data["warnings"] > 0  # what is still to fill is said, as warnings


def test_options_are_never_completed_by_prefix_and_commands_are_suggested(capsys: pytest.CaptureFixture) -> None:
    from coopxl.cli import main

    with pytest.raises(SystemExit) as prefix:
        main(["valider", "plan.xlsx", "--referent", "x.xlsx"])
    assert prefix.value.code == 2
    assert "--referent" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["valide", "plan.xlsx"])
    assert "Vouliez-vous dire « valider » ?" in capsys.readouterr().err
