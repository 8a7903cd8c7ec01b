"""Generated parts of README.md: the command reference (from `--help`) and the catalogue of codes.

`python scripts/readme_blocks.py` rewrites them in place; a test checks that README.md is up to date.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a source checkout, like the other scripts

BLOCKS = ("commandes", "codes", "champs", "schema-json")


def command_reference() -> str:
    """Every command's French help, as Markdown."""
    from coopxl.cli import COMMANDS, build_parser

    parser = build_parser()
    parts = ["```text", parser.format_help().rstrip(), "```"]
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction) and a.dest == "command")
    for name, *_ in COMMANDS:
        parts += ["", f"### `coopxl {name}`", "", "```text",
                  subparsers.choices[name].format_help().rstrip(), "```"]
    return "\n".join(parts)


def code_reference() -> str:
    """The catalogue of finding codes, as a Markdown table."""
    from coopxl.messages import CATALOGUE

    lines = ["| Code | Sévérité | Famille | Intitulé |", "|---|---|---|---|"]
    for code in CATALOGUE.values():
        lines.append(f"| `{code.code}` | {code.severity} | {code.family} | {code.title} |")
    return "\n".join(lines)


def field_reference() -> str:
    """The fields a Word template may use (documents.CONTEXT_FIELDS), as a Markdown list."""
    from coopxl.documents import CONTEXT_FIELDS

    lines = []

    def walk(spec: Mapping[str, object], prefix: str, depth: int) -> None:
        for name, sub in spec.items():
            if isinstance(sub, list) and sub[0] is None:
                lines.append(f"{'  ' * depth}- `{prefix}{name}` : liste de textes (un par ligne)")
            elif isinstance(sub, list):
                item = "xyz"[min(depth, 2)]
                lines.append(f"{'  ' * depth}- `{prefix}{name}` : liste ; pour chaque élément `{item}` "
                             f"(`{{% for {item} in {prefix}{name} %}}`) :")
                walk(sub[0], f"{item}.", depth + 1)
            elif isinstance(sub, dict):
                lines.append(f"{'  ' * depth}- `{prefix}{name}` : " + ", ".join(
                    f"`.{k}`" for k, v in sub.items() if v is None))
                walk({k: v for k, v in sub.items() if v is not None}, f"{prefix}{name}.", depth + 1)
            else:
                lines.append(f"{'  ' * depth}- `{prefix}{name}`")

    walk(CONTEXT_FIELDS, "", 0)
    return "\n".join(lines)


def json_schema_reference() -> str:
    """The schema of `--json` outputs, as shipped (coopxl/report-schema.json)."""
    from importlib import resources

    text = resources.files("coopxl").joinpath("report-schema.json").read_text(encoding="utf-8").rstrip()
    return f"```json\n{text}\n```"


def render_block(name: str) -> str:
    return {"commandes": command_reference, "codes": code_reference, "champs": field_reference,
            "schema-json": json_schema_reference}[name]()


def update_readme(readme: Path) -> bool:
    """Rewrite the generated blocks of `readme`; True if it changed."""
    text = readme.read_text(encoding="utf-8")
    new = text
    for name in BLOCKS:
        pattern = re.compile(rf"(<!-- {name}:début -->\n)(?:.*?\n)?(<!-- {name}:fin -->)", re.S)

        def block(m: re.Match[str], n: str = name) -> str:
            return m.group(1) + render_block(n) + "\n" + m.group(2)

        new = pattern.sub(block, new)
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "README.md"
    print("README mis à jour" if update_readme(target) else "README déjà à jour")
