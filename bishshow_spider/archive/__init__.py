"""The SQLite archive: schema and migrations (`schema`), the writer and reader (`store`)."""

from bishshow_spider.archive.store import Archive, SaveResult

__all__ = ["Archive", "SaveResult"]
