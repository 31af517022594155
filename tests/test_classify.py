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
