"""Jobs a scheduler can trust: SIGKILL then resume with JOBDIR, and an honest exit status."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from bishshow_spider.jobs import RUNNING_MARKER
from fixtures.server import serve
from tests.crawl_helpers import (
    ROOT,
    TRUTH,
    archive_content,
    crawl_command,
    query,
    run_crawl,
    start_crawl,
    wait_for,
)


def test_a_killed_run_resumed_with_jobdir_ends_like_an_uninterrupted_one(tmp_path: Path) -> None:
    whole, resumed, jobdir = tmp_path / "whole.db", tmp_path / "resumed.db", tmp_path / "job"
    with serve() as base_url:
        assert run_crawl(base_url, whole).returncode == 0
        slow = ["-s", f"JOBDIR={jobdir}", "-s", "ARCHIVE_BATCH_SIZE=2"]
        killed = start_crawl(
            base_url, resumed, tmp_path / "killed.log", *slow, "-s", "DOWNLOAD_DELAY=0.05"
        )
        archived = wait_for(resumed, "select count(*) from articles", 4)
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
        assert archived < len(TRUTH)
        assert (jobdir / RUNNING_MARKER).exists()
        assert query(resumed, "select status from crawls") == [("running",)]
        again = subprocess.run(
            crawl_command(base_url, resumed, *slow),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert again.returncode == 0, again.stderr[-3000:]
    assert "was killed; its queue cannot be trusted" in again.stderr
    assert archive_content(resumed) == archive_content(whole)
    assert query(resumed, "select status from crawls order by started_at") == [
        ("interrupted",),
        ("ok",),
    ]
    assert not (jobdir / RUNNING_MARKER).exists()


WRAPPER = [sys.executable, "-m", "bishshow_spider.cli", "crawl"]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_start_pages_fail_the_run_and_its_exit_status(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    base_url = f"http://127.0.0.1:{closed_port()}"
    run = subprocess.run(
        crawl_command(base_url, db, "-s", "RETRY_ENABLED=False"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1, run.stderr[-3000:]
    assert "No start page could be fetched" in run.stderr
    assert query(db, "select status from crawls") == [("failed",)]
    # The scheduler wrapper passes the same status on, from any directory.
    wrapper = subprocess.run(
        [*WRAPPER, "--db", str(db), "-a", f"start_urls={base_url}/", "-s", "RETRY_ENABLED=False"],
        cwd=tmp_path,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wrapper.returncode == 1, wrapper.stderr[-3000:]
    assert query(db, "select status from crawls") == [("failed",), ("failed",)]


def test_a_healthy_run_exits_zero_and_records_ok(tmp_path: Path) -> None:
    with serve() as base_url:
        run = run_crawl(base_url, tmp_path / "a.db", "-a", "max_articles=2")
    assert run.returncode == 0
    assert query(tmp_path / "a.db", "select status from crawls") == [("ok",)]
