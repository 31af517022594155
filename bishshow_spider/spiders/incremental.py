"""`IncrementalSpider`: the part of the spider that knows the archive and the site's announcements.

It discovers articles from robots.txt sitemaps, (Yoast) sitemap indexes and `/feed/`, which are
fetched in full on every run like listing pages, and decides for each link to an archived article
whether to fetch it again (`bishshow_spider.incremental.revisit`): in full, conditionally
(a 304 becomes a `NotModified` item, and the article's related posts are followed from the
archive, so the crawl reaches what a full fetch would), or not at all.

Spider arguments: `refresh_days=N` (re-fetch in full what was published in the last N days),
`since=YYYY-MM-DD` (leave out what sitemaps, feeds or dated URLs put before that day, and do not
archive articles published before it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from bishshow_spider.archive import Archive
from bishshow_spider.archive.snapshots import (
    KnownArticle,
    known_articles,
    latest_snapshot,
    related_urls,
)
from bishshow_spider.discovery import (
    FALLBACK_SITEMAPS,
    FEED_PATH,
    feed_entries,
    robots_sitemaps,
    sitemap_entries,
)
from bishshow_spider.extract.document import decode_html, parse_html
from bishshow_spider.incremental import Revisit, before, conditional_headers, revisit
from bishshow_spider.items import NotModified
from bishshow_spider.signals import archive_opened
from bishshow_spider.spiders.links import tree_hrefs
from bishshow_spider.warc import read_response

DISCOVERY_PRIORITY = 20  # sitemaps and feeds first: their dates decide what to re-fetch
RELATED_PRIORITY = 10  # related posts next: they are the only way to some articles
NOT_MODIFIED = 304


def url_key(url: str) -> str:
    """The form URLs are compared in (percent-escape case, query order, fragment)."""
    return canonicalize_url(url)


class IncrementalSpider(scrapy.Spider):
    """Discovery from sitemaps and feeds, and re-fetch decisions for archived articles."""

    refresh_days: int = 0
    since: date | None = None
    archive: Archive | None = None
    known: dict[str, KnownArticle]
    allowed_domains: list[str]

    def connect_archive(self) -> None:
        """Listen for the archive (call from `from_crawler`)."""
        self.known = {}
        self.crawler.signals.connect(self.archive_opened, signal=archive_opened)

    def archive_opened(self, archive: Archive, crawl_id: str) -> None:
        """Load what the archive knows of every article: last fetch, validators, date."""
        self.archive = archive
        self.known = {url_key(url): k for url, k in known_articles(archive.db).items()}
        self.logger.info("%d archived articles known before crawl %s", len(self.known), crawl_id)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Record a failed request (the subclass says how)."""
        raise NotImplementedError

    async def discovery_requests(self, start_urls: list[str]) -> AsyncIterator[Request]:
        """robots.txt (for its sitemaps) and the feed of every start host."""
        origins = sorted({f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in start_urls})
        for origin in origins:
            robots = self._discovery(f"{origin}/robots.txt", self.parse_robots)
            # No robots.txt is an answer too: then the usual sitemap places are tried.
            yield robots.replace(meta=robots.meta | {"handle_httpstatus_list": [403, 404, 410]})
            yield self._discovery(origin + FEED_PATH, self.parse_feed)

    def _discovery(self, url: str, callback: Any) -> Request:
        return Request(
            url,
            callback=callback,
            errback=self.on_discovery_error,
            priority=DISCOVERY_PRIORITY,
            meta={"bishshow_discovery": True},
        )

    def on_discovery_error(self, failure: Failure) -> None:
        """A missing sitemap or feed is normal: count it, record nothing."""
        self.crawler.stats.inc_value("bishshow/discovery_missing")
        request: Request = failure.request  # type: ignore[attr-defined]
        self.logger.debug("No discovery from %s: %s", request.url, failure.value)

    def parse_robots(self, response: Response, **kwargs: Any) -> Iterator[Request]:
        """Follow the sitemaps robots.txt names, or the usual places when it names none."""
        sitemaps = robots_sitemaps(response.body, response.url) if response.status == 200 else []
        if not sitemaps:
            sitemaps = [urljoin(response.url, path) for path in FALLBACK_SITEMAPS]
        for url in sitemaps:
            if self.on_site(url):
                yield self._discovery(url, self.parse_sitemap)

    def parse_sitemap(self, response: Response, **kwargs: Any) -> Iterator[Request]:
        """Follow a sitemap index's sitemaps, and a sitemap's pages with their lastmod."""
        max_size = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
        for entry in sitemap_entries(response.body, max_size):
            if not self.on_site(entry.url) or before(self.since, when=entry.when):
                continue
            if entry.is_sitemap:
                yield self._discovery(entry.url, self.parse_sitemap)
            elif request := self.request_for(entry.url, hint=entry.when):
                yield request

    def parse_feed(self, response: Response, **kwargs: Any) -> Iterator[Request]:
        """Follow a feed's items with their dates."""
        for entry in feed_entries(response.body):
            url = response.urljoin(entry.url)
            if not self.on_site(url) or before(self.since, when=entry.when):
                continue
            if request := self.request_for(url, hint=entry.when):
                yield request

    def request_for(
        self, url: str, *, hint: datetime | None = None, priority: int = 0
    ) -> Request | None:
        """A request for `url`, conditional or none at all when it is an archived article."""
        stats = self.crawler.stats
        if before(self.since, url=url):
            stats.inc_value("bishshow/before_since_skipped")
            return None
        request = Request(url, callback=self.parse, errback=self.on_error, priority=priority)
        # Canonicalising every link costs; a first crawl has nothing to look up.
        known = self.known.get(url_key(url)) if self.known else None
        if known is None:
            return request
        decision = revisit(known, hint=hint, now=datetime.now(UTC), refresh_days=self.refresh_days)
        stats.inc_value(f"bishshow/known_{decision.value}")
        if decision is Revisit.SKIP:
            return None
        if decision is Revisit.FULL:
            return request
        headers = conditional_headers(known)
        meta = {"handle_httpstatus_list": [NOT_MODIFIED], "bishshow_conditional": True}
        return request.replace(headers=headers, meta=meta)

    def follow_links(self, response: TextResponse, hrefs: list[str]) -> Iterator[Request]:
        """Requests for the links (`hrefs`) of a page (the subclass says which)."""
        raise NotImplementedError

    def not_modified(self, response: Response) -> Iterator[Any]:
        """A 304: the article is unchanged; follow its links as the archived page has them."""
        yield NotModified(response.url)
        if self.archive is None:
            return
        for url in related_urls(self.archive.db, response.url):
            if request := self.request_for(url, priority=RELATED_PRIORITY):
                yield request
        # The links of the page we archived, read back from WARC: a 304 leads the crawl where
        # the full page would have (listings, tags, broken links to record again).
        snapshot = latest_snapshot(self.archive.db, response.url)
        if snapshot is not None and snapshot.warc_file and snapshot.offset is not None:
            try:
                stored = read_response(self.db_dir / snapshot.warc_file, snapshot.offset)
            except (OSError, ValueError) as exc:
                self.logger.warning("Snapshot of %s unreadable: %s", response.url, exc)
                return
            page = HtmlResponse(
                response.url, status=stored.status, headers=stored.headers, body=stored.body
            )
            tree = parse_html(decode_html(page.body, page.encoding))  # as `parse_page` does
            yield from self.follow_links(page, tree_hrefs(tree))

    @property
    def db_dir(self) -> Path:
        """The archive's folder (snapshots name their WARC files relative to it)."""
        return Path(self.crawler.settings.get("ARCHIVE_DB") or "data/archive.db").parent

    def on_site(self, url: str) -> bool:
        """Whether `url` is on one of the crawl's hosts."""
        host = urlsplit(url).hostname or ""
        return any(host == d or host.endswith(f".{d}") for d in self.allowed_domains)
