"""Extraction speed against a bare lxml parse, the measure of the extraction issue's targets.

    .venv/bin/python bench/speed.py [--repeat 5] [--corpus fixtures|aeb] [--clock wall|cpu]
                                    [--verbose] [--profile FILE]

For every page: the best of `--repeat` runs of `extract_article(html_bytes, url)` and of
`lxml.html.fromstring(html_bytes)`, timed in the same process one after the other, so a noisy
shared machine slows both alike. The ratio ours/lxml is taken per page; the table gives, per
corpus, the page count, the median ms of each side, and the median and p90 of the ratios.

`--clock cpu` times with this thread's CPU clock instead of the wall clock: on a loaded shared
machine a process loses the CPU in the middle of runs, and even the best of five wall times can
be inflated; CPU time leaves out time spent descheduled (not cache or memory contention).

Targets: median ratio at most 3x on the fixture article pages (fixtures/site articles and the
theme matrix) and at most 5x on the aeb corpus. The `walk` column is a floor for comparison, timed
the same way: the parse plus one Python loop over the tree reading each element's tag, class, text
and tail, the least an extractor looking at every element once does. `--profile FILE` writes a
cProfile of one more extraction of every page instead of timing, for `python -m pstats FILE` or
snakeviz.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bishshow_spider.extract import extract_article  # noqa: E402

FIXTURES = ROOT / "fixtures"
AEB = Path("/work/shared/corpora/aeb")
SITE_ORIGIN = "https://www.ajkerbishshow.com"
TARGETS = {"fixtures": 3.0, "aeb": 5.0}


@dataclass(frozen=True)
class Page:
    """One page as the spider would see it: raw bytes and the URL they were served at."""

    name: str
    url: str
    html: bytes


def load_fixtures() -> list[Page]:
    """The fixture site's article pages (articles.json) and every theme-matrix page."""
    pages = []
    articles = json.loads((FIXTURES / "content" / "articles.json").read_text("utf-8"))
    for article in articles:
        path = str(article["path"])
        file = FIXTURES / "site" / unquote(path).strip("/")
        file = file if file.suffix == ".html" else file / "index.html"
        pages.append(Page(f"site/{article['id']}", SITE_ORIGIN + path, file.read_bytes()))
    index = json.loads((FIXTURES / "themes_matrix" / "index.json").read_text("utf-8"))
    for entry in index:
        html = (FIXTURES / "themes_matrix" / entry["file"]).read_bytes()
        pages.append(Page(f"themes/{entry['file']}", entry["url"], html))
    return pages


def load_aeb() -> list[Page]:
    """The aeb corpus pages, gunzipped, with their URLs from the ground truth."""
    truth = json.loads((AEB / "ground-truth.json").read_text("utf-8"))
    return [
        Page(key, item["url"], gzip.decompress((AEB / "html" / f"{key}.html.gz").read_bytes()))
        for key, item in sorted(truth.items())
        if (AEB / "html" / f"{key}.html.gz").exists()
    ]


CORPORA: dict[str, Callable[[], list[Page]]] = {"fixtures": load_fixtures, "aeb": load_aeb}


CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.thread_time}


def best_of(fn: Callable[[], Any], repeat: int, clock: Callable[[], float]) -> float:
    """The fastest of `repeat` calls, in ms: the run least disturbed by other processes."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        fn()
        best = min(best, clock() - start)
    return best * 1000.0


@dataclass
class Timing:
    """One page's best times."""

    page: Page
    ours_ms: float
    lxml_ms: float
    walk_ms: float

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.lxml_ms

    @property
    def walk_ratio(self) -> float:
        return self.walk_ms / self.lxml_ms


def parse_and_walk(html: bytes) -> None:
    """The floor: parse, then visit every element once from Python."""
    for el in lxml.html.fromstring(html).iter():
        el.tag, el.get("class"), el.text, el.tail


def time_pages(pages: list[Page], repeat: int, clock: str = "wall") -> list[Timing]:
    """Both sides of every page, warmed up once (imports, regex caches, dateparser)."""
    timings = []
    tick = CLOCKS[clock]
    for page in pages:
        extract_article(page.html, page.url)
        ours = best_of(lambda p=page: extract_article(p.html, p.url), repeat, tick)  # type: ignore[misc]
        bare = best_of(lambda p=page: lxml.html.fromstring(p.html), repeat, tick)  # type: ignore[misc]
        walk = best_of(lambda p=page: parse_and_walk(p.html), repeat, tick)  # type: ignore[misc]
        timings.append(Timing(page, ours, bare, walk))
        gc.collect()  # collect between pages, not inside a timed run
    return timings


def p90(values: list[float]) -> float:
    """The 90th percentile (inclusive method, so it is a value in the data's range)."""
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def report(name: str, timings: list[Timing], verbose: bool) -> None:
    """One table row for a corpus; with `verbose`, the slowest pages by ratio first."""
    ratios = [t.ratio for t in timings]
    median = statistics.median(ratios)
    verdict = "ok" if median <= TARGETS[name] else f"over {TARGETS[name]:.0f}x"
    print(
        f"{name:<10}{len(timings):>6}{statistics.median(t.ours_ms for t in timings):>10.2f}"
        f"{statistics.median(t.lxml_ms for t in timings):>10.2f}{median:>9.2f}"
        f"{p90(ratios):>8.2f}{statistics.median(t.walk_ratio for t in timings):>8.2f}  {verdict}"
    )
    if verbose:
        for t in sorted(timings, key=lambda t: t.ratio, reverse=True)[:10]:
            print(f"    {t.ratio:6.2f}x {t.ours_ms:8.2f} ms {t.lxml_ms:7.2f} ms  {t.page.name}")


def profile(pages: list[Page], path: str) -> None:
    """A cProfile of one extraction of every page (after a warm-up pass)."""
    for page in pages:
        extract_article(page.html, page.url)
    profiler = cProfile.Profile()
    profiler.enable()
    for page in pages:
        extract_article(page.html, page.url)
    profiler.disable()
    profiler.dump_stats(path)
    print(f"profile of {len(pages)} pages written to {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per page, best kept")
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall", help="timer to use")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile instead of timing")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the slowest pages")
    args = parser.parse_args(argv)
    names = args.corpus or list(CORPORA)
    if args.profile:
        profile([page for name in names for page in CORPORA[name]()], args.profile)
        return 0
    print(
        f"{'corpus':<10}{'pages':>6}{'ours ms':>10}{'lxml ms':>10}{'ratio':>9}{'p90':>8}{'walk':>8}"
    )
    for name in names:
        report(name, time_pages(CORPORA[name](), args.repeat, args.clock), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
