"""The reliability middlewares, failure reasons, bounded defaults and XML safety, unit by unit."""

from __future__ import annotations

import ast
import gzip
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.exceptions import (
    CloseSpider,
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import HtmlResponse, Request, Response
from scrapy.settings import Settings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap

from bishshow_spider import settings as project_settings
from bishshow_spider.extract import extract_article, parse_page
from bishshow_spider.extract.model import PageFailure
from bishshow_spider.middlewares import (
    CallbackErrorMiddleware,
    PageRefused,
    backoff_delay,
    gzip_is_truncated,
    redirect_refusal,
    retry_after_seconds,
)
from bishshow_spider.spiders.bishshow import failure_reason
from fixtures.faults import MALFORMED_SITEMAP, xml_bomb

PACKAGE = Path(__file__).resolve().parent.parent / "bishshow_spider"


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (b"120", 120.0),
        (" 7 ", 7.0),
        (b"Wed, 21 Oct 2015 07:28:30 GMT", 30.0),  # 30 s after "now" below
        (b"Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past: now
        (b"soon", None),
        (b"-5", None),
        (None, None),
    ],
)
def test_retry_after_header(header: bytes | str | None, seconds: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, tzinfo=UTC)
    assert retry_after_seconds(header, now) == seconds


def test_backoff_doubles_up_to_its_cap() -> None:
    assert [backoff_delay(n, 1.0, 5.0) for n in (1, 2, 3, 4, 10)] == [1, 2, 4, 5, 5]


def test_a_gzip_body_cut_short_is_told_from_a_whole_one() -> None:
    packed = gzip.compress(b"<p>news</p>" * 5000)
    assert not gzip_is_truncated(packed)
    assert gzip_is_truncated(packed[: len(packed) // 2])
    assert not gzip_is_truncated(b"not gzip at all")  # Scrapy's decompression reports that
    bomb = gzip.compress(bytes(8 * 1024 * 1024))
    assert not gzip_is_truncated(bomb, limit=1024 * 1024)  # stops at the limit


def test_redirects_that_loop_or_leave_the_site_are_refused() -> None:
    hosts = ["news.example"]
    chained = Request("https://news.example/b", meta={"redirect_urls": ["https://news.example/a"]})
    assert redirect_refusal(chained, "https://news.example/a", hosts) == (
        "redirect loop: https://news.example/a → https://news.example/b → https://news.example/a"
    )
    assert redirect_refusal(chained, "https://news.example/b", hosts)  # to itself
    assert redirect_refusal(chained, "https://evil.example/", hosts) == (
        "redirected off site to https://evil.example/ (not followed)"
    )
    assert redirect_refusal(chained, "https://www.news.example/c", hosts) is None
    assert redirect_refusal(chained, "https://news.example/c", hosts) is None


def _http_error(status: int, **headers: str) -> HttpError:
    response = Response("https://news.example/", status=status, headers=headers)
    return HttpError(response)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_http_error(404), ("HTTP 404 Not Found", 404)),
        (
            _http_error(429, **{"Retry-After": "600"}),
            ("HTTP 429 Too Many Requests (the server asked to retry after 600 s)", 429),
        ),
        (PageRefused("redirect loop: a → b → a"), ("redirect loop: a → b → a", None)),
        (IgnoreRequest("Forbidden by robots.txt"), None),
        (IgnoreRequest("Filtered offsite request to 'x'"), None),
        (IgnoreRequest("max redirections reached"), ("too many redirects", None)),
        (IgnoreRequest("… exceeded DOWNLOAD_MAXSIZE (16 B) …"), ("too large", None)),
        (DownloadCancelledError(""), ("too large", None)),
        (DownloadTimeoutError("took longer than 30 s"), ("timed out", None)),
    ],
)
def test_failure_reasons_are_for_people(
    error: BaseException, expected: tuple[str, int | None] | None
) -> None:
    explained = failure_reason(error)
    if expected is None:
        assert explained is None
        return
    assert explained is not None
    assert explained[0].startswith(expected[0]) and explained[1] == expected[1]


def test_a_callback_that_raises_becomes_a_failure_and_the_crawl_goes_on() -> None:
    page = HtmlResponse("https://news.example/a", body=b"<html></html>", status=200)
    middleware = CallbackErrorMiddleware()
    (failure,) = middleware.process_spider_exception(page, KeyError("x")) or []
    assert failure == PageFailure("https://news.example/a", "spider error: KeyError: 'x'", 200)
    assert middleware.process_spider_exception(page, CloseSpider("max_articles")) is None


def test_defaults_bound_every_crawl() -> None:
    settings = Settings()
    settings.setmodule(project_settings)
    assert 0 < settings.getint("DOWNLOAD_MAXSIZE") <= 64 * 1024 * 1024
    assert 0 < settings.getint("DOWNLOAD_TIMEOUT") <= 60
    assert 0 < settings.getint("DEPTH_LIMIT") <= 10_000
    assert 0 < settings.getint("REDIRECT_MAX_TIMES") <= 20
    assert {429, 503, 500} <= {int(c) for c in settings.getlist("RETRY_HTTP_CODES")}
    assert 0 < settings.getfloat("RETRY_AFTER_MAX") <= 600
    assert 0 < settings.getfloat("RETRY_BACKOFF_MAX") <= 600
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None


def test_an_xml_bomb_is_never_expanded() -> None:
    """Scrapy's sitemap reader (what a sitemap crawl would use) and the page extractor."""
    started = time.perf_counter()
    assert [entry.get("loc", "") for entry in Sitemap(xml_bomb())] in ([], [""])
    page = extract_article(xml_bomb(), "https://news.example/sitemap.xml")
    assert "lollol" not in page.body_text + str(page.title)
    assert parse_page(xml_bomb(), "https://news.example/").article is None
    assert time.perf_counter() - started < 2


def test_the_sitemap_and_feed_readers_never_expand_an_xml_bomb() -> None:
    """`bishshow_spider.discovery` reads what a crawl fetches from robots.txt's Sitemap lines."""
    from bishshow_spider.discovery import feed_entries, sitemap_entries

    started = time.perf_counter()
    for read in (sitemap_entries, feed_entries):
        assert all("lollol" not in entry.url for entry in read(xml_bomb()))
        list(read(MALFORMED_SITEMAP))  # no exception
    assert time.perf_counter() - started < 2


def test_a_malformed_sitemap_yields_what_it_can() -> None:
    urls = [entry.get("loc") for entry in Sitemap(MALFORMED_SITEMAP)]
    assert "/2020/08/2541/" in urls


def _xml_parsing_calls() -> list[tuple[Path, ast.Call]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in ("XMLParser", "fromstring", "XML", "parse", "iterparse"):
                    found.append((path, node))
    return found


def test_no_xml_parser_in_the_project_resolves_entities() -> None:
    """Any XML parsing added later (sitemaps, feeds) must switch entity resolution off."""
    for path, call in _xml_parsing_calls():
        keywords = {k.arg: k.value for k in call.keywords}
        name = getattr(call.func, "attr", getattr(call.func, "id", ""))
        where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
        if name == "XMLParser":
            flag = keywords.get("resolve_entities")
            assert isinstance(flag, ast.Constant) and flag.value is False, where
        receiver = getattr(call.func, "value", None)
        if name != "XMLParser" and getattr(receiver, "id", "") == "etree":
            # lxml's default parser resolves internal entities: a parser must be passed.
            assert len(call.args) >= 2 or "parser" in keywords, where
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                modules.append(getattr(node, "module", None) or "")
                assert not any(
                    m.startswith(("xml.etree", "xml.dom", "xml.sax", "xml.parsers"))
                    for m in modules
                ), f"{path}: use lxml with resolve_entities=False (or defusedxml)"
