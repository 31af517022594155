"""The spider follows the links Scrapy's LinkExtractor finds, read from the extractor's tree."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.test import get_crawler

from bishshow_spider.extract import parse_page
from bishshow_spider.spiders.bishshow import DENY_PATTERNS, BishshowSpider
from bishshow_spider.spiders.links import PageLinks, tree_hrefs
from fixtures.site_config import SITE_ORIGIN

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = sorted(FIXTURES.rglob("*.html")) + sorted(FIXTURES.rglob("*.html.gz"))
# Everything LinkExtractor has a rule for, and what it has none for (nofollow is kept).
TRICKY = """<html><head><base href="/news/"></head><body>
<a href=" relative/page/ ">spaces</a> <a href="relative/page/">again</a>
<A HREF="/Upper/">upper-case tags</A> <area href="/map/area/">
<a href="https://www.ajkerbishshow.com/x/#comments">fragment</a> <a href="#top">top</a>
<a href="/report.PDF">pdf</a> <a href="/a/b.jpg;v=2">params</a> <a href="/b.tar.gz">tar</a>
<a href="/feed/">feed</a> <a href="/wp-admin/x">admin</a> <a href="/?s=query">search</a>
<a href="/p/?replytocom=5">reply</a> <a href="/amp/">amp</a> <a href="/x?amp=1&y=2">amp=</a>
<a href="javascript:void(0)">js</a> <a href="mailto:a@b.c">mail</a> <a href="tel:+880">tel</a>
<a href="ftp://files.example/x">ftp</a> <a href="ssh://www.ajkerbishshow.com/x">ssh</a>
<a href="http://[::1">bogus</a> <a href="">empty</a>
<a href="/বাংলা/পাতা/?q=খবর&amp;n=১">Bengali</a> <a href="/caf\u00e9?q=\u00e9">Latin-1</a>
<a rel="nofollow" href="/nofollow/">nofollow</a> <a href="https://other.example/">off site</a>
<a href="//cdn.example/lib">protocol-relative</a> <a>no href</a> <svg><a href="/svg/">svg</a></svg>
</body></html>"""


def response(url: str, body: bytes, encoding: str | None = "utf-8") -> HtmlResponse:
    headers = {"Content-Type": f"text/html; charset={encoding}" if encoding else "text/html"}
    return HtmlResponse(url, body=body, headers=headers)


def extracted(page: HtmlResponse) -> list[str]:
    """What Scrapy's LinkExtractor, as the spider was configured before, finds."""
    return [link.url for link in LinkExtractor(deny=DENY_PATTERNS).extract_links(page)]


def followed(page: HtmlResponse) -> list[str]:
    tree = parse_page(page.body, page.url, encoding=page.encoding).tree
    return PageLinks(DENY_PATTERNS).urls(page, tree_hrefs(tree))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_pages_give_the_links_of_scrapys_link_extractor(path: Path) -> None:
    body = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    url = f"{SITE_ORIGIN}/{path.relative_to(FIXTURES).as_posix().removesuffix('index.html')}"
    page = response(url, body)
    assert followed(page) == extracted(page)


def test_links_resolved_on_earlier_pages_resolve_alike_on_later_ones() -> None:
    """One `PageLinks` for the whole crawl: its cache of absolute links never changes a page's."""
    links = PageLinks(DENY_PATTERNS)
    for origin in (SITE_ORIGIN, SITE_ORIGIN.replace("http:", "https:")):
        for path in PAGES[:40]:
            body = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            page = response(f"{origin}/{path.relative_to(FIXTURES).as_posix()}", body)
            tree = parse_page(page.body, page.url, encoding=page.encoding).tree
            assert links.urls(page, tree_hrefs(tree)) == extracted(page), path


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16", None])
def test_every_link_rule_matches_scrapys_link_extractor(encoding: str | None) -> None:
    body = TRICKY.encode(encoding or "utf-8", "xmlcharrefreplace")  # cp1252: Bengali as &#…;
    page = response(f"{SITE_ORIGIN}/2025/12/story/", body, encoding)
    links = followed(page)
    assert links == extracted(page)
    assert f"{SITE_ORIGIN}/nofollow/" in links and f"{SITE_ORIGIN}/Upper/" in links
    assert not any(u.endswith((".PDF", ".gz", ";v=2", "/feed/")) for u in links)


def test_the_spider_follows_on_site_links_as_utf8_requests() -> None:
    crawler = get_crawler(BishshowSpider, {"ARCHIVE_DB": "unused.db"})
    spider = BishshowSpider.from_crawler(crawler, start_urls=f"{SITE_ORIGIN}/")
    # A UTF-16 page: requests that took its encoding would write `Referer` in UTF-16.
    page = response(f"{SITE_ORIGIN}/2025/12/story/", TRICKY.encode("utf-16"), "utf-16")
    requests = [r for r in spider.parse(page) if isinstance(r, Request)]
    assert [r.url for r in requests] == [u for u in extracted(page) if spider.on_site(u)]
    assert all(r.encoding == "utf-8" for r in requests)
    offsite = len(extracted(page)) - len(requests)
    assert crawler.stats is not None
    assert crawler.stats.get_value("bishshow/offsite_links_skipped") == offsite > 0
    # Links met again on another page were decided on already: no request is made twice.
    again = response(f"{SITE_ORIGIN}/2025/12/other/", TRICKY.encode("utf-16"), "utf-16")
    assert [r for r in spider.parse(again) if isinstance(r, Request)] == []
    assert crawler.stats.get_value("bishshow/offsite_links_skipped") == 2 * offsite
    assert spider.followed == {r.url for r in requests}  # off-site links are not remembered
