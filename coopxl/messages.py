"""The catalogue of finding codes and error messages, and the French renderer.

Every code coopxl can report is declared here once, with its severity, a French title,
an explanation and a message template. The README's table of codes is generated from
`CATALOGUE`. French typography (« », no-break spaces) is applied in `render` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .french import resolve_plurals
from .model import Finding

ERROR = "Erreur"
WARNING = "Avertissement"
INFO = "Information"
SEVERITY_CODES = {ERROR: "error", WARNING: "warning", INFO: "info"}
"""The French severity shown to users → its code in machine output (`--json`)."""


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
    Code("sheet-too-large", ERROR, "structure", "Feuille démesurée",
         "dans « {name} », la feuille « {tab} » s'étend jusqu'à la cellule {last} ({rows} lignes "
         "sur {columns} colonnes) : une valeur ou une mise en forme y a sans doute été saisie par "
         "erreur. Dans Excel, allez-y (Ctrl+Fin), supprimez les lignes et colonnes vides au-delà "
         "des tableaux (clic droit > Supprimer), enregistrez, puis relancez."),
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

    Code("missing-value", ERROR, "values", "Valeur obligatoire manquante",
         "« {field} » est obligatoire et n'est pas rempli{context}. Complétez la cellule."),
    Code("invalid-choice", ERROR, "values", "Valeur hors liste",
         "« {value} » n'est pas une valeur autorisée pour « {field} » (valeurs possibles : "
         "{allowed}).{suggestion} Choisissez une valeur dans le menu déroulant."),
    Code("invalid-siren", ERROR, "values", "SIREN invalide",
         "« {value} » n'est pas un SIREN valide pour « {field} » : {reason}. Un SIREN compte 9 "
         "chiffres et sa clé de contrôle (Luhn) doit être juste ; vérifiez-le sur "
         "l'avis de situation INSEE."),
    Code("value-out-of-range", ERROR, "values", "Valeur hors limites",
         "« {value} » n'est pas admis dans « {field} » : {expected}."),
    Code("invalid-email", WARNING, "values", "Courriel douteux",
         "« {value} » ne ressemble pas à une adresse électronique (nom@domaine.fr)."),
    Code("invalid-actes-number", ERROR, "votes", "Numéro de délibération invalide",
         "le numéro « {value} » ne convient pas à @ctes : 15 caractères au plus, lettres sans "
         "accent, chiffres et « _ » uniquement (par exemple 2025_045)."),
    Code("invalid-actes-id", ERROR, "votes", "Identifiant @ctes invalide",
         "« {value} » n'a pas la forme d'un identifiant @ctes DDD-SIREN-AAAAMMJJ-NUMERO-DE "
         "(par exemple 007-200041465-20250214-2025_045-DE). Recopiez-le depuis l'accusé de "
         "réception de la préfecture."),
    Code("actes-id-mismatch", WARNING, "votes", "Identifiant @ctes incohérent",
         "l'identifiant @ctes « {value} » ne correspond pas à la délibération : {reason}. "
         "Vérifiez l'accusé de réception."),
    # --- references ---------------------------------------------------------
    Code("unknown-objective", ERROR, "references", "Objectif inconnu",
         "l'objectif « {value} » n'existe pas dans la feuille « Objectifs » (objectifs : "
         "{known}). Corrigez le numéro ou ajoutez l'objectif."),
    Code("unknown-action", ERROR, "references", "Action inconnue",
         "l'action « {value} » n'existe pas dans la feuille « Actions ». Corrigez le numéro ou "
         "ajoutez l'action."),
    Code("unknown-measure", ERROR, "references", "Mesure de la charte inconnue",
         "la mesure « {value} » n'existe pas dans la charte du référentiel. Choisissez un code "
         "de mesure existant (par exemple {example})."),
    Code("unknown-officer", ERROR, "references", "Chargé de mission inconnu",
         "« {value} » ne fait pas partie de l'équipe du Parc dans le référentiel. Choisissez "
         "un nom dans la liste."),
    Code("unknown-funder", ERROR, "references", "Financeur inconnu",
         "« {value} » n'est pas un financeur du référentiel.{suggestion} Choisissez un "
         "financeur dans la liste, ou demandez au Parc de l'ajouter au référentiel."),
    Code("unknown-epci", ERROR, "references", "EPCI inconnu",
         "« {value} » n'est pas un EPCI du référentiel.{suggestion} Choisissez l'EPCI dans la "
         "liste."),
    Code("unknown-actes-subject", ERROR, "references", "Matière @ctes inconnue",
         "« {value} » n'est pas une matière @ctes du référentiel. Choisissez-la dans la liste "
         "(par exemple « 8.4 Aménagement du territoire »)."),
    Code("unknown-charter-version", ERROR, "references", "Charte inconnue",
         "la charte « {value} » n'existe pas dans le référentiel (chartes : {known})."),
    Code("siren-mismatch", WARNING, "references", "SIREN différent du référentiel",
         "le SIREN « {value} » ne correspond pas à celui de {epci} dans le référentiel "
         "({expected}). Corrigez l'un ou l'autre."),
    Code("duplicate-number", ERROR, "references", "Numéro en double",
         "le numéro « {value} » est déjà utilisé en {first} ({what}). Chaque numéro doit être "
         "unique : renumérotez l'une des deux lignes."),
    Code("lists-out-of-date", WARNING, "references", "Listes à mettre à jour",
         "la liste « {list} » du classeur diffère de celle du référentiel ({detail}). Les "
         "contrôles utilisent le référentiel ; recréez les listes du classeur à partir de lui."),
    # --- process ------------------------------------------------------------
    Code("missing-session", ERROR, "process", "Séance de travail manquante",
         "la séance « {kind} » (séance {number}) ne figure pas dans le tableau des séances. "
         "Ajoutez-la, même prévue, avec sa date."),
    Code("sessions-out-of-order", ERROR, "process", "Séances dans le désordre",
         "la séance « {kind} » du {value} précède la séance « {previous} » du {previous_date}. "
         "Les trois séances se tiennent dans l'ordre : interconnaissance, pistes, programme."),
    Code("session-not-held", WARNING, "process", "Séance non tenue",
         "le plan est au statut « {status} » mais la séance « {kind} » n'est pas marquée "
         "« Tenue ». Mettez à jour son statut."),
    Code("pair-size", ERROR, "process", "Binôme technique incomplet",
         "le binôme technique compte {count} personne(s) au lieu de deux. Indiquez « Référent » "
         "pour l'un des deux chargés de mission du Parc et « Membre » pour l'autre."),
    Code("pair-without-referent", ERROR, "process", "Binôme sans référent",
         "aucun membre du binôme technique n'est « Référent ». Désignez le chargé de mission "
         "référent du plan."),
    Code("pair-several-referents", ERROR, "process", "Plusieurs référents",
         "{count} membres du binôme sont « Référent » ; il en faut un seul. Passez les autres "
         "en « Membre »."),
    Code("pair-not-parc-officer", ERROR, "process", "Binôme hors de l'équipe du Parc",
         "{name} fait partie du binôme technique mais n'est pas chargé(e) de mission du Parc "
         "(structure « {structure} », fonction « {role} »)."),
    Code("incomplete-project-group", WARNING, "process", "Groupe projet incomplet",
         "le groupe projet ne comprend pas {missing}. La démarche prévoit, pour le Parc, le "
         "président, le vice-président chargé de la proximité territoriale et deux chargés de "
         "mission ; pour l'EPCI, le président, un vice-président et le DGS."),
    Code("end-before-start", ERROR, "process", "Fin avant le début",
         "la fin ({value}) précède le début ({start}) dans « {field} ». Corrigez l'une des deux "
         "dates."),
    Code("action-outside-period", WARNING, "process", "Action hors de la période du plan",
         "la date {value} de « {field} » est en dehors de la période du plan ({start} – {end}). "
         "Vérifiez la date ou la période."),
    Code("deliberation-before-programme", ERROR, "process", "Délibération avant la séance 3",
         "la délibération du {value} précède la séance « Programme d'actions » du {session}. "
         "Le plan est délibéré une fois le programme arrêté."),
    Code("missing-reviews", WARNING, "process", "Suivi semestriel insuffisant",
         "le plan est en œuvre mais {count} réunion(s) de suivi semestriel tenue(s) en {year} "
         "au lieu de deux. Ajoutez les séances « Suivi semestriel » tenues, ou planifiez-les."),
    Code("status-without-deliberation", ERROR, "process", "Statut sans délibération",
         "le plan est au statut « {value} » mais {missing}. Saisissez la délibération adoptée "
         "dans la feuille « Délibérations », ou corrigez le statut."),
    Code("status-behind-deliberations", WARNING, "process", "Statut à mettre à jour",
         "les deux délibérations sont adoptées mais le plan est encore au statut « {value} ». "
         "Passez-le à « Approuvé » ou « En œuvre »."),
    Code("missing-other-lead", ERROR, "process", "Autre porteur à préciser",
         "le porteur est « Autre acteur » mais « Autre porteur » est vide. Indiquez qui porte "
         "l'action."),
    Code("status-not-updated", WARNING, "process", "Statut différent du dernier suivi",
         "le statut « {value} » diffère de celui du dernier suivi du {date} (« {review} »). "
         "Mettez le statut de l'action à jour."),
    # --- money -----------------------------------------------------------------
    Code("funding-mismatch", WARNING, "money", "Plan de financement différent du coût",
         "le plan de financement de l'action {action} (hors financements refusés) totalise "
         "{funded} pour un coût total de {value}, soit un écart de {gap}. Ajustez les "
         "montants ou le coût."),
    # --- votes ------------------------------------------------------------------
    Code("vote-voters-mismatch", ERROR, "votes", "Votants incohérents",
         "{value} votants ne font pas présents + pouvoirs ({present} + {proxies} = {expected})."),
    Code("vote-count-mismatch", ERROR, "votes", "Décompte des voix incohérent",
         "pour + contre + abstentions = {total}, mais il y a {value} votants. Corrigez le "
         "décompte."),
    Code("vote-present-exceeds-members", ERROR, "votes", "Plus de présents que de membres",
         "{value} présents pour {members} membres en exercice : c'est impossible."),
    Code("too-many-proxies", ERROR, "votes", "Trop de pouvoirs",
         "{value} pouvoirs : chaque présent ne peut détenir qu'un pouvoir, et seuls les "
         "{absent} membres absents peuvent en donner."),
    Code("quorum-not-reached", WARNING, "votes", "Quorum non atteint",
         "{value} présents sur {members} membres en exercice : le quorum (plus de la moitié) "
         "n'est pas atteint. Sauf seconde convocation, la délibération n'est pas valable."),
    Code("vote-result-mismatch", ERROR, "votes", "Résultat incohérent avec les voix",
         "le résultat « {value} » ne correspond pas aux voix ({votes_for} pour, "
         "{votes_against} contre)."),
    Code("not-a-plan", ERROR, "structure", "Ce n'est pas un plan de coopération",
         "« {name} » est un classeur Excel, mais aucun des tableaux d'un plan de coopération "
         "n'y figure. Utilisez un classeur créé avec « coopxl nouveau »."),
    # --- référentiel --------------------------------------------------------------
    Code("missing-leader-funder", WARNING, "references", "Financeur LEADER absent",
         "aucun financeur n'a le code LEADER dans le tableau des financeurs : le tableau de "
         "bord ne pourra pas isoler les financements LEADER."),
    Code("unknown-successor", ERROR, "references", "EPCI successeur inconnu",
         "le SIREN successeur « {value} » ne correspond à aucun EPCI du référentiel."),
    # --- consolidation -----------------------------------------------------------
    Code("duplicate-plan", ERROR, "consolidation", "Deux plans pour un même EPCI",
         "« {name} » porte aussi le plan de {epci}, déjà fourni par « {kept} » ; seul « {kept} » "
         "(le plus récent) est compté dans le tableau de bord. Retirez l'autre fichier du "
         "dossier plans/."),
    Code("plan-outside-referential", WARNING, "consolidation", "EPCI absent du référentiel",
         "le plan « {name} » concerne « {value} » (SIREN {siren}), qui ne figure pas dans le "
         "référentiel. Il est compté à part ; ajoutez l'EPCI au référentiel ou corrigez le plan."),
    # --- commands: conditions under which a command cannot go on -------------
    Code("referential-not-found", ERROR, "commande", "Référentiel introuvable",
         "le référentiel « {path} » est introuvable. Indiquez le dossier de travail qui contient "
         "referentiel.xlsx, ou créez-en un avec « coopxl initialiser DOSSIER »."),
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
    Code("bad-period", ERROR, "commande", "Période invalide",
         "la fin de la période ({end}) doit être postérieure à son début ({start})."),
    Code("folder-not-empty", ERROR, "commande", "Dossier déjà rempli",
         "le dossier « {path} » n'est pas vide ; choisissez un dossier vide ou nouveau pour la "
         "démonstration."),
    Code("workbook-open", ERROR, "commande", "Classeur ouvert dans Excel",
         "« {name} » est ouvert dans Excel par {owner} (fichier de verrou « {lock} »). Fermez-le, "
         "puis relancez la commande : coopxl n'écrit jamais dans un classeur ouvert."),
    Code("template-invalid", ERROR, "commande", "Modèle Word inutilisable",
         "le modèle « {name} » ne peut pas être utilisé : {detail}. Vérifiez-le avec « coopxl "
         "modeles verifier »."),
    Code("libreoffice-missing", ERROR, "commande", "LibreOffice absent",
         "les copies PDF demandent LibreOffice, introuvable sur ce poste (commande soffice). "
         "Installez LibreOffice, ou relancez sans --pdf."),
    Code("pdf-failed", ERROR, "commande", "Conversion PDF impossible",
         "LibreOffice n'a pas pu convertir « {name} » en PDF ({detail})."),
    Code("cannot-migrate", ERROR, "commande", "Migration impossible",
         "« {name} » suit la version « {value} » du modèle, que cette version de coopxl ne sait pas "
         "amener à la version {current}. Mettez coopxl à jour, ou recréez le classeur."),
    Code("no-working-folder", ERROR, "commande", "Dossier de travail inconnu",
         "coopxl ne sait pas quel est le dossier de travail. Ouvrez un plan enregistré dans le dossier "
         "plans/ du dossier de travail (à côté de referentiel.xlsx), puis relancez : coopxl s'en "
         "souviendra."),
    Code("unknown-button", ERROR, "commande", "Bouton inconnu",
         "le bouton « {value} » n'est relié à aucune fonction de coopxl : mettez à jour le complément "
         "(coopxl excel installer)."),
    Code("excel-unavailable", ERROR, "commande", "Excel absent",
         "le complément Excel s'installe sous Windows ou macOS, là où Excel est installé. Sur ce "
         "système ({system}), utilisez les commandes coopxl (valider, consolider, deliberations…)."),
    Code("xlwings-missing", ERROR, "commande", "xlwings manquant",
         "le complément a besoin de xlwings {expected} (trouvé : {found}). Relancez installer.cmd du "
         "paquet coopxl-windows, qui installe coopxl avec xlwings dans le même environnement Python."),
    Code("no-plans-folder", ERROR, "commande", "Dossier de plans introuvable",
         "« {path} » n'a pas de dossier plans/ ; indiquez un dossier de travail créé avec "
         "« coopxl initialiser »."),
    Code("output-locked", ERROR, "commande", "Fichier ouvert dans Excel",
         "« {path} » est ouvert dans Excel (ou verrouillé) ; fermez-le puis relancez la commande."),
    Code("caller-unavailable", ERROR, "commande", "Classeur actif introuvable",
         "le classeur actif est introuvable dans Excel. S'il est en mode protégé, cliquez sur "
         "« Activer la modification » ; si une cellule est en cours de saisie, validez-la (Entrée) ; "
         "puis cliquez de nouveau sur le bouton."),
    Code("workbook-not-saved", ERROR, "commande", "Classeur jamais enregistré",
         "le classeur « {name} » n'a jamais été enregistré. Enregistrez-le (Fichier > Enregistrer "
         "sous) dans le dossier plans/ du dossier de travail, puis relancez."),
    Code("cloud-folder-unknown", ERROR, "commande", "Dossier OneDrive ou SharePoint inconnu",
         "le classeur est ouvert depuis OneDrive ou SharePoint ({url}) et coopxl ne trouve pas sa "
         "copie synchronisée sur ce poste. Ouvrez le classeur depuis l'Explorateur de fichiers (dossier "
         "synchronisé), ou faites indiquer le dossier synchronisé avec « coopxl excel installer "
         "--onedrive DOSSIER » ou « --sharepoint DOSSIER »."),
    Code("plan-has-errors", ERROR, "commande", "Plan en erreur",
         "« {name} » a {count} erreur(s) bloquante(s) : aucun document n'est produit. Cliquez sur "
         "« Valider », corrigez les cellules surlignées en rouge, puis relancez."),
    Code("conf-path-not-ansi", ERROR, "commande", "Chemin illisible par Excel",
         "le chemin « {path} » contient un caractère ({char}) que le complément Excel ne sait pas lire "
         "(il lit coopxl.conf dans l'encodage Windows-1252). Installez coopxl dans un dossier dont le "
         "chemin n'a que des lettres latines, par exemple C:\\coopxl."),
    Code("package-failed", ERROR, "commande", "Paquet Windows impossible",
         "le paquet Windows n'a pas pu être construit : {detail}. Vérifiez l'accès à Internet (pip doit "
         "télécharger les paquets pour Windows), puis relancez."),
    Code("pandas-missing", ERROR, "commande", "pandas absent",
         "les tableaux pandas demandent le module pandas, absent de cet environnement Python. "
         "Installez-le avec « pip install \"coopxl[pandas]\" »."),
    # --- issue 16: what another spreadsheet or a merge did to the workbook ----------
    Code("broken-number-format", WARNING, "values", "Format de nombre altéré",
         "le format « {value} » de « {field} » ({count} cellule(s) de la colonne) divise l'affichage par "
         "1 000 : 120 000 € s'affiche « 120 € ». Il a été altéré par un enregistrement dans LibreOffice ; "
         "les valeurs sont justes. Réparez le classeur avec « coopxl migrer », ou rétablissez le format "
         "{expected} (Format > Cellules).",
         "LibreOffice, en français, réécrit le format des montants des anciens modèles ; coopxl lit "
         "toujours la bonne valeur."),
    Code("value-under-merged-cell", WARNING, "values", "Valeur masquée par une fusion",
         "la cellule contient « {value} », masquée par la fusion de cellules qui part de {anchor} : "
         "personne ne la voit dans la feuille, elle n'est donc ni lue ni reprise dans les documents. "
         "Annulez la fusion (Accueil > Fusionner et centrer) et déplacez la valeur dans la bonne cellule, "
         "ou effacez-la."),
    Code("placeholder-value", ERROR, "values", "Texte d'exemple ou à compléter",
         "« {field} » contient encore « {marker} » (valeur : « {value} »). Remplacez-la par la valeur "
         "réelle : aucun acte (extrait de délibération) n'est produit tant qu'elle reste.",
         "Les modèles et le territoire d'exemple marquent ce qui reste à compléter ; un tel texte "
         "ne doit jamais arriver dans une délibération signée. Le projet de délibération reste "
         "possible et montre le marqueur."),
    Code("extract-refused", ERROR, "commande", "Extrait refusé",
         "l'extrait « {name} » n'est pas produit : {detail}. Corrigez la valeur (coopxl valider la "
         "signale), puis relancez."),
    Code("output-locked", ERROR, "commande", "Fichier ouvert dans Excel ou Word",
         "« {path} » est ouvert dans {app} (ou verrouillé) ; fermez-le puis relancez la commande."),
    Code("cannot-patch", ERROR, "commande", "Classeur non modifiable sans perte",
         "le classeur ne peut pas être modifié sans perte ({detail}) ; coopxl n'y a rien écrit. "
         "Ouvrez-le dans Excel, enregistrez-le, puis relancez."),
    Code("checks-table-missing", ERROR, "commande", "Tableau Contrôles absent",
         "« {name} » n'a plus de tableau T_Controles (feuille « Contrôles ») où écrire les "
         "remarques ; coopxl n'y a rien écrit. Recopiez la feuille « Contrôles » d'un plan récent "
         "(ou d'un plan créé avec « coopxl nouveau »), puis relancez."),
    Code("xls-file", ERROR, "structure", "Classeur Excel 97-2003 (.xls)",
         "« {name} » est un classeur Excel 97-2003 (.xls). Ouvrez-le dans Excel et enregistrez-le "
         "au format « Classeur Excel (*.xlsx) »."),
    Code("xlsb-file", ERROR, "structure", "Classeur binaire Excel (.xlsb)",
         "« {name} » est un classeur binaire Excel (.xlsb). Ouvrez-le dans Excel et enregistrez-le "
         "au format « Classeur Excel (*.xlsx) »."),
    Code("xlsm-file", ERROR, "structure", "Classeur avec macros (.xlsm)",
         "« {name} » est un classeur Excel avec macros (.xlsm), que coopxl ne lit pas. Ouvrez-le "
         "dans Excel et enregistrez-le au format « Classeur Excel (*.xlsx) » (sans macros)."),
    Code("ambiguous-amount", ERROR, "valeurs", "Montant ambigu saisi comme texte",
         "« {value} » est saisi comme du texte et se lit {french} à la française mais {english} à "
         "l'anglaise ; coopxl n'en retient aucun. Saisissez le nombre sans séparateur de milliers "
         "(par exemple 1200), comme un nombre et non comme du texte.",
         "Un point ou une virgule suivis de trois chiffres se lisent différemment selon la "
         "convention : ni l'une ni l'autre n'est devinée."),
    Code("blank-row", INFO, "structure", "Ligne vide dans un tableau",
         "ligne vide au milieu du tableau « {table} » : elle est ignorée. Supprimez-la (clic droit "
         "> Supprimer > Lignes du tableau) si elle n'a pas lieu d'être."),
    Code("no-plans-found", ERROR, "commande", "Aucun plan trouvé",
         "aucun classeur de plan dans « {path} ». Indiquez un dossier de travail (avec son dossier "
         "plans/) ou des fichiers .xlsx."),
    Code("blocking-errors", ERROR, "commande", "Plan en erreur : documents non produits",
         "« {name} » n'est pas traité : {errors} à corriger (coopxl valider), ou relancez avec "
         "--forcer."),
)

CATALOGUE: dict[str, Code] = {code.code: code for code in _CODES}

PHRASES = {
    "no-staff-yet": "aucun pour l'instant : complétez la feuille « Équipe » du référentiel",
    "siren-length": "il doit compter 9 chiffres",
    "siren-key": "sa clé de contrôle est fausse",
    "suggestion": " Voulez-vous dire « {value} » ?",
    "voted-context": " pour une délibération votée",
    "no-cc-deliberation": "aucune délibération adoptée du conseil communautaire n'est saisie",
    "no-parc-deliberation": "aucune délibération adoptée du bureau ou du comité syndical du Parc n'est saisie",
    "and": " et ",
    "actes-siren": "le SIREN {found} n'est pas celui de la collectivité qui a voté ({expected})",
    "actes-number": "le numéro {found} diffère du numéro de la délibération ({expected})",
    "actes-date": "la date {found} diffère de la date de transmission ({expected})",
    "range-percent": "un pourcentage entre 0 et 100 est attendu",
    "range-negative": "une valeur positive ou nulle est attendue",
    "range-date": "une date entre 1990 et 2100 est attendue",
    "range-year": "une année entre 1990 et 2100 est attendue",
    "first-in": "ligne {row}",
    "deliberation-voted": "{result} le {date}",
    "deliberation-planned": "Prévue le {date}",
    "deliberation-number": " (n° {number})",
    "period": "{start} – {end}",
    "skipped-errors": "« {name} » n'est pas traité : {count} erreur(s) bloquante(s). Corrigez-les (coopxl valider) ou relancez avec --forcer",
    "template-missing": "le modèle « {name} » est introuvable",
    "template-unreadable": "« {name} » n'est pas un document Word lisible ({detail})",
    "template-syntax": "« {name} » contient une balise de modèle mal formée ({detail}) près de « {near} » : vérifiez les {{{{ }}}} et {{% %}} de ce passage",
    "template-unknown-field": "« {name} » utilise le champ « {field} », que coopxl ne connaît pas : corrigez son nom (voir la liste des champs dans le README)",
    "template-missing-style": "« {name} » utilise le style « {style} », absent du document : recréez-le dans Word ou changez le style du paragraphe",
    "lists-detail": "{missing} valeur(s) du référentiel absente(s) du classeur, {extra} en trop",
    "role-parc-president": "le président du Parc",
    "role-parc-vp": "le vice-président du Parc chargé de la proximité territoriale",
    "role-officers": "deux chargés de mission du Parc",
    "role-epci-president": "le président de l'EPCI",
    "role-epci-vp": "un vice-président de l'EPCI",
    "role-dgs": "le directeur général des services de l'EPCI",
}
"""French fragments that fill the placeholders of the templates above."""


def phrase(key: str, **params: object) -> str:
    """A French fragment of PHRASES, formatted, its « (s) » agreeing with the numbers before them."""
    return resolve_plurals(PHRASES[key].format(**params))


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
    text = CATALOGUE[code].template.format(**{k: _show(v, limit=None) for k, v in params.items()})
    where = location(sheet, cell)
    if where:
        text = f"{where} : {text}"
    else:
        text = text[0].upper() + text[1:]
    return french_typography(resolve_plurals(text))


def finding(code: str, *, file: str = "", sheet: str = "", cell: str = "", field: str = "",
            value: object = "", severity: str | None = None, **params: object) -> Finding:
    """Build a Finding of `code` with its rendered message."""
    shown = _show(value)
    message = render(code, sheet=sheet, cell=cell, field=field, value=shown, **params)
    return Finding(code=code, severity=severity or CATALOGUE[code].severity, message=message,
                   file=file, sheet=sheet, cell=cell, field=field, value=shown)


def _show(value: object, limit: int | None = 80) -> str:
    """A value as shown in a message: dates the French way, numbers without `.0`, long text cut."""
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
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


class CoopxlError(Exception):
    """A condition under which a command cannot go on; carries a catalogue code."""

    def __init__(self, code: str, **params: Any) -> None:  # Any: `sheet` and `cell`, if given, are str
        self.code = code
        self.params = params
        super().__init__(render(code, **params))

    @property
    def message(self) -> str:
        return str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised in a worker process, re-raised in the parent: rebuilt from code and params.
        return (_rebuild_error, (type(self), self.code, self.params))


def _rebuild_error(kind: type[CoopxlError], code: str, params: dict[str, object]) -> CoopxlError:
    return kind(code, **params)


class UnreadableWorkbookError(CoopxlError):
    """The file is not a readable .xlsx workbook."""
