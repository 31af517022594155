"""Archives built from code, shared by the analyst-side tests (one per test module)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis_data import build_archive


@pytest.fixture(scope="module")
def made_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Hand-made articles only (the search and stats cases)."""
    return build_archive(tmp_path_factory.mktemp("made") / "made.db", site=False)


@pytest.fixture(scope="module")
def full_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made articles plus the fixture site's."""
    return build_archive(tmp_path_factory.mktemp("full") / "archive.db")
