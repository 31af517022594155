"""Scrapy settings for bishshow. Override any of them per run with `-s NAME=VALUE`."""

BOT_NAME = "bishshow"
SPIDER_MODULES = ["bishshow_spider.spiders"]
NEWSPIDER_MODULE = "bishshow_spider.spiders"

# Our best guess at the site's home page; the spider starts here unless `-a start_urls=` is given.
BISHSHOW_SITE_URL = "https://www.ajkerbishshow.com/"
# The zone of dates the site prints without an offset, and the one archived dates are written in.
BISHSHOW_TIMEZONE = "Asia/Dhaka"

# Where articles go; the pipelines create it (and its folder) on first use.
ARCHIVE_DB = "data/archive.db"
ARCHIVE_BATCH_SIZE = 50
# One writer per archive (bishshow_spider.jobs): a second job waits this many seconds for the
# first to finish, then exits non-zero with a message saying who holds the archive.
ARCHIVE_LOCK_WAIT = 0
# Raw snapshots (bishshow_spider.recording): every response as gzipped WARC, `warc/` beside the
# archive unless WARC_DIR says otherwise, a new file before one passes WARC_MAX_SIZE bytes.
WARC_ENABLED = True
WARC_DIR = ""
WARC_MAX_SIZE = 1024**3
# A run fails (crawls.status 'failed', non-zero exit) when no start page could be fetched, when
# failures exceed this share of requests, or (if set above 0) this many failures.
CRAWL_FAIL_RATIO = 0.5
CRAWL_MAX_FAILURES = 0
# Our `scrapy crawl` (bishshow_spider/scrapy_commands/crawl.py): Scrapy's, plus an exit status.
COMMANDS_MODULE = "bishshow_spider.scrapy_commands"
EXTENSIONS = {
    "bishshow_spider.jobs.ArchiveJobExtension": 0,
}

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
# Scrapy's list (429 included); 403 and 404 are answers, not hiccups, so they are not retried.
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Waits before a retry (bishshow_spider.middlewares): 1 s, 2 s, … at most 30 s; a Retry-After
# on 429/503 is honoured up to 60 s, and a page asking for longer is left for the next run.
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 30.0
RETRY_AFTER_MAX = 60.0
REDIRECT_MAX_TIMES = 10
# Link depth from the start pages. Far deeper than any listing's pagination a daily run walks,
# yet a calendar or session-id trap ends; raise it (0: unbounded) for a first back-crawl of a
# site with thousands of listing pages.
DEPTH_LIMIT = 1000

DOWNLOADER_MIDDLEWARES = {
    # Before OffsiteMiddleware (50) and robots.txt (100): nothing off site is ever fetched.
    "bishshow_spider.middlewares.OffsiteGuardMiddleware": 40,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "bishshow_spider.middlewares.BackoffRetryMiddleware": 550,
    # Responses pass middlewares from high to low: a 3xx is checked before the redirect
    # middleware (600), gzip before decompression (590), meta refresh after it, before 580.
    "bishshow_spider.middlewares.RedirectGuardMiddleware": 610,
    "bishshow_spider.middlewares.TruncatedGzipMiddleware": 595,
    "bishshow_spider.middlewares.MetaRefreshGuardMiddleware": 585,
    # Next to the downloader: the request as sent, the response as served (still compressed).
    "bishshow_spider.recording.SnapshotMiddleware": 890,
}
# No middleware of ours touches the spider's output: each is a layer every link passes through.
SPIDER_MIDDLEWARES = {
    "bishshow_spider.middlewares.CallbackErrorMiddleware": 950,
}

ITEM_PIPELINES = {
    "bishshow_spider.pipelines.NormalizePipeline": 100,
    "bishshow_spider.pipelines.ValidatePipeline": 200,
    "bishshow_spider.pipelines.ArchivePipeline": 300,
}

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
