"""What every `bishshow` command that opens the archive shares, written once: the `--db`
option and the check that the file is a bishshow archive."""

from __future__ import annotations

import sqlite3
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


def open_readonly_archive(db_path: Path) -> sqlite3.Connection:
    """Open an existing archive read-only, with a clear error for a missing or foreign file."""
    if not db_path.exists():
        raise click.ClickException(f"no archive at {db_path} (run a crawl first)")
    # as_uri() percent-encodes the path: a raw `#` or `?` in it would end the file name and
    # open (and create) another file, read-write.
    conn = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{db_path} is not a SQLite database ({exc})") from exc
    if "articles" not in tables:
        raise click.ClickException(f"{db_path} is not a bishshow archive (no articles table)")
    return conn
