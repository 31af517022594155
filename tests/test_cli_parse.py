"""`bishshow parse FILE --url URL`: a saved page to JSON, with its encoding sniffed properly."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from bishshow_spider.cli import main
from bishshow_spider.extract.model import Article
from tests.golden import FIXTURES, truth

TITLE = "এমপির ভাইকে নিজ বাড়ির সামনেই কুপিয়ে হত্যা"


def parse(path: Path, *args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["parse", str(path), *args])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_real_page_whose_charset_comes_after_its_title(tmp_path: Path) -> None:
    html = gzip.decompress((FIXTURES / "real" / "ukbdnews.com.23646.html.gz").read_bytes())
    assert html.index(b"<title>") < html.index(b"charset")
    saved = tmp_path / "page.html"
    saved.write_bytes(html)
    data = parse(saved, "--url", "https://ukbdnews.com/2020/08/23646/")
    assert data["title"] == TITLE
    assert data["published_at"] == "2020-08-29T15:46:06+06:00"  # 09:46:06Z, in Dhaka
    assert data["published_raw"] == "2020-08-29T09:46:06+00:00"
    assert sorted(data) == sorted(Article.__dataclass_fields__)


def test_a_legacy_encoding_declared_in_meta_is_honoured(tmp_path: Path) -> None:
    body = "<p>" + "Café society in Dhaka, naïve and déjà vu. " * 10 + "</p>"
    html = (
        "<html><head><title>Café owners – a report</title>"
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"</head><body><article><h1>Café owners – a report</h1>{body}</article></body></html>"
    )
    saved = tmp_path / "legacy.html"
    saved.write_bytes(html.encode("cp1252"))
    data = parse(saved, "--url", "https://example.com/cafe")
    assert data["title"] == "Café owners – a report"
    assert "déjà vu" in str(data["body_text"])


def test_forced_encoding_overrides_a_wrong_declaration(tmp_path: Path) -> None:
    html = '<html><head><meta charset="iso-8859-1"><title>বাংলা শিরোনাম</title></head></html>'
    saved = tmp_path / "wrong.html"
    saved.write_bytes(html.encode("utf-8"))
    assert parse(saved, "--url", "https://example.com/x", "--encoding", "utf-8")["title"] == (
        "বাংলা শিরোনাম"
    )


def test_seed_article_in_the_tagdiv_theme() -> None:
    seed = next(a for a in truth() if a["id"] == 8421)
    page = FIXTURES / "themes_matrix" / "tagdiv" / "8421.html"
    data = parse(page, "--url", "https://www.ajkerbishshow.com" + str(seed["path"]))
    assert (data["title_bn"], data["title_en"]) == (seed["title_bn"], seed["title_en"])
    published = datetime.fromisoformat(str(data["published_at"]))
    assert published == datetime.fromisoformat(str(seed["published"]))


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "nope.html"), "--url", "x"])
    assert result.exit_code == 2
    assert "does not exist" in result.output
