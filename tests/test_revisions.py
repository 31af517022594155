"""Revisions in the archive: real changes only, old and new values kept, a readable diff."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bishshow_spider.archive import Archive, SaveResult
from bishshow_spider.archive.revisions import (
    Revision,
    changed_fields,
    diff_lines,
    load_revisions,
)
from bishshow_spider.extract.model import Article, Block, Section

T0 = datetime(2026, 1, 1, tzinfo=UTC)
T1 = datetime(2026, 1, 2, tzinfo=UTC)
URL = "https://example.com/2026/01/news/"


def make(**fields: object) -> Article:
    values: dict[str, object] = {
        "title": "শিরোনাম | Title",
        "title_en": "Title",
        "authors": ["রহিম"],
        "sections": [Section(None, [Block("paragraph", "প্রথম লাইন।"), Block("bullet", "এক")])],
        "body_text": "প্রথম লাইন।\nএক",
        "word_count": 3,
        "sources": {"title": "jsonld"},
    }
    return Article(URL, **(values | fields))  # type: ignore[arg-type]


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "a.db")
    crawl = archive.start_crawl({})
    archive.save_articles([make()], crawl, T0)
    return archive


def test_a_first_capture_and_an_unchanged_refetch_are_no_revisions(archive: Archive) -> None:
    crawl = archive.start_crawl({})
    assert archive.save_articles([make()], crawl, T1) == SaveResult(unchanged=1)
    # A new extraction layer finding the same values is provenance, not an edit.
    assert archive.save_articles([make(sources={"title": "meta"})], crawl, T1).updated == 0
    assert load_revisions(archive.db, URL) == []


def test_a_change_is_a_revision_with_old_and_new_values(archive: Archive) -> None:
    crawl = archive.start_crawl({})
    edited = make(title_en="New title", authors=["রহিম", "করিম"])
    assert archive.save_articles([edited], crawl, T1) == SaveResult(updated=1)
    (revision,) = load_revisions(archive.db, URL)
    assert (revision.revision, revision.crawl_id, revision.source) == (1, crawl, "crawl")
    assert revision.changed == ["title_en", "authors"]
    assert revision.old == {"title_en": "Title", "authors": ["রহিম"]}
    assert revision.new == {"title_en": "New title", "authors": ["রহিম", "করিম"]}
    archive.save_articles([replace(edited, title_en="Third")], crawl, T1)
    assert [r.revision for r in load_revisions(archive.db, URL)] == [1, 2]


def test_a_page_that_comes_back_with_less_is_no_revision(archive: Archive) -> None:
    crawl = archive.start_crawl({})
    archive.save_articles([make(authors=[], title_en=None)], crawl, T1)
    assert load_revisions(archive.db, URL) == []
    assert archive.load_article(URL) == make()


def test_reparse_revisions_keep_the_sighting(archive: Archive) -> None:
    before = archive.db.execute("select last_seen_at, last_crawl_id from articles").fetchone()
    assert archive.reparse_article(make(title_en="Fixed"), T1) == ["title_en"]
    assert archive.reparse_article(make(title_en="Fixed"), T1) == []
    assert archive.db.execute("select last_seen_at, last_crawl_id from articles").fetchone() == (
        before
    )
    (revision,) = load_revisions(archive.db, URL)
    assert (revision.source, revision.crawl_id) == ("reparse", None)


def test_history_survives_an_article_deleted_by_hand(archive: Archive) -> None:
    archive.save_articles([make(title_en="Two")], archive.start_crawl({}), T1)
    with archive.db.conn:
        for table in ("sections", "bullets", "related_posts", "images", "articles"):
            column = "url" if table == "articles" else "article_url"
            archive.db.execute(f"delete from {table} where {column} = ?", [URL])
    assert len(load_revisions(archive.db, URL)) == 1


def test_the_diff_is_readable() -> None:
    old = make()
    new = make(
        title_en="New title",
        sections=[Section("নতুন", [Block("paragraph", "প্রথম লাইন।"), Block("bullet", "দুই")])],
    )
    changes = changed_fields(old, new)
    assert list(changes) == ["title_en", "sections"]
    revision = Revision(
        URL,
        1,
        None,
        "crawl",
        "t",
        list(changes),
        {k: v[0] for k, v in changes.items()},
        {k: v[1] for k, v in changes.items()},
    )
    lines = list(diff_lines(revision))
    assert "-Title" in lines and "+New title" in lines
    assert "-## (lead)" in lines and "+## নতুন" in lines
    assert "-• এক" in lines and "+• দুই" in lines and " প্রথম লাইন।" in lines
