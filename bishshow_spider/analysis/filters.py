"""The filters shared by search, export and the Datasette queries: dates, category, author, text.

Days are calendar days in Dhaka (UTC+6, no DST): `published_at` carries whatever offset the site
gave (JSON-LD often says UTC, the visible text Dhaka time), so comparing its raw text across rows
would be wrong; SQLite's `date()` turns it into UTC and the modifier moves it to Dhaka.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def day_sql(column: str = "published_at") -> str:
    """SQL for the Dhaka calendar day (YYYY-MM-DD) of a timestamp column."""
    return f"date({column}, '+6 hours')"


def week_sql(column: str = "published_at") -> str:
    """SQL for the Monday (YYYY-MM-DD) starting the Dhaka week of a timestamp column."""
    return f"date({day_sql(column)}, '-6 days', 'weekday 1')"


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to keep; empty fields keep everything."""

    since: date | None = None
    until: date | None = None
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    # An FTS5 MATCH expression (already translated by `query.translate`).
    match: str | None = None

    def where(self, table: str = "articles") -> tuple[str, list[object]]:
        """A SQL condition on `table` (an alias of `articles`) and its parameters."""
        clauses: list[str] = []
        params: list[object] = []
        if self.since:
            clauses.append(f"{day_sql(table + '.published_at')} >= ?")
            params.append(self.since.isoformat())
        if self.until:
            clauses.append(f"{day_sql(table + '.published_at')} <= ?")
            params.append(self.until.isoformat())
        if self.categories:
            marks = ", ".join("?" * len(self.categories))
            clauses.append(f"{table}.category COLLATE NOCASE IN ({marks})")
            params.extend(self.categories)
        if self.authors:
            # Any author whose name contains one of the given texts, ignoring ASCII case.
            tests = " OR ".join("instr(lower(value), lower(?)) > 0" for _ in self.authors)
            clauses.append(f"EXISTS (SELECT 1 FROM json_each({table}.authors) WHERE {tests})")
            params.extend(self.authors)
        if self.match:
            clauses.append(
                f"{table}.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            )
            params.append(self.match)
        return (" AND ".join(clauses) or "1"), params
