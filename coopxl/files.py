"""Writing files safely: every output goes through `atomic_write`."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from .guard import lock_file_for, lock_owner
from .messages import CoopxlError

BACKUP_FOLDER = "sauvegardes"


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; replace `target` with it only on success.

    An interrupted write leaves the previous file intact. Refuses, before writing, when
    Excel holds `target` open (its `~$` lock file is present).
    """
    target = Path(target)
    refuse_if_output_open(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # 2 ms (it imports `random`): only for the commands that write

    handle, temporary = tempfile.mkstemp(prefix=".coopxl-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        yield temporary_path
        # mkstemp makes the file private (0600); give it the mode a normal write would.
        os.chmod(temporary_path, target.stat().st_mode & 0o777 if target.exists() else _default_mode())
        try:
            os.replace(temporary_path, target)
        except PermissionError as exc:  # Windows: the target is open in Excel or Word
            raise CoopxlError("output-locked", path=str(target), app=application_of(target)) from exc
    finally:
        if temporary_path.exists():
            temporary_path.unlink()


def refuse_if_output_open(target: Path) -> None:
    """Raise `output-locked` when Excel or Word holds the output `target` open (its `~$` lock file is present)."""
    if lock_file_for(target) is not None:
        raise CoopxlError("output-locked", path=str(target), app=application_of(target))


def application_of(path: Path) -> str:
    """The program that holds a file of this kind open: Word for documents, else Excel."""
    suffix = Path(path).suffix.lower()
    return "Word" if suffix in (".docx", ".doc", ".odt") else "un lecteur PDF" if suffix == ".pdf" else "Excel"


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def copy_atomically(source: Path, target: Path) -> None:
    """Copy a file through `atomic_write`."""
    with atomic_write(target) as temporary:
        shutil.copyfile(source, temporary)


def slugify(name: str) -> str:
    """`CC du Pays de Lamastre` → `cc-du-pays-de-lamastre` (SPEC §2)."""
    for char, replacement in (("’", "-"), ("'", "-"), ("œ", "oe"), ("Œ", "oe"), ("æ", "ae")):
        name = name.replace(char, replacement)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def backup(path: Path, now: dt.datetime | None = None) -> Path:
    """Copy `path` to `sauvegardes/<name>_<date-heure>.xlsx` beside it; return the copy."""
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    target = path.parent / BACKUP_FOLDER / f"{path.stem}_{stamp}{path.suffix}"
    target.parent.mkdir(exist_ok=True)
    counter = 1
    while target.exists():
        counter += 1
        target = target.with_name(f"{path.stem}_{stamp}-{counter}{path.suffix}")
    with atomic_write(target) as temporary:
        shutil.copy2(path, temporary)
    return target


def refuse_if_open(path: Path) -> None:
    """Raise CoopxlError when Excel (or LibreOffice) holds `path` open."""
    lock = lock_file_for(path)
    if lock is not None:
        raise CoopxlError("workbook-open", name=path.name, owner=lock_owner(lock), lock=lock.name)
