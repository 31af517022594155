"""What the archive holds over time and how the crawls went: counts, authors, health, gaps."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from bishshow_spider.analysis.filters import day_sql, week_sql

NO_CATEGORY = "(none)"


@dataclass(frozen=True)
class Gap:
    """Consecutive days, inside the archive's date range, with no article published."""

    first: str
    last: str
    days: int


@dataclass
class Stats:
    """Everything `bishshow stats` reports; days are Dhaka calendar days."""

    articles: int
    undated: int
    first_day: str | None
    last_day: str | None
    per_day: list[tuple[str, int]] = field(default_factory=list)
    per_week: list[tuple[str, int]] = field(default_factory=list)
    per_category: list[tuple[str, int]] = field(default_factory=list)
    authors: list[tuple[str, int]] = field(default_factory=list)
    crawls: list[dict[str, Any]] = field(default_factory=list)
    failures: int = 0
    recent_failures: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def _pairs(conn: sqlite3.Connection, sql: str, *params: Any) -> list[tuple[str, int]]:
    return [(str(key), int(n)) for key, n in conn.execute(sql, params)]


def _dicts(conn: sqlite3.Connection, sql: str, *params: Any) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def find_gaps(days: list[str]) -> list[Gap]:
    """Runs of missing days between the first and last of `days` (sorted ISO dates)."""
    gaps = []
    for before, after in pairwise(days):
        start, end = date.fromisoformat(before), date.fromisoformat(after)
        if (end - start).days > 1:
            first, last = start + timedelta(days=1), end - timedelta(days=1)
            gaps.append(Gap(first.isoformat(), last.isoformat(), (last - first).days + 1))
    return gaps


def compute_stats(conn: sqlite3.Connection, *, top: int = 10) -> Stats:
    """Counts per day, week, category and author, the last `top` crawls and failures, and gaps."""
    day, week = day_sql(), week_sql()
    (total,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    per_day = _pairs(
        conn,
        f"SELECT {day} AS d, count(*) FROM articles WHERE d IS NOT NULL GROUP BY d ORDER BY d",
    )
    dated = sum(n for _, n in per_day)
    return Stats(
        articles=total,
        undated=total - dated,
        first_day=per_day[0][0] if per_day else None,
        last_day=per_day[-1][0] if per_day else None,
        per_day=per_day,
        per_week=_pairs(
            conn,
            f"SELECT {week} AS w, count(*) FROM articles WHERE w IS NOT NULL GROUP BY w ORDER BY w",
        ),
        per_category=_pairs(
            conn,
            "SELECT coalesce(category, ?), count(*) AS n FROM articles GROUP BY 1"
            " ORDER BY n DESC, 1",
            NO_CATEGORY,
        ),
        authors=_pairs(
            conn,
            "SELECT value, count(*) AS n FROM articles, json_each(articles.authors)"
            " GROUP BY value ORDER BY n DESC, value LIMIT ?",
            top,
        ),
        crawls=_dicts(
            conn,
            "SELECT id, started_at, finished_at, status, new, updated, unchanged, failed"
            " FROM crawls ORDER BY started_at DESC, rowid DESC LIMIT ?",
            top,
        ),
        failures=conn.execute("SELECT count(*) FROM failures").fetchone()[0],
        recent_failures=_dicts(
            conn,
            "SELECT at, crawl_id, status, reason, url FROM failures ORDER BY at DESC, id DESC"
            " LIMIT ?",
            top,
        ),
        gaps=find_gaps([d for d, _ in per_day]),
    )


def render(stats: Stats, *, days: int = 14) -> list[str]:
    """A plain-text report; the per-day table shows the last `days` days with articles."""
    lines = [
        f"Articles: {stats.articles} ({stats.undated} undated),"
        f" {stats.first_day or '-'} … {stats.last_day or '-'} (days in Dhaka time)",
        "",
        "Per category:",
        *(f"  {n:>6}  {name}" for name, n in stats.per_category),
        "",
        f"Per day (last {days} with articles):",
        *(f"  {d}  {n:>5}  {'█' * min(n, 60)}" for d, n in stats.per_day[-days:]),
        "",
        "Per week (Monday):",
        *(f"  {w}  {n:>5}" for w, n in stats.per_week[-days:]),
        "",
        "Top authors:",
        *(f"  {n:>6}  {name}" for name, n in stats.authors),
        "",
        "Last crawls:",
    ]
    for c in stats.crawls:
        lines.append(
            f"  {c['started_at']}  {c['status']:<10} new {c['new']}, updated {c['updated']},"
            f" unchanged {c['unchanged']}, failed {c['failed']}  ({c['id']})"
        )
    lines += ["", f"Failures: {stats.failures} in all; latest:"]
    lines += [f"  {f['at']}  {f['status'] or '-'}  {f['url']}  ({f['reason']})"
              for f in stats.recent_failures]  # fmt: skip
    total_missing = sum(g.days for g in stats.gaps)
    lines += [
        "",
        f"Gaps in daily coverage: {len(stats.gaps)} ({total_missing} days without articles),"
        f" latest {days}:",
        *(f"  {g.first} … {g.last}  ({g.days} days)" for g in stats.gaps[-days:]),
    ]
    return lines
