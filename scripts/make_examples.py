"""Write the example territory of coopxl (SPEC §9) from its data files.

The content lives in `examples/source/` as TOML a reviewer can diff: `referentiel.toml` and one
`plans/<plan>.toml` per EPCI, holding the value of every cell (the deliberate mistakes of three
plans included) and the list of those mistakes with the finding each must raise. This script only
writes them, through coopxl's own writer, into a working folder (default: `examples/`):

- `referentiel.xlsx` and `plans/plan-cooperation_<epci>.xlsx`;
- `README.md` (French), from `source/README.template.md`: the plans and their deliberate mistakes.

Run from a checkout: `python scripts/make_examples.py [--sortie DOSSIER]`. Nothing is checked here:
tests/test_examples.py proves with coopxl's validation that the clean plans are clean and that
each listed mistake is found.
"""

from __future__ import annotations

import argparse
import string
import sys
import tomllib
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # so that `python scripts/make_examples.py` works from a checkout

from coopxl.reader import read_referential  # noqa: E402
from coopxl.schema import PLAN, REFERENTIAL, WorkbookSchema  # noqa: E402
from coopxl.templates import plan_lists, write_workbook  # noqa: E402
from coopxl.workspace import Workspace  # noqa: E402

SOURCE = REPO / "examples" / "source"
DEFAULT_OUTPUT = REPO / "examples"


def load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def load_territory(source: Path = SOURCE) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The référentiel's data, and each plan's data by workbook name in the référentiel's EPCI order."""
    referential = load(source / "referentiel.toml")
    order = [epci["name"] for epci in referential["T_EPCI"]]
    plans = sorted((load(path) for path in (source / "plans").glob("*.toml")),
                   key=lambda plan: order.index(plan["plan"]["epci_name"]))
    # coopxl's own file name for each EPCI's plan (the folder does not matter here)
    return referential, {Workspace(source).plan_path(p["plan"]["epci_name"]).name: p for p in plans}


def rows_of(schema: WorkbookSchema, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {table.name: data.get(table.name, []) for table in schema.tables}


def findings_table(plans: dict[str, dict[str, Any]], kind: str) -> str:
    return "\n".join(f"| `{file}` | {m['sheet']} | {m['cell']} | {m['what']} | "
                     + (f"`{m['code']}`" if "code" in m else "aucun (doit rester du texte)") + " |"
                     for file, plan in plans.items() for m in plan["example"].get(kind, []))


def names(people: list[str]) -> str:
    return ", ".join(dict.fromkeys(people))


def readme(referential: dict[str, Any], plans: dict[str, dict[str, Any]], template: str) -> str:
    """The examples' README: the template's prose, with the tables and lists drawn from the data."""
    parc, example, epcis = referential["parc"], referential["example"], referential["T_EPCI"]
    real = example["real_sirens"]

    members = [(m["role"], f"{m['first_name']} {m['last_name']}") for p in plans.values() for m in p["T_GroupeProjet"]]
    secretaries = [d["secretary"].split(" ", 1)[1] for p in plans.values() for d in p.get("T_Deliberations", [])
                   if "secretary" in d]
    faulty = [p for p in plans.values() if p["example"].get("mistakes")]
    return string.Template(template).substitute(
        reference_day=f"{example['reference_day']:%d/%m/%Y}",
        parc_people=names([parc["president_name"], parc["vp_name"]]),
        team=names([f"{m['first_name']} {m['last_name']}" for m in referential["T_Equipe"]]),
        epci_people=names([e[key] for e in epcis for key in ("president", "dgs")]),
        vice_presidents=names([name for role, name in members if role == "Vice-président de l'EPCI"]),
        secretaries=names(sorted(secretaries)),
        illustrative_count=len(example["illustrative_labels"]),
        real_sirens=", ".join(f"{e['siren']} ({e['name']})" for e in epcis if e["siren"] in real),
        illustrative_sirens=", ".join(f"{e['siren']} ({e['name']})" for e in epcis if e["siren"] not in real),
        parc_siren=parc["body_siren"], decree=parc["decree"], delegation=parc["delegation"],
        plans_table="\n".join(
            f"| {p['plan']['epci_name']} | `plans/{file}` | {p['plan']['status']} | "
            f"{p['plan']['period_start']:%d/%m/%Y} – {p['plan']['period_end']:%d/%m/%Y} | {len(p['T_Actions'])} | "
            f"{reviews_held(p)} | {'oui' if p['example'].get('mistakes') else 'non'} |" for file, p in plans.items()),
        clean_count=len(plans) - len(faulty), faulty_count=len(faulty),
        shows="\n".join(f"- **{p['plan']['epci_name']}.** {p['example']['shows']}" for p in plans.values()),
        mistakes_table=findings_table(plans, "mistakes"), knock_on_table=findings_table(plans, "knock_on"),
        illustrative_labels="\n".join(f"- {label}" for label in example["illustrative_labels"]))


def reviews_held(plan: dict[str, Any]) -> int:
    return sum(s["kind"] == "Suivi semestriel" and s["status"] == "Tenue" for s in plan["T_Seances"])


def generate(output: Path, source: Path = SOURCE) -> dict[str, dict[str, Any]]:
    """Write the référentiel, the plans and the README into `output`; returns the plans' data by file."""
    referential_data, plans = load_territory(source)
    workspace = Workspace(output)
    write_workbook(REFERENTIAL, workspace.referential_path, fields=referential_data["parc"],
                   rows=rows_of(REFERENTIAL, referential_data))
    referential = read_referential(workspace.referential_path)
    assert not referential.findings, [f.message for f in referential.findings]
    lists = plan_lists(referential)
    for file, plan in plans.items():
        # Text stays text: a deliberate « 12/03/2025 » in a date column is a TOML string, written as one.
        write_workbook(PLAN, workspace.plans_folder / file, fields=plan["plan"], rows=rows_of(PLAN, plan),
                       lists=lists)
    template = (source / "README.template.md").read_text(encoding="utf-8")
    (output / "README.md").write_text(readme(referential_data, plans, template), encoding="utf-8")
    return plans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make_examples.py",
        description="Écrit le territoire d'exemple de coopxl (référentiel, 13 plans de coopération et README) "
                    "à partir de ses fichiers de données (examples/source/).",
        epilog="Exemple : python scripts/make_examples.py --sortie /tmp/exemples")
    parser.add_argument("--sortie", type=Path, default=DEFAULT_OUTPUT, metavar="DOSSIER",
                        help="dossier à remplir (par défaut : examples/ du dépôt)")
    args = parser.parse_args(argv)
    plans = generate(args.sortie)
    for file, plan in plans.items():
        flag = "  (erreurs volontaires)" if plan["example"].get("mistakes") else ""
        print(f"{file:<60} {plan['plan']['status']:<17} {len(plan['T_Actions']):>2} actions, "
              f"{reviews_held(plan)} revues{flag}")
    mistakes = sum(len(plan["example"].get("mistakes", [])) for plan in plans.values())
    print(f"{len(plans)} plans, {mistakes} erreurs volontaires, écrits dans {args.sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
