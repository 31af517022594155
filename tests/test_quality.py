"""The extraction issue's done-when figures on real pages, scored as bench/quality.py scores them.

Our extractor only (no trafilatura, no timing): each page is extracted once.
"""

from __future__ import annotations

import pytest

from bench.quality import (
    CORPORA,
    METRICS,
    TARGETS,
    UKBDNEWS,
    Extraction,
    Page,
    aggregate,
    extract_all,
    load_corpus,
    ukbdnews_checks,
)

pytestmark = pytest.mark.skipif(
    not CORPORA.is_dir(),
    reason=f"real-page corpora not found at {CORPORA} (clone ../shared beside the repo)",
)


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[list[Page], list[Extraction]]]:
    """Each corpus's pages and our extraction of them."""
    result = {}
    for name in ("aeb", "fundus", "trafilatura"):
        pages = load_corpus(name)
        result[name] = (pages, extract_all(pages))
    return result


@pytest.mark.parametrize(("corpus", "metric"), sorted(TARGETS))
def test_done_when_figure(
    extracted: dict[str, tuple[list[Page], list[Extraction]]], corpus: str, metric: str
) -> None:
    pages, found = extracted[corpus]
    figure = aggregate(METRICS[metric], pages, found)
    assert figure.pages == len(pages)
    assert figure.value is not None
    assert figure.value >= TARGETS[corpus, metric], f"{corpus} {metric}: {figure.value:.3f}"


def test_ukbdnews_page(extracted: dict[str, tuple[list[Page], list[Extraction]]]) -> None:
    pages, found = extracted["trafilatura"]
    index = next(i for i, page in enumerate(pages) if page.key == UKBDNEWS)
    checks = ukbdnews_checks(found[index], pages[index].truth)
    assert checks["with present"].total == 2
    assert checks["without absent"].total == 3
    short = {name: s for name, s in checks.items() if s.hits < s.total}
    assert not short, short
