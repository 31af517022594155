"""One page in, one typed result out: the only entry points the spider, CLI and tests need.

Pure: bytes or text and a URL in, dataclasses out. No Scrapy, no I/O, no clock (the fetch time is
an argument, so relative dates parse the same in a re-parse years later).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from lxml.html import HtmlElement

from bishshow_spider.extract.authors import clean_authors
from bishshow_spider.extract.body import Body, extract_body
from bishshow_spider.extract.dates import DEFAULT_TZ
from bishshow_spider.extract.document import Document, decode_html, parse_html
from bishshow_spider.extract.metadata import (
    Metadata,
    article_like,
    date_after_body,
    extract_metadata,
)
from bishshow_spider.extract.model import Article
from bishshow_spider.extract.structured import JsonLd, load_structured
from bishshow_spider.extract.text import count_words, detect_language

# Fewer words than this is a teaser, a gallery or an error page, not an article to archive.
MIN_ARTICLE_WORDS = 30
PageKind = Literal["article", "other"]
ARTICLE_FIELDS = frozenset(Article.__dataclass_fields__)


@dataclass
class Page:
    """What a page is, its article when it is one, and why it was judged so."""

    url: str
    kind: PageKind
    article: Article | None
    # The parsed page, which extraction never modifies: the spider reads its links here
    # instead of parsing the page again.
    tree: HtmlElement = field(compare=False, repr=False)
    reasons: list[str] = field(default_factory=list)


def parse_page(
    html: str | bytes,
    url: str,
    *,
    fetched_at: datetime | None = None,
    encoding: str | None = None,
    default_tz: str = DEFAULT_TZ,
) -> Page:
    """Classify a page with the extraction layers and extract its article if it is one."""
    metadata, body, tree = _extract(html, url, fetched_at, encoding, default_tz)
    article = _assemble(url, metadata, body)
    reasons = list(metadata.article_signals)
    # Pages that declare nothing (no JSON-LD, no og:type) still show one article as prose.
    if not article_like(reasons) and body.reads_as_prose():
        reasons.append("body:prose")
    if not article_like(reasons):
        return Page(url, "other", None, tree, [*reasons, "no article signal"])
    if article.word_count < MIN_ARTICLE_WORDS or not article.title:
        return Page(url, "other", None, tree, [*reasons, f"{article.word_count} words of body"])
    if body.is_a_table():
        return Page(url, "other", None, tree, [*reasons, "body:table"])
    return Page(url, "article", article, tree, reasons)


def extract_article(
    html: str | bytes,
    url: str,
    *,
    fetched_at: datetime | None = None,
    encoding: str | None = None,
    default_tz: str = DEFAULT_TZ,
) -> Article:
    """The article in a page, whatever the page claims to be (for saved files and re-parses)."""
    metadata, body, _ = _extract(html, url, fetched_at, encoding, default_tz)
    return _assemble(url, metadata, body)


def _extract(
    html: str | bytes,
    url: str,
    fetched_at: datetime | None,
    encoding: str | None,
    default_tz: str,
) -> tuple[Metadata, Body, HtmlElement]:
    text = decode_html(html, encoding) if isinstance(html, bytes) else html
    doc = Document(url, parse_html(text))
    load_structured(doc)
    ld = JsonLd(doc.jsonld)  # one `@id` index and node walk for the metadata and the body
    metadata = extract_metadata(doc, fetched_at=fetched_at, default_tz=default_tz, ld=ld)
    ld_article = ld.article() or {}
    article_body = ld_article.get("articleBody")
    body = extract_body(
        doc.tree,
        url,
        title=metadata.title,
        standfirst=metadata.summary,
        read_byline=metadata.authors_are_site,
        article_body=article_body if isinstance(article_body, str) else None,
        lead_images=metadata.images,
    )
    if metadata.published_at is None and body.page_node is not None:
        date_after_body(metadata, body.page_node, fetched_at=fetched_at, default_tz=default_tz)
    return metadata, body, doc.tree


def _assemble(url: str, metadata: Metadata, body: Body) -> Article:
    article = Article(url=url, **metadata.article_fields())
    # Provenance of metadata-only fields (site name, image) would name fields Article lacks.
    article.sources = {k: v for k, v in article.sources.items() if k in ARTICLE_FIELDS}
    if body.byline is not None:
        names = clean_authors([body.byline])
        if names:
            article.authors, article.sources["authors"] = names, "body"
    article.sections = body.sections
    article.images = body.images
    article.related = body.related
    article.body_text = body.text  # joined from the sections on each access: read it once
    article.word_count = count_words(article.body_text)
    if article.language is None:
        article.language = detect_language(article.body_text)
        if article.language is not None:
            article.sources["language"] = "content"
    if body.sections:
        article.sources["sections"] = body.layer
    if body.related:
        article.sources["related"] = "related-block"
    return article
