"""`bishshow stats --plot`: articles over time, stacked by category, as a PNG."""

from __future__ import annotations

import sqlite3
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")  # files only: no display on servers and in CI

import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.ticker import MaxNLocator

from bishshow_spider.analysis.filters import day_sql, week_sql
from bishshow_spider.analysis.stats import NO_CATEGORY

TOP_CATEGORIES = 8
OTHER = "other"


@dataclass
class PlotData:
    """What was drawn: one count per period and category (periods start on these dates)."""

    period: str  # "day", "week" or "month"
    starts: list[str]
    series: dict[str, list[int]]


def _period_sql(first: str, last: str) -> tuple[str, str]:
    """Bars per day for up to three months, per week for two years, per month beyond."""
    span = (date.fromisoformat(last) - date.fromisoformat(first)).days
    if span <= 92:
        return "day", day_sql()
    if span <= 730:
        return "week", week_sql()
    return "month", f"strftime('%Y-%m-01', {day_sql()})"


def plot_data(conn: sqlite3.Connection, *, top: int = TOP_CATEGORIES) -> PlotData:
    """Counts of dated articles per period for the `top` categories, the rest as 'other'."""
    first, last = conn.execute(
        f"SELECT min({day_sql()}), max({day_sql()}) FROM articles"
    ).fetchone()
    if first is None:
        return PlotData("day", [], {})
    period, key = _period_sql(first, last)
    rows = conn.execute(
        f"SELECT {key} AS p, coalesce(category, ?), count(*) FROM articles"
        " WHERE p IS NOT NULL GROUP BY 1, 2 ORDER BY 1",
        (NO_CATEGORY,),
    ).fetchall()
    totals: dict[str, int] = {}
    for _, category, n in rows:
        totals[category] = totals.get(category, 0) + n
    kept = sorted(totals, key=lambda c: (-totals[c], c))[:top]
    starts = sorted({p for p, _, _ in rows})
    index = {p: i for i, p in enumerate(starts)}
    names = kept + ([OTHER] if len(totals) > len(kept) else [])
    series = {name: [0] * len(starts) for name in names}
    for p, category, n in rows:
        series[category if category in kept else OTHER][index[p]] += n
    return PlotData(period, starts, series)


def _bengali_fonts() -> list[str]:
    """Installed font families that can draw Bengali, to fall back on after DejaVu Sans."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    found = [n for n in names if any(k in n for k in ("Bengali", "Beng", "Lohit", "Mukti"))]
    return sorted(found, key=lambda n: ("Bengali" not in n, n))


def draw(data: PlotData, path: Path, *, title: str = "Articles published") -> Path:
    """Stacked bars of `data` written to `path` (PNG)."""
    x = np.array(data.starts, dtype="datetime64[D]")
    width = np.timedelta64({"day": 22, "week": 144, "month": 648}[data.period], "h")
    with plt.rc_context({"font.family": ["DejaVu Sans", *_bengali_fonts()]}):
        fig, ax = plt.subplots(figsize=(11, 5), layout="constrained")
        bottom = [0.0] * len(x)
        for name, counts in data.series.items():
            ax.bar(x, counts, width=width, bottom=bottom, label=name, align="edge")
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        ax.set_title(f"{title} per {data.period}, by category (Dhaka days)")
        ax.set_ylabel("articles")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        if data.series:
            ax.legend(loc="upper left", fontsize="small")
        fig.autofmt_xdate()
        # Without a Bengali font, category names show as boxes; the counts are still right.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Glyph .* missing")
            fig.savefig(path, format="png", dpi=100)
        plt.close(fig)
    return path
