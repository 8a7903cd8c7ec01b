"""French formatting of dates, amounts, percentages and numbers in words.

One helper per need, used by messages, the dashboard and the Word documents.
"""

from __future__ import annotations

import datetime as dt

NBSP = "\u00a0"
NNBSP = "\u202f"

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")

_UNITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
          "onze", "douze", "treize", "quatorze", "quinze", "seize")
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def date_short(value: dt.date | None) -> str:
    """`12/03/2025`."""
    return value.strftime("%d/%m/%Y") if value else ""


def date_long(value: dt.date | None) -> str:
    """`12 mars 2025`, `1er mars 2025`."""
    if not value:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def date_in_words(value: dt.date) -> str:
    """`le douze mars deux mille vingt-cinq` (the form some registers still use)."""
    day = "premier" if value.day == 1 else number_in_words(value.day)
    return f"le {day} {MONTHS[value.month - 1]} {number_in_words(value.year)}"


def thousands(number: float, decimals: int = 0) -> str:
    """`12 500` or `12 500,50` with a narrow no-break space between thousands."""
    text = f"{abs(number):,.{decimals}f}".replace(",", NNBSP).replace(".", ",")
    return ("-" if number < 0 else "") + text


def euros(amount: float | None, decimals: int | None = None) -> str:
    """`12 500 €`; cents shown only when there are some (or when `decimals` says so)."""
    if amount is None:
        return ""
    if decimals is None:
        decimals = 0 if float(amount).is_integer() else 2
    return f"{thousands(amount, decimals)}{NBSP}€"


def percent(value: float | None, decimals: int = 0) -> str:
    """`45 %`."""
    if value is None:
        return ""
    return f"{thousands(value, decimals)}{NNBSP}%"


def number_in_words(number: int) -> str:
    """French cardinal in words, 0 to 999 999 999, traditional spelling (`deux mille vingt-cinq`)."""
    if number < 0:
        return "moins " + number_in_words(-number)
    if number <= 16:
        return _UNITS[number]
    if number < 100:
        return _below_hundred(number)
    if number < 1000:
        return _below_thousand(number)
    if number < 1_000_000:
        thousands_part, rest = divmod(number, 1000)
        head = "mille" if thousands_part == 1 else _below_thousand(thousands_part, plural_end=False) + " mille"
        return head if rest == 0 else f"{head} {number_in_words(rest)}"
    millions, rest = divmod(number, 1_000_000)
    head = number_in_words(millions) + (" million" if millions == 1 else " millions")
    return head if rest == 0 else f"{head} {number_in_words(rest)}"


def _below_hundred(number: int) -> str:
    if number <= 16:
        return _UNITS[number]
    if number < 20:
        return "dix-" + _UNITS[number - 10]
    if number < 70:
        tens, unit = divmod(number, 10)
        word = _TENS[tens * 10]
        if unit == 0:
            return word
        return f"{word} et un" if unit == 1 else f"{word}-{_UNITS[unit]}"
    if number < 80:
        unit = number - 60
        return "soixante et onze" if unit == 11 else "soixante-" + _below_hundred(unit)
    unit = number - 80
    return "quatre-vingts" if unit == 0 else "quatre-vingt-" + _below_hundred(unit)


def _below_thousand(number: int, plural_end: bool = True) -> str:
    if number < 100:
        word = _below_hundred(number)
        return word[:-1] if not plural_end and word.endswith("vingts") else word
    hundreds, rest = divmod(number, 100)
    head = "cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent"
    if rest == 0:
        return head + ("s" if hundreds > 1 and plural_end else "")
    return f"{head} {_below_hundred(rest)}"
