"""Datasette: metadata, canned queries and FTS over HTTP, and a Bengali search in headless Chromium.

Datasette is started by `bishshow serve` on 127.0.0.1 and a free port, and stopped afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bishshow_spider.cli import main
from tests.analysis_data import MADE

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(full_db: Path) -> Iterator[str]:
    port = free_port()
    bishshow = Path(sys.executable).parent / "bishshow"
    command = [str(bishshow), "serve", "--db", str(full_db), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    error = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"Datasette did not start: {error}") from None
                time.sleep(0.2)
        yield f"{base}/archive"
    finally:
        process.terminate()
        process.wait(timeout=30)


def get_json(page: str, /, **params: str) -> Any:
    query = urllib.parse.urlencode(params | {"_shape": "array"})
    with urllib.request.urlopen(f"{page}.json?{query}", timeout=30) as response:
        return json.load(response)


def test_metadata_describes_the_archive(full_db: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(full_db), "--metadata"])
    meta = json.loads(result.stdout)
    assert meta["license"] and meta["source"]
    database = meta["databases"]["archive"]
    assert database["tables"]["articles"]["fts_table"] == "articles_fts"
    assert "title_bn" in database["tables"]["articles"]["columns"]
    assert set(database["queries"]) == {"latest_articles", "search", "articles_by_day", "article"}


def test_canned_queries_and_table_search(server: str) -> None:
    hits = get_json(f"{server}/search", q="ইউক্রেন")
    urls = {h["url"] for h in hits}
    assert {MADE["ukraine"].url, MADE["ukraine_gen"].url} <= urls
    assert MADE["kole"].url not in urls
    assert [h["url"] for h in get_json(f"{server}/search", q="কাল")] == [MADE["kal"].url]
    assert get_json(f"{server}/search", q="") == []
    assert get_json(f"{server}/search", q='"unclosed') == []  # lenient, no error page
    table = get_json(f"{server}/articles", _search="কাল", _col="title")
    assert [r["url"] for r in table] == [MADE["kal"].url]
    article = get_json(f"{server}/article", url=MADE["kalo"].url)
    assert article[1]["heading"] == "নির্বাচনী প্রতিশ্রুতি"
    assert article[1]["bullets"] == "• প্রথম দফা\n• দ্বিতীয় দফা"
    days = get_json(f"{server}/articles_by_day")
    assert sum(d["articles"] for d in days) == len(get_json(f"{server}/articles", _size="max"))
    assert get_json(f"{server}/latest_articles")[0]["published_at"] >= days[0]["day"]


def dump_dom(url: str, tmp_path: Path) -> str:
    assert CHROMIUM
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu"]
    command += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
    command += ["--no-first-run", f"--user-data-dir={tmp_path / 'chromium'}", "--dump-dom", url]
    done = subprocess.run(command, capture_output=True, timeout=120, check=True)
    return done.stdout.decode("utf-8")


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="no chromium (CI installs it)"
)
def test_a_bengali_search_in_a_real_browser(server: str, tmp_path: Path) -> None:
    page = dump_dom(f"{server}/search?" + urllib.parse.urlencode({"q": "ইউক্রেন"}), tmp_path)
    assert "ইউক্রেনের যুদ্ধ তৃতীয় বছরে" in page and "ইউক্রেন সীমান্তে সেনা" in page
    assert "মায়ের কোলে শিশু" not in page and "কাল বৃষ্টি হতে পারে" not in page
    page = dump_dom(f"{server}/articles?" + urllib.parse.urlencode({"_search": "কাল"}), tmp_path)
    assert "কাল বৃষ্টি হতে পারে" in page and "মায়ের কোলে শিশু" not in page
    index = dump_dom(server.rsplit("/", 1)[0] + "/", tmp_path)
    assert "bishshow news archive" in index and "archived for research" in index
