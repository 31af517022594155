"""The `bishshow` command: parse saved pages and look into the archive.

Crawling itself is Scrapy's own `scrapy crawl bishshow`; this is everything around it. The
analysis commands (search, show, stats, export, serve) are thin: their logic is in `analysis/`.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from bishshow_spider.commands.options import db_option, open_readonly_archive
from bishshow_spider.extract import extract_article


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
    raw = file.read_bytes()
    # A forced encoding is the user's word: decode with it rather than weigh it against the page.
    html = raw.decode(encoding, errors="replace") if encoding else raw
    article = extract_article(html, url, fetched_at=fetched_at)
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))


@main.command()
@db_option
@click.option("--limit", default=20, show_default=True, help="How many latest articles to list.")
def summary(db_path: Path, limit: int) -> None:
    """Show what the archive holds: counts, latest articles, last crawls and failures."""
    conn = open_readonly_archive(db_path)
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


def _check_output(output: Path, db_path: Path, option: str) -> None:
    """Refuse to write over the archive (or its WAL files) or into a folder that is not there."""
    target, archive = output.resolve(), db_path.resolve()
    companions = {archive.with_name(archive.name + s) for s in ("-wal", "-shm", "-journal")}
    same = target.exists() and archive.exists() and os.path.samefile(target, archive)
    if same or target == archive or target in companions:
        raise click.BadParameter(f"{output} is the archive itself", param_hint=option)
    if not target.parent.is_dir():
        raise click.BadParameter(f"there is no folder {output.parent}", param_hint=option)


F = TypeVar("F", bound=Callable[..., Any])


def filter_options(command: F) -> F:
    """The filters shared by `search` and `export`."""
    day = click.DateTime(["%Y-%m-%d"])
    options = [
        click.option("--since", type=day, help="Published on or after this day (Dhaka time)."),
        click.option("--until", type=day, help="Published on or before this day (Dhaka time)."),
        click.option("--category", multiple=True, help="Only this category (repeatable)."),
        click.option(
            "--author", multiple=True, help="Only articles by an author whose name contains this."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filter(
    since: datetime | None,
    until: datetime | None,
    category: tuple[str, ...],
    author: tuple[str, ...],
    match: str | None = None,
) -> Any:
    from bishshow_spider.analysis.filters import ArticleFilter

    day: Callable[[datetime | None], date | None] = lambda d: d.date() if d else None  # noqa: E731
    return ArticleFilter(day(since), day(until), category, author, match)


def _open_searchable(db_path: Path) -> sqlite3.Connection:
    """`open_readonly_archive`, after indexing an archive made before full-text search."""
    conn = open_readonly_archive(db_path)
    if conn.execute("select 1 from sqlite_master where name = 'articles_fts'").fetchone():
        return conn
    conn.close()
    from bishshow_spider.archive import Archive

    click.echo(f"Adding the full-text index to {db_path} (once)…", err=True)
    try:
        Archive(db_path).close()
    except sqlite3.OperationalError as exc:
        raise click.ClickException(f"cannot add the full-text index to {db_path}: {exc}") from exc
    return open_readonly_archive(db_path)


@main.command()
@db_option
@click.argument("query")
@filter_options
@click.option("--limit", default=20, show_default=True, help="How many results.")
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.option("--raw", is_flag=True, help="Pass QUERY to SQLite FTS5 unchanged (no expansion).")
@click.option(
    "--all",
    "rank_all",
    is_flag=True,
    help="Rank every match. By default a query matching 5,000 articles or more ranks the 5,000"
    " archived last, which stays fast at any archive size.",
)
def search(
    db_path: Path,
    query: str,
    since: datetime | None,
    until: datetime | None,
    category: tuple[str, ...],
    author: tuple[str, ...],
    limit: int,
    as_json: bool,
    raw: bool,
    rank_all: bool,
) -> None:
    """Full-text search: ranked articles with highlighted snippets.

    Bengali words also find their inflected forms (ইউক্রেন finds ইউক্রেনের, কাল never finds
    কোলে); English words match whole words. "Quotes" for an exact phrase, AND/OR/NOT in
    capitals, word* for a prefix, title_en:word for one column.
    """
    from bishshow_spider.analysis.query import SearchSyntaxError
    from bishshow_spider.analysis.search import RANK_LIMIT
    from bishshow_spider.analysis.search import search as run_search

    conn = _open_searchable(db_path)
    color = not as_json and sys.stdout.isatty()
    marks = ("\x1b[1;33m", "\x1b[0m") if color else ("[", "]")
    try:
        result = run_search(
            conn,
            query,
            _filter(since, until, category, author),
            limit=limit,
            raw=raw,
            marks=marks,
            rank_limit=None if rank_all else RANK_LIMIT,
        )
    except SearchSyntaxError as exc:
        raise click.ClickException(str(exc)) from exc
    if result.capped:
        click.echo(
            f"{RANK_LIMIT:,} articles or more match: these are the best of the {RANK_LIMIT:,}"
            " archived last. Add words or --since/--until to narrow, or --all to rank them all.",
            err=True,
        )
    if as_json:
        hits = [asdict(hit) for hit in result.hits]
        payload = {
            "query": query,
            "fts_query": result.query.expression,
            "ranked_all_matches": not result.capped,
            "hits": hits,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for number, hit in enumerate(result.hits, 1):
        title = " | ".join(t for t in (hit.title_bn, hit.title_en) if t) or hit.title or hit.url
        click.echo(f"{number:>3}. {title}")
        click.echo(f"     {(hit.published_at or '?')[:16]}  {hit.category or '-'}  {hit.url}")
        click.echo(f"     {' '.join(hit.snippet.split())}", color=color)
    click.echo(f"{len(result.hits)} result(s) for {result.query.expression}", err=True)


@main.command()
@db_option
@click.argument("url")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
def show(db_path: Path, url: str, as_json: bool) -> None:
    """Show one archived article, readable: titles, facts, sections and bullets."""
    from bishshow_spider.analysis.show import find_article, render

    article = find_article(open_readonly_archive(db_path), url)
    if article is None:
        raise click.ClickException(f"no article at {url} (try `bishshow search`)")
    if as_json:
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo("\n".join(render(article)))


@main.command()
@db_option
@click.option("--top", default=10, show_default=True, help="Authors, crawls, failures to list.")
@click.option("--days", default=14, show_default=True, help="Days, weeks and gaps to list.")
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw articles over time by category into this PNG file.",
)
def stats(db_path: Path, top: int, days: int, as_json: bool, plot: Path | None) -> None:
    """Articles per day, week, category and author; crawl health: last runs, failures, gaps."""
    from bishshow_spider.analysis.stats import compute_stats, render

    if plot:
        _check_output(plot, db_path, "--plot")
    conn = open_readonly_archive(db_path)
    result = compute_stats(conn, top=top)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render(result, days=days)))
    if plot:
        from bishshow_spider.analysis.plot import draw, plot_data

        data = plot_data(conn)
        draw(data, plot)
        click.echo(f"Plotted {sum(map(sum, data.series.values()))} articles to {plot}", err=True)


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    help="Output format [default: from the output file's extension, else jsonl].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file [default: standard output; Parquet needs a file].",
)
@filter_options
@click.option("--query", help="Only articles matching this full-text search.")
def export(
    db_path: Path,
    fmt: str | None,
    output: Path | None,
    since: datetime | None,
    until: datetime | None,
    category: tuple[str, ...],
    author: tuple[str, ...],
    query: str | None,
) -> None:
    """Export articles as JSONL, CSV or Parquet, streaming (flat memory on any archive size)."""
    from bishshow_spider.analysis.export import count
    from bishshow_spider.analysis.export import export as run_export
    from bishshow_spider.analysis.query import SearchSyntaxError
    from bishshow_spider.analysis.search import build_query

    if output is not None:
        _check_output(output, db_path, "--output")
    fmt = fmt or (output.suffix.lstrip(".").lower() if output else "jsonl")
    if fmt not in ("jsonl", "csv", "parquet"):
        raise click.BadParameter(f"cannot tell the format from {output}", param_hint="--format")
    if fmt == "parquet" and output is None:
        raise click.BadParameter("Parquet needs an output file", param_hint="--output")
    conn = _open_searchable(db_path) if query else open_readonly_archive(db_path)
    try:
        match = build_query(conn, query).expression if query else None
        where = _filter(since, until, category, author, match)
        total = count(conn, where)
    except (SearchSyntaxError, sqlite3.OperationalError) as exc:
        raise click.ClickException(str(exc)) from exc
    if sys.stderr.isatty():  # a bar for a person watching, never in a pipe or a log
        with click.progressbar(length=total, label="Exporting", file=sys.stderr) as bar:
            written = run_export(conn, fmt, output, where, bar.update, stdout=sys.stdout)
    else:
        written = run_export(conn, fmt, output, where, stdout=sys.stdout)
    click.echo(f"Exported {written} articles as {fmt} to {output or 'stdout'}", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8001, show_default=True, help="Port (0: any free one).")
@click.option("--metadata", "metadata_only", is_flag=True, help="Print the metadata and exit.")
def serve(db_path: Path, host: str, port: int, metadata_only: bool) -> None:
    """Open the archive in Datasette, with descriptions, full-text search and canned queries."""
    from bishshow_spider.analysis.datasette_metadata import metadata

    meta = json.dumps(metadata(db_path.stem), ensure_ascii=False, indent=2)
    if metadata_only:
        click.echo(meta)
        return
    _open_searchable(db_path).close()
    if port == 0:
        with socket.socket() as probe:
            probe.bind((host, 0))
            port = probe.getsockname()[1]
    from datasette.cli import cli as datasette_cli

    # In this process, not a child: a SIGTERM or Ctrl-C stops Datasette (uvicorn shuts down
    # cleanly) and the temporary metadata goes with it; a child process could be orphaned.
    with tempfile.TemporaryDirectory() as tmp:
        meta_path = Path(tmp) / "metadata.json"
        meta_path.write_text(meta, encoding="utf-8")
        args = ["serve", str(db_path), "--metadata", str(meta_path)]
        args += ["--host", host, "--port", str(port)]
        click.echo(f"Serving {db_path} at http://{host}:{port}/{db_path.stem}", err=True)
        datasette_cli.main(args=args, prog_name="datasette", standalone_mode=False)


# The archive over time (raw snapshots, revisions, scheduled crawls): bishshow_spider/commands/.
from bishshow_spider.commands.archive_commands import crawl, history, reparse  # noqa: E402

main.add_command(crawl)
main.add_command(reparse)
main.add_command(history)

if __name__ == "__main__":
    sys.exit(main())
