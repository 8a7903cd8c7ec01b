"""coopxl: the plans de coopération of a Parc naturel régional and its EPCIs, run from Excel.

The Python API (`coopxl.validate`, `coopxl.consolidate`, …) mirrors the command line; see
`coopxl.api`. Importing the package stays cheap: the API module is imported on first use of
one of its names (the command line, which every button click starts, does not need it), and
each API function imports the heavy libraries it needs (openpyxl, python-calamine,
python-docx, pandas) when it is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.2.0"

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

if TYPE_CHECKING:
    from .api import (
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
    from .messages import CoopxlError, UnreadableWorkbookError


def __getattr__(name: str) -> object:
    """`coopxl.validate` and the other names of `__all__`, imported on first use (PEP 562)."""
    if name in ("CoopxlError", "UnreadableWorkbookError"):
        from . import messages

        return getattr(messages, name)
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'coopxl' has no attribute {name!r}")
