"""The `bishshow` command: parse saved pages and look into the archive.

Crawling itself is Scrapy's own `scrapy crawl bishshow`; this is everything around it.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

import click

from bishshow_spider.extract import extract_article

DEFAULT_DB = "data/archive.db"
db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite archive.",
)


@click.group()
@click.version_option(package_name="bishshow")
def main() -> None:
    """Archive Bengali/English news sites into SQLite and explore the archive."""


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="The URL the page was fetched from.")
@click.option("--encoding", help="Force this encoding instead of sniffing it.")
@click.option(
    "--fetched-at",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"]),
    help="When the page was fetched (base for relative dates such as '৩ ঘণ্টা আগে').",
)
def parse(file: Path, url: str, encoding: str | None, fetched_at: datetime | None) -> None:
    """Extract the article in a saved page FILE and print it as JSON."""
    article = extract_article(file.read_bytes(), url, fetched_at=fetched_at, encoding=encoding)
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))


@main.command()
@db_option
@click.option("--limit", default=20, show_default=True, help="How many latest articles to list.")
def summary(db_path: Path, limit: int) -> None:
    """Show what the archive holds: counts, latest articles, last crawls and failures."""
    conn = _open_readonly(db_path)
    for table in ("articles", "sections", "bullets", "related_posts", "images", "failures"):
        (count,) = conn.execute(f"select count(*) from [{table}]").fetchone()
        click.echo(f"{table:>14}: {count}")
    click.echo("\nLatest articles:")
    rows = conn.execute(
        "select published_at, category, coalesce(title_bn, title_en, title), word_count"
        " from articles order by published_at desc limit ?",
        (limit,),
    )
    for published_at, category, title, words in rows:
        click.echo(f"  {(published_at or '?')[:16]}  {category or '-':<12} {words:>5}w  {title}")
    click.echo("\nFailures:")
    for url, status, reason in conn.execute(
        "select url, status, reason from failures order by at desc limit ?", (limit,)
    ):
        click.echo(f"  {status or '-'}  {url}  ({reason})")


def _open_readonly(db_path: Path) -> sqlite3.Connection:
    """Open an existing archive read-only, with a clear error for a missing or foreign file."""
    if not db_path.exists():
        raise click.ClickException(f"no archive at {db_path} (run a crawl first)")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{db_path} is not a SQLite database ({exc})") from exc
    if "articles" not in tables:
        raise click.ClickException(f"{db_path} is not a bishshow archive (no articles table)")
    return conn


if __name__ == "__main__":
    sys.exit(main())
