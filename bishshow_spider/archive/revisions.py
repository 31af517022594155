"""Article revisions: what changed between two versions of an article, kept and shown as a diff.

The `articles` row always holds the latest version; every change to it adds a `revisions` row with
the fields that changed and their old and new values, so each earlier version can be rebuilt and
nothing an earlier crawl saw is lost. A first capture is not a revision (it is the article's
`first_seen_at`), and a re-fetch that changes nothing adds none.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from sqlite_utils import Database

from bishshow_spider.archive.rows import VOLATILE_FIELDS, to_json
from bishshow_spider.extract.model import Article

# `url` is the identity; `word_count` follows `body_text` (a change to it is a body change).
REVISED_FIELDS = tuple(
    f.name for f in fields(Article) if f.name not in {"url", "word_count"} | VOLATILE_FIELDS
)


@dataclass(frozen=True)
class Revision:
    """One change of an article: which fields, from what, to what."""

    article_url: str
    revision: int
    crawl_id: str | None
    source: str  # "crawl" or "reparse"
    at: str
    changed: list[str]
    old: dict[str, Any]
    new: dict[str, Any]


def changed_fields(old: Article, new: Article) -> dict[str, tuple[Any, Any]]:
    """{field: (old value, new value)} of the revised fields that differ, as JSON-ready values."""
    before, after = old.to_dict(), new.to_dict()
    return {
        name: (before[name], after[name]) for name in REVISED_FIELDS if before[name] != after[name]
    }


def add_revision(
    db: Database,
    url: str,
    changes: dict[str, tuple[Any, Any]],
    *,
    at: str,
    source: str,
    crawl_id: str | None,
) -> int:
    """Record `changes` as the next revision of `url` (inside the caller's transaction)."""
    (latest,) = db.execute(
        "SELECT coalesce(max(revision), 0) FROM revisions WHERE article_url = ?", [url]
    ).fetchone()
    number = int(latest) + 1
    db.execute(
        "INSERT INTO revisions (article_url, revision, crawl_id, source, at, changed, old, new)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            url,
            number,
            crawl_id,
            source,
            at,
            to_json(list(changes)),
            to_json({k: old for k, (old, _) in changes.items()}),
            to_json({k: new for k, (_, new) in changes.items()}),
        ],
    )
    return number


def load_revisions(db: Database, url: str) -> list[Revision]:
    """The revisions of `url`, oldest first."""
    rows = db.execute(
        "SELECT article_url, revision, crawl_id, source, at, changed, old, new FROM revisions"
        " WHERE article_url = ? ORDER BY revision",
        [url],
    ).fetchall()
    return [
        Revision(
            article_url=r[0],
            revision=r[1],
            crawl_id=r[2],
            source=r[3],
            at=r[4],
            changed=json.loads(r[5]),
            old=json.loads(r[6]),
            new=json.loads(r[7]),
        )
        for r in rows
    ]


def _as_lines(name: str, value: Any) -> list[str]:
    """A field value as lines a person can diff: text as is, sections as headed blocks."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.splitlines() or [""]
    if name == "sections":
        lines = []
        for section in value:
            lines.append(f"## {section['heading']}" if section["heading"] else "## (lead)")
            for block in section["blocks"]:
                marker = {"bullet": "• ", "numbered": "# ", "quote": "> "}.get(block["kind"], "")
                lines.append(marker + block["text"])
        return lines
    if isinstance(value, list):
        return [json.dumps(v, ensure_ascii=False, sort_keys=True) for v in value]
    return [json.dumps(value, ensure_ascii=False, sort_keys=True)]


def diff_lines(revision: Revision) -> Iterator[str]:
    """A unified diff per changed field, headed `--- field (r{n-1})` / `+++ field (r{n})`."""
    n = revision.revision
    for name in revision.changed:
        yield from difflib.unified_diff(
            _as_lines(name, revision.old.get(name)),
            _as_lines(name, revision.new.get(name)),
            fromfile=f"{name} (before r{n})",
            tofile=f"{name} (r{n})",
            lineterm="",
            n=1,
        )
