"""Generate the example territory of coopxl (SPEC §9).

Writes, into a working folder (default: `examples/` of the repository):

- `referentiel.xlsx`: the Parc, the 13 EPCIs of its territory around 2014, the structure
  of the charter 2013-2025, the team, the funders and the @ctes nomenclature;
- `plans/plan-cooperation_<slug>.xlsx`: one plan de coopération per EPCI, in every state
  of the process, three of them with deliberate mistakes that validation must catch;
- `README.md` (French): what the data is, the table of plans and the table of mistakes.

Run from a checkout (the script finds the coopxl package beside it):

    python scripts/make_examples.py [--sortie DOSSIER]

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

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # so that `python scripts/make_examples.py` works from a checkout

from coopxl.files import slugify  # noqa: E402
from coopxl.reader import read_referential  # noqa: E402
from coopxl.schema import PLAN, REFERENTIAL  # noqa: E402
from coopxl.templates import plan_lists, write_workbook
from coopxl.xlsx import column_letter  # noqa: E402

d = dt.date

REFERENCE_DAY = d(2026, 11, 25)
"""'Today' for the example territory: nothing held or voted after this day."""

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


ILLUSTRATIVE_LABELS: list[str] = []
"""Labels the domain notes do not confirm: listed in examples/README.md, not marked in the values
(a value holding « (exemple) » is a validation error: it must never reach an act)."""


def example(label: str) -> str:
    """A label the domain notes do not confirm: kept plain, listed in the README."""
    ILLUSTRATIVE_LABELS.append(label)
    return label


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def working_day_after(date: dt.date, days: int) -> dt.date:
    """`days` calendar days after `date`, moved on to the next Monday if that is a weekend."""
    date += dt.timedelta(days=days)
    while date.weekday() >= 5:
        date += dt.timedelta(days=1)
    return date


def email(first: str, last: str, domain: str) -> str:
    return f"{slugify(first)}.{slugify(last)}@{domain}"


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
    "vp_civility": PARC_VP[0],
    "seat_town": "Jaujac",
    "approving_body": "Bureau syndical",
    "delegation": "délibération du comité syndical n° 2020_045 du 12 octobre 2020",
    "charter_version": "2013-2025",
    "charter_label": "Charte 2013-2025 du Parc naturel régional des Monts d'Ardèche",
    "decree": "décret n° 2014-321 du 18 mars 2014",
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
        "active": "Oui", "dgs_civility": e.dgs[0],
        # Blank « Nom officiel » is derived from Forme and Nom; one is written out as a model.
        "official_name": "Communauté de communes Val'Eyrieux" if e.key == "valeyrieux" else None,
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

# A plan's "sessions" are séances 1-3 as (date, status, principaux résultats); the results of
# séances 2 and 3 are left None and written from the pistes and the programme once held.

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
        (d(2023, 6, 27), "Tenue", None),
        (d(2023, 9, 19), "Tenue", None),
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
               pace=0.9,
               difficulty="Propriétaires difficiles à joindre ; hiver pluvieux qui a retardé les chantiers.",
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
        (d(2025, 1, 21), "Tenue", None),
        (d(2025, 3, 18), "Tenue", None),
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
        (d(2022, 4, 12), "Tenue",
         "Présentation croisée ; paysages du plateau et alimentation locale en tête des attentes."),
        (d(2022, 5, 24), "Tenue", None),
        (d(2022, 7, 5), "Tenue", None),
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
        ("Réduire les consommations d'énergie du territoire", "9.1; 9.2",
         "Éclairage public et chaleur renouvelable."),
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
                        "Volumes insuffisants pour équilibrer l'outil ; les cantines rejoignent la "
                        "légumerie du bassin voisin."),
               steps=("Étude de besoins", "Étude de faisabilité", "Travaux", "Mise en service")),
        action("A3.1", "Extinction nocturne de l'éclairage public", "9.1", lead="Co-portage",
               epci="Coordonne les communes et finance les horloges.",
               parc="Accompagnement des conseils municipaux, communication sur la trame noire.",
               partners="Communes, SDE 07", officer="Thomas Chabanel",
               start=d(2023, 4, 1), end=d(2024, 12, 31), cost=22000,
               funding=[("ETAT_DETR", 50), ("COMMUNES", 50)],
               description="Extinction de 23 h à 5 h dans toutes les communes volontaires.",
               indicator="Communes pratiquant l'extinction", target="12", days=4,
               steps=("Réunions publiques", "Pose des horloges", "Extinction généralisée",
                      "Mesure des économies")),
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
        (d(2024, 1, 16), "Tenue", None),
        (d(2024, 2, 27), "Tenue", None),
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
               steps=("Référentiel foncier", "Enquête auprès des propriétaires",
                      "Accompagnement des propriétaires", "Bilan")),
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

# --- 5. CC Ardèche des Sources et Volcans — approuvé, démarre en 2027 ----------------------
PLANS.append({
    "epci": "asv", "status": APPROVED, "period": (d(2027, 1, 1), d(2029, 12, 31)),
    "vp": ("M.", "Didier", "Testud", "Vice-président chargé du tourisme et du patrimoine"),
    "pair": ("Émilie Soubeyrand", "Laure Faure"),
    "sessions": (
        (d(2026, 3, 17), "Tenue", "Présentation croisée ; volcans, rivières et agriculture de montagne."),
        (d(2026, 4, 28), "Tenue", None),
        (d(2026, 6, 9), "Tenue", None),
    ),
    "updated_on": d(2026, 10, 20),
    "insights": {
        "epci": (
            "Faire des volcans et des sources de l'Ardèche un atout touristique maîtrisé.",
            "Tourisme, développement économique, GEMAPI, aménagement de l'espace, petite enfance.",
            "Vallées de l'Ardèche, du Lignon et de la Fontaulière ; volcans récents (Gravenne de "
            "Montpezat, coulées de Thueyts) ; forte fréquentation estivale ; agriculture de montagne fragile.",
            "Projet de territoire : tourisme quatre saisons, maintien de l'agriculture, gestion de l'eau.",
        ),
        "parc": (
            "Valoriser les géosites du Geopark mondial UNESCO sur le territoire de la Maison du Parc.",
            "Géosites remarquables peu aménagés ; étiages sévères de l'Ardèche amont ; exploitations "
            "agricoles sans repreneur.",
            "Charte : mesures 4.1 (Geopark), 2.1 et 2.2 (eau), 6.1 (agriculture), 7.1 (forêt).",
        ),
    },
    "leads": (
        ("Sentier des coulées basaltiques de Thueyts", "Court terme", "4.1", "Retenue", "A1.1"),
        ("Formation des prestataires aux géosites", "Court terme", "4.1", "Retenue", "A1.2"),
        ("Valorisation de la Gravenne de Montpezat", "Moyen terme", "8.3", "Retenue", "A1.3"),
        ("Partage de l'eau en période d'étiage", "Court terme", "2.2", "Retenue", "A2.1"),
        ("Diagnostic agricole de montagne", "Court terme", "6.1", "Retenue", "A3.1"),
        ("Station de trail des volcans", "Moyen terme", "8.1", "Non retenue", None),
    ),
    "objectives": (
        ("Faire découvrir les volcans et la géologie du Geopark", "4.1; 8.3",
         "Des géosites aménagés et des professionnels ambassadeurs."),
        ("Préserver les rivières des sources de l'Ardèche", "2.1; 2.2",
         "Étiages, ripisylves et qualité de l'eau."),
        ("Conforter une agriculture de montagne", "6.1", "Transmission des exploitations et foncier."),
    ),
    "actions": (
        action("A1.1", "Sentier d'interprétation des coulées basaltiques de Thueyts", "4.1",
               lead="Co-portage", epci="Maître d'ouvrage des aménagements.",
               parc="Contenus scientifiques et pédagogiques du Geopark.",
               partners="Commune de Thueyts, office de tourisme", officer="Émilie Soubeyrand",
               start=d(2027, 3, 1), end=d(2028, 6, 30), cost=65000,
               funding=[("LEADER", 50), ("DEP07", 20), ("EPCI", 30)],
               description="Sentier et belvédères sur les orgues basaltiques et le Pont du Diable.",
               indicator="Sentier ouvert", target="1", priority="Haute", days=10,
               steps=("Études", "Travaux", "Ouverture")),
        action("A1.2", "Formation des prestataires touristiques aux géosites", "4.1", lead="Parc",
               epci="Mobilise les prestataires.", parc="Conçoit et anime les formations.",
               partners="Office de tourisme", officer="Émilie Soubeyrand",
               start=d(2027, 2, 1), end=d(2029, 6, 30), cost=12000,
               funding=[("PARC", 50), ("EPCI", 50)],
               description="Trois sessions par an pour les hébergeurs et accompagnateurs.",
               indicator="Professionnels formés", target="45", days=6,
               steps=("Programme", "Sessions", "Bilan")),
        action("A1.3", "Valorisation du volcan de la Gravenne de Montpezat", "8.3", lead="EPCI",
               epci="Maître d'ouvrage.", parc="Expertise géologique et paysagère.",
               partners="Commune de Montpezat-sous-Bauzon, Département", officer="Émilie Soubeyrand",
               start=d(2028, 1, 15), end=d(2029, 10, 31), cost=80000,
               funding=[("REGION", 30), ("ETAT_FNADT", 30), ("EPCI", 40)],
               description="Accès, stationnement et interprétation du cône volcanique.",
               indicator="Site aménagé", target="1", days=4,
               steps=("Études", "Travaux", "Ouverture")),
        action("A2.1", "Partage de la ressource en eau en période d'étiage", "2.2", lead="Autre acteur",
               other_lead="Syndicat mixte Ardèche Claire", epci="Relaie auprès des communes et des usagers.",
               parc="Connaissance des milieux et animation des usagers agricoles.",
               partners="Agence de l'eau, Chambre d'agriculture", officer="Laure Faure",
               start=d(2027, 4, 1), end=d(2028, 12, 31), cost=50000,
               funding=[("AGENCE_EAU_RMC", 60), ("EPCI", 40)],
               description="Plan de gestion de la ressource en eau de l'Ardèche amont.",
               indicator="Plan de gestion adopté", target="1", days=6,
               steps=("Diagnostic", "Concertation", "Adoption")),
        action("A2.2", "Restauration de la ripisylve de la Fontaulière", "2.1", lead="EPCI",
               epci="Maître d'ouvrage au titre de la GEMAPI.", parc="Inventaires et suivi écologique.",
               partners="Agence de l'eau, fédération de pêche", officer="Laure Faure",
               start=d(2027, 9, 1), end=d(2029, 9, 30), cost=75000,
               funding=[("AGENCE_EAU_RMC", 50), ("REGION", 20), ("EPCI", 30)],
               description="Restauration de 5 km de berges.",
               indicator="Linéaire restauré", target="5 km", days=4,
               steps=("Programme", "Travaux", "Suivi")),
        action("A3.1", "Diagnostic agricole et foncier des communes de montagne", "6.1", lead="Co-portage",
               epci="Commande le diagnostic.", parc="Méthode et animation des réunions communales.",
               partners="Chambre d'agriculture, SAFER", officer="Julien Roux",
               start=d(2027, 1, 15), end=d(2027, 12, 31), cost=22000,
               funding=[("LEADER", 60), ("EPCI", 40)],
               description="Repérer les exploitations à transmettre et les terres à remobiliser.",
               indicator="Exploitations rencontrées", target="80", days=6,
               steps=("Enquête", "Cartographie", "Restitution")),
    ),
    "deliberations": {
        "cc": {"date": d(2026, 9, 24), "number": "2026_094", "present": 25, "proxies": 4,
               "secretary": "Henri Dussert"},
        "bureau": {"date": d(2026, 10, 14), "number": "B2026_047", "present": 11, "proxies": 3,
                   "secretary": "Anne Roche"},
    },
})

# --- 6. CC du Pays d'Aubenas-Vals — programme arrêté, délibérations à préparer -------------
PLANS.append({
    "epci": "aubenas", "status": ADOPTED_PROGRAMME, "period": (d(2027, 1, 1), d(2029, 12, 31)),
    "vp": ("M.", "Laurent", "Vialle", "Vice-président chargé de l'aménagement et de l'urbanisme"),
    "pair": ("Antoine Deleuze", "Julien Roux"),
    "sessions": (
        (d(2026, 5, 12), "Tenue", "Présentation croisée ; étalement urbain, alimentation et mobilité."),
        (d(2026, 6, 23), "Tenue", None),
        (d(2026, 10, 6), "Tenue", None),
    ),
    "updated_on": d(2026, 10, 13),
    "insights": {
        "epci": (
            "Maîtriser l'urbanisation du bassin d'Aubenas et construire un projet alimentaire territorial.",
            "Aménagement de l'espace, développement économique, habitat, mobilité (autorité organisatrice), "
            "restauration scolaire.",
            "Pôle urbain principal du sud du Parc ; consommation foncière soutenue ; Vals-les-Bains et "
            "la vallée de la Volane ; trafic routier dense.",
            "Projet de territoire : sobriété foncière, alimentation, mobilités du quotidien.",
        ),
        "parc": (
            "Faire du bassin d'Aubenas une porte d'entrée du Parc exemplaire sur le paysage et le foncier.",
            "Entrées de ville banalisées, terres agricoles de plaine menacées, vallée de la Volane "
            "très fréquentée.",
            "Charte : mesures 5.1 et 5.2 (urbanisme), 3.2 (paysage), 6.1 et 6.3 (agriculture), 10.2 (mobilité).",
        ),
    },
    "leads": (
        ("Observatoire de la consommation foncière", "Court terme", "5.2", "Retenue", "A1.1"),
        ("Plan de paysage des entrées de ville", "Court terme", "3.2", "Retenue", "A1.2"),
        ("Projet alimentaire territorial", "Court terme", "6.3", "Retenue", "A2.1"),
        ("Espace test agricole", "Moyen terme", "6.1", "Retenue", "A2.2"),
        ("Plan de mobilité simplifié", "Court terme", "10.2", "Retenue", "A3.1"),
        ("Voie verte de la Volane", "Moyen terme", "10.2", "Retenue", "A3.2"),
        ("Téléphérique urbain Aubenas – Vals", "Moyen terme", "10.2", "Non retenue", None),
    ),
    "objectives": (
        ("Maîtriser l'étalement urbain du bassin d'Aubenas", "5.1; 5.2; 3.2",
         "Mesurer la consommation foncière et qualifier les entrées de ville."),
        ("Construire un projet alimentaire territorial", "6.1; 6.3",
         "De la terre à l'assiette : installation et débouchés locaux."),
        ("Développer les alternatives à la voiture individuelle", "10.2", "Planifier et aménager."),
    ),
    "actions": (
        action("A1.1", "Observatoire de la consommation foncière", "5.2", lead="Co-portage",
               epci="Produit les données et anime l'observatoire.", parc="Méthode commune aux EPCI du Parc.",
               partners="DDT, communes", officer="Claire Vernet",
               start=d(2027, 1, 15), end=d(2029, 6, 30), cost=30000,
               funding=[("ETAT_FNADT", 50), ("EPCI", 50)],
               description="Suivre chaque année la consommation d'espaces naturels, agricoles et forestiers.",
               indicator="Bilans annuels publiés", target="3", priority="Haute", days=5,
               steps=("Méthode", "Bilans annuels", "Bilan final")),
        action("A1.2", "Plan de paysage des entrées de ville et de la vallée de la Volane", "3.2",
               lead="Parc", epci="Co-pilote et intègre les orientations aux documents d'urbanisme.",
               parc="Maître d'ouvrage de l'étude.", partners="CAUE de l'Ardèche, communes",
               officer="Claire Vernet", start=d(2027, 3, 1), end=d(2028, 6, 30), cost=50000,
               funding=[("REGION", 30), ("PARC", 20), ("EPCI", 50)],
               description="Diagnostic paysager, objectifs de qualité et programme d'actions.",
               indicator="Plan adopté", target="1", days=10,
               steps=("Diagnostic", "Ateliers", "Programme")),
        action("A2.1", "Projet alimentaire territorial : diagnostic et plan d'actions", "6.3", lead="EPCI",
               epci="Maître d'ouvrage du PAT.", parc="Appui méthodologique et lien avec les producteurs.",
               partners="Chambre d'agriculture, restauration collective", officer="Julien Roux",
               start=d(2027, 1, 15), end=d(2028, 3, 31), cost=45000,
               funding=[("LEADER", 50), ("REGION", 20), ("EPCI", 30)],
               description="Diagnostic de l'offre et de la demande alimentaires locales ; plan d'actions.",
               indicator="PAT labellisé", target="1", priority="Haute", days=8,
               steps=("Diagnostic", "Concertation", "Plan d'actions")),
        action("A2.2", "Espace test agricole en maraîchage", "6.1", lead="Autre acteur",
               other_lead="Chambre d'agriculture de l'Ardèche", epci="Met à disposition le foncier.",
               parc="Suivi des candidats et lien avec les filières.", partners="Communes, SAFER",
               officer="Julien Roux", start=d(2027, 9, 1), end=d(2029, 12, 31), cost=85000,
               funding=[("REGION", 40), ("DEP07", 20), ("EPCI", 40)],
               description="Deux parcelles équipées pour tester une activité maraîchère avant installation.",
               indicator="Maraîchers installés", target="3", days=4,
               steps=("Foncier", "Équipement", "Accueil des candidats")),
        action("A3.1", "Plan de mobilité simplifié du bassin d'Aubenas-Vals", "10.2", lead="EPCI",
               epci="Maître d'ouvrage.", parc="Volet mobilités de loisirs et touristiques.",
               partners="Région, communes", officer="Antoine Deleuze",
               start=d(2027, 2, 1), end=d(2028, 2, 29), cost=60000,
               funding=[("ADEME", 50), ("EPCI", 50)],
               description="Plan de mobilité simplifié et programme d'actions à cinq ans.",
               indicator="Plan adopté", target="1", days=4,
               steps=("Diagnostic", "Scénarios", "Adoption")),
        action("A3.2", "Voie verte Vals-les-Bains – Aubenas le long de la Volane", "10.2", lead="EPCI",
               epci="Maître d'ouvrage.", parc="Intégration paysagère et écologique.",
               partners="Département, communes", officer="Antoine Deleuze",
               start=d(2028, 3, 1), end=d(2029, 12, 31), cost=250000,
               funding=[("ETAT_FONDS_VERT", 40), ("REGION", 20), ("DEP07", 10), ("EPCI", 30)],
               description="Six kilomètres de voie verte entre les deux villes.",
               indicator="Kilomètres aménagés", target="6", days=3,
               steps=("Études", "Travaux", "Ouverture")),
    ),
    "deliberations": {
        "cc": {"date": d(2026, 12, 10)},
        "bureau": {"date": d(2027, 1, 13)},
    },
})

# --- 7. CC du Val de Ligne — en œuvre depuis 2025, 4 revues (erreurs volontaires) ----------
PLANS.append({
    "epci": "valdeligne", "status": IN_PROGRESS, "period": (d(2025, 1, 1), d(2027, 12, 31)),
    "vp": ("M.", "Jean-Claude", "Rieu", "Vice-président chargé du patrimoine et du tourisme"),
    "pair": ("Émilie Soubeyrand", "Claire Vernet"),
    "sessions": (
        (d(2024, 4, 23), "Tenue", "Présentation croisée ; patrimoine de Largentière et terrasses en tête."),
        (d(2024, 6, 4), "Tenue", None),
        (d(2024, 7, 9), "Tenue", None),
    ),
    "reviews": (d(2025, 6, 10), d(2025, 11, 25), d(2026, 6, 2), d(2026, 11, 24)),
    "insights": {
        "epci": (
            "Restaurer le patrimoine bâti et faire revivre les terrasses ; être aidée dans la "
            "recherche de financements.",
            "Aménagement de l'espace, développement économique, tourisme, habitat (OPAH), GEMAPI.",
            "Cité médiévale de Largentière ; villages de caractère ; terrasses en friche ; rivière Ligne "
            "sensible aux étiages.",
            "Projet de territoire : patrimoine, habitat ancien, agriculture de pente.",
        ),
        "parc": (
            "Faire du Val de Ligne un territoire de référence pour le patrimoine bâti et les terrasses.",
            "Bâti ancien dégradé, savoir-faire de la pierre sèche à transmettre, châtaigneraie vieillissante.",
            "Charte : mesures 3.3 (terrasses), 4.2 et 4.3 (patrimoine), 6.2 (châtaigneraie), 2.2 (eau).",
        ),
    },
    "leads": (
        ("Restauration du bâti de la cité médiévale", "Court terme", "4.2", "Retenue", "A1.1"),
        ("Chantiers participatifs de pierre sèche", "Court terme", "4.3", "Retenue", "A1.2"),
        ("Bourse foncière des terrasses", "Court terme", "3.3", "Retenue", "A2.1"),
        ("Rénovation des vergers de châtaigniers", "Moyen terme", "6.2", "Retenue", "A2.2"),
        ("Gestion de l'étiage de la Ligne", "Court terme", "2.2", "Retenue", "A3.1"),
        ("Festival de la pierre sèche", "Court terme", "12.2", "Non retenue", None),
    ),
    "objectives": (
        ("Restaurer et faire vivre le patrimoine de Largentière et des villages", "4.2; 4.3; 5.2",
         "Bâti ancien, savoir-faire et habitat."),
        ("Reconquérir les terrasses et la châtaigneraie", "3.3; 6.2", "Foncier, chantiers et vergers."),
        ("Préserver la Ligne et ses affluents", "2.1; 2.2", "Économies d'eau et connaissance de la rivière."),
    ),
    "actions": (
        action("A1.1", "Restauration du bâti ancien de la cité médiévale de Largentière", "4.2",
               lead="EPCI", epci="Maître d'ouvrage des aides aux propriétaires.",
               parc="Conseil architectural et prescriptions patrimoniales.",
               partners="Commune de Largentière, Architecte des bâtiments de France", officer="Émilie Soubeyrand",
               start=d(2025, 3, 12), end=d(2027, 6, 30), cost=150000,
               funding=[("ETAT_DETR", 30), ("REGION", 20), ("DEP07", 20), ("EPCI", 30)],
               description="Aides aux façades et toitures dans le périmètre de la cité médiévale.",
               indicator="Immeubles restaurés", target="15", priority="Haute", days=8,
               steps=("Règlement d'aides", "Premiers dossiers instruits", "Premiers chantiers",
                      "Seconde vague de chantiers", "Bilan")),
        action("A1.2", "Chantiers participatifs de restauration de murets et calades", "4.3",
               lead="Co-portage", epci="Organise les chantiers avec les communes.",
               parc="Encadrement technique par un murailler, formation des bénévoles.",
               partners="Communes, associations", officer="Claire Vernet",
               start=d(2025, 4, 1), end=d(2026, 10, 31), cost=6000,
               funding=[("LEADER", 50), ("COMMUNES", 20), ("EPCI", 30)],
               description="Six chantiers participatifs de pierre sèche.",
               indicator="Chantiers organisés", target="6", days=4,
               steps=("Choix des sites", "Chantiers du printemps", "Chantiers de l'automne", "Bilan")),
        action("A1.3", "Volet patrimoine et paysage de l'OPAH intercommunale", "5.2", lead="EPCI",
               epci="Maître d'ouvrage de l'OPAH.", parc="Cahier de recommandations architecturales.",
               partners="ANAH, opérateur de l'OPAH", officer="Claire Vernet",
               start=d(2025, 9, 1), end=d(2027, 9, 30), cost=40000,
               funding=[("ETAT_FNADT", 50), ("EPCI", 50)],
               description="Recommandations patrimoniales dans les dossiers de rénovation.",
               indicator="Logements rénovés avec conseil du Parc", target="40", days=5,
               steps=("Cahier de recommandations", "Premiers dossiers", "Suivi des chantiers", "Bilan")),
        action("A2.1", "Remise en culture de terrasses : bourse foncière et chantiers", "3.3",
               lead="Co-portage", epci="Anime la bourse foncière.",
               parc="Diagnostic des terrasses et appui aux porteurs de projets.",
               partners="SAFER, Chambre d'agriculture", officer="Julien Roux",
               start=d(2025, 2, 1), end=d(2027, 6, 30), cost=38000,
               funding=[("LEADER", 50), ("REGION", 20), ("EPCI", 30)],
               description="Mettre en relation propriétaires et agriculteurs pour remettre en culture 10 ha.",
               indicator="Surface remise en culture", target="10 ha", days=6, pace=0.85,
               difficulty="Peu de propriétaires répondent ; relance prévue via les mairies.",
               steps=("Inventaire des terrasses", "Lancement de la bourse foncière", "Premières mises en relation",
                      "Premiers chantiers de remise en culture", "Bilan")),
        action("A2.2", "Rénovation de vergers de châtaigniers", "6.2", lead="Autre acteur",
               other_lead="Syndicat de défense de la Châtaigne d'Ardèche",
               epci="Cofinance et relaie auprès des propriétaires.", parc="Appui technique et montage financier.",
               partners="Producteurs, CRPF", officer="Julien Roux",
               start=d(2025, 10, 1), end=d(2027, 10, 31), cost=30000,
               funding=[("REGION", 40), ("LEADER", 40), ("PRIVE", 20)],
               description="Rénovation de 12 ha de vergers.",
               indicator="Surface rénovée", target="12 ha", days=4,
               steps=("Diagnostic des vergers", "Première tranche", "Seconde tranche", "Bilan")),
        action("A3.1", "Économies d'eau et gestion de l'étiage de la Ligne", "2.2", lead="EPCI",
               epci="Maître d'ouvrage.", parc="Connaissance des milieux et animation des usagers.",
               partners="Agence de l'eau, syndicat de rivière", officer="Laure Faure",
               start=d(2025, 6, 1), end=d(2027, 6, 30), cost=35000,
               funding=[("AGENCE_EAU_RMC", 50), ("EPCI", 50)],
               description="Plan d'économies d'eau et règles de partage en été.",
               indicator="Volume économisé", target="10 000 m³/an", days=4,
               steps=("Diagnostic des usages", "Plan d'économies", "Mise en œuvre", "Bilan")),
        action("A3.2", "Suivi participatif de la qualité de l'eau avec les écoles", "12.1", lead="Parc",
               epci="Finance les transports scolaires.", parc="Conçoit et anime le programme.",
               partners="Écoles, fédération de pêche", officer="Antoine Deleuze",
               start=d(2025, 9, 1), end=d(2027, 6, 30), cost=14000,
               funding=[("AGENCE_EAU_RMC", 50), ("PARC", 30), ("EPCI", 20)],
               description="Huit classes suivent la qualité de la Ligne pendant deux ans.",
               indicator="Classes participantes", target="8", days=6,
               steps=("Recrutement des classes", "Première année", "Seconde année", "Restitution")),
    ),
    "deliberations": {
        "cc": {"date": d(2024, 9, 26), "number": "2024_103", "present": 24, "proxies": 3,
               "secretary": "Lucie Bernard"},
        "bureau": {"date": d(2024, 10, 16), "number": "B2024_049", "present": 13, "proxies": 2,
                   "secretary": "Paul Brès"},
    },
})

# --- 8. CC du Pays Beaume-Drobie — en élaboration, séance 3 prévue ------------------------
PLANS.append({
    "epci": "beaume", "status": ELABORATION, "period": (d(2027, 1, 1), d(2029, 12, 31)),
    "vp": ("Mme", "Agnès", "Pellier", "Vice-présidente chargée de l'environnement et de l'agriculture"),
    "pair": ("Laure Faure", "Sophie Arnaud"),
    "sessions": (
        (d(2026, 9, 15), "Tenue", "Présentation croisée ; fréquentation des rivières et châtaigneraie."),
        (d(2026, 10, 20), "Tenue", None),
        (d(2026, 12, 8), "Prévue", None),
    ),
    "updated_on": d(2026, 10, 23),
    "insights": {
        "epci": (
            "Mieux gérer la fréquentation estivale des rivières ; relancer la châtaigneraie.",
            "Tourisme, aménagement de l'espace, développement économique, GEMAPI, déchets.",
            "Basse Cévenne ardéchoise ; Beaume et Drobie très fréquentées l'été ; châtaigneraie vieillissante.",
            "Projet de territoire en cours de révision.",
        ),
        "parc": (
            "Faire des sites de baignade un exemple de fréquentation maîtrisée.",
            "Sites de baignade saturés, stationnement sauvage, déchets ; vergers abandonnés.",
            "Charte : mesures 1.1 et 1.2 (biodiversité), 2.2 (eau), 6.2 (châtaigneraie).",
        ),
    },
    "leads": (
        ("Gestion de la fréquentation des sites de baignade", "Court terme", "1.2", "Retenue", "A1.1"),
        ("Atlas de la biodiversité intercommunal", "Court terme", "1.1", "Retenue", "A1.2"),
        ("Relance de la châtaigneraie", "Moyen terme", "6.2", "Retenue", "A2.1"),
        ("Économies d'eau agricoles", "Moyen terme", "2.2", "À approfondir", None),
        ("Réseau de chaleur bois à Joyeuse", "Moyen terme", "9.2", "À approfondir", None),
        ("Festival nature", "Court terme", "12.2", "Non retenue", None),
    ),
    "objectives": (
        ("Préserver la Beaume et la Drobie face à la fréquentation", "1.1; 1.2", "Projet, à valider en séance 3."),
        ("Relancer la châtaigneraie", "6.2; 3.3", "Projet, à valider en séance 3."),
    ),
    "actions": (
        action("A1.1", "Plan de gestion de la fréquentation des sites de baignade", "1.2", lead="Co-portage",
               epci="Stationnement, navettes et propreté des sites.",
               parc="Diagnostic écologique, écogardes, sensibilisation.",
               partners="Communes, office de tourisme", officer="Laure Faure",
               start=d(2027, 3, 1), end=d(2028, 9, 30), cost=35000,
               funding=[("LEADER", 50), ("DEP07", 20), ("EPCI", 30)],
               description="Projet de fiche action, à valider en séance 3.",
               indicator="Sites dotés d'un plan de gestion", target="5", priority="Haute", days=8,
               steps=("Diagnostic", "Plan de gestion", "Mise en œuvre")),
        action("A1.2", "Atlas de la biodiversité intercommunal", "1.1", lead="Parc",
               epci="Mobilise les communes.", parc="Inventaires et sciences participatives.",
               partners="OFB, associations naturalistes", officer="Laure Faure",
               start=d(2027, 4, 1), end=d(2029, 3, 31), cost=55000,
               funding=[("OFB", 80), ("EPCI", 20)],
               description="Projet de fiche action, à valider en séance 3.",
               indicator="Observations collectées", target="4 000", days=10,
               steps=("Lancement", "Inventaires", "Atlas")),
        action("A2.1", "Rénovation de vergers et transformation locale de la châtaigne", "6.2",
               lead="Co-portage", epci="Soutien aux producteurs et à l'atelier de transformation.",
               parc="Appui technique et montage financier.", partners="Producteurs, Chambre d'agriculture",
               officer="Julien Roux", start=d(2027, 9, 1), end=d(2029, 9, 30), cost=40000,
               funding=[("LEADER", 50), ("REGION", 20), ("EPCI", 30)],
               description="Projet de fiche action, à valider en séance 3.",
               indicator="Surface rénovée", target="10 ha", days=5,
               steps=("Diagnostic", "Rénovation", "Transformation")),
    ),
})

# --- 9. CC Pays des Vans en Cévennes — approuvé (erreurs volontaires) -----------------------
PLANS.append({
    "epci": "vans", "status": APPROVED, "period": (d(2027, 1, 1), d(2029, 12, 31)),
    "vp": ("Mme", "Hélène", "Bastide", "Vice-présidente chargée de l'environnement"),
    "pair": ("Laure Faure", "Antoine Deleuze"),
    "sessions": (
        (d(2026, 2, 24), "Tenue", "Présentation croisée ; Bois de Païolive, Chassezac et patrimoine cévenol."),
        (d(2026, 4, 7), "Tenue", None),
        (d(2026, 5, 19), "Tenue", None),
    ),
    "updated_on": d(2026, 9, 25),
    "insights": {
        "epci": (
            "Concilier l'accueil touristique et la préservation du Bois de Païolive et du Chassezac.",
            "Tourisme, aménagement de l'espace, développement économique, GEMAPI, habitat.",
            "Cévennes ardéchoises ; Bois de Païolive et gorges du Chassezac très fréquentés ; hameaux en "
            "pierre et toitures en lauze ; fort ensoleillement.",
            "Projet de territoire : tourisme durable, patrimoine, transition énergétique.",
        ),
        "parc": (
            "Faire de Païolive un site pilote de gestion de la fréquentation.",
            "Piétinement et stationnement sauvage à Païolive ; patrimoine bâti des hameaux menacé.",
            "Charte : mesures 1.2 (milieux remarquables), 4.2 (bâti), 9.1 et 9.2 (énergie), 10.2 (mobilité).",
        ),
    },
    "leads": (
        ("Plan de gestion de la fréquentation de Païolive", "Court terme", "1.2", "Retenue", "A1.1"),
        ("Navette estivale vers les sites de baignade", "Court terme", "10.2", "Retenue", "A1.2"),
        ("Inventaire du patrimoine des hameaux", "Court terme", "4.2", "Retenue", "A2.1"),
        ("Aide à la restauration des toitures en lauze", "Moyen terme", "4.2", "Retenue", "A2.2"),
        ("Conseil en énergie partagé", "Court terme", "9.1", "Retenue", "A3.1"),
        ("Centrales villageoises photovoltaïques", "Moyen terme", "9.2", "Retenue", "A3.2"),
    ),
    "objectives": (
        ("Concilier fréquentation et préservation du Bois de Païolive et du Chassezac", "1.2; 10.2",
         "Gestion des flux et mobilités estivales."),
        ("Restaurer et valoriser le patrimoine bâti cévenol", "4.2; 5.3",
         "Connaissance et aides aux propriétaires."),
        ("Engager la transition énergétique du territoire", "9.1; 9.2", "Sobriété et production locale."),
    ),
    "actions": (
        action("A1.1", "Plan de gestion de la fréquentation du Bois de Païolive", "1.2", lead="Co-portage",
               epci="Stationnement et aménagements d'accueil.", parc="Diagnostic écologique et écogardes.",
               partners="Communes, Conservatoire d'espaces naturels, ONF", officer="Laure Faure",
               start=d(2027, 3, 1), end=d(2028, 10, 31), cost=42000,
               funding=[("LEADER", 50), ("DEP07", 20), ("EPCI", 30)],
               description="Canaliser les flux, protéger les zones sensibles, informer les visiteurs.",
               indicator="Plan de gestion adopté", target="1", priority="Haute", days=10,
               steps=("Diagnostic", "Plan de gestion", "Premiers aménagements")),
        action("A1.2", "Navette estivale vers les sites de baignade du Chassezac", "10.2", lead="EPCI",
               epci="Organise et finance le service.", parc="Communication et lien avec les hébergeurs.",
               partners="Région, communes", officer="Antoine Deleuze",
               start=d(2027, 6, 1), end=d(2029, 9, 30), cost=90000,
               funding=[("REGION", 40), ("EPCI", 50), ("COMMUNES", 10)],
               description="Navette en juillet et août depuis Les Vans.",
               indicator="Voyageurs transportés", target="15 000", days=3,
               steps=("Étude", "Première saison", "Saisons suivantes")),
        action("A2.1", "Inventaire du patrimoine bâti des hameaux cévenols", "4.2", lead="Parc",
               epci="Relaie auprès des communes et des habitants.", parc="Maître d'ouvrage de l'inventaire.",
               partners="Service régional de l'Inventaire", officer="Émilie Soubeyrand",
               start=d(2027, 1, 15), end=d(2027, 12, 31), cost=24000,
               funding=[("REGION", 40), ("PARC", 30), ("EPCI", 30)],
               description="Inventaire de 30 hameaux et fiches de recommandations.",
               indicator="Hameaux inventoriés", target="30", days=12,
               steps=("Méthode", "Inventaire", "Publication")),
        action("A2.2", "Aide à la restauration des toitures en lauze", "4.2", lead="EPCI",
               epci="Règlement d'aides et instruction des dossiers.", parc="Prescriptions et conseil architectural.",
               partners="Fondation du patrimoine, artisans", officer="Émilie Soubeyrand",
               start=d(2028, 1, 1), end=d(2029, 12, 31), cost=100000,
               funding=[("DEP07", 30), ("PRIVE", 20), ("EPCI", 50)],
               description="Aides aux propriétaires pour conserver les toitures en lauze.",
               indicator="Toitures restaurées", target="20", days=4,
               steps=("Règlement", "Dossiers", "Chantiers")),
        action("A3.1", "Conseil en énergie partagé pour les communes", "9.1", lead="Parc",
               epci="Cofinance le service.", parc="Conseiller en énergie partagé.",
               partners="Communes, SDE 07", officer="Thomas Chabanel",
               start=d(2027, 1, 1), end=d(2029, 12, 31), cost=36000,
               funding=[("ADEME", 50), ("COMMUNES", 25), ("EPCI", 25)],
               description="Suivi des consommations et plans de travaux pour 14 communes.",
               indicator="Baisse des consommations communales", target="-20 %", days=8,
               steps=("Bilans énergétiques", "Plans de travaux", "Suivi")),
        action("A3.2", "Cadastre solaire et centrales villageoises", "9.2", lead="Autre acteur",
               other_lead="Association Centrales villageoises du Pays des Vans",
               epci="Met à disposition les toitures communautaires.",
               parc="Cadastre solaire et prescriptions paysagères.",
               partners="Habitants, communes", officer="Thomas Chabanel",
               start=d(2027, 9, 1), end=d(2029, 6, 30), cost=30000,
               funding=[("REGION", 50), ("PRIVE", 30), ("EPCI", 20)],
               description="Toitures photovoltaïques citoyennes intégrées au paysage.",
               indicator="Puissance installée", target="250 kWc", days=4,
               steps=("Cadastre solaire", "Société citoyenne", "Installations")),
    ),
    "deliberations": {
        "cc": {"date": d(2026, 7, 9), "number": "2026_071", "present": 22, "proxies": 3,
               "against": 3, "abstentions": 2, "secretary": "Paul Brès"},
        "bureau": {"date": d(2026, 9, 16), "number": "B2026_041", "present": 12, "proxies": 2,
                   "secretary": "Marc Villard"},
    },
})

# --- 10. CC Cévenne et Montagne ardéchoises — en élaboration --------------------------------
PLANS.append({
    "epci": "cevenne", "status": ELABORATION, "period": (d(2027, 1, 1), d(2029, 12, 31)),
    "vp": ("M.", "Serge", "Boyer", "Vice-président chargé de la forêt et de l'agriculture"),
    "pair": ("Nicolas Blanc", "Antoine Deleuze"),
    "sessions": (
        (d(2026, 9, 29), "Tenue", "Présentation croisée ; forêt de montagne, pastoralisme, patrimoine de Mazan."),
        (d(2026, 11, 3), "Tenue", None),
        (d(2027, 1, 19), "Prévue", None),
    ),
    "updated_on": d(2026, 11, 6),
    "insights": {
        "epci": (
            "Être accompagnée sur la forêt et l'agriculture de montagne, faute d'ingénierie interne.",
            "Aménagement de l'espace, développement économique, voirie forestière, déchets.",
            "Haute montagne ardéchoise ; forêts domaniales de Bauzon et de Mazan ; estives ; abbaye "
            "cistercienne de Mazan ; faible densité.",
            "Projet de territoire : forêt, agriculture pastorale, tourisme quatre saisons.",
        ),
        "parc": (
            "Structurer l'approvisionnement en bois local et soutenir le pastoralisme.",
            "Desserte forestière insuffisante, estives qui s'embroussaillent.",
            "Charte : mesures 7.1 et 7.2 (forêt), 6.1 (agriculture), 4.3 (patrimoine).",
        ),
    },
    "leads": (
        ("Desserte forestière concertée", "Moyen terme", "7.1", "Retenue", "A1.2"),
        ("Approvisionnement en bois local", "Court terme", "7.2", "Retenue", "A1.1"),
        ("Pastoralisme et estives", "Court terme", "6.1", "Retenue", "A2.1"),
        ("Valorisation de l'abbaye de Mazan", "Moyen terme", "4.3", "À approfondir", None),
        ("Espace nordique quatre saisons", "Moyen terme", "8.1", "À approfondir", None),
    ),
    "objectives": (
        ("Gérer durablement la forêt de montagne", "7.1; 7.2", "Projet, à valider en séance 3."),
        ("Maintenir une agriculture pastorale vivante", "6.1; 3.2", "Projet, à valider en séance 3."),
    ),
    "actions": (
        action("A1.1", "Plan d'approvisionnement territorial en bois", "7.2", lead="Co-portage",
               epci="Pilote et mobilise les communes forestières.", parc="Méthode et animation de la filière.",
               partners="ONF, CRPF, Communes forestières", officer="Nicolas Blanc",
               start=d(2027, 3, 1), end=d(2028, 12, 31), cost=25000,
               funding=[("LEADER", 60), ("EPCI", 40)],
               description="Projet de fiche action, à valider en séance 3.",
               indicator="Plan adopté", target="1", days=8,
               steps=("Diagnostic", "Plan", "Mise en œuvre")),
        action("A1.2", "Schéma de desserte forestière concerté", "7.1", lead="EPCI",
               epci="Maître d'ouvrage du schéma.", parc="Prise en compte des enjeux écologiques et paysagers.",
               partners="ONF, CRPF", officer="Nicolas Blanc",
               start=d(2027, 6, 1), end=d(2029, 6, 30), cost=40000,
               funding=[("REGION", 40), ("DEP07", 20), ("EPCI", 40)],
               description="Projet de fiche action, à valider en séance 3.",
               indicator="Schéma adopté", target="1", days=5,
               steps=("Diagnostic", "Concertation", "Schéma")),
        action("A2.1", "Diagnostic pastoral et conventions de pâturage", "6.1", lead="Parc",
               epci="Relaie auprès des communes propriétaires.", parc="Maître d'ouvrage du diagnostic.",
               partners="Chambre d'agriculture, éleveurs", officer="Julien Roux",
               start=d(2027, 4, 1), end=d(2028, 6, 30), cost=18000,
               funding=[("LEADER", 60), ("EPCI", 40)],
               description="Projet de fiche action, à valider en séance 3.",
               indicator="Conventions signées", target="10", days=6,
               steps=("Diagnostic", "Conventions", "Bilan")),
    ),
})

# --- 11. CC des Sources de la Loire — programme arrêté (erreurs volontaires) ----------------
PLANS.append({
    "epci": "sourcesloire", "status": ADOPTED_PROGRAMME, "period": (d(2027, 1, 1), d(2029, 12, 31)),
    "vp": ("M.", "Roland", "Chambon", "Vice-président chargé du tourisme et de l'agriculture"),
    "pair": ("Sophie Arnaud", "Nicolas Blanc"),
    "sessions": (
        (d(2026, 6, 2), "Tenue", "Présentation croisée ; Mont Gerbier de Jonc, tourbières, Fin gras du Mézenc."),
        (d(2026, 7, 7), "Tenue", None),
        (d(2026, 10, 13), "Tenue", None),
    ),
    "updated_on": d(2026, 10, 20),
    "insights": {
        "epci": (
            "Mieux accueillir les visiteurs du Mont Gerbier de Jonc et soutenir l'élevage.",
            "Tourisme (Maison des sources de la Loire), aménagement de l'espace, développement économique.",
            "Plateau ardéchois ; site classé du Mont Gerbier de Jonc et sources de la Loire ; tourbières ; "
            "élevage bovin (Fin gras du Mézenc).",
            "Projet de territoire : tourisme de nature, agriculture de montagne.",
        ),
        "parc": (
            "Maîtriser la fréquentation du Gerbier et préserver les tourbières.",
            "Pics de fréquentation estivale au Gerbier ; tourbières drainées par endroits.",
            "Charte : mesures 1.2 (milieux), 3.2 (paysage), 8.3 (sites), 6.1 et 6.3 (agriculture).",
        ),
    },
    "leads": (
        ("Schéma d'accueil du Mont Gerbier de Jonc", "Court terme", "8.3", "Retenue", "A1.1"),
        ("Scénographie de la Maison des sources de la Loire", "Moyen terme", "8.3", "Retenue", "A1.2"),
        ("Plan de gestion des tourbières", "Court terme", "1.2", "Retenue", "A2.1"),
        ("Fin gras du Mézenc en vente directe", "Court terme", "6.3", "Retenue", "A3.1"),
        ("Transmission des exploitations", "Court terme", "6.1", "Retenue", "A3.2"),
        ("Télésiège touristique au Gerbier", "Moyen terme", "8.1", "Non retenue", None),
    ),
    "objectives": (
        ("Accueillir les visiteurs du Mont Gerbier de Jonc dans le respect du site", "8.3; 3.2",
         "Un accueil à la hauteur d'un site classé."),
        ("Préserver les tourbières et zones humides des sources de la Loire", "1.2; 2.1",
         "Gestion et sensibilisation."),
        ("Soutenir l'agriculture de montagne", "6.1; 6.3", "Transmission et valorisation des produits."),
    ),
    "actions": (
        action("A1.1", "Schéma d'accueil et de stationnement au Mont Gerbier de Jonc", "8.3",
               lead="Co-portage", epci="Maître d'ouvrage des aménagements.",
               parc="Études paysagères et concertation avec l'Inspection des sites.",
               partners="DREAL, communes", officer="Sophie Arnaud",
               start=d(2027, 3, 1), end=d(2028, 6, 30), cost=70000,
               funding=[("ETAT_FNADT", 30), ("DEP07", 30), ("EPCI", 40)],
               description="Stationnement, cheminements et information des visiteurs.",
               indicator="Schéma adopté", target="1", priority="Haute", days=10,
               steps=("Études", "Concertation", "Adoption")),
        action("A1.2", "Renouvellement de la scénographie de la Maison des sources de la Loire", "8.3",
               lead="EPCI", epci="Maître d'ouvrage.", parc="Contenus sur l'eau, la géologie et les tourbières.",
               partners="Agence de l'eau Loire-Bretagne", officer="Émilie Soubeyrand",
               start=d(2028, 1, 15), end=d(2029, 6, 30), cost=120000,
               funding=[("LEADER", 40), ("REGION", 30), ("EPCI", 30)],
               description="Nouvelle scénographie et parcours extérieur.",
               indicator="Visiteurs par an", target="40 000", days=6,
               steps=("Programme", "Réalisation", "Ouverture")),
        action("A2.1", "Plan de gestion des tourbières du plateau", "1.2", lead="Parc",
               epci="Relaie auprès des propriétaires et des éleveurs.", parc="Maître d'ouvrage du plan de gestion.",
               partners="Conservatoire d'espaces naturels, éleveurs", officer="Laure Faure",
               start=d(2027, 4, 1), end=d(2029, 10, 31), cost=48000,
               funding=[("AGENCE_EAU_LB", 60), ("PARC", 20), ("EPCI", 20)],
               description="Diagnostic, plan de gestion et premiers travaux de restauration.",
               indicator="Surface de tourbières sous gestion", target="60 ha", days=10,
               steps=("Diagnostic", "Plan de gestion", "Travaux")),
        action("A2.2", "Sensibilisation des habitants et des scolaires aux zones humides", "12.1",
               lead="Parc", epci="Finance les transports scolaires.", parc="Conçoit et anime les animations.",
               partners="Écoles, associations", officer="Antoine Deleuze",
               start=d(2027, 9, 1), end=d(2029, 6, 30), cost=15000,
               funding=[("AGENCE_EAU_LB", 50), ("PARC", 50)],
               description="Sorties scolaires et journées portes ouvertes des tourbières.",
               indicator="Personnes sensibilisées", target="800", days=6,
               steps=("Programme", "Animations", "Bilan")),
        action("A3.1", "Valorisation du Fin gras du Mézenc en vente directe", "6.3", lead="Autre acteur",
               other_lead="Association Fin gras du Mézenc", epci="Cofinance et relaie auprès des éleveurs.",
               parc="Appui à la communication et lien avec les restaurateurs.",
               partners="Éleveurs, restaurateurs", officer="Julien Roux",
               start=d(2027, 5, 1), end=d(2028, 12, 31), cost=28000,
               funding=[("LEADER", 50), ("EPCI", 30), ("PRIVE", 20)],
               description="Points de vente, restaurants partenaires et fête du Fin gras.",
               indicator="Éleveurs en vente directe", target="12", days=4,
               steps=("Diagnostic", "Outils", "Bilan")),
        action("A3.2", "Transmission des exploitations : repérage des cédants", "6.1", lead="Co-portage",
               epci="Repérage avec les communes.", parc="Méthode et animation.",
               partners="Chambre d'agriculture, SAFER", officer="Julien Roux",
               start=d(2027, 2, 1), end=d(2029, 12, 31), cost=20000,
               funding=[("REGION", 50), ("EPCI", 50)],
               description="Rencontrer les exploitants de plus de 55 ans et préparer les transmissions.",
               indicator="Exploitants rencontrés", target="40", days=4,
               steps=("Repérage", "Rencontres", "Transmissions")),
    ),
    "deliberations": {
        "cc": {"date": d(2026, 12, 3)},
        "bureau": {"date": d(2027, 1, 13)},
    },
})

# --- 12. CC Entre Loire et Allier — en élaboration, après la première séance ---------------
PLANS.append({
    "epci": "loireallier", "status": ELABORATION, "period": (d(2027, 1, 1), d(2029, 12, 31)),
    "vp": ("Mme", "Josiane", "Souche", "Vice-présidente chargée de l'environnement"),
    "pair": ("Antoine Deleuze", "Thomas Chabanel"),
    "sessions": (
        (d(2026, 10, 27), "Tenue",
         "Présentation croisée ; paysages du plateau, lac de Coucouron, énergies renouvelables."),
        (d(2026, 12, 15), "Prévue", None),
        (d(2027, 2, 9), "Prévue", None),
    ),
    "updated_on": d(2026, 10, 30),
    "insights": {
        "epci": (
            "Découvrir ce que le Parc peut apporter à un territoire récemment entré dans son périmètre.",
            "Aménagement de l'espace, développement économique, tourisme, déchets.",
            "Plateau entre Loire et Allier ; lac de Coucouron ; élevage ; nombreux projets éoliens.",
            "Projet de territoire : tourisme autour du lac, agriculture, énergie.",
        ),
        "parc": (
            "Accompagner les projets d'énergie dans le respect des paysages du plateau.",
            "Paysages ouverts très sensibles aux grands équipements ; berges du lac dégradées.",
            "Charte : mesures 3.1 et 3.2 (paysages), 1.2 (milieux), 9.2 (énergies renouvelables).",
        ),
    },
    "objectives": (
        ("Préserver les paysages du plateau et les berges du lac de Coucouron", "3.1; 3.2; 1.2",
         "Pré-fléché en séance 1 ; à confirmer en séance 2."),
        ("Développer les énergies renouvelables en respectant les paysages", "9.2",
         "Pré-fléché en séance 1 ; à confirmer en séance 2."),
    ),
    "actions": (
        action("A1.1", "Aménagement paysager et sentier des berges du lac de Coucouron", "3.2", lead="EPCI",
               epci="Maître d'ouvrage.", parc="Conseil paysager et écologique.",
               partners="Commune de Coucouron", officer="Claire Vernet",
               start=d(2027, 4, 1), end=d(2028, 6, 30), cost=45000,
               funding=[("LEADER", 50), ("EPCI", 50)],
               description="Idée d'action notée en séance 1, à confirmer en séance 2.",
               indicator="Sentier ouvert", target="1", days=4,
               steps=("Études", "Travaux", "Ouverture")),
        action("A2.1", "Guide paysager pour l'implantation des projets d'énergie", "9.2", lead="Parc",
               epci="Diffuse le guide aux communes et aux porteurs de projets.", parc="Rédige le guide.",
               partners="DDT, communes", officer="Thomas Chabanel",
               start=d(2027, 3, 1), end=d(2027, 12, 31), cost=15000,
               funding=[("PARC", 50), ("EPCI", 50)],
               description="Idée d'action notée en séance 1, à confirmer en séance 2.",
               indicator="Guide publié", target="1", days=8,
               steps=("Diagnostic", "Rédaction", "Diffusion")),
    ),
})

# --- 13. CC du Mézenc et de la Loire Sauvage (Haute-Loire) — en œuvre depuis 2026, 2 revues -
PLANS.append({
    "epci": "mezenc", "status": IN_PROGRESS, "period": (d(2026, 1, 1), d(2028, 12, 31)),
    "vp": ("Mme", "Odile", "Chabrier", "Vice-présidente chargée du tourisme"),
    "pair": ("Julien Roux", "Laure Faure"),
    "sessions": (
        (d(2025, 4, 15), "Tenue", "Présentation croisée ; Chemin de Stevenson, Fin gras du Mézenc, Loire sauvage."),
        (d(2025, 5, 27), "Tenue", None),
        (d(2025, 7, 1), "Tenue", None),
    ),
    "reviews": (d(2026, 6, 9), d(2026, 11, 5)),
    "insights": {
        "epci": (
            "S'appuyer sur le Parc pour l'itinérance et l'agriculture, en cohérence avec le "
            "versant ardéchois du Mézenc.",
            "Tourisme, développement économique, aménagement de l'espace, GEMAPI.",
            "Massif du Mézenc et gorges de la Loire ; Chemin de Stevenson (GR 70) au départ du Monastier ; "
            "élevage et AOP Fin gras du Mézenc ; tourbières.",
            "Projet de territoire : itinérance, agriculture, préservation de l'eau.",
        ),
        "parc": (
            "Relier les deux versants du Mézenc par des projets communs.",
            "Tourbières fragiles, estives sous-pâturées, hébergements de randonneurs insuffisants.",
            "Charte : mesures 8.1 et 8.2 (tourisme), 6.1 et 6.3 (agriculture), 1.2 (milieux).",
        ),
    },
    "leads": (
        ("Services aux randonneurs du Chemin de Stevenson", "Court terme", "8.1", "Retenue", "A1.1"),
        ("Marque Valeurs Parc pour les hébergeurs", "Court terme", "8.2", "Retenue", "A1.2"),
        ("Atelier de découpe collectif", "Court terme", "6.3", "Retenue", "A2.1"),
        ("Diagnostic pastoral des estives", "Moyen terme", "6.1", "Retenue", "A2.2"),
        ("Tourbières de la Loire sauvage", "Court terme", "1.2", "Retenue", "A3.1"),
        ("Via ferrata dans les gorges de la Loire", "Moyen terme", "8.1", "Non retenue", None),
    ),
    "objectives": (
        ("Faire du Chemin de Stevenson un levier d'itinérance durable", "8.1; 8.2",
         "Services aux randonneurs et hébergeurs engagés."),
        ("Conforter l'élevage et le Fin gras du Mézenc", "6.1; 6.3", "Outils collectifs et estives."),
        ("Préserver les zones humides et la Loire sauvage", "1.2; 2.1", "Tourbières et rivières."),
    ),
    "actions": (
        action("A1.1", "Services aux randonneurs sur le Chemin de Stevenson (GR 70)", "8.1", lead="EPCI",
               epci="Maître d'ouvrage des équipements.", parc="Conseil et promotion commune des deux versants.",
               partners="Association Sur le chemin de R. L. Stevenson, Département de la Haute-Loire",
               officer="Sophie Arnaud", start=d(2026, 3, 1), end=d(2027, 10, 31), cost=45000,
               funding=[("DEP43", 30), ("REGION", 30), ("EPCI", 40)],
               description="Points d'eau, abris, consignes à bagages et information des randonneurs.",
               indicator="Équipements installés", target="8", priority="Haute", days=5,
               steps=("Programme", "Premiers équipements", "Seconde tranche", "Bilan de fréquentation")),
        action("A1.2", "Marque Valeurs Parc pour les hébergeurs du Mézenc", "8.2", lead="Parc",
               epci="Relaie auprès des hébergeurs.", parc="Anime la démarche de marque.",
               partners="Office de tourisme", officer="Sophie Arnaud",
               start=d(2026, 4, 1), end=d(2028, 6, 30), cost=8000,
               funding=[("PARC", 50), ("EPCI", 50)],
               description="Accompagner huit hébergeurs vers la marque.",
               indicator="Hébergeurs marqués", target="8", days=6,
               steps=("Information", "Audits", "Comité de marque", "Promotion")),
        action("A2.1", "Atelier de découpe collectif pour la vente directe", "6.3", lead="Autre acteur",
               other_lead="CUMA du Mézenc", epci="Cofinance et met à disposition le terrain.",
               parc="Montage financier et lien avec la filière Fin gras.",
               partners="Éleveurs, Chambre d'agriculture de la Haute-Loire", officer="Julien Roux",
               start=d(2026, 2, 1), end=d(2027, 12, 31), cost=160000,
               funding=[("FEDER_MC", 30), ("REGION", 20), ("DEP43", 10), ("PRIVE", 20), ("EPCI", 20)],
               description="Atelier de découpe et de conditionnement partagé par une vingtaine d'éleveurs.",
               indicator="Éleveurs utilisateurs", target="20", priority="Haute", days=5, pace=0.8,
               difficulty="Permis de construire retardé par une étude de sol complémentaire.",
               steps=("Étude de faisabilité", "Permis et consultation", "Travaux", "Mise en service")),
        action("A2.2", "Diagnostic pastoral des estives du Mézenc", "6.1", lead="Co-portage",
               epci="Relaie auprès des communes propriétaires.", parc="Méthode et animation.",
               partners="Éleveurs, SIDAM", officer="Julien Roux",
               start=d(2026, 9, 1), end=d(2027, 6, 30), cost=18000,
               funding=[("LEADER", 60), ("EPCI", 40)],
               description="Diagnostic des estives et propositions de gestion.",
               indicator="Estives diagnostiquées", target="12", days=6,
               steps=("Enquête", "Diagnostic", "Propositions")),
        action("A3.1", "Plan de gestion des tourbières de la Loire sauvage", "1.2", lead="Parc",
               epci="Relaie auprès des propriétaires.", parc="Maître d'ouvrage du plan de gestion.",
               partners="Conservatoire d'espaces naturels d'Auvergne", officer="Laure Faure",
               start=d(2026, 5, 1), end=d(2028, 10, 31), cost=52000,
               funding=[("AGENCE_EAU_LB", 60), ("PARC", 20), ("EPCI", 20)],
               description="Diagnostic et plan de gestion de six tourbières.",
               indicator="Tourbières sous gestion", target="6", days=8,
               steps=("Diagnostic", "Plan de gestion", "Premiers travaux", "Suivi")),
    ),
    "deliberations": {
        "cc": {"date": d(2025, 9, 25), "number": "2025_088", "present": 19, "proxies": 3,
               "secretary": "Gérard Valla"},
        "bureau": {"date": d(2025, 10, 15), "number": "B2025_044", "present": 13, "proxies": 1,
                   "secretary": "Anne Roche"},
    },
})

assert [p["epci"] for p in PLANS] == list(EPCIS), "one plan per EPCI, in the référentiel's order"


# ---------------------------------------------------------------------------
# Builders: one plan description → the fields and table rows of its workbook
# ---------------------------------------------------------------------------


def build_plan(plan: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Fields and rows (keyed like coopxl.schema) of the plan workbook described by `plan`."""
    epci = EPCIS[plan["epci"]]
    start, end = plan["period"]
    actions = plan.get("actions", ())
    reviews, final_status = follow_up(actions, plan.get("reviews", ()))
    rows = {
        "T_GroupeProjet": member_rows(plan, epci),
        "T_Seances": session_rows(plan, epci, reviews),
        "T_Interconnaissance": insight_rows(plan),
        "T_Pistes": [{"number": f"P{index}", "title": title, "horizon": horizon, "measure": measure,
                      "decision": decision, "action": action_number}
                     for index, (title, horizon, measure, decision, action_number)
                     in enumerate(plan.get("leads", ()), start=1)],
        "T_Objectifs": [{"number": f"OS{index}", "title": title, "measures": measures,
                         "description": description}
                        for index, (title, measures, description) in enumerate(plan.get("objectives", ()), start=1)],
        "T_Actions": [action_row(a, plan, final_status) for a in actions],
        "T_Financements": [line for a in actions for line in funding_rows(a, plan["status"])],
        "T_Suivi": reviews,
        "T_Deliberations": deliberation_rows(plan, epci),
    }
    fields = {
        "epci_name": epci.name, "epci_siren": epci.siren,
        "title": f"Plan de coopération {start.year}-{end.year} : {epci.name} et Parc naturel "
                 "régional des Monts d'Ardèche",
        "period_start": start, "period_end": end, "charter_version": CHARTER_VERSION,
        "status": plan["status"],
        "updated_on": plan.get("updated_on") or max(r["date"] for r in rows["T_Seances"] if r["status"] == "Tenue"),
    }
    return fields, rows


def member_rows(plan: dict[str, Any], epci: Epci) -> list[dict[str, Any]]:
    """The 7 members of SPEC §1; the two chargés de mission form the binôme."""
    def member(structure, college, role, person, detail, pair_role=None, domain=None, phone=None):
        civility, first, last = person
        return {"structure": structure, "college": college, "role": role, "civility": civility,
                "first_name": first, "last_name": last, "role_detail": detail,
                "email": email(first, last, domain) if domain else None, "phone": phone,
                "pair_role": pair_role}

    referent, other = plan["pair"]
    vp_civility, vp_first, vp_last, vp_detail = plan["vp"]
    rows = [
        member("Parc", "Élu", "Président du Parc", PARC_PRESIDENT, "Président du syndicat mixte du Parc",
               domain=PARC_DOMAIN, phone=PARC_PHONE),
        member("Parc", "Élu", "Vice-président proximité territoriale", PARC_VP,
               ("Vice-présidente chargée" if PARC_VP[0] == "Mme" else "Vice-président chargé")
               + " de la proximité territoriale", domain=PARC_DOMAIN, phone=PARC_PHONE),
    ]
    for name, pair_role in ((referent, "Référent"), (other, "Membre")):
        civility, first, last, post = STAFF[name]
        rows.append(member("Parc", "Technicien", "Chargé de mission", (civility, first, last), post,
                           pair_role=pair_role, domain=PARC_DOMAIN, phone=PARC_PHONE))
    president_detail = ("Présidente" if epci.president[0] == "Mme" else "Président") + " de " + epci.holder
    rows += [
        member("EPCI", "Élu", "Président de l'EPCI", epci.president, president_detail, domain=epci.domain),
        member("EPCI", "Élu", "Vice-président de l'EPCI", (vp_civility, vp_first, vp_last), vp_detail,
               domain=epci.domain),
        member("EPCI", "Technicien", "Directeur général des services", epci.dgs,
               ("Directrice générale" if epci.dgs[0] == "Mme" else "Directeur général") + " des services",
               domain=epci.domain),
    ]
    return rows


def participants(plan: dict[str, Any], epci: Epci) -> str:
    parc = [f"{PARC_PRESIDENT[1]} {PARC_PRESIDENT[2]}", f"{PARC_VP[1]} {PARC_VP[2]}", *plan["pair"]]
    epci_people = [epci.president_name, f"{plan['vp'][1]} {plan['vp'][2]}", epci.dgs_name]
    return f"Parc : {', '.join(parc)}. EPCI : {', '.join(epci_people)}."


def session_rows(plan: dict[str, Any], epci: Epci, reviews: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Séances 1-3, then one « Suivi semestriel » per review date, then any other meeting."""
    epci_place = f"Siège de {epci.holder}, {epci.seat}"
    kinds = ("Interconnaissance", "Pistes de coopération", "Programme d'actions")
    places = (epci_place, PARC_HOUSE, epci_place)
    who = participants(plan, epci)
    rows = [{"number": number, "kind": kind, "date": date, "place": place, "status": status,
             "participants": who, "outcomes": outcome or work_session_summary(plan, number, status)}
            for number, (kind, place, (date, status, outcome))
            in enumerate(zip(kinds, places, plan["sessions"]), start=1)]
    for index, date in enumerate(plan.get("reviews", ())):
        rows.append({"number": len(rows) + 1, "kind": "Suivi semestriel", "date": date,
                     "place": epci_place if index % 2 == 0 else PARC_HOUSE, "status": "Tenue",
                     "participants": who, "outcomes": review_summary([r for r in reviews if r["date"] == date])})
    for kind, date, place, status, outcome in plan.get("extra_sessions", ()):
        rows.append({"number": len(rows) + 1, "kind": kind, "date": date, "place": place,
                     "status": status, "participants": who, "outcomes": outcome})
    return rows


def count_of(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def work_session_summary(plan: dict[str, Any], number: int, status: str) -> str | None:
    """Principaux résultats of séance 2 (the pistes) or 3 (the programme) once held."""
    if status != "Tenue" or number == 1:
        return None
    if number == 2:
        decisions = Counter(lead[3] for lead in plan.get("leads", ()))
        parts = [count_of(decisions[decision], singular, plural) for decision, singular, plural in (
            ("Retenue", "retenue", "retenues"), ("À approfondir", "à approfondir", "à approfondir"),
            ("Non retenue", "non retenue", "non retenues")) if decisions[decision]]
        return f"{count_of(sum(decisions.values()), 'piste examinée', 'pistes examinées')} : {', '.join(parts)}."
    start, end = plan["period"]
    return (f"Programme arrêté : {count_of(len(plan['objectives']), 'objectif', 'objectifs')} "
            f"stratégiques, {count_of(len(plan['actions']), 'action', 'actions')}, calendrier "
            f"{start.year}-{end.year} et répartition des rôles entre l'EPCI, le Parc et les partenaires.")


def review_summary(rows: list[dict[str, Any]]) -> str:
    """Principaux résultats of a follow-up meeting, from the reviews it recorded."""
    counts = Counter(row["status"] for row in rows)
    plural = {"Réalisée": "réalisées", "Reportée": "reportées", "Abandonnée": "abandonnées"}
    parts = [f"{count} {plural.get(status, status.lower()) if count > 1 else status.lower()}"
             for status, count in counts.items()]
    text = f"{count_of(len(rows), 'action revue', 'actions revues')} : {', '.join(parts)}."
    decisions = [f"{row['action']} : {row['decision'].lower()}" for row in rows
                 if row["decision"] in ("Ajuster", "Reporter", "Abandonner")]
    if decisions:
        text += f" Décisions : {' ; '.join(decisions)}."
    return text


RUBRICS = ("Attentes et préoccupations", "Compétences et missions", "Diagnostic du territoire",
           "Orientations et projets de territoire")


def insight_rows(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """4 rows per structure: the EPCI's texts, and the Parc's (its missions are the same everywhere)."""
    epci_texts = plan["insights"]["epci"]
    parc_expectation, parc_diagnosis, parc_orientations = plan["insights"]["parc"]
    parc_texts = (
        f"Que la charte se décline dans les projets de l'EPCI et que l'EPCI relaie l'action du Parc "
        f"auprès des communes. {parc_expectation}",
        PARC_MISSIONS, parc_diagnosis, parc_orientations)
    rows = []
    for rubric, epci_text, parc_text in zip(RUBRICS, epci_texts, parc_texts):
        rows.append({"topic": rubric, "structure": "EPCI", "content": epci_text})
        rows.append({"topic": rubric, "structure": "Parc", "content": parc_text})
    return rows


def action_row(a: dict[str, Any], plan: dict[str, Any], final_status: dict[str, str]) -> dict[str, Any]:
    period_start = plan["period"][0]
    status = final_status.get(a["number"])
    if status is None:
        started = plan["status"] in (IN_PROGRESS, CLOSED) and a["start"] <= REFERENCE_DAY
        status = "En cours" if started else "À venir"
    horizon = "Court terme" if a["start"] < period_start.replace(year=period_start.year + 1) else "Moyen terme"
    row = {key: value for key, value in a.items() if not key.startswith("_")}
    row.update(horizon=horizon, status=status)
    return row


def split_amount(cost: int, shares: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Amounts per funder from shares in %, rounded to the euro; the last takes the remainder."""
    amounts = [(code, round(cost * share / 100)) for code, share in shares[:-1]]
    amounts.append((shares[-1][0], cost - sum(amount for _, amount in amounts)))
    return amounts


def funding_rows(a: dict[str, Any], plan_status: str) -> list[dict[str, Any]]:
    """The funding plan of one action: sums exactly to its cost, plus any refused line."""
    def status_of(code: str) -> str:
        own_money = code in ("EPCI", "PARC")
        if plan_status in (ELABORATION, ADOPTED_PROGRAMME):
            return "À solliciter"
        if plan_status == APPROVED:
            return "Acquis" if own_money else "Sollicité"
        if a["_outcome"]:
            return "Sollicité"
        return "Acquis" if own_money or a["start"] <= REFERENCE_DAY else "Sollicité"

    year = a["start"].year
    rows = [{"action": a["number"], "funder": FUNDER_NAMES[code], "scheme": FUNDER_SCHEMES[code],
             "year": year, "amount": amount, "status": status_of(code)}
            for code, amount in split_amount(a["cost"], a["_funding"])]
    rows += [{"action": a["number"], "funder": FUNDER_NAMES[code], "scheme": FUNDER_SCHEMES[code],
              "year": year, "amount": amount, "status": "Refusé"} for code, amount in a["_refused"]]
    return rows


def follow_up(actions: tuple[dict[str, Any], ...], review_dates: tuple[dt.date, ...]
              ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """T_Suivi rows (one per open action per review) and each action's status at the last review.

    Progress follows the calendar of each action, slowed by its `_pace`; an action is
    reviewed from its start until it is Réalisée, Reportée or Abandonnée.
    """
    rows, status_at_last, closed, last_progress = [], {}, set(), {}
    for date in review_dates:
        for a in actions:
            number = a["number"]
            if a["start"] > date or number in closed:
                continue
            row = review_row(a, date, last_progress.get(number, 0))
            rows.append(row)
            last_progress[number] = row["progress"]
            status_at_last[number] = row["status"]
            if row["status"] in ("Réalisée", "Reportée", "Abandonnée"):
                closed.add(number)
    return rows, status_at_last


def review_row(a: dict[str, Any], date: dt.date, previous_progress: int) -> dict[str, Any]:
    steps = a["_steps"]
    row = {"date": date, "action": a["number"], "difficulties": None}
    outcome = a["_outcome"]
    if outcome and date >= outcome[1]:
        status, _, reason = outcome
        row.update(status=status, progress=previous_progress, difficulties=reason,
                   achievements="Action arrêtée à ce stade.",
                   next_steps="Reprendre l'action dans le prochain plan." if status == "Reportée"
                   else "Retirer l'action du programme et en informer les partenaires.",
                   decision="Reporter" if status == "Reportée" else "Abandonner")
        return row
    elapsed = (date - a["start"]).days / (a["end"] - a["start"]).days
    value = elapsed * 100 * a["_pace"]
    if value >= 100:
        row.update(status="Réalisée", progress=100, decision=None,
                   achievements=f"Action achevée : {lower_first(steps[-1])}.",
                   next_steps="Valoriser les résultats auprès des communes et des habitants.")
        return row
    progress = min(95, max(5, 5 * round(value / 5)))
    step = min(len(steps) - 2, int(progress / 100 * (len(steps) - 1)))
    done = f"Réalisé : {lower_first(steps[step - 1])}. " if step else ""
    behind = a["_pace"] < 0.9 and elapsed >= 0.4
    row.update(status="En cours", progress=progress,
               achievements=f"{done}En cours : {lower_first(steps[step])}.",
               next_steps=steps[step + 1] + ".",
               difficulties=a["_difficulty"] if behind else None,
               decision="Ajuster" if behind else "Poursuivre")
    return row


def deliberation_rows(plan: dict[str, Any], epci: Epci) -> list[dict[str, Any]]:
    """Conseil communautaire then bureau syndical: voted records, or drafts to prepare."""
    spec = plan.get("deliberations")
    if not spec:
        return []
    voted = plan["status"] in VOTED_STATES
    vp_name = f"{plan['vp'][1]} {plan['vp'][2]}"
    bodies = (
        ("Conseil communautaire", spec["cc"], epci.president_name, vp_name, epci.councillors,
         DEPARTMENT_CODES[epci.department], epci.siren),
        ("Bureau syndical du Parc", spec["bureau"], f"{PARC_PRESIDENT[1]} {PARC_PRESIDENT[2]}",
         f"{PARC_VP[1]} {PARC_VP[2]}", BUREAU_MEMBERS, "007", PARC_SIREN),
    )
    places = (f"salle du conseil communautaire, {epci.seat}", f"{PARC_HOUSE.split(',')[0]}, Jaujac")
    rows = []
    for (body, vote, chair, rapporteur, members, department, siren), place in zip(bodies, places):
        date = vote["date"]
        chair_civility = (epci.president[0] if body == "Conseil communautaire" else PARC_PRESIDENT[0])
        rapporteur_civility = plan["vp"][0] if body == "Conseil communautaire" else PARC_VP[0]
        row = {"body": body, "date": date, "chair": f"{chair_civility} {chair}",
               "rapporteur": f"{rapporteur_civility} {rapporteur}", "members": members,
               "actes_subject": ACTES_SUBJECT, "hour": "18 h 30" if body == "Conseil communautaire" else "14 h",
               "place": place}
        convened_on = date - dt.timedelta(days=7)
        if convened_on <= REFERENCE_DAY:
            row["convened_on"] = convened_on
        if voted:
            present, proxies = vote["present"], vote["proxies"]
            against, abstentions = vote.get("against", 0), vote.get("abstentions", 0)
            voters = present + proxies
            transmitted_on = working_day_after(date, 3)
            names = register_names(members, present, proxies, chair=row["chair"],
                                   secretary=f"{SECRETARY_CIVILITY[vote['secretary']]} {vote['secretary']}",
                                   rapporteur=row["rapporteur"], seed=vote["number"])
            row.update(names)
            row.update(number=vote["number"], secretary=f"{SECRETARY_CIVILITY[vote['secretary']]} {vote['secretary']}",
                       present=present,
                       proxies=proxies, voters=voters, votes_for=voters - against - abstentions,
                       votes_against=against, abstentions=abstentions, result="Adoptée",
                       transmitted_on=transmitted_on,
                       actes_id=f"{department}-{siren}-{transmitted_on:%Y%m%d}-{vote['number']}-DE",
                       published_on=working_day_after(transmitted_on, 1))
        rows.append(row)
    return rows


SECRETARY_CIVILITY = {"Anne Roche": "Mme", "Denis Fargier": "M.", "Gérard Valla": "M.", "Henri Dussert": "M.",
                      "Lucie Bernard": "Mme", "Marc Villard": "M.", "Pascale Dumont": "Mme", "Paul Brès": "M.",
                      "Sandrine Astier": "Mme"}
"""Secrétaires de séance of the example (fictional people)."""

FIRST_NAMES = (("M.", "Bruno"), ("Mme", "Agnès"), ("M.", "Yves"), ("Mme", "Hélène"), ("M.", "Gilles"),
               ("Mme", "Odile"), ("M.", "Serge"), ("Mme", "Nadine"), ("M.", "Lionel"), ("Mme", "Émilie"),
               ("M.", "Hervé"), ("Mme", "Josiane"), ("M.", "Régis"), ("Mme", "Annie"), ("M.", "Alain"),
               ("Mme", "Ghislaine"), ("M.", "Didier"), ("Mme", "Isabelle"))
LAST_NAMES = ("Audibert", "Boissin", "Chaize", "Debard", "Escoffier", "Faure", "Gineys", "Hilaire",
              "Issartel", "Jouve", "Laville", "Mounier", "Nury", "Ollier", "Peyrouse", "Roustan",
              "Sabadel", "Tourre", "Vernède", "Vialle", "Chambon", "Brunel", "Fialon", "Mazet")


def register_names(members: int, present: int, proxies: int, *, chair: str, secretary: str, rapporteur: str,
                   seed: str) -> dict[str, str]:
    """Fictional lists of présents, excusés and pouvoirs agreeing with the counts of the vote."""
    offset = sum(map(ord, seed))
    people = []
    for index in range(members * 2):
        civility, first = FIRST_NAMES[(index + offset) % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7 + offset) % len(LAST_NAMES)]
        name = f"{civility} {first} {last}"
        if name not in people and name.split(" ", 1)[1] not in (chair + secretary + rapporteur):
            people.append(name)
    named = [p for p in dict.fromkeys((chair, rapporteur, secretary))]
    present_names = (named + people)[:present]
    absent = people[present - len(named):][: members - present]
    proxy_lines = [f"{giver} à {present_names[(index * 3 + 1) % len(present_names)]}"
                   for index, giver in enumerate(absent[:proxies])]
    return {"present_names": "\n".join(present_names), "excused_names": "\n".join(absent),
            "proxy_names": "\n".join(proxy_lines)}


# ---------------------------------------------------------------------------
# Self-check: a clean plan obeys every rule of SPEC §5
# ---------------------------------------------------------------------------

NUMBER_KINDS = ("nombre entier", "nombre", "montant en euros", "pourcentage (0 à 100)")
ACTES_ID = re.compile(r"^(\d{3})-(\d{9})-(\d{8})-([A-Za-z0-9_]{1,15})-DE$")


def check_clean_plan(fields: dict[str, Any], rows: dict[str, list[dict[str, Any]]],
                     lists: dict[str, list[str]]) -> list[str]:
    """Every breach of SPEC §5 found in a plan's content, as short English sentences."""
    problems: list[str] = []
    allowed = {c.name: c.values for c in PLAN.lists if c.from_referential is None} | lists

    def check_value(where: str, column: Any, value: Any) -> None:
        if value is None or value == "":
            if column.required and column.key != "template_version":
                problems.append(f"{where}: required value missing")
            return
        if column.choices and value not in allowed[column.choices]:
            problems.append(f"{where}: {value!r} not in {column.choices}")
        if column.kind.value == "date" and not isinstance(value, dt.date):
            problems.append(f"{where}: not a date")
        if column.kind.value in NUMBER_KINDS and (isinstance(value, bool) or not isinstance(value, (int, float))):
            problems.append(f"{where}: not a number")
        if column.kind.value == "pourcentage (0 à 100)" and not 0 <= value <= 100:
            problems.append(f"{where}: percentage out of range")

    for named in PLAN.field_sheet.fields:
        check_value(f"Plan.{named.key}", named, fields.get(named.key))
    for table in PLAN.tables:
        for index, row in enumerate(rows.get(table.name, [])):
            for column in table.columns:
                check_value(f"{table.name}[{index}].{column.key}", column, row.get(column.key))

    epci = next(e for e in EPCIS.values() if e.name == fields["epci_name"])
    if not luhn_ok(fields["epci_siren"]) or fields["epci_siren"] != epci.siren:
        problems.append("epci_siren: bad Luhn key or not the référentiel's SIREN")
    start, end, status = fields["period_start"], fields["period_end"], fields["status"]
    if end <= start:
        problems.append("period ends before it starts")

    # References and duplicates.
    objectives = [o["number"] for o in rows["T_Objectifs"]]
    actions = [a["number"] for a in rows["T_Actions"]]
    for name, numbers in (("objective", objectives), ("action", actions),
                          ("lead", [p["number"] for p in rows["T_Pistes"]]),
                          ("session", [s["number"] for s in rows["T_Seances"]])):
        for number, count in Counter(numbers).items():
            if count > 1:
                problems.append(f"duplicate {name} number {number}")
    for a in rows["T_Actions"]:
        if a["objective"] not in objectives:
            problems.append(f"{a['number']}: unknown objective {a['objective']}")
        if a["lead"] == "Autre acteur" and not a.get("other_lead"):
            problems.append(f"{a['number']}: Autre porteur missing")
        if not all(isinstance(a.get(key), (dt.date, type(None))) for key in ("start", "end")):
            continue  # already reported as « not a date »
        if not start <= a["start"] <= end or (a.get("end") and not start <= a["end"] <= end):
            problems.append(f"{a['number']}: outside the plan period")
        if a.get("end") and a["end"] < a["start"]:
            problems.append(f"{a['number']}: ends before it starts")
    for o in rows["T_Objectifs"]:
        for code in o["measures"].split(";"):
            if code.strip() not in lists["L_Mesures"]:
                problems.append(f"{o['number']}: unknown measure {code}")
    for table, key in (("T_Financements", "action"), ("T_Suivi", "action"), ("T_Pistes", "action")):
        for row in rows[table]:
            if row.get(key) and row[key] not in actions:
                problems.append(f"{table}: unknown action {row[key]}")

    # Money: per action, funding (excluding Refusé) equals the cost.
    for a in rows["T_Actions"]:
        funded = sum(f["amount"] for f in rows["T_Financements"]
                     if f["action"] == a["number"] and f["status"] != "Refusé"
                     and isinstance(f["amount"], (int, float)))
        if a.get("cost") is not None and abs(funded - a["cost"]) > 1:
            problems.append(f"{a['number']}: funding {funded} != cost {a['cost']}")

    # Process: séances, groupe projet, binôme.
    sessions = {s["number"]: s for s in rows["T_Seances"]}
    expected = ("Interconnaissance", "Pistes de coopération", "Programme d'actions")
    if [sessions.get(n, {}).get("kind") for n in (1, 2, 3)] != list(expected):
        problems.append("séances 1-2-3 missing or of the wrong type")
    elif not sessions[1]["date"] < sessions[2]["date"] < sessions[3]["date"]:
        problems.append("séances 1-2-3 not in date order")
    for s in rows["T_Seances"]:
        if s["status"] == "Tenue" and s["date"] > REFERENCE_DAY:
            problems.append(f"séance {s['number']} held in the future")
    roles = Counter((m["structure"], m["role"]) for m in rows["T_GroupeProjet"])
    wanted = Counter({("Parc", "Président du Parc"): 1, ("Parc", "Vice-président proximité territoriale"): 1,
                      ("Parc", "Chargé de mission"): 2, ("EPCI", "Président de l'EPCI"): 1,
                      ("EPCI", "Vice-président de l'EPCI"): 1, ("EPCI", "Directeur général des services"): 1})
    if roles != wanted:
        problems.append(f"groupe projet incomplete: {dict(roles)}")
    pair = [m for m in rows["T_GroupeProjet"] if m.get("pair_role")]
    if (len(pair) != 2 or sorted(m["pair_role"] for m in pair) != ["Membre", "Référent"]
            or any(m["role"] != "Chargé de mission" or m["structure"] != "Parc"
                   or f"{m['first_name']} {m['last_name']}" not in lists["L_Equipe"] for m in pair)):
        problems.append("binôme is not two chargés de mission of the team with one référent")

    # Follow-up: two « Suivi semestriel » held per full year once en œuvre.
    if status == IN_PROGRESS:
        held = [s["date"] for s in rows["T_Seances"] if s["kind"] == "Suivi semestriel" and s["status"] == "Tenue"]
        for year in range(start.year, REFERENCE_DAY.year):
            if d(year, 1, 1) >= start and d(year, 12, 31) <= end and sum(h.year == year for h in held) < 2:
                problems.append(f"fewer than 2 follow-up meetings in {year}")
        window = start
        while window.replace(year=window.year + 1) <= min(end, REFERENCE_DAY):
            following = window.replace(year=window.year + 1)
            if sum(window <= h < following for h in held) < 2:
                problems.append(f"fewer than 2 follow-up meetings in the year from {window}")
            window = following
    for r in rows["T_Suivi"]:
        if r["date"] > REFERENCE_DAY:
            problems.append("review in the future")

    # Délibérations and votes.
    deliberations = rows["T_Deliberations"]
    voted = [x for x in deliberations if x.get("votes_for") is not None or x.get("result")]
    if status in VOTED_STATES:
        if sorted(x["body"] for x in voted if x.get("result") == "Adoptée") != [
                "Bureau syndical du Parc", "Conseil communautaire"]:
            problems.append("status needs both délibérations adopted")
    elif voted and status == ELABORATION:
        problems.append("a plan en élaboration has no vote")
    for x in deliberations:
        if 3 in sessions and x["date"] <= sessions[3]["date"]:
            problems.append(f"{x['body']}: dated before séance 3")
        if x.get("number") and not re.fullmatch(r"[A-Za-z0-9_]{1,15}", x["number"]):
            problems.append(f"{x['body']}: bad numéro")
        if x.get("votes_for") is None:
            continue
        if x["voters"] != x["present"] + x["proxies"]:
            problems.append(f"{x['body']}: votants != présents + pouvoirs")
        if x["votes_for"] + x["votes_against"] + x["abstentions"] != x["voters"]:
            problems.append(f"{x['body']}: pour + contre + abstentions != votants")
        if not x["members"] / 2 < x["present"] <= x["members"] or x["proxies"] > x["members"] - x["present"]:
            problems.append(f"{x['body']}: présents or pouvoirs impossible, or no quorum")
        if (x["result"] == "Adoptée") != (x["votes_for"] > x["votes_against"]):
            problems.append(f"{x['body']}: résultat disagrees with the counts")
        match = ACTES_ID.match(x.get("actes_id") or "")
        siren = epci.siren if x["body"] == "Conseil communautaire" else PARC_SIREN
        department = DEPARTMENT_CODES[epci.department] if x["body"] == "Conseil communautaire" else "007"
        if not match or match.groups() != (department, siren, f"{x['transmitted_on']:%Y%m%d}", x["number"]):
            problems.append(f"{x['body']}: bad identifiant @ctes {x.get('actes_id')}")
        if x["transmitted_on"] > REFERENCE_DAY:
            problems.append(f"{x['body']}: transmitted in the future")
        if x["body"] == "Conseil communautaire" and x["members"] != epci.councillors:
            problems.append("conseil communautaire: membres en exercice != conseillers de l'EPCI")
    return problems


# ---------------------------------------------------------------------------
# Deliberate mistakes (3 plans); each records where it is for the README
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    file: str
    sheet: str
    cell: str
    what: str
    code: str


def row_index(rows: dict[str, list[dict[str, Any]]], table: str, **match: Any) -> int:
    """Index of the first row of `table` whose values equal `match`."""
    return next(i for i, row in enumerate(rows[table]) if all(row.get(k) == v for k, v in match.items()))


def replace(rows: dict[str, list[dict[str, Any]]], table: str, index: int, key: str,
            value: Any, expected: Any) -> tuple[str, str]:
    """Put `value` in a cell that held `expected`; returns (sheet, A1 cell)."""
    assert rows[table][index].get(key) == expected, (table, index, key, rows[table][index].get(key))
    rows[table][index][key] = value
    return PLAN.table(table).sheet, cell_of(table, index, key)


def mistakes_val_de_ligne(file: str, fields: dict[str, Any], rows: dict[str, list[dict[str, Any]]]) -> list[Mistake]:
    found = []
    at = replace(rows, "T_Actions", row_index(rows, "T_Actions", number="A1.1"), "start", "12/03/2025", d(2025, 3, 12))
    found.append(Mistake(file, *at, "Date de début de l'action A1.1 saisie comme texte « 12/03/2025 »",
                         "text-in-date"))
    index = row_index(rows, "T_Financements", action="A1.2", funder=FUNDER_NAMES["COMMUNES"])
    at = replace(rows, "T_Financements", index, "amount", "1 200 €", 1200)
    found.append(Mistake(file, *at, "Montant saisi comme texte « 1 200 € » (A1.2, Communes)", "text-in-number"))
    at = replace(rows, "T_Actions", row_index(rows, "T_Actions", number="A3.1"), "status", "En cour", "En cours")
    found.append(Mistake(file, *at, "Statut « En cour » (faute de frappe, hors liste) pour l'action A3.1",
                         "invalid-choice"))
    at = replace(rows, "T_Actions", row_index(rows, "T_Actions", number="A2.2"), "cost", 33500, 30000)
    found.append(Mistake(file, *at, "Coût de l'action A2.2 porté à 33 500 € sans mettre à jour son plan de "
                         "financement (30 000 €)", "funding-mismatch"))
    return found


def mistakes_vans(file: str, fields: dict[str, Any], rows: dict[str, list[dict[str, Any]]]) -> list[Mistake]:
    found = []
    good = fields["epci_siren"]
    bad = good[:6] + good[7] + good[6] + good[8]  # two digits swapped while typing
    assert bad != good and not luhn_ok(bad)
    fields["epci_siren"] = bad
    found.append(Mistake(file, PLAN.field_sheet.name, f"B{PLAN.field_sheet.row_of('epci_siren')}",
                         f"SIREN de l'EPCI « {bad} » : deux chiffres inversés, clé de Luhn fausse",
                         "invalid-siren"))
    index = row_index(rows, "T_Deliberations", body="Conseil communautaire")
    vote = rows["T_Deliberations"][index]
    at = replace(rows, "T_Deliberations", index, "votes_for", vote["votes_for"] - 2, vote["votes_for"])
    counted = vote["votes_for"] + vote["votes_against"] + vote["abstentions"]
    found.append(Mistake(file, *at, f"Conseil communautaire : Pour + Contre + Abstentions ({counted}) ≠ "
                         f"Votants ({vote['voters']})", "vote-count-mismatch"))
    index = row_index(rows, "T_Deliberations", body="Bureau syndical du Parc")
    good_id = rows["T_Deliberations"][index]["actes_id"]
    bad_id = good_id[1:].rsplit("-", 1)[0]  # « 07-… » and no nature code
    at = replace(rows, "T_Deliberations", index, "actes_id", bad_id, good_id)
    found.append(Mistake(file, *at, f"Identifiant @ctes « {bad_id} » : département sur 2 chiffres et "
                         "code nature « DE » manquant", "invalid-actes-id"))
    at = replace(rows, "T_GroupeProjet", row_index(rows, "T_GroupeProjet", pair_role="Référent"),
                 "pair_role", "Membre", "Référent")
    found.append(Mistake(file, *at,
                         "Binôme technique sans référent : les deux chargés de mission sont « Membre »",
                         "pair-without-referent"))
    return found


def mistakes_sources_de_la_loire(file: str, fields: dict[str, Any],
                                 rows: dict[str, list[dict[str, Any]]]) -> list[Mistake]:
    found = []
    # The inserted row goes first, so that the cells recorded below are final.
    index = row_index(rows, "T_Actions", number="A1.2") + 1
    rows["T_Actions"].insert(index, {
        "number": "A1.2", "objective": "OS1",
        "title": "Navette estivale entre le Mont Gerbier de Jonc et le lac d'Issarlès",
        "description": "Ajoutée après la séance 3 en recopiant la ligne précédente.", "measure": "10.2",
        "horizon": "Moyen terme", "lead": "EPCI", "epci_role": "Organise le service.",
        "parc_role": "Communication auprès des visiteurs.", "officer": "Antoine Deleuze",
        "start": d(2028, 6, 1), "end": d(2029, 9, 30), "status": "À venir", "priority": "Basse"})
    found.append(Mistake(file, PLAN.table("T_Actions").sheet, cell_of("T_Actions", index, "number"),
                         "N° action « A1.2 » en double (nouvelle action numérotée comme la précédente)",
                         "duplicate-number"))
    at = replace(rows, "T_Actions", row_index(rows, "T_Actions", number="A3.2"), "objective", "OS4", "OS3")
    found.append(Mistake(file, *at, "L'action A3.2 est rattachée à l'objectif « OS4 », qui n'existe pas",
                         "unknown-objective"))
    at = replace(rows, "T_Actions", row_index(rows, "T_Actions", number="A2.2"), "end", d(2027, 6, 30), d(2029, 6, 30))
    found.append(Mistake(file, *at, "L'action A2.2 finit le 30/06/2027, avant son début (01/09/2027)",
                         "end-before-start"))
    at = replace(rows, "T_Actions", row_index(rows, "T_Actions", number="A2.1"), "parc_role", None,
                 "Maître d'ouvrage du plan de gestion.")
    found.append(Mistake(file, *at, "Rôle du Parc (obligatoire) vide pour l'action A2.1", "missing-value"))
    at = replace(rows, "T_Actions", row_index(rows, "T_Actions", number="A1.1"), "comment", "=SOMME(A1:A3)", None)
    found.append(Mistake(file, *at, "Texte « =SOMME(A1:A3) » dans un commentaire : test d'injection, ce n'est "
                         "pas une erreur ; la cellule doit rester du texte et ne jamais devenir une formule",
                         "aucun (doit rester du texte)"))
    return found


MISTAKES = {"valdeligne": mistakes_val_de_ligne, "vans": mistakes_vans,
            "sourcesloire": mistakes_sources_de_la_loire}


# ---------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------


def readme(summaries: list[dict[str, Any]], mistakes: list[Mistake]) -> str:
    duplicate = next(m for m in mistakes if m.code == "duplicate-number")
    duplicate_cost_cell = cell_of("T_Actions", int(duplicate.cell[1:]) - 2, "cost")
    real = [e for e in EPCIS.values() if e.is_real_siren]
    illustrative = [e for e in EPCIS.values() if not e.is_real_siren]
    lines = [
        "# Territoire d'exemple de coopxl",
        "",
        "> Ce dossier est généré par `scripts/make_examples.py` "
        "(`python scripts/make_examples.py`). Ne le modifiez pas à la main : "
        "relancez le script.",
        "",
        "C'est un dossier de travail complet (SPEC §2 et §9) : le référentiel du Parc "
        "(`referentiel.xlsx`) et un plan de coopération par EPCI (`plans/`). Il sert à la "
        "démonstration (`coopxl demo`), à la documentation et aux tests.",
        "",
        "## Ce que contiennent ces données",
        "",
        "- **Données illustratives.** Le territoire est celui du Parc naturel régional des Monts "
        "d'Ardèche vers 2014 : ses 13 EPCI (12 en Ardèche, 1 en Haute-Loire), d'après les notes "
        "du domaine. Les dates des plans, elles, sont récentes (2022-2029) pour que le suivi ait "
        "un sens aujourd'hui (jour de référence : "
        f"{REFERENCE_DAY:%d/%m/%Y}) ; plusieurs de ces EPCI ont en réalité fusionné en 2017.",
        "- **Personnes fictives.** Présidents, vice-présidents, DGS, chargés de mission, "
        "secrétaires de séance : tous les noms sont inventés. Les courriels utilisent des "
        "domaines en `.example` ; le téléphone indiqué est le standard public de la Maison du Parc.",
        "- **Charte 2013-2025.** Sa structure (3 vocations, 13 orientations numérotées de 1 à 13, "
        "mesures `orientation.n`) suit les notes ; les intitulés que les notes ne confirment pas "
        f"({len(ILLUSTRATIVE_LABELS)} intitulés d'orientations et de mesures, listés en fin de page) sont "
        "illustratifs, sans marque dans les cellules : un texte « (exemple) » ou « à compléter » est une "
        "erreur de validation, pour qu'il n'arrive jamais dans un acte. Les intitulés officiels restent à "
        "recopier depuis le rapport de charte.",
        "- **SIREN réels** (donnés par les notes, clé de Luhn vérifiée par le script) : "
        + ", ".join(f"{e.siren} ({e.name})" for e in real) + ".",
        "- **SIREN illustratifs** (inventés, clé de Luhn valide, à remplacer par les vrais) : "
        + ", ".join(f"{e.siren} ({e.name})" for e in illustrative)
        + f", et {PARC_SIREN} (syndicat mixte du Parc).",
        "- **Références illustratives** : le décret de classement (« "
        f"{PARC_FIELDS['decree']} »), la délégation du comité syndical au bureau (« "
        f"{PARC_FIELDS['delegation']} »), les sièges des EPCI, les heures et lieux des séances : à "
        "vérifier avant tout usage réel.",
        "- **Séances des délibérations** : les listes de présents, d'excusés et de pouvoirs sont "
        "fictives, tirées au hasard d'une liste de prénoms et de noms inventés, en accord avec les "
        "nombres de la délibération.",
        "",
        "## Les 13 plans",
        "",
        "| EPCI | Fichier | État | Période | Actions | Revues de suivi | Erreurs volontaires |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in summaries:
        lines.append(f"| {s['epci']} | `plans/{s['file']}` | {s['status']} | {s['period']} | "
                     f"{s['actions']} | {s['reviews']} | {'oui' if s['mistakes'] else 'non'} |")
    lines += [
        "",
        "Les dix plans sans erreur volontaire respectent toutes les règles de la spécification "
        "(SPEC §5) : la validation ne doit y trouver ni erreur ni avertissement.",
        "",
        "## Erreurs volontaires",
        "",
        "Trois plans contiennent des erreurs que la validation doit trouver. Les tableaux ont "
        "leur en-tête en ligne 1 : la première ligne de données est la ligne 2.",
        "",
        "| Fichier | Feuille | Cellule | Erreur | Code attendu |",
        "|---|---|---|---|---|",
    ]
    for m in mistakes:
        code = f"`{m.code}`" if " " not in m.code else m.code
        lines.append(f"| `{m.file}` | {m.sheet} | {m.cell} | {m.what} | {code} |")
    lines += [
        "",
        "Le tableau donne le constat attendu pour chaque cellule. Une erreur peut en entraîner "
        "d'autres par ricochet : l'action en double « A1.2 » des Sources de la Loire, sans coût, "
        "reçoit aussi le plan de financement de la première « A1.2 », d'où un avertissement "
        f"`funding-mismatch` sur son coût (feuille Actions, cellule {duplicate_cost_cell}).",
        "",
        "## Intitulés illustratifs de la charte",
        "",
        "Ces intitulés ne viennent pas des notes du domaine ; ils sont à remplacer par ceux du rapport "
        "de charte :",
        "",
        *[f"- {label}" for label in dict.fromkeys(ILLUSTRATIVE_LABELS)],
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def generate(output: Path) -> tuple[list[dict[str, Any]], list[Mistake]]:
    """Write the référentiel, the 13 plans and the README into `output`."""
    referential_path = write_workbook(REFERENTIAL, output / "referentiel.xlsx", fields=PARC_FIELDS,
                                      rows=referential_rows())
    referential = read_referential(referential_path)
    assert not referential.findings, [f.message for f in referential.findings]
    lists = plan_lists(referential)
    summaries, mistakes = [], []
    for plan in PLANS:
        epci = EPCIS[plan["epci"]]
        fields, rows = build_plan(plan)
        problems = check_clean_plan(fields, rows, lists)
        if problems:
            raise SystemExit(f"{epci.name}: the example breaks the rules:\n  " + "\n  ".join(problems))
        file = f"plan-cooperation_{slugify(epci.name)}.xlsx"
        injected = MISTAKES[plan["epci"]](file, fields, rows) if plan["epci"] in MISTAKES else []
        write_workbook(PLAN, output / "plans" / file, fields=fields, rows=rows, lists=lists)
        mistakes += injected
        start, end = plan["period"]
        summaries.append({
            "epci": epci.name, "file": file, "status": plan["status"],
            "period": f"{start:%d/%m/%Y} – {end:%d/%m/%Y}", "actions": len(rows["T_Actions"]),
            "reviews": sum(s["kind"] == "Suivi semestriel" and s["status"] == "Tenue" for s in rows["T_Seances"]),
            "mistakes": bool(injected)})
    (output / "README.md").write_text(readme(summaries, mistakes), encoding="utf-8")
    return summaries, mistakes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make_examples.py",
        description="Génère le territoire d'exemple de coopxl : référentiel, 13 plans de "
                    "coopération et README.",
        epilog="Exemple : python scripts/make_examples.py --sortie /tmp/exemples")
    parser.add_argument("--sortie", type=Path, default=DEFAULT_OUTPUT, metavar="DOSSIER",
                        help="dossier à remplir (par défaut : examples/ du dépôt)")
    args = parser.parse_args(argv)
    summaries, mistakes = generate(args.sortie)
    for s in summaries:
        flag = "  (erreurs volontaires)" if s["mistakes"] else ""
        print(f"{s['file']:<60} {s['status']:<17} {s['actions']:>2} actions, {s['reviews']} revues{flag}")
    print(f"{len(summaries)} plans, {len(mistakes)} erreurs volontaires, écrits dans {args.sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
