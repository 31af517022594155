"""Incremental runs, real engine: an unchanged site costs 304s, an edit costs one revision."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bishshow_spider.archive.snapshots import KnownArticle
from bishshow_spider.commands.archive_commands import history
from bishshow_spider.discovery import feed_entries, robots_sitemaps, sitemap_entries
from bishshow_spider.incremental import Revisit, before, revisit, url_date
from fixtures.server import serve
from tests.crawl_helpers import TRUTH, build_site, port_of, query, run_crawl, stat

EDITED = next(a for a in TRUTH if a["listed"] and a["title_en"])
SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"


@dataclass
class Runs:
    base_url: str
    db: Path


def edit_one_article(data: list[dict[str, Any]]) -> None:
    """An editor fixes the English title and adds to the lead; WordPress bumps the date."""
    for article in data:
        if article["id"] == EDITED["id"]:
            article["title_en"] += " (updated)"
            article["title"] += " (updated)"
            article["sections"][0]["blocks"][0]["text"] += " সংশোধিত।"
            article["modified"] = datetime.now(UTC).isoformat(timespec="seconds")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    """Three runs on one archive: the site, the same site again, then with one article edited."""
    tmp = tmp_path_factory.mktemp("incremental")
    db = tmp / "archive.db"
    with serve() as base_url:
        for _ in range(2):
            run = run_crawl(base_url, db)
            assert run.returncode == 0, run.log[-3000:]
    edited = build_site(tmp / "edited", edit_one_article)
    with serve(edited, port=port_of(base_url)) as same_origin:
        run = run_crawl(same_origin, db)
        assert run.returncode == 0, run.log[-3000:]
    yield Runs(base_url, db)


def crawl_ids(db: Path) -> list[str]:
    return [str(r[0]) for r in query(db, "select id from crawls order by started_at, id")]


def test_a_second_run_over_an_unchanged_site_adds_no_revision(runs: Runs) -> None:
    second = crawl_ids(runs.db)[1]
    assert query(runs.db, "select count(*) from revisions where crawl_id = ?", second) == [(0,)]
    assert query(runs.db, "select new, updated, unchanged from crawls where id = ?", second) == [
        (0, 0, len(TRUTH))
    ]


def test_a_second_run_fetches_no_unchanged_article_body(runs: Runs) -> None:
    first, second = crawl_ids(runs.db)[:2]
    statuses = query(
        runs.db,
        "select s.status, count(*) from snapshots s join articles a on a.url = s.url"
        " where s.crawl_id = ? group by 1",
        second,
    )
    assert statuses == [(304, len(TRUTH))]
    # Listing pages, sitemaps and the feed are fetched again in full; articles are not.
    assert stat(runs.db, 1, "downloader/response_bytes") < stat(
        runs.db, 0, "downloader/response_bytes"
    )
    refreshed = query(
        runs.db,
        "select url from snapshots where crawl_id = ? and status = 200"
        " and (url like '%sitemap%' or url like '%/feed/' or url like '%/robots.txt')",
        second,
    )
    assert len(refreshed) >= 4  # robots.txt, the sitemap index, its sitemaps, the feed
    assert query(runs.db, "select count(*) from failures where crawl_id = ?", first) == query(
        runs.db, "select count(*) from failures where crawl_id = ?", second
    )  # a 304 leads where the archived page did: the broken link is checked again


def test_an_edited_article_gets_exactly_one_revision_with_its_changes(runs: Runs) -> None:
    url = runs.base_url + EDITED["path"]
    third = crawl_ids(runs.db)[2]
    rows = query(
        runs.db,
        "select revision, crawl_id, source, changed, old, new from revisions where article_url = ?",
        url,
    )
    assert len(rows) == 1
    revision, crawl_id, source, changed, old, new = rows[0]
    assert (revision, crawl_id, source) == (1, third, "crawl")
    assert set(json.loads(str(changed))) == {
        "title",
        "title_en",
        "modified_at",
        "modified_raw",
        "sections",
        "body_text",
    }
    assert json.loads(str(old))["title_en"] == EDITED["title_en"]
    assert json.loads(str(new))["title_en"] == EDITED["title_en"] + " (updated)"
    assert query(runs.db, "select title_en from articles where url = ?", url) == [
        (EDITED["title_en"] + " (updated)",)
    ]
    # Pages showing the new title in their Related Posts changed too, and only there.
    others = query(runs.db, "select changed from revisions where article_url != ?", url)
    assert others and all(json.loads(str(c)) == ["related"] for (c,) in others)


def test_history_shows_the_revision_as_a_diff(runs: Runs) -> None:
    url = runs.base_url + EDITED["path"]
    result = CliRunner().invoke(history, ["--db", str(runs.db), url])
    assert result.exit_code == 0, result.output
    assert "1 revision(s)" in result.output
    assert f"-{EDITED['title_en']}" in result.output
    assert f"+{EDITED['title_en']} (updated)" in result.output
    assert "+++ sections (r1)" in result.output
    as_json = CliRunner().invoke(history, ["--db", str(runs.db), "--json", url])
    assert json.loads(as_json.output)[0]["revision"] == 1


NOW = datetime(2026, 1, 10, tzinfo=UTC)


def known(**given: Any) -> KnownArticle:
    values = {"url": "https://x/a/", "published_at": "2025-01-01T00:00:00+06:00"}
    values |= {"last_fetched": "2026-01-05T00:00:00+00:00", "etag": '"e1"', "last_modified": None}
    return KnownArticle(**(values | given))


@pytest.mark.parametrize(
    ("article", "hint", "refresh_days", "expected"),
    [
        (known(), None, 0, Revisit.CONDITIONAL),
        (known(etag=None), None, 0, Revisit.SKIP),
        (known(etag=None, last_modified="Mon, 05 Jan 2026 00:00:00 GMT"), None, 0, "conditional"),
        (known(), datetime(2026, 1, 6, tzinfo=UTC), 0, Revisit.FULL),  # lastmod after our fetch
        (known(), datetime(2026, 1, 4, tzinfo=UTC), 0, Revisit.CONDITIONAL),
        (known(published_at="2026-01-08T10:00:00+06:00"), None, 3, Revisit.FULL),
        (known(published_at="2026-01-01T10:00:00+06:00"), None, 3, Revisit.CONDITIONAL),
        (known(last_fetched=None), None, 0, Revisit.FULL),  # archived before snapshots existed
    ],
)
def test_revisit(
    article: KnownArticle, hint: datetime | None, refresh_days: int, expected: Any
) -> None:
    assert revisit(article, hint=hint, now=NOW, refresh_days=refresh_days) == Revisit(expected)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x/2025/12/06/slug/", date(2025, 12, 6)),
        ("https://x/2025/02/slug.html", date(2025, 2, 28)),
        ("https://x/category/world/", None),
        ("https://x/2025/13/slug/", None),
    ],
)
def test_url_date(url: str, expected: date | None) -> None:
    assert url_date(url) == expected


def test_since_bounds_by_date_hint_or_dated_url() -> None:
    since = date(2025, 12, 1)
    assert before(since, url="https://x/2025/11/slug/")
    assert not before(since, url="https://x/2025/12/slug/")
    assert not before(since, url="https://x/about/")
    assert before(since, when=datetime(2025, 11, 30, 23, tzinfo=UTC))
    assert not before(None, url="https://x/1999/01/slug/")


def test_discovery_reads_robots_yoast_sitemaps_and_the_feed() -> None:
    assert robots_sitemaps((SITE / "robots.txt").read_bytes(), "https://x/") == [
        "https://www.ajkerbishshow.com/sitemap.xml"
    ]
    index = list(sitemap_entries((SITE / "sitemap.xml").read_bytes()))
    assert index and all(e.is_sitemap and e.when for e in index)
    posts = list(sitemap_entries((SITE / "post-sitemap.xml").read_bytes()))
    assert len(posts) == sum(1 for a in TRUTH if a["listed"])
    assert all(not e.is_sitemap and e.when for e in posts)
    feed = list(feed_entries((SITE / "feed" / "index.rss").read_bytes()))
    assert feed and all(e.url.startswith("https://www.ajkerbishshow.com/") and e.when for e in feed)
    assert list(sitemap_entries(b"<html>not a sitemap")) == []
    assert list(feed_entries(b"not xml at all")) == []
