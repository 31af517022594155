"""Each fixture page still extracts to its golden JSON, field by field."""

from __future__ import annotations

import json

import pytest

from bishshow_spider.extract.model import Article
from tests.golden import Case, cases, render

CASES = cases()
FIELDS = sorted(Article.__dataclass_fields__)


def test_every_case_has_a_golden_file() -> None:
    missing = [c.name for c in CASES if not c.golden_path.exists()]
    assert not missing, f"run `make golden UPDATE=1` and review the diff: {missing}"


def test_no_golden_file_is_orphaned() -> None:
    from tests.golden import GOLDEN

    known = {c.golden_path for c in CASES}
    orphans = [p for p in GOLDEN.rglob("*.json") if p not in known]
    assert not orphans


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_extraction_matches_golden(case: Case) -> None:
    expected = json.loads(case.golden_path.read_text("utf-8"))
    actual = json.loads(render(case))
    assert sorted(actual) == sorted(expected) == FIELDS, "no unexpected or missing fields"
    for field in FIELDS:
        assert actual[field] == expected[field], f"{case.name}: field {field!r}"
