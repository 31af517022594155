"""Ranked full-text search over the archive, with highlighted snippets."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace

from bishshow_spider.analysis.filters import ArticleFilter
from bishshow_spider.analysis.query import Query, SearchSyntaxError, Vocabulary, translate

# Title matches count most, then summary and headings, then body (bm25 weights, column order).
WEIGHTS = (10.0, 10.0, 4.0, 3.0, 1.0)
SYNTAX_HELP = (
    'Words must all match; use "quotes" for an exact phrase, AND/OR/NOT in capitals between'
    " terms (a NOT b), parentheses to group, word* for a prefix, title_en:word for one column."
)


@dataclass(frozen=True)
class Hit:
    """One search result."""

    url: str
    title: str | None
    title_bn: str | None
    title_en: str | None
    published_at: str | None
    category: str | None
    authors: list[str]
    snippet: str
    score: float


@dataclass
class SearchResult:
    """The hits, best first, and the FTS5 query that found them."""

    query: Query
    hits: list[Hit] = field(default_factory=list)


def index_vocabulary(conn: sqlite3.Connection) -> Vocabulary:
    """Prefix lookup in the terms of `articles_fts` (a temp table: works on read-only files)."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_vocab"
        " USING fts5vocab(main, articles_fts, row)"
    )

    def lookup(prefix: str) -> list[str]:
        rows = conn.execute(
            "SELECT term FROM temp.articles_fts_vocab WHERE term >= ? AND term < ?",
            (prefix, prefix + "\U0010ffff"),
        )
        return [term for (term,) in rows]

    return lookup


def build_query(conn: sqlite3.Connection, text: str, *, raw: bool = False) -> Query:
    """Translate typed text (or pass raw FTS5 through) into the query to run."""
    return Query(text) if raw else translate(text, index_vocabulary(conn))


def search(
    conn: sqlite3.Connection,
    text: str,
    where: ArticleFilter | None = None,
    *,
    limit: int = 20,
    raw: bool = False,
    marks: tuple[str, str] = ("[", "]"),
) -> SearchResult:
    """Articles matching `text` and the filter, best first, with `marks` around matched words."""
    query = build_query(conn, text, raw=raw)
    condition, params = replace(where or ArticleFilter(), match=None).where("a")
    weights = ", ".join(map(str, WEIGHTS))
    sql = f"""
        SELECT a.url, a.title, a.title_bn, a.title_en, a.published_at, a.category, a.authors,
          snippet(articles_fts, -1, ?, ?, '…', 20), bm25(articles_fts, {weights}) AS score
        FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid
        WHERE articles_fts MATCH ? AND {condition}
        ORDER BY score, a.published_at DESC LIMIT ?"""
    try:
        rows = conn.execute(sql, [*marks, query.expression, *params, limit]).fetchall()
    except sqlite3.OperationalError as exc:
        raise fts_error(text, exc) from exc
    hits = [
        Hit(url, title, bn, en, published, category, json.loads(authors), snippet, score)
        for url, title, bn, en, published, category, authors, snippet, score in rows
    ]
    return SearchResult(query, hits)


def fts_error(text: str, exc: sqlite3.OperationalError) -> Exception:
    """A clear SearchSyntaxError for FTS5's own complaints; anything else is re-raised as is."""
    message = str(exc)
    if message.startswith(("fts5:", "unterminated string", "unknown special query")):
        return SearchSyntaxError(f"cannot search for {text!r} ({message}). {SYNTAX_HELP}")
    if message.startswith("no such column"):
        return SearchSyntaxError(f"cannot search for {text!r}: unknown column ({message})")
    return exc
