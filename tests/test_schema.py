"""The contract as data: names unique, list values the rules rely on, version 2 columns."""

from __future__ import annotations

import pytest

from coopxl import schema
from coopxl.schema import PLAN, REFERENTIAL, canonical_role, normalize_header


@pytest.mark.parametrize("workbook", [PLAN, REFERENTIAL], ids=["plan", "referentiel"])
def test_names_are_unique(workbook) -> None:
    assert len(set(workbook.sheet_names)) == len(workbook.sheet_names)
    for table in workbook.tables:
        assert len({normalize_header(h) for h in table.headers}) == len(table.headers), table.name
        assert len(set(table.keys)) == len(table.keys), table.name
        for column in table.columns:
            if column.choices:
                workbook.choice_list(column.choices)  # every drop-down names a declared list


def test_every_value_the_rules_rely_on_is_in_its_list() -> None:
    values = {c.name: c.values for c in PLAN.lists}
    assert schema.REFUSED in values["L_StatutFinancement"]
    assert {schema.REFERENT, schema.PAIR_MEMBER} <= set(values["L_Binome"])
    assert schema.REVIEW_SESSION in values["L_TypeSeance"]
    assert {schema.HELD, schema.PLANNED} <= set(values["L_StatutSeance"])
    assert {schema.CC_BODY, *schema.PARC_BODIES} == set(values["L_Instance"])
    assert set(schema.CLOSED_STATUSES) | set(schema.OPEN_STATUSES) == set(values["L_StatutAction"])
    assert set(schema.APPROVED_STATUSES) | set(schema.EARLY_STATUSES) == set(values["L_StatutPlan"])
    assert set(schema.FEMININE_ROLES) | set(schema.FEMININE_ROLES.values()) <= set(values["L_Fonction"])


def test_feminine_roles_name_the_same_role() -> None:
    assert canonical_role("Présidente du Parc") == "Président du Parc"
    assert canonical_role("Directrice générale des services") == "Directeur général des services"
    assert canonical_role("Autre") == "Autre" and canonical_role(None) is None


def test_version_2_columns_come_after_the_version_1_columns() -> None:
    table = PLAN.table("T_Deliberations")
    versions = [c.since for c in table.columns]
    assert versions == sorted(versions) and versions.count("2") == 5
    assert schema.TEMPLATE_VERSION == schema.KNOWN_TEMPLATE_VERSIONS[-1] == "2"


@pytest.mark.parametrize(("raw", "normalized"), [
    ("N° action ★", "n° action"), ("  Coût   total (€ HT)", "cout total (€ ht)"),
    ("Œuvre", "oeuvre"), ("Rôle de l’EPCI", "role de l'epci"), (None, ""),
])
def test_normalize_header(raw, normalized) -> None:
    assert normalize_header(raw) == normalized
