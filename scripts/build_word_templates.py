"""Rebuild word_templates/ (the editable Word templates) from scripts/word_templates.py.

    python scripts/build_word_templates.py
The committed templates must equal what this writes (tests/test_documents.py checks it).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from word_templates import build_word_templates  # noqa: E402  (beside this script)


def main() -> int:
    for path in build_word_templates(ROOT / "word_templates"):
        print(f"écrit : {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
