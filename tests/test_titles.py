"""Site-suffix removal and bilingual title splitting, as tables of (input, expected)."""

from __future__ import annotations

import unicodedata

import pytest

from bishshow_spider.extract.titles import split_bilingual_title, strip_site_suffix

SEED_BN = "🔥 যুক্তরাষ্ট্র–রাশিয়া গোপন বৈঠক থেকে কী বের হলো? যুদ্ধ বন্ধের স্বপ্ন কি শেষ?"
SEED_EN = "US–Russia Talks Fail to Deliver: What It Means for the Future of the Ukraine War"


@pytest.mark.parametrize(
    ("title", "site_name", "host", "expected"),
    [
        # SITE.md: Ajker Bishshow page titles end in " - Ajker Bishshow".
        (f"{SEED_BN} | {SEED_EN} - Ajker Bishshow", None, None, f"{SEED_BN} | {SEED_EN}"),
        (
            f"{SEED_BN} | {SEED_EN} - Ajker Bishshow",
            "Ajker Bishshow",
            None,
            f"{SEED_BN} | {SEED_EN}",
        ),
        ("B-2 বোমারু বিমানের রূপরেখা | - Ajker Bishshow", None, None, "B-2 বোমারু বিমানের রূপরেখা"),
        # ukbdnews: og:site_name is a slogan, but the suffix is the domain's name in capitals.
        (
            "এমপির ভাইকে নিজ বাড়ির সামনেই কুপিয়ে হত্যা | UKBDNEWS",
            "বৃটেনে আমরা প্রথম",
            None,
            "এমপির ভাইকে নিজ বাড়ির সামনেই কুপিয়ে হত্যা",
        ),
        ("এমপির ভাইকে হত্যা | Ukbdnews", None, "www.ukbdnews.com", "এমপির ভাইকে হত্যা"),
        # The English half of a bilingual title is not a site name.
        ("বাংলা শিরোনাম | English title here", None, None, "বাংলা শিরোনাম | English title here"),
        ("বাংলা শিরোনাম | Iran War", None, None, "বাংলা শিরোনাম | Iran War"),
        ("বাংলা শিরোনাম | English title", "Ajker Bishshow", None, "বাংলা শিরোনাম | English title"),
        ("B-2 বোমারু বিমানের রূপরেখা |", None, None, "B-2 বোমারু বিমানের রূপরেখা |"),
        ("Some news title – My Blog", "My Blog", None, "Some news title"),
        ("Some news title :: Daily Star", "The Daily Star", None, "Some news title"),
        ("Ajker Bishshow | Some news", "Ajker Bishshow", None, "Some news"),
        ("Title of the story | Reuters", None, None, "Title of the story"),
        ("Story headline - example.com", None, None, "Story headline"),
        ("ঢাকায় ভারী বৃষ্টি, জলাবদ্ধতা | প্রথম আলো", None, None, "ঢাকায় ভারী বৃষ্টি, জলাবদ্ধতা"),
        ("南海トラフ、一時調査：中日新聞Web", "中日新聞Web", None, "南海トラフ、一時調査"),
        # Not site names: a lower-case continuation, a long English second half.
        (
            "Title - subtitle with lower case words",
            None,
            None,
            "Title - subtitle with lower case words",
        ),
        (
            "BUDGET 3.0 | Sars gets R4bn to hire army of debt collectors",
            None,
            None,
            "BUDGET 3.0 | Sars gets R4bn to hire army of debt collectors",
        ),
        ("No separator at all", "Site", None, "No separator at all"),
        ("", None, None, ""),
    ],
)
def test_strip_site_suffix(
    title: str, site_name: str | None, host: str | None, expected: str
) -> None:
    assert strip_site_suffix(title, site_name, host=host) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (f"{SEED_BN} | {SEED_EN}", (SEED_BN.removeprefix("🔥 "), SEED_EN)),
        ("B-2 বোমারু বিমানের রূপরেখা |", ("B-2 বোমারু বিমানের রূপরেখা", None)),
        ("| Only the English half", (None, "Only the English half")),
        ("শুধু বাংলা শিরোনাম", ("শুধু বাংলা শিরোনাম", None)),
        ("Only an English title", (None, "Only an English title")),
        # Script decides, not position.
        ("English first | তারপর বাংলা", ("তারপর বাংলা", "English first")),
        ("বাংলা | English | আরও বাংলা", ("বাংলা | আরও বাংলা", "English")),
        # A Bengali title quoting Latin names is still the Bengali half.
        ("ইরানে B-2 ও F-35 হামলা", ("ইরানে B-2 ও F-35 হামলা", None)),
        ("🔥 ⚡️ বাংলা 🔥 | English ✅", ("বাংলা", "English")),
        ("", (None, None)),
    ],
)
def test_split_bilingual_title(title: str, expected: tuple[str | None, str | None]) -> None:
    assert split_bilingual_title(title) == expected


@pytest.mark.parametrize(
    ("title", "expected_bn"),
    [
        ("কেন্দ্রে বাড়ছে ভিড় | Crowds Grow", "কেন্দ্রে বাড়ছে ভিড়"),
        ("যা জানা গেল কিছু | Something", "যা জানা গেল কিছু"),
        ("বৃষ্টি 🔥\ufe0f | Rain", "বৃষ্টি"),
    ],
)
def test_bengali_half_keeps_its_final_vowel_sign(title: str, expected_bn: str) -> None:
    bn, _ = split_bilingual_title(unicodedata.normalize("NFC", title))
    assert bn == unicodedata.normalize("NFC", expected_bn)
