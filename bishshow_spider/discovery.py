"""Where articles are announced: robots.txt `Sitemap:` lines, (Yoast) sitemap indexes, feeds.

Pure parsing, bytes in, (URL, date hint) out; the spider decides what to fetch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from bishshow_spider.incremental import parse_when

GZIP_MAGIC = b"\x1f\x8b"
# Discovery on the site root when robots.txt names no sitemap: Yoast's index, then the classic.
FALLBACK_SITEMAPS = ("/sitemap_index.xml", "/sitemap.xml")
FEED_PATH = "/feed/"
_DATE_NAMES = ("pubDate", "published", "updated", "date", "modified")


@dataclass(frozen=True)
class Entry:
    """A URL a sitemap or feed lists, with the date it gives (modified or published), if any."""

    url: str
    when: datetime | None
    is_sitemap: bool = False


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """The sitemap URLs a robots.txt names."""
    return list(sitemap_urls_from_robots(body, base_url=base_url))


def sitemap_entries(body: bytes, max_size: int = 0) -> Iterator[Entry]:
    """The entries of a sitemap or sitemap index (gzipped or not); nothing for a broken one."""
    if body.startswith(GZIP_MAGIC):
        try:
            body = gunzip(body, max_size=max_size)
        except (OSError, ValueError):
            return
    try:
        sitemap = Sitemap(body)
    except (etree.XMLSyntaxError, ValueError, AttributeError):
        return
    nested = sitemap.type == "sitemapindex"
    for item in sitemap:
        if loc := (item.get("loc") or "").strip():
            yield Entry(loc, parse_when(item.get("lastmod")), nested)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def feed_entries(body: bytes) -> Iterator[Entry]:
    """The items of an RSS 2.0 or Atom feed, with their newest date."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return
    if root is None:
        return
    for item in root.iter():
        if _local(item.tag) not in ("item", "entry"):
            continue
        url, dates = None, []
        for child in item:
            name = _local(child.tag)
            if name == "link":
                href, rel = child.get("href"), child.get("rel", "alternate")
                url = url or (href if href and rel == "alternate" else (child.text or "").strip())
            elif name in _DATE_NAMES and (when := parse_when(child.text)):
                dates.append(when)
        if url:
            yield Entry(url, max(dates) if dates else None)
