"""The `bishshow` spider: walks a news site, yields its articles and records what failed.

It only decides what to fetch and what to follow; turning a page into an article is the pure
`bishshow_spider.extract.parse_page`, the same function the CLI and the tests use.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from bishshow_spider.extract import parse_page
from bishshow_spider.extract.model import PageFailure

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
RELATED_PRIORITY = 10  # related posts first: they are the only way to some articles


class BishshowSpider(scrapy.Spider):
    """Crawl from the home page (or `-a start_urls=`), staying on the start hosts."""

    name = "bishshow"
    allowed_domains: list[str]
    link_extractor: LinkExtractor

    def __init__(
        self, start_urls: str | None = None, max_articles: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.crawl_args: dict[str, Any] = {
            k: v
            for k, v in {"start_urls": start_urls, "max_articles": max_articles, **kwargs}.items()
            if v is not None
        }
        self._start_urls_arg = start_urls
        self.max_articles = _positive_int("max_articles", max_articles)
        self.articles_yielded = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> BishshowSpider:
        spider: BishshowSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.start_urls = _parse_start_urls(
            spider._start_urls_arg or crawler.settings.get("BISHSHOW_SITE_URL")
        )
        hosts = sorted({urlsplit(url).hostname or "" for url in spider.start_urls})
        spider.allowed_domains = hosts
        # Not LinkExtractor(allow_domains=...): it compares host:port, so a site on a port
        # would match nothing. Hosts are checked in `_on_site`, as OffsiteMiddleware does.
        spider.link_extractor = LinkExtractor(deny=DENY_PATTERNS)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for url in self.start_urls:
            yield Request(url, callback=self.parse, errback=self.on_error, dont_filter=True)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Archive the page if it is an article, then follow its related posts and site links."""
        if not isinstance(response, TextResponse) or not _is_html(response):
            return
        try:
            page = parse_page(
                response.body,
                response.url,
                fetched_at=datetime.now(UTC),
                encoding=response.encoding,
            )
        except Exception as exc:  # one odd page must never stop the crawl
            self.logger.warning("Could not parse %s: %r", response.url, exc)
            yield PageFailure(response.url, f"parse error: {type(exc).__name__}: {exc}", 200)
            return
        if page.article is not None:
            if self.max_articles is not None and self.articles_yielded >= self.max_articles:
                return
            self.articles_yielded += 1
            yield page.article
            yield from response.follow_all(
                [post.url for post in page.article.related],
                callback=self.parse,
                errback=self.on_error,
                priority=RELATED_PRIORITY,
            )
            if self.max_articles is not None and self.articles_yielded >= self.max_articles:
                raise CloseSpider("max_articles")
        for link in self.link_extractor.extract_links(response):
            if self._on_site(link.url):
                yield response.follow(link.url, callback=self.parse, errback=self.on_error)
            else:
                self.crawler.stats.inc_value("bishshow/offsite_links_skipped")

    def _on_site(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return any(host == d or host.endswith(f".{d}") for d in self.allowed_domains)

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
        return f"HTTP {status} {_status_phrase(status)}".strip(), status
    if isinstance(error, IgnoreRequest):
        return None
    if isinstance(error, DNSLookupError):
        return "DNS lookup failed", None
    if isinstance(error, TimeoutError | TCPTimedOutError):
        return "timed out", None
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


def _is_html(response: TextResponse) -> bool:
    content_type = response.headers.get(b"Content-Type") or b"text/html"
    return b"html" in content_type.lower()


def _status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
