"""Extraction on markups no rule was written for, against a reader's expectations.

The pages and what a careful reader sees on them are in `fixtures/unseen/` (see its
`expected.py`); each page is checked field by field and every mismatch is reported at once.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bishshow_spider.extract import parse_page
from bishshow_spider.extract.model import Article
from fixtures.unseen.expected import PAGES

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "unseen"
FETCHED = datetime.fromisoformat("2025-12-09T12:00:00+06:00")


def _n(text: Any) -> Any:
    """NFC with whitespace folded (None passes through)."""
    return " ".join(unicodedata.normalize("NFC", text).split()) if isinstance(text, str) else text


def _no_bar(text: str) -> str:
    return str(_n(text)).rstrip("| ").strip()


def _mismatches(page: dict[str, Any], article: Article) -> list[str]:
    """Every way `article` differs from the page's expectations."""
    found: list[str] = []

    def check(name: str, ok: bool, expected: Any, got: Any) -> None:
        if not ok:
            found.append(f"{name}: expected {expected!r}, got {got!r}")

    titles = [_n(t) for t in page["title"]]
    check("title", _n(article.title) in titles, page["title"], article.title)
    for name in ("title_bn", "title_en", "published_at", "category"):
        got = getattr(article, name)
        check(name, _n(got) == _n(page[name]), page[name], got)
    for name in ("authors", "tags"):
        got = getattr(article, name)
        check(name, [_n(v) for v in got] == [_n(v) for v in page[name]], page[name], got)
    headings = [_n(s.heading) for s in article.sections if s.heading]
    check("headings", headings == [_n(h) for h in page["headings"]], page["headings"], headings)
    blocks = [b for s in article.sections for b in s.blocks]
    for kind, name in (("bullet", "bullets"), ("numbered", "numbered"), ("quote", "quotes")):
        got = [_n(b.text) for b in blocks if b.kind == kind]
        check(name, got == [_n(x) for x in page[name]], page[name], got)

    listed = {post.url: post for post in article.related}
    for url, title, excerpt in page["related"]:
        post = listed.get(url)
        if post is None:
            check(f"related {url}", False, (title, excerpt), None)
            continue
        check(f"related {url} title", _no_bar(post.title) == _no_bar(title), title, post.title)
        check(f"related {url} excerpt", _n(post.excerpt) == _n(excerpt), excerpt, post.excerpt)
    allowed = {url for url, _, _ in page["related"]} | set(page["related_ok_extra"])
    extra = [post.url for post in article.related if post.url not in allowed]
    check("related, unexpected", not extra, [], extra)

    lead = article.sections[0] if article.sections else None
    opens = lead is not None and lead.heading is None and bool(lead.blocks)
    opens = opens and str(_n(lead.blocks[0].text)).startswith(_n(page["first_block"]))  # type: ignore[union-attr]
    check("lead paragraph", opens, page["first_block"], lead)

    body = _n(article.body_text)
    for text in page["must_contain"]:
        check("body holds", _n(text) in body, text, None)
    for text in page["furniture"]:
        present = text in article.body_text if "\n" in text else _n(text) in body
        check("furniture in body", not present, None, text)

    for stem, caption in page["images"]:
        image = next((i for i in article.images if stem in i.src), None)
        if image is None:
            check(f"image {stem}", False, caption, [i.src for i in article.images])
        elif caption is not None:
            check(f"image {stem} caption", _n(image.caption) == _n(caption), caption, image.caption)
    ads = [i.src for i in article.images if any(stem in i.src for stem in page["no_images"])]
    check("images, unwanted", not ads, [], ads)
    return found


@pytest.mark.parametrize("page", PAGES, ids=[p["file"].removesuffix(".html") for p in PAGES])
def test_unseen_markup_is_read_as_a_reader_would(page: dict[str, Any]) -> None:
    result = parse_page((HERE / page["file"]).read_bytes(), page["url"], fetched_at=FETCHED)
    assert result.kind == "article", result.reasons
    assert result.article is not None
    assert _mismatches(page, result.article) == []


def test_a_page_declaring_nothing_is_judged_by_its_prose() -> None:
    """The custom CMS page without its og:type: only a printed date and the body remain."""
    page = next(p for p in PAGES if p["file"] == "custom_cms.html")
    html = (HERE / page["file"]).read_bytes()
    bare = re.sub(rb'<meta property="og:type"[^>]*>', b"", html)
    assert bare != html
    result = parse_page(bare, page["url"], fetched_at=FETCHED)
    assert result.kind == "article"
    assert result.reasons == ["date:generic", "body:prose"]
    assert result.article is not None and _mismatches(page, result.article) == []
