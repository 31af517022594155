"""`scrapy crawl` with an exit status a scheduler can act on.

Scrapy's command exits 0 whenever the spider could start, however the run went. This one exits 1
as well when the run's recorded status is 'failed' (no start page fetched, too many failures; see
`CRAWL_FAIL_RATIO`), and 2 when it was 'interrupted' (killed, Ctrl-C, a timeout).
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from bishshow_spider.pipelines.archive import STATUS_STAT

EXIT_CODES = {"ok": 0, "failed": 1, "interrupted": 2}


class Command(ScrapyCrawl):
    """Run a spider; the exit status follows the outcome the archive recorded."""

    def short_desc(self) -> str:
        """One line for `scrapy -h`."""
        return "Run a spider of the current project, by name (exit status: 0 ok, 1 failed)"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Crawl, then set the exit status from the crawl's status."""
        if len(args) != 1:
            raise UsageError("give exactly one spider name")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        status = crawler.stats.get_value(STATUS_STAT) if crawler.stats else None
        # No status: the archive pipeline is not enabled, so Scrapy's rule is all we have.
        self.exitcode = EXIT_CODES.get(str(status), 0) if status else 0
