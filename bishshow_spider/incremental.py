"""Incremental crawling: when to fetch an archived article again, and what sitemaps and feeds say.

Pure functions, no Scrapy: the spider asks `revisit()` for every link to an archived article.

- A hint (sitemap `<lastmod>`, feed date) newer than our last fetch, or an article published
  within `refresh_days`: fetch it in full.
- Otherwise, if the server gave validators (ETag, Last-Modified): ask conditionally; a 304 costs
  a few hundred bytes and still proves the article is there.
- Otherwise: skip it; nothing says it changed and nothing cheap can tell.
- An article archived before snapshots existed is fetched in full once, to get both.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import Enum

from bishshow_spider.archive.snapshots import KnownArticle

# WordPress and Blogger permalinks: /2025/12/06/slug/, /2025/12/slug.html
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")


class Revisit(Enum):
    """How to fetch an archived article again."""

    FULL = "full"
    CONDITIONAL = "conditional"
    SKIP = "skip"


def parse_when(value: str | None) -> datetime | None:
    """An aware datetime from ISO 8601 (sitemaps, the archive) or RFC 2822 (feeds); else None."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    # A bare date (sitemaps allow YYYY-MM-DD) or a zone-less time: read as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def revisit(
    known: KnownArticle, *, hint: datetime | None, now: datetime, refresh_days: int = 0
) -> Revisit:
    """How (and whether) to fetch an archived article again."""
    last = parse_when(known.last_fetched)
    if last is None:
        return Revisit.FULL
    if hint is not None and hint > last:
        return Revisit.FULL
    published = parse_when(known.published_at)
    if refresh_days > 0 and published is not None and published >= now - timedelta(refresh_days):
        return Revisit.FULL
    if known.etag or known.last_modified:
        return Revisit.CONDITIONAL
    return Revisit.SKIP


def conditional_headers(known: KnownArticle) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the validators the server last gave."""
    headers = {}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def url_date(url: str) -> date | None:
    """The latest day a dated permalink can mean (its month's last day without a day part)."""
    match = _URL_DATE.search(url)
    if match is None:
        return None
    year, month = int(match[1]), int(match[2])
    day = int(match[3]) if match[3] else calendar.monthrange(year, month)[1]
    try:
        return date(year, month, day)
    except ValueError:
        return None


def before(since: date | None, *, when: datetime | None = None, url: str | None = None) -> bool:
    """Whether a date hint or a dated URL puts a page before `since` (unknown: not before)."""
    if since is None:
        return False
    if when is not None:
        return when.date() < since
    found = url_date(url) if url else None
    return found is not None and found < since


def parse_since(value: str | None) -> date | None:
    """The `since` spider argument: YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"since: expected a date as YYYY-MM-DD, got {value!r}") from None
