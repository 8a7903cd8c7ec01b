"""Shared fixtures: the test référentiel and full plans built from the schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import make_plan, make_referential


@pytest.fixture
def referential_path(tmp_path: Path) -> Path:
    return make_referential(tmp_path / "referentiel.xlsx")


@pytest.fixture
def plan_path(tmp_path: Path, referential_path: Path) -> Path:
    return make_plan(tmp_path / "plan.xlsx", referential_path)
