"""`coopxl demo`: the whole chain on a copy of the example territory.

Each capability adds its step here, so that the demo always shows everything coopxl does.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .messages import CoopxlError
from .textui import print_table


def run_demo(folder: Path | None) -> int:
    """Copy the examples into `folder` (a new temporary folder by default) and run every step."""
    from .reader import read_plan
    from .workspace import copy_examples, create_plan, plan_files

    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="coopxl-demo-"))
    workspace = copy_examples(folder)
    print(f"Territoire d'exemple copié dans {workspace.root}")

    print("\n1. Lecture du référentiel et des plans")
    referential = workspace.read_referential()
    print(f"   Référentiel : {len(referential.epcis)} EPCI, {len(referential.measures)} mesures de "
          f"charte, {len(referential.staff)} chargés de mission, {len(referential.funders)} financeurs.")
    rows = []
    for path in plan_files(workspace.plans_folder):
        try:
            plan = read_plan(path)
        except CoopxlError as error:
            rows.append((path.name, "Illisible", "", "", error.message))
            continue
        rows.append((plan.epci_name or path.name, plan.status or "", str(len(plan.actions)),
                     str(len({r.date for r in plan.reviews})), str(len(plan.findings))))
    print_table(("EPCI", "Statut", "Actions", "Revues", "Remarques de lecture"), rows, indent=3)

    print("\n2. Création d'un nouveau plan (coopxl nouveau)")
    first = referential.epcis[0]
    new_plan = create_plan(workspace, first.siren or first.name or "",
                           referent=referential.staff[0].full_name,
                           partner=referential.staff[1].full_name,
                           output=workspace.outputs_folder / "demo" / "nouveau-plan.xlsx")
    print(f"   Plan pré-rempli pour {first.name} : {new_plan}")

    print("\nRésultats :")
    print(f"   dossier de travail : {workspace.root}")
    print(f"   plans lus          : {workspace.plans_folder}")
    print(f"   nouveau plan       : {new_plan}")
    return 0
