"""Crash safety: crawls SIGKILLed at random moments never leave a broken or half-written archive.

`fixtures/kill.py` does the work; CI runs 20 kills over two archives at once (about 40 s), and
`python -m fixtures.kill --runs 200` is the long version whose figures the README records.
Set `KILL_RUNS` and `KILL_SEED` to vary them here.
"""

from __future__ import annotations

import os
from pathlib import Path

from fixtures.kill import kill_series

RUNS = int(os.environ.get("KILL_RUNS", "20"))
SEED = int(os.environ.get("KILL_SEED", "20261124"))


def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    report = kill_series(tmp_path, RUNS, SEED)
    assert report.problems == [], "\n".join(report.problems)
    assert report.runs == RUNS
    # Most runs must really die mid-crawl (the rest finished first), with articles archived.
    assert report.killed >= RUNS * 3 // 4
    assert report.articles_seen > 0
