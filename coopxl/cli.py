"""The `coopxl` command line: one French command per library function.

Each command parses its arguments, calls one function and renders the result. Exit
status: 0 done, 1 findings, 2 could not run. A failure prints one French line; the
traceback only with --debug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
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
argparse._ = lambda text: _ARGPARSE_FR.get(text, text)  # French for argparse's own words


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


def _run_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    return run_demo(args.dossier)


Command = tuple[str, str, str, str, Callable[[argparse.ArgumentParser], None],
                Callable[[argparse.Namespace], int]]


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
    parser.add_argument("--referent", metavar="NOM", help="chargé(e) de mission référent(e) du binôme")
    parser.add_argument("--binome", metavar="NOM", help="second(e) chargé(e) de mission du binôme")
    parser.add_argument("--sortie", type=Path, metavar="FICHIER",
                        help="fichier à écrire (par défaut : plans/plan-cooperation_<epci>.xlsx)")


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
     "coopxl nouveau \"Pays de Lamastre\" --dossier ~/cooperation --referent \"Claire Martin\"",
     _args_nouveau, _run_nouveau),
    ("demo", "démonstration sur le territoire d'exemple",
     "Copie le territoire d'exemple (référentiel et 13 plans) dans un dossier et y exécute "
     "toute la chaîne de coopération, en indiquant où trouver les résultats.",
     "coopxl demo /tmp/demo-coopxl", _args_demo, _run_demo),
)


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser, with French help and an example per command."""
    parser = argparse.ArgumentParser(
        prog="coopxl", formatter_class=_Formatter,
        description=textwrap.fill("coopxl : les plans de coopération du Parc naturel régional des "
                                  "Monts d'Ardèche et des EPCI de son territoire, pilotés depuis "
                                  "Excel.", 88),
        epilog="Aide d'une commande : coopxl COMMANDE --help")
    parser.add_argument("--version", action="version", version=f"coopxl {__version__}",
                        help="affiche la version et quitte")
    parser.add_argument("--debug", action="store_true", help="affiche le détail technique des erreurs")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", title="commandes")
    for name, summary, description, example, add_arguments, run in COMMANDS:
        command = commands.add_parser(name, help=summary, description=textwrap.fill(description, 88),
                                      epilog=f"Exemple :\n  {example}", formatter_class=_Formatter)
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help="affiche le détail technique des erreurs")
        add_arguments(command)
        command.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_FAILED
    try:
        return args.run(args)
    except CoopxlError as error:
        if args.debug:
            raise
        print(f"Erreur : {error.message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # a bug: one French line, the traceback with --debug
        if args.debug:
            raise
        print(f"Erreur inattendue ({type(error).__name__} : {error}). Relancez avec --debug "
              "pour le détail et signalez-le.", file=sys.stderr)
        return EXIT_FAILED


def _quote(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if " " in text else text
