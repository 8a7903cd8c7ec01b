"""One bad file never stops a batch; every command's --json follows the documented schema.

The working folder holds the 13 example plans plus a password-protected plan, a truncated
one, a workbook that is not a plan, an Excel 97-2003 file, and one document left open in
Word: every batch command handles every plan it can, names each file it could not, and
exits 1. Every `--json` output is validated against `coopxl/report-schema.json`, for exit
0, 1 and 2.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from test_cli import ROOT, run

from coopxl.jsonreport import schema

BAD = {"protege.xlsx": "encrypted-file", "tronque.xlsx": "corrupt-file", "budget.xlsx": "not-a-plan",
       "ancien.xls": "xls-file"}
LOCKED_PLAN = "plan-cooperation_cc-val-eyrieux.xlsx"
IN_ERROR = 3
PLANS = 13


def check(result, exit_code: int) -> dict:
    """The JSON a command printed: on stdout, valid against the schema, with its exit status."""
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)
    assert result.returncode == exit_code == data["exit_code"], result.stderr
    return data


def left_out(data: dict) -> dict[str, str]:
    return {Path(f["file"]).name: f["code"] for f in data["findings"] if Path(f["file"]).name in BAD}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import msoffcrypto

    work = tmp_path_factory.mktemp("batch") / "travail"
    shutil.copytree(ROOT / "examples", work)
    plans = work / "plans"
    source = plans / "plan-cooperation_cc-du-pays-de-lamastre.xlsx"
    with source.open("rb") as plain, (plans / "protege.xlsx").open("wb") as target:
        msoffcrypto.OfficeFile(plain).encrypt("secret", target)
    (plans / "tronque.xlsx").write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    budget = openpyxl.Workbook()
    budget.active["A1"] = "Températures"
    budget.save(plans / "budget.xlsx")
    (plans / "ancien.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    documents = work / "sorties" / "documents" / "cc-val-eyrieux"
    documents.mkdir(parents=True)
    (documents / "~$feuille-de-route.docx").write_bytes(bytes([5]) + b"Marie" + b"\x00" * 50)
    return work


def test_valider_checks_every_plan_and_names_each_bad_file(folder: Path) -> None:
    data = check(run("valider", str(folder), "--json", "--date", "2026-11-25"), 1)
    assert left_out(data) == BAD
    assert len(data["files"]) == PLANS + len(BAD) + 1  # and the référentiel
    assert all(Path(f).is_absolute() for f in data["files"])
    assert data["errors"] == sum(f["severity"] == "error" for f in data["findings"])


def test_consolider_consolidates_every_plan(folder: Path) -> None:
    data = check(run("consolider", str(folder), "--json", "--date", "2026-11-25"), 1)
    assert left_out(data) == BAD
    assert sum(1 for row in data["synthesis"] if "actions" in row) == PLANS
    assert Path(data["outputs"][0]).is_file()


def test_deliberations_go_on_past_bad_files_and_a_document_open_in_word(folder: Path) -> None:
    data = check(run("deliberations", str(folder), "--json", "--date", "2026-11-25"), 1)
    assert left_out(data) == BAD
    done = {Path(d["plan"]).name for d in data["documents"]}
    assert len(done) == PLANS - IN_ERROR - 1 and LOCKED_PLAN not in done
    assert all(len(d["files"]) == 3 and all(Path(f).is_file() for f in d["files"]) for d in data["documents"])
    locked = [f for f in data["findings"] if f["code"] == "output-locked"]
    assert [Path(f["file"]).name for f in locked] == [LOCKED_PLAN]
    assert "est ouvert dans Word" in locked[0]["message"]
    assert sum(f["code"] == "blocking-errors" for f in data["findings"]) == IN_ERROR
    text = run("deliberations", str(folder), "--date", "2026-11-25")
    assert text.returncode == 1
    for name in [*BAD, LOCKED_PLAN]:
        assert name in text.stderr
    assert "est ouvert dans Word" in text.stderr and "Excel" not in text.stderr.split("ouvert dans")[1][:10]


def test_deliberations_forcer_still_refuses_what_is_not_a_plan(folder: Path) -> None:
    result = run("deliberations", str(folder / "plans" / "budget.xlsx"), "--forcer", "--json")
    data = check(result, 1)
    assert [(f["code"], Path(f["file"]).name) for f in data["findings"]] == [("not-a-plan", "budget.xlsx")]
    assert data["documents"] == []


def test_suivi_writes_every_fiche_and_names_each_bad_file(folder: Path) -> None:
    data = check(run("suivi", str(folder), "--json", "--date", "2026-11-25"), 1)
    assert left_out(data) == BAD
    assert len(data["outputs"]) >= 2 and all(Path(p).is_file() for p in data["outputs"])
    assert any("synthese-suivi" in p for p in data["outputs"])


def test_suivi_preparer_and_migrer_go_on_past_bad_files(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "travail"
    shutil.copytree(folder, copy)
    prepared = check(run("suivi", str(copy), "--preparer", "--json", "--date", "2026-11-25"), 1)
    assert left_out(prepared) == BAD
    assert prepared["prepared"] and all(Path(p["plan"]).is_file() for p in prepared["prepared"])
    migrated = check(run("migrer", str(copy), "--json"), 1)
    assert left_out(migrated) == BAD
    assert len(migrated["migrated"]) == PLANS


def test_json_when_the_command_cannot_run(tmp_path: Path) -> None:
    for arguments in (("valider", str(tmp_path / "absent.xlsx")), ("consolider", str(tmp_path)),
                      ("deliberations", str(tmp_path)), ("suivi", str(tmp_path)), ("migrer", str(tmp_path)),
                      ("comparer", str(tmp_path / "a.xlsx"), str(tmp_path / "b.xlsx"))):
        data = check(run(*arguments, "--json"), 2)
        assert data["command"] == arguments[0]
        assert data["error"]["message"] and data["error"]["code"]
    usage = check(run("valider", "--json", "--inconnu"), 2)
    assert usage["error"]["code"] == "usage-error"


def test_json_when_all_is_well(tmp_path: Path) -> None:
    work = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", work)
    plan = work / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx"
    check(run("valider", str(plan), "--json", "--date", "2026-11-25"), 0)
    changes = check(run("comparer", str(plan), str(plan), "--json"), 0)
    assert changes["changes"] == []
    check(run("deliberations", str(plan), "--json", "--date", "2026-11-25"), 0)
    check(run("migrer", str(plan), "--json"), 0)


def test_comparer_and_migrer_refuse_a_workbook_that_is_not_a_plan(folder: Path) -> None:
    budget = folder / "plans" / "budget.xlsx"
    for arguments in (("comparer", str(budget), str(budget)), ("migrer", str(budget)),
                      ("suivi", str(budget))):
        result = run(*arguments, "--json")
        data = json.loads(result.stdout)
        if result.returncode == 2:
            assert data["error"]["code"] == "not-a-plan"
        else:
            assert [f["code"] for f in data["findings"]] == ["not-a-plan"]
        jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)


def test_one_count_of_blocking_errors(tmp_path: Path) -> None:
    """A plan beside the référentiel (not in plans/): valider and deliberations use the same
    référentiel and count the same errors; the dashboard counts them the same way too."""
    from coopxl.consolidation import read_one
    from coopxl.reader import read_plan, read_referential
    from coopxl.validation import blocking_errors, validate_plan

    shutil.copy(ROOT / "examples" / "referentiel.xlsx", tmp_path / "referentiel.xlsx")
    plan = tmp_path / "plan.xlsx"
    shutil.copy(ROOT / "examples" / "plans" / "plan-cooperation_cc-du-val-de-ligne.xlsx", plan)
    checked = check(run("valider", str(plan), "--json", "--date", "2026-11-25"), 1)
    documents = check(run("deliberations", str(plan), "--json", "--date", "2026-11-25"), 1)
    [skipped] = documents["findings"]
    assert skipped["code"] == "blocking-errors"
    assert f"{checked['errors']} erreurs bloquantes" in skipped["message"]
    import datetime as dt

    referential = read_referential(tmp_path / "referentiel.xlsx")
    today = dt.date(2026, 11, 25)
    counted = len(blocking_errors(validate_plan(read_plan(plan), referential, today)))
    assert counted == checked["errors"] == len(blocking_errors(read_one(plan, referential, today).findings))


def test_two_files_for_one_epci_keep_their_own_documents(tmp_path: Path) -> None:
    work = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", work)
    plans = work / "plans"
    shutil.copy(plans / "plan-cooperation_cc-val-eyrieux.xlsx", plans / "copie-eyrieux.xlsx")
    documents = check(run("deliberations", str(work), "--json", "--date", "2026-11-25"), 1)
    folders = {Path(d["plan"]).name: Path(d["files"][0]).parent for d in documents["documents"]}
    assert folders["copie-eyrieux.xlsx"] != folders["plan-cooperation_cc-val-eyrieux.xlsx"]
    assert folders["plan-cooperation_cc-du-pays-de-lamastre.xlsx"].name == "cc-du-pays-de-lamastre"
    followup = check(run("suivi", str(work), "--json", "--date", "2026-11-25"), 0)
    fiches = [Path(p).name for p in followup["outputs"] if "cc-val-eyrieux" in p]
    assert len(fiches) == 2 and len(set(fiches)) == 2


def test_a_placeholder_in_the_plan_stops_the_extracts_not_the_drafts(tmp_path: Path) -> None:
    """SPEC §4/§7: an « à compléter » value is an error for valider, and no act is produced from
    it; the plan's other documents are still written (a draft shows the marker)."""
    work = tmp_path / "travail"
    shutil.copytree(ROOT / "examples", work)
    plan = work / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx"
    workbook = openpyxl.load_workbook(plan)
    sheet, cell = next(iter(workbook.defined_names["plan_intitule"].destinations))
    workbook[sheet][cell.replace("$", "")] = "Plan de coopération (à compléter)"
    workbook.save(plan)
    checked = check(run("valider", str(plan), "--json", "--date", "2026-11-25"), 1)
    assert [f["code"] for f in checked["findings"] if f["severity"] == "error"] == ["placeholder-value"]
    documents = check(run("deliberations", str(plan), "--json", "--date", "2026-11-25"), 1)
    assert {f["code"] for f in documents["findings"]} == {"extract-refused"}
    written = sorted(Path(f).name for d in documents["documents"] for f in d["files"])
    assert written == ["feuille-de-route.docx"]  # both délibérations are voted: extracts refused
