"""The archive's SQLite schema, built and upgraded by `sqlite_utils` migrations.

The schema is a public interface: analysts query it for years. So migrations are append-only:
an archive made by an older version upgrades in place when it is opened, by the migrations it has
not seen yet. Never edit a migration that has shipped; add `m002_...` after it.

Tables (timestamps are ISO 8601 UTC with offset, JSON columns are TEXT holding JSON):

- `articles`: one row per URL; `authors`, `tags` (JSON arrays) and `sources` (JSON object);
  `first_seen_at`/`last_seen_at`/`last_crawl_id` say when it was crawled and `content_hash`
  whether it changed.
- `sections`: one row per section in reading order; `text` is its paragraphs and quotes joined
  with a blank line, `blocks` (JSON) every block with its kind, so the article can be rebuilt.
- `bullets`: the list items of each section (`kind` is 'bullet' or 'numbered').
- `related_posts`, `images`: in page order.
- `failures`: one row per page that could not be fetched or parsed (or was rejected) in a crawl.
- `crawls`: one row per run, with its arguments, outcome, counts and Scrapy stats.
- `articles_fts` (m002): FTS5 full-text index of titles, summary, headings and body, one row per
  article (`rowid` = `articles.rowid`), kept in sync by triggers; see `archive/fts.py`.
- `snapshots` (m003): one row per HTTP response fetched, pointing at its record in the WARC files
  (`warc_file`, `offset`, `length`), with the validators (`etag`, `last_modified`) that make the
  next run's requests conditional.
- `revisions` (m003): one row per change of an archived article, numbered from 1 per article:
  the fields that changed (`changed`, JSON array) and their `old` and `new` values (JSON objects).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bishshow_spider.archive.fts import install_fts, install_pausable_triggers

MIGRATIONS = Migrations("bishshow")

ARTICLE_COLUMNS: dict[str, type] = {
    "url": str,
    "canonical_url": str,
    "title": str,
    "title_bn": str,
    "title_en": str,
    "summary": str,
    "authors": str,
    "category": str,
    "tags": str,
    "published_at": str,
    "published_raw": str,
    "modified_at": str,
    "modified_raw": str,
    "language": str,
    "body_text": str,
    "word_count": int,
    "sources": str,
    "first_seen_at": str,
    "last_seen_at": str,
    "last_crawl_id": str,
    "content_hash": str,
}


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    """Create every table and index of the first archive format."""
    db.table("crawls").create(
        {
            "id": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "args": str,
            "new": int,
            "updated": int,
            "unchanged": int,
            "failed": int,
            "stats": str,
        },
        pk="id",
        not_null={"started_at", "status", "args", "new", "updated", "unchanged", "failed"},
        defaults={"args": "{}", "new": 0, "updated": 0, "unchanged": 0, "failed": 0},
    )
    db.table("articles").create(
        ARTICLE_COLUMNS,
        pk="url",
        foreign_keys=[("last_crawl_id", "crawls", "id")],
        not_null={"authors", "tags", "body_text", "word_count", "sources"}
        | {"first_seen_at", "last_seen_at", "last_crawl_id", "content_hash"},
        defaults={"authors": "[]", "tags": "[]", "body_text": "", "word_count": 0, "sources": "{}"},
    )
    article_fk = [("article_url", "articles", "url")]
    # SQLite lets a non-INTEGER primary key column hold NULL unless told otherwise.
    db.table("sections").create(
        {"article_url": str, "position": int, "heading": str, "text": str, "blocks": str},
        pk=("article_url", "position"),
        foreign_keys=article_fk,
        not_null={"article_url", "position", "text", "blocks"},
    )
    db.table("bullets").create(
        {
            "article_url": str,
            "section_position": int,
            "position": int,
            "kind": str,
            "text": str,
        },
        pk=("article_url", "section_position", "position"),
        foreign_keys=article_fk,
        not_null={"article_url", "section_position", "position", "kind", "text"},
    )
    db.table("related_posts").create(
        {"article_url": str, "position": int, "url": str, "title": str, "excerpt": str},
        pk=("article_url", "position"),
        foreign_keys=article_fk,
        not_null={"article_url", "position", "url", "title"},
    )
    db.table("images").create(
        {"article_url": str, "position": int, "src": str, "caption": str},
        pk=("article_url", "position"),
        foreign_keys=article_fk,
        not_null={"article_url", "position", "src"},
    )
    db.table("failures").create(
        {"id": int, "url": str, "crawl_id": str, "status": int, "reason": str, "at": str},
        pk="id",
        foreign_keys=[("crawl_id", "crawls", "id")],
        not_null={"url", "crawl_id", "reason", "at"},
    )
    # Also the index for "failures of crawl X": crawl_id leads it. Likewise the child tables'
    # primary keys start with article_url, so they already index it.
    db.table("failures").create_index(["crawl_id", "url"], unique=True)
    db.table("articles").create_index(["published_at"])
    db.table("articles").create_index(["category"])
    db.table("articles").create_index(["last_crawl_id"])


def apply_migrations(db: Database, migrations: Migrations = MIGRATIONS) -> None:
    """Bring `db` up to date; migrations already applied are skipped."""
    migrations.apply(db)


@MIGRATIONS()
def m002_full_text_search(db: Database) -> None:
    """Add `articles_fts` (Bengali-aware FTS5 with sync triggers) and index existing articles."""
    install_fts(db)


@MIGRATIONS()
def m003_snapshots_and_revisions(db: Database) -> None:
    """Add `snapshots` (the WARC index, with HTTP validators) and `revisions` (article changes)."""
    db.table("snapshots").create(
        {
            "id": int,
            "url": str,
            "fetched_at": str,
            "status": int,
            "warc_file": str,
            "offset": int,
            "length": int,
            "content_hash": str,
            "crawl_id": str,
            "etag": str,
            "last_modified": str,
            "content_type": str,
            "record_id": str,
        },
        pk="id",
        foreign_keys=[("crawl_id", "crawls", "id")],
        not_null={"url", "fetched_at", "status", "content_hash"},
    )
    # "Latest snapshot of this URL" is the question reparse and incremental runs ask.
    db.table("snapshots").create_index(["url", "fetched_at"])
    db.table("snapshots").create_index(["crawl_id"])
    db.table("revisions").create(
        {
            "article_url": str,
            "revision": int,
            "crawl_id": str,
            "source": str,
            "at": str,
            "changed": str,
            "old": str,
            "new": str,
        },
        pk=("article_url", "revision"),
        # No key to `articles`: history outlives an article row someone deletes by hand.
        foreign_keys=[("crawl_id", "crawls", "id")],
        not_null={"article_url", "revision", "source", "at", "changed", "old", "new"},
    )
    db.table("revisions").create_index(["crawl_id"])


@MIGRATIONS()
def m004_pausable_fts_triggers(db: Database) -> None:
    """Let the archive's writer re-index an article once per save, not once per section."""
    install_pausable_triggers(db)
