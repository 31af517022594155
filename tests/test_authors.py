"""Author clean-up: prefixes, separators, dates, places, URLs and placeholders."""

from __future__ import annotations

import unicodedata

import pytest

from bishshow_spider.extract.authors import clean_authors


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["Jane Doe"], ["Jane Doe"]),
        (["By Jane Doe and John Roe | 12 March 2021"], ["Jane Doe", "John Roe"]),
        (["Jane Doe, John Roe"], ["Jane Doe", "John Roe"]),
        (["Jane Doe & John Roe"], ["Jane Doe", "John Roe"]),
        (["Posted by: Jane Doe"], ["Jane Doe"]),
        (["Written by Jane Doe"], ["Jane Doe"]),
        (["By John Smith, March 12, 2021 10:30 AM"], ["John Smith"]),
        (["By Jane Doe Updated 3 hours ago"], ["Jane Doe"]),
        (["Jane Doe (jane@example.com)"], ["Jane Doe"]),
        (["https://www.facebook.com/janedoe"], []),
        (["STEVE PEOPLES, THOMAS BEAUMONT"], ["STEVE PEOPLES", "THOMAS BEAUMONT"]),
        (["Thomson-Deveaux"], ["Thomson-Deveaux"]),
        (["Andrew Anderson"], ["Andrew Anderson"]),
        # Bengali bylines.
        (["লিখেছেন রহিম ও করিম"], ["রহিম", "করিম"]),
        (["লেখক: রহিম উদ্দিন"], ["রহিম উদ্দিন"]),
        (["প্রতিবেদক: করিম"], ["করিম"]),
        (["রহিম এবং করিম"], ["রহিম", "করিম"]),
        (["করিম, শনিবার, আগস্ট ২৯, ২০২০ | ১০:৪৬ পূর্বাহ্ণ"], ["করিম"]),
        (["রহিম | ১৬ ডিসেম্বর, ২০২৫, ৬:৪৮ এএম"], ["রহিম"]),
        (["শনিবার, আগস্ট ২৯, ২০২০"], []),
        # Newsroom credits are kept; a trailing dateline place is not a name.
        (["নিজস্ব প্রতিবেদক, ঢাকা"], ["নিজস্ব প্রতিবেদক"]),
        (["কুষ্টিয়া প্রতিনিধি"], ["কুষ্টিয়া প্রতিনিধি"]),
        (["Staff Correspondent"], ["Staff Correspondent"]),
        (["Staff Reporter, Dhaka"], ["Staff Reporter"]),
        # CMS placeholders are dropped; duplicates folded case-insensitively, first kept.
        (["Posted by admin"], []),
        (["admin", "Jane Doe"], ["Jane Doe"]),
        (["Jane Doe", "jane doe", "John Roe"], ["Jane Doe", "John Roe"]),
        (["", "   "], []),
        (["This is a whole sentence that someone put in the author field by mistake"], []),
    ],
)
def test_clean_authors(values: list[str], expected: list[str]) -> None:
    assert clean_authors(values) == expected


def test_names_are_nfc() -> None:
    decomposed = "রহিম মিয়া".replace("য়", "য\u09bc")  # য + nukta, as some editors type it
    assert clean_authors([decomposed]) == [unicodedata.normalize("NFC", decomposed)]


@pytest.mark.parametrize(
    "html,names",
    [
        ("<p>লিখেছেন: ফাহিম মোর্শেদ</p>", "ফাহিম মোর্শেদ"),
        ("<p><strong>Auteur :</strong> Kossivi Tiassou</p>", "Kossivi Tiassou"),
        ("<div>লেখক: নিজস্ব প্রতিবেদক</div>", "নিজস্ব প্রতিবেদক"),
        # A theme's meta line: the name, then the date and section after bars.
        ("<p>by <a href='/author/f/'>ফারহানা ইসলাম</a> | Dec 8, 2025 | অর্থনীতি</p>", "ফারহানা ইসলাম"),
        ("<p>By Jane Doe</p>", "Jane Doe"),
        ("<p>By noon, the square was full.</p>", None),
        ("<p>By the end of the week the five ministers had all resigned</p>", None),
        # Two lines are two paragraphs: the second is not part of the name.
        ("<div><p>Auteur : Kossivi Tiassou</p> <p>Edition : M-A. Pioerron</p></div>", None),
        (
            "<p>লিখেছেন: এই অনুচ্ছেদটি একটি বাক্য, কোনো নাম নয়, এবং এটি অনেক লম্বা"
            " হয়ে চলতেই থাকে যতক্ষণ না সীমা পেরিয়ে যায় আর থামে না</p>",
            None,
        ),
    ],
)
def test_labelled_byline_is_one_short_line(html: str, names: str | None) -> None:
    from lxml import html as lxml_html

    from bishshow_spider.extract.authors import labelled_byline

    assert labelled_byline(lxml_html.fragment_fromstring(html)) == names
