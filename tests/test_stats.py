"""`bishshow stats` (counts, crawl health, gaps), its PNG plot, and `bishshow show`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import matplotlib.image
from click.testing import CliRunner

from bishshow_spider.analysis.plot import plot_data
from bishshow_spider.analysis.stats import Gap, compute_stats, find_gaps
from bishshow_spider.cli import main
from tests.analysis_data import MADE


def conn(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def test_stats_of_the_made_archive(made_db: Path) -> None:
    stats = compute_stats(conn(made_db))
    assert (stats.articles, stats.undated) == (6, 0)
    days = ["2024-05-01", "2024-05-02", "2024-05-04", "2024-05-07"]
    assert stats.per_day == list(zip(days, [2, 1, 2, 1], strict=True))
    assert stats.per_week == [("2024-04-29", 5), ("2024-05-06", 1)]
    assert stats.gaps == [Gap("2024-05-03", "2024-05-03", 1), Gap("2024-05-05", "2024-05-06", 2)]
    assert dict(stats.per_category) == {"জাতীয়": 2, "আন্তর্জাতিক": 2, "অর্থনীতি": 1, "আবহাওয়া": 1}
    assert dict(stats.authors) == {"রহিম উদ্দিন": 2, "Karim Ahmed": 2, "আন্তর্জাতিক ডেস্ক": 2}
    assert [(c["status"], c["new"], c["failed"]) for c in stats.crawls] == [("finished", 6, 1)]
    assert stats.failures == 1 and stats.recent_failures[0]["status"] == 404


def test_days_are_dhaka_days() -> None:
    db = sqlite3.connect(":memory:")
    from bishshow_spider.analysis.filters import day_sql

    (day,) = db.execute(f"SELECT {day_sql('?')}", ["2024-05-01T20:30:00+00:00"]).fetchone()
    assert day == "2024-05-02"


def test_find_gaps() -> None:
    assert find_gaps([]) == find_gaps(["2024-01-01"]) == []
    assert find_gaps(["2024-02-28", "2024-03-01"]) == [Gap("2024-02-29", "2024-02-29", 1)]


def test_stats_agree_with_sql_on_the_full_archive(full_db: Path) -> None:
    db = conn(full_db)
    stats = compute_stats(db)
    assert stats.articles == db.execute("select count(*) from articles").fetchone()[0]
    categories = dict(db.execute("select category, count(*) from articles group by 1"))
    assert dict(stats.per_category) == categories
    assert sum(n for _, n in stats.per_day) == sum(n for _, n in stats.per_week) == stats.articles
    assert len(stats.crawls) == 2


def test_stats_cli_and_plot_drawn_from_real_data(full_db: Path, tmp_path: Path) -> None:
    png = tmp_path / "plot.png"
    result = CliRunner().invoke(main, ["stats", "--db", str(full_db), "--plot", str(png)])
    assert result.exit_code == 0, result.output
    assert "Gaps in daily coverage" in result.stdout and "Last crawls:" in result.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert matplotlib.image.imread(png).shape[:2] == (500, 1100)
    data = plot_data(conn(full_db))
    plotted = {name: sum(counts) for name, counts in data.series.items()}
    db = conn(full_db)
    assert sum(plotted.values()) == db.execute("select count(*) from articles").fetchone()[0]
    top = db.execute(
        "select category, count(*) from articles group by 1 order by 2 desc"
    ).fetchone()
    assert plotted[top[0]] == top[1]
    assert all(len(c) == len(data.starts) for c in data.series.values())


def test_stats_json(made_db: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--db", str(made_db), "--json"])
    assert json.loads(result.stdout)["gaps"][1] == {"first": "2024-05-05", "last": "2024-05-06"} | {
        "days": 2
    }


def test_show_renders_sections_and_bullets(made_db: Path) -> None:
    url = MADE["kalo"].url
    result = CliRunner().invoke(main, ["show", "--db", str(made_db), url.rstrip("/")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["কালো মেঘ আর কাল্পনিক গল্প", "Dark clouds and a budget"]
    assert "## নির্বাচনী প্রতিশ্রুতি" in lines and "  • দ্বিতীয় দফা" in lines
    as_json = CliRunner().invoke(main, ["show", "--db", str(made_db), url, "--json"])
    assert json.loads(as_json.stdout)["sections"][1]["heading"] == "নির্বাচনী প্রতিশ্রুতি"
    missing = CliRunner().invoke(main, ["show", "--db", str(made_db), "http://nowhere/"])
    assert missing.exit_code == 1 and "no article at" in missing.output
