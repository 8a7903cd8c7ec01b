"""Runs the real `coopxl` command line, recording the message codes it renders.

Used by the CLI tests instead of `python -m coopxl` so that the catalogue test knows
which codes the subprocesses raised (COOPXL_TEST_CODES names the file to append to).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import coopxl.messages as messages  # noqa: E402
from coopxl.cli import run  # noqa: E402

_render = messages.render


def _recording_render(code, *args, **kwargs):
    target = os.environ.get("COOPXL_TEST_CODES")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(code + "\n")
    return _render(code, *args, **kwargs)


messages.render = _recording_render
run()  # as the installed `coopxl` program does
