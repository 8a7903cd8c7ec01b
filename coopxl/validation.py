"""Validation of plan workbooks and of the référentiel (SPEC §5).

Validation never stops at the first problem: it reads the workbook, then runs every
rule family (structure, values, references, process, money, votes) and returns a
`Report` of findings, each pointing at a sheet and cell with a French message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import french, workspace
from .guard import Package
from .messages import ERROR, WARNING, UnreadableWorkbookError, finding, phrase
from .model import Deliberation, Finding, Member, Plan, Referential, Session, file_key, placeholder_marker
from .reader import PLAN_RECORDS, REFERENTIAL_RECORDS, read_plan, read_referential
from .schema import (
    ACTION_STATUSES,
    ADOPTED,
    APPROVED_STATUSES,
    CC_BODY,
    EARLY_STATUSES,
    HELD,
    IN_PREPARATION,
    IN_PROGRESS,
    LEADER_FUNDER_CODE,
    PARC_BODIES,
    PLAN,
    PLANNED,
    REFERENT,
    REFERENTIAL,
    REJECTED,
    Column,
    Kind,
    NamedField,
    Table,
    WorkbookSchema,
    canonical_role,
    normalize_header,
)

ACTES_NUMBER = re.compile(r"^[A-Za-z0-9_]{1,15}$")
ACTES_ID = re.compile(r"^(\d{3})-(\d{9})-(\d{8})-([A-Za-z0-9_]{1,15})-([A-Z]{2})$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
FUNDING_TOLERANCE = 1.0
WORK_SESSIONS = ((1, "Interconnaissance"), (2, "Pistes de coopération"), (3, "Programme d'actions"))
REFERENCE_CODES = {
    "L_EPCI": "unknown-epci", "L_Chartes": "unknown-charter-version", "L_Mesures": "unknown-measure",
    "L_Equipe": "unknown-officer", "L_Financeurs": "unknown-funder", "L_Matieres": "unknown-actes-subject",
}
"""Référentiel-fed lists: a value outside them is a broken reference, not a bad choice."""
EXPECTED_GROUP = (
    ("Parc", "Président du Parc", 1, "role-parc-president"),
    ("Parc", "Vice-président proximité territoriale", 1, "role-parc-vp"),
    ("Parc", "Chargé de mission", 2, "role-officers"),
    ("EPCI", "Président de l'EPCI", 1, "role-epci-president"),
    ("EPCI", "Vice-président de l'EPCI", 1, "role-epci-vp"),
    ("EPCI", "Directeur général des services", 1, "role-dgs"),
)


@dataclass
class Report:
    """Findings of one or several workbooks, and the files that were checked."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    """The files among `files` that were read as plan workbooks."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def for_file(self, path: Path | str) -> list[Finding]:
        """The findings of one file, named by its path (compared in full)."""
        key = file_key(path)
        return [f for f in self.findings if f.file == key]

    def extend(self, other: Report) -> None:
        self.findings.extend(other.findings)
        self.files.extend(other.files)
        self.plans.extend(other.plans)

    def to_dict(self) -> dict[str, Any]:
        """The report as `coopxl valider --json` prints it (see `report-schema.json`)."""
        from .jsonreport import envelope

        return envelope("valider", 1 if self.has_errors else 0, files=self.files, findings=self.findings)


# --- reference lists ---------------------------------------------------------------------


@dataclass
class References:
    """What plan values are checked against: the référentiel, or the plan's own Listes copy."""

    lists: dict[str, list[str]]
    epci_sirens: dict[str, str]
    funder_codes: dict[str, str]
    approving_body: str | None = None
    body_siren: str | None = None

    @classmethod
    def from_referential(cls, referential: Referential) -> References:
        lists = {c.name: referential.list_values(c.from_referential) for c in PLAN.lists if c.from_referential}
        return cls._build(lists, referential.approving_body, referential.body_siren)

    @classmethod
    def from_plan(cls, plan: Plan) -> References:
        return cls._build(dict(plan.lists), None, None)

    @classmethod
    def _build(cls, lists: dict[str, list[str]], body: str | None, siren: str | None) -> References:
        epci = dict(zip(lists.get("L_EPCI", []), lists.get("L_EPCI_SIREN", [])))
        funders = dict(zip(lists.get("L_Financeurs", []), lists.get("L_Financeurs_Code", [])))
        return cls(lists=lists, epci_sirens=epci, funder_codes=funders, approving_body=body, body_siren=siren)


# --- entry points ---------------------------------------------------------------------------


PLACEHOLDER_CODE = "placeholder-value"


def errors_of(findings: list[Finding]) -> list[Finding]:
    """The errors among findings: the one count of errors of `valider`, the dashboard and the
    Excel add-in, all from `validate_plan(plan, referential, today)` with the same référentiel."""
    return [f for f in findings if f.severity == ERROR]


def blocking_errors(findings: list[Finding]) -> list[Finding]:
    """The errors that stop a plan's documents (`deliberations` and the add-in's button).

    A value still holding a placeholder (« à compléter », « (exemple) ») is an error too, but
    it stops only the extracts: the drafts are written and show it (SPEC §4, §7)."""
    return [f for f in errors_of(findings) if f.code != PLACEHOLDER_CODE]


def validate_plan(plan: Plan, referential: Referential | None = None,
                  today: dt.date | None = None) -> list[Finding]:
    """Every finding of a read plan: the reader's, then each rule family's."""
    references = References.from_referential(referential) if referential else References.from_plan(plan)
    checker = _PlanChecker(plan, references, today or dt.date.today(), referential is not None)
    return checker.run()


def validate_file(path: Path | str, referential: Referential | None = None,
                  today: dt.date | None = None) -> Report:
    """Validate one workbook, plan or référentiel. Raises UnreadableWorkbookError if unreadable.

    Without a référentiel, a plan is checked against its working folder's one, if any."""
    from .guard import check_workbook_file
    from .parallel import collector_paused

    with collector_paused():
        return _validate_file(Path(path), referential, today, check_workbook_file(Path(path)))


def _validate_file(path: Path, referential: Referential | None, today: dt.date | None, package: Package) -> Report:
    """`validate_file` on the package the guard has checked (read once, for both questions)."""
    if _is_referential_package(package):
        found = read_referential(path, package)
        return Report(findings=validate_referential(found), files=[file_key(path)])
    plan = read_plan(path, package)
    if _is_not_a_plan(plan):
        return Report(findings=[finding("not-a-plan", file=file_key(path), name=path.name)], files=[file_key(path)])
    if referential is None:
        referential = working_referential(path)
    return Report(findings=validate_plan(plan, referential, today), files=[file_key(path)], plans=[file_key(path)])


def validate_paths(paths: Sequence[Path], referential: Referential | None = None,
                   today: dt.date | None = None) -> Report:
    """Validate files and folders; an unreadable file becomes a finding and the run goes on.

    A folder is a working folder (its `plans/` and `referentiel.xlsx`) or a plain folder of
    workbooks. Without an explicit référentiel, the working folder's one is used.
    """
    report = Report()
    for path in expand_paths(paths):
        ref = referential if referential is not None else working_referential(path)
        try:
            report.extend(validate_file(path, ref, today))
        except UnreadableWorkbookError as error:
            report.files.append(file_key(path))
            report.findings.append(Finding(code=error.code, severity=_severity(error.code),
                                           message=error.message, file=file_key(path)))
    return report


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files to check: folders are expanded (working folder: référentiel then plans, lock files reported)."""
    return workspace.expand_paths(paths, referential=True)


def _severity(code: str) -> str:
    from .messages import CATALOGUE

    return CATALOGUE[code].severity


def working_referential(path: Path) -> Referential | None:
    """The référentiel of the working folder a plan sits in, if readable: the one every command
    and button uses for that plan, so that all count the same errors."""
    candidate = workspace.Workspace.of(path).referential_path
    if candidate.is_file() and candidate != Path(path).resolve():
        try:
            return read_referential(candidate)
        except UnreadableWorkbookError:
            return None
    return None


def _is_referential_package(package: Package) -> bool:
    """A référentiel is recognised by its content (the T_EPCI table), not by its name."""
    return any(name.startswith("xl/tables/") and b'displayName="T_EPCI"' in data
               for name, data in package.parts.items())


def _is_not_a_plan(plan: Plan) -> bool:
    return not plan.table_sheets and not plan.field_cells


# --- value rules, shared by plans and the référentiel ------------------------------------------


class _Checker:
    """Collects findings with their location; knows the schema labels of every field."""

    def __init__(self, schema: WorkbookSchema, source: Plan | Referential, records: dict[str, tuple[type, str]]):
        self.schema = schema
        self.source = source
        self.file = file_key(source.path) if source.path else ""
        self.findings: list[Finding] = list(source.findings)
        self.flagged = {(f.sheet, f.cell) for f in source.findings if f.cell}
        self.allowed_values: dict[str, tuple[list[str], set[str]]] = {}
        self.tables = {record_class: self.schema.table(name) for name, (record_class, _) in records.items()}

    def add(self, code: str, record: Any = None, key: str | None = None, *, value: Any = None,
            sheet: str | None = None, severity: str | None = None, **params: Any) -> None:
        """Report `code` at a record's field (table row), a labelled field, or a whole sheet."""
        cell, label = "", ""
        if record is not None and key is not None:
            sheet = record.origin.sheet
            cell = record.origin.cell(key)
            label = self.tables[type(record)].column(key).header
            if value is None:
                value = getattr(record, key)
        elif key is not None:
            sheet, cell = self.source.field_cells.get(key, (self.schema.field_sheet.name, ""))
            label = self.schema.field_sheet.field(key).label
            if value is None:
                value = getattr(self.source, key)
        params.setdefault("field", label)
        self.findings.append(finding(code, file=self.file, sheet=sheet or "", cell=cell, value=value,
                                     severity=severity, **params))

    def check_values(self, references: References | None) -> None:
        for named in self.schema.field_sheet.fields:
            value = getattr(self.source, named.key)
            if named.key in self.source.field_cells and (value is not None or named.required):
                self._check_value(None, named.key, value, named, references)
        # Rows holding a cell the reader flagged (its value is reported already): their values
        # go through every rule, which leaves those cells out.
        flagged_rows = {(sheet, _row_of(cell)) for sheet, cell in self.flagged}
        for table in self.tables.values():
            if table.written_by_coopxl:
                continue
            # The hot loop of validation: the columns found are worked out once per column map
            # (one shared by all the records of a table), with what their texts are allowed to be.
            present: dict[int, list[tuple[str, Column, set[str] | None, bool]]] = {}
            for record in self.records_of(table):
                found = record.origin.columns
                columns = present.get(id(found))
                if columns is None:
                    columns = present[id(found)] = [self._plain_text_rule(c, references)
                                                    for c in table.columns if c.key in found]
                careful = bool(flagged_rows) and (record.origin.sheet, str(record.origin.row)) in flagged_rows
                for key, column, allowed, plain_text in columns:
                    value = getattr(record, key)
                    if value is None:
                        if column.required:
                            self._check_value(record, key, value, column, references)
                    elif (plain_text and not careful and type(value) is str
                          and (allowed is None or value in allowed) and placeholder_marker(value) is None):
                        continue  # a text with nothing to say: what `_check_value` would conclude
                    else:
                        self._check_value(record, key, value, column, references)

    def _plain_text_rule(self, column: Column, references: References | None
                         ) -> tuple[str, Column, set[str] | None, bool]:
        """(key, column, the texts its list allows or None when any text is, whether its only rules
        are that list and the placeholder marks): such a column's texts are checked inline."""
        plain = column.kind in (Kind.TEXT, Kind.LONG_TEXT, Kind.CODES) and _label_of(column) != "Courriel"
        allowed = None
        if column.choices:
            values, allowed_set = self._allowed(column.choices, references)
            allowed = allowed_set if values else None
        return column.key, column, allowed, plain

    def records_of(self, table: Table) -> list[Any]:
        records = PLAN_RECORDS if self.schema is PLAN else REFERENTIAL_RECORDS
        return getattr(self.source, records[table.name][1])

    def _check_value(self, record: Any, key: str, value: Any, spec: Any, references: References | None) -> None:
        """The rules of one filled or required value (callers leave out the empty optional ones).

        Called for every cell of every table (thousands per plan): cheapest tests first."""
        if self.flagged:
            sheet, cell = ((record.origin.sheet, record.origin.cell(key)) if record is not None
                           else self.source.field_cells.get(key, ("", "")))
            if (sheet, cell) in self.flagged:
                return
        if value is None:
            self.add("missing-value", record, key, value="", context="",
                     severity=WARNING if self._still_to_fill(record) else None)
            return
        if spec.choices:
            self._check_choice(record, key, value, spec.choices, references)
        kind = spec.kind
        if kind is Kind.TEXT or kind is Kind.LONG_TEXT or kind is Kind.CODES:
            marker = placeholder_marker(value)
            if marker:
                self.add(PLACEHOLDER_CODE, record, key, marker=marker)
            if kind is Kind.TEXT and _label_of(spec) == "Courriel" and not EMAIL.match(value):
                self.add("invalid-email", record, key)
        elif kind is Kind.SIREN:
            reason = siren_problem(value)
            if reason:
                self.add("invalid-siren", record, key, reason=reason)
        elif kind is Kind.PERCENT and not 0 <= value <= 100:
            self.add("value-out-of-range", record, key, expected=phrase("range-percent"))
        elif kind in (Kind.AMOUNT, Kind.NUMBER, Kind.INTEGER) and value < 0:
            self.add("value-out-of-range", record, key, expected=phrase("range-negative"))
        elif kind is Kind.DATE and not 1990 <= value.year <= 2100:
            self.add("value-out-of-range", record, key, expected=phrase("range-date"))
        elif kind is Kind.INTEGER and not 1990 <= value <= 2100 and _label_of(spec) == "Année":
            self.add("value-out-of-range", record, key, expected=phrase("range-year"))

    def _still_to_fill(self, record: Any) -> bool:
        """A value a plan in élaboration may not know yet (a member's name, a planned séance's
        date): missing, it is a warning, so that a new plan starts with no error."""
        if record is None or getattr(self.source, "status", None) != IN_PREPARATION:
            return False
        return isinstance(record, Member) or (isinstance(record, Session) and record.status == PLANNED)

    def _allowed(self, list_name: str, references: References | None) -> tuple[list[str], set[str]]:
        """The values of a list (fixed by the schema, or from the référentiel), computed once."""
        if list_name not in self.allowed_values:
            choice_list = self.schema.choice_list(list_name)
            if choice_list.from_referential is None:
                allowed = list(choice_list.values)
            elif references is not None and references.lists.get(list_name):
                allowed = list(references.lists[list_name])
            else:
                allowed = []
            self.allowed_values[list_name] = (allowed, set(allowed))
        return self.allowed_values[list_name]

    def _check_choice(self, record: Any, key: str, value: Any, list_name: str, references: References | None) -> None:
        allowed, allowed_set = self._allowed(list_name, references)
        if not allowed:
            return
        text = str(value)
        if text in allowed_set or (list_name == "L_Matieres" and _subject_code(text) in
                                   {_subject_code(a) for a in allowed}):
            return
        close = _closest(text, allowed)
        suggestion = phrase("suggestion", value=close) if close else ""
        code = REFERENCE_CODES.get(list_name, "invalid-choice")
        params = {"suggestion": suggestion}
        if code == "invalid-choice":
            params["allowed"] = ", ".join(allowed)
        elif code == "unknown-measure":
            params = {"example": allowed[0]}
        elif code == "unknown-charter-version":
            params = {"known": ", ".join(allowed)}
        elif code in ("unknown-officer", "unknown-actes-subject"):
            params = {}
        self.add(code, record, key, **params)


def _row_of(cell: str) -> str:
    """`AB12` → `12`."""
    return cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _label_of(spec: Any) -> str:
    return spec.label if isinstance(spec, NamedField) else spec.header


def _closest(text: str, allowed: Iterable[str]) -> str | None:
    """The allowed value the user most probably meant (case, accents and typos forgiven)."""
    by_norm = {normalize_header(a): a for a in allowed}
    if normalize_header(text) in by_norm:
        return by_norm[normalize_header(text)]
    import difflib  # only when a value is wrong

    close = difflib.get_close_matches(normalize_header(text), list(by_norm), n=1, cutoff=0.75)
    return by_norm[close[0]] if close else None


def _subject_code(text: str) -> str:
    return text.split()[0] if text.split() else ""


def siren_problem(value: str) -> str | None:
    """Why `value` is not a valid SIREN (French phrase), or None."""
    if not re.fullmatch(r"\d{9}", value):
        return phrase("siren-length")
    if not luhn_valid(value):
        return phrase("siren-key")
    return None


def luhn_valid(digits: str) -> bool:
    """The Luhn key check used by SIREN numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


# --- plan rules ------------------------------------------------------------------------------------


class _PlanChecker(_Checker):
    def __init__(self, plan: Plan, references: References, today: dt.date, from_referential: bool) -> None:
        super().__init__(PLAN, plan, PLAN_RECORDS)
        self.plan = plan
        self.references = references
        self.today = today
        self.from_referential = from_referential

    def run(self) -> list[Finding]:
        self.check_values(self.references)
        self.check_references()
        self.check_sessions()
        self.check_project_group()
        self.check_dates()
        self.check_deliberation_process()
        self.check_reviews()
        self.check_funding()
        for deliberation in self.plan.deliberations:
            self.check_votes(deliberation)
        return self.findings

    # references
    def check_references(self) -> None:
        plan = self.plan
        objectives = [o.number for o in plan.objectives if o.number]
        actions = {a.number for a in plan.actions if a.number}
        for action in plan.actions:
            if action.objective and action.objective not in objectives:
                self.add("unknown-objective", action, "objective", known=", ".join(objectives) or "aucun")
        for record, key in ([(f, "action") for f in plan.fundings] + [(r, "action") for r in plan.reviews]
                            + [(lead, "action") for lead in plan.leads]):
            value = getattr(record, key)
            if value and value not in actions:
                self.add("unknown-action", record, key)
        measures = self.references.lists.get("L_Mesures")
        if measures:
            for objective in plan.objectives:
                unknown = [code for code in objective.measure_codes if code not in measures]
                for code in unknown:
                    self.add("unknown-measure", objective, "measures", value=code, example=measures[0])
        for records, key in ((plan.actions, "number"), (plan.objectives, "number"), (plan.leads, "number"),
                             (plan.sessions, "number")):
            self._check_duplicates(records, key)
        if self.from_referential and plan.lists:
            self._check_lists_copy()
        expected = self.references.epci_sirens.get(plan.epci_name or "")
        if expected and plan.epci_siren and plan.epci_siren != expected and not siren_problem(plan.epci_siren):
            self.add("siren-mismatch", key="epci_siren", epci=plan.epci_name, expected=expected)

    def _check_lists_copy(self) -> None:
        """The Listes copy made when the plan was created may lag behind the référentiel."""
        for choice_list in PLAN.lists:
            if choice_list.from_referential is None or choice_list.name not in self.references.lists:
                continue
            wanted, found = set(self.references.lists[choice_list.name]), set(self.plan.lists.get(choice_list.name, []))
            if wanted != found:
                detail = phrase("lists-detail", missing=len(wanted - found), extra=len(found - wanted))
                self.add("lists-out-of-date", sheet=PLAN.lists_sheet, value=choice_list.header,
                         list=choice_list.header, detail=detail)

    def _check_duplicates(self, records: list[Any], key: str) -> None:
        first: dict[Any, Any] = {}
        for record in records:
            value = getattr(record, key)
            if value is None:
                continue
            if value in first:
                earlier = first[value]
                self.add("duplicate-number", record, key, first=earlier.origin.cell(key),
                         what=phrase("first-in", row=earlier.origin.row))
            else:
                first[value] = record

    # process
    def _session(self, kind: str) -> Session | None:
        return next((s for s in self.plan.sessions if s.kind == kind), None)

    def check_sessions(self) -> None:
        status = self.plan.status
        sheet = self.plan.table_sheets.get("T_Seances", "Séances")
        previous: Session | None = None
        for number, kind in WORK_SESSIONS:
            session = self._session(kind)
            if session is None:
                severity = WARNING if status in (None, IN_PREPARATION) else ERROR
                self.add("missing-session", sheet=sheet, severity=severity, kind=kind, number=number)
                continue
            if previous and previous.date and session.date and session.date < previous.date:
                self.add("sessions-out-of-order", session, "date", kind=kind, previous=previous.kind,
                         previous_date=previous.date)
            if status not in (None, IN_PREPARATION) and session.status != HELD:
                self.add("session-not-held", session, "status", status=status, kind=kind)
            previous = session

    def check_project_group(self) -> None:
        members = self.plan.members
        sheet = self.plan.table_sheets.get("T_GroupeProjet", "Groupe projet")
        pair = [m for m in members if m.pair_role]
        if members:
            missing = [phrase(key) for structure, role, count, key in EXPECTED_GROUP
                       if sum(m.structure == structure and canonical_role(m.role) == role for m in members) < count]
            if missing:
                self.add("incomplete-project-group", sheet=sheet, missing=_enumerate(missing))
        if len(pair) != 2:
            self.add("pair-size", sheet=sheet, count=len(pair))
        referents = [m for m in pair if m.pair_role == REFERENT]
        if pair and not referents:
            self.add("pair-without-referent", pair[0], "pair_role")
        elif len(referents) > 1:
            self.add("pair-several-referents", referents[1], "pair_role", count=len(referents))
        for member in pair:
            if member.structure != "Parc" or canonical_role(member.role) != "Chargé de mission":
                self.add("pair-not-parc-officer", member, "pair_role", name=member.full_name or "?",
                         structure=member.structure or "", role=member.role or "")

    def check_dates(self) -> None:
        plan = self.plan
        start, end = plan.period_start, plan.period_end
        if start and end and end <= start:
            self.add("end-before-start", key="period_end", start=french.date_short(start))
        for action in plan.actions:
            if action.start and action.end and action.end < action.start:
                self.add("end-before-start", action, "end", start=french.date_short(action.start))
            if start and end and end > start:
                for key in ("start", "end"):
                    value = getattr(action, key)
                    if value and not start <= value <= end:
                        self.add("action-outside-period", action, key, start=french.date_short(start),
                                 end=french.date_short(end))
            if action.lead == "Autre acteur" and not action.other_lead:
                self.add("missing-other-lead", action, "other_lead", value="")
        latest = plan.latest_reviews()
        for action in plan.actions:
            review = latest.get(action.number or "")
            if (review and review.status and action.status in ACTION_STATUSES
                    and review.status in ACTION_STATUSES and review.status != action.status):
                self.add("status-not-updated", action, "status", date=french.date_short(review.date),
                         review=review.status)

    def check_deliberation_process(self) -> None:
        plan = self.plan
        programme = self._session("Programme d'actions")
        for deliberation in plan.deliberations:
            if programme and programme.date and deliberation.date and deliberation.date < programme.date:
                self.add("deliberation-before-programme", deliberation, "date",
                         session=french.date_short(programme.date))
        adopted_cc = any(d.body == CC_BODY and d.result == ADOPTED for d in plan.deliberations)
        adopted_parc = any(d.body in PARC_BODIES and d.result == ADOPTED for d in plan.deliberations)
        if plan.status in APPROVED_STATUSES and not (adopted_cc and adopted_parc):
            missing = [phrase(key) for key, ok in (("no-cc-deliberation", adopted_cc),
                                                   ("no-parc-deliberation", adopted_parc)) if not ok]
            self.add("status-without-deliberation", key="status", missing=phrase("and").join(missing))
        elif plan.status in EARLY_STATUSES and adopted_cc and adopted_parc:
            self.add("status-behind-deliberations", key="status")

    def check_reviews(self) -> None:
        plan = self.plan
        if plan.status != IN_PROGRESS:
            return
        approvals = [d.date for d in plan.deliberations if d.result == ADOPTED and d.date]
        since = max(approvals) if approvals else plan.period_start
        if since is None:
            return
        per_year = Counter(d.year for d in plan.held_review_dates)
        last_year = min(self.today.year - 1, plan.period_end.year if plan.period_end else self.today.year)
        sheet = plan.table_sheets.get("T_Seances", "Séances")
        for year in range(since.year + 1, last_year + 1):
            if per_year[year] < 2:
                self.add("missing-reviews", sheet=sheet, value=str(year), count=per_year[year], year=year)

    # money
    def check_funding(self) -> None:
        funded = self.plan.funding_by_action()
        for action in self.plan.actions:
            if not action.number or (action.cost is None and action.number not in funded):
                continue
            cost = action.cost or 0.0
            gap = funded.get(action.number, 0.0) - cost
            if abs(gap) > FUNDING_TOLERANCE:
                self.add("funding-mismatch", action, "cost", value=french.euros(cost), action=action.number,
                         funded=french.euros(funded.get(action.number, 0.0)), gap=french.euros(abs(gap)))

    # votes
    def check_votes(self, d: Deliberation) -> None:
        if d.number and not ACTES_NUMBER.match(d.number):
            self.add("invalid-actes-number", d, "number")
        if d.actes_id:
            self._check_actes_id(d)
        if not d.is_voted:
            return
        for key in ("members", "present", "voters", "votes_for", "result"):
            if getattr(d, key) is None and (d.origin.sheet, d.origin.cell(key)) not in self.flagged:
                self.add("missing-value", d, key, value="", context=phrase("voted-context"))
        present, proxies, members = d.present, d.proxies or 0, d.members
        votes_for, against, abstentions = d.votes_for, d.votes_against or 0, d.abstentions or 0
        if d.voters is not None and present is not None and d.voters != present + proxies:
            self.add("vote-voters-mismatch", d, "voters", present=present, proxies=proxies,
                     expected=present + proxies)
        if d.voters is not None and votes_for is not None and votes_for + against + abstentions != d.voters:
            self.add("vote-count-mismatch", d, "votes_for", value=d.voters,
                     total=votes_for + against + abstentions)
        if members is not None and present is not None:
            if present > members:
                self.add("vote-present-exceeds-members", d, "present", members=members)
            else:
                if present * 2 <= members:
                    self.add("quorum-not-reached", d, "present", members=members)
                if proxies > present or proxies > members - present:
                    self.add("too-many-proxies", d, "proxies", value=proxies, absent=members - present)
        if votes_for is not None and d.result in (ADOPTED, REJECTED):
            adopted = votes_for > against or (votes_for == against and votes_for > 0)
            rejected = votes_for <= against
            if (d.result == ADOPTED and not adopted) or (d.result == REJECTED and not rejected):
                self.add("vote-result-mismatch", d, "result", votes_for=votes_for, votes_against=against)

    def _check_actes_id(self, d: Deliberation) -> None:
        match = ACTES_ID.match(d.actes_id or "")
        if not match:
            self.add("invalid-actes-id", d, "actes_id")
            return
        _, siren, day, number, _ = match.groups()
        expected_siren = self.plan.epci_siren if d.body == CC_BODY else self.references.body_siren
        reasons = []
        if expected_siren and not siren_problem(expected_siren) and siren != expected_siren:
            reasons.append(phrase("actes-siren", found=siren, expected=expected_siren))
        if d.number and number != d.number:
            reasons.append(phrase("actes-number", found=number, expected=d.number))
        if d.transmitted_on and day != d.transmitted_on.strftime("%Y%m%d"):
            reasons.append(phrase("actes-date", found=day, expected=d.transmitted_on.strftime("%Y%m%d")))
        if reasons:
            self.add("actes-id-mismatch", d, "actes_id", reason="; ".join(reasons))


def _enumerate(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + phrase("and") + parts[-1]


# --- référentiel rules -----------------------------------------------------------------------------


def validate_referential(referential: Referential) -> list[Finding]:
    """Findings of the référentiel: values, duplicates, SIREN keys, LEADER, successors."""
    checker = _Checker(REFERENTIAL, referential, REFERENTIAL_RECORDS)
    checker.check_values(None)
    duplicates = ((referential.epcis, lambda e: e.siren, "siren"),
                  (referential.measures, lambda m: (m.version, m.code) if m.code else None, "code"),
                  (referential.funders, lambda f: f.code, "code"),
                  (referential.subjects, lambda s: s.code, "code"),
                  (referential.staff, lambda s: s.full_name or None, "last_name"))
    for records, identity, key in duplicates:
        first: dict[Any, Any] = {}
        for record in records:
            ident = identity(record)
            if ident is None:
                continue
            if ident in first:
                checker.add("duplicate-number", record, key, first=first[ident].origin.cell(key),
                            what=phrase("first-in", row=first[ident].origin.row))
            else:
                first[ident] = record
    if referential.funders and not any(f.code == LEADER_FUNDER_CODE for f in referential.funders):
        checker.add("missing-leader-funder", sheet=referential.table_sheets.get("T_Financeurs", "Financeurs"))
    sirens = {e.siren for e in referential.epcis}
    for epci in referential.epcis:
        if epci.successor_siren and epci.successor_siren not in sirens:
            checker.add("unknown-successor", epci, "successor_siren")
    versions = referential.charter_versions
    if referential.charter_version and versions and referential.charter_version not in versions:
        checker.add("unknown-charter-version", key="charter_version", known=", ".join(versions))
    return checker.findings
