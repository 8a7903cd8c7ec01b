"""LibreOffice headless, for the tests that let a real office suite open coopxl's files.

`convert` runs one soffice call for many files (a call costs about a second of start-up);
`locale` sets the language LibreOffice works in (through LANG / LC_ALL, which it reads at
start-up even where the system has no such glibc locale), so that a save « by a French
user » is reproduced: the French locale is the one that rewrote `#,##0 "€"` as `#,##0,\\€`.
Each locale gets its own profile folder: a profile remembers the locale it was created in.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) absent")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) absent")

LOCALES = {"fr": "fr_FR.UTF-8", "en": "en_US.UTF-8"}
XLSX = "xlsx:Calc MS Excel 2007 XML"
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1"
"""Semicolon-separated UTF-8 text as shown on screen, one file per sheet (`<stem>-<sheet>.csv`)."""


def convert(files: list[Path], to: str, outdir: Path, profile: Path, locale: str | None = None) -> list[Path]:
    """Convert `files` with one soffice call; return the converted files, failing loudly."""
    outdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if locale:
        env.update(LANG=LOCALES[locale], LC_ALL=LOCALES[locale])
        profile = profile.with_name(f"{profile.name}-{locale}")
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
        capture_output=True, text=True, timeout=240, env=env)
    extension = to.split(":")[0]
    if to == CSV_ALL_SHEETS:
        converted = [next(outdir.glob(f"{f.stem}-*.csv"), outdir / f"{f.stem}.csv") for f in files]
    else:
        converted = [outdir / f"{f.stem}.{extension}" for f in files]
    missing = [c.name for c in converted if not c.exists() or c.stat().st_size == 0]
    assert result.returncode == 0 and not missing, (result.stdout, result.stderr, missing)
    assert "Error" not in result.stderr, result.stderr
    return converted


def resave(files: list[Path], outdir: Path, profile: Path, locale: str) -> list[Path]:
    """The files opened and saved again as .xlsx by LibreOffice working in `locale` (fr, en)."""
    return convert(files, XLSX, outdir, profile, locale)


def shown_texts(workbook: Path, outdir: Path, profile: Path, locale: str = "fr") -> dict[str, list[list[str]]]:
    """Every sheet of `workbook` as LibreOffice shows it (formatted text), by sheet name."""
    convert([workbook], CSV_ALL_SHEETS, outdir, profile, locale)
    import csv

    sheets = {}
    for path in outdir.glob(f"{workbook.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem[len(workbook.stem) + 1:]] = list(csv.reader(handle, delimiter=";"))
    return sheets


@dataclass(frozen=True)
class Word:
    """A word of a PDF page, with its box in points."""

    text: str
    x: float
    y: float
    height: float


def pdf_pages(pdf: Path) -> list[list[Word]]:
    """The words of every page of `pdf`, from `pdftotext -bbox`."""
    result = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True,
                            timeout=120, check=True)
    pages = []
    for page in result.stdout.split("<page ")[1:]:
        words = []
        for x1, y1, _x2, y2, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            words.append(Word(html.unescape(text), float(x1), float(y1), float(y2) - float(y1)))
        pages.append(words)
    return pages


def median_height(words: list[Word]) -> float:
    """Median height of the words of a page, in points (about 1.2 × the font size)."""
    return statistics.median(w.height for w in words) if words else 0.0


def page_text(words: list[Word]) -> str:
    """The words of a page joined by single spaces, in reading order as pdftotext gives them."""
    return " ".join(w.text for w in words)
