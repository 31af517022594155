"""Signals of this project (Scrapy's signal API: `crawler.signals.connect(handler, signal=...)`).

`archive_opened(archive, crawl_id)`: the ArchivePipeline has opened the archive and recorded the
crawl; the snapshot middleware and the spider use the same connection from then on.
"""

archive_opened = object()
