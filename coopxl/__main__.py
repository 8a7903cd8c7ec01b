"""`python -m coopxl` runs the command line."""

from .cli import run

run()
