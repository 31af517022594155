"""Pure conversions between `Article` and archive rows, the content hash and the merge rule."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from datetime import UTC, datetime
from typing import Any

from bishshow_spider.extract.model import Article, Block, Image, RelatedPost, Section

Row = dict[str, Any]

# Provenance of the extraction, not content: a new extractor layer finding the same title must not
# make an unchanged article look edited.
VOLATILE_FIELDS = frozenset({"sources"})
JSON_FIELDS = ("authors", "tags", "sources")
# Tables with a row per section, list item, related post or image (see `child_rows`).
CHILD_TABLES = ("sections", "bullets", "related_posts", "images")
# Stored as-is in `articles`; the list-valued rest lives in child tables.
_CHILD_FIELDS = frozenset({"sections", "related", "images"})
_ROW_FIELDS = tuple(f.name for f in fields(Article) if f.name not in _CHILD_FIELDS)


def utc_iso(moment: datetime) -> str:
    """ISO 8601 in UTC with an explicit offset; naive datetimes are refused, not guessed."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: pass an aware one (e.g. datetime.now(UTC))")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def to_json(value: Any) -> str:
    """Compact JSON that keeps Bengali readable in a plain `sqlite3` session."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def content_hash(article: Article) -> str:
    """sha256 of the article's canonical JSON without volatile fields."""
    data = article.to_dict()
    for name in VOLATILE_FIELDS:
        del data[name]
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | dict) and not value)


def keep_archived(archived: Article, fresh: Article) -> Article:
    """`fresh`, except that a field it lacks (None, "", empty list) keeps the archived value.

    A re-crawl that fails to find the summary or the sections (a timeout mid-page, a theme
    change) must not erase what an earlier crawl archived. The price: a value really removed
    from the site stays in the archive, which suits an archive better than losing data.
    `word_count` follows `body_text`, and `sources` says where each kept value came from.
    """
    kept = {
        f.name: getattr(archived, f.name)
        for f in fields(Article)
        if f.name not in ("word_count", "sources")
        and _is_empty(getattr(fresh, f.name))
        and not _is_empty(getattr(archived, f.name))
    }
    if "body_text" in kept:
        kept["word_count"] = archived.word_count
    sources = dict(fresh.sources) if fresh.sources else dict(archived.sources)
    for name in kept:
        if name in archived.sources:
            sources[name] = archived.sources[name]
        else:
            sources.pop(name, None)
    return replace(fresh, **kept, sources=sources)


def article_row(article: Article) -> Row:
    """The `articles` columns that come from the article itself (not the crawl bookkeeping)."""
    row = {name: getattr(article, name) for name in _ROW_FIELDS}
    for name in JSON_FIELDS:
        row[name] = to_json(row[name])
    return row


def child_rows(article: Article) -> dict[str, list[Row]]:
    """Rows of each child table for `article`, keyed by table name; positions are 0-based."""
    url = article.url
    sections, bullets = [], []
    for s_pos, section in enumerate(article.sections):
        blocks = [{"kind": b.kind, "text": b.text} for b in section.blocks]
        sections.append(
            {
                "article_url": url,
                "position": s_pos,
                "heading": section.heading,
                "text": "\n\n".join(section.paragraphs),
                "blocks": to_json(blocks),
            }
        )
        bullets += [
            {"article_url": url, "section_position": s_pos, "position": pos}
            | {"kind": item.kind, "text": item.text}
            for pos, item in enumerate(section.list_items)
        ]
    related = [
        {"article_url": url, "position": pos, "url": r.url, "title": r.title, "excerpt": r.excerpt}
        for pos, r in enumerate(article.related)
    ]
    images = [
        {"article_url": url, "position": pos, "src": i.src, "caption": i.caption}
        for pos, i in enumerate(article.images)
    ]
    return {"sections": sections, "bullets": bullets, "related_posts": related, "images": images}


def article_from_rows(
    row: Mapping[str, Any],
    sections: Sequence[Mapping[str, Any]],
    related: Sequence[Mapping[str, Any]],
    images: Sequence[Mapping[str, Any]],
) -> Article:
    """Inverse of `article_row` + `child_rows`; child rows must come in position order."""
    values = {name: row[name] for name in _ROW_FIELDS}
    for name in JSON_FIELDS:
        values[name] = json.loads(values[name])
    return Article(
        **values,
        sections=[
            Section(s["heading"], [Block(**b) for b in json.loads(s["blocks"])]) for s in sections
        ],
        related=[RelatedPost(r["url"], r["title"], r["excerpt"]) for r in related],
        images=[Image(i["src"], i["caption"]) for i in images],
    )
