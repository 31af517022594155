"""Extraction quality and speed on real pages, ours beside trafilatura, in one run.

    .venv/bin/python bench/quality.py [--corpora DIR] [--pages N] [--repeat R] [--verbose]
                                      [--json FILE]

The corpora (../shared/corpora, see its README) hold other people's pages and ground truth:

- aeb: body word-F1.
- fundus: title, date, authors, body word-F1.
- trafilatura: title, date, authors, the `with` snippets present and the `without` ones absent,
  plus the checks on the Bengali ukbdnews page.

Every page goes through `bishshow_spider.extract.extract_article` (ours),
`trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)`
(theirs) and `lxml.html.fromstring` (a bare parse), all given the same decoded string; the
timings are the best of `--repeat` calls, summarized as medians per page.

How things are compared (both sides NFC):

- body word-F1: whitespace tokens, multiset overlap, averaged per page.
- title: equal after `normalize` (casefold; letters, digits and combining marks kept, anything
  else a space; spaces collapsed); "contains" when either normalized title contains the other.
- date right: when the ground truth has a time and an offset, the same instant (to the second);
  otherwise the same calendar date as printed. "same day" is more lenient: the calendar date in
  the ground truth's zone, so a date-only answer can match a timed ground truth.
  Our `published_at` is written in the site's zone (+06:00); it is moved back into the offset
  the page printed (`published_raw`) before dates are compared as printed.
- authors: equal sets after `normalize`, or at least one in common; trafilatura's author
  string is split on ";" as it joins several.

Pages whose ground truth lacks a field are left out of that field's figure (the `n` column).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import lxml.html

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

UKBDNEWS = "ukbdnews.com.23646.html"
UKBDNEWS_INSTANT = datetime(2020, 8, 29, 9, 46, 6, tzinfo=UTC)

# The done-when figures: (corpus, metric) -> lowest acceptable value for ours.
TARGETS: dict[tuple[str, str], float] = {
    ("aeb", "body word-F1"): 0.93,
    ("fundus", "title equal"): 0.90,
    ("fundus", "date right"): 0.90,
}

T = TypeVar("T")


# --- pages and what an extractor made of them -------------------------------------------------


@dataclass(frozen=True)
class Truth:
    """A page's ground truth; None (or empty) where the corpus does not annotate the field."""

    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] | None = None
    body: str | None = None
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    corpus: str
    key: str
    url: str
    html: str
    truth: Truth


@dataclass(frozen=True)
class Extraction:
    """The annotated fields as one extractor found them.

    `published` is ISO 8601 (a date, or a date-time) in the page's own zone where known.
    """

    title: str | None
    published: str | None
    authors: tuple[str, ...]
    body: str


Extractor = Callable[[str, str], Extraction]


def ours(html: str, url: str) -> Extraction:
    """Our whole extraction (metadata and body) of one page."""
    from bishshow_spider.extract import extract_article

    article = extract_article(html, url)
    return Extraction(
        title=article.title,
        published=in_page_zone(article.published_at, article.published_raw),
        authors=tuple(article.authors),
        body=article.body_text,
    )


def theirs(html: str, url: str) -> Extraction:
    """trafilatura's extraction with metadata (comments off: we do not extract them either)."""
    import trafilatura
    from trafilatura.settings import Document

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if not isinstance(doc, Document):
        return Extraction(title=None, published=None, authors=(), body="")
    authors = tuple(name.strip() for name in (doc.author or "").split(";") if name.strip())
    return Extraction(title=doc.title, published=doc.date, authors=authors, body=doc.text or "")


def bare_parse(html: str, url: str) -> Any:
    """The floor: an lxml parse of the same string and nothing else."""
    return lxml.html.fromstring(html)


def in_page_zone(published_at: str | None, raw: str | None) -> str | None:
    """Our instant written in the offset the page printed, when the raw string states one.

    `published_at` is in the site's zone whatever the page said; `published_raw` keeps the
    page's text. A raw string without an offset was read in the site's zone already.
    """
    when, printed = _fromiso(published_at), _fromiso(raw)
    if when is None or when.tzinfo is None or printed is None or printed.tzinfo is None:
        return published_at
    return when.astimezone(printed.tzinfo).isoformat()


def _fromiso(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


# --- corpora --------------------------------------------------------------------------------


def _read(path: Path) -> str:
    """The stored page as text: every corpus file is UTF-8, whatever its meta charset says."""
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def load_aeb(base: Path) -> list[Page]:
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Page(
            "aeb",
            key,
            item["url"],
            _read(base / "html" / f"{key}.html.gz"),
            Truth(body=item["articleBody"]),
        )
        for key, item in sorted(truth.items())
    ]


def load_fundus(base: Path) -> list[Page]:
    pages = []
    for line in (base / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        truth = Truth(
            title=item.get("title"),
            published=item.get("publishing_date"),
            authors=tuple(item["authors"]) if item.get("authors") else None,
            body=item.get("body_text"),
        )
        key = Path(item["file"]).name.removesuffix(".html.gz")
        pages.append(Page("fundus", key, item["url"], _read(base / item["file"]), truth))
    return pages


def load_trafilatura(base: Path) -> list[Page]:
    annotations = json.loads((base / "evaldata_subset.json").read_text(encoding="utf-8"))
    pages = []
    for url, item in annotations.items():
        truth = Truth(
            title=item.get("title") or None,
            published=item.get("date") or None,
            authors=tuple(a.strip() for a in item["author"].split(";")) if item["author"] else None,
            present=tuple(item.get("with", [])),
            absent=tuple(s for s in item.get("without", []) if s.strip()),
        )
        html = _read(base / "html" / f"{item['file']}.gz")
        pages.append(Page("trafilatura", item["file"], url, html, truth))
    return pages


LOADERS: dict[str, Callable[[Path], list[Page]]] = {
    "aeb": load_aeb,
    "fundus": load_fundus,
    "trafilatura": load_trafilatura,
}


def load_corpus(name: str, corpora: Path = CORPORA, limit: int | None = None) -> list[Page]:
    """The pages of one corpus (its first `limit` when given)."""
    return LOADERS[name](corpora / name)[:limit]


# --- scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """Points won out of points possible on one page (an F1 is `Score(f1, 1)`)."""

    hits: float
    total: int

    @classmethod
    def of(cls, ok: bool) -> Score:
        return cls(float(ok), 1)


def tokens(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def word_f1(predicted: str, truth: str) -> float:
    """Multiset word overlap F1 of whitespace tokens (1.0 when both are empty)."""
    pred, gold = Counter(tokens(predicted)), Counter(tokens(truth))
    if not pred and not gold:
        return 1.0
    common = sum((pred & gold).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def normalize(text: str | None) -> str:
    """NFC, casefold, letters/digits/marks kept (vowel signs are letters' parts in Indic
    scripts), anything else a space, spaces collapsed."""
    folded = unicodedata.normalize("NFC", text or "").casefold()
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in folded)
    return " ".join(kept.split())


@dataclass(frozen=True)
class When:
    """A printed date: its calendar day as printed, and the instant when it has time+offset."""

    day: date
    moment: datetime | None


def parse_when(text: str | None) -> When | None:
    """An ISO 8601 date or date-time ('2024-04-24', '2024-04-24 00:00:00', '...+05:30')."""
    parsed = _fromiso(text)
    if parsed is None or text is None:
        return None
    has_time = len(text.strip()) > len("YYYY-MM-DD")
    return When(parsed.date(), parsed if has_time and parsed.tzinfo else None)


def _same_second(a: datetime, b: datetime) -> bool:
    return a.replace(microsecond=0) == b.replace(microsecond=0)


def score_body(got: Extraction, truth: Truth) -> Score | None:
    return None if truth.body is None else Score(word_f1(got.body, truth.body), 1)


def score_title_equal(got: Extraction, truth: Truth) -> Score | None:
    if not truth.title:
        return None
    return Score.of(bool(got.title) and normalize(got.title) == normalize(truth.title))


def score_title_contains(got: Extraction, truth: Truth) -> Score | None:
    if not truth.title:
        return None
    ours_, gold = normalize(got.title), normalize(truth.title)
    return Score.of(bool(ours_) and (gold in ours_ or ours_ in gold))


def score_date_right(got: Extraction, truth: Truth) -> Score | None:
    """Same instant when the truth has time and offset, else the same date as printed."""
    gold = parse_when(truth.published)
    if gold is None:
        return None
    found = parse_when(got.published)
    if found is None:
        return Score.of(False)
    if gold.moment is not None:
        return Score.of(found.moment is not None and _same_second(found.moment, gold.moment))
    return Score.of(found.day == gold.day)


def score_date_day(got: Extraction, truth: Truth) -> Score | None:
    """The same calendar date in the truth's zone (as printed when either has no offset)."""
    gold = parse_when(truth.published)
    if gold is None:
        return None
    found = parse_when(got.published)
    if found is None:
        return Score.of(False)
    day = found.day
    if found.moment is not None and gold.moment is not None:
        day = found.moment.astimezone(gold.moment.tzinfo).date()
    return Score.of(day == gold.day)


def _author_sets(got: Extraction, truth: Truth) -> tuple[set[str], set[str]] | None:
    if not truth.authors:
        return None
    gold = {normalize(a) for a in truth.authors} - {""}
    return {normalize(a) for a in got.authors} - {""}, gold


def score_authors_equal(got: Extraction, truth: Truth) -> Score | None:
    sets = _author_sets(got, truth)
    return None if sets is None else Score.of(sets[0] == sets[1])


def score_authors_common(got: Extraction, truth: Truth) -> Score | None:
    sets = _author_sets(got, truth)
    return None if sets is None else Score.of(bool(sets[0] & sets[1]))


def _flat(text: str) -> str:
    return " ".join(tokens(text))


def score_present(got: Extraction, truth: Truth) -> Score | None:
    """`with` snippets found in the body (whitespace-insensitive)."""
    if not truth.present:
        return None
    body = _flat(got.body)
    return Score(sum(_flat(s) in body for s in truth.present), len(truth.present))


def score_absent(got: Extraction, truth: Truth) -> Score | None:
    """`without` snippets kept out of the body (whitespace-insensitive)."""
    if not truth.absent:
        return None
    body = _flat(got.body)
    return Score(sum(_flat(s) not in body for s in truth.absent), len(truth.absent))


@dataclass(frozen=True)
class Metric:
    """A named per-page scorer; a page fails it when it wins under `pass_mark` of its points."""

    name: str
    field: str
    score: Callable[[Extraction, Truth], Score | None]
    pass_mark: float = 1.0

    def failed(self, score: Score) -> bool:
        return score.hits < self.pass_mark * score.total


METRICS = {
    m.name: m
    for m in (
        Metric("title equal", "title", score_title_equal),
        Metric("title contains", "title", score_title_contains),
        Metric("date right", "published", score_date_right),
        Metric("date same day", "published", score_date_day),
        Metric("authors equal", "authors", score_authors_equal),
        Metric("authors >=1 common", "authors", score_authors_common),
        Metric("body word-F1", "body", score_body, pass_mark=0.9),
        Metric("with present", "body", score_present),
        Metric("without absent", "body", score_absent),
    )
}

SUITES: dict[str, tuple[str, ...]] = {
    "aeb": ("body word-F1",),
    "fundus": (
        "title equal",
        "title contains",
        "date right",
        "date same day",
        "authors equal",
        "authors >=1 common",
        "body word-F1",
    ),
    "trafilatura": (
        "title equal",
        "title contains",
        "date right",
        "date same day",
        "authors equal",
        "authors >=1 common",
        "with present",
        "without absent",
    ),
}


@dataclass(frozen=True)
class Figure:
    """A metric over a corpus: points won / points possible, over the pages it applies to."""

    value: float | None
    pages: int


def aggregate(metric: Metric, pages: Sequence[Page], found: Sequence[Extraction]) -> Figure:
    scored = (metric.score(e, p.truth) for p, e in zip(pages, found, strict=True))
    scores = [s for s in scored if s is not None]
    total = sum(s.total for s in scores)
    return Figure(sum(s.hits for s in scores) / total if total else None, len(scores))


def ukbdnews_checks(got: Extraction, truth: Truth) -> dict[str, Score]:
    """The issue's checks on the Bengali page: title, instant, snippets in and out."""
    when = parse_when(got.published)
    moment = when.moment if when is not None else None
    return {
        "title equal": score_title_equal(got, truth) or Score(0, 1),
        f"published at {UKBDNEWS_INSTANT:%Y-%m-%dT%H:%M:%SZ}": Score.of(
            moment is not None and _same_second(moment, UKBDNEWS_INSTANT)
        ),
        "with present": score_present(got, truth) or Score(0, 0),
        "without absent": score_absent(got, truth) or Score(0, 0),
    }


# --- running --------------------------------------------------------------------------------


@dataclass
class Run:
    """One page through ours, trafilatura and lxml, with the best time of each in ms."""

    page: Page
    ours: Extraction
    theirs: Extraction
    ms: dict[str, float] = field(default_factory=dict)


def timed(fn: Callable[[str, str], T], page: Page, repeat: int) -> tuple[T, float]:
    """`fn(page.html, page.url)` run `repeat` times: the last value and the best time in ms."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        value = fn(page.html, page.url)
        best = min(best, time.perf_counter() - start)
    return value, best * 1000


def run_page(page: Page, repeat: int) -> Run:
    found, ours_ms = timed(ours, page, repeat)
    their, theirs_ms = timed(theirs, page, repeat)
    _, lxml_ms = timed(bare_parse, page, repeat)
    return Run(page, found, their, {"ours": ours_ms, "trafilatura": theirs_ms, "lxml": lxml_ms})


def warm_up(page: Page) -> None:
    """One untimed call of each, so imports and first-call caches are not counted."""
    for fn in (ours, theirs, bare_parse):
        fn(page.html, page.url)


def extract_all(pages: Sequence[Page], extractor: Extractor = ours) -> list[Extraction]:
    """One untimed extraction per page (what the tests use)."""
    return [extractor(page.html, page.url) for page in pages]


# --- figures --------------------------------------------------------------------------------


def corpus_figures(name: str, runs: Sequence[Run]) -> dict[str, dict[str, Any]]:
    """metric -> {ours, trafilatura, pages, target} for one corpus."""
    pages = [r.page for r in runs]
    figures: dict[str, dict[str, Any]] = {}
    for metric_name in SUITES[name]:
        metric = METRICS[metric_name]
        mine = aggregate(metric, pages, [r.ours for r in runs])
        other = aggregate(metric, pages, [r.theirs for r in runs])
        figures[metric_name] = {
            "ours": mine.value,
            "trafilatura": other.value,
            "pages": mine.pages,
            "target": TARGETS.get((name, metric_name)),
        }
    return figures


def speed_figures(runs: Sequence[Run]) -> dict[str, float]:
    """Median ms/page of each, and the median per-page ratios to the bare lxml parse."""
    ms = {
        who: statistics.median(r.ms[who] for r in runs) for who in ("ours", "trafilatura", "lxml")
    }
    ratio = {
        f"{who}/lxml": statistics.median(r.ms[who] / r.ms["lxml"] for r in runs)
        for who in ("ours", "trafilatura")
    }
    return {**{f"{who} ms": v for who, v in ms.items()}, **ratio, "pages": len(runs)}


def ukbdnews_figures(runs: Sequence[Run]) -> dict[str, dict[str, str]] | None:
    run = next((r for r in runs if r.page.key == UKBDNEWS), None)
    if run is None:
        return None
    mine, other = (
        ukbdnews_checks(run.ours, run.page.truth),
        ukbdnews_checks(run.theirs, run.page.truth),
    )
    return {
        check: {"ours": _points(mine[check]), "trafilatura": _points(other[check])}
        for check in mine
    }


def _points(score: Score) -> str:
    return f"{score.hits:g}/{score.total}"


@dataclass(frozen=True)
class Failure:
    """A page and metric ours falls short on: both answers (with a verdict) and the truth."""

    corpus: str
    page: str
    metric: str
    ours: str
    trafilatura: str
    truth: str


def failures(runs: Sequence[Run]) -> list[Failure]:
    """Every (page, metric) where ours falls short, with trafilatura's answer beside it."""
    found = []
    for run in runs:
        for metric_name in SUITES[run.page.corpus]:
            metric = METRICS[metric_name]
            score = metric.score(run.ours, run.page.truth)
            if score is None or not metric.failed(score):
                continue
            other = metric.score(run.theirs, run.page.truth)
            found.append(
                Failure(
                    run.page.corpus,
                    run.page.key,
                    metric_name,
                    _answer(metric, run.ours, score),
                    _answer(metric, run.theirs, other),
                    _truth_shown(metric, run.page.truth),
                )
            )
    return found


def _verdict(metric: Metric, score: Score | None) -> str:
    if score is None:
        return "n/a"
    if metric.pass_mark < 1:
        return f"{score.hits / score.total:.3f}"
    if score.total > 1:
        return _points(score)
    return "wrong" if metric.failed(score) else "right"


def _answer(metric: Metric, got: Extraction, score: Score | None) -> str:
    """The verdict, and the value itself unless it is the body."""
    if metric.field == "body":
        return _verdict(metric, score)
    return f"{_verdict(metric, score)} {getattr(got, metric.field)!r}"[:200]


def _truth_shown(metric: Metric, truth: Truth) -> str:
    if metric.name == "with present":
        return repr(truth.present)[:200]
    if metric.name == "without absent":
        return repr(truth.absent)[:200]
    return "" if metric.field == "body" else repr(getattr(truth, metric.field))[:200]


# --- printing -------------------------------------------------------------------------------


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_corpus(name: str, pages: int, figures: dict[str, dict[str, Any]]) -> None:
    print(f"\n{name} ({pages} pages)\n")
    print("| metric | n | ours | trafilatura | target |")
    print("|---|---:|---:|---:|---:|")
    for metric_name, fig in figures.items():
        target = "" if fig["target"] is None else f">= {fig['target']:.2f}"
        print(
            f"| {metric_name} | {fig['pages']} | {_cell(fig['ours'])} "
            f"| {_cell(fig['trafilatura'])} | {target} |"
        )


def print_ukbdnews(checks: dict[str, dict[str, str]]) -> None:
    print(f"\n{UKBDNEWS}\n")
    print("| check | ours | trafilatura |")
    print("|---|---:|---:|")
    for check, row in checks.items():
        print(f"| {check} | {row['ours']} | {row['trafilatura']} |")


def print_speed(speed: dict[str, dict[str, float]], repeat: int) -> None:
    print(f"\nspeed (median ms/page, best of {repeat} calls; ratios: median per page)\n")
    print("| corpus | pages | ours ms | trafilatura ms | lxml ms | ours/lxml | trafilatura/lxml |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, s in speed.items():
        print(
            f"| {name} | {s['pages']:.0f} | {s['ours ms']:.2f} | {s['trafilatura ms']:.2f} "
            f"| {s['lxml ms']:.2f} | {s['ours/lxml']:.1f}x | {s['trafilatura/lxml']:.1f}x |"
        )


def print_failures(found: Sequence[Failure]) -> None:
    print(f"\nwhere ours falls short ({len(found)}: page, metric, ours, trafilatura, truth)\n")
    for f in found:
        print(f"- {f.corpus}/{f.page}: {f.metric}")
        print(f"    ours:        {f.ours}")
        print(f"    trafilatura: {f.trafilatura}")
        if f.truth:
            print(f"    truth:       {f.truth}")


# --- main -----------------------------------------------------------------------------------


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA, help="the corpora folder")
    parser.add_argument("--pages", type=int, default=None, help="first N pages of each corpus")
    parser.add_argument("--repeat", type=int, default=3, help="timed calls per page (best kept)")
    parser.add_argument("--verbose", action="store_true", help="list the pages ours falls short on")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    if not args.corpora.is_dir():
        print(f"no corpora at {args.corpora} (clone ../shared or pass --corpora)", file=sys.stderr)
        return 2
    import trafilatura

    print(f"ours = extract_article; trafilatura {trafilatura.__version__}; corpora {args.corpora}")
    pages = {name: load_corpus(name, args.corpora, args.pages) for name in LOADERS}
    warm_up(next(p for ps in pages.values() for p in ps))
    runs = {name: [run_page(p, args.repeat) for p in ps] for name, ps in pages.items()}
    quality = {name: corpus_figures(name, rs) for name, rs in runs.items()}
    everything = [r for rs in runs.values() for r in rs]
    speed = {name: speed_figures(rs) for name, rs in runs.items() if rs}
    speed["all"] = speed_figures(everything)
    ukbd = ukbdnews_figures(runs["trafilatura"])
    for name, figures in quality.items():
        print_corpus(name, len(runs[name]), figures)
    if ukbd is not None:
        print_ukbdnews(ukbd)
    print_speed(speed, args.repeat)
    found = failures(everything)
    if args.verbose:
        print_failures(found)
    if args.json is not None:
        report = {
            "trafilatura_version": trafilatura.__version__,
            "repeat": args.repeat,
            "quality": quality,
            "ukbdnews": ukbd,
            "speed": speed,
            "failures": [asdict(f) for f in found],
        }
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
