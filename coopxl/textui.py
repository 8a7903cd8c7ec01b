"""Terminal output: aligned tables and a progress bar, without extra dependencies."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def format_table(headers: Sequence[str], rows: Iterable[Sequence[str]], indent: int = 0,
                 max_width: int = 60) -> str:
    """A plain-text table with aligned columns; long cells are shortened with « … »."""
    cells = [[_fit(str(c), max_width) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    pad = " " * indent
    lines = [pad + "  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(),
             pad + "  ".join("-" * w for w in widths)]
    lines += [pad + "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def print_table(headers: Sequence[str], rows: Iterable[Sequence[str]], indent: int = 0) -> None:
    print(format_table(headers, rows, indent))


def progress(items: Sequence[T], label: str, stream=None) -> Iterator[T]:
    """Yield `items`, drawing a progress bar on the terminal (only when it is one)."""
    stream = stream or sys.stderr
    total = len(items)
    interactive = hasattr(stream, "isatty") and stream.isatty() and total > 1
    for done, item in enumerate(items):
        if interactive:
            filled = int(30 * done / total)
            stream.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            stream.flush()
        yield item
    if interactive:
        stream.write(f"\r{label} [{'#' * 30}] {total}/{total}\n")
        stream.flush()


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
