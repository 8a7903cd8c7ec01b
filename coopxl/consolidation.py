"""Consolidation of the plan workbooks of a working folder into the dashboard's data (SPEC §6).

`consolidate` reads every file of `plans/` (read-only: a plan is never modified), validates
each plan, attributes it to an EPCI of the référentiel and computes every table of the
dashboard as plain rows. `coopxl.dashboard` writes them. Unreadable files, Excel lock
files and two plans for the same EPCI are reported, never silently dropped or counted twice.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from . import french
from .files import slugify
from .guard import is_lock_file, lock_owner
from .messages import WARNING, CoopxlError, UnreadableWorkbookError, finding, phrase
from .model import Finding, Origin, Plan, Referential, file_key
from .schema import (
    ACTION_STATUSES,
    CC_BODY,
    DUPLICATE,
    NOT_RECEIVED,
    OPEN_STATUSES,
    PARC_BODIES,
    PLAN,
    REFERENT,
    SYNTHESIS_STATUS_KEYS,
    UNREADABLE,
    Column,
    Kind,
)
from .validation import errors_of, validate_plan
from .workspace import Workspace, expand_paths

FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass
class FileResult:
    """What reading one file of plans/ gave: a validated plan, or why it could not be read."""

    path: Path
    plan: Plan | None = None
    findings: list[Finding] = field(default_factory=list)
    error: Finding | None = None
    lock: bool = False


@dataclass
class PlanEntry:
    """A plan counted in the dashboard, with the EPCI it was attributed to."""

    epci: str
    siren: str
    result: FileResult

    @property
    def plan(self) -> Plan:
        assert self.result.plan is not None
        return self.result.plan


@dataclass
class Dashboard:
    """Every table of the dashboard as rows (dicts keyed by column key), ready to write."""

    generated_at: dt.datetime
    files: int
    synthesis: list[dict[str, Any]]
    actions: Sequence[dict[str, Any]]
    """`PlanRows`, like `fundings`: computed plan by plan as they are read."""
    fundings: Sequence[dict[str, Any]]
    funder_summary: list[dict[str, Any]]
    """Rows: {"funder": name, "<EPCI>": amount, …, "total": amount}."""
    charter: list[dict[str, Any]]
    """Rows: {"code", "label", "<EPCI>": count, …, "total"}."""
    team: list[dict[str, Any]]
    calendar: list[dict[str, Any]]
    """Rows: {"epci", "number", "title", "start", "end", "status", "<year>": "●"…}."""
    checks: list[dict[str, Any]]
    epci_columns: list[str]
    years: list[int]
    problems: list[Finding]
    """Folder-level findings (unreadable files, locks, duplicates), also in `checks`."""


class PlanRows(Sequence[dict[str, Any]]):
    """The rows of a table computed plan by plan each time they are read, never all held.

    The two longest tables of the dashboard (60,000 actions and 160,000 funding lines for
    1,000 plans) would hold as many dicts while the dashboard is written; these rows are
    made as the writer reaches them and freed once written. Reads like a list."""

    def __init__(self, entries: list[PlanEntry], rows_of: Callable[[PlanEntry], list[dict[str, Any]]],
                 count_of: Callable[[PlanEntry], int]) -> None:
        self.entries, self.rows_of, self.count_of = entries, rows_of, count_of

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for entry in self.entries:
            yield from self.rows_of(entry)

    def __len__(self) -> int:
        return sum(self.count_of(entry) for entry in self.entries)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice) and not index.start and index.step is None and (index.stop or 0) >= 0:
            return list(islice(self, index.stop))  # a sample of the first rows, without the rest
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"PlanRows({len(self)} rows)"


def charter_columns(d: Dashboard) -> list[Column]:
    """Columns of the charter measure × EPCI matrix: code, label, one per EPCI, total."""
    return [Column("Code mesure", "code", width=10), Column("Mesure", "label", Kind.LONG_TEXT, width=45),
            *(Column(e, e, Kind.INTEGER, width=11) for e in d.epci_columns),
            Column("Total", "total", Kind.INTEGER, width=8)]


def calendar_columns(d: Dashboard) -> list[Column]:
    """Columns of the calendar: the action, then one column per year of the plan periods."""
    return [Column("EPCI", "epci", width=30), Column("N° action", "number", width=10),
            Column("Intitulé", "title", Kind.LONG_TEXT, width=40), Column("Début", "start", Kind.DATE),
            Column("Fin", "end", Kind.DATE), Column("Statut", "status", width=12),
            *(Column(str(y), str(y), width=6) for y in d.years)]


def consolidate(workspace: Workspace, *, today: dt.date | None = None, jobs: int | None = None,
                progress: Callable[[Sequence[Path], str], Iterable[Path]] | None = None,
                meanwhile: Callable[[], Any] | None = None) -> Dashboard:
    """Read every plan of the working folder and compute the dashboard's tables.

    `meanwhile` is called while worker processes read the plans (see `parallel.map_processes`)."""
    if not workspace.plans_folder.is_dir():
        raise CoopxlError("no-plans-folder", path=str(workspace.root))
    now = dt.datetime.now().replace(microsecond=0)
    today = today or now.date()
    referential = workspace.read_referential()
    files = expand_paths([workspace.plans_folder])
    results = read_files(files, referential, today, jobs=jobs, progress=progress, meanwhile=meanwhile)
    return build_dashboard(results, referential, today, now)


def read_files(files: Sequence[Path], referential: Referential, today: dt.date, *, jobs: int | None = None,
               progress: Callable[[Sequence[Path], str], Iterable[Path]] | None = None,
               meanwhile: Callable[[], Any] | None = None) -> list[FileResult]:
    """Read and validate each file, in worker processes when there are many."""
    from . import reader  # noqa: F401 - before the workers fork, so that each does not import it again
    from .parallel import map_processes

    one = partial(read_one, referential=referential, today=today)
    return map_processes(one, files, jobs=jobs, progress=progress, label="Lecture des plans", meanwhile=meanwhile)


def read_one(path: Path, referential: Referential, today: dt.date) -> FileResult:
    """Read and validate one file of plans/; never raises for a bad file."""
    from .parallel import collector_paused
    from .reader import read_plan

    if is_lock_file(path):
        workbook = path.name[2:] if path.name.startswith("~$") else path.name
        return FileResult(path, lock=True, error=finding("lock-file", file=file_key(path), name=path.name,
                                                         workbook=workbook, owner=lock_owner(path)))
    with collector_paused():
        try:
            plan = read_plan(path)
        except UnreadableWorkbookError as error:
            return FileResult(path, error=Finding(code=error.code, severity="Erreur", message=error.message,
                                                  file=file_key(path)))
        if not plan.table_sheets and not plan.field_cells:
            return FileResult(path, error=finding("not-a-plan", file=file_key(path), name=path.name))
        findings = validate_plan(plan, referential, today)
        return FileResult(path, plan=compact_plan(plan), findings=findings)


_NOWHERE = Origin()


def compact_plan(plan: Plan) -> Plan:
    """The plan without what only validation needs, to travel from a worker process.

    Validation is done: the dashboard's tables use neither the cells records were read
    from, nor the lists, insights, leads and checks of the workbook. This halves what a
    worker sends back and what the parent holds for 1,000 plans."""
    for records in (plan.members, plan.sessions, plan.objectives, plan.actions, plan.fundings, plan.reviews,
                    plan.deliberations):
        for record in records:
            record.origin = _NOWHERE
    return replace(plan, insights=[], leads=[], checks=[], lists={}, findings=[])


# --- building the tables ------------------------------------------------------------------


def build_dashboard(results: list[FileResult], referential: Referential, today: dt.date,
                    now: dt.datetime) -> Dashboard:
    """Attribute plans to EPCIs, then compute every table of the dashboard."""
    entries, problems, extra_rows = _attribute(results, referential)
    epci_columns = [e.epci for e in entries]
    synthesis = []
    counted = {e.siren: e for e in entries}
    unreadable = [(slugify(r.path.stem), r) for r in results if r.plan is None and not r.lock]
    for epci in referential.epcis:
        entry = counted.get(epci.siren or "")
        if entry is not None:
            synthesis.append(_synthesis_row(entry, referential))
        else:
            synthesis.append(_absent_row(epci.name or "", epci.siren or "", unreadable))
    known = {x.siren for x in referential.epcis}
    synthesis += [_synthesis_row(e, referential) for e in entries if e.siren not in known]
    synthesis += extra_rows
    checks = [_check_row(e.result.path.name, e.epci, f) for e in entries for f in e.result.findings]
    checks += [_check_row(f.file, "", f) for f in problems]
    return Dashboard(
        generated_at=now, files=len(results), synthesis=synthesis,
        actions=PlanRows(entries, partial(_action_rows, today=today), lambda e: len(e.plan.actions)),
        fundings=PlanRows(entries, _funding_rows, lambda e: len(e.plan.fundings)),
        funder_summary=_funder_summary(entries),
        charter=_charter_matrix(entries, referential),
        team=_team_rows(entries, referential),
        calendar=(calendar := _calendar(entries))[0], years=calendar[1],
        checks=checks, epci_columns=epci_columns, problems=problems,
    )


def _attribute(results: list[FileResult], referential: Referential
               ) -> tuple[list[PlanEntry], list[Finding], list[dict[str, Any]]]:
    """Plans attributed to EPCIs (one per EPCI, the most recent); problems and extra Synthèse rows."""
    by_siren = {e.siren: e for e in referential.epcis if e.siren}
    by_name = {slugify(e.name or ""): e for e in referential.epcis}
    groups: dict[str, list[PlanEntry]] = defaultdict(list)
    problems: list[Finding] = []
    extra_rows: list[dict[str, Any]] = []
    for result in results:
        if result.plan is None:
            assert result.error is not None
            problems.append(result.error)
            continue
        plan = result.plan
        epci = by_siren.get(plan.epci_siren or "") or by_name.get(slugify(plan.epci_name or ""))
        if epci is None:
            result.findings.append(finding("plan-outside-referential", file=file_key(result.path),
                                           name=result.path.name, value=plan.epci_name or "?",
                                           siren=plan.epci_siren or "?"))
            key = plan.epci_siren or plan.epci_name or result.path.name
            groups[key].append(PlanEntry(plan.epci_name or result.path.stem, plan.epci_siren or "", result))
        else:
            groups[epci.siren or ""].append(PlanEntry(epci.name or "", epci.siren or "", result))
    entries = []
    for group in groups.values():
        group.sort(key=lambda e: (e.plan.updated_on or dt.date.min, e.result.path.stat().st_mtime), reverse=True)
        kept, *others = group
        entries.append(kept)
        for other in others:
            problem = finding("duplicate-plan", file=file_key(other.result.path), name=other.result.path.name,
                              epci=kept.epci, kept=kept.result.path.name)
            problems.append(problem)
            extra_rows.append({"epci": other.epci, "siren": other.siren, "file": other.result.path.name,
                               "status": DUPLICATE, "remark": problem.message})
    # Alphabetically as in French: « CC des Sources de la Loire » before « CC Val'Eyrieux ».
    entries.sort(key=lambda e: (slugify(e.epci), e.epci))
    return entries, problems, extra_rows


def _absent_row(name: str, siren: str, unreadable: list[tuple[str, FileResult]]) -> dict[str, Any]:
    """`Non reçu`, or `Illisible` when an unreadable file is named after this EPCI."""
    slug = slugify(name)
    for stem, result in unreadable:
        if slug and slug in stem:
            assert result.error is not None
            return {"epci": name, "siren": siren, "file": result.path.name, "status": UNREADABLE,
                    "remark": result.error.message, "errors": 1, "warnings": 0}
    return {"epci": name, "siren": siren, "status": NOT_RECEIVED}


def _synthesis_row(entry: PlanEntry, referential: Referential) -> dict[str, Any]:
    plan = entry.plan
    statuses = Counter(a.status for a in plan.actions)
    shares = plan.funding_shares(referential)
    reviews = plan.held_review_dates
    findings = entry.result.findings
    row = {
        "epci": entry.epci, "siren": entry.siren, "file": entry.result.path.name, "status": plan.status or "",
        "period": phrase("period", start=french.date_short(plan.period_start), end=french.date_short(plan.period_end))
        if plan.period_start or plan.period_end else "",
        "referent": plan.referent.full_name if plan.referent else "", "objectives": len(plan.objectives),
        "actions": len(plan.actions), "cost": plan.total_cost, "epci_funding": shares.epci,
        "parc_funding": shares.parc, "leader_funding": shares.leader,
        "last_review": reviews[-1] if reviews else None,
        "epci_deliberation": _deliberation_summary(plan, (CC_BODY,)),
        "parc_deliberation": _deliberation_summary(plan, PARC_BODIES),
        "errors": len(errors_of(findings)),  # the same count as valider and the add-in
        "warnings": sum(f.severity == WARNING for f in findings),
    }
    for status, key in SYNTHESIS_STATUS_KEYS.items():
        row[key] = statuses.get(status, 0)
    return row


def _deliberation_summary(plan: Plan, bodies: tuple[str, ...]) -> str:
    latest = plan.latest_deliberation(bodies)
    if latest is None:
        return ""
    number = phrase("deliberation-number", number=latest.number) if latest.number else ""
    if latest.result:
        return phrase("deliberation-voted", result=latest.result, date=french.date_short(latest.date)) + number
    return phrase("deliberation-planned", date=french.date_short(latest.date)) + number


def _fields(record: Any, table: str) -> dict[str, Any]:
    """A plan record as a dict keyed by its table's column keys."""
    return {key: getattr(record, key) for key in _table_keys(table)}


@functools.cache
def _table_keys(table: str) -> tuple[str, ...]:
    return tuple(PLAN.table(table).keys)


def _action_rows(entry: PlanEntry, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for action in entry.plan.actions:
        row = {"epci": entry.epci, "siren": entry.siren, **_fields(action, "T_Actions")}
        row["late"] = "Oui" if action.is_late(today) else ""
        rows.append(row)
    return rows


def _funding_rows(entry: PlanEntry) -> list[dict[str, Any]]:
    return [dict(epci=entry.epci, siren=entry.siren, **_fields(f, "T_Financements")) for f in entry.plan.fundings]


def _funder_summary(entries: list[PlanEntry]) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for entry in entries:
        for funder, amount in entry.plan.funding_by_funder().items():
            totals[funder][entry.epci] += amount
    rows = []
    for funder in sorted(totals, key=lambda f: -sum(totals[f].values())):
        row = {"funder": funder, **{e.epci: totals[funder].get(e.epci, 0.0) for e in entries}}
        row["total"] = sum(totals[funder].values())
        rows.append(row)
    return rows


def _charter_matrix(entries: list[PlanEntry], referential: Referential) -> list[dict[str, Any]]:
    rows = []
    per_entry = [(e.epci, Counter(a.measure for a in e.plan.actions)) for e in entries]
    for measure in referential.measures:
        if not measure.code or (referential.charter_version and measure.version != referential.charter_version):
            continue
        counts = {epci: counter.get(measure.code, 0) for epci, counter in per_entry}
        rows.append({"code": measure.code, "label": measure.label or "", **counts, "total": sum(counts.values())})
    return rows


def _team_rows(entries: list[PlanEntry], referential: Referential) -> list[dict[str, Any]]:
    referent_of: dict[str, list[str]] = defaultdict(list)
    pair: dict[str, set[str]] = defaultdict(set)
    by_officer: dict[str, list[Any]] = defaultdict(list)
    for entry in entries:
        for member in entry.plan.members:
            if member.pair_role:
                name = member.full_name
                pair[name].add(entry.epci)
                if member.pair_role == REFERENT and entry.epci not in referent_of[name]:
                    referent_of[name].append(entry.epci)
        for action in entry.plan.actions:
            if action.officer:
                by_officer[action.officer].append(action)
    rows = []
    for person in referential.staff:
        name = person.full_name
        actions = by_officer.get(name, [])
        open_actions = [a for a in actions if a.status in OPEN_STATUSES]
        committed = sum(a.parc_days or 0 for a in open_actions)
        available = person.days_available
        rows.append({
            "name": name, "post": person.post or "", "referent_plans": len(referent_of.get(name, [])),
            "pair_plans": len(pair.get(name, ())), "actions": len(actions), "open_actions": len(open_actions),
            "committed_days": committed, "available_days": available,
            "load": round(100 * committed / available, 1) if available else None,
            "referent_of": ", ".join(referent_of.get(name, [])),
        })
    return rows


def _calendar(entries: list[PlanEntry]) -> tuple[list[dict[str, Any]], list[int]]:
    starts = [e.plan.period_start.year for e in entries if e.plan.period_start]
    ends = [e.plan.period_end.year for e in entries if e.plan.period_end]
    if not starts or not ends:
        return [], []
    # Years outside the plausible range are validation errors; they must not blow up the sheet.
    years = list(range(max(min(starts), FIRST_YEAR), min(max(ends), LAST_YEAR) + 1))
    rows = []
    for entry in entries:
        for action in entry.plan.actions:
            if not action.start:
                continue
            last = (action.end or entry.plan.period_end or action.start).year
            row = {"epci": entry.epci, "number": action.number, "title": action.title,
                   "start": action.start, "end": action.end, "status": action.status}
            for year in years:
                row[str(year)] = "●" if action.start.year <= year <= last else ""
            rows.append(row)
    return rows, years


def _check_row(file: str, epci: str, item: Finding) -> dict[str, Any]:
    return {"file": Path(file).name, "epci": epci, "severity": item.severity, "code": item.code, "sheet": item.sheet,
            "cell": item.cell, "field": item.field, "value": item.value, "message": item.message}


ACTION_STATUS_KEYS = tuple(SYNTHESIS_STATUS_KEYS[s] for s in ACTION_STATUSES)
