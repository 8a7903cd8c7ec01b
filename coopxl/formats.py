"""Number formats that a save by another spreadsheet is known to break, and their repair.

LibreOffice, working in a French locale, rewrites the amount format `#,##0 "€"` that older
coopxl templates used as `#,##0,\\€`: the comma before the literal now divides the value by
1,000 (120 000 € displays « 120 € », in LibreOffice and in Excel from then on). The value
itself is intact, so coopxl reads it right; the finding `broken-number-format` tells the user,
and `coopxl migrer` puts back the format of the schema (`migration.repair_number_formats`).
"""

from __future__ import annotations

import math
import re

from .schema import NUMBER_FORMATS, Kind

_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_SCALING = re.compile(r"[0#?],+(?![0#?])")


def is_broken_format(number_format: str) -> bool:
    """Whether `number_format` divides by 1,000 (a comma after the last digit), which coopxl never writes."""
    if "," not in number_format:
        return False
    section = number_format.split(";")[0]
    return bool(_SCALING.search(_LITERALS.sub("L", section)))


def repaired_format(number_format: str) -> str:
    """The format coopxl writes for what `number_format` was meant to show."""
    if "€" in number_format:
        return NUMBER_FORMATS[Kind.AMOUNT]
    return NUMBER_FORMATS[Kind.NUMBER] if "." in number_format else "#,##0"


# --- print scale -------------------------------------------------------------------------

A4_INCHES = (8.27, 11.69)
SCREEN_DPI = 96
MINIMUM_SCALE = 75
"""Percent: 11-point text printed below this is too small for a meeting table."""


def readable_scale(widths: list[float], *, landscape: bool, side_margins: float = 1.4,
                   minimum: int = MINIMUM_SCALE) -> int:
    """The print scale (percent) that fits `widths` (Excel characters) on one A4 page wide, if
    that stays readable; otherwise `minimum`, and the columns continue on the next pages.

    Computed here rather than left to « fit to one page wide »: LibreOffice 7.4 ignores a fit
    with no page count for the height, and Excel shrinks a wide sheet to an unreadable size."""
    page = (A4_INCHES[1] if landscape else A4_INCHES[0]) - side_margins
    # Excel's width unit is the width of a digit of the Normal font (7 px for Arial 10 in Excel,
    # 7.4 in LibreOffice, which rounds less), plus 5 px of padding.
    natural = sum(width * 7.5 + 5 for width in widths)
    return max(minimum, min(100, int(100 * page * SCREEN_DPI / natural)))


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column of `width` characters of Arial 10 (a generous estimate).

    Rows of wrapped text get their height from this: neither Excel nor LibreOffice sizes a row
    written by a program when printing, and the lines would overlap the next row."""
    per_line = max(int(width * 1.05) - 2, 4)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
