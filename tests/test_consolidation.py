"""Consolidation: the dashboard's figures, every odd file of plans/, injection, safe writing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from factories import TODAY, clean_plan_content, make_plan
from libreoffice import convert, needs_libreoffice
from snapshot import differences, workbook_snapshot

from coopxl import consolidation, dashboard, xlsxwriter_fork
from coopxl.consolidation import consolidate
from coopxl.dashboard import consolidate_into, write_dashboard
from coopxl.messages import CoopxlError
from coopxl.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path, referential_path: Path) -> Workspace:
    root = tmp_path / "travail"
    (root / "plans").mkdir(parents=True)
    (root / "referentiel.xlsx").write_bytes(referential_path.read_bytes())
    fields, rows = clean_plan_content()
    rows["T_Actions"][0]["title"] = '=HYPERLINK("http://exemple.invalid","clic")'
    rows["T_Actions"][1]["comment"] = "@SOMME(1;1)"
    make_plan(root / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx", referential_path, fields=fields, rows=rows)
    return Workspace(root)


def sheet_rows(path: Path, sheet: str, table: str) -> list[dict]:
    workbook = openpyxl.load_workbook(path)
    ws = workbook[sheet]
    ref = ws.tables[table].ref
    cells = list(ws[ref])
    headers = [c.value for c in cells[0]]
    return [dict(zip(headers, (c.value for c in row))) for row in cells[1:]]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_synthesis_has_one_row_per_epci_with_not_received(workspace: Workspace) -> None:
    dashboard = consolidate(workspace, today=TODAY)
    rows = {r["epci"]: r for r in dashboard.synthesis}
    assert list(rows) == ["CC Ardèche des Sources et Volcans", "CC Val'Eyrieux", "CA Privas Centre Ardèche"]
    assert rows["CC Ardèche des Sources et Volcans"]["status"] == "Non reçu"
    plan = rows["CC Val'Eyrieux"]
    assert (plan["status"], plan["actions"], plan["done"], plan["ongoing"]) == ("En œuvre", 2, 1, 1)
    funding = (plan["cost"], plan["epci_funding"], plan["parc_funding"], plan["leader_funding"])
    assert funding == (32000, 8000, 6000, 12000)
    assert plan["referent"] == "Claire Martin"
    assert plan["epci_deliberation"] == "Adoptée le 14/12/2023 (n° 2023_112)"
    assert plan["last_review"].isoformat() == "2026-06-09"


@pytest.fixture(params=["in-memory", "in-memory, parts in files", "streamed"])
def write_mode(request, monkeypatch) -> str:
    """Every way the dashboard is written: in memory (small ones assembled in memory too, the
    others through temporary files), and row by row (large dashboards; then `consolidate_into`
    writes the rows of each plan as it is read). In memory, the XML of the longest sheets is
    written by a forked child where it can be (`xlsxwriter_fork`)."""
    streamed = request.param == "streamed"
    monkeypatch.setattr(dashboard, "STREAM_FROM_CELLS", 0 if streamed else 10**9)
    monkeypatch.setattr(consolidation, "STREAM_FROM_FILES", 0 if streamed else 10**9)
    monkeypatch.setattr(dashboard, "ASSEMBLED_IN_MEMORY_BELOW", 0 if request.param.endswith("files") else 10**9)
    monkeypatch.setattr(xlsxwriter_fork, "SPLIT_FROM_CELLS", 0)  # the longest sheets by a child, where it can
    return request.param


def test_dashboard_written_and_read_back(workspace: Workspace, write_mode: str) -> None:
    before = digests(workspace.plans_folder)
    output = workspace.outputs_folder / "tableau-de-bord.xlsx"
    write_dashboard(consolidate(workspace, today=TODAY), output)
    assert digests(workspace.plans_folder) == before
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == ["Synthèse pour le comité", "Synthèse", "Actions", "Financements",
                                   "Financeurs par EPCI", "Charte", "Équipe Parc", "Calendrier", "Contrôles"]
    assert workbook["Synthèse"]["A1"].value.startswith("Plans de coopération — tableau de bord")
    assert "Consolidé le" in workbook["Synthèse"]["A2"].value
    assert [len(workbook[name]._charts) for name in ("Synthèse pour le comité", "Synthèse", "Financeurs par EPCI")] == [
        2, 1, 1]
    committee = sheet_rows(output, "Synthèse pour le comité", "T_Comite")
    assert [(r["EPCI"], r["Actions"], r["Coût total (€ HT)"]) for r in committee] == [
        ("CC Ardèche des Sources et Volcans", None, None), ("CC Val'Eyrieux", 2, 32000),
        ("CA Privas Centre Ardèche", None, None), ("Total", 2, 32000)]
    for name in workbook.sheetnames:  # printable: A4 landscape, readable scale, the EPCI column first
        sheet = workbook[name]
        assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape"), name
        assert sheet.page_setup.scale is None or int(sheet.page_setup.scale) >= 80, name
        assert "page &P / &N" in sheet.oddFooter.right.text and sheet.oddHeader.right.text.startswith("Consolidé")
        assert sheet["A4"].fill.fgColor.rgb == "FF1F4E79" and sheet["A4"].font.color.rgb == "FFFFFFFF", name
    assert workbook["Synthèse"].freeze_panes == "B5" and workbook["Synthèse"]["A4"].value == "EPCI"
    assert [c.value for c in workbook["Synthèse"][4] if c.value][-1] == "Fichier"
    assert workbook["Synthèse"].print_title_cols == "$A:$A" and workbook["Synthèse"].print_title_rows == "$4:$4"
    synthesis = sheet_rows(output, "Synthèse", "T_Synthese")
    assert [r["Statut du plan"] for r in synthesis] == ["Non reçu", "En œuvre", "Non reçu"]
    assert synthesis[1]["Coût total (€ HT)"] == 32000
    actions = sheet_rows(output, "Actions", "T_ToutesActions")
    assert [(a["EPCI"], a["N° action"], a["En retard"]) for a in actions] == [
        ("CC Val'Eyrieux", "A1.1", None), ("CC Val'Eyrieux", "A2.1", None)]
    assert workbook["Actions"]["O5"].number_format == "dd/mm/yyyy"
    assert workbook["Actions"]["O5"].value.date().isoformat() == "2024-03-01"
    summary = {r["EPCI"]: r for r in sheet_rows(output, "Financeurs par EPCI", "T_FinanceursParEPCI")}
    expected = {"Programme LEADER (FEADER)": 12000, "Autofinancement de l'EPCI": 8000,
                "Région Auvergne-Rhône-Alpes": 6000, "Fonds propres du Parc": 6000}
    assert {k: v for k, v in summary["Total"].items() if k in expected} == expected
    assert summary["Total"]["Total"] == summary["CC Val'Eyrieux"]["Total"] == 32000
    assert list(summary) == ["CC Val'Eyrieux", "Total"]
    team = {r["Chargé de mission"]: r for r in sheet_rows(output, "Équipe Parc", "T_EquipeParc")}
    assert (team["Claire Martin"]["Plans comme référent"], team["Claire Martin"]["Actions suivies"]) == (1, 2)
    charter = {r["Code mesure"]: r["Total"] for r in sheet_rows(output, "Charte", "T_ChartePlans")}
    assert charter == {"1.1": 1, "5.2": 0, "6.1": 1}


def test_text_that_looks_like_a_formula_stays_text(workspace: Workspace, write_mode: str) -> None:
    output = write_dashboard(consolidate(workspace, today=TODAY), workspace.outputs_folder / "tdb.xlsx")
    sheet = openpyxl.load_workbook(output)["Actions"]
    title, comment = sheet["E5"], sheet["W6"]
    assert (title.value, title.data_type) == ('=HYPERLINK("http://exemple.invalid","clic")', "s")
    assert (comment.value, comment.data_type) == ("@SOMME(1;1)", "s")
    assert title.quotePrefix and comment.quotePrefix
    assert not sheet._hyperlinks


def odd_files(workspace: Workspace, referential_path: Path) -> None:
    """Beside the plan: an older plan of the same EPCI, a lock file, a Word file, an .xls named like a plan."""
    plans = workspace.plans_folder
    fields, rows = clean_plan_content()
    fields["updated_on"] = fields["updated_on"].replace(year=2025)
    make_plan(plans / "ancienne-version.xlsx", referential_path, fields=fields, rows=rows)
    (plans / "~$plan-cooperation_cc-val-eyrieux.xlsx").write_bytes(bytes([5]) + b"Marie" + b"\x00" * 50)
    (plans / "compte-rendu.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an Excel 97-2003 file
    (plans / "plan-cooperation_ca-privas-centre-ardeche.xlsx").write_bytes(ole + b"\x00" * 600)


def test_odd_files_are_reported_never_dropped(workspace: Workspace, referential_path: Path) -> None:
    odd_files(workspace, referential_path)
    dashboard = consolidate(workspace, today=TODAY)
    statuses = [(r["epci"], r["status"], r.get("file")) for r in dashboard.synthesis]
    assert statuses == [
        ("CC Ardèche des Sources et Volcans", "Non reçu", None),
        ("CC Val'Eyrieux", "En œuvre", "plan-cooperation_cc-val-eyrieux.xlsx"),
        ("CA Privas Centre Ardèche", "Illisible", "plan-cooperation_ca-privas-centre-ardeche.xlsx"),
        ("CC Val'Eyrieux", "Doublon", "ancienne-version.xlsx"),
    ]
    assert sorted((Path(p.file).name, p.code) for p in dashboard.problems) == [
        ("ancienne-version.xlsx", "duplicate-plan"), ("compte-rendu.docx", "corrupt-file"),
        ("plan-cooperation_ca-privas-centre-ardeche.xlsx", "legacy-xls"),
        ("~$plan-cooperation_cc-val-eyrieux.xlsx", "lock-file")]
    assert len(dashboard.actions) == 2  # the duplicate is not counted twice
    checks_files = {c["file"] for c in dashboard.checks}
    assert {"ancienne-version.xlsx", "compte-rendu.docx", "~$plan-cooperation_cc-val-eyrieux.xlsx"} <= checks_files


def test_interrupted_write_keeps_the_previous_dashboard(workspace: Workspace, monkeypatch, write_mode: str) -> None:
    output = workspace.outputs_folder / "tableau-de-bord.xlsx"
    write_dashboard(consolidate(workspace, today=TODAY), output)
    previous = output.read_bytes()

    def crash(self, *args, **kwargs):
        raise MemoryError("coupure en pleine écriture")

    monkeypatch.setattr(dashboard.DashboardWriter, "charts", crash)
    with pytest.raises(MemoryError):
        write_dashboard(consolidate(workspace, today=TODAY), output)
    assert output.read_bytes() == previous
    assert sorted(p.name for p in workspace.outputs_folder.iterdir()) == ["tableau-de-bord.xlsx"]


def test_dashboard_open_in_excel_is_not_overwritten(workspace: Workspace) -> None:
    output = workspace.outputs_folder / "tableau-de-bord.xlsx"
    write_dashboard(consolidate(workspace, today=TODAY), output)
    previous = output.read_bytes()
    (workspace.outputs_folder / "~$tableau-de-bord.xlsx").write_bytes(b"\x05Marie")
    with pytest.raises(CoopxlError) as error:
        write_dashboard(consolidate(workspace, today=TODAY), output)
    assert error.value.code == "output-locked"
    assert output.read_bytes() == previous


def test_dashboard_open_in_excel_is_refused_before_reading_the_plans(workspace: Workspace, monkeypatch) -> None:
    output = workspace.outputs_folder / "tableau-de-bord.xlsx"
    consolidate_into(workspace, output, today=TODAY)
    previous = output.read_bytes()
    (workspace.outputs_folder / "~$tableau-de-bord.xlsx").write_bytes(b"\x05Marie")

    def read(*args, **kwargs):
        raise AssertionError("plans read although the dashboard is open in Excel")

    monkeypatch.setattr(consolidation, "read_one", read)
    monkeypatch.setattr(consolidation, "_outline", read)
    with pytest.raises(CoopxlError) as error:
        consolidate_into(workspace, output, today=TODAY, jobs=1)
    assert error.value.code == "output-locked"
    assert output.read_bytes() == previous


def test_parallel_reading_gives_the_same_dashboard(workspace: Workspace, referential_path: Path) -> None:
    serial = consolidate(workspace, today=TODAY, jobs=1)
    parallel = consolidate(workspace, today=TODAY, jobs=2)
    assert parallel.synthesis == serial.synthesis
    assert parallel.actions == serial.actions


@needs_libreoffice
def test_libreoffice_opens_and_converts_the_dashboard(workspace: Workspace, tmp_path: Path, write_mode: str) -> None:
    output = write_dashboard(consolidate(workspace, today=TODAY), workspace.outputs_folder / "tableau-de-bord.xlsx")
    (pdf,) = convert([output], "pdf", tmp_path / "pdf", tmp_path / "profile")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_plan_of_an_epci_outside_the_referential_is_counted_apart(workspace: Workspace, referential_path: Path) -> None:
    fields, rows = clean_plan_content()
    fields.update(epci_name="CC du Pays de Lamastre", epci_siren="240001370")
    make_plan(workspace.plans_folder / "lamastre.xlsx", referential_path, fields=fields, rows=rows)
    dashboard = consolidate(workspace, today=TODAY)
    extra = dashboard.synthesis[-1]
    assert (extra["epci"], extra["siren"], extra["status"], extra["actions"]) == (
        "CC du Pays de Lamastre", "240001370", "En œuvre", 2)
    assert len(dashboard.actions) == 4
    assert ("lamastre.xlsx", "plan-outside-referential") in {(c["file"], c["code"]) for c in dashboard.checks}


def _spy(monkeypatch, name: str, calls: list[str]) -> None:
    """`DashboardWriter.<name>` still does its work, and each call is noted in `calls`."""
    real = getattr(dashboard.DashboardWriter, name)

    def noted(self, *args):
        calls.append(name)
        return real(self, *args)

    monkeypatch.setattr(dashboard.DashboardWriter, name, noted)


def _odd_folder(workspace: Workspace, referential_path: Path) -> None:
    """The odd files, and a plan of an EPCI outside the référentiel."""
    odd_files(workspace, referential_path)
    fields, rows = clean_plan_content()
    fields.update(epci_name="CC du Pays de Lamastre", epci_siren="240001370")
    make_plan(workspace.plans_folder / "lamastre.xlsx", referential_path, fields=fields, rows=rows)


@pytest.mark.parametrize("jobs", [1, 2])
def test_dashboard_written_while_reading_is_the_one_written_after(workspace: Workspace, referential_path: Path,
                                                                  write_mode: str, jobs: int, monkeypatch) -> None:
    _odd_folder(workspace, referential_path)
    after = write_dashboard(consolidate(workspace, today=TODAY), workspace.outputs_folder / "apres.xlsx")
    during = workspace.outputs_folder / "pendant.xlsx"
    calls: list[str] = []
    for name in ("add_plan_rows", "abandon"):
        _spy(monkeypatch, name, calls)
    streamed = consolidate_into(workspace, during, today=TODAY, jobs=jobs)
    # Row by row: each of the two plans counted written as it was read, never again; in memory: at the end.
    assert calls == (["add_plan_rows"] * 2 if write_mode == "streamed" else ["add_plan_rows"])
    assert differences(workbook_snapshot(after), workbook_snapshot(during)) == []
    assert [(p.file, p.code) for p in streamed.problems] == [(p.file, p.code) for p in consolidate(
        workspace, today=TODAY).problems]
    actions = sheet_rows(during, "Actions", "T_ToutesActions")
    assert [a["EPCI"] for a in actions] == ["CC du Pays de Lamastre"] * 2 + ["CC Val'Eyrieux"] * 2


def test_the_example_territory_written_while_reading(tmp_path: Path, write_mode: str) -> None:
    import shutil

    work = tmp_path / "travail"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples", work)
    workspace = Workspace(work)
    after = write_dashboard(consolidate(workspace, today=TODAY), tmp_path / "apres.xlsx")
    consolidate_into(workspace, tmp_path / "pendant.xlsx", today=TODAY)
    assert differences(workbook_snapshot(after), workbook_snapshot(tmp_path / "pendant.xlsx")) == []


def test_a_plan_saved_again_between_the_two_readings_is_written_as_read(workspace: Workspace, referential_path: Path,
                                                                       monkeypatch) -> None:
    """The outlines foretell an order; a colleague saves a plan under another EPCI before it
    is read in full: the rows already written are dropped and the dashboard written again."""
    fields, rows = clean_plan_content()
    fields.update(epci_name="CC du Pays de Lamastre", epci_siren="240001370")
    make_plan(workspace.plans_folder / "lamastre.xlsx", referential_path, fields=fields, rows=rows)
    outline = consolidation._outline

    def outline_then_saved_again(path: Path):
        found = outline(path)
        if path.name == "lamastre.xlsx":
            renamed = dict(fields, epci_name="CC Val'Eyrieux", epci_siren="200041465")
            renamed["updated_on"] = renamed["updated_on"].replace(year=renamed["updated_on"].year + 1)
            make_plan(path, referential_path, fields=renamed, rows=rows)
        return found

    abandoned: list[str] = []
    monkeypatch.setattr(dashboard, "STREAM_FROM_CELLS", 0)
    monkeypatch.setattr(consolidation, "STREAM_FROM_FILES", 0)
    monkeypatch.setattr(consolidation, "_outline", outline_then_saved_again)
    _spy(monkeypatch, "abandon", abandoned)
    output = workspace.outputs_folder / "tableau-de-bord.xlsx"
    result = consolidate_into(workspace, output, today=TODAY, jobs=1)
    assert len(abandoned) == 1
    assert [(e.epci, e.result.path.name) for e in result.entries] == [("CC Val'Eyrieux", "lamastre.xlsx")]
    after = write_dashboard(consolidate(workspace, today=TODAY), workspace.outputs_folder / "apres.xlsx")
    assert differences(workbook_snapshot(after), workbook_snapshot(output)) == []
    assert [p.code for p in result.problems] == ["duplicate-plan"]


def test_interrupted_streamed_write_keeps_the_previous_dashboard(workspace: Workspace, monkeypatch,
                                                                 write_mode: str) -> None:
    output = workspace.outputs_folder / "tableau-de-bord.xlsx"
    consolidate_into(workspace, output, today=TODAY)
    previous = output.read_bytes()

    def crash(self, *args, **kwargs):
        raise MemoryError("coupure en pleine écriture")

    monkeypatch.setattr(dashboard.DashboardWriter, "charts", crash)
    with pytest.raises(MemoryError):
        consolidate_into(workspace, output, today=TODAY)
    assert output.read_bytes() == previous
    assert sorted(p.name for p in workspace.outputs_folder.iterdir()) == ["tableau-de-bord.xlsx"]


def test_plans_come_in_french_alphabetical_order(workspace: Workspace, referential_path: Path) -> None:
    """Case and accents ignored, as in a directory: « CC du Pays… » before « CC Val'Eyrieux »."""
    fields, rows = clean_plan_content()
    fields.update(epci_name="CC du Pays de Lamastre", epci_siren="240001370")
    make_plan(workspace.plans_folder / "lamastre.xlsx", referential_path, fields=fields, rows=rows)
    output = write_dashboard(consolidate(workspace, today=TODAY), workspace.outputs_folder / "tableau-de-bord.xlsx")
    actions = sheet_rows(output, "Actions", "T_ToutesActions")
    assert [a["EPCI"] for a in actions] == ["CC du Pays de Lamastre"] * 2 + ["CC Val'Eyrieux"] * 2
