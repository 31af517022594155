"""Raw snapshots: a crawl's WARC files validate, the index points at them, reparse reads them."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bishshow_spider.archive import Archive
from bishshow_spider.commands.archive_commands import reparse
from bishshow_spider.extract import Page, parse_page
from bishshow_spider.reparse import reparse_archive
from bishshow_spider.warc import Exchange, WarcFiles, iter_records, read_response
from fixtures.server import serve
from tests.crawl_helpers import TRUTH, archive_content, query, run_crawl

WARCIO = str(Path(sys.executable).parent / "warcio")


@dataclass
class Crawled:
    base_url: str
    db: Path

    @property
    def warcs(self) -> list[Path]:
        return sorted((self.db.parent / "warc").glob("*.warc.gz"))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    """A crawl of the fixture site; the server is gone before any test runs."""
    db = tmp_path_factory.mktemp("warc") / "archive.db"
    with serve() as base_url:
        run = run_crawl(base_url, db)
    assert run.returncode == 0, run.log[-3000:]
    yield Crawled(base_url, db)


def test_the_warc_files_validate(crawled: Crawled) -> None:
    assert crawled.warcs
    check = subprocess.run([WARCIO, "check", *map(str, crawled.warcs)], capture_output=True)
    assert check.returncode == 0, check.stdout + check.stderr
    index = subprocess.run(
        [WARCIO, "index", "-f", "warc-type,warc-target-uri,http:status", *map(str, crawled.warcs)],
        capture_output=True,
        text=True,
        check=True,
    )
    records = [json.loads(line) for line in index.stdout.splitlines()]
    kinds = [r["warc-type"] for r in records]
    assert kinds[0] == "warcinfo"
    assert kinds.count("response") == kinds.count("request") > len(TRUTH)


def test_every_snapshot_points_at_its_response(crawled: Crawled) -> None:
    rows = query(
        crawled.db, 'select url, status, warc_file, "offset", length, content_hash from snapshots'
    )
    assert len(rows) == sum(1 for _, kind, _ in iter_records(crawled.warcs) if kind == "response")
    for url, status, warc_file, offset, length, digest in rows:
        path = crawled.db.parent / str(warc_file)
        stored = read_response(path, int(str(offset)))
        assert (stored.url, stored.status) == (url, status)
        assert hashlib.sha256(stored.body).hexdigest() == digest  # no encoding on loopback
        with path.open("rb") as handle:  # `length` is exactly one gzip member
            handle.seek(int(str(offset)) + int(str(length)))
            assert handle.read(2) in (b"\x1f\x8b", b"")


def test_every_article_can_be_traced_to_its_bytes(crawled: Crawled) -> None:
    untraced = query(
        crawled.db,
        "select url from articles where url not in"
        " (select url from snapshots where status = 200 and warc_file is not null)",
    )
    assert untraced == []


def test_reparse_with_the_same_extractor_changes_nothing(crawled: Crawled) -> None:
    result = CliRunner().invoke(reparse, ["--db", str(crawled.db)])
    assert result.exit_code == 0, result.output
    assert f"{len(TRUTH)} articles re-extracted, 0 changed" in result.output


def shouting_extractor(html: str | bytes, url: str, **kwargs: Any) -> Page:
    """A 'fixed' extractor: English titles in capitals."""
    page = parse_page(html, url, **kwargs)
    if page.article is not None and page.article.title_en:
        page = replace(page, article=replace(page.article, title_en=page.article.title_en.upper()))
    return page


def test_reparse_after_an_extractor_change_updates_the_archive_offline(
    crawled: Crawled, tmp_path: Path
) -> None:
    db = tmp_path / "archive.db"
    db.write_bytes(crawled.db.read_bytes())
    (tmp_path / "warc").symlink_to(crawled.db.parent / "warc")
    before = archive_content(db)
    with Archive(db) as archive:
        dry = reparse_archive(archive, tmp_path, dry_run=True, parse=shouting_extractor)
        assert archive_content(db) == before
        report = reparse_archive(archive, tmp_path, parse=shouting_extractor)
    english = [crawled.base_url + a["path"] for a in TRUTH if a["title_en"]]
    assert report.changed == dry.changed == {url: ["title_en"] for url in sorted(english)}
    assert report.skipped == {}
    titles = dict(query(db, "select url, title_en from articles where title_en is not null"))
    assert all(str(t) == str(t).upper() for t in titles.values())
    rows = query(db, "select source, crawl_id, changed from revisions")
    assert rows == [("reparse", None, '["title_en"]')] * len(english)


def test_warc_files_rotate_by_size(tmp_path: Path) -> None:
    files = WarcFiles(tmp_path, "bishshow-test", max_size=3000)
    for n in range(6):
        files.write(
            Exchange(
                f"http://127.0.0.1/{n}",
                "GET",
                [("Host", "127.0.0.1")],
                b"",
                200,
                "OK",
                [("Content-Type", "text/html")],
                bytes(range(256)) * 4,
                datetime.now(UTC),
            )
        )
    files.close()
    assert len(files.paths) > 1
    for path in files.paths:
        kinds = [kind for _, kind, _ in iter_records([path])]
        assert kinds[0] == "warcinfo" and kinds.count("response") == kinds.count("request") >= 1
        assert path.stat().st_size <= 3000 or kinds.count("response") == 1
