"""Hostile input to the `bishshow` CLI: queries, filters, paths and export targets.

No input may change the archive, write anywhere but where it was asked, or end in a traceback:
a missing, foreign or damaged database file gets a one-line explanation.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bishshow_spider.cli import main
from tests.analysis_data import build_archive

INJECTIONS = [
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "x') UNION SELECT sql, 1, 1, 1, 1, 1, 1, 1 FROM sqlite_master --",
    "%",
    "_",
    "*",
    "\\",
    "\x00",
    "NEAR(",
    'title_en:"',
    "articles_fts MATCH 'x'",
    "ইউক্রেন' OR '1'='1",
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("safety") / "archive.db")


@pytest.fixture
def db(archive: Path, tmp_path: Path) -> Path:
    """A private copy: a test that wrongly wrote to it would not spoil the others."""
    copy = tmp_path / "archive.db"
    shutil.copy(archive, copy)
    return copy


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_clean_exit(result: Result) -> None:
    """Success, or a Click error (exit 1 or 2) with a message: never a traceback."""
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


def counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "select (select count(*) from articles), (select count(*) from sections),"
            " (select count(*) from sqlite_master)"
        ).fetchone()
    return row[0], row[1], row[2]


@pytest.mark.parametrize("text", INJECTIONS)
def test_search_text_is_data_not_sql(db: Path, text: str) -> None:
    before, unchanged = counts(db), digest(db)
    for args in (
        ["search", "--db", str(db), text],
        ["search", "--db", str(db), "--raw", text],
        ["search", "--db", str(db), "x", "--category", text, "--author", text],
        ["export", "--db", str(db), "--query", text],
        ["export", "--db", str(db), "--category", text, "--author", text],
        ["show", "--db", str(db), text],
    ):
        result = invoke(*args)
        assert_clean_exit(result)
        assert "CREATE TABLE" not in result.output  # nothing leaked from sqlite_master
    assert counts(db) == before and digest(db) == unchanged


def test_an_author_filter_is_a_substring_not_a_pattern(db: Path) -> None:
    every = invoke("export", "--db", str(db))
    matched = invoke("export", "--db", str(db), "--author", "%")
    assert every.stdout.count("\n") > 0
    assert matched.stdout == ""  # no author has a % in their name: LIKE wildcards mean nothing


def test_export_never_overwrites_the_archive(db: Path) -> None:
    unchanged = digest(db)
    for target in (db, db.parent / "archive.db-wal", db.parent / "." / db.name):
        result = invoke("export", "--db", str(db), "-o", str(target), "--format", "csv")
        assert result.exit_code != 0 and "archive" in result.output, result.output
    plotted = invoke("stats", "--db", str(db), "--plot", str(db))
    assert plotted.exit_code != 0 and "archive" in plotted.output, plotted.output
    assert digest(db) == unchanged


def test_export_writes_exactly_where_asked(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out dir" / "a #1?.csv"
    target.parent.mkdir()
    result = invoke("export", "--db", str(db), "-o", str(target))
    assert result.exit_code == 0, result.output
    written = {p.name for p in tmp_path.rglob("*")} - {"archive.db-wal", "archive.db-shm"}
    assert written == {"a #1?.csv", "archive.db", "out dir"}


def test_export_into_a_missing_folder_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    result = invoke("export", "--db", str(db), "-o", str(tmp_path / "nowhere" / "a.jsonl"))
    assert_clean_exit(result)
    assert result.exit_code != 0 and "nowhere" in result.output


@pytest.mark.parametrize(
    "command", ["summary", "search", "show", "stats", "export", "serve", "history", "reparse"]
)
def test_a_missing_archive_is_explained_and_not_created(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "no-such.db"
    extra = {"search": ["x"], "show": ["http://x/"], "history": ["http://x/"]}.get(command, [])
    args = [command, "--db", str(missing), *extra]
    result = invoke(*args)
    assert result.exit_code == 1 and "no archive at" in result.output, result.output
    assert not missing.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text, not a database at all" * 100, "not a SQLite database"),
        (b"\x89PNG\r\n\x1a\n" + bytes(5000), "not a SQLite database"),
        (b"", "not a bishshow archive"),
    ],
)
def test_a_foreign_file_is_explained(tmp_path: Path, content: bytes, message: str) -> None:
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(content)
    for args in (["summary"], ["search", "x"], ["export"], ["stats"], ["history", "http://x/"]):
        result = invoke(args[0], "--db", str(foreign), *args[1:])
        assert result.exit_code == 1 and message in result.output, (args, result.output)
    assert foreign.read_bytes() == content


def test_another_sqlite_database_is_explained(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table notes (id integer primary key, body text)")
    unchanged = digest(other)
    # history and reparse open the archive for writing (migrations): never someone else's file.
    for args in (["search", "x"], ["history", "http://x/"], ["reparse"]):
        result = invoke(args[0], "--db", str(other), *args[1:])
        assert result.exit_code == 1 and "not a bishshow archive" in result.output, args
    assert digest(other) == unchanged


@pytest.mark.parametrize("name", ["arch#ive.db", "arch?ive.db", "100%25.db", "a b.db"])
def test_odd_file_names_open_that_file_and_create_nothing(db: Path, name: str) -> None:
    """The read-only URI must not read `#` as a fragment or `?` as parameters: that would open
    (and create) another file, read-write."""
    odd = db.parent / name
    shutil.copy(db, odd)
    result = invoke("summary", "--db", str(odd))
    assert result.exit_code == 0, result.output
    assert "articles:" in result.output
    names = {p.name for p in db.parent.iterdir()}
    assert {n.removesuffix("-wal").removesuffix("-shm") for n in names} == {"archive.db", name}


def test_a_missing_saved_page_is_a_clear_error(tmp_path: Path) -> None:
    result = invoke("parse", str(tmp_path / "nope.html"), "--url", "http://x/")
    assert result.exit_code == 2 and "does not exist" in result.output
