"""Plain dataclasses for a plan workbook and the référentiel.

Field names are the schema's English keys (a test keeps them in step). Every record
remembers where it came from (`Origin`) so that a finding can point at the cell.
No module here touches a workbook library.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import normalize_header

Date = dt.date


@dataclass(frozen=True)
class Origin:
    """Where a record was read: sheet, Excel row and the column of each field.

    `columns` (field key → column letters) is one dict shared by every record of a table,
    so a plan of hundreds of rows does not carry hundreds of cell maps."""

    sheet: str = ""
    row: int = 0
    columns: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def cell(self, key: str) -> str:
        """The A1 reference of field `key` in this record, "" when the column was not found."""
        letters = self.columns.get(key)
        return f"{letters}{self.row}" if letters else ""


def file_key(path: Any) -> str:
    """How a file is named in reports: its full path, so that two `plan.xlsx` never mix."""
    import os

    return os.path.abspath(os.fspath(path))


@dataclass(frozen=True)
class Finding:
    """One problem found in a workbook: a code, a severity and the cell it points at."""

    code: str
    severity: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    field: str = ""
    value: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code, "severity": self.severity, "file": self.file,
            "sheet": self.sheet, "cell": self.cell, "field": self.field,
            "value": self.value, "message": self.message,
        }


@dataclass
class Record:
    """Base of every table row: its origin in the workbook."""

    origin: Origin = field(default_factory=Origin, compare=False, repr=False)


# --- plan workbook ----------------------------------------------------------


@dataclass
class Member(Record):
    """A member of the groupe projet (T_GroupeProjet)."""

    structure: str | None = None
    college: str | None = None
    role: str | None = None
    civility: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    role_detail: str | None = None
    email: str | None = None
    phone: str | None = None
    pair_role: str | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass
class Session(Record):
    """A séance de travail or a follow-up meeting (T_Seances)."""

    number: int | None = None
    kind: str | None = None
    date: Date | None = None
    place: str | None = None
    status: str | None = None
    participants: str | None = None
    outcomes: str | None = None


@dataclass
class Insight(Record):
    """An output of the first séance, interconnaissance (T_Interconnaissance)."""

    topic: str | None = None
    structure: str | None = None
    content: str | None = None


@dataclass
class Lead(Record):
    """A piste de coopération from the second séance (T_Pistes)."""

    number: str | None = None
    title: str | None = None
    horizon: str | None = None
    measure: str | None = None
    decision: str | None = None
    action: str | None = None


@dataclass
class Objective(Record):
    """An objectif stratégique (T_Objectifs)."""

    number: str | None = None
    title: str | None = None
    measures: str | None = None
    description: str | None = None

    @property
    def measure_codes(self) -> list[str]:
        return split_codes(self.measures)


@dataclass
class Action(Record):
    """A fiche action of the programme (T_Actions)."""

    number: str | None = None
    objective: str | None = None
    title: str | None = None
    description: str | None = None
    measure: str | None = None
    horizon: str | None = None
    lead: str | None = None
    other_lead: str | None = None
    epci_role: str | None = None
    parc_role: str | None = None
    partners: str | None = None
    officer: str | None = None
    start: Date | None = None
    end: Date | None = None
    status: str | None = None
    priority: str | None = None
    cost: float | None = None
    parc_days: float | None = None
    indicator: str | None = None
    target: str | None = None
    comment: str | None = None


@dataclass
class Funding(Record):
    """One line of the funding plan: an action, a funder, an amount (T_Financements)."""

    action: str | None = None
    funder: str | None = None
    scheme: str | None = None
    year: int | None = None
    amount: float | None = None
    status: str | None = None


@dataclass
class Review(Record):
    """The state of one action at one follow-up meeting (T_Suivi)."""

    date: Date | None = None
    action: str | None = None
    status: str | None = None
    progress: float | None = None
    achievements: str | None = None
    difficulties: str | None = None
    next_steps: str | None = None
    decision: str | None = None


@dataclass
class Deliberation(Record):
    """A délibération approving the plan, prepared or voted (T_Deliberations)."""

    body: str | None = None
    number: str | None = None
    date: Date | None = None
    convened_on: Date | None = None
    chair: str | None = None
    secretary: str | None = None
    rapporteur: str | None = None
    members: int | None = None
    present: int | None = None
    proxies: int | None = None
    voters: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    result: str | None = None
    actes_subject: str | None = None
    transmitted_on: Date | None = None
    actes_id: str | None = None
    published_on: Date | None = None
    hour: str | None = None
    place: str | None = None
    present_names: str | None = None
    excused_names: str | None = None
    proxy_names: str | None = None

    @property
    def is_voted(self) -> bool:
        return self.votes_for is not None or self.result is not None


@dataclass
class Check(Record):
    """A row of the Contrôles sheet, as coopxl last wrote it (T_Controles)."""

    severity: str | None = None
    code: str | None = None
    sheet: str | None = None
    cell: str | None = None
    field: str | None = None
    value: str | None = None
    message: str | None = None


@dataclass
class Plan:
    """A whole plan de coopération workbook, as read."""

    path: Path
    epci_name: str | None = None
    epci_siren: str | None = None
    title: str | None = None
    period_start: Date | None = None
    period_end: Date | None = None
    charter_version: str | None = None
    status: str | None = None
    updated_on: Date | None = None
    template_version: str | None = None
    members: list[Member] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    insights: list[Insight] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    fundings: list[Funding] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    deliberations: list[Deliberation] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    field_cells: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    """Field key → (sheet, A1 cell) where the labelled value was read."""
    lists: dict[str, list[str]] = field(default_factory=dict, repr=False)
    """Values of every list of the hidden Listes sheet, by list name (L_…)."""
    table_sheets: dict[str, str] = field(default_factory=dict, repr=False)
    """Table name → the sheet it was found on (it may have been renamed)."""
    findings: list[Finding] = field(default_factory=list, repr=False)
    """What the reader could not interpret or had to convert."""


# --- référentiel ------------------------------------------------------------


@dataclass
class Epci(Record):
    """An EPCI of the Parc's territory (T_EPCI)."""

    siren: str | None = None
    name: str | None = None
    form: str | None = None
    department: str | None = None
    seat: str | None = None
    president_civility: str | None = None
    president: str | None = None
    dgs: str | None = None
    councillors: int | None = None
    court: str | None = None
    active: str | None = None
    successor_siren: str | None = None


@dataclass
class Measure(Record):
    """A measure of the charter (T_Charte)."""

    version: str | None = None
    vocation: str | None = None
    orientation_number: int | None = None
    orientation: str | None = None
    code: str | None = None
    label: str | None = None


@dataclass
class StaffMember(Record):
    """A chargé de mission of the Parc (T_Equipe)."""

    civility: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    post: str | None = None
    unit: str | None = None
    days_available: float | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass
class Funder(Record):
    """A funder proposed in the funding plans (T_Financeurs)."""

    code: str | None = None
    name: str | None = None
    kind: str | None = None


@dataclass
class ActesSubject(Record):
    """A matière of the @ctes nomenclature (T_Matieres)."""

    code: str | None = None
    label: str | None = None

    @property
    def display(self) -> str:
        return f"{self.code} {self.label}"


@dataclass
class Referential:
    """The Parc's reference data (referentiel.xlsx)."""

    path: Path | None = None
    park_name: str | None = None
    body_name: str | None = None
    body_siren: str | None = None
    address: str | None = None
    president_civility: str | None = None
    president_name: str | None = None
    vp_name: str | None = None
    approving_body: str | None = None
    delegation: str | None = None
    charter_version: str | None = None
    charter_label: str | None = None
    decree: str | None = None
    court: str | None = None
    epcis: list[Epci] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    staff: list[StaffMember] = field(default_factory=list)
    funders: list[Funder] = field(default_factory=list)
    subjects: list[ActesSubject] = field(default_factory=list)
    field_cells: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    table_sheets: dict[str, str] = field(default_factory=dict, repr=False)
    findings: list[Finding] = field(default_factory=list, repr=False)

    # The référentiel lists copied into a plan's Listes sheet (schema.ChoiceList.from_referential).
    @property
    def epci_names(self) -> list[str]:
        return [e.name for e in self.epcis if e.name and e.active != "Non"]

    @property
    def epci_sirens(self) -> list[str]:
        return [e.siren or "" for e in self.epcis if e.name and e.active != "Non"]

    @property
    def charter_versions(self) -> list[str]:
        return unique(m.version for m in self.measures if m.version)

    @property
    def measure_codes(self) -> list[str]:
        return [m.code for m in self.measures if m.code]

    @property
    def measure_labels(self) -> list[str]:
        return [m.label or "" for m in self.measures if m.code]

    @property
    def staff_names(self) -> list[str]:
        return [s.full_name for s in self.staff if s.full_name]

    @property
    def funder_names(self) -> list[str]:
        return [f.name for f in self.funders if f.name]

    @property
    def funder_codes(self) -> list[str]:
        return [f.code or "" for f in self.funders if f.name]

    @property
    def funder_kinds(self) -> list[str]:
        return [f.kind or "" for f in self.funders if f.name]

    @property
    def actes_subjects(self) -> list[str]:
        return [s.display for s in self.subjects if s.code]

    def list_values(self, source: str) -> list[str]:
        """Values of a référentiel-fed list, by its `from_referential` attribute name."""
        return list(getattr(self, source))

    def find_epci(self, query: str) -> list[Epci]:
        """EPCIs whose SIREN equals, or whose name contains, `query` (accents and case ignored)."""
        digits = "".join(ch for ch in query if ch.isdigit())
        if len(digits) == 9 and digits == query.replace(" ", ""):
            return [e for e in self.epcis if e.siren == digits]
        wanted = normalize_header(query)
        exact = [e for e in self.epcis if normalize_header(e.name) == wanted]
        return exact or [e for e in self.epcis if wanted in normalize_header(e.name)]


def split_codes(text: str | None) -> list[str]:
    """Measure codes written in one cell, separated by `;` (or `,` and spaces)."""
    if not text:
        return []
    for separator in (",", "\n"):
        text = text.replace(separator, ";")
    return [code.strip() for code in text.split(";") if code.strip()]


def unique(values: Any) -> list:
    """Values in first-seen order, without repeats."""
    return list(dict.fromkeys(values))
