"""Rebuild workbook_templates/ from the schema and the example référentiel.

Run after changing the schema or the example territory:
    python scripts/build_templates.py
The committed templates must equal what this writes (tests/test_templates.py checks it).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopxl.reader import read_referential  # noqa: E402
from coopxl.templates import build_templates  # noqa: E402


def main() -> int:
    referential = read_referential(ROOT / "examples" / "referentiel.xlsx")
    for path in build_templates(ROOT / "workbook_templates", referential):
        print(f"écrit : {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
