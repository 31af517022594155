"""The ceiling of the crawl benchmark: a Scrapy spider that fetches pages and does nothing else.

    scrapy runspider bench/bare_spider.py -a start_urls=URL -s CONCURRENT_REQUESTS=16 ...

It follows every link LinkExtractor finds on the start host, with the bishshow spider's deny
patterns, so both crawls fetch the same pages; it parses nothing else and yields no items. Run
it outside the project directory so Scrapy's defaults apply, not the project's middlewares and
pipelines (see bench/crawl.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Request, Response, TextResponse
from scrapy.linkextractors import LinkExtractor

# Copied, not imported: this file must run with nothing of bishshow importable.
DENY_PATTERNS = (
    r"/wp-(admin|login|json|content|includes)\b",
    r"/xmlrpc\.php",
    r"/feed/?$",
    r"/(amp|print|embed)/?$",
    r"[?&](replytocom|share|amp|s|print|showComment)=",
    r"/search(/|\?|$)",
    r"/cdn-cgi/",
)


class BareSpider(scrapy.Spider):
    """Fetch the start pages and every on-site link, depth first like the bishshow spider."""

    name = "bare"

    def __init__(self, start_urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [u for u in start_urls.split(",") if u]
        self.hosts = {urlsplit(u).hostname for u in self.start_urls}
        self.links = LinkExtractor(deny=DENY_PATTERNS)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Request]:
        if not isinstance(response, TextResponse):
            return
        for link in self.links.extract_links(response):
            if urlsplit(link.url).hostname in self.hosts:
                yield response.follow(link.url, callback=self.parse)
