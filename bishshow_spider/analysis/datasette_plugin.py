"""Datasette plugin (registered by entry point): the `bishshow_match(text)` SQL function.

It turns typed text into the archive's FTS5 query exactly as `bishshow search` does (Bengali word
forms, exact phrases), so the canned `search` query and the CLI agree:
`... WHERE articles_fts MATCH bishshow_match(:q)`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from datasette import hookimpl

from bishshow_spider.analysis.query import SearchSyntaxError, fts_tokens, quote, translate
from bishshow_spider.analysis.search import index_vocabulary

NOTHING = '""'  # an empty phrase: valid FTS5 that matches no row (the blank search form)


def match_function(conn: sqlite3.Connection) -> Callable[[str | None], str]:
    """`bishshow_match` bound to a connection (it reads the index's vocabulary)."""

    def bishshow_match(text: str | None) -> str:
        if not text or not text.strip():
            return NOTHING
        try:
            return translate(text, index_vocabulary(conn)).expression
        except SearchSyntaxError:
            # A web form cannot show our message; search the typed words as plain words instead.
            return " ".join(map(quote, fts_tokens(text))) or NOTHING
        except sqlite3.OperationalError:  # a database without `articles_fts`
            return NOTHING

    return bishshow_match


@hookimpl  # type: ignore[untyped-decorator]
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Register `bishshow_match` on every connection Datasette opens."""
    conn.create_function("bishshow_match", 1, match_function(conn))
