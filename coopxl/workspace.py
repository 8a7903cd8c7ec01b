"""The working folder (SPEC §2), the shipped files, and creating a plan workbook."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .files import copy_atomically, slugify
from .guard import is_lock_file
from .messages import CoopxlError, phrase
from .model import Epci, Referential, StaffMember, placeholder_marker
from .schema import PLAN

REFERENTIAL_NAME = "referentiel.xlsx"
PLANS_FOLDER = "plans"
OUTPUTS_FOLDER = "sorties"
TEMPLATES_FOLDER = "modeles"
PLAN_PREFIX = "plan-cooperation_"
DEFAULT_PERIOD_YEARS = 3


@dataclass(frozen=True)
class Workspace:
    """A working folder: référentiel, plans and outputs."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))  # accept str as the API does

    @classmethod
    def of(cls, plan: str | Path) -> Workspace:
        """The working folder a plan file sits in: the parent of its `plans/`, else its own folder."""
        parent = Path(plan).resolve().parent
        return cls(parent.parent if parent.name == PLANS_FOLDER else parent)

    @property
    def templates_folder(self) -> Path:
        """Where the Parc keeps its customised Word templates (`coopxl modeles copier`)."""
        return self.root / TEMPLATES_FOLDER

    @property
    def custom_templates(self) -> Path | None:
        """The customised Word templates' folder, if the working folder has one."""
        return self.templates_folder if self.templates_folder.is_dir() else None

    @property
    def documents_folder(self) -> Path:
        return self.outputs_folder / "documents"

    @property
    def followup_folder(self) -> Path:
        return self.outputs_folder / "suivi"

    @property
    def dashboard_path(self) -> Path:
        return self.outputs_folder / "tableau-de-bord.xlsx"

    @property
    def referential_path(self) -> Path:
        return self.root / REFERENTIAL_NAME

    @property
    def plans_folder(self) -> Path:
        return self.root / PLANS_FOLDER

    @property
    def outputs_folder(self) -> Path:
        return self.root / OUTPUTS_FOLDER

    def plan_path(self, epci_name: str) -> Path:
        return self.plans_folder / f"{PLAN_PREFIX}{slugify(epci_name)}.xlsx"

    def read_referential(self) -> Referential:
        from .reader import read_referential

        if not self.referential_path.exists():
            raise CoopxlError("referential-not-found", path=str(self.referential_path))
        return read_referential(self.referential_path)


class Referentials:
    """The référentiel of each plan's working folder, read once per folder (or the one given)."""

    def __init__(self, given: Referential | None = None) -> None:
        self.given = given
        self._read: dict[Path, Referential] = {}

    def for_plan(self, plan: str | Path) -> Referential:
        """Raises CoopxlError("referential-not-found") when the plan's working folder has none."""
        if self.given is not None:
            return self.given
        workspace = Workspace.of(plan)
        if workspace.referential_path not in self._read:
            self._read[workspace.referential_path] = workspace.read_referential()
        return self._read[workspace.referential_path]


def shipped_path(*parts: str) -> Path:
    """A file shipped with coopxl (templates, examples), in the wheel or in the source tree."""
    from importlib import resources  # 2 ms: only for the commands that need a shipped file

    packaged = resources.files("coopxl").joinpath(*parts)
    if packaged.is_file() or packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent.joinpath(*parts)


def template_path(name: str) -> Path:
    return shipped_path("workbook_templates", name)


def examples_path() -> Path:
    return shipped_path("examples")


def initialise(folder: Path) -> Workspace:
    """Create a working folder: the référentiel template, `plans/` and `sorties/`."""
    workspace = Workspace(Path(folder))
    if workspace.referential_path.exists():
        raise CoopxlError("referential-exists", path=str(workspace.referential_path))
    workspace.plans_folder.mkdir(parents=True, exist_ok=True)
    workspace.outputs_folder.mkdir(parents=True, exist_ok=True)
    copy_atomically(template_path(REFERENTIAL_NAME), workspace.referential_path)
    return workspace


def copy_examples(folder: Path) -> Workspace:
    """Copy the example territory into `folder`, which must be empty or new."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise CoopxlError("folder-not-empty", path=str(folder))
    source = examples_path()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / REFERENTIAL_NAME, folder / REFERENTIAL_NAME)
    shutil.copytree(source / PLANS_FOLDER, folder / PLANS_FOLDER)
    (folder / OUTPUTS_FOLDER).mkdir(exist_ok=True)
    return Workspace(folder)


def find_epci(referential: Referential, query: str) -> Epci:
    """The one EPCI of the référentiel named (or SIREN-ed) by `query`."""
    matches = referential.find_epci(query)
    if not matches:
        known = ", ".join(e.name or "" for e in referential.epcis)
        raise CoopxlError("epci-not-found", query=query, known=known)
    if len(matches) > 1:
        raise CoopxlError("epci-ambiguous", query=query, matches=", ".join(e.name or "" for e in matches))
    return matches[0]


def find_staff(referential: Referential, query: str) -> StaffMember:
    """The team member named by `query` (first and last name, or last name alone)."""
    from .schema import normalize_header

    wanted = normalize_header(query)
    matches = [s for s in referential.staff
               if wanted in (normalize_header(s.full_name), normalize_header(s.last_name))]
    if len(matches) != 1:
        known = [s.full_name for s in referential.staff if s.full_name and not placeholder_marker(s.full_name)]
        raise CoopxlError("staff-not-found", query=query, known=", ".join(known) or phrase("no-staff-yet"))
    return matches[0]


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """Three calendar years starting next 1 January."""
    start = dt.date(today.year + 1, 1, 1)
    return start, dt.date(start.year + DEFAULT_PERIOD_YEARS - 1, 12, 31)


def create_plan(workspace: Workspace, epci_query: str, *, start: dt.date | None = None,
                end: dt.date | None = None, referent: str | None = None, partner: str | None = None,
                output: Path | None = None, today: dt.date | None = None) -> Path:
    """Write a new plan workbook for one EPCI, pre-filled from the référentiel.

    Refuses to overwrite an existing file. Returns the path written.
    """
    from .templates import plan_lists, write_workbook

    today = today or dt.date.today()
    referential = workspace.read_referential()
    epci = find_epci(referential, epci_query)
    start = start or default_period(today)[0]
    end = end or dt.date(start.year + DEFAULT_PERIOD_YEARS - 1, 12, 31)
    if end <= start:
        raise CoopxlError("bad-period", start=start.strftime("%d/%m/%Y"), end=end.strftime("%d/%m/%Y"))
    officers = [find_staff(referential, name) if name else None for name in (referent, partner)]
    path = Path(output) if output else workspace.plan_path(epci.name or "")
    if path.exists():
        raise CoopxlError("plan-exists", path=str(path))
    fields = {
        "epci_name": epci.name,
        "epci_siren": epci.siren,
        "title": f"Plan de coopération {start.year}-{end.year} entre {epci.name} et le "
                 f"{referential.park_name or 'Parc'}",
        "period_start": start,
        "period_end": end,
        "charter_version": referential.charter_version,
        "status": "En élaboration",
        "updated_on": today,
    }
    rows: dict[str, Sequence[Mapping[str, object]]] = {"T_GroupeProjet": project_group(referential, epci, officers),
            "T_Seances": [{"number": n, "kind": kind, "status": "Prévue"}
                          for n, kind in enumerate(("Interconnaissance", "Pistes de coopération",
                                                    "Programme d'actions"), start=1)]}
    write_workbook(PLAN, path, fields=fields, rows=rows, lists=plan_lists(referential))
    return path


def project_group(referential: Referential, epci: Epci,
                  officers: list[StaffMember | None]) -> list[dict[str, str | None]]:
    """The seven members of SPEC §1, named where the référentiel knows them."""
    def person(structure: str, college: str, role: str, civility: str | None, name: str | None,
               detail: str | None = None, pair_role: str | None = None) -> dict[str, str | None]:
        first, _, last = (name or "").strip().partition(" ")
        return {"structure": structure, "college": college, "role": role, "civility": civility,
                "first_name": first or None, "last_name": last or None, "role_detail": detail,
                "pair_role": pair_role}

    rows = [
        person("Parc", "Élu", "Président du Parc", referential.president_civility, referential.president_name),
        person("Parc", "Élu", "Vice-président proximité territoriale", None, referential.vp_name),
    ]
    for officer, pair_role in zip(officers, ("Référent", "Membre")):
        rows.append(person("Parc", "Technicien", "Chargé de mission", officer.civility if officer else None,
                           officer.full_name if officer else None, officer.post if officer else None,
                           pair_role))
    rows += [
        person("EPCI", "Élu", "Président de l'EPCI", epci.president_civility, epci.president),
        person("EPCI", "Élu", "Vice-président de l'EPCI", None, None),
        person("EPCI", "Technicien", "Directeur général des services", None, epci.dgs),
    ]
    return rows


def expand_paths(paths: Iterable[str | Path], *, referential: bool = False, locks: bool = True) -> list[Path]:
    """The files a command works on: those named, and every file of each folder named (of a
    working folder, its `plans/`), sorted.

    The one file filter of coopxl. Hidden files are left out; so is a folder's référentiel,
    unless `referential` (it then comes first); and Excel lock files (`~$…`) unless `locks`,
    for the commands that report them. Files of any kind are listed, so that a `.xls` or a
    `.csv` left among the plans is named rather than silently skipped."""
    files: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            files.append(path)
            continue
        if referential and (path / REFERENTIAL_NAME).is_file():
            files.append(path / REFERENTIAL_NAME)
        folder = path / PLANS_FOLDER if (path / PLANS_FOLDER).is_dir() else path
        files += sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                        and p.name != REFERENTIAL_NAME and (locks or not is_lock_file(p)))
    return files
