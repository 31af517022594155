"""One writer per archive: a second job waits or leaves with a clear message, never both write."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from bishshow_spider.lock import ArchiveLock, ArchiveLocked, lock_path
from fixtures.server import serve
from tests.crawl_helpers import ROOT, TRUTH, crawl_command, query, start_crawl, wait_for


def test_the_lock_refuses_a_second_holder_with_who_holds_it(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    refused = pytest.raises(ArchiveLocked, match=r"in use by another job \(pid \d+, first job")
    with ArchiveLock(db, "first job"), refused:
        ArchiveLock(db).acquire(wait=0.3)
    ArchiveLock(db).acquire()  # released: free again
    assert lock_path(db) == tmp_path / "a.db.lock"


def test_a_waiting_job_gets_the_lock_when_it_is_released(tmp_path: Path) -> None:
    first = ArchiveLock(tmp_path / "a.db")
    first.acquire()
    threading.Timer(0.5, first.release).start()
    started = time.monotonic()
    second = ArchiveLock(tmp_path / "a.db")
    second.acquire(wait=10)
    assert second.held and 0.3 < time.monotonic() - started < 5
    second.release()


def test_two_concurrent_jobs_leave_one_consistent_archive(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve() as base_url:
        # A slow first job, so the others start while it holds the archive.
        first = start_crawl(base_url, db, tmp_path / "a.log", "-s", "DOWNLOAD_DELAY=0.03")
        wait_for(db, "select count(*) from snapshots", 3)
        waiting = start_crawl(base_url, db, tmp_path / "c.log", "-s", "ARCHIVE_LOCK_WAIT=120")
        refused = subprocess.run(
            crawl_command(base_url, db), cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert first.wait(timeout=120) == 0, (tmp_path / "a.log").read_text()[-3000:]
        assert waiting.wait(timeout=120) == 0, (tmp_path / "c.log").read_text()[-3000:]
    assert refused.returncode == 1
    assert "Not crawling: the archive" in refused.stderr
    assert "is in use by another job (pid" in refused.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        assert conn.execute("pragma foreign_key_check").fetchall() == []
    crawls = query(db, "select status, new, unchanged from crawls order by started_at")
    assert crawls == [("ok", len(TRUTH), 0), ("ok", 0, len(TRUTH))]
    assert query(db, "select count(*) from articles") == [(len(TRUTH),)]
    assert query(db, "select count(*) from revisions") == [(0,)]
