"""Decoding saved and fetched pages: labels are weighed against the bytes, never mojibake."""

from __future__ import annotations

import pytest

from bishshow_spider.extract.document import decode_html

WESTERN = "The café owners said the naïve plan, déjà vu for many, would cost €5,000 — “a lot”. "
JAPANESE = "東京都は新しい計画を発表しました。多くの市民がこの決定に驚いています。"
BENGALI = "কুষ্টিয়া-১ (দৌলতপুর) আসনের সংসদ সদস্য"


def page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{text * 6}</p></body></html>"


@pytest.mark.parametrize(
    ("html", "encoding", "declared", "expected"),
    [
        # The label and the bytes agree.
        (page(BENGALI, '<meta charset="utf-8">'), "utf-8", None, BENGALI),
        (page(WESTERN, '<meta charset="windows-1252">'), "cp1252", None, WESTERN),
        # <meta charset> after <title>, as on real tagDiv pages.
        (
            page(BENGALI).replace("</title>", '</title><meta charset="utf-8">'),
            "utf-8",
            None,
            BENGALI,
        ),
        # A legacy label on UTF-8 bytes: the bytes win.
        (page(JAPANESE, '<meta charset="gb2312">'), "utf-8", None, JAPANESE),
        (page(BENGALI), "utf-8", "iso-8859-1", BENGALI),
        # No label at all: UTF-8 if valid, a multi-byte guess, else the web's default.
        (page(BENGALI), "utf-8", None, BENGALI),
        (page(JAPANESE), "shift_jis", None, JAPANESE),
        (page(WESTERN), "cp1252", None, WESTERN),
        # A byte-order mark beats everything.
        (page(BENGALI), "utf-16", "iso-8859-1", BENGALI),
    ],
)
def test_decoding(html: str, encoding: str, declared: str | None, expected: str) -> None:
    text = decode_html(html.encode(encoding), declared)
    assert expected in text
    assert "\ufffd" not in text
