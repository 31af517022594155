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
from urllib.parse import urlsplit, urlunsplit

import pytest

from bishshow_spider.extract import extract_article, parse_page
from bishshow_spider.extract.model import Article
from fixtures.unseen.expected import OTHER_PAGES, PAGES

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "unseen"
FETCHED = datetime.fromisoformat("2025-12-09T12:00:00+06:00")


def _n(text: Any) -> Any:
    """NFC with whitespace folded (None passes through)."""
    return " ".join(unicodedata.normalize("NFC", text).split()) if isinstance(text, str) else text


def _no_bar(text: str) -> str:
    return str(_n(text)).rstrip("| ").strip()


def _instant(value: str | None) -> int | None:
    """Seconds since the epoch of an aware ISO time (a naive one fails the comparison)."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return int(parsed.timestamp()) if parsed.tzinfo is not None else -1


def _no_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _mismatches(page: dict[str, Any], article: Article) -> list[str]:
    """Every way `article` differs from the page's expectations."""
    found: list[str] = []

    def check(name: str, ok: bool, expected: Any, got: Any) -> None:
        if not ok:
            found.append(f"{name}: expected {expected!r}, got {got!r}")

    titles = [_n(t) for t in page["title"]]
    check("title", _n(article.title) in titles, page["title"], article.title)
    for name in ("title_bn", "title_en", "category"):
        got = getattr(article, name)
        check(name, _n(got) == _n(page[name]), page[name], got)
    published = article.published_at
    check(
        "published_at",
        _instant(published) == _instant(page["published_at"]),
        page["published_at"],
        published,
    )
    for name in ("authors", "tags"):
        got = getattr(article, name)
        check(name, [_n(v) for v in got] == [_n(v) for v in page[name]], page[name], got)
    headings = [_n(s.heading) for s in article.sections if s.heading]
    check("headings", headings == [_n(h) for h in page["headings"]], page["headings"], headings)
    blocks = [b for s in article.sections for b in s.blocks]
    for kind, name in (("bullet", "bullets"), ("numbered", "numbered"), ("quote", "quotes")):
        got = [_n(b.text) for b in blocks if b.kind == kind]
        check(name, got == [_n(x) for x in page[name]], page[name], got)

    # Some sites tag every link with a tracking query (Medium's ?source=...): a post is found
    # by its URL, else by its URL without the query.
    listed = {_no_query(post.url): post for post in reversed(article.related)}
    listed |= {post.url: post for post in reversed(article.related)}
    for url, title, excerpt in page["related"]:
        post = listed.get(url) or listed.get(_no_query(url))
        if post is None:
            check(f"related {url}", False, (title, excerpt), None)
            continue
        check(f"related {url} title", _no_bar(post.title) == _no_bar(title), title, post.title)
        check(f"related {url} excerpt", _n(post.excerpt) == _n(excerpt), excerpt, post.excerpt)
    allowed = {_no_query(url) for url, _, _ in page["related"]}
    allowed |= {_no_query(url) for url in page["related_ok_extra"]}
    extra = [post.url for post in article.related if _no_query(post.url) not in allowed]
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
    html = (HERE / page["file"]).read_bytes()
    result = parse_page(html, page["url"], fetched_at=FETCHED)
    gaps = page.get("known_gaps", [])
    if "kind" in gaps:  # not judged an article yet: its fields are still held to the reader's
        assert result.kind == "other", "judged an article now: take 'kind' off known_gaps"
        article = extract_article(html, page["url"], fetched_at=FETCHED)
    else:
        assert result.kind == "article", result.reasons
        assert result.article is not None
        article = result.article
    gaps = [gap for gap in gaps if gap != "kind"]
    missed = _mismatches(page, article)
    assert [m for m in missed if m.split(":")[0] not in gaps] == []
    # A known gap that closes is taken off the list, so the list only shrinks.
    assert sorted({m.split(":")[0] for m in missed}) == sorted(gaps)


@pytest.mark.parametrize(
    "name,url", OTHER_PAGES, ids=[n.removesuffix(".html") for n, _ in OTHER_PAGES]
)
def test_pages_that_are_not_articles_are_not_archived_as_articles(name: str, url: str) -> None:
    """Archives, tag pages, a home page and an author page, some claiming og:type=article or
    listing microdata Articles: crawled for their links, never archived as articles."""
    result = parse_page((HERE / name).read_bytes(), url, fetched_at=FETCHED)
    assert result.kind == "other", result.reasons


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
