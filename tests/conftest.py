"""Shared fixtures, and the record of which message codes the tests raised."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

# The build tools (Word templates, README blocks) live in scripts/, outside the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from factories import make_plan, make_referential

import coopxl.messages as messages

RAISED: set[str] = set()
CODES_FILE = Path(tempfile.mkdtemp(prefix="coopxl-codes-")) / "codes.txt"
os.environ["COOPXL_TEST_CODES"] = str(CODES_FILE)
_render = messages.render
unrecorded_render = _render
"""The real renderer, for tests that render every code on purpose (they prove nothing is raised)."""


def _recording_render(code, *args, **kwargs):
    RAISED.add(code)
    return _render(code, *args, **kwargs)


messages.render = _recording_render


def raised_codes() -> set[str]:
    """Codes rendered in this process and in the command-line subprocesses."""
    codes = set(RAISED)
    if CODES_FILE.exists():
        codes |= set(CODES_FILE.read_text(encoding="utf-8").split())
    return codes


def pytest_sessionfinish(session, exitstatus):
    """The record of raised codes goes with the session (a folder of /tmp was left by each run)."""
    import shutil

    shutil.rmtree(CODES_FILE.parent, ignore_errors=True)


def pytest_collection_modifyitems(session, config, items):
    """The catalogue coverage test runs last, once every other test has raised its codes."""
    last = [item for item in items if item.name == "test_every_code_is_raised_by_a_test"]
    items[:] = [item for item in items if item not in last] + last


@pytest.fixture
def referential_path(tmp_path: Path) -> Path:
    return make_referential(tmp_path / "referentiel.xlsx")


@pytest.fixture
def plan_path(tmp_path: Path, referential_path: Path) -> Path:
    return make_plan(tmp_path / "plan.xlsx", referential_path)


# The xlwings remote engine (Book(json=…)) runs the add-in's Python side on Linux. It needs a
# licence key; « noncommercial » is accepted offline and is set here, for the tests only.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
