"""LibreOffice headless, for the tests that let a real office suite open coopxl's files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) absent")


def convert(files: list[Path], to: str, outdir: Path, profile: Path) -> list[Path]:
    """Convert `files` with one soffice call; return the converted files, failing loudly."""
    outdir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
        capture_output=True, text=True, timeout=240)
    extension = to.split(":")[0]
    converted = [outdir / f"{f.stem}.{extension}" for f in files]
    missing = [c.name for c in converted if not c.exists() or c.stat().st_size == 0]
    assert result.returncode == 0 and not missing, (result.stdout, result.stderr, missing)
    assert "Error" not in result.stderr, result.stderr
    return converted
