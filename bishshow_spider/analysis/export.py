"""Stream articles out as JSONL, CSV or Parquet: one cursor, written batch by batch.

Memory stays flat however large the archive: rows are fetched `BATCH` at a time and written at
once (Parquet gets one row group per batch), in `published_at` order straight off its index.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from bishshow_spider.analysis.filters import ArticleFilter
from bishshow_spider.archive.rows import JSON_FIELDS

FORMATS = ("jsonl", "csv", "parquet")
BATCH = 1000
# Columns holding JSON lists: real lists in JSONL and Parquet; CSV keeps every column as text.
LIST_COLUMNS = ("authors", "tags")
Progress = Callable[[int], None]


def columns(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, declared type) of every `articles` column, in table order."""
    return [(row[1], row[2].upper()) for row in conn.execute("PRAGMA table_info(articles)")]


def count(conn: sqlite3.Connection, where: ArticleFilter) -> int:
    """How many articles the filter keeps."""
    condition, params = where.where()
    return int(
        conn.execute(f"SELECT count(*) FROM articles WHERE {condition}", params).fetchone()[0]
    )


def batches(conn: sqlite3.Connection, where: ArticleFilter) -> Iterator[list[tuple[Any, ...]]]:
    """The kept articles' rows, `BATCH` at a time, oldest first (undated ones first of all)."""
    names = ", ".join(f'articles."{name}"' for name, _ in columns(conn))
    condition, params = where.where()
    cursor = conn.execute(
        f"SELECT {names} FROM articles WHERE {condition} ORDER BY published_at", params
    )
    while rows := cursor.fetchmany(BATCH):
        yield rows


def parquet_schema(cols: list[tuple[str, str]]) -> pa.Schema:
    """Arrow types for the columns: integers, reals, lists of strings, the rest strings."""

    def arrow_type(name: str, declared: str) -> pa.DataType:
        if name in LIST_COLUMNS:
            return pa.list_(pa.string())
        if "INT" in declared:
            return pa.int64()
        if any(t in declared for t in ("REAL", "FLOA", "DOUB")):
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(name, arrow_type(name, declared)) for name, declared in cols])


def _decoded(names: list[str], row: tuple[Any, ...], decode: tuple[str, ...]) -> dict[str, Any]:
    record = dict(zip(names, row, strict=True))
    for name in decode:
        if record.get(name) is not None:
            record[name] = json.loads(record[name])
    return record


def write_jsonl(
    conn: sqlite3.Connection, out: IO[str], where: ArticleFilter, progress: Progress
) -> int:
    """One JSON object per line, JSON columns decoded."""
    names = [name for name, _ in columns(conn)]
    decode = tuple(n for n in JSON_FIELDS if n in names)
    written = 0
    for rows in batches(conn, where):
        out.writelines(
            json.dumps(_decoded(names, row, decode), ensure_ascii=False) + "\n" for row in rows
        )
        written += len(rows)
        progress(len(rows))
    return written


def write_csv(
    conn: sqlite3.Connection, out: IO[str], where: ArticleFilter, progress: Progress
) -> int:
    """A header and one row per article; JSON columns stay JSON text."""
    writer = csv.writer(out)
    writer.writerow([name for name, _ in columns(conn)])
    written = 0
    for rows in batches(conn, where):
        writer.writerows(rows)
        written += len(rows)
        progress(len(rows))
    return written


def write_parquet(
    conn: sqlite3.Connection, path: Path, where: ArticleFilter, progress: Progress
) -> int:
    """A Parquet file with one row group per batch; authors and tags as lists of strings."""
    cols = columns(conn)
    names = [name for name, _ in cols]
    schema = parquet_schema(cols)
    written = 0
    with pq.ParquetWriter(path, schema) as writer:
        for rows in batches(conn, where):
            records = [_decoded(names, row, LIST_COLUMNS) for row in rows]
            writer.write_batch(pa.RecordBatch.from_pylist(records, schema=schema))
            written += len(rows)
            progress(len(rows))
    return written


def export(
    conn: sqlite3.Connection,
    fmt: str,
    output: Path | None,
    where: ArticleFilter | None = None,
    progress: Progress = lambda n: None,
    stdout: IO[str] | None = None,
) -> int:
    """Write the kept articles to `output` (None: `stdout`, text formats only); return the count."""
    where = where or ArticleFilter()
    if fmt == "parquet":
        if output is None:
            raise ValueError("Parquet needs an output file (-o FILE.parquet)")
        return write_parquet(conn, output, where, progress)
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if output is None:
        assert stdout is not None
        return writer(conn, stdout, where, progress)
    with output.open("w", encoding="utf-8", newline="") as out:
        return writer(conn, out, where, progress)
