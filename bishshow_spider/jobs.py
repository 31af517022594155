"""A crawl a scheduler can trust: one writer per archive, and a JOBDIR that survives SIGKILL.

`ArchiveJobExtension` runs before anything else of the crawl opens:

- It takes the archive's writer lock (`bishshow_spider.lock`), waiting up to `ARCHIVE_LOCK_WAIT`
  seconds; a second job on the same archive then exits with a clear message and a non-zero
  status instead of interleaving its writes. The lock is held until the engine has stopped.
- With `JOBDIR`, Scrapy keeps the request queue and the seen-requests file there, but writes the
  queue's index and flushes the seen file only on a clean stop. After a SIGKILL they disagree:
  a page can be "seen" although its links were never queued, so a resumed run would silently
  lose whatever lay behind it. A marker file tells a clean stop from a killed one; after a
  killed one the extension discards that state, and the run starts again from its start pages.
  Nothing is fetched in vain: what the killed run archived is known to the archive, so it is
  asked for conditionally (one 304 each) and its related posts are followed from the archive.
  After Ctrl-C (a clean stop) Scrapy's own resume is used unchanged.
- Crawls left `running` by a killed process are marked `interrupted` once the archive is open.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.job import job_dir

from bishshow_spider.archive import Archive
from bishshow_spider.lock import ArchiveLock, ArchiveLocked
from bishshow_spider.signals import archive_opened

logger = logging.getLogger(__name__)

RUNNING_MARKER = "bishshow.running"
# What Scrapy keeps in JOBDIR: the queue, the seen fingerprints, the spider's state.
SCRAPY_JOB_STATE = ("requests.queue", "requests.seen", "spider.state")


def discard_killed_job_state(jobdir: Path) -> bool:
    """Remove Scrapy's state from `jobdir` if the run that used it was killed; True if it was."""
    if not (jobdir / RUNNING_MARKER).exists():
        return False
    for name in SCRAPY_JOB_STATE:
        path = jobdir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    return True


class ArchiveJobExtension:
    """Writer lock for the whole crawl, JOBDIR recovery after a kill, stale crawls closed."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.lock = ArchiveLock(settings.get("ARCHIVE_DB") or "data/archive.db", "scrapy crawl")
        try:
            self.lock.acquire(settings.getfloat("ARCHIVE_LOCK_WAIT", 0.0))
        except ArchiveLocked as exc:
            logger.error("Not crawling: %s", exc)
            raise
        self.jobdir = Path(path) if (path := job_dir(settings)) else None
        if self.jobdir is not None:
            if discard_killed_job_state(self.jobdir):
                logger.warning(
                    "The last run with JOBDIR %s was killed; its queue cannot be trusted, so this"
                    " run starts again from the start pages (archived articles cost a 304 each)",
                    self.jobdir,
                )
            (self.jobdir / RUNNING_MARKER).touch()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Take the lock now, before the scheduler reads JOBDIR."""
        extension = cls(crawler)
        crawler.signals.connect(extension.archive_opened, signal=archive_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def archive_opened(self, archive: Archive, crawl_id: str) -> None:
        """With the lock held, no other crawl can be running: close the dead ones."""
        if stale := archive.interrupt_stale_crawls(except_id=crawl_id):
            logger.warning("Marked %d crawl(s) left running by a killed process interrupted", stale)

    def spider_closed(self) -> None:
        """The scheduler has saved its state (it closes first): the job stopped cleanly."""
        if self.jobdir is not None:
            (self.jobdir / RUNNING_MARKER).unlink(missing_ok=True)

    def engine_stopped(self) -> None:
        """Release the lock once everything (the crawl row included) is written."""
        self.lock.release()
