"""Full-text search: Bengali words kept whole, inflected forms by stem, NFC, sync, the CLI."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils.migrations import Migrations

from bishshow_spider.analysis import search as search_module
from bishshow_spider.analysis.filters import ArticleFilter
from bishshow_spider.analysis.query import fts_tokens
from bishshow_spider.analysis.search import WEIGHTS, Hit, build_query, search
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


def test_the_writer_indexes_text_as_the_triggers_would(tmp_path: Path) -> None:
    """The writer builds index rows in Python, the triggers in SQL: on text that is not NFC
    (ড় as one code point, ো as two, joiners) and titles never split, both give the same row."""
    odd = (
        "\u09ac\u09be\u09dc\u09bf"  # বাড়ি
        " \u09a6\u09c7\u09be\u0995\u09be\u09a8"  # দোকান
        " \u09b0\u200d\u09cd\u09af\u09be\u09ac"  # র‍্যাব
    )
    kalo = MADE["kalo"]
    articles = [
        replace(kalo, title_bn=odd, summary=odd, body_text=f"{kalo.body_text} {odd}"),
        replace(
            kalo,
            url="http://fixture.test/unsplit/",
            title=odd,
            title_bn=None,
            title_en=None,
            sections=[Section(odd, [Block("paragraph", odd)]), *kalo.sections],
        ),
    ]
    with Archive(tmp_path / "a.db") as archive:
        archive.save_articles(articles, archive.start_crawl({}), SEEN)
        index_matches_articles(archive)
    assert found(tmp_path / "a.db", "দোকান") == {"kalo", "http://fixture.test/unsplit/"}


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


def plain_bm25_search(db: Path, query: str, where: ArticleFilter, limit: int) -> list[Hit]:
    """The ranking as one plain SQL statement (bm25 over every match, ties newest first)."""
    conn = readonly(db)
    expression = build_query(conn, query).expression
    condition, params = where.where("a")
    weights = ", ".join(map(str, WEIGHTS))
    rows = conn.execute(
        f"""SELECT a.url, a.title, a.title_bn, a.title_en, a.published_at, a.category, a.authors,
          snippet(articles_fts, -1, '[', ']', '…', 20), bm25(articles_fts, {weights}) AS score
        FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid
        WHERE articles_fts MATCH ? AND {condition}
        ORDER BY score, a.published_at DESC LIMIT ?""",
        [expression, *params, limit],
    ).fetchall()
    return [Hit(*row[:6], json.loads(row[6]), *row[7:]) for row in rows]


@pytest.mark.parametrize("limit", [1, 2, 5, 1000])
@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("ইউক্রেন", ArticleFilter()),
        ("যুক্তরাষ্ট্র OR ট্রাম্প OR the", ArticleFilter()),
        ("ইউক্রেন NOT সেনা", ArticleFilter()),
        ('"কাল সারা দেশে" OR title_en:Ukraine OR ইউক্র*', ArticleFilter()),
        ("ইউক্রেন OR কাল OR কোলে OR the", ArticleFilter(since=date(2024, 5, 2))),
        ("কাল OR কোলে OR the", ArticleFilter(categories=("জাতীয়", "আন্তর্জাতিক"))),
        ("কাল OR কোলে OR the", ArticleFilter(authors=("karim",), until=date(2024, 5, 3))),
    ],
)
def test_search_ranks_as_plain_bm25_over_every_match(
    full_db: Path, query: str, where: ArticleFilter, limit: int
) -> None:
    result = search(readonly(full_db), query, where, limit=limit)
    assert result.hits == plain_bm25_search(full_db, query, where, limit)
    assert result.hits and not result.capped


def test_equal_scores_go_to_the_newest_article(tmp_path: Path) -> None:
    """Five copies of one article, published on different days (one undated): newest first."""
    days = ["2024-03-02", "2024-03-05", None, "2024-03-01", "2024-03-04"]
    copies = [
        replace(
            MADE["kal"],
            url=f"http://fixture.test/copy/{n}/",
            published_at=day and f"{day}T09:00:00+06:00",
        )
        for n, day in enumerate(days)
    ]
    with Archive(tmp_path / "a.db") as archive:
        archive.save_articles(copies, archive.start_crawl({}), SEEN)
    for limit in (1, 2, 5):  # 2: more ties than the first pass fetches
        hits = search(readonly(tmp_path / "a.db"), "বৃষ্টি", limit=limit).hits
        assert len({hit.score for hit in hits}) == 1
        assert [hit.url[-2] for hit in hits] == ["1", "4", "0", "3", "2"][:limit]


def test_a_query_matching_more_than_the_rank_limit_ranks_the_articles_archived_last(
    full_db: Path,
) -> None:
    query = "যুক্তরাষ্ট্র OR ট্রাম্প OR the OR ইউক্রেন"
    everything = search(readonly(full_db), query, limit=1000)
    assert not everything.capped and len(everything.hits) > 4
    capped = search(readonly(full_db), query, limit=3, rank_limit=4)
    rowid = dict(readonly(full_db).execute("SELECT url, rowid FROM articles").fetchall())
    last_four = sorted(everything.hits, key=lambda hit: rowid[hit.url])[-4:]
    assert capped.capped
    assert capped.hits == [hit for hit in everything.hits if hit in last_four][:3]
    # A filter that leaves fewer candidates than the limit ranks them all again.
    narrow = ArticleFilter(categories=("জাতীয়", "জলবায়ু"))
    assert not search(readonly(full_db), query, narrow, limit=3, rank_limit=4).capped
    assert search(readonly(full_db), query, limit=3, rank_limit=None).hits == everything.hits[:3]


def test_the_cli_says_when_it_ranked_only_the_articles_archived_last(
    full_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "RANK_LIMIT", 4)
    query = "যুক্তরাষ্ট্র OR ট্রাম্প OR the OR ইউক্রেন"
    base = ["search", "--db", str(full_db), query, "--limit", "3", "--json"]
    capped = CliRunner().invoke(main, base)
    every = CliRunner().invoke(main, [*base, "--all"])
    assert capped.exit_code == every.exit_code == 0
    assert "4 articles or more match" in capped.stderr and "--all" in capped.stderr
    assert "or more match" not in every.stderr
    assert json.loads(capped.stdout)["ranked_all_matches"] is False
    ranked = json.loads(every.stdout)
    assert ranked["ranked_all_matches"] is True
    assert [hit["url"] for hit in ranked["hits"]] == [
        hit.url for hit in search(readonly(full_db), query, limit=3, rank_limit=None).hits
    ]
