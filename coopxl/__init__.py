"""coopxl: the plans de coopération of a Parc naturel régional and its EPCIs, run from Excel.

The Python API (`coopxl.validate`, `coopxl.consolidate`, …) mirrors the command line; see
`coopxl.api`. Importing the package stays cheap: each API function imports the heavy
libraries it needs (openpyxl, python-calamine, python-docx, pandas) when it is called.
"""

from __future__ import annotations

__version__ = "0.2.0"

from .api import (  # noqa: E402 - after the version, which the build reads from this file
    Consolidation,
    compare,
    consolidate,
    create_plan,
    follow_up,
    generate_documents,
    init_workspace,
    migrate,
    prepare_reviews,
    read_plan,
    validate,
)
from .messages import CoopxlError, UnreadableWorkbookError  # noqa: E402

__all__ = [
    "Consolidation",
    "CoopxlError",
    "UnreadableWorkbookError",
    "__version__",
    "compare",
    "consolidate",
    "create_plan",
    "follow_up",
    "generate_documents",
    "init_workspace",
    "migrate",
    "prepare_reviews",
    "read_plan",
    "validate",
]
