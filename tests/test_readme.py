"""README.md: its generated blocks are current and its commands are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

from readme_blocks import BLOCKS, render_block

README = Path(__file__).resolve().parent.parent / "README.md"
CI = Path(__file__).resolve().parent.parent / ".ci" / "run"


def test_generated_blocks_are_up_to_date() -> None:
    text = README.read_text(encoding="utf-8")
    for name in BLOCKS:
        block = re.search(rf"<!-- {name}:début -->\n(.*)\n<!-- {name}:fin -->", text, re.S)
        assert block, name
        assert block.group(1) == render_block(name), f"run: python scripts/readme_blocks.py ({name})"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv .venv && .*?)\n```", text)
    assert len(commands) == 2, commands
    demo, tests = commands
    assert demo.endswith("coopxl demo")
    assert CI.read_text(encoding="utf-8").rstrip().splitlines()[-1] == tests
