"""Middlewares that keep a crawl going, polite and on site when the server misbehaves.

- `BackoffRetryMiddleware` replaces Scrapy's RetryMiddleware: the same retries, but it waits
  before each one (exponential back-off) and honours `Retry-After` on 429 and 503, up to a bound.
- `OffsiteGuardMiddleware` refuses every request off the spider's hosts, even the redirects of
  start requests that Scrapy's OffsiteMiddleware lets through because they are `dont_filter`.
- `RedirectGuardMiddleware` turns a redirect that loops or leaves the site into a recorded
  failure; Scrapy would drop it without a word. `MetaRefreshGuardMiddleware` keeps a page whose
  meta refresh does either, instead of throwing it away for a redirect that goes nowhere.
- `TruncatedGzipMiddleware` retries a gzip body that ends early: Scrapy would decompress what
  arrived and archive half an article.
- `CallbackErrorMiddleware` records a page whose callback raised, and lets the crawl go on.

A page these refuse raises `PageRefused`, an `IgnoreRequest` whose message is the reason the
spider's errback records in `failures`.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import get_meta_refresh, response_status_message
from twisted.internet.task import deferLater
from w3lib.url import canonicalize_url, safe_url_string

from bishshow_spider.extract.model import PageFailure

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Statuses whose Retry-After means "come back later" (RFC 9110 §10.2.3; 429 in RFC 6585).
RETRY_AFTER_STATUSES = frozenset({429, 503})
_GZIP_CHUNK = 64 * 1024


class PageRefused(IgnoreRequest):
    """A page the crawl gave up on for a reason worth recording (not a deliberate skip)."""


async def sleep(seconds: float) -> None:
    """Wait without blocking the reactor (works with and without the asyncio reactor)."""
    # Imported here: importing the reactor at module level would install the default one
    # before Scrapy installs the asyncio reactor it is configured for.
    from twisted.internet import reactor

    if seconds > 0:
        await maybe_deferred_to_future(deferLater(reactor, seconds))


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Seconds to wait before retry number `attempt` (1, 2, …): base, 2·base, 4·base, … ≤ cap."""
    return max(0.0, min(cap, base * 2.0 ** max(attempt - 1, 0)))


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date); None if unusable."""
    if not value:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def on_hosts(url: str, hosts: Iterable[str]) -> bool:
    """Whether the URL's host is one of `hosts` or a subdomain of one (ports do not matter)."""
    host = (urlsplit(url).hostname or "").lower()
    return bool(host) and any(host == h or host.endswith(f".{h}") for h in hosts)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries with a wait before each: `Retry-After` when given, else back-off.

    Settings: `RETRY_BACKOFF_BASE` (first wait, s), `RETRY_BACKOFF_MAX` (longest back-off, s),
    `RETRY_AFTER_MAX` (the longest `Retry-After` honoured; a server asking for more is given up
    on for this run, and its page recorded as failed, rather than asked again too soon).
    The wait holds one request slot, never the reactor: other pages keep downloading.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 30.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 60.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        """Retry a retryable status after the wait it calls for; else pass the response on."""
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = None
        if response.status in RETRY_AFTER_STATUSES:
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is not None and wait > self.retry_after_max:
            self.crawler.stats.inc_value("retry/retry_after_too_long")
            return response  # recorded as failed; tomorrow's crawl asks again
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await sleep(wait if wait is not None else self._backoff(retry))
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        """Retry a network error (timeout, reset, refused) after a back-off."""
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await sleep(self._backoff(retry))
        return retry

    def _backoff(self, retry: Request) -> float:
        return backoff_delay(retry.meta.get("retry_times", 1), self.backoff_base, self.backoff_max)


class OffsiteGuardMiddleware:
    """Refuse any request off the spider's `allowed_domains`, whatever its `dont_filter`.

    Runs before the robots.txt middleware, so not even an off-site robots.txt is fetched.
    A redirect off site is a recorded failure; any other off-site request a silent skip.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """Let an on-site request through; raise `IgnoreRequest` for any other."""
        hosts = getattr(self.crawler.spider, "allowed_domains", None)
        if not hosts or on_hosts(request.url, hosts):
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("bishshow/offsite_refused")
        if request.meta.get("redirect_urls"):
            source = request.meta["redirect_urls"][0]
            raise PageRefused(f"redirected off site to {request.url} (not followed from {source})")
        raise IgnoreRequest(f"off-site request to {urlsplit(request.url).hostname!r} refused")


def redirect_refusal(request: Request, target: str, hosts: Iterable[str]) -> str | None:
    """Why a redirect from `request` to `target` must not be followed, or None if it may."""
    chain = [*request.meta.get("redirect_urls", []), request.url]
    if canonicalize_url(target) in {canonicalize_url(url) for url in chain}:
        return "redirect loop: " + " → ".join([*chain, target])
    if hosts and not on_hosts(target, hosts):
        return f"redirected off site to {target} (not followed)"
    return None


class RedirectGuardMiddleware:
    """Fail a 3xx redirect that loops or leaves the site, with the reason recorded.

    Scrapy's duplicate filter drops the looping request and its OffsiteMiddleware the off-site
    one, both without calling the errback: the page would vanish without a failure row.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Raise `PageRefused` for a redirect not to follow; pass everything else on."""
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location or _no_redirect(request):
            return response
        target = safe_url_string(urljoin(request.url, location.decode("latin-1")))
        hosts = getattr(self.crawler.spider, "allowed_domains", None) or []
        if reason := redirect_refusal(request, target, hosts):
            raise PageRefused(reason)
        return response


class MetaRefreshGuardMiddleware(RedirectGuardMiddleware):
    """Keep a page whose `<meta http-equiv=refresh>` loops or leaves the site: it is parsed as
    it is instead of being replaced by a redirect that goes nowhere (or off site)."""

    def process_response(self, request: Request, response: Response) -> Response:
        """Mark the request `dont_redirect` when its meta refresh must not be followed."""
        if not isinstance(response, HtmlResponse) or _no_redirect(request):
            return response
        _, target = get_meta_refresh(response)
        hosts = getattr(self.crawler.spider, "allowed_domains", None) or []
        if target and redirect_refusal(request, target, hosts):
            request.meta["dont_redirect"] = True  # read by MetaRefreshMiddleware, next in line
        return response


def _no_redirect(request: Request) -> bool:
    return bool(request.meta.get("dont_redirect")) or request.method == "HEAD"


def gzip_is_truncated(body: bytes, limit: int = 0) -> bool:
    """Whether a gzip stream ends before its end marker (damaged or oversized ones are not our
    call: Scrapy's decompression reports those)."""
    inflater = zlib.decompressobj(wbits=31)
    data, produced = body, 0
    try:
        while data and not inflater.eof:
            produced += len(inflater.decompress(data, _GZIP_CHUNK))
            if limit and produced > limit:
                return False
            data = inflater.unconsumed_tail
    except zlib.error:
        return False
    return not inflater.eof


class TruncatedGzipMiddleware:
    """Retry a response whose gzip body was cut short (a lying Content-Length, a proxy that
    gave up); give up with a recorded failure after `RETRY_TIMES`.

    Sits before HttpCompressionMiddleware on the way back, which would keep the partial text.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        """The response, a retry of its request, or `PageRefused` when retries are spent."""
        encodings = [e.strip().lower() for e in response.headers.getlist(b"Content-Encoding")]
        if encodings not in ([b"gzip"], [b"x-gzip"]) or request.method == "HEAD":
            return response
        if not gzip_is_truncated(response.body, self.max_size):
            return response
        reason = "truncated response: the gzip body ends early"
        spider = self.crawler.spider
        assert spider is not None
        retry = None
        if not request.meta.get("dont_retry"):
            retry = get_retry_request(request, spider=spider, reason=reason)
        if retry is None:
            raise PageRefused(f"{reason} ({len(response.body)} bytes received)")
        return retry


class CallbackErrorMiddleware:
    """Record a page whose callback raised as a failure; the rest of the crawl goes on."""

    def process_spider_exception(
        self, response: Response, exception: Exception
    ) -> Iterable[PageFailure] | None:
        """A `PageFailure` for the page; `CloseSpider` and friends are left to Scrapy."""
        if isinstance(exception, CloseSpider | IgnoreRequest):
            return None
        logger.error("Callback failed on %s", response.url, exc_info=exception)
        reason = f"spider error: {type(exception).__name__}: {exception}"
        return [PageFailure(response.url, reason, response.status)]
