"""Articles are told from other pages by the extraction layers, in every theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from bishshow_spider.extract import parse_page
from tests.golden import FIXTURES, SITE_ORIGIN, Case, cases

ARTICLES = cases()
ARTICLE_FILES = {c.html_path.resolve() for c in ARTICLES}
OTHER_PAGES = sorted(
    p for p in (FIXTURES / "site").rglob("*.html") if p.resolve() not in ARTICLE_FILES
)


@pytest.mark.parametrize("case", ARTICLES, ids=[c.name for c in ARTICLES])
def test_article_pages_are_articles(case: Case) -> None:
    page = parse_page(case.read_html(), case.url)
    assert page.kind == "article", page.reasons
    assert page.article is not None and page.article.title


@pytest.mark.parametrize(
    "path", OTHER_PAGES, ids=[str(p.relative_to(FIXTURES / "site")) for p in OTHER_PAGES]
)
def test_listings_and_pages_are_not_articles(path: Path) -> None:
    url = f"{SITE_ORIGIN}/{path.relative_to(FIXTURES / 'site').parent}/"
    page = parse_page(path.read_bytes(), url)
    assert page.kind == "other", page.reasons
    assert page.article is None


def test_the_site_has_listings_of_every_kind() -> None:
    kinds = {p.relative_to(FIXTURES / "site").parts[0] for p in OTHER_PAGES}
    assert {"category", "tag", "author", "about", "page"} <= kinds


def _post_with(body: str) -> str:
    """A WordPress post that declares itself an article every way it can."""
    return (
        '<html><head><meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2025-12-09T06:00:00+06:00">'
        '</head><body class="single single-post postid-9"><article><h1>শিরোনাম</h1>'
        f'<div class="entry-content">{body}</div></article></body></html>'
    )


_TIMES = "".join(
    f"<tr><td>ওয়াক্ত {n}</td><td>ভোর ৫:০{n}</td><td>সকাল ৬:২{n}</td></tr>" for n in range(8)
)
_PROSE = "<p>" + "সরকার আজ নতুন সিদ্ধান্তের কথা জানিয়েছে, যা আগামী মাস থেকে কার্যকর হবে। " * 3 + "</p>"


def test_a_table_with_a_note_is_not_an_article() -> None:
    page = parse_page(
        _post_with(f"<table>{_TIMES}</table><p>সূত্র: ইসলামিক ফাউন্ডেশন।</p>"), "https://example.com/p/"
    )
    assert page.kind == "other"
    assert page.reasons[-1] == "body:table"


def test_a_story_with_a_table_is_an_article() -> None:
    page = parse_page(
        _post_with(f"{_PROSE}<table>{_TIMES}</table>{_PROSE}{_PROSE}"), "https://example.com/p/"
    )
    assert page.kind == "article", page.reasons
