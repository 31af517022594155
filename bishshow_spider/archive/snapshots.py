"""The `snapshots` table: which WARC record holds each fetched response, and what we know of URLs.

A snapshot is one HTTP response (any status) and where its bytes are. The latest 200 of an
article is what `bishshow reparse` re-extracts; the latest 200 or 304 carries the validators
(`ETag`, `Last-Modified`) that make the next crawl's request for it conditional.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlite_utils import Database


@dataclass(frozen=True)
class Snapshot:
    """One fetched response and where it is stored (no WARC location when WARC is off)."""

    url: str
    fetched_at: str
    status: int
    content_hash: str
    crawl_id: str | None = None
    warc_file: str | None = None
    offset: int | None = None
    length: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    record_id: str | None = None


_FIELDS = [f.name for f in fields(Snapshot)]
_COLUMNS = ", ".join(f'"{name}"' for name in _FIELDS)  # quoted: "offset" is an SQL keyword


@dataclass(frozen=True)
class KnownArticle:
    """What the archive knows of an article URL before fetching it again."""

    url: str
    published_at: str | None
    last_fetched: str | None  # latest 200 or 304; None for articles archived before snapshots
    etag: str | None
    last_modified: str | None


def insert_snapshot(db: Database, snapshot: Snapshot) -> int:
    """Insert `snapshot` (its own small transaction) and return its id."""
    cursor = db.execute(
        f"INSERT INTO snapshots ({_COLUMNS}) VALUES ({', '.join('?' * len(_FIELDS))})",
        [getattr(snapshot, name) for name in _FIELDS],
    )
    return int(cursor.lastrowid or 0)


def latest_snapshot(db: Database, url: str, statuses: tuple[int, ...] = (200,)) -> Snapshot | None:
    """The most recent snapshot of `url` with one of `statuses`."""
    marks = ", ".join("?" * len(statuses))
    row = db.execute(
        f"SELECT {_COLUMNS} FROM snapshots WHERE url = ? AND status IN ({marks})"
        " ORDER BY fetched_at DESC, id DESC LIMIT 1",
        [url, *statuses],
    ).fetchone()
    return Snapshot(*row) if row else None


_KNOWN = """
WITH latest AS (
  SELECT url, fetched_at, etag, last_modified,
         row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC, id DESC) AS n
  FROM snapshots WHERE status IN (200, 304))
SELECT a.url, a.published_at, l.fetched_at, l.etag, l.last_modified
FROM articles AS a LEFT JOIN latest AS l ON l.url = a.url AND l.n = 1
"""


def known_articles(db: Database) -> dict[str, KnownArticle]:
    """Every archived article with its latest fetch and validators, keyed by URL."""
    return {row[0]: KnownArticle(*row) for row in db.execute(_KNOWN).fetchall()}


def related_urls(db: Database, url: str) -> list[str]:
    """The archived Related Posts of `url`, in page order."""
    rows = db.execute(
        "SELECT url FROM related_posts WHERE article_url = ? ORDER BY position", [url]
    ).fetchall()
    return [str(r[0]) for r in rows]
