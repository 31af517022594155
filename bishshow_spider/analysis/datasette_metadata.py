"""Datasette metadata for an archive: descriptions, licence and source, FTS, canned queries."""

from __future__ import annotations

from typing import Any

from bishshow_spider.analysis.filters import day_sql
from bishshow_spider.analysis.search import WEIGHTS

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "One row per article URL, as last crawled.",
        "columns": {
            "url": "Where the article was fetched (primary key).",
            "canonical_url": "The URL the page declares as canonical.",
            "title": "Title as published, often 'বাংলা শিরোনাম | English title'.",
            "title_bn": "Bengali half of the title.",
            "title_en": "English half of the title.",
            "summary": "Excerpt or lead as the site gives it.",
            "authors": "JSON array of author names.",
            "category": "Section of the site (e.g. আন্তর্জাতিক).",
            "tags": "JSON array of tags.",
            "published_at": "ISO 8601 with the site's UTC offset.",
            "published_raw": "The date text as found on the page.",
            "modified_at": "Last modified, ISO 8601 with offset.",
            "modified_raw": "The modified-date text as found.",
            "language": "'bn' or 'en' (detected from the body).",
            "body_text": "The body as plain text: headings and blocks, one per line.",
            "word_count": "Whitespace-separated words of the body.",
            "sources": "JSON: which extraction layer supplied each field.",
            "first_seen_at": "First crawled (UTC).",
            "last_seen_at": "Last crawled (UTC).",
            "last_crawl_id": "The crawl that last saw it.",
            "content_hash": "sha256 of the content: changes when the article is edited.",
        },
        "fts_table": "articles_fts",
        "fts_pk": "rowid",
        "sort_desc": "published_at",
        "facets": ["category", "language"],
    },
    "sections": {
        "description": "The body in reading order: heading, then its paragraphs and quotes.",
        "columns": {"blocks": "JSON: every block with its kind, to rebuild the article."},
    },
    "bullets": {"description": "Bullet and numbered items of each section, in order."},
    "related_posts": {"description": "The 'Related Posts' block of each article."},
    "images": {"description": "Images of each article with their captions."},
    "failures": {"description": "Pages that could not be fetched, parsed or were rejected."},
    "crawls": {"description": "One row per crawl run: outcome, counts, Scrapy stats."},
    "articles_fts": {
        "description": "Full-text index (FTS5) of titles, summary, headings and body; Bengali"
        " words kept whole. Search with the 'search' query or articles?_search=.",
    },
}

_WEIGHTS = ", ".join(map(str, WEIGHTS))
QUERIES: dict[str, dict[str, Any]] = {
    "latest_articles": {
        "title": "Latest articles",
        "sql": "select published_at, category, title_bn, title_en, url from articles"
        " order by published_at desc limit 100",
    },
    "search": {
        "title": "Search articles",
        "description": "Bengali words find their inflected forms (ইউক্রেন finds ইউক্রেনের);"
        ' "quotes" for an exact phrase; OR and NOT in capitals.',
        "sql": "select a.published_at, a.category, a.title_bn, a.title_en,"
        " snippet(articles_fts, -1, '[', ']', '…', 20) as snippet, a.url"
        " from articles_fts join articles as a on a.rowid = articles_fts.rowid"
        " where articles_fts match bishshow_match(:q)"
        f" order by bm25(articles_fts, {_WEIGHTS}) limit 50",
    },
    "articles_by_day": {
        "title": "Articles per day (Dhaka)",
        "sql": f"select {day_sql()} as day, count(*) as articles from articles"
        " where day is not null group by day order by day desc",
    },
    "article": {
        "title": "One article with its sections and bullets",
        "sql": "select s.position, s.heading, s.text,"
        " (select group_concat(item, char(10)) from (select '• ' || b.text as item"
        " from bullets as b where b.article_url = s.article_url"
        " and b.section_position = s.position order by b.position)) as bullets"
        " from sections as s where s.article_url = :url order by s.position",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Metadata for an archive served under the name `database` (the file name's stem)."""
    return {
        "title": "bishshow news archive",
        "description": "Bengali/English news articles crawled by bishshow: one row per article,"
        " its sections, bullets, images and related posts, and the crawl log.",
        "license": "Article texts © their publishers; archived for research",
        "source": "bishshow crawls of Ajker Bishshow and sites built like it",
        "databases": {database: {"tables": TABLES, "queries": QUERIES}},
    }
