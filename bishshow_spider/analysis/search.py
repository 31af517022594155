"""Ranked full-text search over the archive, with highlighted snippets.

Ranking is bm25 with column weights, computed inside `articles_fts` alone; only the best `limit`
rows are then read from `articles` and given a snippet (a snippet tokenizes the whole article,
and `published_at` sits behind the long `body_text` in a row: both cost far more than bm25).
bm25 still costs 1-2 µs per matching article, so a query matching `RANK_LIMIT` articles or more
ranks only the `RANK_LIMIT` archived last (the highest rowids: FTS5 walks its matches in rowid
order, so they cost nothing to find), as Elasticsearch's `terminate_after` does;
`SearchResult.capped` says so, and `bishshow search` tells the user. Filters and more words
narrow the candidates below the cap; `rank_limit=None` (`bishshow search --all`) ranks them all.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace

from bishshow_spider.analysis.filters import ArticleFilter
from bishshow_spider.analysis.query import Query, SearchSyntaxError, Vocabulary, translate

# Title matches count most, then summary and headings, then body (bm25 weights, column order).
WEIGHTS = (10.0, 10.0, 4.0, 3.0, 1.0)
# Most articles one search ranks: bm25 takes 1-2 µs an article (bench/storage.py scale).
RANK_LIMIT = 5_000
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
    # RANK_LIMIT articles or more matched: the hits are the best of the RANK_LIMIT archived last.
    capped: bool = False


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
    rank_limit: int | None = RANK_LIMIT,
) -> SearchResult:
    """Articles matching `text` and the filter, best first, with `marks` around matched words;
    only the `rank_limit` matches archived last are ranked (None: every match)."""
    query = build_query(conn, text, raw=raw)
    if limit < 1:
        return SearchResult(query)
    found = _candidates(query.expression, replace(where or ArticleFilter(), match=None))
    pool = None if rank_limit is None else max(limit, rank_limit)
    try:
        scores, capped = _best_scores(conn, found, limit, pool)
        hits = _hits(conn, query.expression, scores, limit, marks)
    except sqlite3.OperationalError as exc:
        raise fts_error(text, exc) from exc
    return SearchResult(query, hits, capped)


# The candidates: a WHERE clause on `articles_fts` and its parameters.
_Candidates = tuple[str, list[object]]


def _candidates(expression: str, where: ArticleFilter) -> _Candidates:
    """Rows of `articles_fts` matching `expression` whose article passes the filter."""
    if where == ArticleFilter():
        return "articles_fts MATCH ?", [expression]
    condition, params = where.where("a")
    # `+rowid`: FTS5 walks its matches and probes the filter's set of rowids (built once, from
    # indexes where it can); without the `+` it would run the whole MATCH once per filtered row.
    return (
        f"articles_fts MATCH ? AND +rowid IN (SELECT a.rowid FROM articles AS a WHERE {condition})",
        [expression, *params],
    )


def _best_scores(
    conn: sqlite3.Connection, found: _Candidates, limit: int, pool: int | None
) -> tuple[dict[int, float], bool]:
    """rowid -> bm25 of the best `limit` of the `pool` candidates archived last (None: all of
    them) and of any tied with the last of those, since ties go to the newest article, which only
    `articles` knows; and whether the candidates filled the pool."""
    condition, params = found
    weights = ", ".join(map(str, WEIGHTS))
    # One walk over the matches (FTS5 keeps them in rowid order, so the pool's bound is free);
    # the pool is used three times, so SQLite materializes it.
    rows = conn.execute(
        f"""WITH pool AS (
          SELECT rowid, bm25(articles_fts, {weights}) AS score FROM articles_fts
          WHERE {condition} ORDER BY rowid DESC LIMIT ?)
        SELECT rowid, score FROM pool
        WHERE score <= coalesce((SELECT score FROM pool ORDER BY score LIMIT 1 OFFSET ?), score)
        UNION ALL SELECT NULL, count(*) FROM pool""",
        [*params, -1 if pool is None else pool, limit - 1],
    ).fetchall()
    _, size = rows.pop()
    return dict(rows), size == pool


def _hits(
    conn: sqlite3.Connection,
    expression: str,
    scores: dict[int, float],
    limit: int,
    marks: tuple[str, str],
) -> list[Hit]:
    """The articles of `scores`, best first and, at equal scores, newest first; with snippets."""
    if not scores:
        return []
    rowids = json.dumps(list(scores))
    rows = conn.execute(
        "SELECT rowid, url, title, title_bn, title_en, published_at, category, authors"
        " FROM articles WHERE rowid IN (SELECT value FROM json_each(?))",
        [rowids],
    ).fetchall()
    # Two stable sorts: newest first (undated last, as SQL sorts NULL), then by score.
    rows.sort(key=lambda row: row[5] or "", reverse=True)
    rows.sort(key=lambda row: scores[row[0]])
    rows = rows[:limit]
    # snippet() tokenizes whole articles: only for the hits shown. One walk over the matches
    # between the first and last hit: FTS5 would set the whole query up again for each rowid.
    shown = [row[0] for row in rows]
    snippets = dict(
        conn.execute(
            "SELECT rowid, snippet(articles_fts, -1, ?, ?, '…', 20) FROM articles_fts"
            " WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?"
            " AND +rowid IN (SELECT value FROM json_each(?))",
            [*marks, expression, min(shown), max(shown), json.dumps(shown)],
        ).fetchall()
    )
    return [
        Hit(
            url,
            title,
            bn,
            en,
            published,
            category,
            json.loads(authors),
            snippets[rowid],
            scores[rowid],
        )
        for rowid, url, title, bn, en, published, category, authors in rows
    ]


def fts_error(text: str, exc: sqlite3.OperationalError) -> Exception:
    """A clear SearchSyntaxError for FTS5's own complaints; anything else is re-raised as is."""
    message = str(exc)
    if message.startswith(("fts5:", "unterminated string", "unknown special query")):
        return SearchSyntaxError(f"cannot search for {text!r} ({message}). {SYNTAX_HELP}")
    if message.startswith("no such column"):
        return SearchSyntaxError(f"cannot search for {text!r}: unknown column ({message})")
    return exc
