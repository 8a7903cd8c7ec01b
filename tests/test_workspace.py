"""The working folder: its layout, initialisation, and finding EPCIs and staff."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopxl.messages import CoopxlError
from coopxl.reader import read_referential
from coopxl.workspace import Workspace, default_period, find_epci, find_staff, initialise


def test_workspace_layout_from_str_or_path(tmp_path: Path) -> None:
    by_str, by_path = Workspace(str(tmp_path)), Workspace(tmp_path)
    assert by_str == by_path
    assert by_str.referential_path == tmp_path / "referentiel.xlsx"
    assert by_str.plans_folder == tmp_path / "plans" and by_str.outputs_folder == tmp_path / "sorties"
    expected = tmp_path / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx"
    assert by_str.plan_path("CC du Pays de Lamastre") == expected


def test_initialise_never_overwrites_a_referential(tmp_path: Path) -> None:
    workspace = initialise(tmp_path / "travail")
    assert workspace.referential_path.is_file() and workspace.plans_folder.is_dir()
    with pytest.raises(CoopxlError) as error:
        initialise(tmp_path / "travail")
    assert error.value.code == "referential-exists"


def test_missing_referential_is_a_french_error(tmp_path: Path) -> None:
    with pytest.raises(CoopxlError) as error:
        Workspace(tmp_path).read_referential()
    assert error.value.code == "referential-not-found" and "referentiel.xlsx" in error.value.message


def test_find_epci_by_name_part_or_siren(referential_path: Path) -> None:
    referential = read_referential(referential_path)
    assert find_epci(referential, "val'eyrieux").siren == "200041465"
    assert find_epci(referential, "200071413").name == "CA Privas Centre Ardèche"
    with pytest.raises(CoopxlError):
        find_epci(referential, "Lyon")


def test_find_staff_by_name_part(referential_path: Path) -> None:
    referential = read_referential(referential_path)
    assert find_staff(referential, "ferrand").full_name == "Julien Ferrand"


def test_default_period_is_three_calendar_years() -> None:
    assert default_period(dt.date(2026, 11, 29)) == (dt.date(2027, 1, 1), dt.date(2029, 12, 31))
