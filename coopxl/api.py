"""The Python API of coopxl: one function per command of the command line (SPEC §8).

Each function accepts `str` or `Path` wherever it takes a path, and is the one its command
wraps (`coopxl valider` → `validate`, `coopxl consolider` → `consolidate`, …)::

    import coopxl

    report = coopxl.validate("travail/plans")          # coopxl valider travail/plans --json
    print(report.to_dict()["errors"])
    result = coopxl.consolidate("travail")             # the tables, to write or to analyse
    result.write("travail/sorties/tableau-de-bord.xlsx")
    coopxl.consolidate("travail", output="travail/sorties/tableau-de-bord.xlsx")  # coopxl consolider travail
    frames = result.to_pandas()                        # needs coopxl[pandas]
    frames["T_ToutesActions"].groupby("EPCI")["Coût total (€ HT)"].sum()

Problems found in workbooks are findings in the returned reports; a condition that stops
the whole call raises `coopxl.CoopxlError` (with a French `.message` and an English `.code`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the API module stays cheap to import: each function imports its layer
    import pandas

    from .batch import DocumentsBatch
    from .comparison import Change
    from .consolidation import Dashboard
    from .followup import FollowupResult, PreparationResult
    from .migration import MigrationResult
    from .model import Plan
    from .validation import Report
    from .workspace import Workspace

PathLike_ = str | PathLike[str]
"""What every function of the API accepts as a path."""


def _paths(paths: Iterable[PathLike_]) -> list[Path]:
    return [Path(p) for p in paths]


def read_plan(path: PathLike_) -> Plan:
    """Read one plan workbook into a `Plan` (raises `UnreadableWorkbookError` if it is none).

    Reading problems (a text typed in a date cell, a renamed sheet…) are in `plan.findings`.
    """
    from .reader import read_plan as read

    return read(Path(path))


def validate(*paths: PathLike_, referential: PathLike_ | None = None,
             today: dt.date | None = None) -> Report:
    """Validate plan workbooks (files or folders); `coopxl valider`.

    The référentiel of the working folder is used when `referential` is not given. The
    report has `.findings`, `.errors`, `.warnings` and `.to_dict()`, the dict that
    `coopxl valider --json` prints.
    """
    from .reader import read_referential
    from .validation import validate_paths

    if not paths:
        raise TypeError("validate() needs at least one file or folder")
    loaded = read_referential(Path(referential)) if referential is not None else None
    return validate_paths(_paths(paths), loaded, today)


@dataclass
class Consolidation:
    """What `consolidate` returns: the dashboard's tables, to write or to analyse.

    Every attribute of the underlying `Dashboard` (`synthesis`, `actions`, `problems`…) is
    readable here too."""

    dashboard: Dashboard

    def write(self, path: PathLike_) -> Path:
        """Write the dashboard workbook atomically (refused while it is open in Excel)."""
        from .dashboard import write_dashboard

        return write_dashboard(self.dashboard, Path(path))

    def to_pandas(self) -> dict[str, pandas.DataFrame]:
        """Every table as a DataFrame keyed by table name (`T_Synthese`, …); needs `coopxl[pandas]`."""
        from .frames import to_pandas

        return to_pandas(self.dashboard)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.dashboard, name)


def consolidate(folder: PathLike_, *, today: dt.date | None = None, jobs: int | None = None,
                progress: Callable[..., Any] | None = None, output: PathLike_ | None = None) -> Consolidation:
    """Read every plan of a working folder into the dashboard's tables; `coopxl consolider`.

    The result writes the dashboard workbook with `.write(path)` and gives its tables as
    pandas DataFrames with `.to_pandas()`. With `output`, the dashboard workbook is also
    written there, while the plans are read (what `coopxl consolider` does: the same file as
    `.write(output)`, sooner). Plans are never modified.
    """
    from .consolidation import consolidate as build
    from .dashboard import consolidate_into, load_writer
    from .workspace import Workspace

    workspace = Workspace(Path(folder))
    if output is not None:
        return Consolidation(consolidate_into(workspace, Path(output), today=today, jobs=jobs, progress=progress))

    return Consolidation(build(workspace, today=today, jobs=jobs, progress=progress, meanwhile=load_writer))


def generate_documents(*paths: PathLike_, output: PathLike_ | None = None, templates: PathLike_ | None = None,
                       pdf: bool = False, force: bool = False, today: dt.date | None = None) -> DocumentsBatch:
    """The Word documents of each plan (feuille de route, délibérations); `coopxl deliberations`.

    Plans with blocking errors are left out unless `force` is true, and so is any file that is
    not a plan; each file left out is a finding of `.problems`, the documents are in `.generated`.
    """
    from .batch import generate_all_documents

    return generate_all_documents(_paths(paths), output=Path(output) if output else None,
                                  templates_folder=Path(templates) if templates else None,
                                  pdf=pdf, force=force, today=today)


def follow_up(*paths: PathLike_, today: dt.date | None = None, output: PathLike_ | None = None,
              templates: PathLike_ | None = None) -> FollowupResult:
    """The fiches de suivi of the plans in œuvre and the Parc's synthèse; `coopxl suivi`."""
    from .followup import generate_followup

    return generate_followup(_paths(paths), today=today, output=Path(output) if output else None,
                             templates_folder=Path(templates) if templates else None)


def prepare_reviews(*paths: PathLike_, today: dt.date | None = None) -> PreparationResult:
    """Add to each followed plan the rows of its coming review, after a backup; `coopxl suivi --preparer`.

    `.prepared` names each plan, the meeting date, the rows added and the backup (None when the
    plan already held that review and was left unchanged); `.problems` each file left out."""
    from .followup import prepare_reviews as prepare

    return prepare(_paths(paths), today or dt.date.today())


def compare(before: PathLike_, after: PathLike_) -> list[Change]:
    """What changed between two versions of a plan workbook; `coopxl comparer`."""
    from .batch import read_plan_only
    from .comparison import compare_plans

    return compare_plans(read_plan_only(Path(before)), read_plan_only(Path(after)))


def migrate(path: PathLike_) -> MigrationResult:
    """Bring a plan workbook to the current template version, after a backup; `coopxl migrer`."""
    from .migration import migrate_workbook

    return migrate_workbook(Path(path))


def create_plan(folder: PathLike_, epci: str, *, start: dt.date | None = None, end: dt.date | None = None,
                referent: str | None = None, partner: str | None = None,
                output: PathLike_ | None = None) -> Path:
    """Write a new plan workbook for one EPCI (name or SIREN) of the référentiel; `coopxl nouveau`."""
    from .workspace import Workspace
    from .workspace import create_plan as create

    return create(Workspace(Path(folder)), epci, start=start, end=end, referent=referent, partner=partner,
                  output=Path(output) if output else None)


def init_workspace(folder: PathLike_) -> Workspace:
    """Create a working folder (référentiel to complete, `plans/`, `sorties/`); `coopxl initialiser`."""
    from .workspace import initialise

    return initialise(Path(folder))

