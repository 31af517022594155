"""End to end: the real Scrapy engine crawls the fixture site over loopback into a fresh archive."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fixtures.server import serve

ROOT = Path(__file__).resolve().parent.parent
TRUTH = json.loads((ROOT / "fixtures" / "content" / "articles.json").read_text("utf-8"))
SCRAPY = str(Path(sys.executable).parent / "scrapy")


@dataclass
class CrawlRun:
    base_url: str
    db: Path
    log: str
    returncode: int


def run_crawl(base_url: str, db: Path, *extra: str) -> CrawlRun:
    """`scrapy crawl bishshow` as a user runs it, with politeness delays off for loopback."""
    args = [SCRAPY, "crawl", "bishshow", "-a", f"start_urls={base_url}/", "-s", f"ARCHIVE_DB={db}"]
    args += ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=DEBUG"]
    args += extra
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=240)
    return CrawlRun(base_url, db, proc.stderr, proc.returncode)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrawlRun]:
    db = tmp_path_factory.mktemp("crawl") / "archive.db"
    with serve() as base_url:
        yield run_crawl(base_url, db)


def query(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def article_url(base_url: str, article: dict[str, object]) -> str:
    return base_url + str(article["path"])


def test_crawl_exits_cleanly(crawl: CrawlRun) -> None:
    assert crawl.returncode == 0, crawl.log[-3000:]
    assert "Traceback" not in crawl.log


def test_every_fixture_article_is_archived_once(crawl: CrawlRun) -> None:
    archived = {row[0] for row in query(crawl.db, "select url from articles")}
    expected = {article_url(crawl.base_url, a) for a in TRUTH}
    assert archived == expected


def test_archived_fields_match_the_truth(crawl: CrawlRun) -> None:
    for truth in TRUTH:
        url = article_url(crawl.base_url, truth)
        (row,) = query(
            crawl.db,
            "select title_bn, title_en, authors, published_at, word_count from articles"
            " where url = ?",
            url,
        )
        title_bn, title_en, authors, published_at, word_count = row
        assert (title_bn, title_en) == (truth["title_bn"], truth["title_en"]), url
        assert json.loads(str(authors)) == truth["authors"], url
        assert published_at is not None and int(str(word_count)) > 50, url
        sections = query(crawl.db, "select heading from sections where article_url = ?", url)
        assert [s[0] for s in sections] == [s["heading"] for s in truth["sections"]], url


def test_related_posts_are_archived_with_their_titles(crawl: CrawlRun) -> None:
    by_id = {a["id"]: a for a in TRUTH}
    for truth in TRUTH:
        url = article_url(crawl.base_url, truth)
        rows = query(
            crawl.db,
            "select url from related_posts where article_url = ? order by position",
            url,
        )
        expected = [article_url(crawl.base_url, by_id[i]) for i in truth["related"]]
        assert [r[0] for r in rows] == expected, url


def test_non_articles_are_not_archived(crawl: CrawlRun) -> None:
    urls = [str(row[0]) for row in query(crawl.db, "select url from articles")]
    assert not any(u.rstrip("/").endswith(("/about", crawl.base_url)) for u in urls)
    assert not any(s in u for u in urls for s in ("/category/", "/tag/", "/author/", "/page/"))
    assert all(u.startswith(crawl.base_url) for u in urls)


def test_broken_link_is_recorded_as_a_failure(crawl: CrawlRun) -> None:
    failures = query(crawl.db, "select url, status, reason, crawl_id from failures")
    assert failures, "the broken link must be recorded"
    assert all(status == 404 for _, status, _, _ in failures)
    assert all("404" in str(reason) and crawl_id for _, _, reason, crawl_id in failures)


def test_no_off_site_request_is_made(crawl: CrawlRun) -> None:
    # The engine logs every request it makes at DEBUG level, fetched or failed.
    requested = re.findall(r"\((?:\d{3}|failed)\) <GET ([^>]+)>", crawl.log)
    assert len(requested) > len(TRUTH)
    assert all(url.startswith(crawl.base_url) for url in requested)
    assert "'bishshow/offsite_links_skipped'" in crawl.log  # the fixtures do link off-site


def test_recrawl_updates_in_place(crawl: CrawlRun) -> None:
    counts = "select (select count(*) from articles), (select count(*) from sections)"
    before = query(crawl.db, "select url, first_seen_at, last_seen_at from articles order by url")
    counts_before = query(crawl.db, counts)
    # The module's server is still up at the same origin.
    again = run_crawl(crawl.base_url, crawl.db)
    assert again.returncode == 0, again.log[-3000:]
    after = query(crawl.db, "select url, first_seen_at, last_seen_at from articles order by url")
    assert query(crawl.db, counts) == counts_before
    assert [(u, f) for u, f, _ in after] == [(u, f) for u, f, _ in before]
    assert all(str(a[2]) >= str(b[2]) for a, b in zip(after, before, strict=True))
    crawls = query(crawl.db, "select status, new, unchanged from crawls order by started_at")
    assert len(crawls) == 2
    assert crawls[1] == ("ok", 0, len(TRUTH))


def test_max_articles_bounds_a_run(tmp_path: Path) -> None:
    with serve() as base_url:
        run = run_crawl(base_url, tmp_path / "a.db", "-a", "max_articles=3")
    assert run.returncode == 0, run.log[-3000:]
    assert query(tmp_path / "a.db", "select count(*) from articles") == [(3,)]
