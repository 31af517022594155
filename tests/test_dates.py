"""Dates as news pages print them: (input, expected ISO 8601) tables for the dates module."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bishshow_spider.extract.dates import find_date, parse_date, to_iso

DHAKA = ZoneInfo("Asia/Dhaka")
# dateparser.parse as the dates module sees it, for monkeypatching
DATEPARSER_PARSE = "bishshow_spider.extract.dates.dateparser.parse"
# 10:00 in Dhaka on Tuesday 16 December 2025, given in UTC as a crawler would record it.
FETCHED = datetime(2025, 12, 16, 4, 0, tzinfo=UTC)
# 02:00 on the 16th in Dhaka but still the 15th in UTC: "today" must be counted in Dhaka.
FETCHED_AFTER_DHAKA_MIDNIGHT = datetime(2025, 12, 15, 20, 0, tzinfo=UTC)

# The forms listed in SITE.md ("Dates as Bengali news pages print them").
SITE_FORMS = [
    ("শনিবার, আগস্ট ২৯, ২০২০ | ১০:৪৬ পূর্বাহ্ণ", "2020-08-29T10:46:00+06:00"),
    ("শনিবার, ডিসেম্বর ০৬, ২০২৫ | ১০:৪৬ পূর্বাহ্ণ", "2025-12-06T10:46:00+06:00"),
    ("১৬ ডিসেম্বর, ২০২৫, ৬:৪৮ এএম", "2025-12-16T06:48:00+06:00"),
    ("৮:০২ পূর্বাহ্ন, ১৬ ডিসেম্বর ২০২৫, মঙ্গলবার", "2025-12-16T08:02:00+06:00"),
    ("প্রকাশিত: ০১:১৭, ৯ মার্চ ২০২১", "2021-03-09T01:17:00+06:00"),
    ("ঢাকা, মঙ্গলবার, ২১ অক্টোবর ২০২৫, ৬ কার্তিক ১৪৩২", "2025-10-21T00:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, সকাল ১০:৩০", "2025-12-16T10:30:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, রাত ৯:১৫", "2025-12-16T21:15:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, বিকাল ৪টা", "2025-12-16T16:00:00+06:00"),
    ("৫ আগষ্ট ২০২৫", "2025-08-05T00:00:00+06:00"),
    ("জানুয়ারী ৫, ২০২৫", "2025-01-05T00:00:00+06:00"),
]

BENGALI_FORMS = [
    # AM/PM words, both spellings of the final nasal
    ("শনিবার, আগস্ট ২৯, ২০২০ | ১০:৪৬ অপরাহ্ণ", "2020-08-29T22:46:00+06:00"),
    ("শনিবার, আগস্ট ২৯, ২০২০ | ১০:৪৬ অপরাহ্ন", "2020-08-29T22:46:00+06:00"),
    ("শনিবার, আগস্ট ২৯, ২০২০ | ১২:০৫ পূর্বাহ্ণ", "2020-08-29T00:05:00+06:00"),
    ("শনিবার, আগস্ট ২৯, ২০২০ | ১২:০৫ অপরাহ্ণ", "2020-08-29T12:05:00+06:00"),
    ("১৬ ডিসেম্বর, ২০২৫, ৬:৪৮ পিএম", "2025-12-16T18:48:00+06:00"),
    ("৮:০২ অপরাহ্ন, ১৬ ডিসেম্বর ২০২৫, মঙ্গলবার", "2025-12-16T20:02:00+06:00"),
    # a ZWNJ inside the conjunct, as some keyboards type it
    ("১৬ ডিসেম্বর ২০২৫, ১০:৪৬ পূর্বাহ্\u200cণ", "2025-12-16T10:46:00+06:00"),
    # labels and place names
    ("প্রকাশ: ৯ মার্চ ২০২১, ১৩:১৭", "2021-03-09T13:17:00+06:00"),
    ("আপডেট: ১৬ ডিসেম্বর ২০২৫, ১০:৪৬", "2025-12-16T10:46:00+06:00"),
    ("আপডেট : ১৬ ডিসেম্বর ২০২৫, ১০: ৪৬", "2025-12-16T10:46:00+06:00"),
    ("সর্বশেষ আপডেট: ১৬ ডিসেম্বর ২০২৫ | ১০:৪৬ এএম", "2025-12-16T10:46:00+06:00"),
    ("প্রকাশের সময় : মঙ্গলবার, ১৬ ডিসেম্বর ২০২৫", "2025-12-16T00:00:00+06:00"),
    ("চট্টগ্রাম, ১৬ ডিসেম্বর ২০২৫", "2025-12-16T00:00:00+06:00"),
    # calendar tails: Bengali, then Hijri
    (
        "মঙ্গলবার, ২১ অক্টোবর ২০২৫, ৬ কার্তিক ১৪৩২, ২৮ রবিউস সানি ১৪৪৭ হিজরি",
        "2025-10-21T00:00:00+06:00",
    ),
    ("২১ অক্টোবর ২০২৫ | ৬ কার্তিক ১৪৩২ বঙ্গাব্দ", "2025-10-21T00:00:00+06:00"),
    # time-of-day words
    ("১৬ ডিসেম্বর ২০২৫, সকাল ৮টা", "2025-12-16T08:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, ভোর ৫টা", "2025-12-16T05:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, দুপুর ১২টা", "2025-12-16T12:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, দুপুর ২:৩০", "2025-12-16T14:30:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, দুপুর ১১টা", "2025-12-16T11:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, বিকেল ৪টায়", "2025-12-16T16:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, বিকাল ৪টা ৩০ মিনিটে", "2025-12-16T16:30:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, ৪টা", "2025-12-16T00:00:00+06:00"),  # "৪টা" alone may be a count
    ("১৬ ডিসেম্বর ২০২৫, সন্ধ্যা ৭টা", "2025-12-16T19:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, সন্ধ্যায় ৬:১০", "2025-12-16T18:10:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, রাত ১১টা", "2025-12-16T23:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, রাত ১২:৩০", "2025-12-16T00:30:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, রাত ২টা", "2025-12-16T02:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, রাত ২১:১৫", "2025-12-16T21:15:00+06:00"),
    # the time-of-day word after the time; an explicit AM/PM beats it
    ("১২:৩০ রাত, ১৬ ডিসেম্বর ২০২৫", "2025-12-16T00:30:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, ৪:১৫ বিকেলে", "2025-12-16T16:15:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫, রাত ৯:১৫ পিএম", "2025-12-16T21:15:00+06:00"),
    # spelling variants
    ("৫ আগস্ট ২০২৫", "2025-08-05T00:00:00+06:00"),
    ("৫ অগাস্ট ২০২৫", "2025-08-05T00:00:00+06:00"),
    ("জানুয়ারি ৫, ২০২৫", "2025-01-05T00:00:00+06:00"),
    ("জানুযারি ৫, ২০২৫", "2025-01-05T00:00:00+06:00"),  # nukta forgotten
    ("৫ জানু\u09dfারি ২০২৫", "2025-01-05T00:00:00+06:00"),  # precomposed য়
    ("৫ জানু\u09af\u09bcারী ২০২৫", "2025-01-05T00:00:00+06:00"),  # য + nukta
    ("২৮ ফেব্রুয়ারী ২০২৪", "2024-02-28T00:00:00+06:00"),
    ("২৯ ফেব্রুয়ারি ২০২৪", "2024-02-29T00:00:00+06:00"),
    ("৯ সেপ্টেম্বার ২০২৪", "2024-09-09T00:00:00+06:00"),
    # weekdays, first or last, Bengali or English; রোববার is the Bangladeshi রবিবার
    ("রোববার, ১৪ ডিসেম্বর ২০২৫", "2025-12-14T00:00:00+06:00"),
    ("বৃহস্পতিবার, ১১ ডিসেম্বর ২০২৫", "2025-12-11T00:00:00+06:00"),
    ("১৬ ডিসেম্বর ২০২৫ (মঙ্গলবার)", "2025-12-16T00:00:00+06:00"),
    # no spaces where editors left none; Bengali digits in numeric forms
    ("২১অক্টোবর২০২৫", "2025-10-21T00:00:00+06:00"),
    ("১৬.১২.২০২৫", "2025-12-16T00:00:00+06:00"),
    ("২০২০-০৮-২৯", "2020-08-29T00:00:00+06:00"),
    # year first, as prose writes it
    ("২০২৫ সালের ১৬ ডিসেম্বর", "2025-12-16T00:00:00+06:00"),
    ("২০২৫ সালের ১৬ ডিসেম্বরে, সন্ধ্যা ৭টায়", "2025-12-16T19:00:00+06:00"),
]

MONTHS = [
    ("জানুয়ারি", 1),
    ("ফেব্রুয়ারি", 2),
    ("মার্চ", 3),
    ("এপ্রিল", 4),
    ("মে", 5),
    ("জুন", 6),
    ("জুলাই", 7),
    ("আগস্ট", 8),
    ("সেপ্টেম্বর", 9),
    ("অক্টোবর", 10),
    ("নভেম্বর", 11),
    ("ডিসেম্বর", 12),
    ("January", 1),
    ("Feb", 2),
    ("Mar.", 3),
    ("april", 4),
    ("May", 5),
    ("Jun", 6),
    ("July", 7),
    ("Aug", 8),
    ("Sept", 9),
    ("Oct", 10),
    ("November", 11),
    ("DEC", 12),
]

WEEKDAYS = ["শনিবার", "রবিবার", "সোমবার", "মঙ্গলবার", "বুধবার", "বৃহস্পতিবার", "শুক্রবার"]
WEEKDAYS += ["Saturday", "Sun", "Mon.", "Tuesday", "Wed", "Thurs", "Fri"]

ENGLISH_FORMS = [
    ("December 6, 2025 at 10:46 am", "2025-12-06T10:46:00+06:00"),
    ("December 6, 2025 at 10:46 p.m.", "2025-12-06T22:46:00+06:00"),
    ("6 Dec 2025 10:46", "2025-12-06T10:46:00+06:00"),
    ("06-Dec-2025", "2025-12-06T00:00:00+06:00"),
    ("Tue Dec 16, 2025 10:46 AM", "2025-12-16T10:46:00+06:00"),
    ("Published: 16 Dec 2025, 10:46 AM", "2025-12-16T10:46:00+06:00"),
    ("Updated: December 16, 2025 5 pm", "2025-12-16T17:00:00+06:00"),
    ("Last update on: Aug. 29, 2020 09:46", "2020-08-29T09:46:00+06:00"),
    ("29th of August 2020", "2020-08-29T00:00:00+06:00"),
    ("March 3rd, 2021", "2021-03-03T00:00:00+06:00"),
    # explicit zones in visible text are kept as printed
    ("16 Dec 2025, 10:46 AM GMT", "2025-12-16T10:46:00+00:00"),
    ("16 Dec 2025, 10:46 AM GMT+6", "2025-12-16T10:46:00+06:00"),
    ("16 Dec 2025, 10:46 AM BdST", "2025-12-16T10:46:00+06:00"),
    # numeric day/month/year, read only when one order is possible
    ("13/12/2025", "2025-12-13T00:00:00+06:00"),
    ("12/13/2025", "2025-12-13T00:00:00+06:00"),
    ("06/06/2025", "2025-06-06T00:00:00+06:00"),
    ("2020/08/29 09:46", "2020-08-29T09:46:00+06:00"),
]

MACHINE_FORMS = [
    ("2020-08-29T09:46:06+00:00", "2020-08-29T09:46:06+00:00"),
    ("2020-08-29T09:46:06Z", "2020-08-29T09:46:06+00:00"),
    ("2020-08-29T15:46:06+0600", "2020-08-29T15:46:06+06:00"),
    ("2020-08-29T15:46:06+06", "2020-08-29T15:46:06+06:00"),
    ("2020-08-29T09:46:06-04:00", "2020-08-29T09:46:06-04:00"),
    ("2020-08-29T09:46:06.123456+00:00", "2020-08-29T09:46:06+00:00"),
    ("2020-08-29T09:46:06.5Z", "2020-08-29T09:46:06+00:00"),
    ("2020-08-29T09:46", "2020-08-29T09:46:00+06:00"),
    ("2020-08-29", "2020-08-29T00:00:00+06:00"),
    ("2020-08-29 09:46:06", "2020-08-29T09:46:06+06:00"),
    ("  2020-08-29T09:46:06+00:00\n", "2020-08-29T09:46:06+00:00"),
    ("Sat, 29 Aug 2020 09:46:06 +0000", "2020-08-29T09:46:06+00:00"),
    ("Sat, 29 Aug 2020 09:46:06 GMT", "2020-08-29T09:46:06+00:00"),
    ("Sat, 29 Aug 2020 09:46:06 -0500", "2020-08-29T09:46:06-05:00"),
    ("Sat, 29 Aug 2020 09:46:06 EST", "2020-08-29T09:46:06-05:00"),
    ("29 Aug 2020 09:46 +0600", "2020-08-29T09:46:00+06:00"),
    ("Sat, 29 Aug 2020 09:46:06", "2020-08-29T09:46:06+06:00"),
]

LONG_PARAGRAPH = "ঢাকায় আজ বৃষ্টি হয়েছে এবং যানজট ছিল। " * 50 + "১৬ ডিসেম্বর ২০২৫"

NOT_DATES = [
    "",
    "   ",
    "Related Posts",
    "View All",
    "ঢাকা",
    "১২৩",
    "2020",
    "২০২৫ সালের বাজেট",
    "১০:৪৬ পূর্বাহ্ণ",  # a time is not a date
    "রাত ৯:১৫",
    "৬ কার্তিক ১৪৩২",  # Bengali calendar only
    "৩১ ফেব্রুয়ারি ২০২৫",  # impossible
    "২৯ ফেব্রুয়ারি ২০২৫",
    "32/01/2025",
    "16 Dec 2025, 25:10",
    "06/12/2025",  # 6 December or June 12: rejected, not guessed
    "Mon, 12/11/2025",  # neither reading is a Monday
    "2020-13-01",
    "0000-00-00 00:00:00",  # WordPress's "no date"
    LONG_PARAGRAPH,
]

RELATIVE = [
    ("৩ ঘণ্টা আগে", "2025-12-16T07:00:00+06:00"),
    ("৩ ঘন্টা আগে", "2025-12-16T07:00:00+06:00"),
    ("৫ মিনিট আগে", "2025-12-16T09:55:00+06:00"),
    ("৩০ সেকেন্ড আগে", "2025-12-16T09:59:30+06:00"),
    ("১ ঘণ্টা ৩০ মিনিট আগে", "2025-12-16T08:30:00+06:00"),
    ("২ দিন আগে", "2025-12-14T00:00:00+06:00"),
    ("১ সপ্তাহ আগে", "2025-12-09T00:00:00+06:00"),
    ("২ মাস আগে", "2025-10-16T00:00:00+06:00"),
    ("১ বছর আগে", "2024-12-16T00:00:00+06:00"),
    ("আপডেট: ২ ঘণ্টা আগে", "2025-12-16T08:00:00+06:00"),
    ("গতকাল", "2025-12-15T00:00:00+06:00"),
    ("গতকাল রাত ৯:১৫", "2025-12-15T21:15:00+06:00"),
    ("গতকাল, ১০:৪৬ পূর্বাহ্ণ", "2025-12-15T10:46:00+06:00"),
    ("আজ", "2025-12-16T00:00:00+06:00"),
    ("আজ সকাল ৯:৩০", "2025-12-16T09:30:00+06:00"),
    ("এইমাত্র", "2025-12-16T10:00:00+06:00"),
    ("3 hours ago", "2025-12-16T07:00:00+06:00"),
    ("an hour ago", "2025-12-16T09:00:00+06:00"),
    ("2 days ago", "2025-12-14T00:00:00+06:00"),
    ("5m ago", "2025-12-16T09:55:00+06:00"),
    ("yesterday", "2025-12-15T00:00:00+06:00"),
    ("Yesterday at 5:00 pm", "2025-12-15T17:00:00+06:00"),
    ("Today, 8:15 AM", "2025-12-16T08:15:00+06:00"),
    ("just now", "2025-12-16T10:00:00+06:00"),
]

BYLINES = [
    (
        "লিখেছেন রহিম | শনিবার, আগস্ট ২৯, ২০২০ | ১০:৪৬ পূর্বাহ্ণ",
        "শনিবার, আগস্ট ২৯, ২০২০ | ১০:৪৬ পূর্বাহ্ণ",
        "2020-08-29T10:46:00+06:00",
    ),
    (
        "Posted by X on March 3, 2021 at 5:00 pm",
        "March 3, 2021 at 5:00 pm",
        "2021-03-03T17:00:00+06:00",
    ),
    (
        "নিজস্ব প্রতিবেদক | প্রকাশিত: ০১:১৭, ৯ মার্চ ২০২১ | আপডেট: ০২:০০, ১০ মার্চ ২০২১",
        "০১:১৭, ৯ মার্চ ২০২১",
        "2021-03-09T01:17:00+06:00",
    ),
    # A revision's date printed first gives way to the publication date after it.
    (
        "অনলাইন ডেস্ক আপডেট: ২ ঘণ্টা আগে প্রকাশ: শনিবার, ০৬ ডিসেম্বর ২০২৫",
        "শনিবার, ০৬ ডিসেম্বর ২০২৫",
        "2025-12-06T00:00:00+06:00",
    ),
    ("Updated: Dec 8, 2025 9:00 am", "Dec 8, 2025 9:00 am", "2025-12-08T09:00:00+06:00"),
    # Both orders of 12/11 are dates; the weekday printed with it tells which (Drupal 7).
    (
        "Submitted by X on Thu, 12/11/2025 - 19:32",
        "Thu, 12/11/2025 - 19:32",
        "2025-12-11T19:32:00+06:00",
    ),
    ("বুধবার, 12/11/2025", "বুধবার, 12/11/2025", "2025-11-12T00:00:00+06:00"),
    (
        "ঢাকা, মঙ্গলবার, ২১ অক্টোবর ২০২৫, ৬ কার্তিক ১৪৩২",
        "মঙ্গলবার, ২১ অক্টোবর ২০২৫",
        "2025-10-21T00:00:00+06:00",
    ),
    # "আজ" as an ordinary word is not "today": the printed date after it is
    (
        "আজ মঙ্গলবার, ১৬ ডিসেম্বর ২০২৫",
        "মঙ্গলবার, ১৬ ডিসেম্বর ২০২৫",
        "2025-12-16T00:00:00+06:00",
    ),
    # an ambiguous numeric date is skipped, the next date is taken
    ("06/12/2025 | 16 December 2025", "16 December 2025", "2025-12-16T00:00:00+06:00"),
    ("রিপোর্টার: করিম • ৩ ঘণ্টা আগে", "৩ ঘণ্টা আগে", "2025-12-16T07:00:00+06:00"),
    ("করিম | গতকাল", "গতকাল", "2025-12-15T00:00:00+06:00"),
    (LONG_PARAGRAPH, "১৬ ডিসেম্বর ২০২৫", "2025-12-16T00:00:00+06:00"),
    (
        '<meta content="2020-08-29T09:46:06+00:00">',
        "2020-08-29T09:46:06+00:00",
        "2020-08-29T09:46:06+00:00",
    ),
]


def iso(value: datetime | None) -> str | None:
    return None if value is None else to_iso(value)


@pytest.fixture
def no_dateparser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """dateparser.parse replaced by a tripwire; the list records what reached it."""
    calls: list[str] = []

    def tripwire(text: str, **_: Any) -> datetime:
        calls.append(text)
        raise AssertionError(f"dateparser called for {text!r}")

    monkeypatch.setattr(DATEPARSER_PARSE, tripwire)
    return calls


@pytest.mark.parametrize(
    ("raw", "expected"), SITE_FORMS + BENGALI_FORMS + ENGLISH_FORMS + MACHINE_FORMS
)
def test_parse_date(raw: str, expected: str) -> None:
    assert iso(parse_date(raw)) == expected


@pytest.mark.parametrize(("name", "number"), MONTHS)
@pytest.mark.parametrize("order", ["dmy", "mdy"])
def test_every_month_name(name: str, number: int, order: str) -> None:
    raw = f"৭ {name} ২০২৪" if order == "dmy" else f"{name} ৭, ২০২৪"
    assert iso(parse_date(raw)) == f"2024-{number:02d}-07T00:00:00+06:00"


@pytest.mark.parametrize("weekday", WEEKDAYS)
def test_weekday_prefix_and_suffix_are_ignored(weekday: str) -> None:
    assert iso(parse_date(f"{weekday}, ১৬ ডিসেম্বর ২০২৫")) == "2025-12-16T00:00:00+06:00"
    assert iso(parse_date(f"১৬ ডিসেম্বর ২০২৫, {weekday}")) == "2025-12-16T00:00:00+06:00"


@pytest.mark.parametrize("raw", NOT_DATES)
def test_not_a_date(raw: str) -> None:
    assert parse_date(raw, fetched_at=FETCHED) is None


@pytest.mark.parametrize(("raw", "expected"), RELATIVE)
def test_relative_dates_count_from_fetched_at(raw: str, expected: str) -> None:
    assert iso(parse_date(raw, fetched_at=FETCHED)) == expected


@pytest.mark.parametrize(("raw", "_"), RELATIVE)
def test_relative_dates_need_fetched_at(raw: str, _: str, no_dateparser: list[str]) -> None:
    # the machine's clock would make the archive depend on when it was re-parsed
    assert parse_date(raw) is None
    assert find_date(f"রহিম | {raw}") is None
    assert no_dateparser == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("আজ", "2025-12-16T00:00:00+06:00"),
        ("গতকাল", "2025-12-15T00:00:00+06:00"),
        ("yesterday at 11:30 pm", "2025-12-15T23:30:00+06:00"),
        ("৩ ঘণ্টা আগে", "2025-12-15T23:00:00+06:00"),
        ("১ দিন আগে", "2025-12-15T00:00:00+06:00"),
    ],
)
def test_day_relative_dates_use_the_site_zone(raw: str, expected: str) -> None:
    assert iso(parse_date(raw, fetched_at=FETCHED_AFTER_DHAKA_MIDNIGHT)) == expected


def test_naive_fetched_at_is_in_default_tz() -> None:
    naive = datetime(2025, 12, 16, 10, 0)
    assert iso(parse_date("৩ ঘণ্টা আগে", fetched_at=naive)) == "2025-12-16T07:00:00+06:00"


def test_results_follow_fetched_at_and_are_not_cached() -> None:
    later = FETCHED + timedelta(days=10)
    assert iso(parse_date("গতকাল", fetched_at=FETCHED)) == "2025-12-15T00:00:00+06:00"
    assert iso(parse_date("গতকাল", fetched_at=later)) == "2025-12-25T00:00:00+06:00"
    assert iso(parse_date("গতকাল", fetched_at=FETCHED)) == "2025-12-15T00:00:00+06:00"


def test_relative_months_clamp_to_month_end() -> None:
    end_of_march = datetime(2025, 3, 31, 12, 0, tzinfo=DHAKA)
    assert iso(parse_date("১ মাস আগে", fetched_at=end_of_march)) == "2025-02-28T00:00:00+06:00"


def test_default_tz_applies_only_without_an_offset() -> None:
    assert iso(parse_date("2020-08-29 09:46", default_tz="UTC")) == "2020-08-29T09:46:00+00:00"
    assert iso(parse_date("২৯ আগস্ট ২০২০", default_tz="Europe/London")) == (
        "2020-08-29T00:00:00+01:00"
    )
    assert iso(parse_date("2020-08-29T09:46:06+00:00", default_tz="Europe/London")) == (
        "2020-08-29T09:46:06+00:00"
    )


def test_results_are_timezone_aware() -> None:
    for raw, _ in SITE_FORMS + ENGLISH_FORMS + MACHINE_FORMS:
        parsed = parse_date(raw)
        assert parsed is not None and parsed.utcoffset() is not None, raw


@pytest.mark.parametrize(("text", "raw", "expected"), BYLINES)
def test_find_date_in_bylines(text: str, raw: str, expected: str) -> None:
    found = find_date(text, fetched_at=FETCHED)
    assert found is not None
    assert (found[0], to_iso(found[1])) == (raw, expected)


def test_find_date_returns_the_nfc_text_as_printed() -> None:
    found = find_date("লেখক | ৫ জানু\u09dfারি ২০২৫ | ৮টা পড়েছেন")
    assert found is not None
    assert found[0] == unicodedata.normalize("NFC", "৫ জানু\u09dfারি ২০২৫")
    assert to_iso(found[1]) == "2025-01-05T00:00:00+06:00"


@pytest.mark.parametrize(
    "text",
    ["", "Related Posts", "View All", "আজ সকালে প্রধানমন্ত্রী বলেন", "১২৩ জন আহত", LONG_PARAGRAPH[:-20]],
)
def test_find_date_without_a_date(text: str) -> None:
    assert find_date(text, fetched_at=FETCHED) is None


def test_site_forms_never_reach_dateparser(no_dateparser: list[str]) -> None:
    common = SITE_FORMS + BENGALI_FORMS + ENGLISH_FORMS + MACHINE_FORMS
    for raw, expected in common:
        assert iso(parse_date(raw)) == expected, raw
    for raw, expected in RELATIVE:
        assert iso(parse_date(raw, fetched_at=FETCHED)) == expected, raw
    for raw in NOT_DATES:
        assert parse_date(raw, fetched_at=FETCHED) is None, raw
    for text, _raw, _ in BYLINES:
        assert find_date(text, fetched_at=FETCHED) is not None, text
    assert no_dateparser == []


def test_dateparser_is_the_fallback_for_unknown_forms() -> None:
    # No year: our grammar declines; dateparser reads it as the most recent 29 August.
    assert iso(parse_date("২৯ আগস্ট", fetched_at=FETCHED)) == "2025-08-29T00:00:00+06:00"
    assert iso(parse_date("Aug 29, 10:46", fetched_at=FETCHED)) == "2025-08-29T10:46:00+06:00"


def test_dateparser_gets_explicit_languages_and_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_parse(text: str, **kwargs: Any) -> datetime:
        seen.update(kwargs, text=text)
        return datetime(2025, 8, 29, 0, 0)  # naive: must come back in default_tz

    monkeypatch.setattr(DATEPARSER_PARSE, fake_parse)
    parsed = parse_date("২৯ আগস্ট", fetched_at=FETCHED)
    assert iso(parsed) == "2025-08-29T00:00:00+06:00"
    assert seen["text"] == "২৯ আগস্ট"
    assert seen["languages"] == ["bn", "en"]
    settings = seen["settings"]
    assert settings["RETURN_AS_TIMEZONE_AWARE"] is True
    assert settings["TIMEZONE"] == "Asia/Dhaka"
    assert settings["PREFER_DAY_OF_MONTH"] == "first"
    assert settings["RELATIVE_BASE"] == FETCHED
    assert settings["RELATIVE_BASE"].utcoffset() == timedelta(hours=6)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (datetime(1985, 8, 29, tzinfo=DHAKA), None),  # before 1990
        (datetime(2025, 12, 19, tzinfo=DHAKA), None),  # 3 days after the fetch
        (datetime(2025, 12, 17, tzinfo=DHAKA), "2025-12-17T00:00:00+06:00"),  # within 2 days
        ("not a datetime", None),
    ],
)
def test_dateparser_answers_are_sanity_checked(
    monkeypatch: pytest.MonkeyPatch, answer: object, expected: str | None
) -> None:
    monkeypatch.setattr(DATEPARSER_PARSE, lambda text, **kwargs: answer)
    assert iso(parse_date("২৯ আগস্ট", fetched_at=FETCHED)) == expected


def test_dateparser_errors_mean_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, **kwargs: Any) -> datetime:
        raise ValueError("day is out of range for month")

    monkeypatch.setattr(DATEPARSER_PARSE, broken)
    assert parse_date("২৯ আগস্ট", fetched_at=FETCHED) is None


def test_long_input_is_refused_before_any_parsing(no_dateparser: list[str]) -> None:
    assert parse_date("x" * 10_000 + " 16 December 2025") is None
    assert parse_date(" " * 500 + "১৬ ডিসেম্বর ২০২৫" + "\n" * 500) is not None  # only padding
    assert no_dateparser == []


def test_to_iso() -> None:
    assert to_iso(datetime(2020, 8, 29, 10, 46, 0, 999, tzinfo=DHAKA)) == (
        "2020-08-29T10:46:00+06:00"
    )
    assert to_iso(datetime(2020, 8, 29, 9, 46, 6, tzinfo=UTC)) == ("2020-08-29T09:46:06+00:00")
    with pytest.raises(ValueError, match="timezone-aware"):
        to_iso(datetime(2020, 8, 29, 10, 46))


# Text made of the pieces dates are built from, so that the grammar's edges get exercised.
_PIECES = st.sampled_from(
    [
        *"০১২৩৪৫৬৭৮৯0123456789 ,|:/-.TZ",
        *["টা", "আজ", "গতকাল", "আগে", "ঘণ্টা", "দিন", "ডিসেম্বর", "মে", "Dec", "am", "+06"],
        *["পূর্বাহ্ণ", "রাত", "শনিবার"],
    ]
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(_PIECES, max_size=25).map("".join) | st.text(max_size=60))
def test_never_raises_and_is_always_aware(text: str) -> None:
    parsed = parse_date(text, fetched_at=FETCHED)
    assert parsed is None or parsed.utcoffset() is not None
    found = find_date(text, fetched_at=FETCHED)
    if found is not None:
        raw, value = found
        assert raw in unicodedata.normalize("NFC", text)
        assert value.utcoffset() is not None
