"""Options every `bishshow` command that opens the archive shares, written once."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_DB = "data/archive.db"
db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite archive.",
)
