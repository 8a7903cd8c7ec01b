"""Atomic writes and file names."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopxl.files import atomic_write, slugify
from coopxl.messages import CoopxlError


@pytest.mark.parametrize(("name", "slug"), [
    ("CC du Pays de Lamastre", "cc-du-pays-de-lamastre"),
    ("CC Val'Eyrieux", "cc-val-eyrieux"),
    ("CC du Pays d’Aubenas-Vals", "cc-du-pays-d-aubenas-vals"),
    ("CA Privas Centre Ardèche", "ca-privas-centre-ardeche"),
    ("CC Cœur de Mézenc", "cc-coeur-de-mezenc"),
])
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_interrupted_write_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "tableau.xlsx"
    target.write_bytes(b"ancien")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as temporary:
            temporary.write_bytes(b"nouveau, a moit")
            raise RuntimeError("coupure")
    assert target.read_bytes() == b"ancien"
    assert list(tmp_path.iterdir()) == [target]
    with atomic_write(target) as temporary:
        temporary.write_bytes(b"nouveau")
    assert target.read_bytes() == b"nouveau"


def test_refuses_to_write_a_file_open_in_excel(tmp_path: Path) -> None:
    target = tmp_path / "tableau.xlsx"
    target.write_bytes(b"ancien")
    (tmp_path / "~$tableau.xlsx").write_bytes(b"\x05Marie")
    with pytest.raises(CoopxlError) as error:
        with atomic_write(target) as temporary:
            temporary.write_bytes(b"nouveau")
    assert error.value.code == "output-locked"
    assert target.read_bytes() == b"ancien"


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "nouveau.xlsx"
    with atomic_write(target) as temporary:
        temporary.write_bytes(b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
