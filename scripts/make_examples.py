"""Generate the example territory of coopxl (SPEC §9).

Writes, into a working folder (default: `examples/` of the repository):

- `referentiel.xlsx`: the Parc, the 13 EPCIs of its territory around 2014, the structure
  of the charter 2013-2025, the team, the funders and the @ctes nomenclature;
- `plans/plan-cooperation_<slug>.xlsx`: one plan de coopération per EPCI, in every state
  of the process, three of them with deliberate mistakes that validation must catch;
- `README.md` (French): what the data is, the table of plans and the table of mistakes.

Run from the repository root:

    PYTHONPATH=. python scripts/make_examples.py [--sortie DOSSIER]

The output is deterministic: fixed dates, no randomness. Every date is illustrative and
chosen relative to REFERENCE_DAY so that the follow-up is meaningful. The content is
French (it is what staff read); identifiers and comments are English.

Before writing, every plan is checked against the rules of SPEC §5 by `check_clean_plan`
(a small stand-alone check, independent of coopxl's validation), then the deliberate
mistakes are injected into three plans and their cells recorded for the README.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopxl.files import slugify
from coopxl.reader import read_referential
from coopxl.schema import PLAN, REFERENTIAL
from coopxl.templates import plan_lists, write_workbook

d = dt.date

REFERENCE_DAY = d(2026, 11, 25)
"""'Today' for the example territory: nothing held or voted after this day."""

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "examples"


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def luhn_ok(number: str) -> bool:
    """True when `number` is 9 digits with a valid Luhn key (SIREN)."""
    if not re.fullmatch(r"\d{9}", number):
        return False
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


def with_luhn_key(stem: str) -> str:
    """An 8-digit stem completed with the digit that makes a valid SIREN."""
    assert re.fullmatch(r"\d{8}", stem), stem
    return next(stem + str(key) for key in range(10) if luhn_ok(stem + str(key)))


def example(label: str) -> str:
    """A label the domain notes do not confirm, marked as such (issue: « exemple »)."""
    return f"{label} (exemple)"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def email(first: str, last: str, domain: str) -> str:
    return f"{slugify(first)}.{slugify(last)}@{domain}"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_of(table_name: str, row_index: int, key: str) -> str:
    """A1 reference of a table cell: header in row 1, first data row is row 2."""
    table = PLAN.table(table_name)
    return f"{column_letter(table.keys.index(key))}{row_index + 2}"


# ---------------------------------------------------------------------------
# Référentiel: the Parc
# ---------------------------------------------------------------------------

REAL_SIRENS = ("200039824", "200041465", "200071413")
"""SIRENs given by the domain notes (§2.3); every other SIREN here is illustrative."""

for _siren in REAL_SIRENS:
    assert luhn_ok(_siren), f"Luhn key of the real SIREN {_siren} does not check"

PARC_SIREN = with_luhn_key("25070154")
"""Illustrative SIREN of the syndicat mixte (the notes do not give the real one)."""

PARC_PRESIDENT = ("M.", "Jean-Paul", "Rochette")
PARC_VP = ("Mme", "Martine", "Teyssier")
PARC_PHONE = "04 75 36 38 60"  # the Maison du Parc's public switchboard (domain notes §2.1)
PARC_DOMAIN = "parc-monts-ardeche.example"
PARC_HOUSE = "Maison du Parc, Jaujac"
BUREAU_MEMBERS = 18
"""Membres en exercice of the Parc's bureau syndical (illustrative)."""

PARC_FIELDS = {
    "park_name": "Parc naturel régional des Monts d'Ardèche",
    "body_name": "Syndicat mixte du Parc naturel régional des Monts d'Ardèche",
    "body_siren": PARC_SIREN,
    "address": "Domaine de Rochemure, 07380 Jaujac",
    "president_civility": PARC_PRESIDENT[0],
    "president_name": f"{PARC_PRESIDENT[1]} {PARC_PRESIDENT[2]}",
    "vp_name": f"{PARC_VP[1]} {PARC_VP[2]}",
    "approving_body": "Bureau syndical",
    "delegation": example("Délibération du comité syndical n° 2020_045 du 12 octobre 2020 portant "
                          "délégation d'attributions au bureau syndical"),
    "charter_version": "2013-2025",
    "charter_label": "Charte 2013-2025 du Parc naturel régional des Monts d'Ardèche",
    "decree": "Décret de mars 2014 portant renouvellement du classement du Parc naturel régional "
              "des Monts d'Ardèche (numéro et date à compléter)",
    "court": "Lyon",
}

# ---------------------------------------------------------------------------
# Référentiel: the 13 EPCIs around 2014 (domain notes §2.3)
# ---------------------------------------------------------------------------

COURTS = {"Ardèche": "Lyon", "Haute-Loire": "Clermont-Ferrand"}
DEPARTMENT_CODES = {"Ardèche": "007", "Haute-Loire": "043"}


@dataclass(frozen=True)
class Epci:
    """An EPCI of the example territory; people are fictional."""

    key: str
    name: str
    form: str
    department: str
    seat: str
    president: tuple[str, str, str]
    dgs: tuple[str, str, str]
    councillors: int
    siren: str

    @property
    def president_name(self) -> str:
        return f"{self.president[1]} {self.president[2]}"

    @property
    def dgs_name(self) -> str:
        return f"{self.dgs[1]} {self.dgs[2]}"

    @property
    def is_real_siren(self) -> bool:
        return self.siren in REAL_SIRENS

    @property
    def domain(self) -> str:
        return f"{slugify(self.name)}.example"

    @property
    def holder(self) -> str:
        """« la communauté de communes » or « la communauté d'agglomération »."""
        return "la communauté d'agglomération" if self.form == "CA" else "la communauté de communes"


EPCIS = {e.key: e for e in (
    Epci("lamastre", "CC du Pays de Lamastre", "CC", "Ardèche", "Lamastre",
         ("Mme", "Françoise", "Bouvier"), ("M.", "Olivier", "Brunel"), 27, with_luhn_key("24000137")),
    Epci("valeyrieux", "CC Val'Eyrieux", "CC", "Ardèche", "Le Cheylard",
         ("M.", "Alain", "Chapuis"), ("Mme", "Céline", "Moulin"), 52, "200041465"),
    Epci("vernoux", "CC du Pays de Vernoux", "CC", "Ardèche", "Vernoux-en-Vivarais",
         ("M.", "Bernard", "Sauzet"), ("Mme", "Isabelle", "Perrier"), 24, with_luhn_key("24000242")),
    Epci("privas", "CA Privas Centre Ardèche", "CA", "Ardèche", "Privas",
         ("M.", "François", "Delmas"), ("M.", "Stéphane", "Guérin"), 58, "200071413"),
    Epci("asv", "CC Ardèche des Sources et Volcans", "CC", "Ardèche", "Thueyts",
         ("Mme", "Monique", "Chastel"), ("M.", "Fabien", "Lacroix"), 34, "200039824"),
    Epci("aubenas", "CC du Pays d'Aubenas-Vals", "CC", "Ardèche", "Aubenas",
         ("M.", "Jacques", "Mercier"), ("Mme", "Valérie", "Charrier"), 47, with_luhn_key("24000358")),
    Epci("valdeligne", "CC du Val de Ligne", "CC", "Ardèche", "Largentière",
         ("Mme", "Christine", "Teyssonnier"), ("M.", "Romain", "Blachère"), 31, with_luhn_key("24000463")),
    Epci("beaume", "CC du Pays Beaume-Drobie", "CC", "Ardèche", "Joyeuse",
         ("M.", "Philippe", "Rouvière"), ("Mme", "Aurélie", "Martin"), 30, with_luhn_key("24000571")),
    Epci("vans", "CC Pays des Vans en Cévennes", "CC", "Ardèche", "Les Vans",
         ("M.", "Thierry", "Vidal"), ("Mme", "Karine", "Dupuy"), 29, with_luhn_key("20001128")),
    Epci("cevenne", "CC Cévenne et Montagne ardéchoises", "CC", "Ardèche", "Saint-Étienne-de-Lugdarès",
         ("M.", "Gilbert", "Malet"), ("Mme", "Sabine", "Vacher"), 21, with_luhn_key("24000683")),
    Epci("sourcesloire", "CC des Sources de la Loire", "CC", "Ardèche", "Sainte-Eulalie",
         ("Mme", "Danielle", "Couderc"), ("M.", "Arnaud", "Besson"), 20, with_luhn_key("24000794")),
    Epci("loireallier", "CC Entre Loire et Allier", "CC", "Ardèche", "Coucouron",
         ("M.", "René", "Sabatier"), ("Mme", "Corinne", "Fournier"), 22, with_luhn_key("24000812")),
    Epci("mezenc", "CC du Mézenc et de la Loire Sauvage", "CC", "Haute-Loire", "Le Monastier-sur-Gazeille",
         ("M.", "Michel", "Arsac"), ("Mme", "Élodie", "Reynaud"), 26, with_luhn_key("24004326")),
)}

for _epci in EPCIS.values():
    assert luhn_ok(_epci.siren), _epci
assert len({e.siren for e in EPCIS.values()} | {PARC_SIREN}) == len(EPCIS) + 1, "SIRENs must differ"


def epci_rows() -> list[dict[str, Any]]:
    return [{
        "siren": e.siren, "name": e.name, "form": e.form, "department": e.department,
        "seat": e.seat, "president_civility": e.president[0], "president": e.president_name,
        "dgs": e.dgs_name, "councillors": e.councillors, "court": COURTS[e.department],
        "active": "Oui",
    } for e in EPCIS.values()]


# ---------------------------------------------------------------------------
# Référentiel: the charter 2013-2025 (domain notes §2.2)
# Labels the notes confirm ([F]) are plain; every other one goes through example().
# ---------------------------------------------------------------------------

CHARTER_VERSION = "2013-2025"

CHARTER = (
    ("1. Un territoire remarquable à préserver", (
        (1, "Préserver et gérer la biodiversité : l'affaire de tous", (
            "Améliorer, organiser et partager la connaissance sur la biodiversité",
            example("Préserver les milieux naturels remarquables et les continuités écologiques"),
            example("Impliquer les habitants et les acteurs dans la gestion de la biodiversité"),
        )),
        (2, example("Gérer durablement la ressource en eau et les rivières"), (
            example("Préserver la qualité des rivières et des milieux aquatiques"),
            example("Économiser et partager la ressource en eau"),
        )),
        (3, example("Préserver et valoriser les paysages"), (
            example("Connaître et faire partager les paysages"),
            example("Maîtriser l'évolution des paysages"),
            example("Reconquérir les terrasses et les paysages de la châtaigneraie"),
        )),
        (4, example("Connaître, préserver et valoriser les patrimoines géologique, bâti et culturel"), (
            example("Faire du Geopark un outil de connaissance et de valorisation de la géologie"),
            example("Restaurer et valoriser le patrimoine bâti vernaculaire"),
            example("Transmettre les patrimoines culturels et les savoir-faire"),
        )),
        (5, "Préserver l'ensemble des patrimoines par un urbanisme durable, économe et innovant", (
            example("Intégrer les enjeux de la charte dans les documents d'urbanisme"),
            example("Économiser le foncier et revitaliser les centres-bourgs"),
            example("Promouvoir un habitat et une architecture durables"),
        )),
    )),
    ("2. Un territoire productif, qui valorise durablement ses ressources", (
        (6, example("Soutenir une agriculture durable et la castanéiculture"), (
            example("Soutenir des exploitations agricoles durables et leur transmission"),
            example("Relancer la châtaigneraie et valoriser la Châtaigne d'Ardèche"),
            example("Développer les circuits courts et l'alimentation locale"),
        )),
        (7, example("Gérer durablement la forêt et valoriser le bois local"), (
            example("Favoriser une gestion forestière durable et concertée"),
            example("Structurer la filière bois local, bois d'œuvre et bois énergie"),
        )),
        (8, example("Développer un tourisme durable"), (
            example("Structurer une offre de tourisme de nature et d'itinérance"),
            example("Accompagner les professionnels du tourisme vers la marque Valeurs Parc"),
            example("Valoriser les sites et les patrimoines dans l'offre touristique"),
        )),
        (9, example("Engager le territoire dans la transition énergétique"), (
            example("Réduire les consommations d'énergie des bâtiments et de l'éclairage public"),
            example("Développer les énergies renouvelables dans le respect des paysages"),
            example("Accompagner une économie locale sobre et innovante"),
        )),
    )),
    (example("3. Un territoire attractif et solidaire"), (
        (10, example("Maintenir les services et favoriser une mobilité durable"), (
            example("Maintenir et mutualiser les services à la population"),
            example("Développer les mobilités alternatives à la voiture individuelle"),
        )),
        (11, example("Accueillir de nouvelles populations et activités"), (
            example("Accueillir et accompagner les porteurs de projets"),
            example("Développer l'économie de proximité et les tiers-lieux"),
        )),
        (12, example("Éduquer, sensibiliser et partager une culture du territoire"), (
            example("Développer l'éducation à l'environnement et au territoire"),
            example("Soutenir une vie culturelle ouverte et partagée"),
            example("Impliquer les habitants et les jeunes dans la vie du territoire"),
        )),
        (13, example("Coopérer et innover pour un territoire solidaire"), (
            example("Coopérer avec les intercommunalités et les communes"),
            example("Développer les coopérations interterritoriales et européennes"),
        )),
    )),
)


def charter_rows() -> list[dict[str, Any]]:
    rows = []
    for vocation, orientations in CHARTER:
        for number, orientation, measures in orientations:
            for index, label in enumerate(measures, start=1):
                rows.append({"version": CHARTER_VERSION, "vocation": vocation,
                             "orientation_number": number, "orientation": orientation,
                             "code": f"{number}.{index}", "label": label})
    return rows


MEASURE_CODES = {row["code"] for row in charter_rows()}

# ---------------------------------------------------------------------------
# Référentiel: the team (fictional people), the funders, the @ctes nomenclature
# ---------------------------------------------------------------------------

TEAM = (
    ("Mme", "Claire", "Vernet", "Chargée de mission urbanisme et paysage", "Aménagement et paysage", 190),
    ("M.", "Julien", "Roux", "Chargé de mission agriculture et châtaigneraie", "Économie et ressources", 185),
    ("Mme", "Sophie", "Arnaud", "Chargée de mission tourisme durable", "Économie et ressources", 195),
    ("M.", "Thomas", "Chabanel", "Chargé de mission énergie et climat", "Transitions", 190),
    ("Mme", "Laure", "Faure", "Chargée de mission biodiversité et rivières", "Patrimoine naturel", 180),
    ("M.", "Nicolas", "Blanc", "Chargé de mission forêt et filière bois", "Économie et ressources", 185),
    ("Mme", "Émilie", "Soubeyrand", "Chargée de mission Geopark et patrimoine culturel", "Patrimoines", 190),
    ("M.", "Antoine", "Deleuze", "Chargé de mission éducation au territoire et mobilité",
     "Animation territoriale", 200),
)
STAFF = {f"{first} {last}": (civility, first, last, post) for civility, first, last, post, _, _ in TEAM}


def team_rows() -> list[dict[str, Any]]:
    return [{"civility": civility, "first_name": first, "last_name": last, "post": post,
             "unit": unit, "days_available": days}
            for civility, first, last, post, unit, days in TEAM]


FUNDERS = (
    # code, Financeur, Type, dispositif proposed by default in the funding plans
    ("LEADER", "Programme LEADER (FEADER)", "Europe", "LEADER 2023-2027"),
    ("FEDER_MC", "FEDER Massif central", "Europe", "Programme interrégional Massif central"),
    ("PSADER", "PSADER (Région)", "Région", "Volet agricole du contrat régional"),
    ("REGION", "Région Auvergne-Rhône-Alpes", "Région", "Contrat Ambition Région"),
    ("DEP07", "Département de l'Ardèche", "Département", "Aide départementale aux territoires"),
    ("DEP43", "Département de la Haute-Loire", "Département", "Aide départementale aux territoires"),
    ("ETAT_DETR", "État (DETR)", "État", "DETR"),
    ("ETAT_DSIL", "État (DSIL)", "État", "DSIL"),
    ("ETAT_FNADT", "État (FNADT)", "État", "FNADT Massif central"),
    ("ETAT_FONDS_VERT", "État (Fonds vert)", "État", "Fonds vert"),
    ("AGENCE_EAU_RMC", "Agence de l'eau Rhône Méditerranée Corse", "Autre public", "Contrat de rivière"),
    ("AGENCE_EAU_LB", "Agence de l'eau Loire-Bretagne", "Autre public", "Contrat territorial"),
    ("ADEME", "ADEME", "Autre public", "Appel à projets ADEME"),
    ("OFB", "Office français de la biodiversité", "Autre public", "Atlas de la biodiversité communale"),
    ("EPCI", "Autofinancement de l'EPCI", "EPCI", "Budget intercommunal"),
    ("PARC", "Fonds propres du Parc", "Parc", "Programme d'actions du Parc"),
    ("COMMUNES", "Communes", "Autre public", "Participation des communes"),
    ("PRIVE", "Financements privés", "Privé", "Mécénat et participations privées"),
)
FUNDER_NAMES = {code: name for code, name, _, _ in FUNDERS}
FUNDER_SCHEMES = {code: scheme for code, _, _, scheme in FUNDERS}


def funder_rows() -> list[dict[str, Any]]:
    return [{"code": code, "name": name, "kind": kind} for code, name, kind, _ in FUNDERS]


ACTES_SUBJECTS = (
    ("1", "Commande publique"),
    ("1.1", "Marchés publics"),
    ("1.2", "Délégation de service public"),
    ("1.3", "Conventions de mandat"),
    ("1.4", "Autres types de contrats"),
    ("1.5", "Transactions / protocole d'accord transactionnel"),
    ("1.6", "Actes relatifs à la maîtrise d'œuvre"),
    ("1.7", "Actes spéciaux et divers"),
    ("2", "Urbanisme"),
    ("2.1", "Documents d'urbanisme"),
    ("2.2", "Actes relatifs au droit d'occupation ou d'utilisation des sols"),
    ("2.3", "Droit de préemption urbain"),
    ("3", "Domaine et patrimoine"),
    ("3.1", "Acquisitions"),
    ("3.2", "Aliénations"),
    ("3.3", "Locations"),
    ("3.4", "Limites territoriales"),
    ("3.5", "Autres actes de gestion du domaine public"),
    ("3.6", "Autres actes de gestion du domaine privé"),
    ("4", "Fonction publique"),
    ("4.1", "Personnels titulaires et stagiaires de la FPT"),
    ("4.2", "Personnels contractuels"),
    ("4.3", "Fonction publique hospitalière"),
    ("4.4", "Autres catégories de personnels"),
    ("4.5", "Régime indemnitaire"),
    ("5", "Institutions et vie politique"),
    ("5.1", "Élection exécutif"),
    ("5.2", "Fonctionnement des assemblées"),
    ("5.3", "Désignation de représentants"),
    ("5.4", "Délégation de fonctions"),
    ("5.5", "Délégation de signature"),
    ("5.6", "Exercice des mandats locaux"),
    ("5.7", "Intercommunalité"),
    ("5.8", "Décision d'ester en justice"),
    ("6", "Libertés publiques et pouvoirs de police"),
    ("6.1", "Police municipale"),
    ("6.2", "Pouvoir du président du conseil général"),
    ("6.3", "Pouvoir du président du conseil régional"),
    ("6.4", "Autres actes réglementaires"),
    ("6.5", "Actes pris au nom de l'État et soumis au contrôle hiérarchique"),
    ("7", "Finances locales"),
    ("7.1", "Décisions budgétaires"),
    ("7.2", "Fiscalité"),
    ("7.3", "Emprunts"),
    ("7.4", "Interventions économiques"),
    ("7.5", "Subventions"),
    ("7.6", "Contributions budgétaires"),
    ("7.7", "Avances"),
    ("7.8", "Fonds de concours"),
    ("7.9", "Prise de participation (SEM, etc.)"),
    ("7.10", "Divers"),
    ("8", "Domaines de compétences par thèmes"),
    ("8.1", "Enseignement"),
    ("8.2", "Aide sociale"),
    ("8.3", "Voirie"),
    ("8.4", "Aménagement du territoire"),
    ("8.5", "Politique de la ville-habitat-logement"),
    ("8.6", "Emploi-formation professionnelle"),
    ("8.7", "Transports"),
    ("8.8", "Environnement"),
    ("8.9", "Culture"),
    ("9", "Autres domaines de compétences"),
    ("9.1", "Autres domaines de compétences des communes"),
    ("9.2", "Autres domaines de compétences des départements"),
    ("9.3", "Autres domaines de compétences des régions"),
    ("9.4", "Vœux et motions"),
)
ACTES_SUBJECT = "8.4 " + dict(ACTES_SUBJECTS)["8.4"]


def subject_rows() -> list[dict[str, Any]]:
    return [{"code": code, "label": label} for code, label in ACTES_SUBJECTS]


def referential_rows() -> dict[str, list[dict[str, Any]]]:
    return {"T_EPCI": epci_rows(), "T_Charte": charter_rows(), "T_Equipe": team_rows(),
            "T_Financeurs": funder_rows(), "T_Matieres": subject_rows()}


# ---------------------------------------------------------------------------
# Plans: how one plan is described here
# ---------------------------------------------------------------------------

ELABORATION, ADOPTED_PROGRAMME, APPROVED, IN_PROGRESS, CLOSED = (
    "En élaboration", "Programme arrêté", "Approuvé", "En œuvre", "Clos")
VOTED_STATES = (APPROVED, IN_PROGRESS, CLOSED)

PARC_MISSIONS = (
    "Syndicat mixte chargé de la mise en œuvre de la charte 2013-2025. Il apporte aux EPCI un "
    "appui stratégique (connaissance du territoire, cohérence avec les territoires voisins, "
    "mutualisation), technique (ingénierie, émergence de projets, expertise) et financier "
    "(recherche de subventions, programme LEADER), dans la limite de son programme d'actions.")


def action(number: str, title: str, measure: str, *, lead: str, epci: str, parc: str,
           officer: str, start: dt.date, end: dt.date, cost: int, funding: list[tuple[str, int]],
           description: str, indicator: str, target: str, steps: tuple[str, ...],
           priority: str = "Moyenne", days: int = 5, partners: str | None = None,
           other_lead: str | None = None, pace: float = 1.0, difficulty: str | None = None,
           outcome: tuple[str, dt.date, str] | None = None, refused: tuple[tuple[str, int], ...] = (),
           comment: str | None = None) -> dict[str, Any]:
    """One fiche action with what the builders need to derive its funding and follow-up.

    `funding` gives (funder code, share in %) summing to 100; `refused` adds refused lines
    (excluded from the total). `steps` are the phases of the action, used to write the
    follow-up; `pace` < 1 makes it fall behind schedule (with `difficulty` as the reason);
    `outcome` = (status, from date, reason) ends it early as Reportée or Abandonnée.
    """
    assert sum(share for _, share in funding) == 100, number
    return {
        "number": number, "objective": "OS" + number[1:].split(".")[0], "title": title,
        "description": description, "measure": measure, "lead": lead, "other_lead": other_lead,
        "epci_role": epci, "parc_role": parc, "partners": partners, "officer": officer,
        "start": start, "end": end, "priority": priority, "cost": cost, "parc_days": days,
        "indicator": indicator, "target": target, "comment": comment,
        # Not columns: used by the builders.
        "_funding": funding, "_refused": refused, "_steps": steps, "_pace": pace,
        "_difficulty": difficulty, "_outcome": outcome,
    }


# ---------------------------------------------------------------------------
# Plans: the 13 EPCIs
# ---------------------------------------------------------------------------

PLANS: list[dict[str, Any]] = []

# --- 1. CC du Pays de Lamastre — en œuvre depuis 2024, 6 revues --------------------------
PLANS.append({
    "epci": "lamastre", "status": IN_PROGRESS, "period": (d(2024, 1, 1), d(2026, 12, 31)),
    "vp": ("M.", "Patrick", "Giraud", "Vice-président chargé de l'aménagement et de l'agriculture"),
    "pair": ("Claire Vernet", "Julien Roux"),
    "sessions": (
        (d(2023, 5, 16), "Tenue", "Attentes croisées partagées ; diagnostic commun : déprise de la "
         "châtaigneraie, vacance en centre-bourg, potentiel touristique du Doux."),
        (d(2023, 6, 27), "Tenue", "Six pistes examinées ; quatre retenues, une à approfondir, une écartée."),
        (d(2023, 9, 19), "Tenue", "Programme arrêté : 3 objectifs stratégiques, 7 actions, calendrier "
         "2024-2026 et répartition des rôles."),
    ),
    "reviews": (d(2024, 6, 11), d(2024, 11, 26), d(2025, 5, 20), d(2025, 11, 18), d(2026, 5, 19),
                d(2026, 11, 10)),
    "insights": {
        "epci": (
            "Bénéficier de l'ingénierie du Parc pour des projets que la communauté de communes ne "
            "peut pas porter seule ; articuler le projet de territoire et la charte.",
            "Développement économique, tourisme (office de tourisme intercommunal), aménagement de "
            "l'espace, collecte des déchets, petite enfance.",
            "11 communes, population vieillissante ; châtaigneraie en déprise ; logements vacants "
            "dans le centre-bourg de Lamastre ; gorges du Doux et Train de l'Ardèche très fréquentés.",
            "Projet de territoire 2022-2028 : attractivité résidentielle, économie de proximité, "
            "tourisme quatre saisons.",
        ),
        "parc": (
            "Relancer la châtaigneraie et faire de Lamastre un bourg-centre exemplaire en sobriété foncière.",
            "Vergers de châtaigniers abandonnés sur les pentes du Doux ; paysages de terrasses qui se "
            "referment ; forte dépendance à la voiture.",
            "Charte : mesures 5.2 (centres-bourgs), 6.2 (châtaigneraie) et 8.1 (itinérance).",
        ),
    },
    "leads": (
        ("Reconquête de vergers de châtaigniers abandonnés", "Court terme", "6.2", "Retenue", "A1.1"),
        ("Produits locaux dans la restauration scolaire", "Court terme", "6.3", "Retenue", "A1.2"),
        ("Itinérance douce en lien avec le Train de l'Ardèche", "Court terme", "8.1", "Retenue", "A2.1"),
        ("Revitalisation du centre-bourg de Lamastre", "Court terme", "5.2", "Retenue", "A3.1"),
        ("Plan de paysage de la vallée du Doux", "Moyen terme", "3.2", "À approfondir", None),
        ("Création d'une maison de la châtaigne", "Moyen terme", "6.2", "Non retenue", None),
    ),
    "objectives": (
        ("Relancer la châtaigneraie et l'alimentation locale", "6.2; 6.3",
         "Remettre en production des vergers et rapprocher producteurs et cantines."),
        ("Développer un tourisme durable autour du Doux et du Train de l'Ardèche", "8.1; 8.2",
         "Une offre d'itinérance douce au départ des gares et des prestataires engagés."),
        ("Revitaliser le centre-bourg et économiser le foncier et l'énergie", "5.2; 5.3; 9.1",
         "Reconquérir les logements vacants, conseiller les habitants, rénover le patrimoine public."),
    ),
    "actions": (
        action("A1.1", "Reconquête de vergers de châtaigniers abandonnés", "6.2", lead="Co-portage",
               epci="Anime le dispositif auprès des propriétaires et cofinance les travaux.",
               parc="Diagnostic des vergers, cahier des charges des travaux, montage du dossier LEADER.",
               partners="Syndicat de défense de la Châtaigne d'Ardèche, Chambre d'agriculture, CRPF",
               officer="Julien Roux", start=d(2024, 3, 1), end=d(2026, 6, 30), cost=48000,
               funding=[("LEADER", 50), ("REGION", 20), ("EPCI", 20), ("PRIVE", 10)],
               description="Recenser les vergers abandonnés, trouver des repreneurs et financer leur "
               "rénovation (élagage, greffage, débroussaillage).",
               indicator="Surface de vergers rénovés", target="20 ha", priority="Haute", days=12,
               pace=0.9, difficulty="Propriétaires difficiles à joindre ; hiver pluvieux qui a retardé les chantiers.",
               steps=("Recensement des propriétaires volontaires", "Diagnostic de 35 parcelles",
                      "Première tranche de rénovation (8 ha)", "Seconde tranche de rénovation",
                      "Bilan et journée de démonstration")),
        action("A1.2", "Produits locaux dans la restauration scolaire", "6.3", lead="EPCI",
               epci="Porte l'action et mobilise les cantines des écoles du territoire.",
               parc="Méthode, mise en relation avec les producteurs, formation des cuisiniers.",
               partners="Communes, producteurs locaux", officer="Julien Roux",
               start=d(2024, 9, 1), end=d(2026, 6, 30), cost=15000,
               funding=[("DEP07", 30), ("LEADER", 40), ("EPCI", 30)],
               description="Accompagner six cantines scolaires vers 30 % de produits locaux.",
               indicator="Part de produits locaux dans les repas", target="30 %", days=6,
               steps=("Diagnostic des approvisionnements", "Formation des cuisiniers",
                      "Premiers marchés avec les producteurs", "Bilan et guide des bonnes pratiques")),
        action("A2.1", "Boucles de randonnée au départ des gares du Train de l'Ardèche", "8.1",
               lead="Co-portage", epci="Maître d'ouvrage du balisage et des équipements.",
               parc="Conception des itinéraires avec l'office de tourisme, intégration paysagère.",
               partners="Office de tourisme du Pays de Lamastre, Train de l'Ardèche, Département (PDIPR)",
               officer="Sophie Arnaud", start=d(2024, 4, 1), end=d(2025, 9, 30), cost=36000,
               funding=[("LEADER", 40), ("DEP07", 30), ("EPCI", 30)],
               description="Six boucles balisées reliant les gares aux villages et aux gorges du Doux.",
               indicator="Nombre de boucles balisées", target="6", priority="Haute", days=8,
               steps=("Repérage des itinéraires", "Conventions de passage avec les propriétaires",
                      "Balisage et signalétique", "Édition de la carte et inauguration")),
        action("A2.2", "Hébergeurs et prestataires engagés dans la marque Valeurs Parc", "8.2",
               lead="Parc", epci="Relaie l'appel à candidatures et finance la communication.",
               parc="Anime la démarche et accompagne les professionnels jusqu'à l'attribution de la marque.",
               partners="Office de tourisme, Gîtes de France", officer="Sophie Arnaud",
               start=d(2025, 1, 15), end=d(2026, 12, 15), cost=9000,
               funding=[("PARC", 50), ("EPCI", 50)],
               description="Accompagner une dizaine de prestataires vers la marque Valeurs Parc naturel régional.",
               indicator="Prestataires marqués", target="10", days=10,
               steps=("Réunion d'information des professionnels", "Audits des candidats",
                      "Comité de marque", "Promotion des prestataires marqués")),
        action("A3.1", "Étude de revitalisation du centre-bourg de Lamastre", "5.2", lead="EPCI",
               epci="Maître d'ouvrage de l'étude.",
               parc="Comité de pilotage ; volet paysage et patrimoine du cahier des charges.",
               partners="Commune de Lamastre, CAUE de l'Ardèche", officer="Claire Vernet",
               start=d(2024, 2, 1), end=d(2025, 6, 30), cost=60000,
               funding=[("REGION", 30), ("ETAT_FNADT", 30), ("EPCI", 40)],
               description="Plan guide du centre-bourg : logements vacants, espaces publics, commerces.",
               indicator="Plan guide adopté", target="1", priority="Haute", days=8,
               steps=("Cahier des charges et choix du bureau d'études", "Diagnostic et ateliers habitants",
                      "Scénarios d'aménagement", "Plan guide adopté en conseil")),
        action("A3.2", "Permanences de conseil architectural et paysager", "5.3", lead="Parc",
               epci="Met à disposition une salle et informe les habitants.",
               parc="Permanence mensuelle de l'architecte-conseil du Parc.",
               partners="CAUE de l'Ardèche", officer="Claire Vernet",
               start=d(2024, 3, 1), end=d(2026, 12, 31), cost=12000,
               funding=[("PARC", 60), ("EPCI", 40)],
               description="Conseiller gratuitement les particuliers avant leurs travaux.",
               indicator="Porteurs de projets conseillés", target="60", days=6,
               steps=("Mise en place des permanences", "Première année de permanences",
                      "Deuxième année de permanences", "Bilan des conseils donnés")),
        action("A3.3", "Rénovation énergétique des bâtiments communautaires", "9.1", lead="EPCI",
               epci="Maître d'ouvrage des travaux.",
               parc="Pré-diagnostic énergétique par le conseil en énergie partagé.",
               partners="SDE 07, ADEME", officer="Thomas Chabanel",
               start=d(2025, 3, 1), end=d(2026, 10, 31), cost=180000,
               funding=[("ETAT_DETR", 40), ("REGION", 20), ("EPCI", 40)],
               description="Isolation et chauffage du siège communautaire et de la crèche.",
               indicator="Baisse des consommations d'énergie", target="-30 %", priority="Haute",
               pace=0.8, difficulty="Lot menuiseries infructueux : appel d'offres relancé.",
               steps=("Audits énergétiques", "Consultation des entreprises", "Travaux du siège",
                      "Travaux de la crèche", "Réception et suivi des consommations")),
    ),
    "deliberations": {
        "cc": {"date": d(2023, 11, 14), "number": "2023_118", "present": 21, "proxies": 3,
               "secretary": "Denis Fargier"},
        "bureau": {"date": d(2023, 12, 6), "number": "B2023_052", "present": 13, "proxies": 2,
                   "secretary": "Anne Roche"},
    },
})

# --- 2. CC Val'Eyrieux — en œuvre depuis juillet 2025, 3 revues ---------------------------
PLANS.append({
    "epci": "valeyrieux", "status": IN_PROGRESS, "period": (d(2025, 7, 1), d(2028, 6, 30)),
    "vp": ("Mme", "Nathalie", "Chareyre", "Vice-présidente chargée de l'environnement et de la forêt"),
    "pair": ("Nicolas Blanc", "Sophie Arnaud"),
    "sessions": (
        (d(2024, 11, 19), "Tenue", "Présentation croisée ; la forêt des Boutières, la Dolce Via et "
         "l'Eyrieux ressortent comme enjeux partagés."),
        (d(2025, 1, 21), "Tenue", "Sept pistes examinées ; cinq retenues."),
        (d(2025, 3, 18), "Tenue", "Programme arrêté : 4 objectifs, 8 actions, calendrier 2025-2028."),
    ),
    "reviews": (d(2025, 12, 9), d(2026, 6, 16), d(2026, 11, 17)),
    "insights": {
        "epci": (
            "Structurer la filière bois locale et mieux tirer parti de la Dolce Via ; attirer de "
            "nouveaux habitants dans les villages des Boutières.",
            "Développement économique, tourisme, GEMAPI (déléguée au syndicat de rivière), "
            "aménagement de l'espace, services à la population.",
            "34 communes, territoire très forestier ; Dolce Via fréquentée l'été ; étiages sévères "
            "de l'Eyrieux ; perte d'habitants dans les hauts plateaux.",
            "Projet de territoire « Val'Eyrieux 2030 » : économie du bois, tourisme de pleine nature, accueil.",
        ),
        "parc": (
            "Faire de Val'Eyrieux un territoire pilote pour la filière bois local.",
            "Forêt morcelée et peu gérée ; ripisylves dégradées sur certains affluents ; patrimoine "
            "ferroviaire de la Dolce Via peu valorisé.",
            "Charte : mesures 7.1 et 7.2 (forêt), 8.1 (itinérance), 2.1 (rivières), 11.1 (accueil).",
        ),
    },
    "leads": (
        ("Mise à jour de la charte forestière des Boutières", "Court terme", "7.1", "Retenue", "A1.1"),
        ("Chaufferies bois dans les équipements communautaires", "Court terme", "7.2", "Retenue", "A1.2"),
        ("Services aux cyclistes le long de la Dolce Via", "Court terme", "8.1", "Retenue", "A2.1"),
        ("Restauration des ripisylves de l'Eyrieux", "Moyen terme", "2.1", "Retenue", "A3.2"),
        ("Offre d'accueil des nouveaux habitants", "Court terme", "11.1", "Retenue", "A4.1"),
        ("Musée du train et de la Dolce Via", "Moyen terme", "8.3", "Non retenue", None),
    ),
    "objectives": (
        ("Valoriser la forêt des Boutières et le bois local", "7.1; 7.2",
         "Une forêt mieux gérée et un bois qui chauffe et construit le territoire."),
        ("Faire de la Dolce Via un support de tourisme durable", "8.1; 8.3",
         "Des services et une découverte des patrimoines le long de la voie douce."),
        ("Préserver l'Eyrieux et ses affluents", "2.1; 2.2",
         "Qualité de l'eau, ripisylves et économies d'eau."),
        ("Accueillir de nouveaux habitants et porteurs de projets", "11.1; 11.2",
         "Une offre d'accueil et des lieux pour entreprendre."),
    ),
    "actions": (
        action("A1.1", "Mise à jour de la charte forestière des Boutières", "7.1", lead="Co-portage",
               epci="Pilote la concertation avec les communes et les propriétaires.",
               parc="Animation technique, cartographie, lien avec le CRPF et l'ONF.",
               partners="CRPF, ONF, Communes forestières", officer="Nicolas Blanc",
               start=d(2025, 9, 1), end=d(2027, 6, 30), cost=40000,
               funding=[("LEADER", 60), ("REGION", 20), ("EPCI", 20)],
               description="Actualiser le diagnostic forestier et le programme d'actions de la charte forestière.",
               indicator="Charte forestière adoptée", target="1", priority="Haute", days=15,
               steps=("Diagnostic forestier actualisé", "Ateliers avec les propriétaires",
                      "Programme d'actions rédigé", "Adoption de la charte")),
        action("A1.2", "Étude d'opportunité de chaufferies bois", "7.2", lead="EPCI",
               epci="Maître d'ouvrage de l'étude.", parc="Appui technique et lien avec la filière bois locale.",
               partners="ADEME, Bois énergie 07", officer="Nicolas Blanc",
               start=d(2025, 10, 1), end=d(2026, 12, 31), cost=25000,
               funding=[("ADEME", 50), ("EPCI", 50)],
               description="Étudier deux chaufferies bois alimentées par des plaquettes locales.",
               indicator="Chaufferies décidées", target="2", days=4,
               steps=("Recensement des équipements", "Étude de faisabilité", "Choix des sites",
                      "Décision d'investissement")),
        action("A2.1", "Aires d'accueil et services le long de la Dolce Via", "8.1", lead="EPCI",
               epci="Maître d'ouvrage des aménagements.",
               parc="Conseil paysager et choix des matériaux.",
               partners="Office de tourisme Ardèche Hautes Vallées, Département", officer="Sophie Arnaud",
               start=d(2025, 9, 1), end=d(2027, 9, 30), cost=120000,
               funding=[("REGION", 30), ("DEP07", 20), ("ETAT_DETR", 20), ("EPCI", 30)],
               description="Trois aires (eau, abri, réparation vélo) et signalétique des services.",
               indicator="Aires aménagées", target="3", priority="Haute", days=6,
               steps=("Programme et choix des sites", "Maîtrise d'œuvre", "Travaux de la première aire",
                      "Travaux des deux autres aires", "Mise en service")),
        action("A2.2", "Découverte des patrimoines le long de la Dolce Via", "8.3", lead="Parc",
               epci="Valide les contenus et assure l'entretien.",
               parc="Maître d'ouvrage de la signalétique d'interprétation.",
               partners="Communes, associations patrimoniales", officer="Émilie Soubeyrand",
               start=d(2026, 3, 1), end=d(2027, 12, 31), cost=30000,
               funding=[("LEADER", 60), ("PARC", 20), ("EPCI", 20)],
               description="Panneaux d'interprétation sur le patrimoine ferroviaire, industriel et géologique.",
               indicator="Panneaux posés", target="12", days=8,
               steps=("Inventaire des sites", "Rédaction des contenus", "Fabrication", "Pose et inauguration")),
        action("A3.1", "Économies d'eau dans les bâtiments publics et les campings", "2.2",
               lead="Co-portage", epci="Mobilise les communes et les campings.",
               parc="Diagnostics, kits hydro-économes, animation.",
               partners="Communes, campings", officer="Laure Faure",
               start=d(2026, 1, 15), end=d(2027, 12, 31), cost=20000,
               funding=[("AGENCE_EAU_RMC", 50), ("EPCI", 30), ("COMMUNES", 20)],
               description="Diagnostics et équipements hydro-économes dans 20 bâtiments et 8 campings.",
               indicator="Volume d'eau économisé", target="5 000 m³/an", days=5,
               steps=("Recrutement des participants", "Diagnostics", "Pose des équipements", "Bilan des économies")),
        action("A3.2", "Restauration de la ripisylve de l'Eyrieux", "2.1", lead="Autre acteur",
               other_lead="Syndicat mixte Eyrieux Clair",
               epci="Cofinance au titre de la GEMAPI.",
               parc="Inventaires naturalistes et participation au comité de rivière.",
               partners="Agence de l'eau, fédération de pêche", officer="Laure Faure",
               start=d(2025, 9, 1), end=d(2028, 3, 31), cost=60000,
               funding=[("AGENCE_EAU_RMC", 50), ("REGION", 20), ("EPCI", 30)],
               description="Restaurer 8 km de berges et lutter contre les espèces invasives.",
               indicator="Linéaire de berges restaurées", target="8 km", days=4,
               steps=("Inventaire et programme de travaux", "Première tranche de travaux",
                      "Deuxième tranche de travaux", "Suivi écologique")),
        action("A4.1", "Offre d'accueil « Vivre en Val'Eyrieux »", "11.1", lead="EPCI",
               epci="Porte l'offre d'accueil et le guichet unique.",
               parc="Partage ses outils d'accueil et son réseau de porteurs de projets.",
               partners="Communes, chambres consulaires", officer="Antoine Deleuze",
               start=d(2025, 10, 1), end=d(2028, 6, 30), cost=45000,
               funding=[("LEADER", 50), ("EPCI", 50)],
               description="Guichet d'accueil, recensement des logements et locaux disponibles, week-ends découverte.",
               indicator="Ménages ou porteurs accueillis", target="30", days=6,
               steps=("Recensement de l'offre", "Ouverture du guichet", "Premiers week-ends découverte",
                      "Bilan des installations")),
        action("A4.2", "Programmation d'un tiers-lieu au Cheylard", "11.2", lead="EPCI",
               epci="Maître d'ouvrage de l'étude de programmation.",
               parc="Partage des retours d'expérience des tiers-lieux du territoire.",
               partners="Commune du Cheylard, associations", officer="Antoine Deleuze",
               start=d(2026, 9, 1), end=d(2028, 6, 30), cost=35000,
               funding=[("REGION", 40), ("EPCI", 60)],
               description="Définir les usages et le modèle économique d'un tiers-lieu en centre-ville.",
               indicator="Programme validé", target="1", days=3,
               steps=("Enquête auprès des usagers", "Scénarios de programmation", "Programme validé")),
    ),
    "deliberations": {
        "cc": {"date": d(2025, 4, 24), "number": "2025_061", "present": 38, "proxies": 6,
               "abstentions": 2, "secretary": "Marc Villard"},
        "bureau": {"date": d(2025, 5, 21), "number": "B2025_027", "present": 12, "proxies": 3,
                   "secretary": "Anne Roche"},
    },
})

# --- 3. CC du Pays de Vernoux — clos (2023-2025), 6 revues ----------------------------------
PLANS.append({
    "epci": "vernoux", "status": CLOSED, "period": (d(2023, 1, 1), d(2025, 12, 31)),
    "vp": ("M.", "Christian", "Bouchet", "Vice-président chargé de l'agriculture et du cadre de vie"),
    "pair": ("Julien Roux", "Thomas Chabanel"),
    "sessions": (
        (d(2022, 4, 12), "Tenue", "Présentation croisée ; paysages du plateau et alimentation locale en tête des attentes."),
        (d(2022, 5, 24), "Tenue", "Huit pistes examinées ; six retenues."),
        (d(2022, 7, 5), "Tenue", "Programme arrêté : 3 objectifs, 7 actions, calendrier 2023-2025."),
    ),
    "reviews": (d(2023, 6, 13), d(2023, 11, 21), d(2024, 5, 28), d(2024, 11, 19), d(2025, 6, 3),
                d(2025, 12, 2)),
    "extra_sessions": (
        ("Autre", d(2026, 2, 10), PARC_HOUSE, "Tenue",
         "Bilan final du plan : 5 actions réalisées, 1 reportée au plan suivant, 1 abandonnée. "
         "Le groupe projet propose d'engager un nouveau plan en 2026."),
    ),
    "updated_on": d(2026, 2, 12),
    "insights": {
        "epci": (
            "Préserver le caractère agricole du plateau et développer la vente directe.",
            "Aménagement de l'espace, développement économique, voirie, déchets, éclairage public "
            "(compétence partagée avec les communes).",
            "Plateau agricole ouvert, haies en recul ; installation agricole difficile ; éclairage "
            "public ancien et coûteux.",
            "Projet de territoire : agriculture, cadre de vie et sobriété énergétique.",
        ),
        "parc": (
            "Faire du plateau de Vernoux une vitrine des paysages agricoles de la charte.",
            "Bocage en régression ; pression foncière modérée mais diffuse ; fort potentiel bois énergie.",
            "Charte : mesures 1.2 (continuités écologiques), 3.2 (paysages), 6.3 (circuits courts), 9.1 (énergie).",
        ),
    },
    "leads": (
        ("Replanter des haies bocagères avec les agriculteurs", "Court terme", "1.2", "Retenue", "A1.1"),
        ("Plan de paysage du plateau", "Court terme", "3.2", "Retenue", "A1.2"),
        ("Diagnostic foncier agricole", "Court terme", "6.1", "Retenue", "A2.1"),
        ("Point de vente collectif de producteurs", "Moyen terme", "6.3", "Retenue", "A2.2"),
        ("Extinction nocturne de l'éclairage public", "Court terme", "9.1", "Retenue", "A3.1"),
        ("Réseau de chaleur bois à Vernoux", "Moyen terme", "9.2", "À approfondir", "A3.2"),
    ),
    "objectives": (
        ("Préserver les paysages agricoles du plateau de Vernoux", "1.2; 3.2",
         "Haies, bocage et plan de paysage."),
        ("Développer l'alimentation locale", "6.1; 6.3", "Foncier agricole et vente directe."),
        ("Réduire les consommations d'énergie du territoire", "9.1; 9.2", "Éclairage public et chaleur renouvelable."),
    ),
    "actions": (
        action("A1.1", "Plantation de haies bocagères avec les agriculteurs", "1.2", lead="Co-portage",
               epci="Mobilise les agriculteurs et finance les plants.",
               parc="Conception des plantations, choix des essences locales, suivi.",
               partners="Chambre d'agriculture, Mission haies Auvergne-Rhône-Alpes", officer="Julien Roux",
               start=d(2023, 2, 1), end=d(2025, 3, 31), cost=32000,
               funding=[("REGION", 40), ("LEADER", 30), ("EPCI", 30)],
               description="Planter 6 km de haies sur trois hivers.",
               indicator="Linéaire de haies plantées", target="6 km", priority="Haute", days=8,
               steps=("Recensement des agriculteurs volontaires", "Plantations du premier hiver",
                      "Plantations du deuxième hiver", "Plantations du troisième hiver", "Bilan")),
        action("A1.2", "Plan de paysage du plateau de Vernoux", "3.2", lead="Parc",
               epci="Co-pilote le plan et l'intègre à ses documents.",
               parc="Maître d'ouvrage de l'étude et animation des ateliers.",
               partners="CAUE de l'Ardèche, DDT", officer="Claire Vernet",
               start=d(2023, 1, 15), end=d(2024, 6, 30), cost=45000,
               funding=[("ETAT_FNADT", 40), ("PARC", 30), ("EPCI", 30)],
               description="Diagnostic paysager partagé et programme d'actions paysagères.",
               indicator="Plan de paysage adopté", target="1", days=10,
               steps=("Diagnostic paysager", "Ateliers avec les habitants", "Objectifs de qualité paysagère",
                      "Programme d'actions adopté")),
        action("A2.1", "Diagnostic foncier agricole et veille foncière", "6.1", lead="Co-portage",
               epci="Commande le diagnostic et met en place la veille.",
               parc="Méthode, animation des réunions communales.",
               partners="SAFER, Chambre d'agriculture", officer="Julien Roux",
               start=d(2023, 3, 1), end=d(2024, 3, 31), cost=18000,
               funding=[("PSADER", 50), ("EPCI", 50)],
               description="Identifier les terres libérables et organiser leur transmission.",
               indicator="Hectares repérés pour l'installation", target="120 ha", days=6,
               steps=("Enquête auprès des exploitants", "Cartographie des enjeux", "Convention de veille SAFER")),
        action("A2.2", "Point de vente collectif et marché de producteurs", "6.3", lead="EPCI",
               epci="Maître d'ouvrage de l'aménagement du local.",
               parc="Accompagnement du collectif de producteurs.",
               partners="Collectif de producteurs du plateau", officer="Julien Roux",
               start=d(2023, 9, 1), end=d(2025, 6, 30), cost=26000,
               funding=[("LEADER", 50), ("DEP07", 20), ("EPCI", 30)],
               description="Aménager un local de vente à Vernoux et lancer un marché hebdomadaire.",
               indicator="Producteurs participants", target="15", days=5,
               steps=("Constitution du collectif", "Aménagement du local", "Ouverture du point de vente",
                      "Lancement du marché hebdomadaire")),
        action("A2.3", "Légumerie intercommunale pour la restauration collective", "6.3", lead="EPCI",
               epci="Maître d'ouvrage.", parc="Étude de besoins et mise en réseau avec les cantines.",
               partners="Cantines scolaires, EHPAD", officer="Julien Roux",
               start=d(2024, 1, 15), end=d(2025, 10, 31), cost=150000,
               funding=[("LEADER", 40), ("REGION", 30), ("EPCI", 30)],
               description="Outil de transformation des légumes locaux pour les cantines.",
               indicator="Repas servis avec des légumes locaux", target="400 par jour", days=4,
               outcome=("Abandonnée", d(2024, 11, 19),
                        "Volumes insuffisants pour équilibrer l'outil ; les cantines rejoignent la légumerie du bassin voisin."),
               steps=("Étude de besoins", "Étude de faisabilité", "Travaux", "Mise en service")),
        action("A3.1", "Extinction nocturne de l'éclairage public", "9.1", lead="Co-portage",
               epci="Coordonne les communes et finance les horloges.",
               parc="Accompagnement des conseils municipaux, communication sur la trame noire.",
               partners="Communes, SDE 07", officer="Thomas Chabanel",
               start=d(2023, 4, 1), end=d(2024, 12, 31), cost=22000,
               funding=[("ETAT_DETR", 50), ("COMMUNES", 50)],
               description="Extinction de 23 h à 5 h dans toutes les communes volontaires.",
               indicator="Communes pratiquant l'extinction", target="12", days=4,
               steps=("Réunions publiques", "Pose des horloges", "Extinction généralisée", "Mesure des économies")),
        action("A3.2", "Étude d'un réseau de chaleur bois à Vernoux", "9.2", lead="EPCI",
               epci="Maître d'ouvrage de l'étude.", parc="Appui technique et lien avec la filière bois.",
               partners="ADEME, commune de Vernoux", officer="Thomas Chabanel",
               start=d(2024, 9, 1), end=d(2025, 10, 31), cost=30000,
               funding=[("ADEME", 50), ("EPCI", 50)],
               description="Faisabilité d'un réseau desservant l'école, le collège et la mairie.",
               indicator="Décision de réalisation", target="1", days=3,
               outcome=("Reportée", d(2025, 6, 3),
                        "Reportée au plan suivant : le projet de rénovation du collège change les besoins."),
               steps=("Recensement des besoins", "Étude technique", "Montage juridique", "Décision")),
    ),
    "deliberations": {
        "cc": {"date": d(2022, 9, 27), "number": "2022_087", "present": 19, "proxies": 2,
               "secretary": "Sandrine Astier"},
        "bureau": {"date": d(2022, 10, 19), "number": "B2022_041", "present": 14, "proxies": 1,
                   "secretary": "Marc Villard"},
    },
})

# --- 4. CA Privas Centre Ardèche — en œuvre depuis juillet 2024, 5 revues -------------------
PLANS.append({
    "epci": "privas", "status": IN_PROGRESS, "period": (d(2024, 7, 1), d(2027, 6, 30)),
    "vp": ("Mme", "Sylvie", "Mazet", "Vice-présidente chargée de la transition écologique et des mobilités"),
    "pair": ("Thomas Chabanel", "Claire Vernet"),
    "sessions": (
        (d(2023, 11, 21), "Tenue", "Présentation croisée ; mobilité, PLUi et rivières au cœur des échanges."),
        (d(2024, 1, 16), "Tenue", "Dix pistes examinées ; sept retenues."),
        (d(2024, 2, 27), "Tenue", "Programme arrêté : 4 objectifs, 9 actions, calendrier 2024-2027."),
    ),
    "reviews": (d(2024, 11, 19), d(2025, 5, 13), d(2025, 11, 25), d(2026, 5, 12), d(2026, 11, 3)),
    "insights": {
        "epci": (
            "Être accompagnée sur le volet environnemental du PLUi et sur les mobilités rurales.",
            "Compétences d'une communauté d'agglomération : mobilité (autorité organisatrice), "
            "urbanisme (PLUi en cours), GEMAPI, développement économique, habitat.",
            "42 communes, ville-centre et vallées rurales (Ouvèze, Eyrieux) ; forte dépendance à la "
            "voiture ; rivières sensibles aux étiages ; consommation foncière élevée en périphérie de Privas.",
            "Projet de territoire et plan climat : mobilités, sobriété foncière, eau.",
        ),
        "parc": (
            "Intégrer les continuités écologiques et les paysages au PLUi ; développer l'éducation au territoire.",
            "Zones humides mal connues ; seuils infranchissables sur l'Ouvèze ; entrées de ville banalisées.",
            "Charte : mesures 1.2, 2.1, 5.1, 5.2, 10.2 et 12.1.",
        ),
    },
    "leads": (
        ("Schéma cyclable connecté à la Dolce Via", "Court terme", "10.2", "Retenue", "A1.1"),
        ("Covoiturage et autostop organisé", "Court terme", "10.2", "Retenue", "A1.2"),
        ("Trame verte et bleue dans le PLUi", "Court terme", "5.1", "Retenue", "A2.1"),
        ("Continuité écologique de l'Ouvèze", "Court terme", "2.1", "Retenue", "A3.1"),
        ("Inventaire des zones humides", "Court terme", "1.2", "Retenue", "A3.2"),
        ("Classes Parc dans les écoles", "Court terme", "12.1", "Retenue", "A4.1"),
        ("Navette touristique Privas – Mont Gerbier", "Moyen terme", "10.2", "Non retenue", None),
    ),
    "objectives": (
        ("Développer les mobilités du quotidien et de loisirs", "10.2; 8.1",
         "Vélo, covoiturage et liaisons avec la Dolce Via."),
        ("Un urbanisme sobre en foncier et respectueux des paysages", "5.1; 5.2",
         "Le PLUi et la reconquête des logements vacants."),
        ("Restaurer les rivières Ouvèze et Eyrieux", "2.1; 1.2", "Continuité écologique et zones humides."),
        ("Éduquer à l'environnement et au territoire", "12.1; 1.1",
         "Les scolaires et les habitants acteurs de la connaissance du territoire."),
    ),
    "actions": (
        action("A1.1", "Schéma cyclable intercommunal connecté à la Dolce Via", "10.2", lead="EPCI",
               epci="Maître d'ouvrage du schéma.", parc="Conseil paysager et lien avec les itinéraires de loisirs.",
               partners="Département, ADEME (programme AVELO)", officer="Thomas Chabanel",
               start=d(2024, 9, 1), end=d(2025, 12, 31), cost=55000,
               funding=[("ADEME", 50), ("EPCI", 50)],
               description="Schéma des itinéraires cyclables du quotidien et programme de travaux.",
               indicator="Schéma adopté", target="1", priority="Haute", days=5, pace=0.85,
               difficulty="Concertation avec les communes plus longue que prévu.",
               steps=("Diagnostic des déplacements", "Concertation avec les communes",
                      "Scénarios d'itinéraires", "Schéma adopté")),
        action("A1.2", "Aires de covoiturage et autostop organisé en zone rurale", "10.2",
               lead="Co-portage", epci="Aménage les aires et gère le réseau d'autostop.",
               parc="Animation auprès des habitants des vallées, communication.",
               partners="Communes, Région", officer="Antoine Deleuze",
               start=d(2025, 1, 15), end=d(2026, 12, 31), cost=70000,
               funding=[("REGION", 30), ("DEP07", 20), ("EPCI", 50)], refused=(("ETAT_DSIL", 14000),),
               description="Dix aires de covoiturage et 40 arrêts d'autostop organisé.",
               indicator="Arrêts d'autostop en service", target="40", days=6,
               steps=("Choix des emplacements", "Aménagement des aires", "Lancement de l'autostop organisé",
                      "Animation et bilan de fréquentation")),
        action("A1.3", "Liaison Dolce Via – gare de La Voulte : jalonnement et services vélo", "8.1",
               lead="EPCI", epci="Maître d'ouvrage.", parc="Intégration paysagère et promotion.",
               partners="Département, office de tourisme", officer="Sophie Arnaud",
               start=d(2025, 9, 1), end=d(2027, 3, 31), cost=90000,
               funding=[("REGION", 40), ("ETAT_DSIL", 20), ("EPCI", 40)],
               description="Jalonnement, stationnements vélo sécurisés et point de réparation.",
               indicator="Itinéraire jalonné", target="1", days=3,
               steps=("Études", "Consultation des entreprises", "Travaux", "Mise en service")),
        action("A2.1", "Trame verte et bleue et paysages dans le PLUi", "5.1", lead="EPCI",
               epci="Maître d'ouvrage du PLUi.", parc="Porter à connaissance, relecture du PADD et des OAP.",
               partners="DDT, bureau d'études du PLUi", officer="Claire Vernet",
               start=d(2024, 7, 1), end=d(2026, 9, 30), cost=40000,
               funding=[("REGION", 30), ("EPCI", 70)],
               description="Intégrer les continuités écologiques et les paysages de la charte au PLUi.",
               indicator="OAP trame verte et bleue", target="1", priority="Haute", days=12, pace=0.75,
               difficulty="Calendrier du PLUi décalé : arrêt du projet repoussé à 2027.",
               steps=("Porter à connaissance du Parc", "Cartographie de la trame verte et bleue",
                      "Relecture du PADD", "OAP thématique rédigée", "Avis sur le projet arrêté")),
        action("A2.2", "Référentiel foncier et reconquête des logements vacants", "5.2", lead="EPCI",
               epci="Maître d'ouvrage.", parc="Méthode et lien avec les autres EPCI du Parc.",
               partners="Communes, ANAH", officer="Claire Vernet",
               start=d(2025, 3, 1), end=d(2027, 3, 31), cost=35000,
               funding=[("ETAT_FNADT", 40), ("EPCI", 60)],
               description="Recenser les gisements fonciers et les logements vacants des centres-bourgs.",
               indicator="Logements vacants remis sur le marché", target="25", days=5,
               steps=("Référentiel foncier", "Enquête auprès des propriétaires", "Accompagnement des propriétaires",
                      "Bilan")),
        action("A3.1", "Restauration de la continuité écologique sur l'Ouvèze", "2.1", lead="Autre acteur",
               other_lead="Syndicat Ouvèze Vive", epci="Cofinance au titre de la GEMAPI.",
               parc="Inventaires piscicoles et avis sur les aménagements.",
               partners="Agence de l'eau, OFB, fédération de pêche", officer="Laure Faure",
               start=d(2024, 10, 1), end=d(2026, 10, 31), cost=140000,
               funding=[("AGENCE_EAU_RMC", 60), ("REGION", 20), ("EPCI", 20)],
               description="Effacement ou aménagement de quatre seuils.",
               indicator="Seuils aménagés", target="4", priority="Haute", days=4,
               steps=("Études et autorisations", "Travaux sur deux seuils", "Travaux sur les deux autres seuils",
                      "Suivi écologique")),
        action("A3.2", "Inventaire des zones humides et plan de gestion", "1.2", lead="Parc",
               epci="Intègre l'inventaire au PLUi.", parc="Maître d'ouvrage de l'inventaire.",
               partners="Conservatoire d'espaces naturels", officer="Laure Faure",
               start=d(2024, 7, 1), end=d(2025, 6, 30), cost=28000,
               funding=[("AGENCE_EAU_RMC", 50), ("PARC", 20), ("EPCI", 30)],
               description="Inventaire de terrain et plan de gestion des zones humides prioritaires.",
               indicator="Zones humides inventoriées", target="120", days=15,
               steps=("Prélocalisation", "Inventaire de terrain", "Plan de gestion")),
        action("A4.1", "Classes Parc dans les écoles de l'agglomération", "12.1", lead="Parc",
               epci="Finance les transports et relaie auprès des écoles.",
               parc="Conçoit et anime les projets pédagogiques avec les éducateurs du réseau.",
               partners="Éducation nationale, réseau d'éducation à l'environnement", officer="Antoine Deleuze",
               start=d(2024, 9, 1), end=d(2027, 6, 30), cost=54000,
               funding=[("DEP07", 30), ("PARC", 30), ("EPCI", 40)],
               description="Douze classes par an suivent un projet sur l'eau, la forêt ou le paysage.",
               indicator="Classes accompagnées", target="36", days=10,
               steps=("Appel à projets aux écoles", "Première année scolaire", "Deuxième année scolaire",
                      "Troisième année scolaire", "Bilan et fête de fin de programme")),
        action("A4.2", "Atlas de la biodiversité intercommunal", "1.1", lead="Co-portage",
               epci="Porte le dossier et mobilise les communes.",
               parc="Inventaires, animation des sciences participatives, restitution.",
               partners="OFB, associations naturalistes", officer="Laure Faure",
               start=d(2025, 4, 1), end=d(2027, 3, 31), cost=60000,
               funding=[("OFB", 80), ("EPCI", 20)],
               description="Connaître la biodiversité des 42 communes avec les habitants.",
               indicator="Observations collectées", target="5 000", days=10,
               steps=("Lancement et formation des bénévoles", "Inventaires de la première saison",
                      "Inventaires de la deuxième saison", "Atlas publié")),
    ),
    "deliberations": {
        "cc": {"date": d(2024, 4, 11), "number": "2024_052", "present": 41, "proxies": 7,
               "against": 2, "abstentions": 3, "secretary": "Pascale Dumont"},
        "bureau": {"date": d(2024, 5, 15), "number": "B2024_022", "present": 12, "proxies": 2,
                   "secretary": "Paul Brès"},
    },
})
