"""The full-text index `articles_fts`: its tokenizer, the text it holds, the triggers syncing it.

FTS5 table with its own copy of the text (not external content) so it can hold what `articles`
does not: headings gathered from `sections`, and Bengali text in NFC. Triggers on `articles` and
`sections` keep it exactly in sync whoever writes (the crawler, `sqlite-utils`, a notebook), and
need no application function, so any SQLite client can still write to the archive.

Row `rowid` = `articles.rowid`: the convention of sqlite-utils and Datasette (`fts_pk`), so
`articles?_search=` works in Datasette. VACUUM keeps those rowids; anything that rebuilds the
`articles` table (e.g. `sqlite-utils transform`) drops its triggers too: call `install_fts` again.

The SQL of `TRIGGERS_M002` is what migration m002 installs, frozen; m004 replaced those triggers
with `TRIGGERS`, which stand aside while the archive's own writer holds a row in `_fts_paused`
(see `paused`). A change to either needs a new migration.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from bishshow_spider.extract.model import Article

FTS_TABLE = "articles_fts"
FTS_COLUMNS = ("title_bn", "title_en", "summary", "headings", "body")
# unicode61 splits words at Bengali vowel signs and virama (categories Mc/Mn), so কাল would match
# কোলে; counting marks as word characters keeps Bengali words whole.
TOKENIZE = "unicode61 categories 'L* N* Co M*'"

# What NFC changes in Bengali text, as `replace` steps applied in order, in SQL by the triggers
# and in Python by the archive's writer (text from the crawler is already NFC; these cover other
# writers). ড় ঢ় য় are composition exclusions: NFC decomposes them.
_NFC_STEPS = (
    ("\u09dc", "\u09a1\u09bc"),
    ("\u09dd", "\u09a2\u09bc"),
    ("\u09df", "\u09af\u09bc"),
    ("\u09c7\u09be", "\u09cb"),
    ("\u09c7\u09d7", "\u09cc"),
    ("\u09cd\u09bc", "\u09bc\u09cd"),
    # Joiners are not word characters for the tokenizer and would split a word in two.
    ("\u200c", ""),
    ("\u200d", ""),
)


def _sql_string(text: str) -> str:
    """`text` as an SQL expression; char() keeps invisible and combining characters legible."""
    return f"char({', '.join(f'0x{ord(c):04X}' for c in text)})" if text else "''"


def nfc_sql(expr: str) -> str:
    """SQL that applies the Bengali NFC steps to `expr`."""
    for old, new in _NFC_STEPS:
        expr = f"replace({expr}, {_sql_string(old)}, {_sql_string(new)})"
    return expr


def nfc_text(text: str | None) -> str | None:
    """`nfc_sql` in Python: the same steps, so the same text (SQL's replace works on UTF-8
    bytes, but on whole characters of valid text that is the same as on code points)."""
    if text is None:
        return None
    for old, new in _NFC_STEPS:
        text = text.replace(old, new)
    return text


# One row of the index per article; a title never split into halves is indexed as `title_bn`.
_TITLE_BN = "CASE WHEN a.title_bn IS NULL AND a.title_en IS NULL THEN a.title ELSE a.title_bn END"
_HEADINGS = (
    "(SELECT group_concat(heading, char(10)) FROM (SELECT heading FROM sections"
    " WHERE article_url = a.url AND heading IS NOT NULL ORDER BY position))"
)
_DOCUMENT = f"""
SELECT a.rowid, {nfc_sql(_TITLE_BN)}, {nfc_sql("a.title_en")}, {nfc_sql("a.summary")},
  {nfc_sql(_HEADINGS)}, {nfc_sql("a.body_text")}
FROM articles AS a"""

_INSERT = f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FTS_COLUMNS)}) {_DOCUMENT}"
_INSERT_VALUES = (
    f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)"
)

# One row of the index: the FTS_COLUMNS, in order.
Document = tuple[str | None, str | None, str | None, str | None, str | None]


def document(article: Article) -> Document:
    """What `_DOCUMENT` selects for `article` once written, computed from the article itself.

    The archive's writer indexes with this: it has the text at hand, and Python's `replace` is
    far cheaper than SQLite's (which copies the whole text at each step whether it changes or
    not). tests/test_search.py checks the two agree.
    """
    title_bn = article.title_bn
    if title_bn is None and article.title_en is None:
        title_bn = article.title
    headings = [s.heading for s in article.sections if s.heading is not None]
    return (
        nfc_text(title_bn),
        nfc_text(article.title_en),
        nfc_text(article.summary),
        nfc_text("\n".join(headings)) if headings else None,
        nfc_text(article.body_text),
    )


def _reindex(url_expr: str) -> str:
    """Trigger body steps that re-index the article whose url is `url_expr`."""
    return (
        f"DELETE FROM {FTS_TABLE} WHERE rowid ="
        f" (SELECT rowid FROM articles WHERE url = {url_expr});"
        f"\n  {_INSERT} WHERE a.url = {url_expr};"
    )


_INDEXED = "title, title_bn, title_en, summary, body_text"
TRIGGERS_M002 = {
    # The DELETE first: a rowid can be reused after an INSERT OR REPLACE elsewhere.
    "articles_fts_insert": f"""AFTER INSERT ON articles BEGIN
  DELETE FROM {FTS_TABLE} WHERE rowid = new.rowid;
  {_INSERT} WHERE a.rowid = new.rowid;
END""",
    # Only when indexed text may change: a re-crawl touching last_seen_at re-indexes nothing.
    "articles_fts_update": f"""AFTER UPDATE OF {_INDEXED}, url ON articles BEGIN
  DELETE FROM {FTS_TABLE} WHERE rowid = old.rowid;
  {_INSERT} WHERE a.rowid = new.rowid;
END""",
    "articles_fts_delete": f"""AFTER DELETE ON articles BEGIN
  DELETE FROM {FTS_TABLE} WHERE rowid = old.rowid;
END""",
    # Sections carry the headings; lead sections (no heading) change nothing in the index.
    "sections_fts_insert": f"""AFTER INSERT ON sections WHEN new.heading IS NOT NULL BEGIN
  {_reindex("new.article_url")}
END""",
    "sections_fts_update": f"""AFTER UPDATE OF heading, article_url, position ON sections BEGIN
  {_reindex("old.article_url")}
  {_reindex("new.article_url")}
END""",
    "sections_fts_delete": f"""AFTER DELETE ON sections WHEN old.heading IS NOT NULL BEGIN
  {_reindex("old.article_url")}
END""",
}


# A row here, written and removed inside one transaction of the archive's writer (so no other
# connection ever sees it), pauses the triggers: the writer re-indexes each article it saved once,
# instead of once per section the triggers would (8 headings: 9 full-text writes of the body).
PAUSE_TABLE = "_fts_paused"
_NOT_PAUSED = f"NOT EXISTS (SELECT 1 FROM {PAUSE_TABLE})"


def _pausable(body: str) -> str:
    """A trigger body that does nothing while the writer has paused the triggers."""
    head, rest = body.split(" BEGIN", 1)
    if " WHEN " in head:
        head = head.replace(" WHEN ", f" WHEN {_NOT_PAUSED} AND ", 1)
    else:
        head = f"{head} WHEN {_NOT_PAUSED}"
    return f"{head} BEGIN{rest}"


TRIGGERS = {name: _pausable(body) for name, body in TRIGGERS_M002.items()}


def install_fts(db: Database) -> None:
    """Create the index and its (m002) triggers if missing, then index every article."""
    columns = ", ".join(FTS_COLUMNS)
    options = f'{columns}, tokenize="{TOKENIZE}"'
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({options})")
    install_triggers(db, TRIGGERS_M002)
    rebuild_fts(db)


def install_pausable_triggers(db: Database) -> None:
    """Replace the triggers with ones the archive's writer can pause (migration m004)."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {PAUSE_TABLE} (writer TEXT)")
    install_triggers(db, TRIGGERS)


def install_triggers(db: Database, triggers: dict[str, str]) -> None:
    """(Re)create `triggers`, by name."""
    for name, body in triggers.items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(f"CREATE TRIGGER {name} {body}")


@contextmanager
def paused(db: Database) -> Iterator[dict[int, Document]]:
    """Pause the triggers for the caller's transaction; then index once each document the caller
    puts in the yielded dict, by `articles.rowid` (the last one put for a rowid wins).

    Must run inside a transaction: the pause row is never committed, so other connections (and
    other tools writing to the archive) keep their triggers.
    """
    documents: dict[int, Document] = {}
    if not db[PAUSE_TABLE].exists():  # an archive before m004: its triggers do the indexing
        yield documents
        return
    db.execute(f"INSERT INTO {PAUSE_TABLE} (writer) VALUES ('bishshow')")
    yield documents
    db.execute(f"DELETE FROM {PAUSE_TABLE}")
    # FTS5 writes its pending terms out as a new segment whenever a rowid is not above the last
    # one written (a delete then an insert of the same rowid excepted): in rowid order, with each
    # delete next to its insert, the batch becomes one segment, not one per article out of order.
    for rowid in sorted(documents):
        db.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", [rowid])
        db.execute(_INSERT_VALUES, [rowid, *documents[rowid]])


def rebuild_fts(db: Database) -> None:
    """Re-index every article (after a bulk change made with the triggers absent)."""
    db.execute(f"DELETE FROM {FTS_TABLE}")
    db.execute(_INSERT)


def document_rows(db: Database) -> list[tuple[object, ...]]:
    """What the index should hold for every article, by rowid (to check it is in sync)."""
    return db.execute(f"{_DOCUMENT} ORDER BY a.rowid").fetchall()
