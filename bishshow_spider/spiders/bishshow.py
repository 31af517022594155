"""The `bishshow` spider: walks a news site, yields its articles and records what failed.

It only decides what to fetch and what to follow; turning a page into an article is the pure
`bishshow_spider.extract.parse_page`, the same function the CLI and the tests use. What the
archive already holds is asked for again only when there is reason (`IncrementalSpider`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CloseSpider,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from bishshow_spider.extract import parse_page
from bishshow_spider.extract.model import PageFailure
from bishshow_spider.incremental import before, parse_since
from bishshow_spider.middlewares import PageRefused
from bishshow_spider.spiders.incremental import NOT_MODIFIED, RELATED_PRIORITY, IncrementalSpider
from bishshow_spider.spiders.links import PageLinks, tree_hrefs

# Site machinery that is never an article nor leads to one (WordPress, Blogger, AMP, search).
DENY_PATTERNS = (
    r"/wp-(admin|login|json|content|includes)\b",
    r"/xmlrpc\.php",
    r"/feed/?$",
    r"/(amp|print|embed)/?$",
    r"[?&](replytocom|share|amp|s|print|showComment)=",
    r"/search(/|\?|$)",
    r"/cdn-cgi/",
)


class BishshowSpider(IncrementalSpider):
    """Crawl from the home page (or `-a start_urls=`), staying on the start hosts."""

    name = "bishshow"
    crawl_failed = False  # read by ArchivePipeline: set when no start page could be fetched
    allowed_domains: list[str]
    links: PageLinks
    # Every on-site link already decided on in this crawl. A page repeats most of its links (menus,
    # related posts, category lists): building a request the scheduler then drops as a
    # duplicate cost more than parsing the page.
    followed: set[str]

    def __init__(
        self,
        start_urls: str | None = None,
        max_articles: str | None = None,
        since: str | None = None,
        refresh_days: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        given = {"start_urls": start_urls, "max_articles": max_articles, "since": since}
        given |= {"refresh_days": refresh_days, **kwargs}
        self.crawl_args: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
        self._start_urls_arg = start_urls
        self.max_articles = _positive_int("max_articles", max_articles)
        self.since = parse_since(since)
        self.refresh_days = _positive_int("refresh_days", refresh_days) or 0
        self.articles_yielded = 0
        self.start_failures = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> BishshowSpider:
        spider: BishshowSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.start_urls = _parse_start_urls(
            spider._start_urls_arg or crawler.settings.get("BISHSHOW_SITE_URL")
        )
        hosts = sorted({urlsplit(url).hostname or "" for url in spider.start_urls})
        spider.allowed_domains = hosts
        # Hosts are checked in `on_site`, as OffsiteMiddleware does (LinkExtractor's
        # allow_domains compares host:port, so a site on a port would match nothing).
        spider.links = PageLinks(deny=DENY_PATTERNS)
        spider.followed = set()
        spider.connect_archive()
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for url in self.start_urls:
            yield Request(url, callback=self.parse, errback=self.on_start_error, dont_filter=True)
        async for request in self.discovery_requests(self.start_urls):
            yield request

    def on_start_error(self, failure: Failure) -> Iterator[PageFailure]:
        """A start page that fails is recorded; when they all fail, the run has failed."""
        for recorded in self.on_error(failure):
            self.start_failures += 1
            if self.start_failures >= len(self.start_urls):
                self.logger.error("No start page could be fetched: the crawl has failed")
                self.crawl_failed = True
            yield recorded

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Archive the page if it is an article, then follow its related posts and site links."""
        if response.status == NOT_MODIFIED:
            yield from self.not_modified(response)
            return
        if not isinstance(response, TextResponse) or not _is_html(response):
            # Links never point at images or PDFs on purpose: one that did may be a lost page.
            kind = (response.headers.get(b"Content-Type") or b"no Content-Type").decode("latin-1")
            yield PageFailure(response.url, f"not an HTML page ({kind})", response.status)
            return
        try:
            page = parse_page(
                response.body,
                response.url,
                fetched_at=datetime.now(UTC),
                encoding=response.encoding,
                default_tz=self.settings.get("BISHSHOW_TIMEZONE"),
            )
        except Exception as exc:  # one odd page must never stop the crawl
            self.logger.warning("Could not parse %s: %r", response.url, exc)
            yield PageFailure(response.url, f"parse error: {type(exc).__name__}: {exc}", 200)
            return
        if page.article is not None:
            if self.max_articles is not None and self.articles_yielded >= self.max_articles:
                return
            if before(self.since, when=_published(page.article.published_at)):
                self.crawler.stats.inc_value("bishshow/before_since_skipped")
                return  # a backfill bound: neither archived nor followed
            self.articles_yielded += 1
            yield page.article
            for post in page.article.related:
                url = response.urljoin(post.url)
                if self._first_sight(url) and (
                    request := self.request_for(url, priority=RELATED_PRIORITY)
                ):
                    yield request
            if self.max_articles is not None and self.articles_yielded >= self.max_articles:
                raise CloseSpider("max_articles")
        yield from self.follow_links(response, tree_hrefs(page.tree))

    def follow_links(self, response: TextResponse, hrefs: list[str]) -> Iterator[Request]:
        """Requests for the page's on-site links (archived articles only when there is reason)."""
        offsite = 0
        for url in self.links.urls(response, hrefs):
            # Off-site links are not remembered: share buttons make new ones on every page.
            if not self.on_site(url):
                offsite += 1
            elif self._first_sight(url) and (request := self.request_for(url)):
                yield request
        if offsite:  # counted once per page: a stats call costs more than the check
            self.crawler.stats.inc_value("bishshow/offsite_links_skipped", offsite)

    def _first_sight(self, url: str) -> bool:
        """True the first time the crawl meets the link `url` (its request, if any, was made
        then: the scheduler would drop another as a duplicate)."""
        if url in self.followed:
            return False
        self.followed.add(url)
        return True

    def on_error(self, failure: Failure) -> Iterator[PageFailure]:
        """Record a page that could not be fetched, with a reason a person understands."""
        request: Request = failure.request  # type: ignore[attr-defined]
        explained = failure_reason(failure.value)
        if explained is None:
            return  # robots.txt, off-site or duplicate: a decision, not a failure
        reason, status = explained
        self.logger.warning("Failed %s: %s", request.url, reason)
        yield PageFailure(request.url, reason, status)


def failure_reason(error: BaseException | None) -> tuple[str, int | None] | None:
    """(reason, HTTP status) of a failed download; None for a request dropped on purpose."""
    if isinstance(error, HttpError):
        status = error.response.status
        reason = f"HTTP {status} {_status_phrase(status)}".strip()
        if wait := error.response.headers.get(b"Retry-After"):
            reason += f" (the server asked to retry after {wait.decode('latin-1')} s)"
        return reason, status
    if isinstance(error, PageRefused):  # redirect loops, off-site redirects, cut gzip bodies
        return str(error), None
    if isinstance(error, IgnoreRequest):
        # Scrapy says these two only in words; every other IgnoreRequest is a decision
        # (robots.txt, off-site link, duplicate), not a failure.
        if "DOWNLOAD_MAXSIZE" in str(error):
            return "too large: over DOWNLOAD_MAXSIZE once decompressed", None
        if str(error) == "max redirections reached":
            return "too many redirects (more than REDIRECT_MAX_TIMES)", None
        return None
    if isinstance(error, DownloadCancelledError):
        return "too large: over DOWNLOAD_MAXSIZE (download cancelled)", None
    if isinstance(error, DNSLookupError):
        return "DNS lookup failed", None
    if isinstance(error, TimeoutError | TCPTimedOutError | DownloadTimeoutError):
        return "timed out (no complete response within DOWNLOAD_TIMEOUT)", None
    if isinstance(error, ResponseDataLossError | ConnectionLost):
        return "connection lost before the whole page arrived", None
    if isinstance(error, ConnectionRefusedError | DownloadConnectionRefusedError):
        return "connection refused", None
    return f"{type(error).__name__}: {error}", None


def _parse_start_urls(value: str) -> list[str]:
    urls = [u.strip() for u in value.split(",") if u.strip()]
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"start_urls: {url!r} is not an absolute http(s) URL")
    if not urls:
        raise ValueError("start_urls: no URL given")
    return urls


def _positive_int(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name}: expected a positive whole number, got {value!r}")
    return int(value)


def _published(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _is_html(response: TextResponse) -> bool:
    content_type = response.headers.get(b"Content-Type") or b"text/html"
    return b"html" in content_type.lower()


def _status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
