"""`bishshow export`: JSONL, CSV and Parquet round-trip, filters, flat memory while streaming."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from bishshow_spider.analysis.export import export
from bishshow_spider.archive import Archive
from bishshow_spider.cli import main


def db_rows(
    path: Path, where: str = "1", params: tuple[Any, ...] = ()
) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return {
        r["url"]: dict(r) for r in conn.execute(f"select * from articles where {where}", params)
    }


def read_back(fmt: str, path: Path) -> list[dict[str, Any]]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_exports_round_trip(full_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"articles.{fmt}"
    result = CliRunner().invoke(main, ["export", "--db", str(full_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    stored = db_rows(full_db)
    rows = read_back(fmt, out)
    assert len(rows) == len(stored) and {r["url"] for r in rows} == set(stored)
    assert list(rows[0]) == list(next(iter(stored.values())))  # every column, in table order
    for row in rows:
        want = stored[row["url"]]
        for name in ("title", "title_bn", "title_en", "summary", "body_text", "published_at"):
            assert (row[name] or None) == want[name], name  # CSV has no NULL: "" stands for it
        assert str(row["word_count"]) == str(want["word_count"])
        authors = json.loads(row["authors"]) if fmt == "csv" else row["authors"]
        assert authors == json.loads(want["authors"])
    dates = [r["published_at"] for r in rows]
    assert dates == sorted(dates)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_exports_are_filtered_like_search(full_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"articles.{fmt}"
    args = ["export", "--db", str(full_db), "-o", str(out), "--category", "আন্তর্জাতিক"]
    args += ["--since", "2024-05-01", "--query", "ইউক্রেন"]
    assert CliRunner().invoke(main, args).exit_code == 0
    urls = {r["url"] for r in read_back(fmt, out)}
    expected = db_rows(
        full_db,
        "category = ? and (body_text like ? or title like ?)",
        ("আন্তর্জাতিক", "%ইউক্রেন%", "%ইউক্রেন%"),
    )
    assert urls == set(expected) and urls


def test_text_exports_go_to_stdout(full_db: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(full_db), "--format", "csv"])
    assert result.exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == len(db_rows(full_db))
    parquet = CliRunner().invoke(main, ["export", "--db", str(full_db), "--format", "parquet"])
    assert parquet.exit_code == 2 and "Parquet needs an output file" in parquet.output


def big_archive(path: Path, n: int) -> Path:
    """`n` articles written with plain SQL (the triggers index them), 2 KB of body each."""
    with Archive(path) as archive, archive.db.conn:
        crawl = archive.start_crawl({})
        body = "ইউক্রেনের সীমান্তে নতুন সেনা মোতায়েন। " * 40
        archive.db.conn.executemany(
            "insert into articles (url, title, body_text, published_at, first_seen_at,"
            " last_seen_at, last_crawl_id, content_hash) values (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (f"http://x/{i}", f"খবর {i}", body, f"2024-01-{i % 28 + 1:02d}T10:00:00+06:00")
                + ("2024-01-01T00:00:00+00:00",) * 2
                + (crawl, "h")
                for i in range(n)
            ),
        )
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_exports_stream_in_flat_memory(tmp_path: Path, fmt: str) -> None:
    peaks = {}
    for n in (3000, 12000):
        db = big_archive(tmp_path / f"{n}.db", n)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        tracemalloc.start()
        started = time.perf_counter()
        written = export(conn, fmt, tmp_path / f"{n}.{fmt}")
        elapsed = time.perf_counter() - started
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert written == n
        print(f"{fmt}: {n} articles in {elapsed:.2f}s, peak {peaks[n] / 1e6:.1f} MB")
    # Four times the rows, about the same peak: a list of all rows would be ~4x.
    assert peaks[12000] < 1.5 * peaks[3000]
