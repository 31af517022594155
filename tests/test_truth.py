"""Extraction of every fixture page, in every theme, against the content it was generated from.

The golden files pin the output; this test says the output is right, field by field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from bishshow_spider.extract import Article, extract_article
from tests.golden import FETCHED_AT, Case, cases, truth

TRUTH = {int(str(a["id"])): a for a in truth()}
CASES = [c for c in cases() if not c.name.startswith("real/")]


def truth_of(case: Case) -> dict[str, Any]:
    return TRUTH[int(case.name.rsplit("/", 1)[1])]


@pytest.fixture(scope="module")
def extracted() -> dict[str, Article]:
    return {c.name: extract_article(c.read_html(), c.url, fetched_at=FETCHED_AT) for c in CASES}


def instant(iso: str | None) -> datetime | None:
    return datetime.fromisoformat(iso) if iso else None


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_title_halves(case: Case, extracted: dict[str, Article]) -> None:
    article, expected = extracted[case.name], truth_of(case)
    assert (article.title_bn, article.title_en) == (expected["title_bn"], expected["title_en"])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_published_instant(case: Case, extracted: dict[str, Article]) -> None:
    article, expected = extracted[case.name], truth_of(case)
    assert instant(article.published_at) == instant(expected["published"])
    assert article.published_raw


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_authors_category_tags(case: Case, extracted: dict[str, Article]) -> None:
    article, expected = extracted[case.name], truth_of(case)
    category, tags = expected["category"]["name"], [t["name"] for t in expected["tags"]]
    if "/blogger/" in case.name:
        # Blogger has labels only: the category is one more label, not a category.
        category, tags = None, list(dict.fromkeys([category, *tags]))
    assert article.authors == expected["authors"]
    assert article.category == category
    assert article.tags == tags


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_sections_and_blocks(case: Case, extracted: dict[str, Article]) -> None:
    article, expected = extracted[case.name], truth_of(case)
    got = [(s.heading, [(b.kind, b.text) for b in s.blocks]) for s in article.sections]
    want = [
        (s["heading"], [(b["kind"], b["text"]) for b in s["blocks"]]) for s in expected["sections"]
    ]
    assert got == want


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_summary_images_related(case: Case, extracted: dict[str, Article]) -> None:
    article, expected = extracted[case.name], truth_of(case)
    assert article.summary == expected["summary"]
    assert [(i.src.rsplit("/", 1)[-1], i.caption) for i in article.images] == [
        (i["src"].rsplit("/", 1)[-1], i["caption"]) for i in expected["images"]
    ]
    related_titles = [TRUTH[i]["title"] for i in expected["related"]]
    assert [r.title for r in article.related] == related_titles
