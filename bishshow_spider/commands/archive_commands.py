"""`bishshow crawl`, `bishshow reparse` and `bishshow history`: the archive over time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import click

from bishshow_spider.archive import Archive
from bishshow_spider.archive.revisions import diff_lines, load_revisions
from bishshow_spider.commands.options import db_option, open_readonly_archive
from bishshow_spider.extract.dates import DEFAULT_TZ
from bishshow_spider.lock import ArchiveLock, ArchiveLocked
from bishshow_spider.reparse import reparse_archive


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Sets ARCHIVE_DB.")
@click.argument("scrapy_args", nargs=-1, type=click.UNPROCESSED)
def crawl(db_path: str | None, scrapy_args: tuple[str, ...]) -> None:
    """Run `scrapy crawl bishshow [SCRAPY_ARGS]` for schedulers; exit 0 ok, 1 failed, 2 stopped.

    Works from any directory. Pass spider arguments and settings as to Scrapy:
    `bishshow crawl --db /srv/news/archive.db -a refresh_days=3 -s ARCHIVE_LOCK_WAIT=600`.
    """
    args = [sys.executable, "-m", "scrapy", "crawl", "bishshow", *scrapy_args]
    if db_path:
        args += ["-s", f"ARCHIVE_DB={db_path}"]
    env = os.environ | {"SCRAPY_SETTINGS_MODULE": "bishshow_spider.settings"}
    sys.exit(subprocess.call(args, env=env))


@click.command()
@db_option
@click.option("--url", "urls", multiple=True, help="Only this article (repeatable).")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--wait", default=0.0, show_default=True, help="Seconds to wait for a crawl.")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
@click.option(
    "--timezone",
    default=DEFAULT_TZ,
    show_default=True,
    help="The crawl's BISHSHOW_TIMEZONE: the zone of dates printed without an offset.",
)
def reparse(
    db_path: Path, urls: tuple[str, ...], dry_run: bool, wait: float, as_json: bool, timezone: str
) -> None:
    """Re-extract archived articles from their WARC snapshots, offline, and report changes."""
    # Checked first: opening `Archive` migrates the file, which must be ours.
    open_readonly_archive(db_path).close()
    lock = ArchiveLock(db_path, "bishshow reparse")
    try:
        if not dry_run:
            lock.acquire(wait)
        with Archive(db_path) as archive:
            report = reparse_archive(
                archive, db_path.parent, urls=list(urls) or None, dry_run=dry_run, timezone=timezone
            )
    except ArchiveLocked as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        lock.release()
    if as_json:
        click.echo(json.dumps(asdict(report), ensure_ascii=False, indent=2))
        return
    verb = "would change" if dry_run else "changed"
    click.echo(f"{report.articles} articles re-extracted, {len(report.changed)} {verb}")
    for name, count in report.field_counts().most_common():
        click.echo(f"  {name}: {count}")
    for url, names in report.changed.items():
        click.echo(f"{url}: {', '.join(names)}")
    for url, reason in report.skipped.items():
        click.echo(f"skipped {url}: {reason}", err=True)


@click.command()
@db_option
@click.argument("url")
@click.option("--json", "as_json", is_flag=True, help="The revisions as JSON.")
def history(db_path: Path, url: str, as_json: bool) -> None:
    """Show the revisions of the article at URL, each as a readable diff."""
    open_readonly_archive(db_path).close()
    with Archive(db_path) as archive:
        row = archive.db.execute(
            "SELECT first_seen_at, last_seen_at FROM articles WHERE url = ?", [url]
        ).fetchone()
        revisions = load_revisions(archive.db, url)
        snapshots = archive.db.execute(
            "SELECT count(*) FROM snapshots WHERE url = ?", [url]
        ).fetchone()[0]
    if row is None and not revisions:
        raise click.ClickException(f"{url} is not in the archive")
    if as_json:
        click.echo(json.dumps([asdict(r) for r in revisions], ensure_ascii=False, indent=2))
        return
    if row is not None:
        click.echo(f"{url}\nfirst archived {row[0]}, last seen {row[1]}, {snapshots} snapshots")
    click.echo(f"{len(revisions)} revision(s)" + (":" if revisions else ""))
    for revision in revisions:
        origin = f"crawl {revision.crawl_id}" if revision.crawl_id else revision.source
        click.echo(
            f"\nr{revision.revision}  {revision.at}  {origin}: {', '.join(revision.changed)}"
        )
        for line in diff_lines(revision):
            style = {"+": "green", "-": "red", "@": "cyan"}.get(line[:1])
            click.secho(line, fg=style if not line.startswith(("+++", "---")) else None)
