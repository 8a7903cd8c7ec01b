"""Machine output (`--json`): one envelope for every reporting command, with a schema.

Every command that reports prints, with `--json`, one JSON object on stdout whatever its
exit status (2 included). Its shape is `report-schema.json` (shipped in the package, shown
in the README): a schema version, the command, its exit status, the files it handled (full
paths), the findings (severities as codes `error` · `warning` · `info`), their counts, the
files it wrote, and what the command adds of its own (the dashboard's synthesis, the
changes between two versions…). Dates are ISO 8601 text, numbers are numbers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .messages import ERROR, INFO, SEVERITY_CODES, WARNING
from .model import Finding

SCHEMA_VERSION = "1.0"
SCHEMA_FILE = "report-schema.json"


def finding_dict(item: Finding) -> dict[str, Any]:
    """A finding for programs: its severity as a code, its file as a full path."""
    return {"code": item.code, "severity": SEVERITY_CODES.get(item.severity, "error"),
            "file": item.file, "sheet": item.sheet, "cell": item.cell, "field": item.field,
            "value": item.value, "message": item.message}


def envelope(command: str, exit_code: int, *, files: Iterable[Any] = (), findings: Iterable[Finding] = (),
             outputs: Iterable[Any] = (), **extra: Any) -> dict[str, Any]:
    """The JSON object a command prints with `--json`."""
    items = list(findings)
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "exit_code": exit_code,
        "files": [str(f) for f in files],
        "errors": sum(f.severity == ERROR for f in items),
        "warnings": sum(f.severity == WARNING for f in items),
        "infos": sum(f.severity == INFO for f in items),
        "findings": [finding_dict(f) for f in items],
        "outputs": [str(Path(o).absolute()) for o in outputs],
        **extra,
    }


def failure(command: str, code: str, message: str) -> dict[str, Any]:
    """The JSON object of a command that could not run (exit 2)."""
    return {**envelope(command, 2), "error": {"code": code, "message": message}}


def plain(value: Any) -> Any:
    """Values made JSON-ready: dates in ISO 8601, paths as text, numbers left as numbers."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return value


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(plain(data), ensure_ascii=False, indent=2)


def schema() -> dict[str, Any]:
    """The JSON Schema of the envelope."""
    from importlib import resources

    return json.loads(resources.files("coopxl").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))
