"""Re-extract archived articles from their WARC snapshots with the current extractor, offline.

This is how a parser fix reaches old data: each article's latest 200 snapshot is read back at its
recorded offset, decoded the way the crawl decoded it (Scrapy's encoding rules), extracted,
normalised and validated as in a crawl, and applied with the crawl's rule (nothing archived is
replaced by less). Every change is a revision with source 'reparse'.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from scrapy.http import HtmlResponse

from bishshow_spider.archive import Archive
from bishshow_spider.archive.revisions import changed_fields
from bishshow_spider.archive.rows import keep_archived
from bishshow_spider.archive.snapshots import latest_snapshot
from bishshow_spider.extract import Page, parse_page
from bishshow_spider.extract.dates import DEFAULT_TZ
from bishshow_spider.incremental import parse_when
from bishshow_spider.pipelines.normalize import normalize_article
from bishshow_spider.pipelines.validate import rejection_reason
from bishshow_spider.warc import read_response

Parser = Callable[..., Page]


@dataclass
class ReparseReport:
    """What a reparse did: articles read, fields changed per article, what it could not do."""

    articles: int = 0
    changed: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def field_counts(self) -> Counter[str]:
        """How many articles each field changed in."""
        return Counter(name for names in self.changed.values() for name in names)


def reparse_archive(
    archive: Archive,
    db_dir: Path,
    *,
    urls: Iterable[str] | None = None,
    dry_run: bool = False,
    parse: Parser = parse_page,
    timezone: str = DEFAULT_TZ,
) -> ReparseReport:
    """Re-extract `urls` (default: every archived article) from WARC and apply the changes."""
    report = ReparseReport()
    if urls is None:
        urls = [r[0] for r in archive.db.execute("SELECT url FROM articles ORDER BY url")]
    now = datetime.now(UTC)
    for url in urls:
        report.articles += 1
        snapshot = latest_snapshot(archive.db, url)
        if snapshot is None or not snapshot.warc_file or snapshot.offset is None:
            report.skipped[url] = "no WARC snapshot"
            continue
        try:
            stored = read_response(db_dir / snapshot.warc_file, snapshot.offset)
        except (OSError, ValueError) as exc:
            report.skipped[url] = f"snapshot unreadable: {exc}"
            continue
        # The crawl's decoding: HTTP header, BOM, <meta charset>, as Scrapy's TextResponse does.
        response = HtmlResponse(url, headers=stored.headers, body=stored.body)
        page = parse(
            stored.body,
            url,
            fetched_at=parse_when(snapshot.fetched_at),
            encoding=response.encoding,
            default_tz=timezone,
        )
        if page.article is None:
            report.skipped[url] = "not extracted as an article any more (left as archived)"
            continue
        article = normalize_article(page.article)
        if reason := rejection_reason(article):
            report.skipped[url] = f"rejected: {reason} (left as archived)"
            continue
        if dry_run:
            archived = archive.load_article(url)
            assert archived is not None
            names = list(changed_fields(archived, keep_archived(archived, article)))
        else:
            names = archive.reparse_article(article, now)
        if names:
            report.changed[url] = names
    return report
