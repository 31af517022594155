"""Item pipelines: normalise, validate and archive, driven as Scrapy drives them."""

from __future__ import annotations

import json
import sqlite3
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, ScrapyDeprecationWarning
from scrapy.pipelines import ItemPipelineManager
from scrapy.utils.test import get_crawler

from bishshow_spider.archive import Archive
from bishshow_spider.extract.model import Article, Block, Image, PageFailure, RelatedPost, Section
from bishshow_spider.pipelines import ArchivePipeline, NormalizePipeline, ValidatePipeline
from bishshow_spider.pipelines.archive import crawl_status, json_safe_stats
from bishshow_spider.pipelines.normalize import normalize_article, unique_lines
from bishshow_spider.pipelines.validate import rejection_reason

PIPELINES = {
    "bishshow_spider.pipelines.NormalizePipeline": 100,
    "bishshow_spider.pipelines.ValidatePipeline": 200,
    "bishshow_spider.pipelines.ArchivePipeline": 300,
}


class NewsSpider(Spider):
    name = "bishshow"
    crawl_args: ClassVar[dict[str, str]] = {
        "start_urls": "https://example.com/",
        "max_articles": "5",
    }


def article(n: int = 1, **fields: Any) -> Article:
    values: dict[str, Any] = {"title": f"শিরোনাম {n}", "body_text": "কিছু লেখা।", "word_count": 2}
    return Article(f"https://example.com/news/{n}", **(values | fields))


# NormalizePipeline


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"title": "  বাজেট\u00a0 ঘোষণা\n"}, {"title": "বাজেট ঘোষণা"}),
        # The vowel sign ো typed as its two halves (ে + া) becomes one code point (NFC); the
        # invisible soft hyphen goes.
        ({"title": "ক\u09c7\u09be\u00adন"}, {"title": "ক\u09cbন"}),
        ({"summary": "এক  লাইন\n\n  দুই"}, {"summary": "এক লাইন\nদুই"}),
        ({"summary": "   ", "category": "\u200b"}, {"summary": None, "category": None}),
        ({"authors": [" রহিম ", "রহিম", "Karim", "karim", ""]}, {"authors": ["রহিম", "Karim"]}),
        ({"tags": ["economy", "বাজেট", "Economy"]}, {"tags": ["economy", "বাজেট"]}),
        ({"body_text": "  লেখা \u00a0 এখানে  "}, {"body_text": "লেখা এখানে"}),
    ],
)
def test_normalize_article_fields(given: dict[str, Any], expected: dict[str, Any]) -> None:
    normalized = normalize_article(article(**given))
    assert {k: getattr(normalized, k) for k in expected} == expected


def test_normalize_reaches_sections_related_and_images() -> None:
    given = article(
        sections=[
            Section(" মূল\n বিষয় ", [Block("paragraph", " এক\u00a0 "), Block("bullet", " \u200b")]),
            Section("  ", [Block("quote", "  ")]),
        ],
        related=[RelatedPost("https://example.com/2 ", " আরও\n খবর ", "  ")],
        images=[Image("https://example.com/a.jpg", "  ছবি  ")],
    )
    normalized = normalize_article(given)
    assert normalized.sections == [Section("মূল বিষয়", [Block("paragraph", "এক")])]
    # URLs are identifiers: never rewritten.
    assert normalized.related == [RelatedPost("https://example.com/2 ", "আরও খবর", None)]
    assert normalized.images == [Image("https://example.com/a.jpg", "ছবি")]


def test_unique_lines_keeps_first_spelling_and_order() -> None:
    assert unique_lines(["B", "a", " b", "A ", "c"]) == ["B", "a", "c"]


def test_normalize_pipeline_passes_other_items_through() -> None:
    failure = PageFailure("https://example.com/x", "timed out")
    assert NormalizePipeline().process_item(failure) is failure
    assert NormalizePipeline().process_item(article(title=" T ")).title == "T"


# ValidatePipeline


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({}, None),
        ({"title": None}, "no title"),
        ({"title": "  "}, "no title"),
        ({"title": None, "title_en": "Budget"}, None),
        ({"body_text": ""}, "no body text"),
        ({"body_text": " \n "}, "no body text"),
    ],
)
def test_rejection_reason(fields: dict[str, Any], reason: str | None) -> None:
    assert rejection_reason(article(**fields)) == reason


def test_validate_pipeline_drops_with_the_reason() -> None:
    with pytest.raises(DropItem, match="no body text"):
        ValidatePipeline().process_item(article(body_text=""))
    failure = PageFailure("https://example.com/x", "HTTP 404", 404)
    assert ValidatePipeline().process_item(failure) is failure


# ArchivePipeline


def make_crawler(db: Path, **settings: Any) -> Crawler:
    crawler = get_crawler(NewsSpider, {"ARCHIVE_DB": str(db), **settings})
    crawler.spider = NewsSpider()
    return crawler


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "dir" / "archive.db"


@pytest.fixture
def crawler(db_path: Path) -> Crawler:
    return make_crawler(db_path, ARCHIVE_BATCH_SIZE=2)


@pytest.fixture
def pipeline(crawler: Crawler) -> Iterator[ArchivePipeline]:
    opened = ArchivePipeline.from_crawler(crawler)
    opened.open_spider()
    yield opened
    if opened.archive is not None:
        opened.archive.close()


def close(crawler: Crawler, pipeline: ArchivePipeline, reason: str = "finished") -> None:
    """What the engine does at the end: close_spider(), then the spider_closed signal."""
    pipeline.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason=reason)


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_pipelines_load_without_deprecation_warnings(db_path: Path) -> None:
    crawler = make_crawler(db_path, ITEM_PIPELINES=PIPELINES)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScrapyDeprecationWarning)
        manager = ItemPipelineManager.from_crawler(crawler)
    assert len(manager.methods["process_item"]) == 3


def test_settings_have_defaults(tmp_path: Path) -> None:
    crawler = get_crawler(NewsSpider)
    pipeline = ArchivePipeline.from_crawler(crawler)
    assert (pipeline.db_path, pipeline.batch_size) == (Path("data/archive.db"), 50)
    with pytest.raises(ValueError, match="ARCHIVE_BATCH_SIZE"):
        ArchivePipeline.from_crawler(make_crawler(tmp_path / "a.db", ARCHIVE_BATCH_SIZE=0))


def test_open_creates_the_archive_and_a_running_crawl(
    pipeline: ArchivePipeline, db_path: Path
) -> None:
    ((crawl_id, status, args),) = query(db_path, "select id, status, args from crawls")
    assert (crawl_id, status) == (pipeline.crawl_id, "running")
    assert json.loads(args) == {"spider": "bishshow", "arguments": NewsSpider.crawl_args}


def test_articles_are_written_per_batch_and_at_close(
    crawler: Crawler, pipeline: ArchivePipeline, db_path: Path
) -> None:
    items = [article(n) for n in range(5)]
    assert [pipeline.process_item(item) for item in items[:1]] == items[:1]
    assert query(db_path, "select count(*) from articles") == [(0,)]
    pipeline.process_item(items[1])
    assert query(db_path, "select count(*) from articles") == [(2,)]
    for item in items[2:]:
        pipeline.process_item(item)
    assert query(db_path, "select count(*) from articles") == [(4,)]
    close(crawler, pipeline)
    assert query(db_path, "select count(*) from articles") == [(5,)]
    assert crawler.stats is not None
    assert crawler.stats.get_value("archive/new") == 5


def test_failures_and_dropped_items_are_recorded(
    crawler: Crawler, pipeline: ArchivePipeline, db_path: Path
) -> None:
    pipeline.process_item(PageFailure("https://example.com/gone", "HTTP 404 Not Found", 404))
    crawler.signals.send_catch_log(
        signals.item_dropped,
        item=article(7, title=None),
        response=None,
        exception=DropItem("no title"),
        spider=crawler.spider,
    )
    rows = query(db_path, "select url, status, reason, crawl_id from failures order by id")
    assert rows == [
        ("https://example.com/gone", 404, "HTTP 404 Not Found", pipeline.crawl_id),
        ("https://example.com/news/7", None, "dropped: no title", pipeline.crawl_id),
    ]
    assert query(db_path, "select count(*) from articles") == [(0,)]
    assert crawler.stats is not None
    assert crawler.stats.get_value("archive/failed") == 2


def test_close_finishes_the_crawl_with_counts_and_stats(
    crawler: Crawler, pipeline: ArchivePipeline, db_path: Path
) -> None:
    with Archive(db_path) as archive:
        earlier = archive.start_crawl({})
        archive.save_articles([article(1), article(2)], earlier, datetime(2024, 5, 1, tzinfo=UTC))
    pipeline.process_item(article(1))
    pipeline.process_item(article(2, title="বদলেছে"))
    pipeline.process_item(article(3))
    pipeline.process_item(PageFailure("https://example.com/gone", "timed out"))
    close(crawler, pipeline)
    (crawl,) = query(
        db_path,
        f"select status, new, updated, unchanged, failed, stats from crawls"
        f" where id = '{pipeline.crawl_id}'",
    )
    assert crawl[:5] == ("ok", 1, 1, 1, 1)
    stats = json.loads(crawl[5])
    assert stats["finish_reason"] == "finished"
    assert {k: v for k, v in stats.items() if k.startswith("archive/")} == {
        "archive/new": 1,
        "archive/updated": 1,
        "archive/unchanged": 1,
        "archive/failed": 1,
    }
    assert pipeline.archive is None


def test_a_flagged_spider_fails_an_early_stop_is_interrupted_a_bound_is_ok(db_path: Path) -> None:
    for reason, flag, expected in [
        ("finished", True, "failed"),
        ("shutdown", False, "interrupted"),
        ("max_articles", False, "ok"),
    ]:
        crawler = make_crawler(db_path)
        crawler.spider.crawl_failed = flag  # type: ignore[union-attr]
        pipeline = ArchivePipeline.from_crawler(crawler)
        pipeline.open_spider()
        close(crawler, pipeline, reason)
        status = query(db_path, f"select status from crawls where id = '{pipeline.crawl_id}'")
        assert status == [(expected,)], reason


def test_a_bad_article_costs_only_itself(
    crawler: Crawler, pipeline: ArchivePipeline, db_path: Path
) -> None:
    bad = article(2, images=[Image(None)])  # type: ignore[arg-type]
    pipeline.process_item(article(1))
    pipeline.process_item(bad)
    assert query(db_path, "select url from articles") == [("https://example.com/news/1",)]
    ((url, reason),) = query(db_path, "select url, reason from failures")
    assert url == bad.url and reason.startswith("archive error: IntegrityError")


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("finished", "ok"),
        ("closespider_itemcount", "ok"),
        ("closespider_errorcount", "failed"),
        ("closespider_timeout", "interrupted"),
        ("shutdown", "interrupted"),
        ("cancelled", "interrupted"),
    ],
)
def test_crawl_status(reason: str, expected: str) -> None:
    assert crawl_status(reason) == expected


def test_json_safe_stats_keeps_what_json_can_hold() -> None:
    stats = {"n": 1, "x": 0.5, "s": "a", "t": datetime(2024, 1, 1, tzinfo=UTC), "o": object()}
    safe = json_safe_stats(stats)
    assert safe == {"n": 1, "x": 0.5, "s": "a", "t": "2024-01-01T00:00:00+00:00"}
    json.dumps(safe)
