"""The archive writer: crawls, articles with their child rows, revisions, snapshots, failures."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlite_utils import Database

from bishshow_spider.archive import fts
from bishshow_spider.archive.revisions import add_revision, changed_fields
from bishshow_spider.archive.rows import (
    CHILD_TABLES,
    Row,
    article_from_rows,
    article_row,
    child_rows,
    content_hash,
    keep_archived,
    to_json,
    utc_iso,
)
from bishshow_spider.archive.schema import apply_migrations
from bishshow_spider.archive.snapshots import Snapshot, insert_snapshot
from bishshow_spider.extract.model import Article, PageFailure

# Long enough to outwait another writer's batch or a checkpoint, short enough to surface a stuck
# lock. In WAL mode readers (Datasette, pandas) never block the writer at all.
BUSY_TIMEOUT_MS = 5000


class Outcome(Enum):
    """What saving one article did."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SaveResult:
    """How many articles of a batch were new, updated or unchanged."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: SaveResult) -> SaveResult:
        return SaveResult(
            self.new + other.new, self.updated + other.updated, self.unchanged + other.unchanged
        )


def open_database(path: str | Path) -> Database:
    """Open (or create) a SQLite file with the connection settings the archive relies on."""
    db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.enable_wal()
    # Safe with WAL (a power cut can lose the last commits, never corrupt), and much faster.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


class _Writes:
    """The rows of a batch's new and changed articles, written together at `flush`: one
    statement per table per batch instead of ten per article, whose overhead cost more than
    the rows themselves."""

    def __init__(self, db: Database, documents: dict[int, fts.Document]) -> None:
        self._db = db
        self._documents = documents  # fts.paused indexes them when the batch ends
        self._rows: dict[str, Row] = {}
        self._index: dict[str, fts.Document] = {}
        self._children: dict[str, list[Row]] = {}

    def __contains__(self, url: str) -> bool:
        return url in self._rows

    def add(
        self, article: Article, hash_: str, crawl_id: str, *, first_seen: str, last_seen: str
    ) -> None:
        """Queue `article`'s row (with this bookkeeping) and its child rows."""
        self._rows[article.url] = article_row(article) | {
            "first_seen_at": first_seen,
            "last_seen_at": last_seen,
            "last_crawl_id": crawl_id,
            "content_hash": hash_,
        }
        self._index[article.url] = fts.document(article)
        for table, rows in child_rows(article).items():
            self._children.setdefault(table, []).extend(rows)

    def flush(self) -> None:
        """Upsert the queued rows and replace their child rows."""
        if not self._rows:
            return
        rows = list(self._rows.values())
        # An upsert, not INSERT OR REPLACE: replacing would delete the row under its children.
        # Plain SQL on this hot path: sqlite-utils' insert_all opens a savepoint and looks the
        # table up on every call, which cost more than the writes (the schema stays its job).
        self._db.conn.executemany(_upsert_sql(tuple(rows[0])), [list(r.values()) for r in rows])
        urls = to_json(list(self._rows))
        written = self._db.execute(
            "SELECT url, rowid FROM articles WHERE url IN (SELECT value FROM json_each(?))", [urls]
        )
        for url, rowid in written:
            self._documents[rowid] = self._index[url]
        for table in CHILD_TABLES:
            self._db.execute(
                f"DELETE FROM [{table}] WHERE article_url IN (SELECT value FROM json_each(?))",
                [urls],
            )
            if children := self._children.get(table):
                self._db.conn.executemany(
                    _insert_sql(table, tuple(children[0])), [list(r.values()) for r in children]
                )
        self._rows, self._index, self._children = {}, {}, {}


@cache
def _upsert_sql(columns: tuple[str, ...]) -> str:
    """Insert or update an `articles` row with these columns."""
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != "url")
    return (
        f"INSERT INTO articles ({', '.join(f'[{c}]' for c in columns)})"
        f" VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT (url) DO UPDATE SET {updates}"
    )


@cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return (
        f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)})"
        f" VALUES ({', '.join('?' * len(columns))})"
    )


def new_crawl_id(now: datetime) -> str:
    """Sortable by start time; the random tail keeps two crawls started together apart."""
    return f"{now.astimezone(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


class Archive:
    """A bishshow archive file, migrated to the current schema when opened."""

    def __init__(self, path: str | Path) -> None:
        self._db = open_database(path)
        try:
            apply_migrations(self._db)
        except BaseException:
            self._db.close()
            raise

    @property
    def db(self) -> Database:
        """The underlying sqlite-utils database (for queries; write through this class)."""
        return self._db

    def start_crawl(self, args: dict[str, Any]) -> str:
        """Record the start of a crawl run and return its id."""
        now = datetime.now(UTC)
        crawl_id = new_crawl_id(now)
        row = {"id": crawl_id, "started_at": utc_iso(now), "status": "running"}
        self._db.table("crawls").insert(row | {"args": to_json(args)})
        return crawl_id

    def finish_crawl(self, crawl_id: str, status: str, stats: dict[str, Any]) -> None:
        """Record how a crawl ended; new/updated/unchanged were counted as batches were saved."""
        with self._db.atomic():
            cursor = self._db.execute(
                "UPDATE crawls SET finished_at = ?, status = ?, stats = ?,"
                " failed = (SELECT count(*) FROM failures WHERE crawl_id = crawls.id)"
                " WHERE id = ?",
                [utc_iso(datetime.now(UTC)), status, to_json(stats), crawl_id],
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no crawl {crawl_id!r}")

    def save_articles(
        self, articles: Sequence[Article], crawl_id: str, seen_at: datetime
    ) -> SaveResult:
        """Save a batch in one transaction: all of it (rows and child rows) or none of it."""
        seen = utc_iso(seen_at)
        outcomes = {o: 0 for o in Outcome}
        with self._db.atomic(), fts.paused(self._db) as documents:
            writes = _Writes(self._db, documents)
            for article in articles:
                if article.url in writes:  # the same URL twice: merge over what the batch wrote
                    writes.flush()
                outcome = self._save_one(article, crawl_id, seen, writes)
                outcomes[outcome] += 1
            writes.flush()
            result = SaveResult(
                outcomes[Outcome.NEW], outcomes[Outcome.UPDATED], outcomes[Outcome.UNCHANGED]
            )
            self._db.execute(
                "UPDATE crawls SET new = new + ?, updated = updated + ?,"
                " unchanged = unchanged + ? WHERE id = ?",
                [result.new, result.updated, result.unchanged, crawl_id],
            )
        return result

    def _save_one(self, article: Article, crawl_id: str, seen: str, writes: _Writes) -> Outcome:
        """Insert, update or just touch one article (inside the caller's transaction)."""
        stored = self._db.execute(
            "SELECT first_seen_at, content_hash FROM articles WHERE url = ?", [article.url]
        ).fetchone()
        fresh_hash = content_hash(article)
        if stored is None:
            writes.add(article, fresh_hash, crawl_id, first_seen=seen, last_seen=seen)
            return Outcome.NEW
        first_seen, stored_hash = stored
        # Cheap test first: most re-crawled articles are byte-for-byte the same.
        if fresh_hash != stored_hash:
            merged, changes = self._merge(article)
            merged_hash = content_hash(merged)
            if merged_hash != stored_hash:
                writes.add(merged, merged_hash, crawl_id, first_seen=first_seen, last_seen=seen)
                if changes:
                    add_revision(
                        self._db, article.url, changes, at=seen, source="crawl", crawl_id=crawl_id
                    )
                return Outcome.UPDATED
        self._touch(article.url, crawl_id, seen)
        return Outcome.UNCHANGED

    def _merge(self, article: Article) -> tuple[Article, dict[str, tuple[Any, Any]]]:
        """`article` merged over the archived one (never less), and what that changes."""
        archived = self.load_article(article.url)
        assert archived is not None  # inside our transaction the row cannot vanish
        merged = keep_archived(archived, article)
        return merged, changed_fields(archived, merged)

    def _touch(self, url: str, crawl_id: str, seen: str) -> None:
        self._db.execute(
            "UPDATE articles SET last_seen_at = ?, last_crawl_id = ? WHERE url = ?",
            [seen, crawl_id, url],
        )

    def touch_articles(self, urls: Sequence[str], crawl_id: str, seen_at: datetime) -> SaveResult:
        """Mark archived articles the server said were not modified (HTTP 304) as seen."""
        seen = utc_iso(seen_at)
        with self._db.atomic():
            for url in urls:
                self._touch(url, crawl_id, seen)
            self._db.execute(
                "UPDATE crawls SET unchanged = unchanged + ? WHERE id = ?", [len(urls), crawl_id]
            )
        return SaveResult(unchanged=len(urls))

    def reparse_article(self, article: Article, at: datetime) -> list[str]:
        """Apply a re-extraction of an archived article; the fields that changed (revised).

        The same rule as a crawl (nothing archived is replaced by less), but it is not a sighting:
        `last_seen_at` and `last_crawl_id` stay as they are.
        """
        with self._db.atomic(), fts.paused(self._db) as documents:
            stored = self._db.execute(
                "SELECT first_seen_at, last_seen_at, last_crawl_id, content_hash FROM articles"
                " WHERE url = ?",
                [article.url],
            ).fetchone()
            if stored is None:
                raise KeyError(f"no archived article {article.url!r}")
            first_seen, last_seen, last_crawl, stored_hash = stored
            if content_hash(article) == stored_hash:
                return []
            merged, changes = self._merge(article)
            merged_hash = content_hash(merged)
            if merged_hash == stored_hash:
                return []
            writes = _Writes(self._db, documents)
            writes.add(merged, merged_hash, last_crawl, first_seen=first_seen, last_seen=last_seen)
            writes.flush()
            if changes:
                add_revision(
                    self._db,
                    article.url,
                    changes,
                    at=utc_iso(at),
                    source="reparse",
                    crawl_id=None,
                )
            return list(changes)

    def record_snapshot(self, snapshot: Snapshot) -> int:
        """Index one fetched response (and where its WARC record is); returns its id."""
        return insert_snapshot(self._db, snapshot)

    def interrupt_stale_crawls(self, except_id: str = "") -> int:
        """Mark crawls left 'running' by a killed process as 'interrupted' (writer lock held)."""
        with self._db.atomic():
            cursor = self._db.execute(
                "UPDATE crawls SET status = 'interrupted',"
                " failed = (SELECT count(*) FROM failures WHERE crawl_id = crawls.id)"
                " WHERE status = 'running' AND id != ?",
                [except_id],
            )
        return int(cursor.rowcount)

    def record_failures(self, failures: Sequence[PageFailure], crawl_id: str, at: datetime) -> int:
        """Record pages that failed in a crawl (a URL failing again keeps one row, the latest).

        Returns how many distinct URLs have failed in the crawl so far.
        """
        when = utc_iso(at)
        with self._db.atomic():
            for failure in failures:
                self._db.execute(
                    "INSERT INTO failures (url, crawl_id, status, reason, at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (crawl_id, url) DO UPDATE"
                    " SET status = excluded.status, reason = excluded.reason, at = excluded.at",
                    [failure.url, crawl_id, failure.status, failure.reason, when],
                )
            (failed,) = self._db.execute(
                "SELECT count(*) FROM failures WHERE crawl_id = ?", [crawl_id]
            ).fetchone()
            self._db.execute("UPDATE crawls SET failed = ? WHERE id = ?", [failed, crawl_id])
        return int(failed)

    def load_article(self, url: str) -> Article | None:
        """The archived article at `url`, rebuilt with its sections, related posts and images."""
        row = next(self._db.table("articles").rows_where("url = ?", [url]), None)
        if row is None:
            return None

        def children(table: str) -> list[dict[str, Any]]:
            return list(
                self._db.table(table).rows_where("article_url = ?", [url], order_by="position")
            )

        return article_from_rows(
            row, children("sections"), children("related_posts"), children("images")
        )

    def close(self) -> None:
        """Close the connection (WAL content is checkpointed into the main file by SQLite)."""
        self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
