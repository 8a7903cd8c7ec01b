"""French grammar and typography (coopxl.french), and the matrix of generated acts read back."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from factories import TODAY
from test_documents import plain, text_of

from coopxl import french
from coopxl.documents import (
    BLANK,
    DELIBERATION_CC,
    DELIBERATION_PARC,
    FEUILLE_DE_ROUTE,
    GRAMMAR_FILTERS,
    generate_documents,
    hour_in_words,
    output_names,
)
from coopxl.messages import phrase, render
from coopxl.model import Action, Deliberation, Epci, Funder, Funding, Member, Objective, Plan, Referential, Session

NBSP, NNBSP = "\u00a0", "\u202f"


# --- the grammar, unit by unit ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "de", "a"), [
    ("Le Cheylard", "du Cheylard", "au Cheylard"),
    ("Les Vans", "des Vans", "aux Vans"),
    ("Privas", "de Privas", "à Privas"),
    ("La Souche", "de La Souche", "à La Souche"),
    ("Aubenas", "d'Aubenas", "à Aubenas"),
    ("Alain Chapuis", "d'Alain Chapuis", "à Alain Chapuis"),
    ("Haute-Loire", "de Haute-Loire", "à Haute-Loire"),  # aspirated h: no elision
    ("Hélène Vidal", "d'Hélène Vidal", "à Hélène Vidal"),  # mute h
    ("le président", "du président", "au président"),
    ("la communauté de communes Val'Eyrieux", "de la communauté de communes Val'Eyrieux",
     "à la communauté de communes Val'Eyrieux"),
    ("l'EPCI", "de l'EPCI", "à l'EPCI"),
    ("M. Alain Chapuis", "de M. Alain Chapuis", "à M. Alain Chapuis"),
])
def test_contractions_and_elisions(name: str, de: str, a: str) -> None:
    assert (french.de(name), french.a(name)) == (de, a)


@pytest.mark.parametrize(("form", "name", "official", "full", "running"), [
    ("CC", "CC Val'Eyrieux", None, "Communauté de communes Val'Eyrieux", "la communauté de communes Val'Eyrieux"),
    ("CC", "CC du Pays de Lamastre", None, "Communauté de communes du Pays de Lamastre",
     "la communauté de communes du Pays de Lamastre"),
    ("CA", "CA Privas Centre Ardèche", None, "Communauté d'agglomération Privas Centre Ardèche",
     "la communauté d'agglomération Privas Centre Ardèche"),
    ("CC", "Ardèche des Sources et Volcans", None, "Communauté de communes Ardèche des Sources et Volcans",
     "la communauté de communes Ardèche des Sources et Volcans"),
    ("CA", "Annonay", "Annonay Rhône Agglo", "Annonay Rhône Agglo", "Annonay Rhône Agglo"),
])
def test_epci_designation(form, name, official, full, running) -> None:
    assert french.official_name(form, name, official) == full
    assert french.designation(form, name, official) == running


@pytest.mark.parametrize(("key", "male", "female", "unknown"), [
    ("president", "président", "présidente", "président ou présidente"),
    ("vice-president", "vice-président", "vice-présidente", "vice-président ou vice-présidente"),
    ("dgs", "directeur général des services", "directrice générale des services",
     "directeur général des services ou directrice générale des services"),
    ("charge-de-mission", "chargé de mission", "chargée de mission", "chargé de mission ou chargée de mission"),
    ("referent", "référent", "référente", "référent ou référente"),
    ("secretaire", "secrétaire de séance", "secrétaire de séance", "secrétaire de séance"),
])
def test_titles_agree_with_the_civilite(key, male, female, unknown) -> None:
    assert [french.title(key, c) for c in ("M.", "Mme", None)] == [male, female, unknown]
    assert french.title(key, "Madame") == female and french.title(key, "Monsieur") == male


def test_titles_with_their_article() -> None:
    assert [french.title("secretaire", c, article=True, capital=True) for c in ("M.", "Mme", None)] == [
        "Le secrétaire de séance", "La secrétaire de séance", "Le ou la secrétaire de séance"]
    assert [french.title("president", c, article=True) for c in ("M.", "Mme", None)] == [
        "le président", "la présidente", "le président ou la présidente"]


def test_people_and_their_civilite() -> None:
    assert french.split_civility("Mme Martine Teyssier") == ("Mme", "Martine Teyssier")
    assert french.split_civility("Monsieur Alain Chapuis") == ("M.", "Alain Chapuis")
    assert french.split_civility("Martine Teyssier") == (None, "Martine Teyssier")
    assert french.person("Alain Chapuis", "M.") == f"M.{NBSP}Alain Chapuis"
    assert french.person("Mme Céline Moulin", "M.") == f"Mme{NBSP}Céline Moulin"  # the name's own civilité wins
    assert french.person("Céline Moulin") == "Céline Moulin"


@pytest.mark.parametrize(("number", "singular", "feminine", "words", "digits"), [
    (0, "action", True, "aucune action", f"0{NBSP}action"),
    (1, "objectif stratégique", False, "un objectif stratégique", f"1{NBSP}objectif stratégique"),
    (1, "action", True, "une action", f"1{NBSP}action"),
    (3, "objectif stratégique", False, "trois objectifs stratégiques", f"3{NBSP}objectifs stratégiques"),
    (8, "action", True, "huit actions", f"8{NBSP}actions"),
    (21, "action", True, "vingt et une actions", f"21{NBSP}actions"),
    (2, "réunion de suivi", True, "deux réunions de suivi", f"2{NBSP}réunions de suivi"),
])
def test_numbers_agree(number, singular, feminine, words, digits) -> None:
    assert french.count_in_words(number, singular, feminine=feminine) == words
    assert french.count(number, singular) == digits


@pytest.mark.parametrize(("text", "expected"), [
    ("2 action(s)", "2 actions"), ("1 action(s)", "1 action"), ("0 plan(s)", "0 plan"),
    ("3 erreur(s) bloquante(s)", "3 erreurs bloquantes"), ("1 erreur(s) bloquante(s)", "1 erreur bloquante"),
    ("14 classeurs contrôlé(s) : 3 avec", "14 classeurs contrôlés : 3 avec"),
    ("1 réunion(s) de suivi semestriel tenue(s) en 2025", "1 réunion de suivi semestriel tenue en 2025"),
])
def test_resolve_plurals(text: str, expected: str) -> None:
    assert french.resolve_plurals(text) == expected


def test_messages_never_print_s_in_brackets() -> None:
    assert "(s)" not in phrase("skipped-errors", count=1, name="a.xlsx")
    assert "1 erreur bloquante" in phrase("skipped-errors", count=1, name="a.xlsx")
    assert "4 erreurs bloquantes" in phrase("skipped-errors", count=4, name="a.xlsx")
    assert "(s)" not in render("pair-size", sheet="Groupe projet", cell="J2", count=3)


@pytest.mark.parametrize(("text", "expected"), [
    ("Objet : plan", f"Objet{NBSP}: plan"),
    ("« Télérecours » ; ok ! non ?", f"«{NBSP}Télérecours{NBSP}»{NNBSP}; ok{NNBSP}! non{NNBSP}?"),
    ("signé par M. Alain Chapuis et Mme Céline Moulin", f"signé par M.{NBSP}Alain Chapuis et Mme{NBSP}Céline Moulin"),
    ("le 12 mars 2025", f"le 12{NBSP}mars{NBSP}2025"),
    ("soit 12 500 € et 45 %", f"soit 12{NNBSP}500{NBSP}€ et 45{NNBSP}%"),
    ("délibération n° 2025_045", f"délibération n°{NBSP}2025_045"),
    ("à 18:30 sur https://www.telerecours.fr", "à 18:30 sur https://www.telerecours.fr"),
])
def test_typography(text: str, expected: str) -> None:
    assert french.typography(text) == expected
    assert french.typography(expected) == expected  # idempotent


@pytest.mark.parametrize(("hour", "words"), [
    ("18 h 30", "dix-huit heures trente"), ("18h", "dix-huit heures"), ("9:15", "neuf heures quinze"),
    ("1 h", "une heure"), ("21 h", "vingt et une heures"), ("en soirée", "en soirée"),
])
def test_hour_in_words(hour: str, words: str) -> None:
    assert hour_in_words(hour) == words


def test_grammar_filters_for_customised_templates() -> None:
    from coopxl.documents import _jinja_environment

    environment = _jinja_environment()
    assert set(GRAMMAR_FILTERS) <= set(environment.filters)
    template = environment.from_string(
        "{{ siege|a }} · {{ nom|de }} · {{ 'president'|titre(civ, article=True) }} · {{ n|en_lettres('action', "
        "feminin=True) }} · {{ n|nombre('objectif') }} · {{ civ|accord('désigné', 'désignée') }} · "
        "{{ 'Alain Chapuis'|personne('M.') }} · {{ noms|liste }} · {{ ville|que }}")
    text = template.render(siege="Le Cheylard", nom="Aubenas", civ="Mme", n=2, noms=["A", "B", "C"],
                           ville="Annonay Rhône Agglo")
    assert plain(html.unescape(text)) == ("au Cheylard · d'Aubenas · la présidente · deux actions · 2 objectifs · "
                                          "désignée · "
                           "M. Alain Chapuis · A, B et C · qu'Annonay Rhône Agglo")


# --- the matrix: every named role × civilité, EPCI names, sièges, counts; extract and draft -------------

SEATS = ("Le Cheylard", "Les Vans", "Privas")
SEAT_FORMS = {"Le Cheylard": "au Cheylard", "Les Vans": "aux Vans", "Privas": "à Privas"}
EPCI_NAMES = (("CC", "CC Ardèche des Sources et Volcans", None, "la communauté de communes Ardèche des Sources "
               "et Volcans"),
              ("CA", "Annonay Rhône Agglo", "Annonay Rhône Agglo", "Annonay Rhône Agglo"),
              ("CC", "CC du Pays de Lamastre", None, "la communauté de communes du Pays de Lamastre"))
WRONG = (r"\bde le\b", r"\bà le\b", r"\b[àÀ] Le\b", r"\b[àÀ] Les\b", r"\bde les\b", r"\bà les\b", r"\bde CC\b",
         r"\bde CA\b", r"\(s\)", r"\(e\)", r"\(exemple\)", r"\bNone\b", r"\{\{", r"\{%", r"\bde [AEIOUYÉÈÀ]",
         r"\bque [AEIOUYÉÈÀ]", r"\.\.", r"…\.", r" [.,]", r"\bun objectifs\b", r"\bune actions\b",
         r"\bun actions\b", r"\b1 actions\b", r" [:;!?]", r"« ", r" »")
"""Forms that must never appear (the last three: a breaking space before « : », inside « »)."""


def _person(civility: str | None, first: str, last: str) -> tuple[str | None, str]:
    return civility, f"{first} {last}"


def _matrix_case(civility: str | None, seat: str, epci_index: int, many: bool, voted: bool
                 ) -> tuple[Plan, Referential]:
    form, name, official, _ = EPCI_NAMES[epci_index]
    siren = "200039824"
    epci = Epci(siren=siren, name=name, form=form, department="Ardèche", seat=seat, president_civility=civility,
                president="Alain Chapuis", dgs="Céline Moulin", dgs_civility=civility, councillors=30,
                court="Lyon", active="Oui", official_name=official)
    referential = Referential(
        park_name="Parc naturel régional des Monts d'Ardèche",
        body_name="Syndicat mixte du Parc naturel régional des Monts d'Ardèche", body_siren="250701547",
        address="Domaine de Rochemure, 07380 Jaujac", president_civility=civility, president_name="Hélène Vidal",
        vp_name="Paul Chabert", vp_civility=civility, seat_town=seat, approving_body="Bureau syndical",
        delegation="délibération du comité syndical n° 2020_045 du 12 octobre 2020", charter_version="2013-2025",
        charter_label="charte 2013-2025 du Parc", decree="décret n° 2014-321 du 18 mars 2014", court="Lyon",
        epcis=[epci], funders=[Funder(code="EPCI", name="Autofinancement de l'EPCI", kind="EPCI"),
                               Funder(code="LEADER", name="Programme LEADER (FEADER)", kind="Europe")])
    day = dt.date
    members = [
        Member(structure="Parc", college="Élu", role="Président du Parc", civility=civility, first_name="Hélène",
               last_name="Vidal"),
        Member(structure="Parc", college="Technicien", role="Chargé de mission", civility=civility,
               first_name="Claire", last_name="Martin", pair_role="Référent"),
        Member(structure="Parc", college="Technicien", role="Chargé de mission", civility=civility,
               first_name="Julien", last_name="Ferrand", pair_role="Membre"),
        Member(structure="EPCI", college="Élu", role="Vice-président de l'EPCI", civility=civility,
               first_name="Yves", last_name="Rochette"),
    ]
    sessions = [Session(number=1, kind="Interconnaissance", date=day(2025, 1, 14), place=seat, status="Tenue")]
    if many:
        sessions += [Session(number=2, kind="Pistes de coopération", date=day(2025, 2, 11), status="Tenue"),
                     Session(number=3, kind="Programme d'actions", date=day(2025, 3, 11), status="Tenue")]
    objectives = [Objective(number=f"OS{i}", title=f"Objectif {i}", measures="5.2") for i in
                  range(1, 4 if many else 2)]
    actions = [Action(number=f"A{o}.{i}", objective=f"OS{o}", title=f"Action {o}.{i}", measure="5.2",
                      horizon="Court terme", lead="EPCI", epci_role="Pilote", parc_role="Appui", cost=12500,
                      start=day(2025, 9, 1), end=day(2026, 6, 30), status="À venir")
               for o in range(1, len(objectives) + 1) for i in range(1, (3 if many else 2))]
    fundings = [Funding(action=a.number, funder="Autofinancement de l'EPCI", amount=12500, status="Acquis")
                for a in actions]
    prefix = {"M.": "M. ", "Mme": "Mme ", None: ""}[civility]
    deliberations = []
    for body, number, date in (("Conseil communautaire", "2025_045", day(2025, 4, 24)),
                               ("Bureau syndical du Parc", "B2025_027", day(2025, 5, 21))):
        d = Deliberation(body=body, number=number, date=date, convened_on=date - dt.timedelta(days=7),
                         chair=f"{prefix}Alain Chapuis", rapporteur=f"{prefix}Yves Rochette", members=30,
                         hour="18 h 30", place=seat, actes_subject="8.4 Aménagement du territoire")
        if voted:
            d.secretary = f"{prefix}Anne Roche"
            d.present, d.proxies, d.voters, d.votes_for, d.votes_against, d.abstentions = 20, 2, 22, 22, 0, 0
            d.result = "Adoptée"
            d.present_names = f"{prefix}Alain Chapuis ; {prefix}Anne Roche\n{prefix}Yves Rochette"
            d.excused_names = f"{prefix}Odile Faure"
            d.proxy_names = f"{prefix}Odile Faure à {prefix}Anne Roche; {prefix}Émile Brun à {prefix}Alain Chapuis"
            d.transmitted_on, d.published_on = date + dt.timedelta(days=3), date + dt.timedelta(days=4)
            d.actes_id = f"007-{siren}-{d.transmitted_on:%Y%m%d}-{number}-DE"
        deliberations.append(d)
    plan = Plan(path=Path("plan.xlsx"), epci_name=name, epci_siren=siren, period_start=day(2025, 7, 1),
                period_end=day(2028, 6, 30), charter_version="2013-2025", status="Approuvé" if voted else
                "Programme arrêté", members=members, sessions=sessions, objectives=objectives, actions=actions,
                fundings=fundings, deliberations=deliberations)
    return plan, referential


CASES = [(civility, seat, index % 3, index % 2 == 0)
         for index, (civility, seat) in enumerate((c, s) for c in ("M.", "Mme", None) for s in SEATS)]


@pytest.mark.parametrize(("civility", "seat", "epci_index", "many"), CASES)
def test_generated_acts_read_right(tmp_path: Path, civility, seat, epci_index, many) -> None:
    _, _, _, running = EPCI_NAMES[epci_index]
    for voted in (True, False):
        plan, referential = _matrix_case(civility, seat, epci_index, many, voted)
        refused: list[str] = []
        files = generate_documents(plan, referential, tmp_path / str(voted), today=TODAY, placeholders=[],
                                   refused=refused)
        assert refused == []
        names = output_names(referential)
        texts = {name: text_of(tmp_path / str(voted) / names[name])
                 for name in (DELIBERATION_CC, DELIBERATION_PARC, FEUILLE_DE_ROUTE)}
        assert len(files) == 3
        for name, text in texts.items():
            for wrong in WRONG:
                found = re.search(wrong, text)
                assert found is None, (name, voted, wrong, text[max(0, found.start() - 60): found.end() + 60])
        cc, parc = plain(texts[DELIBERATION_CC]), plain(texts[DELIBERATION_PARC])
        _check_forms(cc, parc, plain(texts[FEUILLE_DE_ROUTE]), civility, seat, running, many, voted)


def _check_forms(cc: str, parc: str, feuille: str, civility, seat, running, many, voted) -> None:
    male, female = civility == "M.", civility == "Mme"
    pick = lambda m, f, n: m if male else f if female else n  # noqa: E731
    prefix = pick("M. ", "Mme ", "")
    both = cc + parc
    # EPCI designation, with its article, contracted after « de »
    assert f"le conseil communautaire {french.de(running)}, dûment convoqué" in cc
    assert f"plan de coopération 2025-2028 avec {running} — approbation" in parc
    # sièges: « Fait au Cheylard », « aux Vans », « à Privas »
    assert f"Fait {SEAT_FORMS[seat]}, le 24 avril 2025." in cc and f"Fait {SEAT_FORMS[seat]}, le 21 mai 2025." in parc
    # titles agreeing with the civilité of every named role
    title = pick("président", "présidente", "président ou présidente")
    assert f"sous la présidence {french.de(prefix + 'Alain Chapuis')}, {title}." in both
    assert f"{prefix}Céline Moulin, {french.title('dgs', civility)}" in cc
    assert f"{prefix}Hélène Vidal, {french.title('president', civility)}, {prefix}Paul Chabert, " \
           f"{pick('vice-président chargé', 'vice-présidente chargée', 'à la vice-présidence chargée')} de la " \
           f"proximité territoriale" in cc
    assert f"{prefix}Claire Martin, {french.title('referent', civility)}, et {prefix}Julien Ferrand" in cc
    assert f"{prefix}Claire Martin ({french.title('charge-de-mission', civility)}), " \
           f"{french.title('referent', civility)}, et" in parc
    assert f"{prefix}Yves Rochette, {french.title('vice-president', civility)}" in cc
    assert f"AUTORISE {french.title('president', civility, article=True)} à engager" in cc
    assert f"notifiée {pick('au président', 'à la présidente', 'au président ou à la présidente')} " \
           f"{french.de(running)}." in parc
    signature = pick("Le secrétaire de séance,", "La secrétaire de séance,", "Le ou la secrétaire de séance,")
    if not voted:
        signature = "Le ou la secrétaire de séance,"  # not known before the séance
    assert signature in cc and signature in parc
    assert pick("Le président,", "La présidente,", "Le président ou la présidente,") in cc
    # numbers agreeing
    counts = ("trois objectifs stratégiques et six actions" if many else "un objectif stratégique et une action")
    assert f"compte {counts}, pour" in cc and f"compte {counts}, pour" in parc
    assert ("s'est réuni trois fois :" if many else "s'est réuni une fois :") in cc
    assert ("réuni le 14 janvier 2025, le 11 février 2025 et le 11 mars 2025." if many
            else "réuni le 14 janvier 2025.") in parc
    assert ("(2 actions)" if many else "(1 action)") in cc
    # séance block, extract or draft
    assert "L'an deux mille vingt-cinq, le vingt-quatre avril, à dix-huit heures trente," in cc
    if voted:
        assert "EXTRAIT DU REGISTRE" in cc and "PROJET" not in both
        assert f"Présents : {prefix}Alain Chapuis, {prefix}Anne Roche et {prefix}Yves Rochette." in cc
        assert f"Absents excusés : {prefix}Odile Faure." in cc
        assert (f"Pouvoirs : {prefix}Odile Faure à {prefix}Anne Roche ; "
                f"{prefix}Émile Brun à {prefix}Alain Chapuis.") in cc
        assert "Le quorum étant atteint, le conseil communautaire peut valablement délibérer." in cc
        assert pick("M. Anne Roche a été désigné secrétaire de séance.", "Mme Anne Roche a été désignée secrétaire "
                    "de séance.", "Secrétaire de séance : Anne Roche.") in cc
        assert "Pour extrait certifié conforme." in cc and "Pour extrait conforme." in parc
        assert "Le conseil communautaire" in parc and "l'a approuvé le 24 avril 2025" in parc
        assert "Version soumise au vote du conseil communautaire du 24 avril 2025 et du bureau syndical du 21 mai " \
               "2025." in feuille
    else:
        assert "PROJET DE DÉLIBÉRATION DU CONSEIL COMMUNAUTAIRE" in cc and "PROJET" in parc
        assert f"Présents : {BLANK}." in cc and f"Secrétaire de séance : {BLANK}" in cc
        assert "l'a approuvé" not in parc and "Vu la délibération n°" not in parc
        assert "est soumis au conseil communautaire" in parc
        assert "Pour extrait" not in both and "Acte rendu exécutoire" not in both and "quorum" not in both
    # the feuille de route is the programme only, its title once
    assert feuille.count("Plan de coopération 2025-2028") == 2  # the title, and the footer
    assert "À venir" not in feuille and "Statut" not in feuille



def test_a_name_without_civilite_takes_the_one_the_referential_knows(tmp_path: Path) -> None:
    plan, referential = _matrix_case("Mme", "Privas", 0, False, True)
    for d in plan.deliberations:
        d.chair, d.secretary = "Alain Chapuis", "Claire Martin"  # as typed, without « Mme »
        d.present_names = "Alain Chapuis; Claire Martin; Inconnu Dupont"
    files = generate_documents(plan, referential, tmp_path, today=TODAY, placeholders=[])
    text = plain(text_of(next(f for f in files if f.name == DELIBERATION_CC)))
    assert "sous la présidence de Mme Alain Chapuis, présidente." in text
    assert "Mme Claire Martin a été désignée secrétaire de séance." in text
    assert "Présents : Mme Alain Chapuis, Mme Claire Martin et Inconnu Dupont." in text
