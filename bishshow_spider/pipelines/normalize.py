"""Normalise the text of every article: NFC, whitespace, deduplicated authors and tags."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from bishshow_spider.extract.model import Article, Block, Image, RelatedPost, Section
from bishshow_spider.extract.text import normalize_line, normalize_text


def _line(value: str | None) -> str | None:
    """One-line text, None when nothing is left (so later stages see a missing value)."""
    return (normalize_line(value) or None) if value is not None else None


def _text(value: str | None) -> str | None:
    """Multi-line text, None when nothing is left."""
    return (normalize_text(value) or None) if value is not None else None


def unique_lines(values: Iterable[str]) -> list[str]:
    """Normalised, non-empty, first occurrence kept; 'Politics' and 'politics' are one tag."""
    seen: set[str] = set()
    result = []
    for value in values:
        line = normalize_line(value)
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            result.append(line)
    return result


def normalize_section(section: Section) -> Section:
    """Section with normalised heading and blocks; blocks left empty are dropped."""
    blocks = [Block(b.kind, normalize_text(b.text)) for b in section.blocks]
    return Section(_line(section.heading), [b for b in blocks if b.text])


def normalize_article(article: Article) -> Article:
    """The same article with every piece of text normalised; URLs are identifiers, left as-is."""
    sections = [normalize_section(s) for s in article.sections]
    return replace(
        article,
        title=_line(article.title),
        title_bn=_line(article.title_bn),
        title_en=_line(article.title_en),
        summary=_text(article.summary),
        authors=unique_lines(article.authors),
        category=_line(article.category),
        tags=unique_lines(article.tags),
        published_at=_line(article.published_at),
        published_raw=_line(article.published_raw),
        modified_at=_line(article.modified_at),
        modified_raw=_line(article.modified_raw),
        language=_line(article.language),
        sections=[s for s in sections if s.heading or s.blocks],
        related=[
            RelatedPost(r.url, normalize_line(r.title), _text(r.excerpt)) for r in article.related
        ],
        images=[Image(i.src, _line(i.caption)) for i in article.images],
        body_text=normalize_text(article.body_text),
    )


class NormalizePipeline:
    """Item pipeline applying `normalize_article`; other items pass through untouched."""

    def process_item(self, item: Any) -> Any:
        """Normalise an `Article`."""
        return normalize_article(item) if isinstance(item, Article) else item
