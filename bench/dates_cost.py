"""What date parsing costs extraction: calls per article and their share of its time.

    .venv/bin/python -m bench.dates_cost [--quick]

Extracts every fixture article page (the site and the theme matrix) and every page of the
shared corpora (aeb, fundus, trafilatura) with `extract_article`, while counting and timing
calls to our `parse_date` / `find_date` (bishshow_spider.extract.dates, wrapped where the
extractor looks them up) and to `dateparser.parse` (which `parse_date` falls back to). The first
page is extracted once before timing, so dateparser's one-off language loading (~0.6 s) is
reported apart and not smeared over the pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import dateparser

from bishshow_spider.extract import authors, extract_article, metadata

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPORA = Path("/work/shared/corpora")
SITE_ORIGIN = "https://www.ajkerbishshow.com"


@dataclass
class Counter:
    """Calls and seconds of one wrapped function (outermost calls only for the time)."""

    calls: int = 0
    seconds: float = 0.0


@dataclass
class CorpusCost:
    """Date parsing in the extraction of one corpus."""

    corpus: str
    pages: int
    extract_ms_per_page: float
    counters: dict[str, Counter] = field(default_factory=dict)

    def share(self, name: str) -> float:
        """Fraction of extraction time spent inside `name`."""
        total = self.extract_ms_per_page * self.pages / 1000
        return self.counters[name].seconds / total if total else 0.0


def load_pages(quick: bool = False) -> dict[str, list[tuple[str, bytes]]]:
    """(url, html) of each corpus; `quick` keeps the first 10 of each."""
    corpora: dict[str, list[tuple[str, bytes]]] = {"fixtures": [], "aeb": [], "fundus": []}
    articles = json.loads((FIXTURES / "content" / "articles.json").read_text("utf-8"))
    for article in articles:
        file = FIXTURES / "site" / unquote(article["path"]).strip("/") / "index.html"
        corpora["fixtures"].append((SITE_ORIGIN + article["path"], file.read_bytes()))
    for entry in json.loads((FIXTURES / "themes_matrix" / "index.json").read_text("utf-8")):
        html = (FIXTURES / "themes_matrix" / entry["file"]).read_bytes()
        corpora["fixtures"].append((entry["url"], html))
    truth = json.loads((CORPORA / "aeb" / "ground-truth.json").read_text("utf-8"))
    for key, item in sorted(truth.items()):
        file = CORPORA / "aeb" / "html" / f"{key}.html.gz"
        if file.exists():
            corpora["aeb"].append((item["url"], gzip.decompress(file.read_bytes())))
    for line in (CORPORA / "fundus" / "cases.jsonl").read_text("utf-8").splitlines():
        case = json.loads(line)
        html = gzip.decompress((CORPORA / "fundus" / case["file"]).read_bytes())
        corpora["fundus"].append((case["url"], html))
    traf = json.loads((CORPORA / "trafilatura" / "evaldata_subset.json").read_text("utf-8"))
    corpora["trafilatura"] = [
        (url, gzip.decompress((CORPORA / "trafilatura" / "html" / f"{i['file']}.gz").read_bytes()))
        for url, i in traf.items()
    ]
    return {k: v[:10] if quick else v for k, v in corpora.items()}


@contextmanager
def counting(counters: dict[str, Counter]) -> Iterator[None]:
    """Wrap the date functions where the extractor looks them up; restore them after."""

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        counter = counters.setdefault(name, Counter())

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counter.calls += 1
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                counter.seconds += time.perf_counter() - start

        return wrapper

    targets = [
        (metadata, "parse_date", "parse_date"),
        (metadata, "find_date", "find_date"),
        (authors, "find_date", "find_date"),
        (dateparser, "parse", "dateparser.parse"),
    ]
    saved = [(module, attr, getattr(module, attr)) for module, attr, _ in targets]
    shared: dict[int, Callable[..., Any]] = {}
    for module, attr, name in targets:
        original = getattr(module, attr)
        # find_date is imported in two modules: one wrapper (one counter) for both.
        shared.setdefault(id(original), wrap(name, original))
        setattr(module, attr, shared[id(original)])
    try:
        yield
    finally:
        for module, attr, original in saved:
            setattr(module, attr, original)


def measure(corpus: str, pages: list[tuple[str, bytes]]) -> CorpusCost:
    """Extract every page once with the date functions counted."""
    counters: dict[str, Counter] = {}
    start = time.perf_counter()
    with counting(counters):
        for url, html in pages:
            extract_article(html, url)
    elapsed = time.perf_counter() - start
    return CorpusCost(corpus, len(pages), round(elapsed * 1000 / len(pages), 2), counters)


def first_call_seconds() -> float:
    """dateparser's first Bengali call in this process (its language data loading)."""
    start = time.perf_counter()
    dateparser.parse("২৯ আগস্ট ২০২০", languages=["bn", "en"])
    return time.perf_counter() - start


def main() -> None:
    """Command-line entry point: a table and the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 pages of each corpus")
    args = parser.parse_args()
    warmup = first_call_seconds()
    corpora = load_pages(args.quick)
    results = [measure(name, pages) for name, pages in corpora.items()]
    print(f"dateparser first call (language loading): {warmup * 1000:.0f} ms")
    for r in results:
        calls = {k: round(c.calls / r.pages, 2) for k, c in r.counters.items()}
        shares = {k: f"{r.share(k):.1%}" for k in r.counters}
        print(
            f"{r.corpus:12} {r.pages:4} pages {r.extract_ms_per_page:6.2f} ms/page {calls} {shares}"
        )
    print(json.dumps([asdict(r) for r in results]))


if __name__ == "__main__":
    main()
