"""The wheel: templates and examples ship inside it, and `coopxl nouveau` works from it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    (path,) = out.glob("coopxl-*.whl")
    return path


@pytest.mark.slow
def test_wheel_holds_templates_and_examples(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "coopxl/workbook_templates/plan-cooperation.xlsx" in names
    assert "coopxl/workbook_templates/referentiel.xlsx" in names
    assert "coopxl/examples/referentiel.xlsx" in names
    assert "coopxl/excel/coopxl.xlam" in names and "coopxl/excel/RibbonCoopxl.bas" in names
    assert {f"coopxl/word_templates/{n}" for n in ("feuille-de-route.docx", "fiche-suivi.docx")} <= names
    assert len([n for n in names if n.startswith("coopxl/examples/plans/") and n.endswith(".xlsx")]) == 13
    assert "coopxl/report-schema.json" in names  # the --json schema, read with importlib.resources


@pytest.mark.slow
def test_installed_wheel_runs_initialiser_and_nouveau(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                              str(target), str(wheel)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    work = tmp_path / "travail"

    def coopxl(*args: str) -> subprocess.CompletedProcess:
        # Run from an unrelated folder so that the source tree cannot be imported by accident.
        return subprocess.run([sys.executable, "-m", "coopxl", *args], capture_output=True, text=True,
                              cwd=tmp_path, env=env, timeout=120)

    where = subprocess.run([sys.executable, "-c", "import coopxl; print(coopxl.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env)
    assert where.stdout.startswith(str(target))
    assert coopxl("initialiser", str(work)).returncode == 0
    result = coopxl("nouveau", "Lamastre", "--dossier", str(work))
    assert result.returncode == 0, result.stderr
    assert (work / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx").is_file()
    demo = coopxl("demo", str(tmp_path / "demo"))
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "demo" / "sorties" / "tableau-de-bord.xlsx").is_file()
