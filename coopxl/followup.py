"""Follow-up twice a year (SPEC §1, §3): fiches de suivi, the Parc-wide summary, preparing a review.

`followup_context` gathers, for the next meeting of a plan's working group, the actions by
objective with their last review, the late ones, those starting or ending within six
months, the funding still to request and the previous meeting's decisions. `prepare_review`
adds the coming review's rows to a plan workbook (after a backup, touching no other value).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import french
from .documents import BLANK, FICHE_SUIVI, SYNTHESE_SUIVI, _member, typeset
from .messages import CoopxlError
from .model import Finding, Plan, Referential, Session
from .schema import CLOSED_STATUSES, FOLLOWED_STATUSES, PLANNED, REVIEW_SESSION, TO_REQUEST

HORIZON_DAYS = 183
"""« Dans les six mois » : the actions starting or ending before the meeting date plus this."""


def is_followed(plan: Plan, day: dt.date) -> bool:
    """An approved plan or one in œuvre whose period has begun: its working group meets twice a year."""
    return plan.status in FOLLOWED_STATUSES and (plan.period_start is None or plan.period_start <= day)


def review_dates(plan: Plan) -> list[dt.date]:
    """Dates of the follow-up meetings held (séances « Suivi semestriel » tenues, or T_Suivi dates)."""
    return plan.held_review_dates


def next_meeting(plan: Plan, today: dt.date) -> tuple[dt.date, Any]:
    """The planned follow-up meeting on or after `today` (its date and séance), else today."""
    planned = [s for s in plan.planned_review_sessions if s.date and s.date >= today]
    return (planned[0].date, planned[0]) if planned and planned[0].date else (today, None)


def followup_context(plan: Plan, referential: Referential, meeting: dt.date) -> dict[str, Any]:
    """What the fiche de suivi of the meeting on `meeting` shows."""
    latest = plan.latest_reviews(meeting)
    horizon = meeting + dt.timedelta(days=HORIZON_DAYS)
    staff = {s.full_name: s.civility for s in referential.staff if s.full_name}

    def action_row(action: Any) -> dict[str, Any]:
        review = latest.get(action.number or "")
        return {"numero": action.number or "", "intitule": action.title or "", "statut": action.status or "",
                "avancement": french.percent(review.progress) if review and review.progress is not None else "",
                "debut": french.date_short(action.start), "fin": french.date_short(action.end),
                "charge_mission": french.person(action.officer, staff.get(action.officer or "")),
                "realisations": (review.achievements or "") if review else "",
                "difficultes": (review.difficulties or "") if review else "",
                "prochaines_etapes": (review.next_steps or "") if review else "",
                "decision": (review.decision or "") if review else "",
                "en_retard": "oui" if action.is_late(meeting) else ""}

    objectives = []
    for objective in plan.objectives:
        rows = [action_row(a) for a in plan.actions if a.objective == objective.number]
        objectives.append({"numero": objective.number or "", "intitule": objective.title or "", "actions": rows})
    orphans = [action_row(a) for a in plan.actions if a.objective not in {o.number for o in plan.objectives}]
    if orphans:
        objectives.append({"numero": "—", "intitule": "Actions sans objectif", "actions": orphans})
    upcoming: list[dict[str, Any]] = []
    for action in plan.actions:
        if action.status in CLOSED_STATUSES:
            continue
        for event, day in (("début", action.start), ("fin prévue", action.end)):
            if day and meeting <= day <= horizon:
                upcoming.append({"numero": action.number or "", "intitule": action.title or "",
                                 "evenement": event, "date": french.date_long(day), "_day": day})
    upcoming.sort(key=lambda row: row.pop("_day"))
    held = [d for d in review_dates(plan) if d < meeting]
    previous = held[-1] if held else None
    titles = {a.number: a.title for a in plan.actions}
    decisions = [{"action": r.action or "", "intitule": titles.get(r.action, "") or "", "decision": r.decision or "",
                  "prochaines_etapes": r.next_steps or ""}
                 for r in plan.reviews if previous and r.date == previous and (r.decision or r.next_steps)]
    _, session = next_meeting(plan, meeting)
    later = [s for s in plan.planned_review_sessions if s.date and s.date > meeting]
    referent, partner = plan.referent, plan.pair_member
    epci = next((e for e in referential.epcis if e.siren == plan.epci_siren), None)
    return typeset({
        "blanc": BLANK,
        "epci": {"nom": plan.epci_name or BLANK, "siren": plan.epci_siren or BLANK,
                 "designation": french.designation(epci.form if epci else None, plan.epci_name,
                                                   epci.official_name if epci else None) or BLANK},
        "parc": {"nom": referential.park_name or BLANK},
        "plan": {"intitule": plan.title or "", "statut": plan.status or "",
                 "periode": f"{plan.period_start.year}-{plan.period_end.year}"
                 if plan.period_start and plan.period_end else BLANK},
        "reunion": {"date": french.date_long(meeting), "numero": str(len(held) + 1),
                    "lieu": (session.place if session and session.place else BLANK),
                    "precedente": french.date_long(previous) if previous else "aucune",
                    "prochaine": _next_meeting_text(later[0] if later else None)},
        "participants": [{"nom": _member(m)["nom"], "structure": m.structure or "",
                          "fonction": m.role_detail or m.role or ""} for m in plan.members],
        "objectifs": objectives,
        "en_retard": [action_row(a) for a in plan.actions if a.is_late(meeting)],
        "prochains_mois": upcoming,
        "a_solliciter": [{"action": f.action or "", "financeur": f.funder or "", "dispositif": f.scheme or "",
                          "montant": french.euros(f.amount)} for f in plan.fundings if f.status == TO_REQUEST],
        "decisions": decisions,
        "binome": {"referent": _member(referent)["nom"] if referent else BLANK,
                   "membre": _member(partner)["nom"] if partner else BLANK,
                   "referent_titre": french.title("referent", referent.civility) if referent else "référent"},
    })


def _next_meeting_text(session: Session | None) -> str:
    """« le 8 décembre 2026, Le Cheylard », or blanks to fill in during the meeting."""
    if session is None or session.date is None:
        return f"le {BLANK}, à {BLANK} heures, lieu : {BLANK}"
    return f"le {french.date_long(session.date)}" + (f", {session.place}" if session.place else "")


def meeting_date(plan: Plan, day: dt.date) -> dt.date:
    """The date of a plan's coming follow-up meeting: its next planned « Suivi semestriel », else `day`
    (the `--date` of `coopxl suivi`). The fiche and the synthèse show this same date."""
    return next_meeting(plan, day)[0]


def summary_row(plan: Plan, today: dt.date) -> dict[str, Any]:
    """One EPCI's line of the Parc-wide follow-up summary."""
    year_ago = today - dt.timedelta(days=365)
    recent = [d for d in review_dates(plan) if year_ago < d <= today]
    held = [d for d in review_dates(plan) if d <= today]
    meeting, session = next_meeting(plan, today)
    late = [a.number for a in plan.actions if a.is_late(today)]
    referent = _member(plan.referent)["nom"] if plan.referent else ""
    return {"epci": plan.epci_name or "", "statut": plan.status or "", "reunions_12_mois": str(len(recent)),
            "a_jour": "oui" if len(recent) >= 2 else "non",
            "derniere": french.date_short(held[-1]) if held else "aucune",
            "prochaine": french.date_short(meeting) + ("" if session else " (à planifier)"),
            "en_retard": ", ".join(n for n in late if n) or "aucune", "referent": referent}


def _not_followed_row(name: str, status: str) -> dict[str, Any]:
    return {"epci": name, "statut": status, "reunions_12_mois": "—", "a_jour": "—", "derniere": "—",
            "prochaine": "—", "en_retard": "—", "referent": "—"}


def summary_context(plans: list[Plan], referential: Referential, today: dt.date) -> dict[str, Any]:
    """Every EPCI of the référentiel with its plan status; follow-up figures for the plans followed."""
    rows, followed = [], []
    by_siren: dict[str | None, Plan] = {p.epci_siren: p for p in plans if p.epci_siren}
    by_name: dict[str | None, Plan] = {p.epci_name: p for p in plans if p.epci_name}
    seen: set[int] = set()
    for epci in referential.epcis:
        if epci.active == "Non":
            continue
        plan = by_siren.get(epci.siren) or by_name.get(epci.name)
        if plan is None:
            rows.append(_not_followed_row(epci.name or "", "pas de plan"))
            continue
        seen.add(id(plan))
        if is_followed(plan, today):
            row = summary_row(plan, today)
            followed.append(row)
            rows.append(row)
        else:
            rows.append(_not_followed_row(plan.epci_name or epci.name or "", plan.status or "statut inconnu"))
    for plan in plans:  # a plan whose EPCI is not (or no longer) in the référentiel
        if id(plan) not in seen:
            rows.append(summary_row(plan, today) if is_followed(plan, today)
                        else _not_followed_row(plan.epci_name or "", plan.status or ""))
    up_to_date = sum(r["a_jour"] == "oui" for r in followed)
    return typeset({
        "date": french.date_long(today), "parc": {"nom": referential.park_name or BLANK},
        "nb_plans": len(followed), "nb_a_jour": up_to_date,
        "nb_epci_texte": french.count_in_words(len(rows), "EPCI", "EPCI"),
        "nb_plans_texte": french.count_in_words(len(followed), "plan suivi", "plans suivis"),
        "nb_a_jour_texte": french.number_in_words(up_to_date) if up_to_date else "aucun", "lignes": rows})


@dataclass
class FollowupResult:
    """What `coopxl suivi` wrote."""

    fiches: list[Path] = field(default_factory=list)
    summary: Path | None = None
    problems: list[Any] = field(default_factory=list)
    """Findings naming each file left out (unreadable, not a plan, fiche open in Word)."""
    prepared: list[tuple[Path, Path, int]] = field(default_factory=list)
    """(plan, backup, rows added) for --preparer."""


def generate_followup(paths: list[Path], *, today: dt.date | None = None, output: Path | None = None,
                      referential: Referential | None = None, templates_folder: Path | None = None,
                      progress: Any = None) -> FollowupResult:
    """Fiches de suivi of every plan in œuvre or approved, and the Parc-wide summary."""
    from .batch import batch_files, problem_of, screen_plan
    from .documents import ensure_templates, render
    from .workspace import Referentials, Workspace

    today = today or dt.date.today()
    files = batch_files(paths)
    if not files:
        raise CoopxlError("no-plans-folder", path=", ".join(map(str, paths)))
    workspace = Workspace.of(files[0])
    referential = Referentials(referential).for_plan(files[0])
    templates = ensure_templates(templates_folder or workspace.custom_templates, (FICHE_SUIVI, SYNTHESE_SUIVI))
    output = output or workspace.followup_folder
    result = FollowupResult()
    plans = []
    for path in (progress(files, "Fiches de suivi") if progress else files):
        plan, problem = screen_plan(path)
        if plan is None:  # one bad file never stops the others: it is named, the rest goes on
            result.problems.append(problem)
            continue
        plans.append(plan)
        if not is_followed(plan, today):
            continue
        meeting, _ = next_meeting(plan, today)
        target = output / fiche_name(plan, path, meeting)
        if target in result.fiches:  # two files for one EPCI: each keeps its own fiche
            from .files import slugify

            target = target.with_name(f"{target.stem}_{slugify(path.stem)}.docx")
        try:
            result.fiches.append(render(templates[FICHE_SUIVI], followup_context(plan, referential, meeting),
                                        target, today))
        except CoopxlError as error:  # the fiche is open in Word
            result.problems.append(problem_of(path, error))
    summary = output / f"synthese-suivi_{today:%Y-%m-%d}.docx"
    try:
        result.summary = render(templates[SYNTHESE_SUIVI], summary_context(plans, referential, today), summary, today)
    except CoopxlError as error:
        result.problems.append(problem_of(summary, error))
    return result


def fiche_name(plan: Plan, path: Path, meeting: dt.date) -> str:
    """`fiche-suivi_<epci>_<date>.docx`: the file name of a plan's fiche for a meeting."""
    from .files import slugify

    return f"fiche-suivi_{slugify(plan.epci_name or path.stem)}_{meeting:%Y-%m-%d}.docx"


# --- preparing the coming review in the workbook -------------------------------------------


def prepare_review(path: Path, meeting: dt.date) -> tuple[Path | None, int]:
    """Add the coming review to a plan workbook: one T_Suivi row per open action, one séance.

    Status is carried over from the action; nothing else is changed: the package is patched
    part by part (`xlsxpatch`), so formulas keep their cached results and nothing the user
    added is lost. Returns (backup, rows); the backup is None when there was nothing to add
    (the file is then left untouched).
    """
    from .files import backup, refuse_if_open
    from .reader import read_plan
    from .validation import _is_not_a_plan
    from .xlsxpatch import XlsxPackage

    path = Path(path)
    plan = read_plan(path)
    if _is_not_a_plan(plan):
        raise CoopxlError("not-a-plan", name=path.name)
    refuse_if_open(path)
    # Running it twice for the same meeting adds nothing the second time.
    already = {r.action for r in plan.reviews if r.date == meeting}
    open_actions = [a for a in plan.actions if a.number and a.status not in CLOSED_STATUSES
                    and a.number not in already]
    reviews = [{"date": meeting, "action": a.number, "status": a.status} for a in open_actions]
    numbers = [s.number for s in plan.sessions if isinstance(s.number, int)]
    session = {"number": max(numbers, default=0) + 1, "kind": REVIEW_SESSION, "date": meeting, "status": PLANNED}
    has_session = any(s.kind == REVIEW_SESSION and s.date == meeting for s in plan.sessions)
    package = XlsxPackage(path)
    _append_rows(package, "T_Suivi", reviews)
    _append_rows(package, "T_Seances", [] if has_session else [session])
    if not package.is_changed():
        return None, 0
    saved = backup(path)
    package.save()
    return saved, len(reviews)


def _append_rows(package: Any, table_name: str, rows: list[dict[str, Any]]) -> None:
    """Append rows at the end of an Excel table (after its last non-empty row), growing its range.

    Each new cell takes the format of the cell above it (dates stay dates)."""
    from .schema import PLAN, normalize_header
    from .xlsxpatch import ref_of

    if not rows:
        return
    table = package.tables().get(table_name)
    if table is None:
        raise CoopxlError("cannot-patch", detail=f"tableau {table_name} introuvable")
    sheet = table.sheet
    first_col, first_row, last_col, last_row = table.bounds()
    columns = {normalize_header(h): first_col + i for i, h in enumerate(table.headers())}
    spec = PLAN.table(table_name)
    used = last_row
    while used > first_row and all(sheet.value(ref_of(c, used)) in (None, "")
                                   for c in range(first_col, last_col + 1)):
        used -= 1
    model_row = max(used, first_row + 1)
    for offset, values in enumerate(rows, start=1):
        row = used + offset
        for column in spec.columns:
            index = columns.get(normalize_header(column.header))
            if index is None:
                continue
            style = sheet.style(ref_of(index, model_row))
            value = values.get(column.key)
            if value is not None or sheet.cell(ref_of(index, row)) is None:
                sheet.set_value(ref_of(index, row), value, style)
    end = max(last_row, used + len(rows))
    if end != last_row:
        table.set_ref(f"{ref_of(first_col, first_row)}:{ref_of(last_col, end)}")


@dataclass
class PreparedReview:
    """The coming review added to one plan by `prepare_reviews`."""

    plan: Path
    meeting: dt.date
    rows: int
    backup: Path | None
    """None when the plan already held this review (then left unchanged)."""


@dataclass
class PreparationResult:
    """What `prepare_reviews` did: the plans prepared, and each file left out, with why."""

    files: list[Path] = field(default_factory=list)
    prepared: list[PreparedReview] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)


def prepare_reviews(paths: list[Path], today: dt.date) -> PreparationResult:
    """Prepare the coming review in every followed plan named or found (`coopxl suivi --preparer`).

    Each plan gets the rows of its next planned « Suivi semestriel » (or of `today`), after a
    backup; a file that is not a plan, or a plan open in Excel, is named and the others go on."""
    from .batch import batch_files, problem_of, screen_plan

    result = PreparationResult(files=batch_files(paths))
    if not result.files:
        raise CoopxlError("no-plans-found", path=", ".join(map(str, paths)))
    for path in result.files:
        plan, problem = screen_plan(path)
        if plan is None:
            if problem is not None:
                result.problems.append(problem)
            continue
        if not is_followed(plan, today):
            continue
        meeting, _ = next_meeting(plan, today)
        try:
            saved, count = prepare_review(path, meeting)
        except CoopxlError as error:  # this plan only (open in Excel…): the others go on
            result.problems.append(problem_of(path, error))
            continue
        result.prepared.append(PreparedReview(path, meeting, count, saved))
    return result
