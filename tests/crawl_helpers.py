"""Helpers of the archive-over-time tests: crawls as a scheduler runs them, edited fixture sites."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fixtures.build import _write, check_posts, site_files
from fixtures.catalog import load_posts
from tests.test_crawl import ROOT, SCRAPY, TRUTH, CrawlRun, query, run_crawl

__all__ = ["ROOT", "SCRAPY", "TRUTH", "CrawlRun", "query", "run_crawl"]

CONTENT = ROOT / "fixtures" / "content" / "articles.json"
# The archive's content, without crawl bookkeeping (times, crawl ids): what two runs must agree on.
CONTENT_QUERIES = {
    "articles": "select url, title, title_bn, title_en, summary, authors, category, tags,"
    " published_at, modified_at, body_text, word_count, content_hash from articles order by url",
    "sections": "select article_url, position, heading, text, blocks from sections order by 1, 2",
    "bullets": "select * from bullets order by 1, 2, 3",
    "related_posts": "select * from related_posts order by 1, 2",
    "images": "select * from images order by 1, 2",
    "revisions": "select article_url, revision, changed from revisions order by 1, 2",
}


def build_site(out: Path, edit: Callable[[list[dict[str, Any]]], None]) -> Path:
    """The fixture site built from articles.json as `edit` changes it, under `out`."""
    data = json.loads(CONTENT.read_text("utf-8"))
    edit(data)
    out.mkdir(parents=True, exist_ok=True)
    content = out / "articles.json"
    content.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    posts = load_posts(content)
    check_posts(posts)
    _write(out / "site", site_files(posts))
    return out / "site"


def port_of(base_url: str) -> int:
    """The port of a fixture server's base URL."""
    return int(urlsplit(base_url).port or 80)


def archive_content(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every content row of the archive, in a stable order."""
    with sqlite3.connect(db) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in CONTENT_QUERIES.items()}


def stat(db: Path, crawl_index: int, name: str) -> Any:
    """One Scrapy stat of the n-th crawl (0 = first) of the archive."""
    rows = query(db, "select stats from crawls order by started_at, id")
    return json.loads(str(rows[crawl_index][0])).get(name)


def crawl_command(base_url: str, db: Path, *extra: str) -> list[str]:
    """The `scrapy crawl` command line of `run_crawl` (INFO logging: these runs are watched)."""
    args = [SCRAPY, "crawl", "bishshow", "-a", f"start_urls={base_url}/", "-s", f"ARCHIVE_DB={db}"]
    args += ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=INFO"]
    return args + list(extra)


def start_crawl(base_url: str, db: Path, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    """A crawl in the background, its log in `log`."""
    with log.open("wb") as out:
        return subprocess.Popen(
            crawl_command(base_url, db, *extra), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )


def wait_for(db: Path, sql: str, at_least: int, timeout: float = 60) -> int:
    """Poll the archive until `sql` counts `at_least` rows (it may not exist yet)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(db, timeout=5) as conn:
                (n,) = conn.execute(sql).fetchone()
            if n >= at_least:
                return int(n)
        except sqlite3.OperationalError:
            pass  # not created or not migrated yet
        time.sleep(0.05)
    raise TimeoutError(f"{sql!r} never reached {at_least}")
