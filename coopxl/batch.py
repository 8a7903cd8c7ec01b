"""Commands over many plans: one bad file never stops the others (SPEC §8).

Each file of a batch is screened first: a file that cannot be read, a workbook that is not a
plan, a plan with blocking errors (for the documents), an output left open in Word or
Excel: each becomes a finding that names the file and says why, and the batch goes on with
the others. Only what stops the whole command (no working folder, no référentiel) raises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .messages import ERROR, CoopxlError, UnreadableWorkbookError, finding
from .model import Finding, Plan, Referential, file_key


def problem_of(path: Path, error: CoopxlError) -> Finding:
    """A finding naming `path` for an error met while handling it."""
    from .messages import CATALOGUE

    severity = CATALOGUE[error.code].severity if error.code in CATALOGUE else ERROR
    return Finding(code=error.code, severity=severity, message=error.message, file=file_key(path))


def screen_plan(path: Path) -> tuple[Plan | None, Finding | None]:
    """Read one file of a batch: its plan, or the finding that says why it is left out."""
    from .reader import read_plan
    from .validation import _is_not_a_plan

    path = Path(path)
    try:
        plan = read_plan(path)
    except UnreadableWorkbookError as error:
        return None, problem_of(path, error)
    if _is_not_a_plan(plan):
        return None, finding("not-a-plan", file=file_key(path), name=path.name)
    return plan, None


def read_plan_only(path: Path) -> Plan:
    """Read a plan for a command on one file; raises (exit 2) for a file that is not a plan."""
    plan, problem = screen_plan(path)
    if plan is None:
        from .reader import read_plan

        read_plan(path)  # unreadable: raises its own error
        raise CoopxlError("not-a-plan", name=Path(path).name)
    return plan


def _screen_and_validate(job: tuple[Path, Referential | None], today: dt.date
                         ) -> tuple[Plan | None, Finding | None, list[Finding]]:
    """One file of a documents batch: its plan and findings, or the problem that leaves it out."""
    from .validation import validate_plan

    path, referential = job
    plan, problem = screen_plan(path)
    if plan is None:
        return None, problem, []
    return plan, None, validate_plan(plan, referential, today)


def batch_files(paths: list[Path]) -> list[Path]:
    """The files a batch command handles (see `workspace.expand_paths`), lock files left out."""
    from .workspace import expand_paths

    return expand_paths(paths, locks=False)


def blocking_finding(path: Path, errors: list[Finding]) -> Finding:
    count = len(errors)
    words = f"{count} {'erreur bloquante' if count == 1 else 'erreurs bloquantes'}"
    return finding("blocking-errors", file=file_key(path), name=Path(path).name, errors=words)


def locked_output(path: Path) -> Path | None:
    """The output file itself when Word or Excel holds it open (its `~$` owner file exists)."""
    from .guard import lock_file_for

    return path if lock_file_for(path) is not None else None


@dataclass
class DocumentsBatch:
    """What `generate_all_documents` did: the documents per plan and the files left out."""

    generated: list[Any] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    pdf_error: str | None = None
    files: list[Path] = field(default_factory=list)


def generate_all_documents(paths: list[Path], *, output: Path | None = None,
                           referential: Referential | None = None, templates_folder: Path | None = None,
                           pdf: bool = False, force: bool = False, today: dt.date | None = None,
                           progress: Callable[..., Any] | None = None) -> DocumentsBatch:
    """The documents of every plan named or found; each file that cannot get them is named.

    A plan with blocking errors is left out unless `force`; a workbook that is not a plan is
    left out even with `force`; a plan whose documents are open in Word is left out."""
    from .documents import generate_for_paths, load_renderer, output_names, workspace_root
    from .files import slugify
    from .parallel import can_fork, map_processes
    from .validation import blocking_errors
    from .workspace import Referentials, Workspace

    today = today or dt.date.today()
    batch = DocumentsBatch(files=batch_files(paths))
    referentials = Referentials(referential)
    eligible: list[Path] = []
    folders: dict[Path, Path] = {}
    checked: dict[Path, tuple[Plan, list[Finding]]] = {}
    # Read and validated on both cores, each plan once: the document workers get them as they are.
    # Meanwhile, the Word libraries are imported here, for the document workers forked next to
    # inherit (spawned ones import them themselves).
    jobs = [(path, referentials.for_plan(path)) for path in batch.files]
    screened = map_processes(partial(_screen_and_validate, today=today), jobs,
                             meanwhile=load_renderer if can_fork() else None)
    for (path, ref), (plan, problem, findings) in zip(jobs, screened):
        if plan is None:  # either a plan or the problem that leaves it out
            if problem is not None:
                batch.problems.append(problem)
            continue
        root = workspace_root(path)
        errors = blocking_errors(findings)
        if errors and not force:
            batch.problems.append(blocking_finding(path, errors))
            continue
        folder = (output or Workspace(root).documents_folder) / slugify(plan.epci_name or path.stem)
        locked = [t for t in (folder / name for name in output_names(ref).values()) if locked_output(t)]
        if locked:
            batch.problems.append(finding("output-locked", file=file_key(path), path=str(locked[0]), app="Word"))
            continue
        eligible.append(path)
        folders[path] = folder
        checked[path] = (plan, findings)
    if not eligible:
        return batch
    # The plans go to the document workers as read and validated here: each is read once.
    options: dict[str, Any] = dict(output=output, referential=referential, templates_folder=templates_folder,
                                   force=True, today=today, pdf=pdf, checked=checked)
    # Two files for one EPCI: each gets its documents in a folder named after its file, so that
    # neither overwrites the other's.
    shared = {p for p in eligible if list(folders.values()).count(folders[p]) > 1}
    alone = [p for p in eligible if p not in shared]
    try:
        if alone:
            result = generate_for_paths(alone, progress=progress, **options)
            batch.generated, batch.pdf_error = list(result.generated), result.pdf_error
            batch.problems += _refused_extracts(result)
    except CoopxlError as error:
        if error.code == "template-invalid":
            raise
        # A write failed in the middle (a document open in Word on Windows): plan by plan, to
        # name the one that failed and still produce the others.
        _one_by_one(batch, alone, options, lambda path: output)
    _one_by_one(batch, [p for p in eligible if p in shared], options,
                lambda path: (output or Workspace.of(path).documents_folder) / slugify(path.stem))
    return batch


def _one_by_one(batch: DocumentsBatch, paths: list[Path], options: dict[str, Any],
                output_for: Callable[[Path], Path | None]) -> None:
    """The documents of each plan in turn; a plan whose documents cannot be written is named."""
    from .documents import generate_for_paths

    for path in paths:
        try:
            one = generate_for_paths([path], jobs=1, **{**options, "output": output_for(path)})
        except CoopxlError as failed:
            batch.problems.append(problem_of(path, failed))
            continue
        batch.generated += one.generated
        batch.pdf_error = batch.pdf_error or one.pdf_error
        batch.problems += _refused_extracts(one)


def _refused_extracts(result: Any) -> list[Finding]:
    """The extracts not written because the data still holds a placeholder (drafts were)."""
    return [Finding(code="extract-refused", severity=ERROR, message=reason, file=file_key(path))
            for path, reason in result.refused]
