"""One archived article as readable text: titles, dates, people, sections, bullets, images."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from bishshow_spider.archive.rows import article_from_rows
from bishshow_spider.extract.model import Article


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def find_article(conn: sqlite3.Connection, url: str) -> Article | None:
    """The article at `url` (or whose canonical URL it is; a missing trailing slash is forgiven)."""
    candidates = [url, url.rstrip("/") + "/", url.rstrip("/")]
    found = _rows(
        conn,
        "SELECT * FROM articles WHERE url IN (?, ?, ?) OR canonical_url IN (?, ?, ?)"
        " ORDER BY url = ? DESC LIMIT 1",
        [*candidates, *candidates, url],
    )
    if not found:
        return None
    row = found[0]

    def children(table: str) -> list[dict[str, Any]]:
        sql = f"SELECT * FROM {table} WHERE article_url = ? ORDER BY position"
        return _rows(conn, sql, [row["url"]])

    return article_from_rows(
        row, children("sections"), children("related_posts"), children("images")
    )


def render(article: Article) -> Iterator[str]:
    """Lines of a plain-text rendering, in reading order."""
    previous = ""
    for line in _lines(article):
        if line or previous:  # one blank line between blocks, none doubled
            yield line
        previous = line


def _lines(article: Article) -> Iterator[str]:
    yield article.title_bn or article.title or article.url
    if article.title_en and article.title_en != article.title_bn:
        yield article.title_en
    yield "=" * 72
    facts = {
        "url": article.url,
        "published": article.published_at or article.published_raw,
        "modified": article.modified_at,
        "category": article.category,
        "authors": ", ".join(article.authors),
        "tags": ", ".join(article.tags),
        "words": str(article.word_count),
    }
    yield from (f"{name:>10}: {value}" for name, value in facts.items() if value)
    if article.summary:
        yield from ("", article.summary)
    for section in article.sections:
        yield ""
        if section.heading:
            yield from (f"## {section.heading}", "")
        numbered = 0
        for block in section.blocks:
            numbered = numbered + 1 if block.kind == "numbered" else 0
            if block.kind == "bullet":
                yield f"  • {block.text}"
            elif block.kind == "numbered":
                yield f"  {numbered}. {block.text}"
            elif block.kind == "quote":
                yield f"  > {block.text}"
            else:
                yield from (block.text, "")
    if article.images:
        yield from ("", "Images:")
        yield from (
            f"  {i.src}" + (f"  ({i.caption})" if i.caption else "") for i in article.images
        )
    if article.related:
        yield from ("", "Related:")
        yield from (f"  {r.title}  <{r.url}>" for r in article.related)
