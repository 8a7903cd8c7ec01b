"""The catalogue of codes: documented in the README, and every code raised by some test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import unrecorded_render as render

from coopxl.messages import CATALOGUE, french_typography

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_code_is_in_the_readme_table() -> None:
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", text, re.M))
    assert documented == set(CATALOGUE)


def test_every_template_renders_with_french_typography() -> None:
    for code in CATALOGUE.values():
        placeholders = set(re.findall(r"{(\w+)}", code.template))
        text = render(code.code, sheet="Actions", cell="B2", **{p: "x" for p in placeholders})
        assert text.startswith("Feuille «\u00a0Actions\u00a0», cellule B2\u00a0: "), code.code
        assert " :" not in text and " ;" not in text and "« " not in text, code.code
    assert french_typography("Valeur : « A » ; ok ?") == "Valeur\u00a0: «\u00a0A\u00a0»\u202f; ok\u202f?"


def test_every_code_is_raised_by_a_test(request) -> None:
    from conftest import raised_codes

    collected = {item.path.name for item in request.session.items}
    every_file = {p.name for p in Path(__file__).parent.glob("test_*.py")}
    if collected != every_file or request.config.option.keyword:
        pytest.skip("needs the whole test suite")
    missing = sorted(set(CATALOGUE) - raised_codes())
    assert missing == [], f"codes raised by no test: {missing}"
