"""The workbook contract as data: sheets, tables, columns, defined names and lists.

Everything that knows a sheet, table, header or list value reads it from here: the
template builder, the reader, validation, the dashboard and the documentation. This
module imports nothing of the package (see STYLE.md, "arrows point down").

French text in this module is user-facing contract (SPEC.md §3 and §4); English names
are the code's keys.
"""

from __future__ import annotations

import enum
import functools
import unicodedata
from dataclasses import dataclass

TEMPLATE_VERSION = "2"
"""Version of the plan workbook template written by this coopxl (SPEC §10)."""

KNOWN_TEMPLATE_VERSIONS = ("1", "2")
"""Every template version coopxl has ever produced and still reads."""


class Kind(enum.Enum):
    """Type of a value in a cell; drives formats, coercion and validation."""

    TEXT = "texte"
    LONG_TEXT = "texte long"
    DATE = "date"
    INTEGER = "nombre entier"
    NUMBER = "nombre"
    AMOUNT = "montant en euros"
    PERCENT = "pourcentage (0 à 100)"
    SIREN = "SIREN (9 chiffres)"
    CODES = "codes séparés par « ; »"


NUMBER_FORMATS = {
    Kind.DATE: "dd/mm/yyyy",
    Kind.AMOUNT: '#,##0" €"',
    Kind.INTEGER: "0",
    Kind.NUMBER: "#,##0.0",
    Kind.PERCENT: '0" %"',
    Kind.SIREN: "@",
    Kind.TEXT: "@",
    Kind.LONG_TEXT: "@",
    Kind.CODES: "@",
}
"""Excel number format per kind, for the plan, the référentiel and the dashboard alike.

Excel shows them the French way on a French system. Each survives a save by LibreOffice in
a French or an English locale with its meaning (tests/test_formats.py): `#,##0 "€"` did not,
LibreOffice (French locale) rewrites it `#,##0,\\€`, which shows amounts divided by 1,000.
"""

DEFAULT_WIDTHS = {
    Kind.DATE: 12,
    Kind.AMOUNT: 14,
    Kind.INTEGER: 10,
    Kind.NUMBER: 12,
    Kind.PERCENT: 12,
    Kind.SIREN: 13,
    Kind.TEXT: 22,
    Kind.LONG_TEXT: 45,
    Kind.CODES: 18,
}


@dataclass(frozen=True)
class ChoiceList:
    """A list of allowed values, written to the hidden `Listes` sheet as a named range.

    `values` is empty for lists fed from the référentiel (`from_referential` names the
    source); those are filled when a plan workbook is created.
    """

    name: str
    header: str
    values: tuple[str, ...] = ()
    from_referential: str | None = None


@dataclass(frozen=True)
class Column:
    """One column of an Excel table: French header, English key, type, rules."""

    header: str
    key: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: str | None = None
    width: float | None = None
    hint: str = ""
    since: str = "1"
    """Template version that added the column: older workbooks lack it by design."""

    @property
    def display_width(self) -> float:
        return self.width or max(DEFAULT_WIDTHS[self.kind], min(len(self.header) + 4, 40))

    @property
    def wraps(self) -> bool:
        return self.kind is Kind.LONG_TEXT


@dataclass(frozen=True)
class Table:
    """An Excel table (ListObject) on its own sheet."""

    name: str
    sheet: str
    columns: tuple[Column, ...]
    help: str
    written_by_coopxl: bool = False

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.name} has no column {key!r}")

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns)


@dataclass(frozen=True)
class NamedField:
    """A labelled single cell (label in column A, value in column B) with a defined name."""

    label: str
    defined_name: str
    key: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: str | None = None
    locked: bool = False
    hint: str = ""


@dataclass(frozen=True)
class FieldSheet:
    """A sheet of labelled cells (`Plan`, `Parc`)."""

    name: str
    fields: tuple[NamedField, ...]
    help: str
    first_row: int = 3

    def field(self, key: str) -> NamedField:
        for named in self.fields:
            if named.key == key:
                return named
        raise KeyError(f"{self.name} has no field {key!r}")

    def row_of(self, key: str) -> int:
        return self.first_row + [f.key for f in self.fields].index(key)


@dataclass(frozen=True)
class WorkbookSchema:
    """A whole workbook: its sheets in order, its tables and its lists."""

    title: str
    readme_sheet: str
    field_sheet: FieldSheet
    tables: tuple[Table, ...]
    lists: tuple[ChoiceList, ...]
    lists_sheet: str | None = None
    intro: tuple[str, ...] = ()

    @property
    def sheet_names(self) -> tuple[str, ...]:
        names = [self.readme_sheet, self.field_sheet.name]
        names += [table.sheet for table in self.tables]
        if self.lists_sheet:
            names.append(self.lists_sheet)
        return tuple(names)

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def choice_list(self, name: str) -> ChoiceList:
        for choice_list in self.lists:
            if choice_list.name == name:
                return choice_list
        raise KeyError(name)


@functools.lru_cache(maxsize=4096)
def normalize_header(text: object) -> str:
    """Header as compared by the reader: case, accents, spaces and ★ do not matter."""
    raw = "" if text is None else str(text)
    raw = raw.replace("★", "").replace("*", "")
    decomposed = unicodedata.normalize("NFKD", raw)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("œ", "oe").replace("Œ", "oe").replace("’", "'")
    return " ".join(stripped.lower().split())


# ---------------------------------------------------------------------------
# Lists (SPEC §3 and §4)
# ---------------------------------------------------------------------------

ACTION_STATUSES = ("À venir", "En cours", "Réalisée", "Reportée", "Abandonnée")

_STATIC_LISTS = (
    ChoiceList("L_StatutPlan", "Statut du plan",
               ("En élaboration", "Programme arrêté", "Approuvé", "En œuvre", "Clos")),
    ChoiceList("L_Structure", "Structure", ("Parc", "EPCI")),
    ChoiceList("L_College", "Collège", ("Élu", "Technicien")),
    ChoiceList("L_Fonction", "Fonction", (
        "Président du Parc", "Présidente du Parc",
        "Vice-président proximité territoriale", "Vice-présidente proximité territoriale",
        "Chargé de mission", "Chargée de mission",
        "Président de l'EPCI", "Présidente de l'EPCI",
        "Vice-président de l'EPCI", "Vice-présidente de l'EPCI",
        "Directeur général des services", "Directrice générale des services",
        "Autre")),
    ChoiceList("L_Civilite", "Civilité", ("M.", "Mme")),
    ChoiceList("L_Binome", "Binôme technique", ("Référent", "Membre")),
    ChoiceList("L_TypeSeance", "Type de séance", (
        "Interconnaissance", "Pistes de coopération", "Programme d'actions",
        "Suivi semestriel", "Autre")),
    ChoiceList("L_StatutSeance", "Statut de séance", ("Prévue", "Tenue", "Reportée", "Annulée")),
    ChoiceList("L_Rubrique", "Rubrique", (
        "Attentes et préoccupations", "Compétences et missions",
        "Diagnostic du territoire", "Orientations et projets de territoire")),
    ChoiceList("L_Horizon", "Horizon", ("Court terme", "Moyen terme")),
    ChoiceList("L_DecisionPiste", "Décision sur la piste", ("Retenue", "À approfondir", "Non retenue")),
    ChoiceList("L_Porteur", "Porteur", ("EPCI", "Parc", "Co-portage", "Autre acteur")),
    ChoiceList("L_StatutAction", "Statut d'action", ACTION_STATUSES),
    ChoiceList("L_Priorite", "Priorité", ("Haute", "Moyenne", "Basse")),
    ChoiceList("L_StatutFinancement", "Statut du financement",
               ("À solliciter", "Sollicité", "Acquis", "Refusé")),
    ChoiceList("L_DecisionSuivi", "Décision de suivi", ("Poursuivre", "Ajuster", "Reporter", "Abandonner")),
    ChoiceList("L_Instance", "Instance", (
        "Conseil communautaire", "Bureau syndical du Parc", "Comité syndical du Parc")),
    ChoiceList("L_Resultat", "Résultat du vote", ("Adoptée", "Rejetée", "Ajournée")),
)

_REFERENTIAL_LISTS = (
    ChoiceList("L_EPCI", "EPCI du territoire", from_referential="epci_names"),
    ChoiceList("L_Chartes", "Versions de la charte", from_referential="charter_versions"),
    ChoiceList("L_Mesures", "Mesures de la charte", from_referential="measure_codes"),
    ChoiceList("L_Equipe", "Équipe du Parc", from_referential="staff_names"),
    ChoiceList("L_Financeurs", "Financeurs", from_referential="funder_names"),
    ChoiceList("L_Matieres", "Matières @ctes", from_referential="actes_subjects"),
)

REFERENTIAL_COMPANION_COLUMNS = (
    ChoiceList("L_EPCI_SIREN", "SIREN des EPCI", from_referential="epci_sirens"),
    ChoiceList("L_Mesures_Libelle", "Libellé des mesures", from_referential="measure_labels"),
    ChoiceList("L_Financeurs_Code", "Code des financeurs", from_referential="funder_codes"),
    ChoiceList("L_Financeurs_Type", "Type des financeurs", from_referential="funder_kinds"),
)
"""Columns copied beside the référentiel lists so that a plan workbook works alone.

They are not drop-downs, only data for coopxl (which financeur is LEADER, the SIREN of
each EPCI…); each is aligned row by row with the list its name starts with.
"""

# ---------------------------------------------------------------------------
# Plan workbook (SPEC §3)
# ---------------------------------------------------------------------------

PLAN_FIELDS = FieldSheet(
    name="Plan",
    help=("Identité du plan : l'EPCI, sa période, la charte de référence et l'avancement "
          "de la démarche. Une valeur par ligne, dans la colonne B ; ne déplacez pas les cellules."),
    fields=(
        NamedField("EPCI", "epci_nom", "epci_name", required=True, choices="L_EPCI",
                   hint="Choisissez l'EPCI dans la liste."),
        NamedField("SIREN de l'EPCI", "epci_siren", "epci_siren", Kind.SIREN, required=True,
                   hint="9 chiffres, sans espace."),
        NamedField("Intitulé du plan", "plan_intitule", "title"),
        NamedField("Début de la période", "periode_debut", "period_start", Kind.DATE, required=True),
        NamedField("Fin de la période", "periode_fin", "period_end", Kind.DATE, required=True,
                   hint="Postérieure au début de la période."),
        NamedField("Charte de référence", "charte_version", "charter_version", required=True,
                   choices="L_Chartes"),
        NamedField("Statut du plan", "plan_statut", "status", required=True, choices="L_StatutPlan"),
        NamedField("Date de mise à jour", "date_maj", "updated_on", Kind.DATE),
        NamedField("Version du modèle", "modele_version", "template_version", locked=True,
                   hint="Ne pas modifier : coopxl s'en sert pour lire le classeur."),
    ),
)

PLAN_TABLES = (
    Table("T_GroupeProjet", "Groupe projet", help=(
        "Les membres du groupe projet : pour le Parc, le président, le vice-président chargé de "
        "la proximité territoriale et deux chargés de mission ; pour l'EPCI, le président, un "
        "vice-président et le directeur général des services. Les deux chargés de mission du Parc "
        "forment le binôme technique, dont l'un est le référent."), columns=(
        Column("Structure", "structure", required=True, choices="L_Structure", width=10),
        Column("Collège", "college", required=True, choices="L_College", width=12),
        Column("Fonction", "role", required=True, choices="L_Fonction", width=34),
        Column("Civilité", "civility", choices="L_Civilite", width=10),
        Column("Prénom", "first_name", required=True, width=16),
        Column("Nom", "last_name", required=True, width=18),
        Column("Fonction détaillée", "role_detail", width=34),
        Column("Courriel", "email", width=28),
        Column("Téléphone", "phone", width=16),
        Column("Binôme technique", "pair_role", choices="L_Binome", width=18,
               hint="Référent ou Membre pour les deux chargés de mission du binôme ; vide sinon."),
    )),
    Table("T_Seances", "Séances", help=(
        "Les séances de travail : 1 interconnaissance, 2 pistes de coopération, 3 programme "
        "d'actions, puis les réunions de suivi semestrielles."), columns=(
        Column("N°", "number", Kind.INTEGER, required=True, width=6),
        Column("Type", "kind", required=True, choices="L_TypeSeance", width=24),
        Column("Date", "date", Kind.DATE, required=True),
        Column("Lieu", "place", width=22),
        Column("Statut", "status", required=True, choices="L_StatutSeance", width=12),
        Column("Participants", "participants", Kind.LONG_TEXT, width=35),
        Column("Principaux résultats", "outcomes", Kind.LONG_TEXT, width=50),
    )),
    Table("T_Interconnaissance", "Interconnaissance", help=(
        "Ce qui ressort de la première séance : attentes et préoccupations, compétences et "
        "missions, diagnostic du territoire, orientations de chaque structure."), columns=(
        Column("Rubrique", "topic", required=True, choices="L_Rubrique", width=34),
        Column("Structure", "structure", required=True, choices="L_Structure", width=10),
        Column("Contenu", "content", Kind.LONG_TEXT, required=True, width=80),
    )),
    Table("T_Pistes", "Pistes", help=(
        "Les pistes de coopération repérées en deuxième séance, à court ou moyen terme, et la "
        "décision prise sur chacune."), columns=(
        Column("N° piste", "number", required=True, width=9),
        Column("Intitulé", "title", Kind.LONG_TEXT, required=True, width=50),
        Column("Horizon", "horizon", required=True, choices="L_Horizon", width=13),
        Column("Mesure de la charte", "measure", choices="L_Mesures", width=12),
        Column("Décision", "decision", required=True, choices="L_DecisionPiste", width=14),
        Column("Action issue", "action", width=12),
    )),
    Table("T_Objectifs", "Objectifs", help=(
        "Les objectifs stratégiques arrêtés en troisième séance, numérotés OS1, OS2… Chacun "
        "sert une ou plusieurs mesures de la charte (codes séparés par « ; »)."), columns=(
        Column("N° objectif", "number", required=True, width=12),
        Column("Objectif stratégique", "title", Kind.LONG_TEXT, required=True, width=50),
        Column("Mesures de la charte", "measures", Kind.CODES, required=True, width=20),
        Column("Description", "description", Kind.LONG_TEXT, width=60),
    )),
    Table("T_Actions", "Actions", help=(
        "Le programme d'actions : une ligne par action (A1.1, A1.2…), rattachée à un objectif, "
        "avec son calendrier, la répartition des rôles entre l'EPCI, le Parc et les autres "
        "acteurs, son coût et son statut."), columns=(
        Column("N° action", "number", required=True, width=10),
        Column("Objectif", "objective", required=True, width=10),
        Column("Intitulé", "title", Kind.LONG_TEXT, required=True, width=40),
        Column("Description", "description", Kind.LONG_TEXT, width=50),
        Column("Mesure de la charte", "measure", required=True, choices="L_Mesures", width=12),
        Column("Horizon", "horizon", required=True, choices="L_Horizon", width=13),
        Column("Porteur", "lead", required=True, choices="L_Porteur", width=13),
        Column("Autre porteur", "other_lead", width=20,
               hint="Obligatoire quand le porteur est « Autre acteur »."),
        Column("Rôle de l'EPCI", "epci_role", Kind.LONG_TEXT, required=True, width=30),
        Column("Rôle du Parc", "parc_role", Kind.LONG_TEXT, required=True, width=30),
        Column("Partenaires", "partners", Kind.LONG_TEXT, width=28),
        Column("Chargé de mission Parc", "officer", choices="L_Equipe", width=22),
        Column("Début", "start", Kind.DATE, required=True),
        Column("Fin", "end", Kind.DATE),
        Column("Statut", "status", required=True, choices="L_StatutAction", width=12),
        Column("Priorité", "priority", choices="L_Priorite", width=10),
        Column("Coût total (€ HT)", "cost", Kind.AMOUNT, width=16),
        Column("Jours Parc par an", "parc_days", Kind.NUMBER, width=10),
        Column("Indicateur", "indicator", Kind.LONG_TEXT, width=28),
        Column("Valeur cible", "target", width=14),
        Column("Commentaire", "comment", Kind.LONG_TEXT, width=35),
    )),
    Table("T_Financements", "Financements", help=(
        "Le plan de financement : une ligne par action et par financeur (et par année si "
        "besoin). Hors financements refusés, la somme par action doit égaler son coût total."),
        columns=(
        Column("N° action", "action", required=True, width=10),
        Column("Financeur", "funder", required=True, choices="L_Financeurs", width=30),
        Column("Dispositif", "scheme", width=30),
        Column("Année", "year", Kind.INTEGER, width=8),
        Column("Montant (€ HT)", "amount", Kind.AMOUNT, required=True, width=15),
        Column("Statut", "status", required=True, choices="L_StatutFinancement", width=13),
    )),
    Table("T_Suivi", "Suivi", help=(
        "Le suivi semestriel : une ligne par action et par réunion de suivi, avec le statut à "
        "date, l'avancement, les réalisations, les difficultés et la décision du groupe."),
        columns=(
        Column("Date de revue", "date", Kind.DATE, required=True),
        Column("N° action", "action", required=True, width=10),
        Column("Statut", "status", required=True, choices="L_StatutAction", width=12),
        Column("Avancement (%)", "progress", Kind.PERCENT, width=12),
        Column("Réalisations", "achievements", Kind.LONG_TEXT, width=40),
        Column("Difficultés", "difficulties", Kind.LONG_TEXT, width=35),
        Column("Prochaines étapes", "next_steps", Kind.LONG_TEXT, width=35),
        Column("Décision", "decision", choices="L_DecisionSuivi", width=13),
    )),
    Table("T_Deliberations", "Délibérations", help=(
        "Les délibérations qui approuvent le plan : conseil communautaire de l'EPCI et bureau "
        "(ou comité) syndical du Parc. Une ligne avec une date de séance et sans vote prépare "
        "un projet de délibération ; une fois le vote saisi, coopxl produit l'extrait."),
        columns=(
        Column("Instance", "body", required=True, choices="L_Instance", width=26),
        Column("Numéro", "number", width=14, hint="15 caractères au plus : lettres, chiffres et « _ »."),
        Column("Date de séance", "date", Kind.DATE, required=True, width=14),
        Column("Date de convocation", "convened_on", Kind.DATE, width=14),
        Column("Président de séance", "chair", width=22),
        Column("Secrétaire de séance", "secretary", width=22),
        Column("Rapporteur", "rapporteur", width=22),
        Column("Membres en exercice", "members", Kind.INTEGER, width=11),
        Column("Présents", "present", Kind.INTEGER, width=10),
        Column("Pouvoirs", "proxies", Kind.INTEGER, width=10),
        Column("Votants", "voters", Kind.INTEGER, width=10),
        Column("Pour", "votes_for", Kind.INTEGER, width=8),
        Column("Contre", "votes_against", Kind.INTEGER, width=8),
        Column("Abstentions", "abstentions", Kind.INTEGER, width=11),
        Column("Résultat", "result", choices="L_Resultat", width=11),
        Column("Matière @ctes", "actes_subject", choices="L_Matieres", width=30),
        Column("Date de transmission", "transmitted_on", Kind.DATE, width=14),
        Column("Identifiant @ctes", "actes_id", width=34,
               hint="Tel qu'il figure sur l'accusé de réception : DDD-SIREN-AAAAMMJJ-NUMERO-DE."),
        Column("Date de publication", "published_on", Kind.DATE, width=14),
        Column("Heure", "hour", width=9, since="2",
               hint="Heure d'ouverture de la séance, par exemple 18 h 30."),
        Column("Lieu", "place", width=26, since="2",
               hint="Salle et commune de la séance, par exemple « salle du conseil, Le Cheylard »."),
        Column("Liste des présents", "present_names", Kind.LONG_TEXT, width=40, since="2",
               hint="Un nom par ligne ou séparés par « ; », précédés de « M. » ou « Mme »."),
        Column("Liste des excusés", "excused_names", Kind.LONG_TEXT, width=30, since="2",
               hint="Les membres absents excusés, un nom par ligne ou séparés par « ; »."),
        Column("Liste des pouvoirs", "proxy_names", Kind.LONG_TEXT, width=36, since="2",
               hint="Un pouvoir par ligne ou séparés par « ; », sous la forme « Mandant à Mandataire »."),
    )),
    Table("T_Controles", "Contrôles", written_by_coopxl=True, help=(
        "Écrite par coopxl (bouton Valider ou commande « coopxl valider --annoter ») : la liste "
        "des erreurs et avertissements trouvés, avec la cellule à corriger. Ne la modifiez pas à "
        "la main : elle est remplacée à chaque contrôle."), columns=(
        Column("Sévérité", "severity", width=15),
        Column("Code", "code", width=24),
        Column("Feuille", "sheet", width=18),
        Column("Cellule", "cell", width=9),
        Column("Champ", "field", width=22),
        Column("Valeur", "value", width=22),
        Column("Message", "message", Kind.LONG_TEXT, width=90),
    )),
)

PLAN = WorkbookSchema(
    title="Plan de coopération",
    readme_sheet="Lisez-moi",
    field_sheet=PLAN_FIELDS,
    tables=PLAN_TABLES,
    lists=_STATIC_LISTS + _REFERENTIAL_LISTS + REFERENTIAL_COMPANION_COLUMNS,
    lists_sheet="Listes",
    intro=(
        "Ce classeur porte le plan de coopération entre un EPCI et le Parc naturel régional "
        "des Monts d'Ardèche : le groupe projet, les trois séances de travail, les objectifs, "
        "les actions, le plan de financement, le suivi semestriel et les délibérations.",
        "Chaque feuille contient un tableau Excel : ajoutez des lignes en tapant juste sous le "
        "tableau (il s'agrandit tout seul). Les colonnes marquées d'un astérisque dans la liste "
        "ci-dessous sont obligatoires. Les listes déroulantes proposent les valeurs admises.",
        "Les dates se saisissent au format jj/mm/aaaa, les montants en euros hors taxes, sans "
        "le symbole €. Ne renommez ni les feuilles ni les tableaux, et ne modifiez pas la "
        "feuille masquée « Listes ».",
        "Pour contrôler le classeur : bouton « Valider » de l'onglet Coopération, ou commande "
        "« coopxl valider ». Les remarques s'affichent dans la feuille « Contrôles ».",
    ),
)

# ---------------------------------------------------------------------------
# Référentiel workbook (SPEC §4)
# ---------------------------------------------------------------------------

REFERENTIAL_FIELDS = FieldSheet(
    name="Parc",
    help=("Identité du Parc et du syndicat mixte, instance qui approuve les plans, charte en "
          "vigueur et références citées dans les délibérations."),
    fields=(
        NamedField("Nom du Parc", "parc_nom", "park_name", required=True),
        NamedField("Organisme gestionnaire (syndicat mixte)", "organisme_nom", "body_name", required=True),
        NamedField("SIREN du syndicat mixte", "organisme_siren", "body_siren", Kind.SIREN, required=True),
        NamedField("Adresse du siège", "siege_adresse", "address"),
        NamedField("Commune du siège", "siege_commune", "seat_town",
                   hint="La commune où le Parc signe ses actes, avec son article s'il en a un "
                        "(« Jaujac », « Le Cheylard ») : l'extrait se termine par « Fait à … »."),
        NamedField("Civilité du président", "president_civilite", "president_civility", choices="L_Civilite"),
        NamedField("Président du Parc", "president_nom", "president_name", required=True),
        NamedField("Vice-président chargé de la proximité territoriale", "vp_proximite_nom", "vp_name"),
        NamedField("Civilité du vice-président", "vp_proximite_civilite", "vp_civility", choices="L_Civilite"),
        NamedField("Instance qui approuve les plans", "instance_approbation", "approving_body",
                   required=True, choices="L_InstanceApprobation"),
        NamedField("Délibération de délégation au bureau", "delegation_reference", "delegation",
                   hint="Sous la forme « délibération du comité syndical n° … du … » : les délibérations "
                        "écrivent « Vu la … portant délégation d'attributions au bureau syndical »."),
        NamedField("Charte en vigueur (version)", "charte_version", "charter_version", required=True),
        NamedField("Intitulé de la charte", "charte_libelle", "charter_label"),
        NamedField("Décret de classement", "decret_reference", "decree",
                   hint="Sous la forme « décret n° … du … » : les délibérations écrivent « Vu le … portant "
                        "renouvellement du classement du Parc »."),
        NamedField("Tribunal administratif", "tribunal_administratif", "court"),
    ),
)

REFERENTIAL_TABLES = (
    Table("T_EPCI", "EPCI", help=(
        "Les EPCI du territoire du Parc (communautés de communes et d'agglomération), avec "
        "leur SIREN, leur président et leur nombre de conseillers en exercice."), columns=(
        Column("SIREN", "siren", Kind.SIREN, required=True),
        Column("Nom", "name", required=True, width=38),
        Column("Forme", "form", required=True, choices="L_Forme", width=8),
        Column("Département", "department", required=True, width=14),
        Column("Siège", "seat", width=22),
        Column("Civilité du président", "president_civility", choices="L_Civilite", width=11),
        Column("Président(e)", "president", width=24),
        Column("DGS", "dgs", width=24),
        Column("Conseillers en exercice", "councillors", Kind.INTEGER, width=12),
        Column("Tribunal administratif", "court", width=20),
        Column("Actif", "active", choices="L_OuiNon", width=8),
        Column("SIREN successeur", "successor_siren", Kind.SIREN),
        Column("Nom officiel", "official_name", width=44,
               hint="Par exemple « Communauté de communes Val'Eyrieux » ; laissé vide, il est déduit de "
                    "la forme et du nom."),
        Column("Civilité du DGS", "dgs_civility", choices="L_Civilite", width=11),
    )),
    Table("T_Charte", "Charte", help=(
        "La structure de la charte : vocations, orientations et mesures. Les codes de mesure "
        "(par exemple 5.2) sont ceux que les plans citent."), columns=(
        Column("Version", "version", required=True, width=18),
        Column("Vocation", "vocation", Kind.LONG_TEXT, width=40),
        Column("N° orientation", "orientation_number", Kind.INTEGER, width=12),
        Column("Orientation", "orientation", Kind.LONG_TEXT, width=50),
        Column("Code mesure", "code", required=True, width=10),
        Column("Mesure", "label", Kind.LONG_TEXT, required=True, width=60),
    )),
    Table("T_Equipe", "Équipe", help=(
        "L'équipe technique du Parc : les chargés de mission qui forment les binômes et suivent "
        "les actions, avec leurs jours disponibles par an."), columns=(
        Column("Civilité", "civility", choices="L_Civilite", width=10),
        Column("Prénom", "first_name", required=True, width=16),
        Column("Nom", "last_name", required=True, width=18),
        Column("Poste", "post", required=True, width=40),
        Column("Pôle", "unit", width=24),
        Column("Jours disponibles par an", "days_available", Kind.NUMBER, width=12),
    )),
    Table("T_Financeurs", "Financeurs", help=(
        "Les financeurs proposés dans les plans de financement. Le programme LEADER a le code "
        "LEADER."), columns=(
        Column("Code", "code", required=True, width=12),
        Column("Financeur", "name", required=True, width=40),
        Column("Type", "kind", required=True, choices="L_TypeFinanceur", width=14),
    )),
    Table("T_Matieres", "Matières @ctes", help=(
        "La nomenclature des matières @ctes (niveaux 1 et 2) utilisée pour classer les "
        "délibérations ; par défaut 8.4 Aménagement du territoire."), columns=(
        Column("Code", "code", required=True, width=8),
        Column("Libellé", "label", required=True, width=60),
    )),
)

REFERENTIAL = WorkbookSchema(
    title="Référentiel du Parc",
    readme_sheet="Lisez-moi",
    field_sheet=REFERENTIAL_FIELDS,
    tables=REFERENTIAL_TABLES,
    lists=(
        ChoiceList("L_Civilite", "Civilité", ("M.", "Mme")),
        ChoiceList("L_InstanceApprobation", "Instance d'approbation", ("Bureau syndical", "Comité syndical")),
        ChoiceList("L_Forme", "Forme", ("CC", "CA")),
        ChoiceList("L_OuiNon", "Oui ou non", ("Oui", "Non")),
        ChoiceList("L_TypeFinanceur", "Type de financeur", (
            "Europe", "État", "Région", "Département", "EPCI", "Parc", "Autre public", "Privé")),
    ),
    lists_sheet="Listes",
    intro=(
        "Ce classeur rassemble les données de référence du Parc naturel régional des Monts "
        "d'Ardèche utilisées par coopxl : l'identité du Parc, les EPCI du territoire, la "
        "charte, l'équipe, les financeurs et la nomenclature @ctes.",
        "Il est tenu par le Parc. Les listes qu'il contient sont recopiées dans chaque plan de "
        "coopération à sa création (commande « coopxl nouveau »).",
    ),
)

# ---------------------------------------------------------------------------
# Values of the lists that carry meaning for coopxl's rules and computations
# ---------------------------------------------------------------------------

REFUSED = "Refusé"
"""Funding status left out of every total (SPEC §5, money)."""
TO_REQUEST = "À solliciter"
REFERENT, PAIR_MEMBER = "Référent", "Membre"
REVIEW_SESSION = "Suivi semestriel"
HELD, PLANNED = "Tenue", "Prévue"
CC_BODY = "Conseil communautaire"
PARC_BODIES = ("Bureau syndical du Parc", "Comité syndical du Parc")
CLOSED_STATUSES = ("Réalisée", "Abandonnée")
OPEN_STATUSES = ("À venir", "En cours", "Reportée")
IN_PREPARATION, IN_PROGRESS = "En élaboration", "En œuvre"
APPROVED_STATUSES = ("Approuvé", IN_PROGRESS, "Clos")
EARLY_STATUSES = (IN_PREPARATION, "Programme arrêté")
FOLLOWED_STATUSES = ("Approuvé", IN_PROGRESS)
"""Plan statuses whose working group meets twice a year."""
ADOPTED, REJECTED = "Adoptée", "Rejetée"
FEMININE_ROLES = {
    "Présidente du Parc": "Président du Parc",
    "Vice-présidente proximité territoriale": "Vice-président proximité territoriale",
    "Chargée de mission": "Chargé de mission",
    "Présidente de l'EPCI": "Président de l'EPCI",
    "Vice-présidente de l'EPCI": "Vice-président de l'EPCI",
    "Directrice générale des services": "Directeur général des services",
}
"""Feminine « Fonction » values (template version 2) → the role they name."""


def canonical_role(value: str | None) -> str | None:
    """The role a « Fonction » value names, whatever its grammatical gender."""
    return FEMININE_ROLES.get(value, value) if value else value


DEFAULT_ACTES_SUBJECT = "8.4"
"""@ctes matière proposed for the délibérations of a plan (domain notes §1.4)."""

LEADER_FUNDER_CODE = "LEADER"

SCHEMAS = {"plan": PLAN, "referentiel": REFERENTIAL}


def all_static_values(schema: WorkbookSchema) -> dict[str, tuple[str, ...]]:
    """Values of the lists that do not come from the référentiel, by list name."""
    return {c.name: c.values for c in schema.lists if c.from_referential is None}

# ---------------------------------------------------------------------------
# Dashboard workbook (SPEC §6), written by `coopxl consolider`
# ---------------------------------------------------------------------------

_EPCI_COLUMNS = (Column("EPCI", "epci", width=32), Column("SIREN", "siren", Kind.SIREN))


@dataclass(frozen=True)
class DashboardSheet:
    """A sheet of the dashboard: a title, and one main table (fixed or dynamic columns)."""

    name: str
    title: str
    table: Table


DASHBOARD_SYNTHESIS = Table("T_Synthese", "Synthèse", help="Une ligne par EPCI du référentiel.", columns=(
    *_EPCI_COLUMNS,
    Column("Statut du plan", "status", width=16),
    Column("Période", "period", width=24),
    Column("Référent Parc", "referent", width=20),
    Column("Objectifs", "objectives", Kind.INTEGER),
    Column("Actions", "actions", Kind.INTEGER),
    Column("À venir", "to_come", Kind.INTEGER),
    Column("En cours", "ongoing", Kind.INTEGER),
    Column("Réalisées", "done", Kind.INTEGER),
    Column("Reportées", "postponed", Kind.INTEGER),
    Column("Abandonnées", "abandoned", Kind.INTEGER),
    Column("Coût total (€ HT)", "cost", Kind.AMOUNT, width=16),
    Column("Financement EPCI", "epci_funding", Kind.AMOUNT, width=16),
    Column("Financement Parc", "parc_funding", Kind.AMOUNT, width=16),
    Column("LEADER", "leader_funding", Kind.AMOUNT, width=14),
    Column("Dernière revue", "last_review", Kind.DATE, width=14),
    Column("Délibération EPCI", "epci_deliberation", width=26),
    Column("Délibération Parc", "parc_deliberation", width=26),
    Column("Erreurs", "errors", Kind.INTEGER),
    Column("Avertissements", "warnings", Kind.INTEGER, width=14),
    Column("Remarque", "remark", Kind.LONG_TEXT, width=50),
    Column("Fichier", "file", width=40),
))
"""Status columns in the order of ACTION_STATUSES: to_come … abandoned. « Fichier » comes last:
on screen and on paper the first columns go to what the comité reads."""

SYNTHESIS_STATUS_KEYS = dict(zip(ACTION_STATUSES, ("to_come", "ongoing", "done", "postponed", "abandoned")))

DASHBOARD_ACTIONS = Table("T_ToutesActions", "Actions", help="Toutes les actions de tous les plans.", columns=(
    *_EPCI_COLUMNS, *PLAN.table("T_Actions").columns, Column("En retard", "late", width=10)))

DASHBOARD_FUNDINGS = Table("T_TousFinancements", "Financements", help="Tous les plans de financement.",
                           columns=(*_EPCI_COLUMNS, *PLAN.table("T_Financements").columns))

DASHBOARD_TEAM = Table("T_EquipeParc", "Équipe Parc", help="Charge de l'équipe du Parc.", columns=(
    Column("Chargé de mission", "name", width=24),
    Column("Poste", "post", width=36),
    Column("Plans comme référent", "referent_plans", Kind.INTEGER, width=12),
    Column("Plans dans le binôme", "pair_plans", Kind.INTEGER, width=12),
    Column("Actions suivies", "actions", Kind.INTEGER, width=12),
    Column("Actions en cours ou à venir", "open_actions", Kind.INTEGER, width=14),
    Column("Jours Parc par an engagés", "committed_days", Kind.NUMBER, width=14),
    Column("Jours disponibles par an", "available_days", Kind.NUMBER, width=14),
    Column("Taux de charge (%)", "load", Kind.PERCENT, width=12),
    Column("Référent de", "referent_of", Kind.LONG_TEXT, width=50),
))

DASHBOARD_CHECKS = Table("T_TousControles", "Contrôles", help="Toutes les remarques de tous les plans.",
                         columns=(Column("EPCI", "epci", width=30), *PLAN.table("T_Controles").columns,
                                  Column("Fichier", "file", width=40)))

DASHBOARD_COMMITTEE = Table("T_Comite", "Synthèse pour le comité", help="Les chiffres clés par EPCI, sur une page.",
                            columns=(
    Column("EPCI", "epci", width=34),
    Column("Statut du plan", "status", width=16),
    Column("Actions", "actions", Kind.INTEGER, width=9),
    Column("Réalisées", "done", Kind.INTEGER, width=10),
    Column("En cours", "ongoing", Kind.INTEGER, width=9),
    Column("À venir", "to_come", Kind.INTEGER, width=9),
    Column("Coût total (€ HT)", "cost", Kind.AMOUNT, width=15),
    Column("Financement Parc", "parc_funding", Kind.AMOUNT, width=15),
    Column("LEADER", "leader_funding", Kind.AMOUNT, width=14),
    Column("Dernière revue", "last_review", Kind.DATE, width=13),
))
"""The one-page « Synthèse pour le comité »: a subset of T_Synthese's columns (same keys), and a total row."""

DASHBOARD_FUNDER_SHEET = "Financeurs par EPCI"
DASHBOARD_FUNDER_SUMMARY = "T_FinanceursParEPCI"
DASHBOARD_CHARTER = "T_ChartePlans"
DASHBOARD_CALENDAR = "T_Calendrier"

NOT_RECEIVED = "Non reçu"
UNREADABLE = "Illisible"
DUPLICATE = "Doublon"
"""Statuses of the Synthèse rows of EPCIs without a usable plan (SPEC §6)."""

# ---------------------------------------------------------------------------
# One filled row per plan table, shown in the input message of each column (issue 16)
# ---------------------------------------------------------------------------

PLAN_EXAMPLES: dict[str, dict[str, str]] = {
    "T_GroupeProjet": {
        "structure": "Parc", "college": "Technicien", "role": "Chargée de mission", "civility": "Mme",
        "first_name": "Claire", "last_name": "Martin", "role_detail": "Chargée de mission mobilité",
        "email": "claire.martin@exemple.fr", "phone": "04 75 00 00 00", "pair_role": "Référent"},
    "T_Seances": {
        "number": "1", "kind": "Interconnaissance", "date": "12/03/2025", "place": "Le Cheylard, salle du conseil",
        "status": "Tenue", "participants": "Le groupe projet au complet (8 personnes)",
        "outcomes": "Attentes partagées sur la mobilité et le tourisme"},
    "T_Interconnaissance": {
        "topic": "Attentes et préoccupations", "structure": "EPCI",
        "content": "Mieux articuler le schéma de mobilité de l'EPCI et la charte du Parc"},
    "T_Pistes": {
        "number": "P1", "title": "Développer les mobilités douces autour de la Dolce Via", "horizon": "Court terme",
        "measure": "5.2", "decision": "Retenue", "action": "A1.1"},
    "T_Objectifs": {
        "number": "OS1", "title": "Favoriser les mobilités douces", "measures": "5.2; 6.1",
        "description": "Relier les bourgs à la Dolce Via à pied et à vélo"},
    "T_Actions": {
        "number": "A1.1", "objective": "OS1", "title": "Aménager les haltes de la Dolce Via",
        "description": "Études et travaux de quatre haltes", "measure": "5.2", "horizon": "Court terme",
        "lead": "EPCI", "other_lead": "Office de tourisme", "epci_role": "Maîtrise d'ouvrage des travaux",
        "parc_role": "Conseil paysager et signalétique", "partners": "Département de l'Ardèche",
        "officer": "Claire Martin", "start": "01/03/2025", "end": "31/12/2026", "status": "En cours",
        "priority": "Haute", "cost": "48500", "parc_days": "12,5", "indicator": "Haltes aménagées",
        "target": "4", "comment": "Subvention régionale demandée en mars"},
    "T_Financements": {
        "action": "A1.1", "funder": "Région Auvergne-Rhône-Alpes", "scheme": "Contrat vert et bleu",
        "year": "2025", "amount": "20000", "status": "Sollicité"},
    "T_Suivi": {
        "date": "15/06/2025", "action": "A1.1", "status": "En cours", "progress": "40",
        "achievements": "Deux haltes livrées", "difficulties": "Retard du lot signalétique",
        "next_steps": "Consulter les entreprises en septembre", "decision": "Poursuivre"},
    "T_Deliberations": {
        "body": "Conseil communautaire", "number": "2025_045", "date": "14/02/2025", "convened_on": "07/02/2025",
        "chair": "M. Jean Dupuis", "secretary": "Mme Anne Roux", "rapporteur": "M. Paul Vidal", "members": "32",
        "present": "25", "proxies": "3", "voters": "28", "votes_for": "27", "votes_against": "0",
        "abstentions": "1", "result": "Adoptée", "actes_subject": "8.4 Aménagement du territoire",
        "transmitted_on": "17/02/2025", "actes_id": "007-200041465-20250214-2025_045-DE",
        "published_on": "18/02/2025", "hour": "18 h 30", "place": "salle du conseil, Le Cheylard",
        "present_names": "M. Jean Dupuis ; Mme Anne Roux", "excused_names": "M. Luc Blanc",
        "proxy_names": "M. Luc Blanc à Mme Anne Roux"},
}
"""An example value per column of the plan's tables, as a user would type it (fictional people)."""
