"""Validation: one case per finding code, asserted as (sheet, cell, code) triples."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from factories import REFERENTIAL_FIELDS, REFERENTIAL_ROWS, TODAY, clean_plan_content, make_plan, make_referential

from coopxl.reader import read_plan, read_referential
from coopxl.validation import luhn_valid, validate_file, validate_plan, validate_referential

D = dt.date


def triples(findings) -> list[tuple[str, str, str]]:
    return sorted((f.sheet, f.cell, f.code) for f in findings)


def check(tmp_path: Path, referential_path: Path, mutate, with_referential: bool = True):
    fields, rows = clean_plan_content()
    mutate(fields, rows)
    path = make_plan(tmp_path / "plan.xlsx", referential_path, fields=fields, rows=rows)
    referential = read_referential(referential_path) if with_referential else None
    return validate_plan(read_plan(path), referential, today=TODAY)


def test_the_clean_plan_has_no_finding(tmp_path: Path, referential_path: Path) -> None:
    assert check(tmp_path, referential_path, lambda fields, rows: None) == []
    assert check(tmp_path, referential_path, lambda fields, rows: None, with_referential=False) == []


def _set(table, index, **values):
    def mutate(fields, rows):
        rows[table][index].update(values)
    return mutate


def _field(**values):
    def mutate(fields, rows):
        fields.update(values)
    return mutate


def _both(*mutations):
    def mutate(fields, rows):
        for mutation in mutations:
            mutation(fields, rows)
    return mutate


def _drop(table, index):
    def mutate(fields, rows):
        del rows[table][index]
    return mutate


CASES = [
    # values
    ("missing-value", _set("T_Actions", 0, title=None), [("Actions", "C2", "missing-value")]),
    ("missing-value-field", _field(period_start=None), [("Plan", "B6", "missing-value")]),
    ("invalid-choice", _set("T_Actions", 1, status="En cour"), [("Actions", "O3", "invalid-choice")]),
    ("invalid-choice-plan", _field(status="Approuve"), [("Plan", "B9", "invalid-choice")]),
    ("invalid-siren-key", _field(epci_siren="200041466"), [("Plan", "B4", "invalid-siren")]),
    ("invalid-siren-length", _field(epci_siren="20004146"), [("Plan", "B4", "invalid-siren")]),
    ("value-out-of-range", _set("T_Suivi", 0, progress=140), [("Suivi", "D2", "value-out-of-range")]),
    ("negative-amount", _set("T_Financements", 2, amount=-6000),
     [("Actions", "Q3", "funding-mismatch"), ("Financements", "E4", "value-out-of-range")]),
    ("invalid-email", _set("T_GroupeProjet", 2, email="c.martin.example.org"),
     [("Groupe projet", "H4", "invalid-email")]),
    ("invalid-actes-number", _set("T_Deliberations", 0, number="2023/112", actes_id=None),
     [("Délibérations", "B2", "invalid-actes-number")]),
    ("invalid-actes-id", _set("T_Deliberations", 0, actes_id="007-200041465-2023-12-18"),
     [("Délibérations", "R2", "invalid-actes-id")]),
    ("actes-id-mismatch", _set("T_Deliberations", 1, actes_id="007-200041465-20240119-B2024_003-DE"),
     [("Délibérations", "R3", "actes-id-mismatch")]),
    # references
    ("unknown-objective", _set("T_Actions", 1, objective="OS9"), [("Actions", "B3", "unknown-objective")]),
    ("unknown-action", _set("T_Financements", 4, action="A9.9"), [("Financements", "A6", "unknown-action")]),
    ("unknown-action-review", _set("T_Suivi", 7, action="A3.1"), [("Suivi", "B9", "unknown-action")]),
    ("unknown-measure", _set("T_Actions", 0, measure="9.9"), [("Actions", "E2", "unknown-measure")]),
    ("unknown-measure-objective", _set("T_Objectifs", 0, measures="6.1; 7.7"),
     [("Objectifs", "C2", "unknown-measure")]),
    ("unknown-officer", _set("T_Actions", 0, officer="Jean Inconnu"), [("Actions", "L2", "unknown-officer")]),
    ("unknown-funder", _set("T_Financements", 0, funder="FEDER"), [("Financements", "B2", "unknown-funder")]),
    ("unknown-epci", _field(epci_name="CC du Pays de Lamastre"), [("Plan", "B3", "unknown-epci")]),
    ("unknown-actes-subject", _set("T_Deliberations", 0, actes_subject="9.9 Inconnue"),
     [("Délibérations", "P2", "unknown-actes-subject")]),
    ("unknown-charter-version", _field(charter_version="2029-2044"), [("Plan", "B8", "unknown-charter-version")]),
    ("siren-mismatch", _both(_field(epci_siren="200039824"),
                             _set("T_Deliberations", 0, actes_id="007-200039824-20231218-2023_112-DE")),
     [("Plan", "B4", "siren-mismatch")]),
    ("duplicate-number", lambda fields, rows: rows["T_Actions"].append(dict(rows["T_Actions"][0])),
     [("Actions", "A4", "duplicate-number")]),
    # process
    ("missing-session", _drop("T_Seances", 2), [("Séances", "", "missing-session")]),
    ("sessions-out-of-order", _set("T_Seances", 1, date=D(2023, 9, 1)), [("Séances", "C3", "sessions-out-of-order")]),
    ("session-not-held", _set("T_Seances", 2, status="Reportée"), [("Séances", "E4", "session-not-held")]),
    ("pair-size", _set("T_GroupeProjet", 3, pair_role=None), [("Groupe projet", "", "pair-size")]),
    ("pair-without-referent", _set("T_GroupeProjet", 2, pair_role="Membre"),
     [("Groupe projet", "J4", "pair-without-referent")]),
    ("pair-several-referents", _set("T_GroupeProjet", 3, pair_role="Référent"),
     [("Groupe projet", "J5", "pair-several-referents")]),
    ("pair-not-parc-officer", _both(_set("T_GroupeProjet", 3, pair_role=None),
                                    _set("T_GroupeProjet", 6, pair_role="Membre")),
     [("Groupe projet", "J8", "pair-not-parc-officer")]),
    ("incomplete-project-group", _drop("T_GroupeProjet", 5), [("Groupe projet", "", "incomplete-project-group")]),
    ("end-before-start", _set("T_Actions", 0, end=D(2024, 1, 15)), [("Actions", "N2", "end-before-start")]),
    ("end-before-start-period", _field(period_end=D(2023, 6, 30)), [("Plan", "B7", "end-before-start")]),
    ("action-outside-period", _set("T_Actions", 1, end=D(2027, 6, 30)), [("Actions", "N3", "action-outside-period")]),
    ("deliberation-before-programme", _set("T_Deliberations", 0, date=D(2023, 11, 2)),
     [("Délibérations", "C2", "deliberation-before-programme")]),
    ("missing-reviews", _both(_drop("T_Seances", 6), _drop("T_Suivi", 6)), [("Séances", "", "missing-reviews")]),
    ("status-without-deliberation", _set("T_Deliberations", 1, result="Ajournée"),
     [("Plan", "B9", "status-without-deliberation")]),
    ("status-behind-deliberations", _field(status="Programme arrêté"), [("Plan", "B9", "status-behind-deliberations")]),
    ("missing-other-lead", _set("T_Actions", 1, other_lead=None), [("Actions", "H3", "missing-other-lead")]),
    ("status-not-updated", _set("T_Actions", 1, status="Reportée"), [("Actions", "O3", "status-not-updated")]),
    # money
    ("funding-mismatch", _set("T_Actions", 0, cost=21500), [("Actions", "Q2", "funding-mismatch")]),
    ("funding-within-one-euro", _set("T_Actions", 0, cost=20000.8), []),
    # votes
    ("vote-voters-mismatch", _set("T_Deliberations", 0, voters=36, votes_for=36),
     [("Délibérations", "K2", "vote-voters-mismatch")]),
    ("vote-count-mismatch", _set("T_Deliberations", 1, votes_for=9), [("Délibérations", "L3", "vote-count-mismatch")]),
    ("vote-present-exceeds-members", _set("T_Deliberations", 1, present=13, proxies=0, voters=13, votes_for=11),
     [("Délibérations", "I3", "vote-present-exceeds-members")]),
    ("too-many-proxies", _set("T_Deliberations", 1, present=7, proxies=6, voters=13, votes_for=11),
     [("Délibérations", "J3", "too-many-proxies")]),
    ("quorum-not-reached", _set("T_Deliberations", 1, present=6, proxies=4, voters=10),
     [("Délibérations", "I3", "quorum-not-reached")]),
    ("vote-result-mismatch", _set("T_Deliberations", 1, votes_for=4, votes_against=5, abstentions=1),
     [("Délibérations", "O3", "vote-result-mismatch")]),
    ("incomplete-vote", _set("T_Deliberations", 0, voters=None),
     [("Délibérations", "K2", "missing-value")]),
]


@pytest.mark.parametrize(("case", "mutate", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_rule(tmp_path: Path, referential_path: Path, case, mutate, expected) -> None:
    assert triples(check(tmp_path, referential_path, mutate)) == sorted(expected)


def test_draft_deliberation_without_vote_is_not_checked_for_counts(tmp_path: Path, referential_path: Path) -> None:
    def prepare(fields, rows):
        fields["status"] = "Programme arrêté"
        for row in rows["T_Deliberations"]:
            for key in ("members", "present", "proxies", "voters", "votes_for", "votes_against",
                        "abstentions", "result", "transmitted_on", "actes_id", "published_on"):
                row[key] = None
    assert triples(check(tmp_path, referential_path, prepare)) == []


def test_plan_in_elaboration_misses_sessions_as_warnings(tmp_path: Path, referential_path: Path) -> None:
    def draft(fields, rows):
        fields["status"] = "En élaboration"
        rows["T_Seances"] = rows["T_Seances"][:1]
        rows["T_Deliberations"] = []
    findings = check(tmp_path, referential_path, draft)
    assert triples(findings) == [("Séances", "", "missing-session")] * 2
    assert {f.severity for f in findings} == {"Avertissement"}


def test_lists_out_of_date_against_the_referential(tmp_path: Path, referential_path: Path) -> None:
    fields, rows = clean_plan_content()
    path = make_plan(tmp_path / "plan.xlsx", referential_path, fields=fields, rows=rows)
    rows_ref = copy.deepcopy(REFERENTIAL_ROWS)
    rows_ref["T_Equipe"].append({"first_name": "Léa", "last_name": "Nouvelle", "post": "Chargée de mission"})
    from coopxl.schema import REFERENTIAL
    from coopxl.templates import write_workbook

    newer = write_workbook(REFERENTIAL, tmp_path / "nouveau-referentiel.xlsx", fields=REFERENTIAL_FIELDS, rows=rows_ref)
    findings = validate_plan(read_plan(path), read_referential(newer), today=TODAY)
    assert triples(findings) == [("Listes", "", "lists-out-of-date")]


def test_validate_file_on_a_workbook_that_is_not_a_plan(tmp_path: Path) -> None:
    import openpyxl

    other = tmp_path / "budget.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Budget"
    workbook.save(other)
    report = validate_file(other)
    assert [(f.file, f.code) for f in report.findings] == [(str(other), "not-a-plan")]


def test_referential_validation(tmp_path: Path) -> None:
    rows = copy.deepcopy(REFERENTIAL_ROWS)
    rows["T_EPCI"][2]["siren"] = "200041465"
    rows["T_EPCI"][0]["successor_siren"] = "200067213"
    rows["T_EPCI"][1]["form"] = "CU"
    rows["T_Financeurs"] = [f for f in rows["T_Financeurs"] if f["code"] != "LEADER"]
    rows["T_Charte"][2]["code"] = "5.2"
    from coopxl.schema import REFERENTIAL
    from coopxl.templates import write_workbook

    path = write_workbook(REFERENTIAL, tmp_path / "referentiel.xlsx",
                          fields={**REFERENTIAL_FIELDS, "body_siren": "250700011", "charter_version": "2029"},
                          rows=rows)
    assert triples(validate_referential(read_referential(path))) == sorted([
        ("Parc", "B5", "invalid-siren"), ("Parc", "B14", "unknown-charter-version"),
        ("EPCI", "A4", "duplicate-number"), ("EPCI", "L2", "unknown-successor"),
        ("EPCI", "C3", "invalid-choice"), ("Charte", "E4", "duplicate-number"),
        ("Financeurs", "", "missing-leader-funder"),
    ])
    assert validate_file(path).files == [str(path)]


def test_clean_referential_has_no_finding(referential_path: Path) -> None:
    assert validate_referential(read_referential(referential_path)) == []


@pytest.mark.parametrize(("siren", "valid"), [("200041465", True), ("200039824", True), ("200041466", False),
                                              ("732829320", True), ("000000000", True)])
def test_luhn(siren: str, valid: bool) -> None:
    assert luhn_valid(siren) is valid


# --- placeholders: no example or to-complete text may reach an act ------------------------------------


@pytest.mark.parametrize(("value", "marker"), [
    ("décret de mars 2014 (numéro et date à compléter)", "numéro et date"),
    ("délibération n° 2020_045 du 12 octobre 2020 (exemple)", "(exemple)"),
    ("à compléter", "à compléter"), ("XXX", "XXX"), ("…", "…"), ("...", "..."),
])
def test_placeholder_in_the_referential_is_an_error(tmp_path: Path, value: str, marker: str) -> None:
    path = make_referential(tmp_path / "referentiel.xlsx", decree=value)
    findings = [f for f in validate_referential(read_referential(path)) if f.code == "placeholder-value"]
    assert [(f.sheet, f.field, f.severity) for f in findings] == [("Parc", "Décret de classement", "Erreur")]
    assert findings[0].cell.startswith("B") and f"contient encore «\u00a0{marker}\u00a0»" in findings[0].message
    assert "aucun acte" in findings[0].message


def test_placeholder_in_a_plan_is_an_error_at_its_cell(tmp_path: Path, referential_path: Path) -> None:
    findings = check(tmp_path, referential_path,
                     _set("T_Deliberations", 0, secretary="XXX", place="salle à compléter"))
    assert sorted((f.sheet, f.field, f.code) for f in findings) == [
        ("Délibérations", "Lieu", "placeholder-value"), ("Délibérations", "Secrétaire de séance", "placeholder-value")]


@pytest.mark.parametrize("value", ["Un texte normal.", "Réunion… reportée", "Mesure 5.2", "Projet exemplaire"])
def test_ordinary_text_is_not_a_placeholder(value: str) -> None:
    from coopxl.validation import placeholder_marker

    assert placeholder_marker(value) is None


def test_initialiser_referential_lists_what_to_complete() -> None:
    """The référentiel `coopxl initialiser` ships has no invented person; valider lists each cell to fill."""
    from coopxl.workspace import template_path

    referential = read_referential(template_path("referentiel.xlsx"))
    findings = validate_referential(referential)
    to_complete = {(f.sheet, f.field) for f in findings if f.code == "placeholder-value"}
    assert {("Parc", "Président du Parc"), ("Parc", "Vice-président chargé de la proximité territoriale"),
            ("Parc", "Décret de classement"), ("Parc", "Délibération de délégation au bureau"),
            ("EPCI", "Président(e)"), ("EPCI", "DGS"), ("Équipe", "Prénom"), ("Équipe", "Nom")} <= to_complete
    epci_rows = {f.cell for f in findings if f.sheet == "EPCI" and f.field == "Président(e)"}
    assert len(epci_rows) == len(referential.epcis) == 13
    assert ("Parc", "SIREN du syndicat mixte") in {(f.sheet, f.field) for f in findings if f.code == "missing-value"}
    assert all(e.president_civility is None and e.councillors is None for e in referential.epcis)


def test_example_territory_has_no_placeholder() -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    referential = read_referential(examples / "referentiel.xlsx")
    assert validate_referential(referential) == []
    for path in sorted((examples / "plans").glob("*.xlsx")):
        assert not [f for f in validate_plan(read_plan(path), referential, TODAY) if f.code == "placeholder-value"]


def test_texts_checked_inline_give_the_findings_of_every_rule(monkeypatch) -> None:
    """Validation skips `_check_value` for a text with nothing to say (in its list, no
    placeholder, not an e-mail, not on a flagged row): the same findings as when every value
    goes through every rule, on the example territory (its deliberate mistakes included)."""
    import coopxl.validation

    root = Path(__file__).resolve().parent.parent / "examples"
    referential = read_referential(root / "referentiel.xlsx")
    plans = [read_plan(path) for path in sorted((root / "plans").glob("*.xlsx"))]

    def findings() -> list[tuple]:
        return [(f.file, f.code, f.sheet, f.cell, f.severity, f.message)
                for plan in plans for f in validate_plan(copy.deepcopy(plan), referential, TODAY)]

    inline = findings()
    real = coopxl.validation._Checker._plain_text_rule

    def every_rule(self, column, references):
        key, column, allowed, _ = real(self, column, references)
        return key, column, allowed, False

    monkeypatch.setattr(coopxl.validation._Checker, "_plain_text_rule", every_rule)
    assert findings() == inline
    assert len(inline) >= 12  # the deliberate mistakes
