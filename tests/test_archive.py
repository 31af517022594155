"""The SQLite archive: schema, migrations, saving, merging, failures and crawls."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bishshow_spider.archive import Archive, SaveResult
from bishshow_spider.archive.rows import content_hash, keep_archived
from bishshow_spider.archive.schema import MIGRATIONS, apply_migrations
from bishshow_spider.archive.store import new_crawl_id
from bishshow_spider.extract.model import Article, Block, Image, PageFailure, RelatedPost, Section

T0 = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=1)
CHILD_TABLES = ("sections", "bullets", "related_posts", "images")

SCHEMA = {
    "articles": [
        "url", "canonical_url", "title", "title_bn", "title_en", "summary", "authors",
        "category", "tags", "published_at", "published_raw", "modified_at", "modified_raw",
        "language", "body_text", "word_count", "sources", "first_seen_at", "last_seen_at",
        "last_crawl_id", "content_hash",
    ],
    "sections": ["article_url", "position", "heading", "text", "blocks"],
    "bullets": ["article_url", "section_position", "position", "kind", "text"],
    "related_posts": ["article_url", "position", "url", "title", "excerpt"],
    "images": ["article_url", "position", "src", "caption"],
    "failures": ["id", "url", "crawl_id", "status", "reason", "at"],
    "crawls": [
        "id", "started_at", "finished_at", "status", "args", "new", "updated", "unchanged",
        "failed", "stats",
    ],
}  # fmt: skip


def make_article(url: str = "https://example.com/news/1", **changes: Any) -> Article:
    """A complete bilingual article with every kind of child row."""
    article = Article(
        url=url,
        canonical_url=url,
        title="বাজেট ঘোষণা | Budget announced",
        title_bn="বাজেট ঘোষণা",
        title_en="Budget announced",
        summary="নতুন বাজেট।",
        authors=["রহিম", "Karim"],
        category="অর্থনীতি",
        tags=["বাজেট", "economy"],
        published_at="2024-05-01T10:00:00+06:00",
        published_raw="১ মে ২০২৪, ১০:০০",
        language="bn",
        sections=[
            Section(None, [Block("paragraph", "প্রথম অনুচ্ছেদ।"), Block("quote", "উক্তি।")]),
            Section(
                "মূল বিষয়",
                [
                    Block("paragraph", "দ্বিতীয়।"),
                    Block("bullet", "এক"),
                    Block("numbered", "দুই"),
                    Block("paragraph", "শেষ।"),
                ],
            ),
        ],
        related=[RelatedPost("https://example.com/news/2", "আরও খবর", "সংক্ষেপ")],
        images=[Image("https://example.com/a.jpg", "ছবি"), Image("https://example.com/b.jpg")],
        body_text="প্রথম অনুচ্ছেদ। উক্তি। দ্বিতীয়। এক দুই শেষ।",
        word_count=6,
        sources={"title": "jsonld", "authors": "meta"},
    )
    return replace(article, **changes)


@pytest.fixture
def archive(tmp_path: Path) -> Any:
    with Archive(tmp_path / "archive.db") as opened:
        yield opened


@pytest.fixture
def crawl_id(archive: Archive) -> str:
    return archive.start_crawl({"spider": "bishshow", "arguments": {}})


def count(archive: Archive, table: str) -> int:
    return archive.db.table(table).count


def row(archive: Archive, url: str) -> dict[str, Any]:
    return archive.db.table("articles").get(url)


# Schema and connection


def test_schema_has_the_documented_tables_and_columns(archive: Archive) -> None:
    for table, columns in SCHEMA.items():
        assert [c.name for c in archive.db.table(table).columns] == columns, table


def test_child_tables_point_at_articles(archive: Archive) -> None:
    for table in CHILD_TABLES:
        fks = {
            (fk.column, fk.other_table, fk.other_column)
            for fk in archive.db.table(table).foreign_keys
        }
        assert fks == {("article_url", "articles", "url")}, table


def test_lookups_analysts_make_use_an_index(archive: Archive) -> None:
    queries = [
        "select * from articles where published_at > '2024'",
        "select * from articles where category = 'x'",
        "select * from failures where crawl_id = 'x'",
        *(f"select * from {t} where article_url = 'x'" for t in CHILD_TABLES),
    ]
    for sql in queries:
        plan = " ".join(str(r[3]) for r in archive.db.execute(f"explain query plan {sql}"))
        assert "USING" in plan and "INDEX" in plan, (sql, plan)


def test_connection_is_wal_with_foreign_keys(archive: Archive) -> None:
    pragma = {
        name: archive.db.execute(f"pragma {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    }
    assert pragma == {"journal_mode": "wal", "synchronous": 1, "foreign_keys": 1} | {
        "busy_timeout": 5000
    }


# Migrations


def applied_names(db: Database) -> list[str]:
    return [r["name"] for r in db["_sqlite_migrations"].rows]


# Every shipped migration, in order (all are pending on an empty database).
SHIPPED = [m.name for m in MIGRATIONS.pending(Database(memory=True))]


def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Archive(path).close()
    schema = Database(path).schema
    with Archive(path) as again:
        assert applied_names(again.db) == SHIPPED
        assert again.db.schema == schema


def test_an_old_archive_upgrades_in_place_when_a_migration_is_added(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Archive(path) as old:
        old.save_articles([make_article()], old.start_crawl({}), T0)
    later = Migrations("bishshow")
    for shipped in MIGRATIONS.pending(Database(memory=True)):
        later(name=shipped.name)(shipped.fn)

    @later()
    def m999_add_paywalled(db: Database) -> None:
        db.table("articles").add_column("paywalled", int)

    db = Database(path)
    assert [m.name for m in later.pending(db)] == ["m999_add_paywalled"]
    apply_migrations(db, later)
    apply_migrations(db, later)  # a re-run is a no-op
    assert applied_names(db) == [*SHIPPED, "m999_add_paywalled"]
    assert "paywalled" in db.table("articles").columns_dict
    assert db.table("articles").count == 1
    db.close()
    with Archive(path) as reopened:  # the older code opens a newer archive unharmed
        assert reopened.load_article(make_article().url) == make_article()


# Saving


def test_saving_twice_is_idempotent(archive: Archive, crawl_id: str) -> None:
    articles = [make_article(), make_article("https://example.com/news/3", title="Other")]
    assert archive.save_articles(articles, crawl_id, T0) == SaveResult(new=2)
    counts = {t: count(archive, t) for t in ("articles", *CHILD_TABLES)}
    assert counts == {"articles": 2, "sections": 4, "bullets": 4} | {
        "related_posts": 2,
        "images": 4,
    }
    assert archive.save_articles(articles, crawl_id, T1) == SaveResult(unchanged=2)
    assert {t: count(archive, t) for t in counts} == counts


def test_rows_hold_the_documented_values(archive: Archive, crawl_id: str) -> None:
    article = make_article()
    archive.save_articles([article], crawl_id, T0)
    stored = row(archive, article.url)
    assert json.loads(stored["authors"]) == ["রহিম", "Karim"]
    assert (stored["first_seen_at"], stored["last_crawl_id"]) == (
        "2024-05-01T06:00:00+00:00",
        crawl_id,
    )
    assert stored["content_hash"] == content_hash(article)
    sections = list(archive.db.query("select * from sections order by position"))
    assert [(s["position"], s["heading"], s["text"]) for s in sections] == [
        (0, None, "প্রথম অনুচ্ছেদ।\n\nউক্তি।"),
        (1, "মূল বিষয়", "দ্বিতীয়।\n\nশেষ।"),
    ]
    bullets = archive.db.query("select section_position, position, kind, text from bullets")
    assert [tuple(b.values()) for b in bullets] == [
        (1, 0, "bullet", "এক"),
        (1, 1, "numbered", "দুই"),
    ]


def test_a_changed_article_replaces_its_child_rows(archive: Archive, crawl_id: str) -> None:
    article = make_article()
    archive.save_articles([article], crawl_id, T0)
    edited = replace(
        article,
        title="Budget revised",
        sections=[Section("নতুন", [Block("paragraph", "একমাত্র।")])],
        related=[RelatedPost("https://example.com/news/9", "নয়")],
        images=[Image("https://example.com/c.jpg")],
    )
    assert archive.save_articles([edited], crawl_id, T1) == SaveResult(updated=1)
    assert archive.load_article(article.url) == edited
    assert [count(archive, t) for t in CHILD_TABLES] == [1, 0, 1, 1]
    assert count(archive, "articles") == 1


def test_first_seen_is_kept_and_last_seen_moves(archive: Archive, crawl_id: str) -> None:
    archive.save_articles([make_article()], crawl_id, T0)
    later_crawl = archive.start_crawl({})
    archive.save_articles([make_article(title="Edited")], later_crawl, T1)
    archive.save_articles([make_article(title="Edited")], later_crawl, T1 + timedelta(hours=1))
    stored = row(archive, make_article().url)
    assert stored["first_seen_at"] == "2024-05-01T06:00:00+00:00"
    assert stored["last_seen_at"] == "2024-05-02T07:00:00+00:00"
    assert stored["last_crawl_id"] == later_crawl


@pytest.mark.parametrize(
    "missing",
    [
        {"summary": None},
        {"title_en": ""},
        {"authors": [], "tags": []},
        {"sections": []},
        {"related": [], "images": []},
        {"body_text": "", "word_count": 0},
        {"sources": {}},
    ],
    ids=str,
)
def test_nothing_archived_is_overwritten_by_less(
    archive: Archive, crawl_id: str, missing: dict[str, Any]
) -> None:
    archive.save_articles([make_article()], crawl_id, T0)
    before = [list(archive.db.table(t).rows) for t in CHILD_TABLES]
    result = archive.save_articles([make_article(**missing)], crawl_id, T1)
    assert result == SaveResult(unchanged=1)
    assert archive.load_article(make_article().url) == make_article()
    assert [list(archive.db.table(t).rows) for t in CHILD_TABLES] == before


def test_a_real_change_beside_a_missing_field_keeps_the_archived_one(
    archive: Archive, crawl_id: str
) -> None:
    archive.save_articles([make_article()], crawl_id, T0)
    result = archive.save_articles([make_article(title="New", summary=None)], crawl_id, T1)
    assert result == SaveResult(updated=1)
    assert archive.load_article(make_article().url) == make_article(title="New")


def test_keep_archived_says_where_kept_values_came_from() -> None:
    archived = make_article(sources={"summary": "meta", "title": "meta"})
    fresh = make_article(summary=None, sources={"title": "jsonld", "summary": "theme"})
    merged = keep_archived(archived, fresh)
    assert merged.summary == archived.summary
    assert merged.sources == {"title": "jsonld", "summary": "meta"}


def test_to_dict_is_what_asdict_gives() -> None:
    """Archived hashes were made from `asdict`: the faster `to_dict` must give the same values
    (and copies, not the article's own lists), or every re-crawled article would look edited."""
    goldens = sorted((Path(__file__).parent.parent / "fixtures" / "golden").rglob("*.json"))
    articles = [Article.from_dict(json.loads(p.read_text("utf-8"))) for p in goldens]
    assert len(articles) > 50
    for article in [make_article(), *articles]:
        data = article.to_dict()
        assert data == asdict(article)
        data["authors"].append("x")
        data["sources"]["x"] = "y"
        assert "x" not in article.authors and "x" not in article.sources


def test_content_hash_ignores_provenance_only() -> None:
    assert content_hash(make_article()) == content_hash(make_article(sources={}))
    assert content_hash(make_article()) != content_hash(make_article(word_count=7))


def test_a_failing_batch_writes_nothing(archive: Archive, crawl_id: str) -> None:
    archive.save_articles([make_article()], crawl_id, T0)
    before = archive.db.execute("select * from articles").fetchall()
    batch = [
        make_article(title="Edited, must not stick", sections=[]),
        make_article("https://example.com/news/4"),
        # NOT NULL images.src: the third article fails after two were written in the batch.
        make_article("https://example.com/news/5", images=[Image(None)]),  # type: ignore[arg-type]
    ]
    with pytest.raises(sqlite3.IntegrityError):
        archive.save_articles(batch, crawl_id, T1)
    assert archive.db.execute("select * from articles").fetchall() == before
    assert archive.load_article(make_article().url) == make_article()
    assert count(archive, "sections") == 2
    assert archive.db.table("crawls").get(crawl_id)["new"] == 1
    assert archive.db.execute("pragma integrity_check").fetchone() == ("ok",)
    assert archive.db.execute("pragma foreign_key_check").fetchall() == []


def test_articles_need_a_known_crawl(archive: Archive) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        archive.save_articles([make_article()], "no-such-crawl", T0)


def test_naive_datetimes_are_refused(archive: Archive, crawl_id: str) -> None:
    with pytest.raises(ValueError, match="naive"):
        archive.save_articles([make_article()], crawl_id, datetime(2024, 5, 1))


def test_load_article_round_trips(archive: Archive, crawl_id: str) -> None:
    article = make_article(summary=None, modified_at="2024-05-02T00:00:00+00:00")
    archive.save_articles([article], crawl_id, T0)
    assert archive.load_article(article.url) == article
    assert archive.load_article("https://example.com/missing") is None


# Failures and crawls


def test_failures_keep_one_row_per_url_and_crawl(archive: Archive, crawl_id: str) -> None:
    url = "https://example.com/gone"
    archive.record_failures([PageFailure(url, "HTTP 503", 503)], crawl_id, T0)
    failed = archive.record_failures(
        [PageFailure(url, "HTTP 404 Not Found", 404), PageFailure(url + "2", "timed out")],
        crawl_id,
        T1,
    )
    assert failed == 2
    rows = list(archive.db.query("select url, status, reason from failures order by url"))
    assert rows == [
        {"url": url, "status": 404, "reason": "HTTP 404 Not Found"},
        {"url": url + "2", "status": None, "reason": "timed out"},
    ]
    other = archive.start_crawl({})
    archive.record_failures([PageFailure(url, "HTTP 404", 404)], other, T1)
    assert count(archive, "failures") == 3


def test_finish_crawl_fills_status_counts_and_stats(archive: Archive, crawl_id: str) -> None:
    archive.save_articles([make_article()], crawl_id, T0)
    archive.save_articles([make_article(), make_article(title="x")], crawl_id, T0)
    archive.record_failures([PageFailure("https://example.com/x", "timed out")], crawl_id, T0)
    archive.finish_crawl(crawl_id, "ok", {"item_scraped_count": 3})
    crawl = archive.db.table("crawls").get(crawl_id)
    assert (crawl["status"], crawl["new"], crawl["updated"], crawl["unchanged"]) == ("ok", 1, 1, 1)
    assert crawl["failed"] == 1 and crawl["finished_at"] >= crawl["started_at"]
    assert json.loads(crawl["stats"]) == {"item_scraped_count": 3}
    assert json.loads(crawl["args"]) == {"spider": "bishshow", "arguments": {}}
    with pytest.raises(KeyError):
        archive.finish_crawl("no-such-crawl", "ok", {})


def test_crawl_ids_sort_by_start_time() -> None:
    ids = [new_crawl_id(T0 + timedelta(seconds=s)) for s in (0, 1, 61, 3600 * 24 * 40)]
    assert ids == sorted(ids) and len(set(ids)) == 4
    assert ids[0].startswith("20240501T060000Z-")
