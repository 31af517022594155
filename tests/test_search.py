"""Full-text search: Bengali words kept whole, inflected forms by stem, NFC, sync, the CLI."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils.migrations import Migrations

from bishshow_spider.analysis.query import fts_tokens
from bishshow_spider.analysis.search import search
from bishshow_spider.archive import Archive, store
from bishshow_spider.archive.fts import document_rows
from bishshow_spider.archive.schema import apply_migrations, m001_initial
from bishshow_spider.cli import main
from bishshow_spider.extract.model import Article, Block, Section
from tests.analysis_data import MADE, SEEN, build_archive, site_articles

SLUG = {article.url: slug for slug, article in MADE.items()}


def readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def found(db: Path, query: str) -> set[str]:
    return {SLUG.get(hit.url, hit.url) for hit in search(readonly(db), query, limit=1000).hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("কাল", {"kal"}),  # not কোলে (vowel signs), not কালো or কাল্পনিক (other words)
        ("কোলে", {"kole"}),
        ("কালো", {"kalo"}),
        ("কাল্পনিক", {"kalo"}),
        ("ইউক্রেন", {"ukraine", "ukraine_gen"}),  # ইউক্রেনের found by stem
        ("ইউক্রেনের", {"ukraine", "ukraine_gen"}),  # and the other way round
        ('"ইউক্রেনের"', {"ukraine_gen"}),  # a quoted word stays exact
        ('"কাল সারা দেশে"', {"kal"}),
        ("বিজয়", {"bijoy"}),  # stored with precomposed য়, searched in NFC
        ("বিজ\u09df", {"bijoy"}),  # and the other way round
        ("budget", {"kalo"}),  # whole English words: "Budgets" is another word
        ("BUDGET parliament", {"kalo"}),
        ("rain", {"kal"}),
        ("নির্বাচনী", {"kalo"}),  # only in a heading, which body_text lacks here
        ("দফা", {"kalo"}),  # a bullet
        ("কাল OR কোলে", {"kal", "kole"}),
        ("ইউক্রেন NOT সেনা", {"ukraine_gen"}),
        ("title_en:Ukraine", {"ukraine_gen"}),
        ("ইউক্র*", {"ukraine", "ukraine_gen"}),
        ("troops", {"ukraine"}),  # the summary is indexed
        ("মঙ্গলগ্রহ", set()),
    ],
)
def test_search_finds_exactly_the_articles_with_the_word(
    made_db: Path, query: str, expected: set[str]
) -> None:
    assert found(made_db, query) == expected


def indexed_text(article: Article) -> str:
    headings = [s.heading or "" for s in article.sections]
    return " ".join(filter(None, [article.title, article.summary, article.body_text, *headings]))


def token_sets(article_text: str) -> set[str]:
    return {t.casefold() for t in fts_tokens(unicodedata.normalize("NFC", article_text))}


@pytest.mark.skipif(not site_articles(), reason="fixture site content not built yet")
@pytest.mark.parametrize("word", ["ইউক্রেন", "যুক্তরাষ্ট্র", "ন্যাটো", "ট্রাম্প", "রেমিট্যান্স", "বন্যা", "ভোট"])
def test_bengali_words_on_the_fixture_site(full_db: Path, word: str) -> None:
    docs = {a.url: token_sets(indexed_text(a)) for a in site_articles()}
    exact = {url for url, tokens in docs.items() if word in tokens}
    prefixed = {url for url, tokens in docs.items() if any(t.startswith(word) for t in tokens)}
    hits = {u for u in found(full_db, word) if u in docs}
    assert exact <= hits <= prefixed
    assert exact, f"{word} should occur in the fixture site"


@pytest.mark.skipif(not site_articles(), reason="fixture site content not built yet")
@pytest.mark.parametrize("word", ["Trump", "Dhaka", "vaccine", "Sundarbans", "COVID-19"])
def test_english_words_on_the_fixture_site(full_db: Path, word: str) -> None:
    pieces = [p.casefold() for p in fts_tokens(word)]
    expected = set()
    for a in site_articles():
        tokens = [t.casefold() for t in fts_tokens(indexed_text(a))]
        if any(tokens[i : i + len(pieces)] == pieces for i in range(len(tokens))):
            expected.add(a.url)
    assert expected
    assert found(full_db, word) - set(SLUG.values()) == expected


def index_matches_articles(archive: Archive) -> None:
    indexed = archive.db.execute("SELECT rowid, * FROM articles_fts ORDER BY rowid").fetchall()
    assert indexed == document_rows(archive.db)


def test_the_index_follows_updates_and_deletes(tmp_path: Path) -> None:
    path = build_archive(tmp_path / "a.db", site=False)
    kalo = MADE["kalo"]
    with Archive(path) as archive:
        index_matches_articles(archive)
        edited = replace(
            kalo,
            title_en="Storm clouds",
            sections=[Section("ঘূর্ণিঝড়ের সতর্কতা", [Block("paragraph", "আকাশে কালো মেঘ।")])],
            body_text="আকাশে কালো মেঘ।",
        )
        crawl = archive.start_crawl({})
        archive.save_articles([edited], crawl, SEEN)
        index_matches_articles(archive)
    assert found(path, "ঘূর্ণিঝড়") == {"kalo"}
    assert found(path, "নির্বাচনী") == found(path, "budget") == set()
    with Archive(path) as archive, archive.db.conn:
        for table in ("sections", "bullets", "related_posts", "images"):
            archive.db.execute(f"DELETE FROM {table} WHERE article_url = ?", [kalo.url])
        archive.db.execute("DELETE FROM articles WHERE url = ?", [kalo.url])
        index_matches_articles(archive)
        archive.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert found(path, "কালো") == set()


def test_a_re_crawl_of_unchanged_articles_does_not_reindex(tmp_path: Path) -> None:
    path = build_archive(tmp_path / "a.db", site=False)
    with Archive(path) as archive:
        before = archive.db.execute("SELECT count(*) FROM articles_fts_data").fetchone()
        archive.save_articles(list(MADE.values()), archive.start_crawl({}), SEEN)
        assert archive.db.execute("SELECT count(*) FROM articles_fts_data").fetchone() == before


def test_an_archive_from_before_the_index_upgrades_and_indexes_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_only = Migrations("bishshow")
    first_only()(m001_initial)
    monkeypatch.setattr(store, "apply_migrations", lambda db: apply_migrations(db, first_only))
    path = build_archive(tmp_path / "old.db", site=False)
    assert "articles_fts" not in readonly(path).execute("select name from sqlite_master").fetchall()
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["search", "--db", str(path), "ইউক্রেন", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)["hits"]
    assert {SLUG[h["url"]] for h in hits} == {"ukraine", "ukraine_gen"}
    with Archive(path) as archive:
        index_matches_articles(archive)


@pytest.mark.parametrize("query", ["NOT কাল", '"কাল', "(কাল", "কাল)", "AND", "—", "কাল OR"])
def test_bad_syntax_gets_a_message_not_a_traceback(made_db: Path, query: str) -> None:
    result = CliRunner().invoke(main, ["search", "--db", str(made_db), query])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    assert not isinstance(result.exception, sqlite3.Error)


def test_search_cli_filters_and_json(made_db: Path) -> None:
    def run(*args: str) -> list[str]:
        result = CliRunner().invoke(main, ["search", "--db", str(made_db), *args, "--json"])
        assert result.exit_code == 0, result.output
        return [SLUG[h["url"]] for h in json.loads(result.stdout)["hits"]]

    assert sorted(run("ইউক্রেন OR কাল OR কোলে")) == ["kal", "kole", "ukraine", "ukraine_gen"]
    assert sorted(run("ইউক্রেন OR কাল OR কোলে", "--since", "2024-05-02")) == [
        "ukraine",
        "ukraine_gen",
    ]
    assert run("কাল OR কোলে", "--until", "2024-05-01", "--category", "জাতীয়") == ["kole"]
    assert run("কাল OR কোলে", "--author", "karim") == ["kole"]
    assert len(run("ইউক্রেন OR কাল OR কোলে", "--limit", "2")) == 2


def test_search_cli_text_output_highlights(made_db: Path) -> None:
    result = CliRunner().invoke(main, ["search", "--db", str(made_db), "ইউক্রেন"])
    assert result.exit_code == 0
    assert "[ইউক্রেনের] যুদ্ধ তৃতীয় বছরে" in result.stdout
    assert "2 result(s)" in result.stderr


def test_the_writer_pauses_triggers_only_inside_its_own_transaction(tmp_path: Path) -> None:
    """Other connections never see the pause: their writes are still indexed by the triggers."""
    path = build_archive(tmp_path / "a.db", site=False)
    with Archive(path) as archive:
        assert archive.db.execute("select count(*) from _fts_paused").fetchone() == (0,)
        archive.db.execute("update articles set title_en = 'Zanzibar' where rowid = 1")
        hits = archive.db.execute(
            "select rowid from articles_fts where articles_fts match 'Zanzibar'"
        ).fetchall()
        assert hits == [(1,)]
        index_matches_articles(archive)
