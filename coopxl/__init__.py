"""coopxl: the plans de coopération of a Parc naturel régional and its EPCIs, run from Excel.

The Python API (`coopxl.validate`, `coopxl.consolidate`, …) mirrors the command line; see
`coopxl.api`. Importing the package is cheap: the API functions, and the heavy libraries
behind them (openpyxl, python-calamine, python-docx, pandas), are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = [
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
    "read_plan",
    "validate",
]

if TYPE_CHECKING:
    from .api import (
        compare,
        consolidate,
        create_plan,
        follow_up,
        generate_documents,
        init_workspace,
        migrate,
        read_plan,
        validate,
    )
    from .messages import CoopxlError, UnreadableWorkbookError


def __getattr__(name: str) -> Any:
    # Lazy (PEP 562): a button click starts a new Python process; `import coopxl` must stay cheap.
    if name in ("CoopxlError", "UnreadableWorkbookError"):
        from . import messages

        return getattr(messages, name)
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'coopxl' has no attribute {name!r}")
