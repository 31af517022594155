"""The links of a page to follow, read from the tree the extractor already parsed.

Scrapy's `LinkExtractor` parses every page a second time (parsel) and collects each link's
text, which the spider never reads. `PageLinks` applies the same rules to the extractor's tree:
the `href` of every `<a>` and `<area>`, stripped of HTML5 whitespace, resolved against the
page's `<base href>` (Scrapy's `get_base_url`) and made safe (`safe_url_string`, in the page's
encoding) exactly as Scrapy does; then only http(s)/file/ftp URLs that match no deny pattern and
end in none of `IGNORED_EXTENSIONS` are kept, each once, in page order. `rel="nofollow"` is not
a filter there either (Scrapy only marks such links).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urljoin, urlparse, urlsplit

from lxml.html import HtmlElement
from scrapy.http import TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.response import get_base_url
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

# `str.endswith` with a tuple is `url_has_any_extension` in one C call.
_DENIED_EXTENSIONS = tuple(f".{extension}" for extension in IGNORED_EXTENSIONS)
_SCHEMES = frozenset({"http", "https", "file", "ftp"})
# A link with a scheme and a host: `urljoin` reads only the base's scheme to resolve it.
_ABSOLUTE = re.compile(r"https?://[^/?#]")


def tree_hrefs(tree: HtmlElement) -> list[str]:
    """The `href` of every `<a>` and `<area>` in `tree`, as written, in document order."""
    return [href for el in tree.iter("a", "area") if (href := el.get("href")) is not None]


class PageLinks:
    """`LinkExtractor(deny=patterns)`'s URLs, from hrefs instead of a second parse."""

    def __init__(self, deny: Iterable[str], cache_size: int = 4096) -> None:
        # One search instead of one per pattern: a URL is denied when any of them matches
        # (with no pattern, `(?!)` matches nothing).
        self._deny = re.compile("|".join(f"(?:{pattern})" for pattern in deny) or "(?!)")
        # Every page repeats the site's menus: an absolute link is resolved once per crawl. The
        # cache is small: links found once (share buttons carry the page's own URL) pass through.
        self._resolve_absolute = lru_cache(maxsize=cache_size)(self._resolve)

    def urls(self, response: TextResponse, hrefs: Iterable[str]) -> list[str]:
        """The absolute URLs of `hrefs` (found on `response`) to follow, each once, in order."""
        base_url, encoding = get_base_url(response), response.encoding
        # What an absolute link resolves to depends on nothing of the page but these schemes.
        base_scheme, page_scheme = urlsplit(base_url).scheme, urlsplit(response.url).scheme
        urls: dict[str, None] = {}
        for href in dict.fromkeys(hrefs):  # a link repeated on the page is resolved once
            href = strip_html5_whitespace(href)
            if _ABSOLUTE.match(href):
                url = self._resolve_absolute(f"{base_scheme}:", f"{page_scheme}:", encoding, href)
            else:
                url = self._resolve(base_url, response.url, encoding, href)
            if url is not None and url not in urls:
                urls[url] = None
        return list(urls)

    def _resolve(self, base_url: str, page_url: str, encoding: str, href: str) -> str | None:
        """`href` made absolute and safe as Scrapy does; None when it is not to be followed."""
        try:
            url = urljoin(page_url, safe_url_string(urljoin(base_url, href), encoding=encoding))
        except ValueError:  # a bogus link (an unclosed IPv6 bracket, a bad port)
            return None
        return url if self._allowed(url) else None

    def _allowed(self, url: str) -> bool:
        if url.split("://", 1)[0] not in _SCHEMES or self._deny.search(url):
            return False
        # urlparse, not urlsplit: Scrapy leaves `;params` out of the path it checks.
        return not urlparse(url).path.lower().endswith(_DENIED_EXTENSIONS)
