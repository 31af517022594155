"""Run every benchmark, print a summary with ratios and targets, write bench/RESULTS.md.

    make bench                                  # everything, the issue's sizes (~30 min here)
    .venv/bin/python -m bench.run --quick       # a smoke run of everything (~2 min)
    .venv/bin/python -m bench.run --only storage,scale

Each benchmark runs in its own process (the crawls in two: crawler and server) so one's memory
and imports never colour another's. Baselines are measured in the same run: the bare Scrapy
crawl, a bare lxml parse and trafilatura (through bench/quality.py). A quick run writes
RESULTS-quick.md in the work folder, never bench/RESULTS.md. The work folder
(BISHSHOW_BENCH_DIR, default /tmp/bishshow-bench) keeps generated sites between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import crawl

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
BENCHES = ("throughput", "memory", "profile", "extraction", "dates", "storage", "scale")


@dataclass
class Size:
    """The sizes of one run: the issue's (full) or a smoke run's (quick)."""

    throughput_articles: int
    memory_articles: int
    profile_articles: int
    storage_articles: int
    scale_articles: int
    quality_args: list[str]
    dates_args: list[str]


FULL = Size(5000, 15500, 1000, 20000, 100_000, [], [])
QUICK = Size(300, 800, 300, 1000, 2000, ["--pages", "5", "--repeat", "1"], ["--quick"])


@dataclass
class Row:
    """One line of the summary: a figure, what it is compared with, the target."""

    bench: str
    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    ok: bool | None = None


def _python_json(module: str, *args: str) -> Any:
    """Run `python -m bench.MODULE ARGS` and parse the JSON on its last line of output."""
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict[str, str]:
    """Facts to read the figures by: cores, memory, CPU, versions, load while running."""
    import lxml.etree
    import scrapy

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lxml_version = ".".join(map(str, lxml.etree.LXML_VERSION))
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "?",
        "cpu": f"{os.cpu_count()} × {cpu}",
        "memory": f"{mem_kb / 2**20:.1f} GiB",
        "python": platform.python_version(),
        "versions": f"Scrapy {scrapy.__version__}, lxml {lxml_version}, "
        f"SQLite {sqlite3.sqlite_version}",
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def bench_throughput(size: Size, rows: list[Row], notes: dict[str, Any]) -> None:
    result = crawl.throughput(size.throughput_articles, concurrency=16)
    ours, bare = result.ours, result.bare
    notes["throughput"] = asdict(result)
    cpu_ours, cpu_bare = ours.cpu_seconds / ours.pages, bare.cpu_seconds / bare.pages
    rows += [
        Row(
            "crawl",
            f"pages/s, {result.site_pages} pages ({result.articles} articles), concurrency 16",
            f"{ours.pages_per_s:.1f}",
            f"bare {bare.pages_per_s:.1f}",
            f"{result.ratio:.2f}",
            ">= 0.80",
            result.ratio >= 0.8,
        ),
        Row(
            "crawl",
            "crawler CPU ms/page (independent of other load)",
            f"{cpu_ours * 1000:.1f}",
            f"bare {cpu_bare * 1000:.1f}",
            f"{cpu_bare / cpu_ours:.2f}",
            ">= 0.80",
            cpu_bare / cpu_ours >= 0.8,
        ),
        Row("crawl", "articles archived", f"{ours.items}", f"of {result.articles}"),
    ]


def bench_memory(size: Size, rows: list[Row], notes: dict[str, Any]) -> None:
    result = crawl.memory(size.memory_articles, concurrency=16)
    notes["memory"] = {k: v for k, v in asdict(result).items() if k != "crawl"} | {
        "samples": result.crawl.samples[:: max(1, len(result.crawl.samples) // 40)]
    }
    growth = result.growth_mb
    rows += [
        Row(
            "memory",
            f"RSS MiB after 1,000 pages → end ({result.crawl.pages} pages)",
            f"{result.rss_at_1000} → {result.crawl.final_rss_mb}",
            f"peak {result.crawl.peak_rss_mb}",
            "",
            "growth < 50",
            growth is not None and growth < 50,
        ),
        Row("memory", "pages/s over the long crawl", f"{result.crawl.pages_per_s:.1f}"),
    ]


def bench_profile(size: Size, rows: list[Row], notes: dict[str, Any]) -> None:
    out = crawl.WORKDIR / "profile" / "crawl.raw"
    out.parent.mkdir(parents=True, exist_ok=True)
    notes["profile"] = crawl.profile(size.profile_articles, 16, out)


def bench_extraction(size: Size, rows: list[Row], notes: dict[str, Any]) -> None:
    figures = crawl.WORKDIR / "quality.json"
    done = subprocess.run(
        [sys.executable, "bench/quality.py", *size.quality_args, "--json", str(figures)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    notes["quality_output"] = done.stdout
    speed = json.loads(figures.read_text())["speed"]
    for corpus, s in speed.items():
        rows.append(
            Row(
                "extraction",
                f"ms/page, {corpus} ({s['pages']:.0f} pages)",
                f"{s['ours ms']:.2f}",
                f"lxml {s['lxml ms']:.2f}, trafilatura {s['trafilatura ms']:.2f}",
                f"{s['ours/lxml']:.1f}× lxml, {s['ours ms'] / s['trafilatura ms']:.2f}× traf",
            )
        )


def bench_dates(size: Size, rows: list[Row], notes: dict[str, Any]) -> None:
    results = _python_json("dates_cost", *size.dates_args)
    notes["dates"] = results
    for r in results:
        counters = r["counters"]
        total = r["extract_ms_per_page"] * r["pages"] / 1000
        ours = counters.get("parse_date", {}).get("seconds", 0) + counters.get("find_date", {}).get(
            "seconds", 0
        )
        calls = sum(counters.get(k, {}).get("calls", 0) for k in ("parse_date", "find_date"))
        dp = counters.get("dateparser.parse", {})
        rows.append(
            Row(
                "dates",
                f"{r['corpus']}: date calls/article, dateparser calls/article",
                f"{calls / r['pages']:.2f}, {dp.get('calls', 0) / r['pages']:.2f}",
                f"{r['extract_ms_per_page']:.2f} ms/page",
                f"{ours / total:.1%} of extraction (dateparser {dp.get('seconds', 0) / total:.1%})",
            )
        )


def bench_storage(size: Size, rows: list[Row], notes: dict[str, Any]) -> None:
    r = _python_json("storage", "storage", "--articles", str(size.storage_articles))
    notes["storage"] = r
    rows += [
        Row(
            "storage",
            f"new articles/s, batches of {r['batch']}, FTS {'on' if r['fts'] else 'absent'}",
            f"{r['articles_per_s']}",
            f"floor {r['floor_articles_per_s']} (body once + FTS)",
            f"{r['articles_per_s'] / r['floor_articles_per_s']:.2f}",
            ">= 2000",
            r["articles_per_s"] >= 2000,
        ),
        Row(
            "storage",
            "new articles/s by CPU time (independent of other load)",
            f"{r['cpu_articles_per_s']}",
            f"floor {r['floor_cpu_articles_per_s']}",
            f"{r['cpu_articles_per_s'] / r['floor_cpu_articles_per_s']:.2f}",
        ),
        Row("storage", "rows/s with children", f"{r['rows_per_s']}"),
        Row("storage", "unchanged articles/s (a re-crawl)", f"{r['unchanged_per_s']}"),
    ]


def bench_scale(size: Size, rows: list[Row], notes: dict[str, Any]) -> None:
    r = _python_json("storage", "scale", "--articles", str(size.scale_articles))
    notes["scale"] = r
    rows += [
        Row(
            "scale",
            f"{r['articles']} articles: file MiB (FTS index MiB)",
            f"{r['db_mb']} ({r['fts_mb']})",
            f"filled at {r['fill_articles_per_s']}/s, last 10 % {r['last_tenth_articles_per_s']}/s",
        ),
        Row(
            "scale",
            f"search ms p50 / p95 ({r['queries']} queries × 5)",
            f"{r['search_p50_ms']} / {r['search_p95_ms']}",
            f"slowest: {r['search_slowest']} (max {r['search_max_ms']})",
            "",
            "p95 < 50",
            r["search_p95_ms"] < 50,
        ),
    ]
    # Search time follows the number of hits (each is ranked), so show both per query.
    for query, (ms, hits) in sorted(r["search_by_query"].items(), key=lambda kv: -kv[1][0])[:6]:
        share = f"{hits / r['articles']:.0%} of articles"
        rows.append(Row("scale", f"search {query}", f"{ms} ms", f"{hits} hits ({share})"))
    for c in r["commands"]:
        target = Path(c["argv"][-1]).name if c["argv"][0] == "export" else ""
        rows.append(
            Row(
                "scale",
                f"bishshow {c['argv'][0]} {target}".strip(),
                f"{c['seconds']} s",
                f"peak RSS {c['peak_rss_mb']} MiB",
                f"{c['output_bytes'] / 2**20:.0f} MiB out" if c["output_bytes"] else "",
            )
        )
    rows.append(Row("scale", "loader peak RSS MiB", f"{r['loader_peak_rss_mb']}"))


RUNNERS = {
    "throughput": bench_throughput,
    "memory": bench_memory,
    "profile": bench_profile,
    "extraction": bench_extraction,
    "dates": bench_dates,
    "storage": bench_storage,
    "scale": bench_scale,
}


def table(rows: list[Row]) -> str:
    """The summary as a Markdown table."""
    lines = [
        "| bench | figure | ours | baseline | ratio | target | |",
        "|---|---|---:|---|---|---|---|",
    ]
    for r in rows:
        mark = "" if r.ok is None else ("ok" if r.ok else "MISSED")
        lines.append(
            f"| {r.bench} | {r.figure} | {r.value} | {r.baseline} | {r.ratio} | {r.target} "
            f"| {mark} |"
        )
    return "\n".join(lines)


def write_results(
    path: Path, facts: dict[str, str], rows: list[Row], notes: dict[str, Any], took: float
) -> None:
    """RESULTS.md: machine, summary, the extraction tables, the crawl profile, raw figures."""
    parts = [
        "# Benchmark results\n",
        "Written by `make bench` (bench/run.py); the method of each benchmark is in its module's"
        " docstring. Figures are from one run on the machine below; wall-clock rates depend on"
        " what else the machine runs (see load), CPU ms/page much less.\n",
        "| machine | |\n|---|---|",
        *(f"| {k} | {v} |" for k, v in facts.items()),
        f"| took | {took / 60:.1f} min |\n",
        "## Summary\n",
        table(rows) + "\n",
    ]
    if "quality_output" in notes:
        parts += ["## Extraction (bench/quality.py)\n", "```", notes["quality_output"].strip()]
        parts += ["```\n"]
    if "profile" in notes:
        parts += ["## Where our crawl spends its time (py-spy, share of samples)\n"]
        parts += ["Own time:\n", "```"]
        parts += [f"{share:6.1%}  {frame}" for share, frame in notes["profile"]["self"][:20]]
        parts += ["```\n", "Including callees (bishshow code and the big Scrapy stages):\n", "```"]
        parts += [
            f"{share:6.1%}  {frame}"
            for share, frame in notes["profile"]["total"]
            if "bishshow" in frame or "sqlite" in frame or "warc" in frame or "linkextract" in frame
        ][:30]
        parts += ["```\n"]
    raw = {k: v for k, v in notes.items() if k not in ("quality_output", "profile")}
    parts += ["## Raw figures\n", "```json", json.dumps(raw, ensure_ascii=False, indent=1), "```"]
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a ~2-minute smoke run")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(BENCHES)}")
    args = parser.parse_args()
    size = QUICK if args.quick else FULL
    chosen = args.only.split(",") if args.only else list(BENCHES)
    unknown = set(chosen) - set(BENCHES)
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    # Full-size figures of earlier runs, so `--only` updates its part of RESULTS.md.
    state_file = crawl.WORKDIR / "results-state.json"
    state: dict[str, Any] = {}
    if args.only and not args.quick and state_file.exists():
        state = json.loads(state_file.read_text())
    facts = machine()
    start = time.monotonic()
    for name in chosen:
        began = time.monotonic()
        print(f"== {name} …", file=sys.stderr, flush=True)
        rows: list[Row] = []
        notes: dict[str, Any] = {}
        RUNNERS[name](size, rows, notes)
        state[name] = {"rows": [asdict(r) for r in rows], "notes": notes, "date": facts["date"]}
        print(f"   {time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)
    facts["load"] += f" at start, {' '.join(f'{x:.1f}' for x in os.getloadavg())} at end"
    took = time.monotonic() - start
    done = [name for name in BENCHES if name in state]
    all_rows = [Row(**r) for name in done for r in state[name]["rows"]]
    all_notes = {k: v for name in done for k, v in state[name]["notes"].items()}
    if args.only:
        facts["benches"] = ", ".join(f"{name} ({state[name]['date']})" for name in done)
    print(table(all_rows))
    if args.quick:
        target = crawl.WORKDIR / "RESULTS-quick.md"
    else:
        target = RESULTS
        state_file.write_text(json.dumps(state, ensure_ascii=False))
    write_results(target, facts, all_rows, all_notes, took)
    print(f"\nwritten to {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
