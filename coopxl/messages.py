"""The catalogue of finding codes and error messages, and the French renderer.

Every code coopxl can report is declared here once, with its severity, a French title,
an explanation and a message template. The README's table of codes is generated from
`CATALOGUE`. French typography (« », no-break spaces) is applied in `render` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Finding

ERROR = "Erreur"
WARNING = "Avertissement"


@dataclass(frozen=True)
class Code:
    """A stable finding code and how to say it in French."""

    code: str
    severity: str
    family: str
    title: str
    template: str
    explanation: str = ""


_CODES = (
    # --- the file itself ---------------------------------------------------
    Code("file-not-found", ERROR, "structure", "Fichier introuvable",
         "le fichier « {path} » n'existe pas. Vérifiez le chemin indiqué."),
    Code("not-a-file", ERROR, "structure", "Ce n'est pas un fichier",
         "« {path} » est un dossier, pas un classeur."),
    Code("wrong-extension", ERROR, "structure", "Extension non prise en charge",
         "« {name} » n'est pas un classeur .xlsx ({extension}). Ouvrez-le dans Excel et "
         "enregistrez-le au format « Classeur Excel (*.xlsx) ».",
         "coopxl lit uniquement les classeurs .xlsx, sans macros."),
    Code("empty-file", ERROR, "structure", "Fichier vide",
         "le fichier « {name} » est vide (0 octet). Demandez à l'expéditeur de le renvoyer."),
    Code("legacy-xls", ERROR, "structure", "Ancien format Excel (.xls)",
         "« {name} » est un classeur Excel 97-2003 (.xls) renommé en .xlsx. Ouvrez-le dans "
         "Excel et enregistrez-le au format « Classeur Excel (*.xlsx) »."),
    Code("encrypted-file", ERROR, "structure", "Classeur protégé par mot de passe",
         "« {name} » est protégé par un mot de passe et ne peut pas être lu. Ouvrez-le dans "
         "Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur) et "
         "enregistrez-le."),
    Code("ods-file", ERROR, "structure", "Classeur OpenDocument (.ods)",
         "« {name} » est un classeur LibreOffice (.ods). Enregistrez-le au format « Classeur "
         "Excel 2007-365 (.xlsx) »."),
    Code("text-file", ERROR, "structure", "Fichier texte, pas un classeur",
         "« {name} » est un fichier texte ({what}), pas un classeur Excel. Utilisez le classeur "
         "du plan de coopération (.xlsx)."),
    Code("not-a-workbook", ERROR, "structure", "Ce n'est pas un classeur Excel",
         "« {name} » n'est pas un classeur Excel ({what}). Utilisez le classeur du plan de "
         "coopération (.xlsx)."),
    Code("corrupt-file", ERROR, "structure", "Fichier endommagé",
         "« {name} » est endommagé et ne peut pas être lu ({detail}). Demandez une nouvelle "
         "copie à l'expéditeur, ou ouvrez-le dans Excel qui proposera de le réparer."),
    Code("oversized-file", ERROR, "structure", "Fichier anormalement volumineux",
         "« {name} » est refusé : {detail}. Un plan de coopération pèse quelques centaines de "
         "kilo-octets ; ce fichier n'en est pas un ou a été altéré."),
    Code("unsafe-xml", ERROR, "structure", "Contenu XML refusé",
         "« {name} » contient des déclarations XML (DTD ou entités) qu'Excel n'écrit jamais ; "
         "par sécurité il n'est pas lu. Faites-le réenregistrer depuis Excel."),
    Code("lock-file", WARNING, "structure", "Classeur ouvert dans Excel",
         "« {name} » est le fichier de verrou d'Excel : le classeur « {workbook} » est ouvert "
         "par {owner}. Les modifications non enregistrées ne sont pas prises en compte."),
    # --- structure of the workbook ----------------------------------------
    Code("missing-sheet", ERROR, "structure", "Feuille manquante",
         "la feuille « {expected} » est introuvable. Rétablissez-la à partir du modèle ou "
         "recréez le classeur avec « coopxl nouveau »."),
    Code("missing-table", ERROR, "structure", "Tableau manquant",
         "le tableau Excel « {table} » (feuille « {expected} ») est introuvable. Ses données "
         "ne sont pas lues. Recopiez les lignes dans le tableau du modèle, ou remettez-le en "
         "tableau (Insertion > Tableau) et nommez-le {table} (Création de tableau > Nom du "
         "tableau)."),
    Code("table-as-range", ERROR, "structure", "Tableau converti en plage",
         "le tableau Excel « {table} » n'existe plus : ses données ont été lues dans la plage "
         "de la feuille « {expected} » (en-têtes en ligne {row}). Remettez-la en tableau "
         "(Insertion > Tableau) et nommez-le {table}."),
    Code("renamed-sheet", WARNING, "structure", "Feuille renommée",
         "le tableau « {table} » se trouve sur la feuille « {found} » au lieu de « {expected} ». "
         "Il est bien lu ; renommez la feuille « {expected} » pour rester conforme au modèle."),
    Code("missing-column", ERROR, "structure", "Colonne manquante",
         "la colonne « {field} » est absente du tableau « {table} ». Rétablissez l'en-tête "
         "exact « {field} » sur la ligne d'en-tête du tableau."),
    Code("missing-defined-name", ERROR, "structure", "Cellule nommée manquante",
         "la cellule nommée « {name} » ({field}) est introuvable. Ne déplacez pas les cellules "
         "de la feuille « {expected} » ; rétablissez le nom dans Formules > Gestionnaire de noms."),
    Code("unknown-template-version", ERROR, "structure", "Version du modèle inconnue",
         "la version du modèle « {value} » n'est pas connue de cette version de coopxl "
         "(versions lues : {known}). Mettez coopxl à jour ou recréez le classeur."),
    Code("older-template-version", WARNING, "structure", "Ancienne version du modèle",
         "le classeur suit la version {value} du modèle ; la version actuelle est la "
         "{current}. Mettez-le à jour avec « coopxl migrer »."),
    Code("row-outside-table", WARNING, "structure", "Ligne saisie hors du tableau",
         "la ligne {row} est remplie juste sous le tableau « {table} » sans en faire partie. "
         "Elle est lue quand même ; étendez le tableau jusqu'à elle (poignée en bas à droite du "
         "tableau)."),
    # --- values as read ----------------------------------------------------
    Code("text-in-date", ERROR, "values", "Date saisie comme du texte",
         "« {value} » est saisi comme du texte dans « {field} », qui attend une date. coopxl "
         "l'a lu comme le {converted} ; ressaisissez-le comme une vraie date (jj/mm/aaaa)."),
    Code("invalid-date", ERROR, "values", "Date illisible",
         "« {value} » n'est pas une date valide pour « {field} ». Saisissez une date au format "
         "jj/mm/aaaa."),
    Code("text-in-number", ERROR, "values", "Nombre saisi comme du texte",
         "« {value} » est saisi comme du texte dans « {field} », qui attend un nombre. coopxl "
         "l'a lu comme {converted} ; ressaisissez-le comme un nombre, sans espace ni symbole €."),
    Code("invalid-number", ERROR, "values", "Nombre illisible",
         "« {value} » n'est pas un nombre pour « {field} ». Saisissez un nombre, sans texte."),
    Code("not-an-integer", ERROR, "values", "Nombre entier attendu",
         "« {value} » n'est pas un nombre entier, comme l'attend « {field} »."),
    Code("formula-error", ERROR, "values", "Erreur de formule",
         "la cellule affiche l'erreur {value} dans « {field} ». Corrigez ou remplacez la "
         "formule par une valeur."),
    Code("formula-without-value", ERROR, "values", "Formule jamais calculée",
         "« {field} » contient une formule ({value}) dont le résultat n'a jamais été calculé. "
         "Ouvrez le classeur dans Excel et enregistrez-le, ou saisissez la valeur."),
    Code("unexpected-value-type", ERROR, "values", "Valeur d'un type inattendu",
         "« {value} » ({found}) n'est pas accepté dans « {field} », qui attend {expected}."),

    # --- commands: conditions under which a command cannot go on -------------
    Code("referential-not-found", ERROR, "commande", "Référentiel introuvable",
         "le référentiel « {path} » est introuvable. Créez le dossier de travail avec "
         "« coopxl initialiser DOSSIER » ou indiquez le référentiel avec --referentiel."),
    Code("referential-exists", ERROR, "commande", "Référentiel déjà présent",
         "« {path} » existe déjà ; coopxl ne l'écrase pas. Le dossier de travail est prêt."),
    Code("plan-exists", ERROR, "commande", "Plan déjà créé",
         "le plan « {path} » existe déjà ; coopxl ne l'écrase pas. Ouvrez-le, ou renommez-le "
         "avant d'en créer un nouveau."),
    Code("epci-not-found", ERROR, "commande", "EPCI inconnu",
         "aucun EPCI du référentiel ne correspond à « {query} ». EPCI connus : {known}."),
    Code("epci-ambiguous", ERROR, "commande", "EPCI ambigu",
         "plusieurs EPCI correspondent à « {query} » : {matches}. Précisez le nom ou donnez le "
         "SIREN."),
    Code("staff-not-found", ERROR, "commande", "Chargé de mission inconnu",
         "« {query} » ne figure pas dans l'équipe du référentiel. Membres connus : {known}."),
    Code("bad-date-option", ERROR, "commande", "Date invalide",
         "« {value} » n'est pas une date : écrivez-la AAAA-MM-JJ (par exemple 2025-01-01)."),
    Code("bad-period", ERROR, "commande", "Période invalide",
         "la fin de la période ({end}) doit être postérieure à son début ({start})."),
    Code("folder-not-empty", ERROR, "commande", "Dossier déjà rempli",
         "le dossier « {path} » n'est pas vide ; choisissez un dossier vide ou nouveau pour la "
         "démonstration."),
    Code("output-locked", ERROR, "commande", "Fichier ouvert dans Excel",
         "« {path} » est ouvert dans Excel (ou verrouillé) ; fermez-le puis relancez la commande."),
)

CATALOGUE: dict[str, Code] = {code.code: code for code in _CODES}


def french_typography(text: str) -> str:
    """Apply French spacing: no-break spaces inside « » and before : ; ! ?."""
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    text = text.replace(" :", "\u00a0:")
    for mark in ";!?":
        text = text.replace(f" {mark}", f"\u202f{mark}")
    return text


def location(sheet: str = "", cell: str = "") -> str:
    """`Feuille « Actions », cellule F12` — the start of a message."""
    if sheet and cell:
        return f"Feuille « {sheet} », cellule {cell}"
    if sheet:
        return f"Feuille « {sheet} »"
    return ""


def render(code: str, sheet: str = "", cell: str = "", **params: object) -> str:
    """The French message of `code`, prefixed by its location, with French spacing."""
    text = CATALOGUE[code].template.format(**{k: _show(v) for k, v in params.items()})
    where = location(sheet, cell)
    if where:
        text = f"{where} : {text}"
    else:
        text = text[0].upper() + text[1:]
    return french_typography(text)


def finding(code: str, *, file: str = "", sheet: str = "", cell: str = "", field: str = "",
            value: object = "", severity: str | None = None, **params: object) -> Finding:
    """Build a Finding of `code` with its rendered message."""
    shown = _show(value)
    message = render(code, sheet=sheet, cell=cell, field=field, value=shown, **params)
    return Finding(code=code, severity=severity or CATALOGUE[code].severity, message=message,
                   file=file, sheet=sheet, cell=cell, field=field, value=shown)


def _show(value: object) -> str:
    """A value as shown in a message: dates the French way, numbers without `.0`."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


class CoopxlError(Exception):
    """A condition under which a command cannot go on; carries a catalogue code."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(render(code, **params))

    @property
    def message(self) -> str:
        return str(self)


class UnreadableWorkbookError(CoopxlError):
    """The file is not a readable .xlsx workbook."""
