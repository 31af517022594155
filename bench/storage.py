"""Storage and scale benchmarks: articles/s into the archive, and an archive of 100,000 articles.

    .venv/bin/python -m bench.storage storage [--articles 20000] [--batch 50]
    .venv/bin/python -m bench.storage scale [--articles 100000] [--quick] [--reuse]

`storage` times `Archive.save_articles` on generated articles (bench/corpus.py: sections,
bullets, related posts, images, Bengali text) in batches of `ARCHIVE_BATCH_SIZE`, FTS triggers
and all, into a fresh archive; then the same articles again (a re-crawl that finds them
unchanged). Generation is outside the timing. Its baseline, timed in the same run, is the floor
under any archive with full-text search: each article's body written once and the same FTS5
documents indexed, prepared in advance, in the same batches, file settings and tokenizer. What
the floor cannot reach, no writer can.

`scale` fills an archive to `--articles` the same way, then measures what an analyst waits for:
size on disk, full-text search p50/p95 through `bishshow_spider.analysis.search.search` (the
function `bishshow search` calls) over Bengali and English queries, and `bishshow stats` and
`bishshow export` as the user runs them, with their peak RSS. Search is timed in wall and CPU
time (the CPU figure moves far less with what else the machine runs). `--reuse` keeps an archive
already filled to `--articles` (filling 100,000 takes minutes) and measures it again.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import iter_articles
from bench.proc import PeakWatcher, memory_mb
from bishshow_spider.archive import Archive, fts
from bishshow_spider.archive.rows import child_rows
from bishshow_spider.archive.store import open_database
from bishshow_spider.extract.model import Article

WORKDIR = Path(os.environ.get("BISHSHOW_BENCH_DIR", "/tmp/bishshow-bench"))
BIN = Path(sys.executable).parent
# Words of the fixture articles (so of the generated ones), common and rare, Bengali and
# English, plus the query forms the README shows: phrase, NOT, OR, column, prefix.
QUERIES = (
    "ইউক্রেন",
    "রেমিট্যান্স",
    "বন্যা",
    "নির্বাচন",
    "ট্রাম্প",
    "ন্যাটো",
    "সুন্দরবন",
    "টিকা",
    "ক্রিকেট",
    "মেট্রোরেল",
    "প্রধানমন্ত্রী",
    "বাংলাদেশ ব্যাংক",
    '"যুক্তরাষ্ট্র ছাড়া"',
    "ইউক্রেন NOT রাশিয়া",
    "বন্যা OR flood",
    "Trump",
    "Remittance",
    "metro rail",
    "title_en:Greenland",
    "ইউক্রেন*",
)


@dataclass
class StorageResult:
    """Saving speed of one batch size into a fresh archive."""

    articles: int
    batch: int
    child_rows: int
    fts: bool
    seconds: float
    articles_per_s: float
    cpu_articles_per_s: float  # by this process's CPU time: what a quiet machine would show
    rows_per_s: float
    unchanged_per_s: float
    floor_articles_per_s: float  # body once + FTS, nothing else (see `floor`)
    floor_cpu_articles_per_s: float


def _fresh(path: Path) -> Path:
    """`path` with no database there (its WAL files included), its folder made."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _open_archive(path: Path) -> tuple[Archive, str, bool]:
    archive = Archive(_fresh(path))
    crawl_id = archive.start_crawl({"spider": "bench"})
    fts = archive.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone()
    return archive, crawl_id, fts is not None


def save_timed(archive: Archive, crawl_id: str, articles: list[Article], batch: int) -> float:
    """Seconds to save `articles` in batches of `batch` (one transaction each)."""
    return _save_clocked(archive, crawl_id, articles, batch)[0]


def _save_clocked(
    archive: Archive, crawl_id: str, articles: list[Article], batch: int
) -> tuple[float, float]:
    """Wall and CPU seconds to save `articles` in batches of `batch`."""
    start, start_cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(articles), batch):
        archive.save_articles(articles[i : i + batch], crawl_id, datetime.now(UTC))
    return time.perf_counter() - start, time.process_time() - start_cpu


def floor(articles: list[Article], batch: int, path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the least an archive with full-text search must write: per batch,
    one transaction inserting each article's url and body into a plain table, and its
    `fts.document` into an FTS5 table like the archive's."""
    documents = [(n, *fts.document(a)) for n, a in enumerate(articles, 1)]
    bodies = [(n, a.url, a.body_text) for n, a in enumerate(articles, 1)]
    db = open_database(_fresh(path))
    try:
        columns = ", ".join(fts.FTS_COLUMNS)
        db.execute("CREATE TABLE body (id INTEGER PRIMARY KEY, url TEXT UNIQUE, text TEXT)")
        db.execute(f'CREATE VIRTUAL TABLE docs USING fts5({columns}, tokenize="{fts.TOKENIZE}")')
        insert = f"INSERT INTO docs (rowid, {columns}) VALUES (?, ?, ?, ?, ?, ?)"
        start, start_cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(articles), batch):
            with db.conn:
                db.conn.executemany("INSERT INTO body VALUES (?, ?, ?)", bodies[i : i + batch])
                db.conn.executemany(insert, documents[i : i + batch])
        return time.perf_counter() - start, time.process_time() - start_cpu
    finally:
        db.close()


def _child_count(articles: Iterable[Article]) -> int:
    return sum(len(rows) for a in articles for rows in child_rows(a).values())


def storage(count: int, batch: int) -> StorageResult:
    """Fresh archive, `count` new articles in batches, then all of them again unchanged."""
    articles = list(iter_articles(count))
    archive, crawl_id, has_fts = _open_archive(WORKDIR / "storage" / "archive.db")
    seconds, cpu = _save_clocked(archive, crawl_id, articles, batch)
    again = save_timed(archive, crawl_id, articles, batch)
    archive.close()
    floor_seconds, floor_cpu = floor(articles, batch, WORKDIR / "storage" / "floor.db")
    children = _child_count(articles)
    return StorageResult(
        articles=count,
        batch=batch,
        child_rows=children,
        fts=has_fts,
        seconds=round(seconds, 2),
        articles_per_s=round(count / seconds),
        cpu_articles_per_s=round(count / cpu),
        rows_per_s=round((count + children) / seconds),
        unchanged_per_s=round(count / again),
        floor_articles_per_s=round(count / floor_seconds),
        floor_cpu_articles_per_s=round(count / floor_cpu),
    )


@dataclass
class Command:
    """A CLI run: wall time and peak RSS of its process."""

    argv: list[str]
    seconds: float
    peak_rss_mb: float
    output_bytes: int


def run_cli(args: list[str], output: Path | None = None) -> Command:
    """Run `bishshow ARGS`, stdout to `output` (or discarded); wall time and peak RSS."""
    argv = [str(BIN / "bishshow"), *args]
    sink = output.open("wb") if output else open(os.devnull, "wb")  # noqa: SIM115
    with sink:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE)
        peak = PeakWatcher(process.pid)
        _, status, _ = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        peak_mb = peak.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        assert process.stderr is not None
        raise RuntimeError(f"{' '.join(args)} failed: {process.stderr.read().decode()[-500:]}")
    size = output.stat().st_size if output else 0
    return Command(args, round(seconds, 2), peak_mb, size)


@dataclass
class ScaleResult:
    """An archive of many articles, as an analyst meets it."""

    articles: int
    # None with --reuse: the archive was filled by an earlier run
    fill_seconds: float | None
    fill_articles_per_s: float | None
    last_tenth_articles_per_s: float | None  # the rate once the archive is nearly full
    loader_peak_rss_mb: float
    db_mb: float
    fts_mb: float
    queries: int  # each run 5 times
    search_p50_ms: float
    search_p95_ms: float
    search_max_ms: float
    search_cpu_p50_ms: float
    search_cpu_p95_ms: float
    search_slowest: str
    # query -> (median ms, articles matched): synthetic text repeats its sentences, so topical
    # words match far more articles than in a real archive (see bench/corpus.py)
    search_by_query: dict[str, tuple[float, int]]
    # the queries matching more than search.RANK_LIMIT articles: only that many were ranked
    search_capped: list[str]
    commands: list[Command]


def fill(path: Path, count: int, batch: int = 50) -> tuple[float, float]:
    """Fill an archive with `count` generated articles; (seconds saving, rate of the last 10 %)."""
    archive, crawl_id, _ = _open_archive(path)
    saving = 0.0
    tail_start = count - count // 10
    tail_seconds = 0.0
    pending: list[Article] = []
    for n, article in enumerate(iter_articles(count), 1):
        pending.append(article)
        if len(pending) == batch or n == count:
            seconds = save_timed(archive, crawl_id, pending, batch)
            saving += seconds
            tail_seconds += seconds if n > tail_start else 0.0
            pending = []
    archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    archive.close()
    return saving, (count // 10) / tail_seconds if tail_seconds else 0.0


@dataclass
class Latencies:
    """Search timings per query, `rounds` each."""

    wall_ms: dict[str, list[float]]
    cpu_ms: dict[str, list[float]]
    hits: dict[str, int]  # articles matched: search time grows with it, up to RANK_LIMIT
    capped: list[str]


def search_latencies(path: Path, rounds: int = 5) -> Latencies:
    """Milliseconds of each query, `rounds` times, through the function `bishshow search` uses;
    and how many articles each query matches."""
    from bishshow_spider.analysis.search import build_query, search

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        wall: dict[str, list[float]] = {q: [] for q in QUERIES}
        cpu: dict[str, list[float]] = {q: [] for q in QUERIES}
        capped: set[str] = set()
        for _ in range(rounds):
            for query in QUERIES:
                start, start_cpu = time.perf_counter(), time.process_time()
                if search(conn, query, limit=20).capped:
                    capped.add(query)
                wall[query].append((time.perf_counter() - start) * 1000)
                cpu[query].append((time.process_time() - start_cpu) * 1000)
        hits = {
            q: conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                [build_query(conn, q).expression],
            ).fetchone()[0]
            for q in QUERIES
        }
        return Latencies(wall, cpu, hits, [q for q in QUERIES if q in capped])
    finally:
        conn.close()


def _fts_bytes(path: Path) -> int:
    """Bytes of the FTS index's shadow tables (dbstat, when SQLite has it)."""
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
        ).fetchone()
        return int(row[0] or 0)
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def _articles_in(path: Path) -> int:
    """Articles in the archive at `path` (0 when there is none)."""
    if not path.exists():
        return 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def _p50_p95(samples: dict[str, list[float]]) -> tuple[float, float, list[float]]:
    """Median and 95th percentile of all samples, and all of them sorted."""
    flat = sorted(t for ts in samples.values() for t in ts)
    return round(statistics.median(flat), 2), round(flat[int(0.95 * (len(flat) - 1))], 2), flat


def scale(count: int, reuse: bool = False) -> ScaleResult:
    """Fill (unless `reuse` finds it filled), then measure size, search latency, stats and
    export."""
    path = WORKDIR / "scale" / "archive.db"
    filled = None if reuse and _articles_in(path) == count else fill(path, count)
    latencies = search_latencies(path)
    times = latencies.wall_ms
    p50, p95, flat = _p50_p95(times)
    cpu_p50, cpu_p95, _ = _p50_p95(latencies.cpu_ms)
    slowest = max(times, key=lambda q: statistics.median(times[q]))
    out = path.parent
    commands = [
        run_cli(["stats", "--db", str(path), "--json"]),
        run_cli(["search", "--db", str(path), "ইউক্রেন", "--json"]),
        run_cli(["export", "--db", str(path), "-o", str(out / "export.jsonl")]),
        run_cli(["export", "--db", str(path), "-o", str(out / "export.parquet")]),
    ]
    for command in commands:
        if command.argv[0] == "export":
            command.output_bytes = Path(command.argv[-1]).stat().st_size
    saving, tail_rate = filled or (None, None)
    return ScaleResult(
        articles=count,
        fill_seconds=round(saving, 1) if saving else None,
        fill_articles_per_s=round(count / saving) if saving else None,
        last_tenth_articles_per_s=round(tail_rate) if tail_rate is not None else None,
        loader_peak_rss_mb=round((memory_mb(os.getpid()) or (0.0, 0.0))[1], 1),
        db_mb=round(path.stat().st_size / 2**20, 1),
        fts_mb=round(_fts_bytes(path) / 2**20, 1),
        queries=len(QUERIES),
        search_p50_ms=p50,
        search_p95_ms=p95,
        search_max_ms=round(flat[-1], 2),
        search_cpu_p50_ms=cpu_p50,
        search_cpu_p95_ms=cpu_p95,
        search_slowest=slowest,
        search_by_query={
            q: (round(statistics.median(t), 1), latencies.hits[q]) for q, t in times.items()
        },
        search_capped=latencies.capped,
        commands=commands,
    )


def main() -> None:
    """Command-line entry point: print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", choices=("storage", "scale"))
    parser.add_argument("--articles", type=int)
    parser.add_argument("--batch", type=int, default=50, help="articles per transaction")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 5,000 articles")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="scale: measure the archive an earlier run filled, if it has --articles articles",
    )
    args = parser.parse_args()
    if args.bench == "storage":
        result: object = storage(args.articles or (2000 if args.quick else 20000), args.batch)
    else:
        result = scale(args.articles or (5000 if args.quick else 100_000), args.reuse)
    # One line: bench/run.py reads the last line of the output.
    print(json.dumps(asdict(result), ensure_ascii=False))  # type: ignore[call-overload]


if __name__ == "__main__":
    main()
