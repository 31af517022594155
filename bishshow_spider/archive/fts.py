"""The full-text index `articles_fts`: its tokenizer, the text it holds, the triggers syncing it.

FTS5 table with its own copy of the text (not external content) so it can hold what `articles`
does not: headings gathered from `sections`, and Bengali text in NFC. Triggers on `articles` and
`sections` keep it exactly in sync whoever writes (the crawler, `sqlite-utils`, a notebook), and
need no application function, so any SQLite client can still write to the archive.

Row `rowid` = `articles.rowid`: the convention of sqlite-utils and Datasette (`fts_pk`), so
`articles?_search=` works in Datasette. VACUUM keeps those rowids; anything that rebuilds the
`articles` table (e.g. `sqlite-utils transform`) drops its triggers too: call `install_fts` again.

The SQL here is what migration m002 installs; a change to it needs a new migration.
"""

from __future__ import annotations

from sqlite_utils import Database

FTS_TABLE = "articles_fts"
FTS_COLUMNS = ("title_bn", "title_en", "summary", "headings", "body")
# unicode61 splits words at Bengali vowel signs and virama (categories Mc/Mn), so কাল would match
# কোলে; counting marks as word characters keeps Bengali words whole.
TOKENIZE = "unicode61 categories 'L* N* Co M*'"

# What NFC changes in Bengali text, as SQL `replace` steps (text from the crawler is already NFC;
# these cover rows written by other tools). ড় ঢ় য় are composition exclusions: NFC decomposes them.
_NFC_STEPS = (
    ("char(0x09DC)", "char(0x09A1, 0x09BC)"),
    ("char(0x09DD)", "char(0x09A2, 0x09BC)"),
    ("char(0x09DF)", "char(0x09AF, 0x09BC)"),
    ("char(0x09C7, 0x09BE)", "char(0x09CB)"),
    ("char(0x09C7, 0x09D7)", "char(0x09CC)"),
    ("char(0x09CD, 0x09BC)", "char(0x09BC, 0x09CD)"),
    # Joiners are not word characters for the tokenizer and would split a word in two.
    ("char(0x200C)", "''"),
    ("char(0x200D)", "''"),
)


def nfc_sql(expr: str) -> str:
    """SQL that applies the Bengali NFC steps to `expr`."""
    for old, new in _NFC_STEPS:
        expr = f"replace({expr}, {old}, {new})"
    return expr


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


def _reindex(url_expr: str) -> str:
    """Trigger body steps that re-index the article whose url is `url_expr`."""
    return (
        f"DELETE FROM {FTS_TABLE} WHERE rowid ="
        f" (SELECT rowid FROM articles WHERE url = {url_expr});"
        f"\n  {_INSERT} WHERE a.url = {url_expr};"
    )


_INDEXED = "title, title_bn, title_en, summary, body_text"
TRIGGERS = {
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


def install_fts(db: Database) -> None:
    """Create the index and its triggers if missing, then index every article from scratch."""
    columns = ", ".join(FTS_COLUMNS)
    options = f'{columns}, tokenize="{TOKENIZE}"'
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({options})")
    for name, body in TRIGGERS.items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(f"CREATE TRIGGER {name} {body}")
    rebuild_fts(db)


def rebuild_fts(db: Database) -> None:
    """Re-index every article (after a bulk change made with the triggers absent)."""
    db.execute(f"DELETE FROM {FTS_TABLE}")
    db.execute(_INSERT)


def document_rows(db: Database) -> list[tuple[object, ...]]:
    """What the index should hold for every article, by rowid (to check it is in sync)."""
    return db.execute(f"{_DOCUMENT} ORDER BY a.rowid").fetchall()
