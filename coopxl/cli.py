"""The `coopxl` command line: one French command per library function.

Each command parses its arguments, calls one function and renders the result. Exit
status: 0 done, 1 findings, 2 could not run. A failure prints one French line; the
traceback only with --debug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__, french
from .messages import CoopxlError

EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2

_ARGPARSE_FR = {
    "usage: ": "Utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "the following arguments are required: %s": "argument obligatoire manquant : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choix possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s (%(matches)s)",
}
# French for argparse's own words (its gettext alias `_`, which typeshed does not declare)
argparse._ = lambda text: _ARGPARSE_FR.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse in French that never completes an option by prefix and suggests a command."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("allow_abbrev", False)  # --referent must never become --referentiel
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> None:  # type: ignore[override]
        import difflib

        wrong = re.search(r"choix invalide : '([^']*)' \(choix possibles : (.*)\)", message)
        if wrong:
            choices = [c.strip(" '") for c in wrong.group(2).split(",")]
            close = difflib.get_close_matches(wrong.group(1), choices, n=1, cutoff=0.5)
            message = f"« {wrong.group(1)} » n'est pas une commande de coopxl"
            message += f". Vouliez-vous dire « {close[0]} » ?" if close else \
                f" (commandes : {', '.join(choices)})."
        if _WANTS_JSON:
            from .jsonreport import dumps, failure

            print(dumps(failure(_WANTS_JSON, "usage-error", message)))
        self.print_usage(sys.stderr)
        self.exit(EXIT_FAILED, f"{self.prog} : erreur : {message}\n")


_WANTS_JSON = ""
"""The command's name when `--json` is on the command line: failures are printed in JSON too."""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=92)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas une date AAAA-MM-JJ") from None


# --- commands ---------------------------------------------------------------------


def _run_initialiser(args: argparse.Namespace) -> int:
    from .workspace import initialise

    workspace = initialise(args.dossier)
    print(f"Dossier de travail prêt : {workspace.root}")
    print(f"  référentiel : {workspace.referential_path} (à compléter par le Parc)")
    print(f"  plans       : {workspace.plans_folder}")
    print(f"  sorties     : {workspace.outputs_folder}")
    print("Étape suivante : coopxl nouveau \"Nom de l'EPCI\" --dossier " + _quote(workspace.root))
    return EXIT_OK


def _run_nouveau(args: argparse.Namespace) -> int:
    from .workspace import Workspace, create_plan

    path = create_plan(Workspace(args.dossier), args.epci, start=args.debut, end=args.fin,
                       referent=args.referent, partner=args.binome, output=args.sortie)
    print(f"Plan créé : {path}")
    print("Ouvrez-le dans Excel, complétez le groupe projet et les séances, puis contrôlez-le "
          "avec le bouton Valider (ou « coopxl valider »).")
    return EXIT_OK


def _run_valider(args: argparse.Namespace) -> int:
    from .reader import read_referential
    from .validation import expand_paths, validate_file, validate_paths

    referential = read_referential(args.referentiel) if args.referentiel else None
    single = len(args.chemins) == 1 and not args.chemins[0].is_dir()
    if single:  # one file that cannot be read: the command could not run (exit 2)
        report = validate_file(args.chemins[0], referential, args.date)
    else:
        if not expand_paths(args.chemins):
            print("Aucun classeur à contrôler dans " + ", ".join(map(str, args.chemins)), file=sys.stderr)
            return EXIT_FAILED
        report = validate_paths(args.chemins, referential, args.date)
    if not args.json:
        print(render_report(report))
    status = EXIT_FINDINGS if report.has_errors else EXIT_OK
    if args.annoter:
        status = max(status, _annotate(report, args.chemins, single, quiet=args.json))
    if args.json:
        from .jsonreport import dumps

        print(dumps({**report.to_dict(), "exit_code": status}))
    return status


def _annotate(report, paths: list[Path], single: bool = False, quiet: bool = False) -> int:
    """Annotate each plan of the report; a refusal stops only that plan (exit 2 for a lone file)."""
    from .annotate import annotate_workbook
    from .model import file_key
    from .validation import expand_paths

    status = EXIT_OK
    for path in expand_paths(paths):
        if file_key(path) not in report.plans:
            continue
        try:
            saved = annotate_workbook(path, report.for_file(path))
        except CoopxlError as error:  # this plan only: the others are still annotated
            print(f"Erreur : {path} : {error.message}", file=sys.stderr)
            status = EXIT_FAILED if single else max(status, EXIT_FINDINGS)
            continue
        if quiet:  # --json: stdout holds the report only
            continue
        if saved is None:
            print(f"{path} : rien à écrire, classeur inchangé.")
        else:
            print(f"Contrôles écrits dans {path} (copie de sauvegarde : {saved})")
    return status


def render_report(report) -> str:
    """The report as a French text table, grouped by file, errors first."""
    from .messages import ERROR, WARNING, location

    lines = []
    order = {ERROR: 0, WARNING: 1}
    names = [Path(key).name for key in report.files]
    for key in report.files:
        findings = sorted(report.for_file(key), key=lambda f: order.get(f.severity, 1))
        errors = sum(f.severity == ERROR for f in findings)
        warnings = sum(f.severity == WARNING for f in findings)
        name = Path(key).name if names.count(Path(key).name) == 1 else key  # two plan.xlsx: full paths
        lines.append(f"{name} : {french.count(errors, 'erreur')}, {french.count(warnings, 'avertissement')}")
        for item in findings:
            text = item.message
            separator = "\u00a0: "  # the location has its own column
            if location(item.sheet, item.cell) and separator in text:
                text = text.split(separator, 1)[1]
                text = text[:1].upper() + text[1:]
            label = f"{item.sheet}!{item.cell}" if item.cell else item.sheet or "fichier"
            lines.append(textwrap.fill(text, 100, initial_indent=f"  {item.severity:<13} {label:<18} ",
                                       subsequent_indent=" " * 35))
        lines.append("")
    total_errors = len(report.errors)
    with_errors = len({f.file for f in report.errors})
    checked = "contrôlés" if len(report.files) > 1 else "contrôlé"
    lines.append(f"{french.count(len(report.files), 'classeur')} {checked} : {with_errors} avec des erreurs, "
                 f"{french.count(total_errors, 'erreur')} et "
                 f"{french.count(len(report.warnings), 'avertissement')} au total.")
    return "\n".join(lines)


def _run_consolider(args: argparse.Namespace) -> int:
    from .api import consolidate
    from .textui import progress
    from .workspace import Workspace, expand_paths

    workspace = Workspace(args.dossier)
    output = args.sortie or workspace.dashboard_path
    dashboard = consolidate(workspace.root, today=args.date, jobs=args.jobs, progress=progress, output=output)
    status = EXIT_FINDINGS if dashboard.problems else EXIT_OK
    if args.json:
        from .jsonreport import dumps, envelope

        files = [str(p.absolute()) for p in expand_paths([workspace.plans_folder])]
        print(dumps(envelope("consolider", status, files=files, findings=dashboard.problems, outputs=[output],
                             synthesis=dashboard.synthesis)))
    else:
        print(render_synthesis(dashboard))
        print(f"\nTableau de bord écrit : {output}")
    return status


def render_synthesis(dashboard) -> str:
    """The Synthèse sheet in short, then the files that need attention."""
    from .textui import format_table

    rows = [(r["epci"], r.get("status", ""), str(r.get("actions", "")), str(r.get("errors", "")),
             str(r.get("warnings", ""))) for r in dashboard.synthesis]
    text = format_table(("EPCI", "Statut", "Actions", "Erreurs", "Avertissements"), rows)
    counted = sum(1 for r in dashboard.synthesis if "actions" in r)
    text += (f"\n\n{french.count(dashboard.files, 'fichier')} {'lus' if dashboard.files > 1 else 'lu'}, "
             f"{french.count(counted, 'plan')} {'consolidés' if counted > 1 else 'consolidé'}, "
             f"{french.count(len(dashboard.actions), 'action')}.")
    if dashboard.problems:
        text += "\nÀ traiter :"
        for problem in dashboard.problems:
            text += "\n" + textwrap.fill(problem.message, 100, initial_indent="  - ", subsequent_indent="    ")
    return text


def _run_deliberations(args: argparse.Namespace) -> int:
    from .batch import generate_all_documents
    from .reader import read_referential
    from .textui import progress

    referential = read_referential(args.referentiel) if args.referentiel else None
    result = generate_all_documents(args.chemins, output=args.sortie, referential=referential,
                                    templates_folder=args.modeles, pdf=args.pdf, force=args.forcer,
                                    today=args.date, progress=None if args.json else progress)
    if not result.files:
        raise CoopxlError("no-plans-found", path=", ".join(map(str, args.chemins)))
    status = EXIT_FINDINGS if result.problems else EXIT_OK
    if result.pdf_error:
        print(f"Erreur : {result.pdf_error}", file=sys.stderr)
        status = EXIT_FAILED
    if args.json:
        from .jsonreport import dumps, envelope

        documents = [{"plan": str(g.plan.absolute()), "files": [str(f.absolute()) for f in g.files],
                      "pdfs": [str(f.absolute()) for f in g.pdfs]} for g in result.generated]
        outputs = [f for g in result.generated for f in [*g.files, *g.pdfs]]
        extra = {"error": {"code": "pdf-failed", "message": result.pdf_error}} if result.pdf_error else {}
        print(dumps(envelope("deliberations", status, files=[p.absolute() for p in result.files],
                             findings=result.problems, outputs=outputs, documents=documents, **extra)))
        return status
    for generated in result.generated:
        folder = generated.files[0].parent
        pdfs = f" (+ {len(generated.pdfs)} PDF)" if generated.pdfs else ""
        print(f"{generated.plan.name} : {french.count(len(generated.files), 'document')}{pdfs} dans {folder}")
    _print_left_out(result.problems)
    return status


def _print_left_out(problems) -> None:
    """Name each file a batch command left out, and why (on stderr: the rest went on)."""
    for problem in problems:
        # A refused extract leaves the plan's other documents written: not « non traité ».
        label = "Document non produit" if problem.code == "extract-refused" else "Non traité"
        print(textwrap.fill(f"{label} : {problem.file} : {problem.message}", 100, subsequent_indent="  ",
                            break_long_words=False, break_on_hyphens=False), file=sys.stderr)


def _finish_batch(args: argparse.Namespace, command: str, files: list[Path], problems: list,
                  outputs: list, **extra: object) -> int:
    """Print a batch command's JSON, or name the files it left out; return its exit status."""
    status = EXIT_FINDINGS if problems else EXIT_OK
    if args.json:
        from .jsonreport import dumps, envelope

        print(dumps(envelope(command, status, files=[Path(p).absolute() for p in files], findings=problems,
                             outputs=outputs, **extra)))
    else:
        _print_left_out(problems)
    return status


def _run_modeles(args: argparse.Namespace) -> int:
    from .documents import ALL_TEMPLATE_NAMES, check_template, copy_templates, template_path
    from .workspace import Workspace

    if args.action == "copier":
        workspace = Workspace(args.chemins[0] if args.chemins else Path("."))
        for target, copied in copy_templates(workspace.templates_folder):
            print(f"Modèle copié : {target}" if copied else f"{target} existe déjà : conservé.")
        print("Modifiez ces modèles dans Word, puis vérifiez-les avec « coopxl modeles verifier ».")
        return EXIT_OK
    paths = args.chemins or [template_path(name) for name in ALL_TEMPLATE_NAMES]
    status = EXIT_OK
    for path in paths:
        problems = check_template(Path(path))
        if problems:
            status = EXIT_FINDINGS
            print(f"{Path(path).name} : {french.count(len(problems), 'problème')}")
            for problem in problems:
                print(textwrap.fill(problem.message, 100, initial_indent="  - ", subsequent_indent="    "))
        else:
            print(f"{Path(path).name} : modèle utilisable.")
    return status


def _run_suivi(args: argparse.Namespace) -> int:
    from .followup import generate_followup, prepare_reviews
    from .jsonreport import dumps, envelope
    from .textui import progress

    today = args.date or dt.date.today()
    if args.preparer:
        preparation = prepare_reviews(args.chemins, today)
        for review in preparation.prepared if not args.json else ():
            print(f"{review.plan.name} : revue du {review.meeting:%d/%m/%Y} préparée, "
                  f"{french.count(review.rows, 'ligne de suivi ajoutée', 'lignes de suivi ajoutées')} "
                  + (f"(copie de sauvegarde : {review.backup})" if review.backup else "(classeur inchangé)"))
        prepared = [{"plan": str(r.plan.absolute()), "meeting": r.meeting, "rows": r.rows,
                     "backup": str(r.backup) if r.backup else None} for r in preparation.prepared]
        return _finish_batch(args, "suivi", preparation.files, preparation.problems,
                             [p["plan"] for p in prepared if p["backup"]], prepared=prepared)
    result = generate_followup(args.chemins, today=today, output=args.sortie, templates_folder=args.modeles,
                               progress=None if args.json else progress)
    status = EXIT_FINDINGS if result.problems else EXIT_OK
    if args.json:
        from .batch import batch_files

        outputs = [*result.fiches, *([result.summary] if result.summary else [])]
        print(dumps(envelope("suivi", status, files=[p.absolute() for p in batch_files(args.chemins)],
                             findings=result.problems, outputs=outputs)))
        return status
    for fiche in result.fiches:
        print(f"Fiche de suivi : {fiche}")
    if result.summary:
        print(f"Synthèse du suivi pour le Parc : {result.summary}")
    _print_left_out(result.problems)
    return status


def _run_comparer(args: argparse.Namespace) -> int:
    from .batch import read_plan_only
    from .comparison import HEADERS, compare_plans, write_summary
    from .textui import format_table

    changes = compare_plans(*(read_plan_only(path) for path in (args.ancien, args.nouveau)))
    if args.json:
        from .jsonreport import dumps, envelope

        written = [write_summary(changes, args.ancien, args.nouveau, args.sortie)] if args.sortie else []
        print(dumps(envelope("comparer", EXIT_OK, files=[args.ancien.absolute(), args.nouveau.absolute()],
                             outputs=written, changes=[c.__dict__ for c in changes])))
        return EXIT_OK
    if changes:
        print(f"{french.count(len(changes), 'modification')} de {args.ancien.name} à {args.nouveau.name} :")
        print(format_table(HEADERS, [c.as_row() for c in changes], max_width=40))
    else:
        print("Aucune modification entre les deux versions.")
    if args.sortie:
        print(f"Résumé écrit : {write_summary(changes, args.ancien, args.nouveau, args.sortie)}")
    return EXIT_OK


def _run_migrer(args: argparse.Namespace) -> int:
    from .batch import batch_files, problem_of
    from .migration import migrate_workbook

    files = batch_files(args.chemins)
    if not files:
        raise CoopxlError("no-plans-found", path=", ".join(map(str, args.chemins)))
    single = len(args.chemins) == 1 and not args.chemins[0].is_dir()
    problems, migrated = [], []
    for path in files:
        try:
            result = migrate_workbook(path)
        except CoopxlError as error:  # this file only: the others are still migrated
            if single:
                raise
            problems.append(problem_of(path, error))
            continue
        migrated.append({"plan": str(path.absolute()), "from_version": result.from_version,
                         "to_version": result.to_version, "migrated": result.migrated,
                         "backup": str(result.backup) if result.backup else None})
        if args.json:
            continue
        if result.migrated:
            print(f"{path.name} : version {result.from_version} → {result.to_version} "
                  f"(copie de sauvegarde : {result.backup})")
        else:
            print(f"{path.name} : déjà à la version {result.to_version} du modèle.")
    return _finish_batch(args, "migrer", files, problems, [m["plan"] for m in migrated if m["migrated"]],
                         migrated=migrated)


def _run_excel(args: argparse.Namespace) -> int:
    from .excel_install import install, installation, status, write_conf

    roots = {"onedrive": args.onedrive, "onedrive_personal": args.onedrive_personnel, "sharepoint": args.sharepoint}
    if args.action == "installer":
        place = install(**roots)
        print(f"Complément installé : {place.addin}")
        print(f"Configuration écrite : {place.config} (Python : {place.interpreter})")
        print("Ouvrez Excel : l'onglet « Coopération » apparaît dans le ruban.")
        return EXIT_OK
    if args.action == "conf":
        if not args.python:
            print("Erreur : indiquez le Python des postes avec --python, par exemple "
                  "--python \"%LOCALAPPDATA%\\coopxl\\venv\\Scripts\\pythonw.exe\".", file=sys.stderr)
            return EXIT_FAILED
        target = write_conf(args.sortie or Path("coopxl.conf"), args.python, **roots)
        print(f"Configuration écrite : {target} (à copier dans %USERPROFILE%\\.coopxl\\coopxl.conf)")
        return EXIT_OK
    if args.action == "paquet":
        from .windows_package import build_package

        print("Téléchargement des paquets pour Windows (Python 3.11, 3.12 et 3.13)…", file=sys.stderr)
        print(f"Paquet écrit : {build_package(args.sortie or Path('.'), args.roue)}")
        return EXIT_OK
    installation()  # refuses on a system without Excel
    print("\n".join(status()))
    return EXIT_OK


def _run_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    return run_demo(args.dossier)


Command = tuple[str, str, str, str, Callable[[argparse.ArgumentParser], None],
                Callable[[argparse.Namespace], int]]


def _paths_argument(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("chemins", type=Path, nargs="+", metavar="FICHIER|DOSSIER", help=help)


def _json_option(parser: argparse.ArgumentParser, what: str = "le résultat") -> None:
    parser.add_argument("--json", action="store_true", help=f"écrit {what} en JSON (pour un programme)")


def _date_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--date", type=_date, metavar="AAAA-MM-JJ", help=help)


def _referential_option(parser: argparse.ArgumentParser, default: str = "celui du dossier de travail") -> None:
    parser.add_argument("--referentiel", type=Path, metavar="FICHIER",
                        help=f"référentiel à utiliser (par défaut : {default})")


def _templates_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--modeles", type=Path, metavar="DOSSIER",
                        help="modèles Word personnalisés (par défaut : DOSSIER/modeles/ s'il existe)")


def _args_initialiser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dossier", type=Path, metavar="DOSSIER", help="dossier de travail à créer")


def _args_nouveau(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("epci", metavar="EPCI", help="nom (ou partie du nom) ou SIREN de l'EPCI")
    parser.add_argument("--dossier", type=Path, default=Path("."), metavar="DOSSIER",
                        help="dossier de travail (par défaut : le dossier courant)")
    parser.add_argument("--debut", type=_date, metavar="AAAA-MM-JJ",
                        help="début de la période (par défaut : 1er janvier prochain)")
    parser.add_argument("--fin", type=_date, metavar="AAAA-MM-JJ",
                        help="fin de la période (par défaut : trois années civiles)")
    parser.add_argument("--referent", metavar="NOM", help="chargé ou chargée de mission référent du binôme")
    parser.add_argument("--binome", metavar="NOM", help="second membre du binôme (chargé ou chargée de mission)")
    parser.add_argument("--sortie", type=Path, metavar="FICHIER",
                        help="fichier à écrire (par défaut : plans/plan-cooperation_<epci>.xlsx)")


def _args_valider(parser: argparse.ArgumentParser) -> None:
    _paths_argument(parser, "classeurs de plan, référentiel, ou dossier de travail")
    _referential_option(parser, "celui du dossier de travail, sinon les listes copiées dans chaque plan")
    _json_option(parser, "le rapport")
    parser.add_argument("--annoter", action="store_true",
                        help="écrit les remarques dans la feuille Contrôles et surligne les cellules "
                             "(après une copie de sauvegarde)")
    _date_option(parser, "date du jour pour les contrôles de suivi (par défaut : aujourd'hui)")


def _args_consolider(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dossier", type=Path, metavar="DOSSIER", help="dossier de travail")
    parser.add_argument("--sortie", type=Path, metavar="FICHIER",
                        help="tableau de bord à écrire (par défaut : sorties/tableau-de-bord.xlsx)")
    _date_option(parser, "date du jour pour les actions en retard (par défaut : aujourd'hui)")
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="processus de lecture en parallèle (par défaut : 2 dès 6 plans sous Linux, "
                             "dès 40 sous Windows et macOS)")
    _json_option(parser, "la synthèse")


def _args_deliberations(parser: argparse.ArgumentParser) -> None:
    _paths_argument(parser, "classeurs de plan, ou dossier de travail (tous ses plans)")
    parser.add_argument("--sortie", type=Path, metavar="DOSSIER",
                        help="dossier des documents (par défaut : sorties/documents/<epci>/)")
    parser.add_argument("--pdf", action="store_true", help="ajoute une copie PDF de chaque document (LibreOffice)")
    parser.add_argument("--forcer", action="store_true", help="produit aussi les documents des plans en erreur")
    _templates_option(parser)
    _referential_option(parser)
    _date_option(parser, "date des documents (par défaut : aujourd'hui)")
    _json_option(parser)


def _args_modeles(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("verifier", "copier"),
                        help="verifier : contrôle des modèles ; copier : copie les modèles livrés dans "
                             "DOSSIER/modeles/ pour les personnaliser")
    parser.add_argument("chemins", type=Path, nargs="*", metavar="FICHIER|DOSSIER",
                        help="modèles .docx à vérifier (par défaut : ceux livrés), ou dossier de travail")


def _args_suivi(parser: argparse.ArgumentParser) -> None:
    _paths_argument(parser, "classeurs de plan, ou dossier de travail")
    _date_option(parser, "date de référence (par défaut : aujourd'hui) ; la réunion est la prochaine séance "
                         "« Suivi semestriel » prévue, sinon cette date")
    parser.add_argument("--preparer", action="store_true",
                        help="ajoute dans chaque plan les lignes de la prochaine revue (T_Suivi) et la séance, "
                             "après une copie de sauvegarde")
    parser.add_argument("--sortie", type=Path, metavar="DOSSIER",
                        help="dossier des fiches (par défaut : sorties/suivi/)")
    _templates_option(parser)
    _json_option(parser)


def _args_comparer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ancien", type=Path, metavar="ANCIEN.xlsx", help="version précédente du plan")
    parser.add_argument("nouveau", type=Path, metavar="NOUVEAU.xlsx", help="version actuelle du plan")
    parser.add_argument("--sortie", type=Path, metavar="FICHIER",
                        help="résumé à écrire, .xlsx ou .docx (pour le compte rendu de réunion)")
    _json_option(parser, "les modifications")


def _args_migrer(parser: argparse.ArgumentParser) -> None:
    _paths_argument(parser, "classeurs de plan, ou dossier de travail")
    _json_option(parser)


def _args_excel(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("installer", "statut", "conf", "paquet"),
                        help="installer : installe le complément coopxl.xlam pour l'utilisateur ; "
                             "statut : indique ce qui est installé ; conf : écrit le fichier coopxl.conf "
                             "pour un Python donné (préparation d'un déploiement, sur tout système) ; "
                             "paquet : construit le paquet d'installation hors ligne pour Windows")
    parser.add_argument("--python", metavar="CHEMIN",
                        help="conf : chemin Windows du pythonw.exe des postes")
    parser.add_argument("--sortie", type=Path, metavar="FICHIER|DOSSIER",
                        help="conf : fichier à écrire (par défaut coopxl.conf) ; paquet : dossier où écrire "
                             "coopxl-windows-<version>.zip (par défaut le dossier courant)")
    parser.add_argument("--roue", type=Path, metavar="FICHIER",
                        help="paquet : roue de coopxl à empaqueter (par défaut construite depuis les sources)")
    parser.add_argument("--onedrive", metavar="DOSSIER",
                        help="dossier OneDrive professionnel synchronisé où sont les plans (ONEDRIVE_COMMERCIAL_WIN)")
    parser.add_argument("--onedrive-personnel", metavar="DOSSIER",
                        help="dossier OneDrive personnel synchronisé (ONEDRIVE_CONSUMER_WIN)")
    parser.add_argument("--sharepoint", metavar="DOSSIER",
                        help="dossier racine des bibliothèques SharePoint synchronisées (SHAREPOINT_WIN)")


def _args_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dossier", type=Path, nargs="?", metavar="DOSSIER",
                        help="dossier vide où copier l'exemple (par défaut : un dossier temporaire)")


COMMANDS: tuple[Command, ...] = (
    ("initialiser", "crée un dossier de travail",
     "Crée un dossier de travail : le référentiel du Parc (modèle à compléter), le dossier "
     "plans/ des classeurs des EPCI et le dossier sorties/ des documents produits.",
     "coopxl initialiser ~/cooperation", _args_initialiser, _run_initialiser),
    ("nouveau", "crée le classeur du plan d'un EPCI",
     "Crée le classeur du plan de coopération d'un EPCI, pré-rempli à partir du référentiel : "
     "identité de l'EPCI, période, charte, membres connus du groupe projet, listes déroulantes. "
     "N'écrase jamais un plan existant.",
     "coopxl nouveau \"Pays de Lamastre\" --dossier ~/cooperation --referent \"Claire Vernet\"",
     _args_nouveau, _run_nouveau),
    ("valider", "contrôle des classeurs",
     "Contrôle un ou plusieurs classeurs de plan (ou le référentiel) selon toutes les règles : "
     "structure, valeurs, références, démarche, financements et votes. Affiche les erreurs et "
     "avertissements avec la cellule à corriger. Code de sortie : 0 sans erreur, 1 erreurs "
     "trouvées, 2 contrôle impossible.",
     "coopxl valider ~/cooperation\n  coopxl valider plans/plan-cooperation_cc-val-eyrieux.xlsx --annoter",
     _args_valider, _run_valider),
    ("consolider", "tableau de bord des plans",
     "Rassemble tous les plans du dossier plans/ dans un tableau de bord Excel : synthèse par "
     "EPCI (plans non reçus ou illisibles compris), actions, financements, charte, charge de "
     "l'équipe, calendrier, contrôles et graphiques. Les plans ne sont jamais modifiés.",
     "coopxl consolider ~/cooperation", _args_consolider, _run_consolider),
    ("deliberations", "documents Word des plans",
     "Produit pour chaque plan la feuille de route et les délibérations du conseil communautaire "
     "et du bureau (ou comité) syndical du Parc : projet avant le vote, extrait une fois le vote "
     "saisi dans la feuille Délibérations. Les plans en erreur sont ignorés sauf --forcer.",
     "coopxl deliberations ~/cooperation --pdf\n  coopxl deliberations plans/plan-cooperation_cc-val-eyrieux.xlsx",
     _args_deliberations, _run_deliberations),
    ("suivi", "fiches de suivi semestriel",
     "Prépare la prochaine réunion de suivi de chaque plan approuvé ou en œuvre : une fiche Word "
     "(décisions de la réunion précédente, actions en retard, échéances des six prochains mois, "
     "financements à solliciter, avancement par objectif avec des colonnes à remplir) et une "
     "synthèse pour le Parc. Avec --preparer, ajoute dans les classeurs les lignes de la revue à venir.",
     "coopxl suivi ~/cooperation\n  coopxl suivi ~/cooperation --preparer --date 2026-12-01",
     _args_suivi, _run_suivi),
    ("comparer", "ce qui a changé entre deux versions d'un plan",
     "Compare deux versions d'un classeur de plan : actions ajoutées ou supprimées, champs "
     "modifiés, changements de statut, financements. Affiche la liste et, avec --sortie, écrit un "
     "résumé Excel ou Word pour le compte rendu de réunion.",
     "coopxl comparer plans/sauvegardes/plan_2026-05-01.xlsx plans/plan-cooperation_cc-val-eyrieux.xlsx "
     "--sortie modifications.docx", _args_comparer, _run_comparer),
    ("migrer", "mise à jour des classeurs vers la version actuelle du modèle",
     "Amène les classeurs d'une version plus ancienne du modèle à la version actuelle, sans perdre "
     "de valeur (copie de sauvegarde conservée). Un classeur déjà à jour n'est pas modifié.",
     "coopxl migrer ~/cooperation", _args_migrer, _run_migrer),
    ("modeles", "modèles Word : vérifier, copier",
     "Vérifie qu'un modèle Word personnalisé est utilisable (champs connus, balises bien formées, "
     "styles présents) avant toute production, ou copie les modèles livrés dans le dossier de "
     "travail pour les personnaliser dans Word.",
     "coopxl modeles verifier ~/cooperation/modeles/deliberation-parc.docx\n  coopxl modeles copier ~/cooperation",
     _args_modeles, _run_modeles),
    ("excel", "complément Excel : installer, statut, conf, paquet",
     "Installe pour l'utilisateur courant le complément Excel coopxl.xlam (onglet « Coopération » : "
     "Valider, Délibérations, Fiche de suivi, Consolider, Nouveau plan) et le relie au Python où "
     "coopxl est installé. Excel doit être fermé. Sous Linux, Excel n'existe pas : la commande le dit. "
     "« conf » écrit le fichier coopxl.conf d'un poste (encodage Windows-1252) ; « paquet » construit "
     "le paquet d'installation hors ligne pour Windows (il faut Internet pour le construire, pas pour "
     "l'installer).",
     "coopxl excel installer --onedrive \"C:\\Users\\helene\\OneDrive - Parc\"\n  coopxl excel statut\n"
     "  coopxl excel conf --python \"C:\\Users\\Hélène\\AppData\\Local\\coopxl\\venv\\Scripts\\pythonw.exe\"\n"
     "  coopxl excel paquet --sortie dist", _args_excel, _run_excel),
    ("demo", "démonstration sur le territoire d'exemple",
     "Copie le territoire d'exemple (référentiel et 13 plans) dans un dossier et y exécute "
     "toute la chaîne de coopération, en indiquant où trouver les résultats.",
     "coopxl demo /tmp/demo-coopxl", _args_demo, _run_demo),
)


_COMMAND_NAMES = frozenset(command[0] for command in COMMANDS)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser, with French help and an example per command.

    With `only`, the other commands are declared by name and summary only: a command run
    does not pay for building every other one (a few milliseconds of every button click)."""
    parser = _Parser(
        prog="coopxl", formatter_class=_Formatter,
        description=textwrap.fill("coopxl : les plans de coopération du Parc naturel régional des "
                                  "Monts d'Ardèche et des EPCI de son territoire, pilotés depuis "
                                  "Excel.", 88),
        epilog="Aide d'une commande : coopxl COMMANDE --help")
    parser.add_argument("--version", action="version", version=f"coopxl {__version__}",
                        help="affiche la version et quitte")
    parser.add_argument("--debug", action="store_true", help="affiche le détail technique des erreurs")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", title="commandes", parser_class=_Parser)
    for name, summary, description, example, add_arguments, run in COMMANDS:
        if only is not None and name != only:
            commands.add_parser(name, help=summary)
            continue
        command = commands.add_parser(name, help=summary, description=textwrap.fill(description, 88),
                                      epilog=f"Exemple :\n  {example}", formatter_class=_Formatter)
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help="affiche le détail technique des erreurs")
        add_arguments(command)
        command.set_defaults(run=run)
    return parser


def run() -> None:
    """The `coopxl` program: `main`, then the process ends.

    Before it ends, the objects left are frozen out of the garbage collector: the interpreter's
    last collection would walk every one of them (20 to 30 ms after a consolidation) for
    memory that exiting frees anyway. Exit handlers still run; files are closed by then."""
    status = main()
    import gc

    gc.freeze()
    raise SystemExit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    global _WANTS_JSON
    words = list(sys.argv[1:] if argv is None else argv)
    commands = [w for w in words if not w.startswith("-")]
    parser = build_parser(only=commands[0] if commands and commands[0] in _COMMAND_NAMES else None)
    _WANTS_JSON = (commands[0] if commands else "coopxl") if "--json" in words else ""
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_FAILED
    try:
        return args.run(args)
    except CoopxlError as error:
        if args.debug:
            raise
        _print_failure(args, error.code, error.message)
        print(f"Erreur : {error.message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - let the interpreter close it at exit
        return EXIT_OK
    except Exception as error:  # a bug: one French line, the traceback with --debug
        if args.debug:
            raise
        message = (f"Erreur inattendue ({type(error).__name__} : {error}). Relancez avec --debug "
                   "pour le détail et signalez-le.")
        _print_failure(args, "unexpected-error", message)
        print(message, file=sys.stderr)
        return EXIT_FAILED


def _print_failure(args: argparse.Namespace, code: str, message: str) -> None:
    """With --json, a command that could not run still prints its JSON object (exit 2)."""
    if getattr(args, "json", False):
        from .jsonreport import dumps, failure

        print(dumps(failure(args.command, code, message)))


def _quote(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if " " in text else text
