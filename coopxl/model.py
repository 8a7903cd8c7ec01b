"""Plain dataclasses for a plan workbook and the référentiel.

Field names are the schema's English keys (a test keeps them in step). Every record
remembers where it came from (`Origin`) so that a finding can point at the cell.
No module here touches a workbook library.

Records, the plan and the référentiel are dataclasses with `eq=False, repr=False`: Python 3.11
compiles each generated method at import and every button click is a new process; for these 18
classes that is 3 ms of each `coopxl valider` (a tenth of its floor). They are never compared as
wholes (their fields are); `Record.__repr__`, `Plan.__repr__` show them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import (
    CLOSED_STATUSES,
    HELD,
    LEADER_FUNDER_CODE,
    PAIR_MEMBER,
    PLANNED,
    REFERENT,
    REFUSED,
    REVIEW_SESSION,
    normalize_header,
)

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


@dataclass(eq=False, repr=False)
class Record:
    """Base of every table row: its origin in the workbook."""

    origin: Origin = field(default_factory=Origin)

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in vars(self).items() if name != "origin")
        return f"{type(self).__name__}({values})"


# --- plan workbook ----------------------------------------------------------


@dataclass(eq=False, repr=False)
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


@dataclass(eq=False, repr=False)
class Session(Record):
    """A séance de travail or a follow-up meeting (T_Seances)."""

    number: int | None = None
    kind: str | None = None
    date: Date | None = None
    place: str | None = None
    status: str | None = None
    participants: str | None = None
    outcomes: str | None = None


@dataclass(eq=False, repr=False)
class Insight(Record):
    """An output of the first séance, interconnaissance (T_Interconnaissance)."""

    topic: str | None = None
    structure: str | None = None
    content: str | None = None


@dataclass(eq=False, repr=False)
class Lead(Record):
    """A piste de coopération from the second séance (T_Pistes)."""

    number: str | None = None
    title: str | None = None
    horizon: str | None = None
    measure: str | None = None
    decision: str | None = None
    action: str | None = None


@dataclass(eq=False, repr=False)
class Objective(Record):
    """An objectif stratégique (T_Objectifs)."""

    number: str | None = None
    title: str | None = None
    measures: str | None = None
    description: str | None = None

    @property
    def measure_codes(self) -> list[str]:
        return split_codes(self.measures)


@dataclass(eq=False, repr=False)
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

    def is_late(self, today: Date) -> bool:
        """End date passed and the action neither done nor abandoned."""
        return bool(self.end and self.end < today and self.status not in CLOSED_STATUSES)


@dataclass(eq=False, repr=False)
class Funding(Record):
    """One line of the funding plan: an action, a funder, an amount (T_Financements)."""

    action: str | None = None
    funder: str | None = None
    scheme: str | None = None
    year: int | None = None
    amount: float | None = None
    status: str | None = None

    @property
    def counts(self) -> bool:
        """Whether the line counts in the funding plan: an amount, and not « Refusé »."""
        return self.amount is not None and self.status != REFUSED


@dataclass(eq=False, repr=False)
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


@dataclass(eq=False, repr=False)
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


@dataclass(eq=False, repr=False)
class Check(Record):
    """A row of the Contrôles sheet, as coopxl last wrote it (T_Controles)."""

    severity: str | None = None
    code: str | None = None
    sheet: str | None = None
    cell: str | None = None
    field: str | None = None
    value: str | None = None
    message: str | None = None


@dataclass(eq=False, repr=False)
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
    field_cells: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Field key → (sheet, A1 cell) where the labelled value was read."""
    lists: dict[str, list[str]] = field(default_factory=dict)
    """Values of every list of the hidden Listes sheet, by list name (L_…)."""
    table_sheets: dict[str, str] = field(default_factory=dict)
    """Table name → the sheet it was found on (it may have been renamed)."""
    findings: list[Finding] = field(default_factory=list)
    """What the reader could not interpret or had to convert."""

    def __repr__(self) -> str:
        return f"Plan({str(self.path)!r}, epci_name={self.epci_name!r})"

    # --- quantities every capability derives from the plan (one definition each) ---------
    @property
    def referent(self) -> Member | None:
        """The référent of the binôme technique, if one is named."""
        return next((m for m in self.members if m.pair_role == REFERENT), None)

    @property
    def pair_member(self) -> Member | None:
        """The other chargé de mission of the binôme technique."""
        return next((m for m in self.members if m.pair_role == PAIR_MEMBER), None)

    @property
    def total_cost(self) -> float:
        """Sum of the actions' total costs (blank costs count as 0)."""
        return sum(a.cost or 0 for a in self.actions)

    @property
    def counted_fundings(self) -> list[Funding]:
        """The funding lines that count: with an amount, not « Refusé »."""
        return [line for line in self.fundings if line.counts]

    def funding_by_action(self) -> dict[str, float]:
        """Counted funding per action number."""
        totals: dict[str, float] = {}
        for line in self.counted_fundings:
            if line.action:
                totals[line.action] = totals.get(line.action, 0.0) + (line.amount or 0.0)
        return totals

    def funding_by_funder(self) -> dict[str, float]:
        """Counted funding per funder name, largest first."""
        totals: dict[str, float] = {}
        for line in self.counted_fundings:
            if line.funder:
                totals[line.funder] = totals.get(line.funder, 0.0) + (line.amount or 0.0)
        return dict(sorted(totals.items(), key=lambda item: -item[1]))

    def funding_shares(self, referential: Referential) -> FundingShares:
        """Counted funding by the funder's kind in the référentiel: EPCI, Parc, LEADER."""
        funders = {f.name: f for f in referential.funders if f.name}
        shares = FundingShares()
        for line in self.counted_fundings:
            funder = funders.get(line.funder or "")
            amount = line.amount or 0.0
            shares.total += amount
            if funder is not None:
                shares.epci += amount if funder.kind == "EPCI" else 0.0
                shares.parc += amount if funder.kind == "Parc" else 0.0
                shares.leader += amount if funder.code == LEADER_FUNDER_CODE else 0.0
        return shares

    def latest_reviews(self, before: Date | None = None) -> dict[str, Review]:
        """The latest review of each action (strictly before `before` when given)."""
        latest: dict[str, Review] = {}
        for review in self.reviews:
            if review.date is None or review.action is None or (before and review.date >= before):
                continue
            current = latest.get(review.action)
            if current is None or (current.date and review.date >= current.date):
                latest[review.action] = review
        return latest

    @property
    def held_review_dates(self) -> list[Date]:
        """Dates of the follow-up meetings that took place: reviews and held « Suivi » séances."""
        dates = {r.date for r in self.reviews if r.date}
        dates |= {s.date for s in self.sessions if s.kind == REVIEW_SESSION and s.status == HELD and s.date}
        return sorted(dates)

    @property
    def planned_review_sessions(self) -> list[Session]:
        """The planned « Suivi semestriel » séances, earliest first."""
        planned = [s for s in self.sessions if s.kind == REVIEW_SESSION and s.status == PLANNED and s.date]
        return sorted(planned, key=lambda s: s.date or Date.min)

    def latest_deliberation(self, bodies: tuple[str, ...]) -> Deliberation | None:
        """The most recent délibération of one of `bodies` (by séance date)."""
        candidates = [d for d in self.deliberations if d.body in bodies]
        return max(candidates, key=lambda d: d.date or Date.min) if candidates else None


@dataclass
class FundingShares:
    """Counted funding of a plan: in all, from EPCI funders, Parc funders and LEADER."""

    total: float = 0.0
    epci: float = 0.0
    parc: float = 0.0
    leader: float = 0.0


# --- référentiel ------------------------------------------------------------


@dataclass(eq=False, repr=False)
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
    official_name: str | None = None
    dgs_civility: str | None = None


@dataclass(eq=False, repr=False)
class Measure(Record):
    """A measure of the charter (T_Charte)."""

    version: str | None = None
    vocation: str | None = None
    orientation_number: int | None = None
    orientation: str | None = None
    code: str | None = None
    label: str | None = None


@dataclass(eq=False, repr=False)
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


@dataclass(eq=False, repr=False)
class Funder(Record):
    """A funder proposed in the funding plans (T_Financeurs)."""

    code: str | None = None
    name: str | None = None
    kind: str | None = None


@dataclass(eq=False, repr=False)
class ActesSubject(Record):
    """A matière of the @ctes nomenclature (T_Matieres)."""

    code: str | None = None
    label: str | None = None

    @property
    def display(self) -> str:
        return f"{self.code} {self.label}"


@dataclass(eq=False, repr=False)
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
    vp_civility: str | None = None
    seat_town: str | None = None
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
    field_cells: dict[str, tuple[str, str]] = field(default_factory=dict)
    table_sheets: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Referential({str(self.path)!r})"

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


PLACEHOLDER = re.compile(
    r"\(exemple\)|\bà compléter\b|\ba completer\b|\bXXX+\b|numéro et date|\bTODO\b|^\s*(?:…|\.\.\.)+\s*$",
    re.IGNORECASE)
"""What the templates and the example territory write where a real value is still to come."""


def placeholder_marker(value: Any) -> str | None:
    """The example or to-complete marker a text still holds (« (exemple) », « à compléter », …), if any."""
    if not isinstance(value, str):
        return None
    # Called for every text cell of every plan: plain substring tests rule out almost all of
    # them before the regular expression, which costs ten times more on a long text.
    lowered = value.lower()
    if not ("compl" in lowered or "exemple" in lowered or "xxx" in lowered or "todo" in lowered
            or "…" in lowered or "..." in lowered or "numéro et date" in lowered):
        return None
    found = PLACEHOLDER.search(value)
    return found.group(0).strip() if found else None


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
