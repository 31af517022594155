"""Golden files: every fixture article page beside the JSON its extraction must give.

`python -m tests.golden` prints how the extractor's output differs from the golden files;
`python -m tests.golden --update` writes them. Nothing else writes golden files.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bishshow_spider.extract import extract_article

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLDEN = FIXTURES / "golden"
# Relative dates ("৩ ঘণ্টা আগে") must parse the same on every run.
FETCHED_AT = datetime.fromisoformat("2026-01-15T12:00:00+06:00")
SITE_ORIGIN = "https://www.ajkerbishshow.com"
# Real pages from other sites, kept with their licence in fixtures/real/.
REAL_PAGES = {"ukbdnews.com.23646.html.gz": "https://ukbdnews.com/2020/08/23646/"}


@dataclass(frozen=True)
class Case:
    """One fixture page: where its HTML is, the URL it was served at, where its golden file is."""

    name: str
    html_path: Path
    url: str

    @property
    def golden_path(self) -> Path:
        return GOLDEN / f"{self.name}.json"

    def read_html(self) -> bytes:
        data = self.html_path.read_bytes()
        return gzip.decompress(data) if self.html_path.suffix == ".gz" else data


def truth() -> list[dict[str, object]]:
    """The source of truth the fixture site was generated from."""
    path = FIXTURES / "content" / "articles.json"
    data: list[dict[str, object]] = json.loads(path.read_text("utf-8"))
    return data


def cases() -> list[Case]:
    """Every article page of the served site, of the theme matrix, and the real pages."""
    found = []
    for article in truth():
        path = str(article["path"])
        found.append(Case(f"site/{article['id']}", site_file(path), SITE_ORIGIN + path))
    index = json.loads((FIXTURES / "themes_matrix" / "index.json").read_text("utf-8"))
    for entry in index:
        html_path = FIXTURES / "themes_matrix" / entry["file"]
        found.append(Case(f"themes/{entry['theme']}/{entry['id']}", html_path, entry["url"]))
    for file, url in REAL_PAGES.items():
        found.append(Case(f"real/{file.removesuffix('.html.gz')}", FIXTURES / "real" / file, url))
    return found


def site_file(path: str) -> Path:
    """The file the fixture server answers a URL path with."""
    from urllib.parse import unquote

    relative = unquote(path).strip("/")
    candidate = FIXTURES / "site" / relative
    return candidate if candidate.suffix == ".html" else candidate / "index.html"


def render(case: Case) -> str:
    """The extractor's output for a case, as golden-file text (sorted keys, stable)."""
    article = extract_article(case.read_html(), case.url, fetched_at=FETCHED_AT)
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Show the diff between the extractor and the golden files; write them with --update."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="write the new golden files")
    args = parser.parse_args(argv)
    changed = 0
    for case in cases():
        new = render(case)
        old = case.golden_path.read_text("utf-8") if case.golden_path.exists() else ""
        if new == old:
            continue
        changed += 1
        sys.stdout.writelines(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                f"a/{case.golden_path.relative_to(ROOT)}",
                f"b/{case.golden_path.relative_to(ROOT)}",
            )
        )
        if args.update:
            case.golden_path.parent.mkdir(parents=True, exist_ok=True)
            case.golden_path.write_text(new, "utf-8")
    verb = "updated" if args.update else "differ (run with --update to write them)"
    print(f"{changed} golden file(s) {verb}" if changed else "golden files up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
