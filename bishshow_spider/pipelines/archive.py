"""Store articles and failures of a crawl in the SQLite archive, in batches; judge the run."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from bishshow_spider.archive import Archive, SaveResult
from bishshow_spider.extract.model import Article, PageFailure
from bishshow_spider.items import NotModified
from bishshow_spider.signals import archive_opened

logger = logging.getLogger(__name__)

DEFAULT_DB = "data/archive.db"
DEFAULT_BATCH_SIZE = 50
DEFAULT_FAIL_RATIO = 0.5
# The stat holding the run's status ('ok', 'failed', 'interrupted'), for the exit status.
STATUS_STAT = "bishshow/crawl_status"
# Set `crawl_failed = True` on the spider to mark a run that reached its end as failed anyway.
SPIDER_FAILURE_FLAG = "crawl_failed"
_SAVE_ERRORS = (sqlite3.Error, ValueError)
# Close reasons of a run that did what it was asked: the whole site, or a bound the user set.
COMPLETE_REASONS = frozenset(
    {"finished", "max_articles", "closespider_itemcount", "closespider_pagecount"}
)


def crawl_status(close_reason: str, spider_failed: bool = False) -> str:
    """'ok', 'failed' or 'interrupted' for a Scrapy close reason (kept verbatim in the stats)."""
    if spider_failed or close_reason == "closespider_errorcount":
        return "failed"
    if close_reason in COMPLETE_REASONS:
        return "ok"
    # Ctrl-C ('shutdown'), 'cancelled', a timeout: the run stopped before it was done, so an
    # article's absence means nothing.
    return "interrupted"


def too_many_failures(failed: int, requests: int, ratio: float, maximum: int = 0) -> bool:
    """Whether `failed` pages out of `requests` sink a run: over `ratio`, or over `maximum` (>0)."""
    if maximum > 0 and failed > maximum:
        return True
    # No requests: nothing was downloaded (a unit test, a run stopped at once), nothing to judge.
    return ratio > 0 and requests > 0 and failed > ratio * requests


def json_safe_stats(stats: dict[str, Any]) -> dict[str, Any]:
    """The stats that JSON can hold; datetimes become ISO 8601 strings, the rest is dropped."""
    safe: dict[str, Any] = {}
    for key, value in stats.items():
        if isinstance(value, datetime):
            safe[key] = value.isoformat()
        elif value is None or isinstance(value, str | int | float | bool):
            safe[key] = value
    return safe


class ArchivePipeline:
    """Buffer articles and save them per batch; record failures and dropped items at once.

    Settings: `ARCHIVE_DB` (default data/archive.db) and `ARCHIVE_BATCH_SIZE` (default 50).
    Writes are synchronous: a batch takes milliseconds, and a SQLite connection belongs to the
    thread that opened it.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = Path(crawler.settings.get("ARCHIVE_DB") or DEFAULT_DB)
        self.batch_size = crawler.settings.getint("ARCHIVE_BATCH_SIZE", DEFAULT_BATCH_SIZE)
        if self.batch_size < 1:
            raise ValueError(f"ARCHIVE_BATCH_SIZE must be at least 1, not {self.batch_size}")
        self.fail_ratio = crawler.settings.getfloat("CRAWL_FAIL_RATIO", DEFAULT_FAIL_RATIO)
        self.max_failures = crawler.settings.getint("CRAWL_MAX_FAILURES", 0)
        self.archive: Archive | None = None
        self.crawl_id = ""
        self._batch: list[Article] = []
        self._not_modified: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the pipeline and listen for dropped items and the close reason."""
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        # close_spider() runs before the close reason is known; spider_closed carries it.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        """Open (or create) the archive and record the start of the crawl."""
        spider = self.crawler.spider
        assert spider is not None, "open_spider() before the crawler has a spider"
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.archive = Archive(self.db_path)
        arguments = dict(getattr(spider, "crawl_args", None) or {})
        self.crawl_id = self.archive.start_crawl({"spider": spider.name, "arguments": arguments})
        logger.info("Archiving crawl %s into %s", self.crawl_id, self.db_path)
        self.crawler.signals.send_catch_log(
            archive_opened, archive=self.archive, crawl_id=self.crawl_id
        )

    def process_item(self, item: Any) -> Any:
        """Buffer an `Article` or `NotModified`, record a `PageFailure`; items go on unchanged."""
        if isinstance(item, Article | NotModified):
            if isinstance(item, Article):
                self._batch.append(item)
            else:
                self._not_modified.append(item.url)
            if len(self._batch) + len(self._not_modified) >= self.batch_size:
                self.flush()
        elif isinstance(item, PageFailure):
            self._record(item)
        return item

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        """Record an item an earlier pipeline dropped as a failure of its page."""
        url = getattr(item, "url", None)
        if isinstance(url, str) and url:
            self._record(PageFailure(url, f"dropped: {exception}"))

    def flush(self) -> None:
        """Save the buffered articles in one transaction (and the 304s in another)."""
        batch, self._batch = self._batch, []
        not_modified, self._not_modified = self._not_modified, []
        if self.archive is None:
            return
        result = SaveResult()
        if not_modified:
            result += self.archive.touch_articles(not_modified, self.crawl_id, datetime.now(UTC))
        if batch:
            try:
                result += self.archive.save_articles(batch, self.crawl_id, datetime.now(UTC))
            except _SAVE_ERRORS:
                # The batch was rolled back whole; saving each alone loses only the bad article.
                logger.exception(
                    "Saving a batch of %d articles failed, retrying one by one", len(batch)
                )
                result += self._save_one_by_one(batch)
        stats = self._stats()
        stats.inc_value("archive/new", result.new)
        stats.inc_value("archive/updated", result.updated)
        stats.inc_value("archive/unchanged", result.unchanged)

    def _save_one_by_one(self, batch: list[Article]) -> SaveResult:
        """Save each article in its own transaction; one that fails becomes a failure row."""
        assert self.archive is not None
        total = SaveResult()
        for article in batch:
            try:
                total += self.archive.save_articles([article], self.crawl_id, datetime.now(UTC))
            except _SAVE_ERRORS as exc:
                self._record(
                    PageFailure(article.url, f"archive error: {type(exc).__name__}: {exc}")
                )
        return total

    def _record(self, failure: PageFailure) -> None:
        """Write a failure now: they are few, and each should survive a crash of the crawl."""
        if self.archive is None:
            logger.warning("Archive not open, failure of %s not recorded", failure.url)
            return
        failed = self.archive.record_failures([failure], self.crawl_id, datetime.now(UTC))
        self._stats().set_value("archive/failed", failed)

    def close_spider(self) -> None:
        """Save what is still buffered (the crawl is finished in `spider_closed`)."""
        self.flush()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Finish the crawl row with its status and the crawler stats, and close the archive."""
        if self.archive is None:
            return
        self.flush()
        status = crawl_status(reason, self._run_failed(spider))
        self._stats().set_value(STATUS_STAT, status)
        stats = json_safe_stats(self._stats().get_stats()) | {"finish_reason": reason}
        self.archive.finish_crawl(self.crawl_id, status, stats)
        self.archive.close()
        self.archive = None
        logger.info("Crawl %s archived: %s", self.crawl_id, status)

    def _run_failed(self, spider: Spider) -> bool:
        """Flagged by the spider (start pages unreachable), or too many failures."""
        if getattr(spider, SPIDER_FAILURE_FLAG, False):
            return True
        stats = self._stats()
        failed = int(stats.get_value("archive/failed", 0))
        requests = int(stats.get_value("downloader/request_count", 0))
        if too_many_failures(failed, requests, self.fail_ratio, self.max_failures):
            logger.error(
                "Crawl %s failed: %d failures for %d requests (CRAWL_FAIL_RATIO %g,"
                " CRAWL_MAX_FAILURES %d)",
                self.crawl_id,
                failed,
                requests,
                self.fail_ratio,
                self.max_failures,
            )
            return True
        return False

    def _stats(self) -> StatsCollector:
        """The crawler's stats collector (set up before any pipeline runs)."""
        assert self.crawler.stats is not None
        return self.crawler.stats
