"""Extraction quality and speed on real pages, ours beside trafilatura, in one run.

    .venv/bin/python bench/quality.py [--pages N] [--repeat R] [--verbose]

Body word-F1 (whitespace tokens, multiset overlap, NFC, averaged per page) on the aeb corpus; the
trafilatura corpus's `with`/`without` snippets; median ms/page for ours, trafilatura and a bare
lxml parse of the same string, and ours/lxml (parse+body/lxml: the body layers' share). When
`bishshow_spider.extract.extract_article` exists it is what we measure (the whole extraction);
until then, the body layers alone.

Hooks: each corpus is a `Suite` (name, pages, scorers). To add the fundus columns (title, date,
authors, body F1), write a loader like `load_fundus` and scorers reading `Result.article`; the
`article` field holds whatever `extract_article` returned.
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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _import_extract_package() -> str | None:
    """Import `bishshow_spider.extract`; if its `__init__` is broken mid-integration, register the
    package without it so the body layers can still be measured. Returns the import error."""
    import importlib
    import types

    try:
        importlib.import_module("bishshow_spider.extract")
        return None
    except ImportError as exc:
        for name in [m for m in sys.modules if m.startswith("bishshow_spider.extract")]:
            del sys.modules[name]
        package = types.ModuleType("bishshow_spider.extract")
        package.__path__ = [str(ROOT / "bishshow_spider" / "extract")]
        sys.modules["bishshow_spider.extract"] = package
        return f"{type(exc).__name__}: {exc}"


IMPORT_ERROR = _import_extract_package()

from bishshow_spider.extract.document import decode_html, parse_html  # noqa: E402

CORPORA = Path("/work/shared/corpora")


@dataclass
class Page:
    key: str
    url: str
    html: str
    truth: dict[str, Any]


@dataclass
class Result:
    body: str
    article: Any = None  # the Article from extract_article, when it exists


@dataclass
class Row:
    page: Page
    ours: Result
    theirs: str
    ms: dict[str, float] = field(default_factory=dict)


# --- our extractor: the integrated one when present ------------------------------------------


def _our_extractor() -> tuple[str, Callable[[str, str], Result]]:
    extract_article = getattr(sys.modules["bishshow_spider.extract"], "extract_article", None)
    if extract_article is not None:

        def run_article(html: str, url: str) -> Result:
            article = extract_article(html, url)
            return Result(
                body=article.body_text or _sections_text(article.sections), article=article
            )

        return "extract_article", run_article

    return "extract_body", body_only


def _sections_text(sections: Any) -> str:
    from bishshow_spider.extract.blocks import sections_text

    return sections_text(sections)


def body_only(html: str, url: str) -> Result:
    """Parse + the body layers alone (no metadata): our share of the time budget."""
    from bishshow_spider.extract.body import extract_body

    tree = parse_html(html)
    h1 = tree.xpath("string(//h1)").strip() or None
    return Result(body=extract_body(tree, url, title=h1).text)


def trafilatura_body(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


# --- scoring --------------------------------------------------------------------------------


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


def snippets_ok(body: str, truth: dict[str, Any]) -> tuple[int, int]:
    """(snippets handled right, snippets total): `with` present and `without` absent."""
    text = " ".join(tokens(body))
    with_ = [" ".join(tokens(s)) for s in truth.get("with", [])]
    without = [" ".join(tokens(s)) for s in truth.get("without", [])]
    good = sum(s in text for s in with_) + sum(s not in text for s in without if s)
    return good, len(with_) + len([s for s in without if s])


# --- corpora --------------------------------------------------------------------------------


def _read(path: Path) -> str:
    return decode_html(gzip.decompress(path.read_bytes()))


def load_aeb(limit: int | None = None) -> list[Page]:
    base = CORPORA / "aeb"
    truth = json.loads((base / "ground-truth.json").read_text())
    pages = [
        Page(key, item["url"], _read(base / "html" / f"{key}.html.gz"), item)
        for key, item in sorted(truth.items())
    ]
    return pages[:limit]


def load_trafilatura(limit: int | None = None) -> list[Page]:
    base = CORPORA / "trafilatura"
    truth = json.loads((base / "evaldata_subset.json").read_text())
    pages = [
        Page(item["file"], url, _read(base / "html" / f"{item['file']}.gz"), item)
        for url, item in truth.items()
    ]
    return pages[:limit]


# --- running --------------------------------------------------------------------------------


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[Any, float]:
    best = float("inf")
    value = None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return value, best * 1000


def run_suite(pages: list[Page], ours: Callable[[str, str], Result], repeat: int) -> list[Row]:
    rows = []
    for page in pages:
        ours_result, ours_ms = _timed(partial(ours, page.html, page.url), repeat)
        theirs, theirs_ms = _timed(partial(trafilatura_body, page.html), repeat)
        _, lxml_ms = _timed(partial(lxml.html.document_fromstring, page.html), repeat)
        _, body_ms = _timed(partial(body_only, page.html, page.url), repeat)
        ms = {"ours": ours_ms, "traf": theirs_ms, "lxml": lxml_ms, "body": body_ms}
        rows.append(Row(page, ours_result, theirs, ms))
    return rows


def _median(rows: list[Row], key: str) -> float:
    return statistics.median(r.ms[key] for r in rows)


def report(name: str, rows: list[Row], scorer: str, verbose: bool) -> dict[str, float]:
    if scorer == "f1":
        ours = [word_f1(r.ours.body, r.page.truth["articleBody"]) for r in rows]
        theirs = [word_f1(r.theirs, r.page.truth["articleBody"]) for r in rows]
        ours_score, theirs_score = statistics.mean(ours), statistics.mean(theirs)
        label = "body word-F1"
        if verbose:
            for r, a, b in sorted(zip(rows, ours, theirs, strict=True), key=lambda t: t[1] - t[2]):
                print(
                    f"  {a:.3f} {b:.3f} {r.ms['ours']:6.1f}ms {r.page.key[:12]} {r.page.url[:70]}"
                )
    else:
        pairs = [snippets_ok(r.ours.body, r.page.truth) for r in rows]
        traf = [snippets_ok(r.theirs, r.page.truth) for r in rows]
        ours_score = sum(g for g, _ in pairs) / max(1, sum(t for _, t in pairs))
        theirs_score = sum(g for g, _ in traf) / max(1, sum(t for _, t in traf))
        label = "snippets right"
        if verbose:
            for r, (g, t), (g2, t2) in zip(rows, pairs, traf, strict=True):
                print(f"  {g}/{t} {g2}/{t2} {r.page.key}")
    ours_ms, traf_ms, lxml_ms, body_ms = (
        _median(rows, k) for k in ("ours", "traf", "lxml", "body")
    )
    print(
        f"| {name:<12} | {len(rows):>5} | {label:<15} | {ours_score:6.3f} | {theirs_score:6.3f} "
        f"| {ours_ms:7.2f} | {traf_ms:7.2f} | {lxml_ms:6.2f} | {ours_ms / lxml_ms:5.1f}x "
        f"| {traf_ms / lxml_ms:5.1f}x | {body_ms / lxml_ms:5.1f}x |"
    )
    return {"ours": ours_score, "trafilatura": theirs_score, "ours_ms": ours_ms, "lxml_ms": lxml_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=None, help="first N pages of each corpus")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per page (best kept)")
    parser.add_argument("--verbose", action="store_true", help="per-page scores, worst first")
    args = parser.parse_args()
    name, ours = _our_extractor()
    if IMPORT_ERROR:
        print(
            f"WARNING: bishshow_spider.extract does not import ({IMPORT_ERROR}); body layers only"
        )
    print(f"ours = {name}; ms = median per page of the best of {args.repeat} runs\n")
    print(
        "| corpus       | pages | measure         |   ours |   traf | ours ms | traf ms | lxml ms "
        "| ours/lxml | traf/lxml | parse+body/lxml |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    report("aeb", run_suite(load_aeb(args.pages), ours, args.repeat), "f1", args.verbose)
    report(
        "trafilatura",
        run_suite(load_trafilatura(args.pages), ours, args.repeat),
        "snippets",
        args.verbose,
    )


if __name__ == "__main__":
    main()
