"""The consolidated tables as pandas DataFrames, for analysts (`coopxl[pandas]`).

The only module that imports pandas, and only when `Dashboard.to_pandas()` is called: the
command line never does. Each DataFrame is keyed by the dashboard table's name, has the
dashboard's French headers as columns and real dtypes: dates as `datetime64`, amounts and
other decimals as floats, counts as nullable integers, yes/no columns as booleans.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .messages import CoopxlError
from .schema import (
    DASHBOARD_ACTIONS,
    DASHBOARD_CALENDAR,
    DASHBOARD_CHARTER,
    DASHBOARD_CHECKS,
    DASHBOARD_FUNDER_SUMMARY,
    DASHBOARD_FUNDINGS,
    DASHBOARD_SYNTHESIS,
    DASHBOARD_TEAM,
    Column,
    Kind,
)

if TYPE_CHECKING:
    import pandas

    from .consolidation import Dashboard

YES_NO_KEYS = frozenset({"late"})
"""Dashboard columns holding « Oui » or nothing: booleans in the DataFrames."""


def dashboard_tables(d: Dashboard) -> dict[str, tuple[Sequence[Column], Sequence[dict[str, Any]]]]:
    """Every table of the dashboard: its name → (columns, rows)."""
    from .consolidation import calendar_columns, charter_columns
    from .dashboard import funder_table

    return {
        DASHBOARD_SYNTHESIS.name: (DASHBOARD_SYNTHESIS.columns, d.synthesis),
        DASHBOARD_ACTIONS.name: (DASHBOARD_ACTIONS.columns, d.actions),
        DASHBOARD_FUNDINGS.name: (DASHBOARD_FUNDINGS.columns, d.fundings),
        DASHBOARD_FUNDER_SUMMARY: funder_table(d),
        DASHBOARD_CHARTER: (charter_columns(d), d.charter),
        DASHBOARD_TEAM.name: (DASHBOARD_TEAM.columns, d.team),
        DASHBOARD_CALENDAR: (calendar_columns(d), d.calendar),
        DASHBOARD_CHECKS.name: (DASHBOARD_CHECKS.columns, d.checks),
    }


def to_pandas(d: Dashboard) -> dict[str, pandas.DataFrame]:
    """The dashboard's tables as DataFrames keyed by table name (`T_Synthese`, …)."""
    try:
        import pandas
    except ImportError:
        raise CoopxlError("pandas-missing") from None
    return {name: _frame(pandas, columns, rows) for name, (columns, rows) in dashboard_tables(d).items()}


def _frame(pandas: Any, columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> Any:
    data = {}
    for column in columns:
        values = [row.get(column.key) for row in rows]
        data[column.header] = _series(pandas, column, values)
    return pandas.DataFrame(data, columns=[c.header for c in columns])


def _series(pandas: Any, column: Column, values: list[Any]) -> Any:
    if column.key in YES_NO_KEYS:
        return pandas.Series([value in (True, "Oui") for value in values], dtype="boolean")
    if column.kind is Kind.DATE:
        return pandas.to_datetime(pandas.Series([v if v not in ("", None) else None for v in values],
                                                dtype="object"), errors="coerce")
    if column.kind is Kind.INTEGER:
        return pandas.to_numeric(pandas.Series(values, dtype="object"), errors="coerce").astype("Int64")
    if column.kind in (Kind.AMOUNT, Kind.NUMBER, Kind.PERCENT):
        return pandas.to_numeric(pandas.Series(values, dtype="object"), errors="coerce").astype("float64")
    return pandas.Series([None if v is None else str(v) for v in values], dtype="object")
