"""`coopxl demo`: the whole chain on a copy of the example territory.

Each capability adds its step here, so that the demo always shows everything coopxl does.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .textui import print_table


def run_demo(folder: Path | None) -> int:
    """Copy the examples into `folder` (a new temporary folder by default) and run every step."""
    from .workspace import copy_examples, create_plan

    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="coopxl-demo-"))
    workspace = copy_examples(folder)
    print(f"Territoire d'exemple copié dans {workspace.root}")

    print("\n1. Contrôle du référentiel et des plans (coopxl valider)")
    from .validation import validate_paths

    report = validate_paths([workspace.root])
    rows = []
    for name in report.files:
        findings = report.for_file(name)
        name = Path(name).name
        errors = sum(f.severity == "Erreur" for f in findings)
        rows.append((name, str(errors), str(len(findings) - errors)))
    print_table(("Classeur", "Erreurs", "Avertissements"), rows, indent=3)
    faulty = [name for name in report.plans if any(f.severity == "Erreur" for f in report.for_file(name))]
    print(f"   {len(report.plans)} plans contrôlés, {len(faulty)} avec des erreurs à corriger "
          "(le détail : coopxl valider DOSSIER).")

    print("\n2. Tableau de bord (coopxl consolider)")
    from .consolidation import consolidate
    from .dashboard import write_dashboard

    dashboard = consolidate(workspace)
    dashboard_path = write_dashboard(dashboard, workspace.outputs_folder / "tableau-de-bord.xlsx")
    counted = sum(1 for r in dashboard.synthesis if "actions" in r)
    print(f"   {counted} plans consolidés, {len(dashboard.actions)} actions : {dashboard_path}")

    print("\n3. Documents Word des plans sans erreur (coopxl deliberations)")
    from .documents import generate_for_paths

    batch = generate_for_paths([workspace.root])
    documents = workspace.outputs_folder / "documents"
    print(f"   {sum(len(g.files) for g in batch.generated)} documents pour {len(batch.generated)} plans "
          f"dans {documents} ; {len(batch.skipped)} plans ignorés (erreurs à corriger d'abord).")

    print("\n4. Fiches de la prochaine réunion de suivi (coopxl suivi)")
    from .followup import generate_followup

    followup = generate_followup([workspace.root])
    print(f"   {len(followup.fiches)} fiches de suivi et la synthèse pour le Parc : {workspace.followup_folder}")

    print("\n5. Création d'un nouveau plan (coopxl nouveau)")
    referential = workspace.read_referential()
    first = referential.epcis[0]
    new_plan = create_plan(workspace, first.siren or first.name or "",
                           referent=referential.staff[0].full_name,
                           partner=referential.staff[1].full_name,
                           output=workspace.outputs_folder / "demo" / "nouveau-plan.xlsx")
    print(f"   Plan pré-rempli pour {first.name} : {new_plan}")

    print("\nRésultats :")
    print(f"   dossier de travail : {workspace.root}")
    print(f"   tableau de bord    : {dashboard_path}")
    print(f"   documents Word     : {documents}")
    print(f"   fiches de suivi    : {workspace.followup_folder}")
    print(f"   nouveau plan       : {new_plan}")
    return 0
