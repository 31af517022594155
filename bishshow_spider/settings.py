"""Scrapy settings for bishshow. Override any of them per run with `-s NAME=VALUE`."""

BOT_NAME = "bishshow"
SPIDER_MODULES = ["bishshow_spider.spiders"]
NEWSPIDER_MODULE = "bishshow_spider.spiders"

# Our best guess at the site's home page; the spider starts here unless `-a start_urls=` is given.
BISHSHOW_SITE_URL = "https://www.ajkerbishshow.com/"

# Where articles go; the pipelines create it (and its folder) on first use.
ARCHIVE_DB = "data/archive.db"
ARCHIVE_BATCH_SIZE = 50

# Politeness: identify honestly, obey robots.txt, adapt to the server's latency.
USER_AGENT = "bishshow/0.1 (news archiver for research; +https://github.com/bishshow/bishshow)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Bounded by default: a hostile or broken site must not make a run hang or eat the disk.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10

ITEM_PIPELINES = {
    "bishshow_spider.pipelines.NormalizePipeline": 100,
    "bishshow_spider.pipelines.ValidatePipeline": 200,
    "bishshow_spider.pipelines.ArchivePipeline": 300,
}

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
