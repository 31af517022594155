"""bishshow: crawl, extract and archive news articles into SQLite."""

__version__ = "0.1.0"
