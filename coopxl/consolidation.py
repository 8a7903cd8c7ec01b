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
STREAM_FROM_FILES = 90
"""Files from which `Reading` looks at their outlines (about 2 ms each, on both cores) to know whether
the dashboard will be written row by row (`dashboard.STREAM_FROM_CELLS`): from 90 plans of 60
actions. Fewer are always written in memory."""
STREAM_CHUNK = 4
"""Plans a worker reads in a row before sending them back, when they are written as they come."""


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
    calendar: Sequence[dict[str, Any]]
    """`PlanRows`: {"epci", "number", "title", "start", "end", "status", "<year>": "●"…}."""
    checks: list[dict[str, Any]]
    epci_columns: list[str]
    years: list[int]
    problems: list[Finding]
    """Folder-level findings (unreadable files, locks, duplicates), also in `checks`."""
    entries: list[PlanEntry] = field(default_factory=list)
    """The plans counted, one per EPCI, in the order of the sheets."""


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
    return calendar_columns_of(d.years)


def calendar_columns_of(years: Sequence[int]) -> list[Column]:
    return [Column("EPCI", "epci", width=30), Column("N° action", "number", width=10),
            Column("Intitulé", "title", Kind.LONG_TEXT, width=40), Column("Début", "start", Kind.DATE),
            Column("Fin", "end", Kind.DATE), Column("Statut", "status", width=12),
            *(Column(str(y), str(y), width=6) for y in years)]


def consolidate(workspace: Workspace, *, today: dt.date | None = None, jobs: int | None = None,
                progress: Callable[[Sequence[Path], str], Iterable[Path]] | None = None,
                meanwhile: Callable[[], Any] | None = None) -> Dashboard:
    """Read every plan of the working folder and compute the dashboard's tables.

    `meanwhile` is called while worker processes read the plans (see `Reading`)."""
    with Reading(workspace, today=today, jobs=jobs, progress=progress, meanwhile=meanwhile) as reading:
        return reading.dashboard()


class Reading:
    """The plans of a working folder read for the dashboard, in worker processes, with the rows
    of the longest sheets given plan by plan as they are read, in the dashboard's order.

    When the dashboard is large enough to be written row by row (`stream_from_cells`, which
    `dashboard.consolidate_into` gives; without it, never), a first quick pass reads each file's outline (EPCI,
    SIREN, dates, table sizes): it foretells the plans counted and their order. `plan_rows`
    then reads the plans in that order and gives the Actions, Financements and Calendrier rows
    of each foretold plan as it comes, while the next ones are being read; `dashboard` is
    computed as `consolidate` computes it, and `as_foretold` says whether its plans are those
    the rows were given for (a plan saved again between the two passes makes it false).
    Otherwise `streamed` is false, `plan_rows` gives nothing and `dashboard` reads every plan.
    Used as a context manager: the worker processes live as long as it."""

    def __init__(self, workspace: Workspace, *, stream_from_cells: int | None = None, today: dt.date | None = None,
                 jobs: int | None = None, progress: Callable[[Sequence[Path], str], Iterable[Path]] | None = None,
                 meanwhile: Callable[[], Any] | None = None) -> None:
        from .parallel import pool_size

        if not workspace.plans_folder.is_dir():
            raise CoopxlError("no-plans-folder", path=str(workspace.root))
        self.now = dt.datetime.now().replace(microsecond=0)
        self.today = today or self.now.date()
        self.referential = workspace.read_referential()
        self.files = expand_paths([workspace.plans_folder])
        self.stream_from_cells, self.progress, self.meanwhile = stream_from_cells, progress, meanwhile
        self.jobs = jobs if jobs is not None else pool_size(len(self.files))
        self.read_one = partial(read_one, referential=self.referential, today=self.today)
        self.results: dict[Path, FileResult] = {}
        self.streamed_entries: list[tuple[Path, str, str]] = []
        self.foretold: list[tuple[Path, str, str]] = []
        self.years: list[int] = []
        self.streamed = False

    def __enter__(self) -> Reading:
        from contextlib import ExitStack

        from . import reader  # noqa: F401 - before the workers fork, so that each does not import it again
        from .parallel import Workers, collector_paused

        with ExitStack() as stack:
            self.workers = stack.enter_context(Workers(self.jobs))
            stack.enter_context(collector_paused())
            known: list[_Outline] = []
            if self.stream_from_cells is not None and len(self.files) >= STREAM_FROM_FILES:
                outlines = self.workers.map(_outline, self.files)
                self._meanwhile()
                known = [outline for outline in outlines if outline is not None]
            self.streamed = self.stream_from_cells is not None and sum(o.cells for o in known) >= self.stream_from_cells
            if self.streamed:
                kept = _kept_order(_attribution([outline.claim for outline in known], self.referential))
                self.foretold = [(known[index].claim.path, epci, siren) for index, epci, siren, _ in kept]
                self.years = calendar_years(known[index].period for index, _, _, _ in kept)
            self.stack = stack.pop_all()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stack.__exit__(*exc)

    def _meanwhile(self) -> None:
        """The caller's `meanwhile`, once, while the workers work."""
        meanwhile, self.meanwhile = self.meanwhile, None
        if meanwhile is not None:
            meanwhile()

    def plan_rows(self) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]]:
        """Each foretold plan's Actions, Financements and Calendrier rows, as it is read."""
        if not self.streamed:
            return
        order = [path for path, _, _ in self.foretold]
        foretold = set(order)
        order += [path for path in self.files if path not in foretold]  # duplicates, unreadable files
        read = self.workers.map(self.read_one, order, chunk=STREAM_CHUNK)
        self._meanwhile()
        for _, result in zip(self.progress(order, READING) if self.progress else order, read):
            self.results[result.path] = result
            streamed = self.streamed_entries
            if len(streamed) < len(self.foretold):  # and all read so far as foretold (`order`)
                path, epci, siren = self.foretold[len(streamed)]
                if result.path == path and result.plan is not None:
                    streamed.append((path, epci, siren))
                    entry = PlanEntry(epci, siren, result)
                    yield (_action_rows(entry, self.today), _funding_rows(entry),
                           _calendar_rows(entry, self.years))

    def dashboard(self) -> Dashboard:
        """Every table of the dashboard, once `plan_rows` is used up (if streamed)."""
        if not self.streamed:
            read = self.workers.map(self.read_one, self.files)
            self._meanwhile()
            shown = self.progress(self.files, READING) if self.progress else self.files
            self.results = {result.path: result for _, result in zip(shown, read)}
        return build_dashboard([self.results[path] for path in self.files], self.referential, self.today, self.now)

    def as_foretold(self, dashboard: Dashboard) -> bool:
        """Whether `dashboard` counts the plans `plan_rows` gave, in that order, with the same years."""
        counted = [(entry.result.path, entry.epci, entry.siren) for entry in dashboard.entries]
        return self.streamed and counted == self.streamed_entries and dashboard.years == self.years


READING = "Lecture des plans"


@dataclass(eq=False, repr=False)
class _Outline:
    """What the first pass of `Reading` learns of a file."""

    claim: _Claim
    period: tuple[dt.date | None, dt.date | None]
    cells: int
    """Cells its plan adds to the two longest sheets."""


def _outline(path: Path) -> _Outline | None:
    """None for a file that is not a readable plan (its full reading says why)."""
    from .reader import read_outline
    from .schema import DASHBOARD_ACTIONS, DASHBOARD_FUNDINGS

    if is_lock_file(path):
        return None
    try:
        outline = read_outline(path)
    except UnreadableWorkbookError:
        return None
    cells = (outline.rows.get("T_Actions", 0) * len(DASHBOARD_ACTIONS.columns)
             + outline.rows.get("T_Financements", 0) * len(DASHBOARD_FUNDINGS.columns))
    return _Outline(_Claim(path, outline.epci_name, outline.epci_siren, outline.updated_on),
                    (outline.period_start, outline.period_end), cells)


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
    years = calendar_years((e.plan.period_start, e.plan.period_end) for e in entries)
    checks = [_check_row(e.result.path.name, e.epci, f) for e in entries for f in e.result.findings]
    checks += [_check_row(f.file, "", f) for f in problems]
    return Dashboard(
        generated_at=now, files=len(results), synthesis=synthesis,
        actions=PlanRows(entries, partial(_action_rows, today=today), lambda e: len(e.plan.actions)),
        fundings=PlanRows(entries, _funding_rows, lambda e: len(e.plan.fundings)),
        funder_summary=_funder_summary(entries),
        charter=_charter_matrix(entries, referential),
        team=_team_rows(entries, referential),
        calendar=PlanRows(entries, partial(_calendar_rows, years=years), lambda e: _calendar_count(e, years)),
        years=years,
        checks=checks, epci_columns=epci_columns, problems=problems, entries=entries,
    )


@dataclass(eq=False, repr=False)
class _Claim:
    """A plan's claim to an EPCI: what attributing it needs."""

    path: Path
    epci_name: str | None
    epci_siren: str | None
    updated_on: dt.date | None


def _attribution(claims: Sequence[_Claim], referential: Referential) -> list[list[tuple[int, str, str, bool]]]:
    """The claims grouped by EPCI, in the order each EPCI is first claimed; in a group, the
    most recent plan first (the one counted). Each item: (index of the claim, EPCI name,
    SIREN, whether the EPCI is outside the référentiel)."""
    by_siren = {e.siren: e for e in referential.epcis if e.siren}
    by_name = {slugify(e.name or ""): e for e in referential.epcis}
    groups: dict[str, list[tuple[int, str, str, bool]]] = defaultdict(list)
    for index, claim in enumerate(claims):
        epci = by_siren.get(claim.epci_siren or "") or by_name.get(slugify(claim.epci_name or ""))
        if epci is None:
            key = claim.epci_siren or claim.epci_name or claim.path.name
            groups[key].append((index, claim.epci_name or claim.path.stem, claim.epci_siren or "", True))
        else:
            groups[epci.siren or ""].append((index, epci.name or "", epci.siren or "", False))
    for group in groups.values():
        group.sort(key=lambda item: (claims[item[0]].updated_on or dt.date.min, _modified(claims[item[0]].path)),
                   reverse=True)
    return list(groups.values())


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile: its plan was read, it is counted as the oldest
        return 0.0


def _kept_order(groups: list[list[tuple[int, str, str, bool]]]) -> list[tuple[int, str, str, bool]]:
    """The plan counted for each EPCI, in the dashboard's order: by EPCI name, alphabetically as
    in French (« CC des Sources de la Loire » before « CC Val'Eyrieux », whatever the case and accents)."""
    return sorted((group[0] for group in groups), key=lambda item: (slugify(item[1]), item[1]))


def _attribute(results: list[FileResult], referential: Referential
               ) -> tuple[list[PlanEntry], list[Finding], list[dict[str, Any]]]:
    """Plans attributed to EPCIs (one per EPCI, the most recent); problems and extra Synthèse rows."""
    problems: list[Finding] = []
    readable = []
    for result in results:
        if result.plan is None:
            assert result.error is not None
            problems.append(result.error)
        else:
            readable.append(result)
    claims = [_Claim(r.path, r.plan.epci_name, r.plan.epci_siren, r.plan.updated_on)
              for r in readable if r.plan is not None]
    groups = _attribution(claims, referential)
    for group in groups:
        for index, _, _, outside in group:
            if outside:
                result, plan = readable[index], readable[index].plan
                assert plan is not None
                result.findings.append(finding("plan-outside-referential", file=file_key(result.path),
                                               name=result.path.name, value=plan.epci_name or "?",
                                               siren=plan.epci_siren or "?"))
    extra_rows: list[dict[str, Any]] = []
    for (kept, epci, _, _), *others in groups:
        for index, other_epci, other_siren, _ in others:
            other = readable[index]
            problem = finding("duplicate-plan", file=file_key(other.path), name=other.path.name,
                              epci=epci, kept=readable[kept].path.name)
            problems.append(problem)
            extra_rows.append({"epci": other_epci, "siren": other_siren, "file": other.path.name,
                               "status": DUPLICATE, "remark": problem.message})
    entries = [PlanEntry(epci, siren, readable[index]) for index, epci, siren, _ in _kept_order(groups)]
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


def calendar_years(periods: Iterable[tuple[dt.date | None, dt.date | None]]) -> list[int]:
    """The years of the calendar: from the first plan's start to the last one's end (none
    unless some plan has both)."""
    starts, ends = [], []
    for start, end in periods:
        if start:
            starts.append(start.year)
        if end:
            ends.append(end.year)
    if not starts or not ends:
        return []
    # Years outside the plausible range are validation errors; they must not blow up the sheet.
    return list(range(max(min(starts), FIRST_YEAR), min(max(ends), LAST_YEAR) + 1))


def _calendar_rows(entry: PlanEntry, years: Sequence[int]) -> list[dict[str, Any]]:
    """A plan's actions with a start date, marked « ● » in each year they run."""
    if not years:
        return []
    rows = []
    for action in entry.plan.actions:
        if not action.start:
            continue
        last = (action.end or entry.plan.period_end or action.start).year
        row = {"epci": entry.epci, "number": action.number, "title": action.title,
               "start": action.start, "end": action.end, "status": action.status}
        for year in years:
            row[str(year)] = "●" if action.start.year <= year <= last else ""
        rows.append(row)
    return rows


def _calendar_count(entry: PlanEntry, years: Sequence[int]) -> int:
    return sum(1 for action in entry.plan.actions if action.start) if years else 0


def _check_row(file: str, epci: str, item: Finding) -> dict[str, Any]:
    return {"file": Path(file).name, "epci": epci, "severity": item.severity, "code": item.code, "sheet": item.sheet,
            "cell": item.cell, "field": item.field, "value": item.value, "message": item.message}


ACTION_STATUS_KEYS = tuple(SYNTHESIS_STATUS_KEYS[s] for s in ACTION_STATUSES)
