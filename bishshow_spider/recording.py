"""`SnapshotMiddleware`: every response the crawl fetches goes to WARC and into `snapshots`.

A downloader middleware placed next to the downloader (above HttpCompressionMiddleware, 590),
so it sees the request as sent and the response as served, before decompression, redirects,
retries or robots.txt decisions act on it. Recording never costs the crawl a page: an I/O or
database error is logged and the response goes on.

Settings: `WARC_ENABLED` (default True; off, responses are still indexed, without bytes),
`WARC_DIR` (default `warc/` beside `ARCHIVE_DB`), `WARC_MAX_SIZE` (bytes per file, 1 GB).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.http.headers import Headers as ScrapyHeaders

from bishshow_spider.archive import Archive
from bishshow_spider.archive.rows import utc_iso
from bishshow_spider.archive.snapshots import Snapshot
from bishshow_spider.warc import DEFAULT_MAX_SIZE, Exchange, Headers, WarcFiles, body_hash

logger = logging.getLogger(__name__)


def header_list(headers: ScrapyHeaders) -> Headers:
    """Scrapy's multi-valued headers as (name, value) pairs, decoded as HTTP does (Latin-1)."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


def _header(headers: ScrapyHeaders, name: str) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if value else None


def exchange_of(request: Request, response: Response, fetched_at: datetime) -> Exchange:
    """The WARC view of one request/response pair."""
    sent = header_list(request.headers)
    if not any(k.lower() == "host" for k, _ in sent):
        # Twisted adds Host when it sends the request; Scrapy's headers never hold it.
        sent.insert(0, ("Host", urlsplit(request.url).netloc))
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = ""
    return Exchange(
        url=response.url,
        method=request.method,
        request_headers=sent,
        request_body=request.body,
        status=response.status,
        reason=reason,
        response_headers=header_list(response.headers),
        body=response.body,
        fetched_at=fetched_at,
        protocol=response.protocol or "HTTP/1.1",
    )


class SnapshotMiddleware:
    """Write request + response records to WARC and index each response in the archive."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.enabled = settings.getbool("WARC_ENABLED", True)
        self.db_dir = Path(settings.get("ARCHIVE_DB") or "data/archive.db").parent
        self.warc_dir = Path(settings.get("WARC_DIR") or self.db_dir / "warc")
        self.max_size = settings.getint("WARC_MAX_SIZE", DEFAULT_MAX_SIZE)
        self.user_agent = str(settings.get("USER_AGENT") or "")
        self.archive: Archive | None = None
        self.crawl_id: str | None = None
        self.files: WarcFiles | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build it and wait for the archive to open."""
        from bishshow_spider.signals import archive_opened

        middleware = cls(crawler)
        crawler.signals.connect(middleware.archive_opened, signal=archive_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def archive_opened(self, archive: Archive, crawl_id: str) -> None:
        """Start this crawl's WARC series, named after the crawl."""
        self.archive, self.crawl_id = archive, crawl_id
        if self.enabled:
            info = {"software": "bishshow (Scrapy)", "format": "WARC File Format 1.1"}
            info |= {"http-header-user-agent": self.user_agent, "isPartOf": crawl_id}
            self.files = WarcFiles(self.warc_dir, f"bishshow-{crawl_id}", self.max_size, info)

    def process_response(self, request: Request, response: Response) -> Response:
        """Record the exchange, then let the response go on unchanged."""
        if self.archive is not None:
            try:
                self._record(request, response)
            except (OSError, sqlite3.Error):
                logger.exception("Could not record the snapshot of %s", response.url)
        return response

    def _record(self, request: Request, response: Response) -> None:
        fetched_at = datetime.now(UTC)
        location = None
        if self.files is not None:
            location = self.files.write(exchange_of(request, response, fetched_at))
        # A 304 may omit its validators: the ones we sent are the ones that still hold.
        etag = _header(response.headers, "ETag")
        last_modified = _header(response.headers, "Last-Modified")
        if response.status == 304:
            etag = etag or _header(request.headers, "If-None-Match")
            last_modified = last_modified or _header(request.headers, "If-Modified-Since")
        assert self.archive is not None
        self.archive.record_snapshot(
            Snapshot(
                url=response.url,
                fetched_at=utc_iso(fetched_at),
                status=response.status,
                content_hash=location.content_hash if location else body_hash(response.body),
                crawl_id=self.crawl_id,
                warc_file=(
                    os.path.relpath(self.warc_dir / location.file, self.db_dir)
                    if location
                    else None
                ),
                offset=location.offset if location else None,
                length=location.length if location else None,
                etag=etag,
                last_modified=last_modified,
                content_type=_header(response.headers, "Content-Type"),
                record_id=location.record_id if location else None,
            )
        )

    def spider_closed(self) -> None:
        """Close the current WARC file."""
        if self.files is not None:
            self.files.close()
