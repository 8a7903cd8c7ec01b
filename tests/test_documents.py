"""Word documents: context, French formatting, drafts and extracts read back, template checks."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from factories import TODAY
from libreoffice import convert, needs_libreoffice

from coopxl import french
from coopxl.documents import (
    BLANK,
    DELIBERATION_CC,
    TEMPLATE_NAMES,
    check_template,
    generate_documents,
    template_path,
    vote_formula,
)
from coopxl.messages import CoopxlError
from coopxl.model import Deliberation
from coopxl.reader import read_plan, read_referential
from word_templates import build_word_templates

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def plain(text: str) -> str:
    """The text with its no-break spaces shown as spaces (assertions stay readable)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def text_of(path: Path) -> str:
    """Every paragraph of the body, the tables, the headers and footers, as a user reads it."""
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def referential():
    return read_referential(EXAMPLES / "referentiel.xlsx")


def generate(tmp_path: Path, referential, name: str) -> tuple[object, dict[str, Path]]:
    plan = read_plan(EXAMPLES / "plans" / f"plan-cooperation_{name}.xlsx")
    files = generate_documents(plan, referential, tmp_path / name, today=TODAY)
    return plan, {f.name: f for f in files}


@pytest.mark.parametrize(("value", "expected"), [
    (dt.date(2025, 3, 12), "12 mars 2025"), (dt.date(2025, 3, 1), "1er mars 2025"), (None, ""),
])
def test_date_long(value, expected) -> None:
    assert french.date_long(value) == expected


@pytest.mark.parametrize(("number", "words"), [
    (0, "zéro"), (17, "dix-sept"), (21, "vingt et un"), (71, "soixante et onze"), (80, "quatre-vingts"),
    (91, "quatre-vingt-onze"), (200, "deux cents"), (201, "deux cent un"), (1000, "mille"),
    (2025, "deux mille vingt-cinq"), (80000, "quatre-vingt mille"), (1_000_000, "un million"),
])
def test_number_in_words(number: int, words: str) -> None:
    assert french.number_in_words(number) == words


@pytest.mark.parametrize(("amount", "text"), [
    (12500, "12\u202f500\u00a0€"), (12500.5, "12\u202f500,50\u00a0€"), (0, "0\u00a0€"), (-300, "-300\u00a0€"),
    (None, ""),
])
def test_euros(amount, text) -> None:
    assert french.euros(amount) == text


def test_dates_in_words_and_percent() -> None:
    assert french.date_in_words(dt.date(2025, 3, 12)) == "le douze mars deux mille vingt-cinq"
    assert french.date_in_words(dt.date(2026, 1, 1)) == "le premier janvier deux mille vingt-six"
    assert french.percent(45) == "45\u202f%"


@pytest.mark.parametrize(("counts", "formula"), [
    ((35, 0, 0), "à l'unanimité"),
    ((30, 0, 5), "à l'unanimité des suffrages exprimés (30 voix pour, 5 abstentions)"),
    ((20, 3, 1), "par 20 voix pour, 3 voix contre et 1 abstention"),
    ((20, 1, 0), "par 20 voix pour, 1 voix contre et 0 abstention"),
])
def test_vote_formula(counts, formula) -> None:
    votes_for, against, abstentions = counts
    assert vote_formula(Deliberation(votes_for=votes_for, votes_against=against, abstentions=abstentions)) == formula


def test_vote_formula_of_a_draft_shows_blanks() -> None:
    assert vote_formula(None).startswith(f"[à l'unanimité / par {BLANK} voix pour")


def test_extract_of_a_unanimous_vote(tmp_path: Path, referential) -> None:
    plan, files = generate(tmp_path, referential, "cc-du-pays-de-lamastre")
    cc = next(d for d in plan.deliberations if d.body == "Conseil communautaire")
    assert (cc.votes_against or 0, cc.abstentions or 0) == (0, 0)
    text = plain(text_of(files[DELIBERATION_CC]))
    assert "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE" in text
    assert "COMMUNAUTÉ DE COMMUNES DU PAYS DE LAMASTRE" in text and f"SIREN {plan.epci_siren}" in text
    assert f"Séance du {french.date_long(cc.date)} — délibération n° {cc.number}" in text
    assert f"{cc.members} | {cc.present} | {cc.proxies or 0} | {cc.voters}" in text
    assert ("L'an deux mille vingt-trois, le quatorze novembre, à dix-huit heures trente, le conseil "
            "communautaire de la communauté de communes du Pays de Lamastre, dûment convoqué le 7 novembre "
            "2023, s'est réuni salle du conseil communautaire, Lamastre, sous la présidence de Mme Françoise "
            "Bouvier, présidente.") in text
    assert "le conseil communautaire, à l'unanimité :" in text
    assert "Le quorum étant atteint, le conseil communautaire peut valablement délibérer." in text
    assert "Pour extrait certifié conforme." in text and "Fait à Lamastre, le 14 novembre 2023." in text
    assert "La présidente," in text and "AUTORISE la présidente à engager" in text
    assert cc.actes_id in text and "tribunal administratif de Lyon" in text
    assert "{{" not in text and "{%" not in text and BLANK not in text and "PROJET" not in text


def test_extract_lists_présents_excusés_and_pouvoirs(tmp_path: Path, referential) -> None:
    plan, files = generate(tmp_path, referential, "cc-val-eyrieux")
    cc = next(d for d in plan.deliberations if d.body == "Conseil communautaire")
    document = Document(str(files[DELIBERATION_CC]))
    lines = {p.text.split("\u00a0:")[0]: p.text for p in document.paragraphs if "\u00a0:" in p.text}
    present = [n.strip() for n in cc.present_names.split("\n")]
    assert lines["Présents"].count("\u00a0") - 1 == len(present)  # one no-break space per « M. »/« Mme »
    assert plain(lines["Présents"]).endswith(f"et {present[-1]}.")
    first_proxy = cc.proxy_names.split("\n")[0]
    assert plain(first_proxy) in plain(lines["Pouvoirs"])
    assert plain(lines["Pouvoirs"]).count(" à ") == cc.proxies
    text = plain(text_of(files[DELIBERATION_CC]))
    assert "M. Marc Villard a été désigné secrétaire de séance." in text
    assert "Fait au Cheylard, le 24 avril 2025." in text and "À Le Cheylard" not in text


def test_extract_of_a_split_vote(tmp_path: Path, referential) -> None:
    plan, files = generate(tmp_path, referential, "ca-privas-centre-ardeche")
    cc = next(d for d in plan.deliberations if d.body == "Conseil communautaire")
    assert cc.votes_against or cc.abstentions
    text = plain(text_of(files[DELIBERATION_CC]))
    assert "à l'unanimité :" not in text
    assert f"le conseil communautaire, {vote_formula(cc)} :" in text
    assert f"par {cc.votes_for} voix pour" in vote_formula(cc)
    assert "COMMUNAUTÉ D'AGGLOMÉRATION PRIVAS CENTRE ARDÈCHE" in text
    assert "de la communauté d'agglomération Privas Centre Ardèche" in text and "Fait à Privas, le" in text


def test_draft_before_the_vote_has_visible_blanks(tmp_path: Path, referential) -> None:
    plan, files = generate(tmp_path, referential, "cc-du-pays-d-aubenas-vals")
    assert plan.status == "Programme arrêté"
    text = plain(text_of(files[DELIBERATION_CC]))
    assert "PROJET DE DÉLIBÉRATION DU CONSEIL COMMUNAUTAIRE" in text
    assert f"le conseil communautaire, [à l'unanimité / par {BLANK} voix pour" in text
    assert f"Présents : {BLANK}." in text and f"Secrétaire de séance : {BLANK}" in text
    assert BLANK + ".." not in text and "…." not in text
    assert "Pour extrait certifié conforme." not in text and "Acte rendu exécutoire" not in text
    assert "Fait et délibéré" not in text and "quorum étant atteint" not in text
    parc = plain(text_of(files["deliberation-bureau-syndical.docx"]))
    assert "PROJET DE DÉLIBÉRATION DU BUREAU SYNDICAL" in parc
    assert "Vu la délibération du comité syndical n° 2020_045" in parc
    # The conseil communautaire has not voted yet: the bureau's draft must not say it did.
    assert "l'a approuvé" not in parc and "Vu la délibération n°" not in parc
    assert "Il est soumis au conseil communautaire de la communauté de communes du Pays d'Aubenas-Vals" in parc
    assert "{{" not in text + parc and "{%" not in text + parc


def test_projet_is_in_the_header_of_every_page_of_a_draft(tmp_path: Path, referential) -> None:
    _, files = generate(tmp_path, referential, "cc-du-pays-d-aubenas-vals")
    for name in (DELIBERATION_CC, "deliberation-bureau-syndical.docx"):
        document = Document(str(files[name]))
        header = document.sections[0].header.paragraphs[0]
        assert header.text.startswith("PROJET")
        assert header.runs[0].bold and header.runs[0].font.size.pt >= 14
    _, voted = generate(tmp_path / "voted", referential, "cc-val-eyrieux")
    assert "PROJET" not in Document(str(voted[DELIBERATION_CC])).sections[0].header.paragraphs[0].text


def test_feuille_de_route_has_one_row_per_action(tmp_path: Path, referential) -> None:
    plan, files = generate(tmp_path, referential, "cc-val-eyrieux")
    document = Document(str(files["feuille-de-route.docx"]))
    actions_table = next(t for t in document.tables if t.rows[0].cells[1].text == "Action")
    rows = actions_table.rows[1:]
    assert [r.cells[0].text for r in rows] == [a.number for a in plan.actions]
    assert rows[0].cells[1].text.startswith(plan.actions[0].title)
    assert french.euros(plan.actions[0].cost) in rows[0].cells[4].text
    members = [t for t in document.tables if t.rows[0].cells[0].text == "Structure"]
    assert sum(len(t.rows) - 1 for t in members) == len(plan.members)
    text = text_of(files["feuille-de-route.docx"])
    assert f"Plan de coopération {plan.period_start.year}-{plan.period_end.year}" in text
    for objective in plan.objectives:
        assert f"{objective.number} — {objective.title}" in text
    assert "{{" not in text and "{%" not in text


def test_documents_are_reproducible(tmp_path: Path, referential) -> None:
    _, first = generate(tmp_path / "a", referential, "cc-val-eyrieux")
    _, second = generate(tmp_path / "b", referential, "cc-val-eyrieux")
    for name in first:
        assert text_of(first[name]) == text_of(second[name])
        assert Document(str(first[name])).core_properties.created.date() == TODAY


# --- templates ------------------------------------------------------------------------------


def test_committed_word_templates_are_what_the_builder_writes(tmp_path: Path) -> None:
    for path in build_word_templates(tmp_path):
        assert text_of(path) == text_of(template_path(path.name)), path.name
        styles = [p.style.name for p in Document(str(path)).paragraphs]
        assert styles == [p.style.name for p in Document(str(template_path(path.name))).paragraphs]


def test_shipped_templates_are_valid() -> None:
    for name in TEMPLATE_NAMES:
        assert check_template(template_path(name)) == []


def _customised(tmp_path: Path, old: str, new: str, name: str = DELIBERATION_CC) -> Path:
    """A copy of a shipped template with one text changed, as staff would in Word."""
    source = template_path(name)
    target = tmp_path / "modeles" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            out.writestr(item, data)
    return target


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("{{ plan.periode }}", "{{ plan.periodicite }}", "utilise le champ « plan.periodicite »"),
    ("{{ epci.entete }}", "{{ nom_epci }}", "utilise le champ « nom_epci »"),
    ("{{ o.intitule }}", "{{ o.titre }}", "utilise le champ « o.titre »"),
    ("{{ plan.periode }}", "{{ plan.periode }", "balise de modèle mal formée"),
    ('w:val="Heading1"', 'w:val="TitreMaison"', "utilise le style « TitreMaison »"),
])
def test_customised_template_problems_are_explained(tmp_path: Path, old, new, expected) -> None:
    template = _customised(tmp_path, old, new)
    problems = check_template(template)
    assert problems and expected in problems[0].message.replace("\u00a0", " ")


def test_generation_refuses_a_broken_template(tmp_path: Path, referential) -> None:
    from coopxl.documents import ensure_templates

    _customised(tmp_path, "{{ plan.periode }}", "{{ plan.periodicite }}")
    with pytest.raises(CoopxlError) as error:
        ensure_templates(tmp_path / "modeles")
    assert error.value.code == "template-invalid"
    assert "plan.periodicite" in error.value.message


@needs_libreoffice
def test_libreoffice_converts_every_document(tmp_path: Path, referential) -> None:
    _, files = generate(tmp_path, referential, "cc-du-pays-de-lamastre")
    pdfs = convert(list(files.values()), "pdf", tmp_path / "pdf", tmp_path / "profile")
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


@needs_libreoffice
def test_projet_is_on_every_printed_page_of_a_draft(tmp_path: Path, referential) -> None:
    """Printed by LibreOffice: every page of both drafts says PROJET, no page of an extract does."""
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler (pdftotext) absent")
    _, drafts = generate(tmp_path / "projet", referential, "cc-du-pays-d-aubenas-vals")
    _, extracts = generate(tmp_path / "extrait", referential, "cc-val-eyrieux")
    files = [drafts[DELIBERATION_CC], drafts["deliberation-bureau-syndical.docx"], extracts[DELIBERATION_CC],
             extracts["deliberation-bureau-syndical.docx"]]
    staged = []
    for index, file in enumerate(files):
        staged.append(tmp_path / f"{index}-{file.name}")
        shutil.copyfile(file, staged[-1])
    pdfs = convert(staged, "pdf", tmp_path / "pdf", tmp_path / "profile")
    for pdf, is_draft in zip(pdfs, (True, True, False, False)):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = [page for page in text.split("\f") if page.strip()]
        assert len(pages) >= 2
        assert all(("PROJET" in page) == is_draft for page in pages), pdf.name
        assert ("Fait au Cheylard, le 24" in text or "Fait à Jaujac, le 21" in text) != is_draft


def test_pdf_conversion_failure_is_explained(tmp_path: Path, referential, monkeypatch) -> None:
    import coopxl.documents
    from coopxl.documents import convert_to_pdf

    _, files = generate(tmp_path, referential, "cc-val-eyrieux")
    monkeypatch.setattr(coopxl.documents, "soffice", lambda: shutil.which("false"))
    with pytest.raises(CoopxlError) as error:
        convert_to_pdf(list(files.values()))
    assert error.value.code == "pdf-failed"
    assert "feuille-de-route.docx" in error.value.message


def test_context_has_exactly_the_declared_fields(referential) -> None:
    from coopxl.documents import CONTEXT_FIELDS, DELIBERATION_PARC, build_context, document_context

    plan = read_plan(EXAMPLES / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx")
    context = document_context(build_context(plan, referential, TODAY), DELIBERATION_PARC)

    def shape(value, spec, where):
        if isinstance(spec, dict):
            assert isinstance(value, dict) and set(value) == set(spec), (where, set(value) ^ set(spec))
            for key, sub in spec.items():
                shape(value[key], sub, f"{where}.{key}")
        elif isinstance(spec, list):
            assert isinstance(value, list) and value, where
            for item in value:
                shape(item, spec[0], f"{where}[]")
        else:
            assert not isinstance(value, (dict, list)), where

    shape(context, CONTEXT_FIELDS, "contexte")


def test_text_from_a_plan_cannot_inject_word_markup(tmp_path: Path, referential) -> None:
    """Plan text is escaped: « & » and « < » stay text, and no XML (a DDE field) can be smuggled in."""
    from lxml import etree

    plan = read_plan(EXAMPLES / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx")
    hostile = ('R&D <b>gras</b> </w:t></w:r><w:fldSimple w:instr="DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe '
               '/c calc"/><w:r><w:t>')
    plan.actions[0].title = hostile
    plan.title = "Plan « 2025 » & co"
    plan.actions[1].description = "Voir http://exemple.invalid/piege et \\\\serveur\\partage\\fichier.xlsx"
    files = generate_documents(plan, referential, tmp_path / "docs", today=TODAY)
    for path in files:
        with zipfile.ZipFile(path) as package:
            tree = etree.fromstring(package.read("word/document.xml"))
            relationships = b"".join(package.read(n) for n in package.namelist() if n.endswith(".rels"))
        namespace = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        assert tree.xpath("//w:fldSimple", namespaces=namespace) == []
        assert tree.xpath("//w:hyperlink", namespaces=namespace) == []
        assert b'TargetMode="External"' not in relationships
        assert not [t for t in tree.xpath("//w:instrText/text()", namespaces=namespace) if "DDE" in t]
    roadmap = Document(str(files[0]))
    cells = [c.text for t in roadmap.tables for r in t.rows for c in r.cells]
    assert any(c.startswith(hostile) for c in cells)


def test_a_template_cannot_reach_python_internals(tmp_path: Path, referential) -> None:
    """Templates run sandboxed: a template-injection payload is refused, nothing is executed."""
    from coopxl.documents import FEUILLE_DE_ROUTE, build_context, document_context, render

    witness = tmp_path / "executed"
    payload = "{{ cycler.__init__.__globals__.os.system('touch " + str(witness) + "') }}"
    template = _customised(tmp_path, "{{ plan.periode }}", payload.replace("'", "&apos;"), FEUILLE_DE_ROUTE)
    problems = check_template(template)
    assert any("cycler" in p.message for p in problems), problems
    plan = read_plan(EXAMPLES / "plans" / "plan-cooperation_cc-du-pays-de-lamastre.xlsx")
    context = document_context(build_context(plan, referential, TODAY), FEUILLE_DE_ROUTE)
    with pytest.raises(CoopxlError) as error:
        render(template, context, tmp_path / "out.docx", TODAY)
    assert error.value.code == "template-invalid"
    assert not witness.exists() and not (tmp_path / "out.docx").exists()


def test_a_line_break_typed_in_a_cell_stays_a_line_break_in_word(tmp_path: Path, referential) -> None:
    plan = read_plan(EXAMPLES / "plans" / "plan-cooperation_cc-val-eyrieux.xlsx")
    plan.actions[0].title = "Première étape\nDeuxième étape"
    files = {f.name: f for f in generate_documents(plan, referential, tmp_path, today=TODAY)}
    document = Document(str(files["feuille-de-route.docx"]))
    actions_table = next(t for t in document.tables if t.rows[0].cells[1].text == "Action")
    assert actions_table.rows[1].cells[1].text.startswith("Première étape\nDeuxième étape")
    with zipfile.ZipFile(files["feuille-de-route.docx"]) as package:
        assert b"<w:br/>" in package.read("word/document.xml")
