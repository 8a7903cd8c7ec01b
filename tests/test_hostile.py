"""Hostile and broken files: each refused with a French message, within 1 GiB and 60 s; in a
folder, each becomes a finding and the run goes on."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import TODAY
from hostile_corpus import build

from coopxl.consolidation import consolidate
from coopxl.validation import validate_paths
from coopxl.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "tests" / "data" / "plan-modele-v1.xlsx"
LIMIT_BYTES = 1 << 30
LIMIT_SECONDS = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, build(folder, PLAN)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def test_the_corpus_covers_every_case(corpus) -> None:
    _, cases = corpus
    assert set(cases.values()) == {
        "empty-file", "legacy-xls", "encrypted-file", "ods-file", "text-file", "not-a-workbook", "corrupt-file",
        "oversized-file", "unsafe-xml", "lock-file", "wrong-extension", "sheet-too-large", "xls-file", "xlsb-file",
        "xlsm-file"}
    assert len(cases) == 22


def test_each_file_alone_is_refused_in_french_within_limits(corpus) -> None:
    folder, cases = corpus
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, code in cases.items():
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "coopxl", "valider", str(folder / name)], capture_output=True,
                                text=True, env=env, timeout=LIMIT_SECONDS, preexec_fn=_limits)
        elapsed = time.monotonic() - start
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert result.stderr.startswith("Erreur : ") and name in result.stderr, name
        assert "Traceback" not in result.stderr and elapsed < LIMIT_SECONDS, name
        (finding,) = validate_paths([folder / name]).findings
        assert finding.code == code, name


def test_a_folder_of_them_is_reported_file_by_file(corpus, tmp_path: Path) -> None:
    folder, cases = corpus
    work = tmp_path / "travail"
    (work / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "examples" / "plans", work / "plans", dirs_exist_ok=True)
    shutil.copy(ROOT / "examples" / "referentiel.xlsx", work / "referentiel.xlsx")
    for name in cases:
        shutil.copy(folder / name, work / "plans" / name)
    report = validate_paths([work], today=TODAY)
    codes = {Path(f.file).name: f.code for f in report.findings if Path(f.file).name in cases}
    assert codes == cases
    assert len(report.plans) == 13
    dashboard = consolidate(Workspace(work), today=TODAY)
    assert {Path(p.file).name: p.code for p in dashboard.problems} == cases
    assert sum(1 for r in dashboard.synthesis if "actions" in r) == 13


STREAMED = """
import json, sys
from pathlib import Path
import coopxl.consolidation, coopxl.dashboard
from coopxl.workspace import Workspace
coopxl.consolidation.STREAM_FROM_FILES = coopxl.dashboard.STREAM_FROM_CELLS = 0
dashboard = coopxl.dashboard.consolidate_into(Workspace(Path(sys.argv[1])), Path(sys.argv[2]))
print(json.dumps({Path(p.file).name: p.code for p in dashboard.problems}))
"""


def test_the_outlines_read_before_writing_while_reading_survive_them(corpus, tmp_path: Path) -> None:
    """A dashboard written while the plans are read first reads each file's outline: hostile
    files go through it within the same limits, and end up reported as when read in full."""
    folder, cases = corpus
    work = tmp_path / "travail"
    (work / "plans").mkdir(parents=True)
    for path in sorted((ROOT / "examples" / "plans").glob("*.xlsx"))[:3]:
        shutil.copy(path, work / "plans" / path.name)
    shutil.copy(ROOT / "examples" / "referentiel.xlsx", work / "referentiel.xlsx")
    for name in cases:
        shutil.copy(folder / name, work / "plans" / name)
    result = subprocess.run([sys.executable, "-c", STREAMED, str(work), str(tmp_path / "tdb.xlsx")],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            timeout=LIMIT_SECONDS, preexec_fn=_limits)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == cases
    assert (tmp_path / "tdb.xlsx").stat().st_size > 0
