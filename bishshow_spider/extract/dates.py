"""Dates as Bengali and English news pages print them, turned into timezone-aware datetimes.

Three layers, cheapest first:

1. ISO 8601 / W3C strings (``<meta>``, JSON-LD, ``<time datetime>``) parsed by one regex, and
   RFC 2822 (RSS ``pubDate``) by ``email.utils``.
2. Our own grammar for visible dates: compiled regexes over NFC text. It knows Bengali and
   English month names (with spelling variants), Bengali digits, weekdays, AM/PM words
   (পূর্বাহ্ণ, এএম, ...), time-of-day words (সকাল, রাত, ...), the three orders news sites use,
   and relative dates (৩ ঘণ্টা আগে, গতকাল) counted from the fetch time.
3. dateparser, only when the grammar finds nothing: it costs 0.4-0.8 ms a call warm and ~600 ms
   on its first Bengali call, and misreads several of the forms above (see SITE.md).

Choices where a page is ambiguous:

- A string without an offset is a wall-clock time in ``default_tz``; an explicit offset is kept
  as printed, never converted. A date without a time is midnight in ``default_tz``.
- Purely numeric dates (``06/12/2025``) are read only when one order is possible: day-first if
  the first number is over 12, month-first if the second is, or the one order that falls on
  the weekday printed with it (``Thu, 12/11/2025``); otherwise the date is rejected (None)
  rather than guessed, and dateparser is not asked to guess either.
- A time with no date (``রাত ৯:১৫`` alone) is not a date: None.
- Relative dates need ``fetched_at``; without it they are None. Units of a day or more
  (২ দিন আগে, গতকাল) give midnight of that day in ``default_tz`` unless a time is printed;
  smaller units (৩ ঘণ্টা আগে) give the exact instant. A naive ``fetched_at`` is taken to be in
  ``default_tz``.

Pure: no Scrapy, no I/O and no cache, so it runs the same from a spider, a re-parse and a test.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_tz
from typing import Any
from zoneinfo import ZoneInfo

import dateparser

__all__ = ["DEFAULT_TZ", "MAX_DATE_CHARS", "find_date", "parse_date", "to_iso"]

DEFAULT_TZ = "Asia/Dhaka"

# A printed date, even with its labels and calendar tails, is far shorter than this; a longer
# string is a paragraph that merely mentions a date (find_date is the tool for those).
MAX_DATE_CHARS = 200

# dateparser fills gaps with guesses; an answer outside this window is a guess gone wrong.
_EARLIEST_YEAR = 1990
_FUTURE_SLACK = timedelta(days=2)

# Bangladeshi sites print "BST"/"BdST" for Bangladesh Standard Time, not British Summer Time.
_BANGLADESH_TIME = timezone(timedelta(hours=6), "BST")

# Invisible characters pasted into bylines. ZWJ/ZWNJ go too: they only change how a conjunct
# is drawn (পূর্বাহ্‌ণ vs পূর্বাহ্ণ), never what a date word means.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


def _nfc(pattern: str) -> str:
    # NFC decomposes য় (U+09DF) into য + nukta, so the patterns must be in NFC like the text.
    return unicodedata.normalize("NFC", pattern)


# --- Building blocks of the grammar ---------------------------------------------------------
# Bengali digits need no translation: \d matches them and int() reads them, so the grammar runs
# on the text as printed and find_date can return its exact substring.
# Python's \b treats Bengali vowel signs as non-word characters, so it would find a "word
# boundary" inside মেয়র; these lookarounds use letters of both scripts instead (the Bengali
# block minus its digits, U+09E6-U+09EF, so that ২১অক্টোবর still splits).
_LETTERS = "A-Za-z\u0980-\u09e5\u09f0-\u09ff"
_START = rf"(?<![{_LETTERS}])"
_END = rf"(?![{_LETTERS}])"

_BENGALI_MONTH = _nfc(
    "|".join(
        [
            "জানুয\u09bc?ার[িী]",  # nukta optional: জানুয়ারি is also typed with a bare য
            "ফেব্রুয\u09bc?ার[িী]",
            "মার্চ",
            "এপ্রিল",
            "মে",
            "জুন",
            "জুলাই",
            "(?:আগ|অগা?)[সষ]্ট",  # আগস্ট, আগষ্ট, অগাস্ট
            "সেপ্টেম্ব[াে]?র",
            "অক্টোব[াে]?র",
            "নভেম্ব[াে]?র",
            "ডিসেম্ব[াে]?র",
        ]
    )
)
_ENGLISH_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH = rf"{_START}(?:{_BENGALI_MONTH}|{_ENGLISH_MONTH}){_END}\.?"
# Running text inflects the month after "২০২৫ সালের ১৬ ...": ডিসেম্বরে (in), ডিসেম্বরের (of).
_BENGALI_MONTH_INFLECTED = _nfc(rf"{_START}(?:{_BENGALI_MONTH})(?:ে|ের|র)?{_END}")

# Bengali month names differ in their first letters, whatever the spelling variant after them.
_BENGALI_MONTH_PREFIXES = tuple(
    (_nfc(prefix), number)
    for prefix, number in [
        ("জা", 1),
        ("ফে", 2),
        ("মা", 3),
        ("এপ", 4),
        ("মে", 5),
        ("জুন", 6),
        ("জুল", 7),
        ("আগ", 8),
        ("অগ", 8),
        ("সে", 9),
        ("অক", 10),
        ("নভ", 11),
        ("ডি", 12),
    ]
)
_ENGLISH_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}

# The weekday is matched only so that it belongs to the date's text; the date itself wins if
# the two disagree, since a wrong weekday is the likelier typo.
_WEEKDAY = _nfc(
    rf"{_START}(?:(?:শনি|রবি|রোব|সোম|মঙ্গল|বুধ|বৃহস্পতি|বৃহষ্পতি|শুক্র)বার"
    r"|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    rf"|sat(?:urday)?|sun(?:day)?){_END}\.?"
)
_WEEKDAY_NAME = re.compile(_WEEKDAY, re.IGNORECASE)
_WEEKDAY_PREFIXES = (
    (("mon", "সোম"), 0),
    (("tue", "মঙ্গল"), 1),
    (("wed", "বুধ"), 2),
    (("thu", "বৃহস্পতি", "বৃহষ্পতি"), 3),
    (("fri", "শুক্র"), 4),
    (("sat", "শনি"), 5),
    (("sun", "রবি", "রোব"), 6),
)
_MERIDIEM = _nfc(rf"(?:a\.?m\.?|p\.?m\.?|এ\.?এম|পি\.?এম|পূর্বাহ্[ণন]|অপরাহ্[ণন]){_END}")
# Time-of-day words, with the locative endings of running text (সকালে, সন্ধ্যায়, রাতের).
_PERIOD = _nfc(rf"{_START}(?:সকাল|দুপুর|বিকাল|বিকেল|সন্ধ্যা|সন্ধা|রাত|ভোর)(?:ে|ের|য\u09bc)?{_END}")
_ZONE = r"(?:Z|(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|UTC|GMT|BdST|BST)(?![\w])"
# Between the parts of one date: punctuation, "at", or plain spaces; "T" only in ISO forms.
_SEP = r"(?:\s*(?:[,|•·।()\[\]\-–—]|at(?![a-z])|@)\s*)+|\s+|T(?=\d)"


def _time_pattern(p: str) -> str:
    """A clock time with groups prefixed `p`: one date may have a time before and one after."""
    return _nfc(
        rf"(?:(?P<{p}_period>{_PERIOD})\s*)?(?<![\d:.])(?:"
        # 10:46, 09:46:06.123, and "১০: ৪৬" as some Bangladeshi sites space it
        rf"(?P<{p}_h>\d{{1,2}})\s?:\s?(?P<{p}_m>\d{{2}})"
        rf"(?::(?P<{p}_s>\d{{2}})(?:[.,](?P<{p}_f>\d{{1,9}}))?)?(?!\d)"
        # বিকাল ৪টা / ৪টায় / ৪টা ৩০ মিনিটে after a time-of-day word (a bare "৩টা" is as often
        # "three of them"), or a bare hour when AM/PM follows ("5 pm")
        rf"|(?P<{p}_hh>\d{{1,2}})(?:(?({p}_period)\s*টা(?:য\u09bc)?{_END}"
        rf"(?:\s*(?P<{p}_hm>\d{{1,2}})\s*মিনিটে?{_END})?|(?!))|(?=\s*{_MERIDIEM}))"
        # AM/PM, or a time-of-day word after the time ("১২:৩০ রাত"), then an explicit zone
        rf")(?:\s*(?P<{p}_mer>{_MERIDIEM})|\s*(?P<{p}_period_after>{_PERIOD}))?"
        rf"(?:\s*(?P<{p}_tz>{_ZONE}))?"
    )


_ORDINAL = r"(?:st|nd|rd|th)?"
_CALENDAR_DATE = (
    # month-day-year: আগস্ট ২৯, ২০২০ / March 3, 2021 / Dec 16 2025
    rf"(?P<mdy_m>{_MONTH})\s*(?P<mdy_d>\d{{1,2}}){_ORDINAL}(?!\d)\s*,?\s*(?P<mdy_y>\d{{4}})(?!\d)"
    # day-month-year: ১৬ ডিসেম্বর, ২০২৫ / 6 Dec 2025 / 29th of August 2020 / 06-Dec-2025
    rf"|(?<![\d:./])(?P<dmy_d>\d{{1,2}}){_ORDINAL}(?:\s*of)?[\s\-./]*(?P<dmy_m>{_MONTH})"
    rf"[\s,\-./]*(?P<dmy_y>\d{{4}})(?!\d)"
    # year first, in Bengali prose: ২০২৫ সালের ১৬ ডিসেম্বর
    rf"|(?<![\d:./])(?P<ydm_y>\d{{4}})\s*(?:সালের|সনের|খ্রিস্টাব্দের)\s*(?P<ydm_d>\d{{1,2}})(?!\d)"
    rf"\s*(?P<ydm_m>{_BENGALI_MONTH_INFLECTED})"
    # year-month-day: 2020-08-29, 2020/08/29
    rf"|(?<![\d:./])(?P<ymd_y>\d{{4}})(?P<ymd_sep>[-/.])(?P<ymd_m>\d{{1,2}})(?P=ymd_sep)"
    rf"(?P<ymd_d>\d{{1,2}})(?!\d)"
    # numeric day/month/year in either order, resolved (or rejected) in _date_of
    rf"|(?<![\d:./])(?P<num_a>\d{{1,2}})(?P<num_sep>[-/.])(?P<num_b>\d{{1,2}})(?P=num_sep)"
    rf"(?P<num_y>\d{{4}})(?!\d)"
)
# Time first or last, weekday first or last: ৮:০২ পূর্বাহ্ন, ১৬ ডিসেম্বর ২০২৫, মঙ্গলবার.
# A Bengali-calendar or Hijri tail (৬ কার্তিক ১৪৩২) is left outside the match: its month
# names are not Gregorian ones and a bare "৬" is not a time.
_FULL = (
    rf"(?:{_time_pattern('t1')}(?:{_SEP}))?(?:{_WEEKDAY}(?:{_SEP}))?(?:{_CALENDAR_DATE})"
    rf"(?:(?:{_SEP}){_WEEKDAY})?(?:(?:{_SEP}){_time_pattern('t2')})?"
)

_AGO_UNIT = _nfc(
    rf"(?:সেকেন্ড|মিনিট|ঘণ্টা|ঘন্টা|দিন|সপ্তাহ|মাস|বছর){_END}"
    r"|(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?"
    r"|years?|yrs?|y)(?![a-z])"
)
_AGO_AMOUNT = rf"(?<![\d.:])(?:\d+|{_START}(?:an?|one){_END})"
_AGO = _nfc(rf"(?:{_AGO_AMOUNT}\s*(?:{_AGO_UNIT})\s*,?\s*(?:and\s+)?)+(?:আগে{_END}|ago(?![a-z]))")
_AGO_PART = re.compile(rf"(?P<amount>{_AGO_AMOUNT})\s*(?P<unit>{_AGO_UNIT})", re.IGNORECASE)
_RELATIVE_DAY = _nfc(
    rf"{_START}(?P<relday_word>আজ|গতকাল|today|yesterday){_END}"
    rf"(?:(?:{_SEP}){_time_pattern('t3')})?"
)
_JUST_NOW = _nfc(rf"{_START}(?:এইমাত্র|just now){_END}")

_ANY_DATE = re.compile(
    # Every form starts with a digit or at a word's start; checking that first skips most
    # positions of a long line at once (3x faster on running Bengali text).
    rf"(?=\d|{_START}[{_LETTERS}])"
    rf"(?:(?P<full>{_FULL})|(?P<ago>{_AGO})|(?P<relday>{_RELATIVE_DAY})|(?P<now>{_JUST_NOW}))",
    re.IGNORECASE,
)

_ISO_8601 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
# ASCII digits only: email.utils reads no others.
_RFC_2822 = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun),\s*)?[0-9]{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)\s+[0-9]{2,4}\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
    r"(?:\s+(?P<zone>[+-]\d{4}|UT|UTC|GMT|Z|[ECMP][SD]T))?",
    re.IGNORECASE,
)

_DIGIT = re.compile(r"\d")
# Words that make a string relative to the fetch time, even with no digit in it.
_RELATIVE_WORD = re.compile(
    _nfc(
        rf"{_START}(?:আজ|গতকাল|আগামীকাল|পরশু|এইমাত্র|আগে|গত|today|yesterday|tomorrow|ago"
        rf"|just now){_END}"
    ),
    re.IGNORECASE,
)
# What must be present before dateparser is worth its cost: a month, a weekday, a numeric date
# or a relative word. Bare numbers ("১২৩", "2020") and bare times ("রাত ৯:১৫") never get there.
_DATE_LIKE = re.compile(
    rf"{_MONTH}|{_WEEKDAY}|\d[-/.]\d{{1,2}}[-/.]\d|{_RELATIVE_WORD.pattern}",
    re.IGNORECASE,
)
# What may surround a bare আজ/গতকাল for it to stand alone as a date (a byline field).
_FIELD_EDGE = "|,•·:()[]-–—"


class _NotADate(Exception):
    """The grammar matched, but the values are impossible or ambiguous (31 Feb, 06/12/2025)."""


# --- Public API -----------------------------------------------------------------------------


def parse_date(
    raw: str, *, fetched_at: datetime | None = None, default_tz: str = DEFAULT_TZ
) -> datetime | None:
    """Any date string a news page prints -> timezone-aware datetime, or None if it is not a date."""  # noqa: E501
    # Indentation from HTML text nodes is allowed for, megabytes of it are not worth splitting.
    if not raw or len(raw) > 50 * MAX_DATE_CHARS:
        return None
    line = " ".join(raw.split())
    if not line or len(line) > MAX_DATE_CHARS:
        return None
    text = _prepare(line)
    if not _DIGIT.search(text) and not _RELATIVE_WORD.search(text):
        return None
    tz = ZoneInfo(default_tz)
    try:
        direct = _parse_iso_8601(text, tz) or _parse_rfc_2822(text, tz)
        if direct is not None:
            return direct
        for match in _ANY_DATE.finditer(text):
            found = _convert(match, text, fetched_at, tz)
            if found is not None:
                return found
    except _NotADate:
        return None
    if fetched_at is None and _RELATIVE_WORD.search(text):
        return None  # dateparser would count from the machine's clock instead
    if not _DATE_LIKE.search(text):
        return None
    return _parse_with_dateparser(text, fetched_at, tz, default_tz)


def find_date(
    text: str, *, fetched_at: datetime | None = None, default_tz: str = DEFAULT_TZ
) -> tuple[str, datetime] | None:
    """The first date inside a longer line (bylines like 'লিখেছেন রহিম | শনিবার, আগস্ট ২৯, ২০২০ | ১০:৪৬ পূর্বাহ্ণ' or 'Posted by X on March 3, 2021 at 5:00 pm'): (the raw date substring as printed, datetime)."""  # noqa: E501
    if not text:
        return None
    # The raw date is cut from the text after NFC and without invisible characters, so that
    # it compares equal to the same date typed on another keyboard.
    printed = _prepare(text)
    if not _DIGIT.search(printed) and not _RELATIVE_WORD.search(printed):
        return None
    tz = ZoneInfo(default_tz)
    updated: tuple[str, datetime] | None = None
    for match in _ANY_DATE.finditer(printed):
        try:
            found = _convert(match, printed, fetched_at, tz)
        except _NotADate:
            continue  # an impossible or ambiguous date; a later one in the line may do
        if found is None:
            continue
        # "আপডেট: ২ ঘণ্টা আগে প্রকাশ: ০৬ ডিসেম্বর": the publication date is the one wanted.
        if _UPDATE_LABEL.search(printed, max(0, match.start() - _LABEL_REACH), match.start()):
            updated = updated or (match.group(), found)
            continue
        return match.group(), found
    return updated


def to_iso(dt: datetime) -> str:
    """ISO 8601 with seconds and offset, e.g. '2020-08-29T10:46:00+06:00'."""
    if dt.utcoffset() is None:
        raise ValueError(f"to_iso needs a timezone-aware datetime, got {dt!r}")
    return dt.isoformat(timespec="seconds")


# --- Internals ------------------------------------------------------------------------------

# A label saying the date after it is a revision's, at most this many characters before it.
_UPDATE_LABEL = re.compile(
    r"(?:আপডেট|হালনাগাদ|সর্বশেষ সংশোধন|updated|last modified|modified)\s*(?:on|at)?\s*[:：ঃ]?\s*$",
    re.IGNORECASE,
)
_LABEL_REACH = 30


def _prepare(text: str) -> str:
    """The text in NFC without invisible characters, as the grammar expects it."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def _parse_iso_8601(text: str, tz: ZoneInfo) -> datetime | None:
    """ISO 8601 / W3C datetime or date, the form of meta tags and JSON-LD."""
    match = _ISO_8601.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int(fraction[:6].ljust(6, "0")) if fraction else 0
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            micro,
            tzinfo=_zone(zone) or tz,
        )
    except ValueError as error:
        raise _NotADate(text) from error


def _parse_rfc_2822(text: str, tz: ZoneInfo) -> datetime | None:
    """RFC 2822 as in RSS pubDate; the zone names email.utils knows are read there too."""
    match = _RFC_2822.fullmatch(text)
    if match is None:
        return None
    fields = parsedate_tz(text)
    if fields is None:
        return None
    zone: tzinfo = tz
    # parsedate_tz reports offset 0 both for a missing zone and for "+0000", so ask the regex.
    if match.group("zone") is not None:
        zone = timezone(timedelta(seconds=fields[9] or 0))
    try:
        return datetime(*fields[:6], tzinfo=zone)
    except ValueError as error:
        raise _NotADate(text) from error


def _convert(
    match: re.Match[str], text: str, fetched_at: datetime | None, tz: ZoneInfo
) -> datetime | None:
    """The datetime a grammar match stands for; None if it needs a fetch time it lacks."""
    if match.group("full") is not None:
        day = _date_of(match)
        clock = _time_of(match, "t2") or _time_of(match, "t1")
        if clock is None:
            return datetime.combine(day, time(), tzinfo=tz)
        hms, zone = clock
        return datetime.combine(day, hms, tzinfo=zone or tz)
    if fetched_at is None:
        return None
    base = _local_base(fetched_at, tz)
    if match.group("ago") is not None:
        return _ago(match.group("ago"), base, tz)
    if match.group("relday") is not None:
        word = match.group("relday_word").lower()
        day = base.date() - timedelta(days=0 if word in ("আজ", "today") else 1)
        clock = _time_of(match, "t3")
        if clock is None:
            # "আজ" is an everyday word; alone it is a date only as a field of its own.
            if not _stands_alone(text, match.start(), match.end()):
                return None
            return datetime.combine(day, time(), tzinfo=tz)
        hms, zone = clock
        return datetime.combine(day, hms, tzinfo=zone or tz)
    return base.replace(microsecond=0)  # এইমাত্র / just now


def _date_of(match: re.Match[str]) -> date:
    """The calendar date of a `full` match, whichever order it was printed in."""
    if match.group("mdy_m") is not None:
        year, month, day = match["mdy_y"], _month_number(match["mdy_m"]), match["mdy_d"]
    elif match.group("dmy_m") is not None:
        year, month, day = match["dmy_y"], _month_number(match["dmy_m"]), match["dmy_d"]
    elif match.group("ydm_y") is not None:
        year, month, day = match["ydm_y"], _month_number(match["ydm_m"]), match["ydm_d"]
    elif match.group("ymd_y") is not None:
        year, month, day = match["ymd_y"], int(match["ymd_m"]), match["ymd_d"]
    else:
        first, second = int(match["num_a"]), int(match["num_b"])
        if first > 12 >= second or first == second:
            day, month = first, second  # 16/12/2025, as Bangladesh writes it
        elif second > 12 >= first:
            month, day = first, second  # 12/16/2025, the US order some WordPress themes use
        else:
            # 06/12/2025 is 6 December in Dhaka and June 12 in a US theme; a wrong date in the
            # archive is worse than a missing one, which JSON-LD or meta tags usually fill. A
            # weekday printed with it (Drupal's "Thu, 12/11/2025") may tell the two apart.
            return _by_weekday(match, int(match["num_y"]), first, second)
        year = match["num_y"]
    try:
        return date(int(year), month, int(day))
    except ValueError as error:
        raise _NotADate(match.group()) from error


def _by_weekday(match: re.Match[str], year: int, first: int, second: int) -> date:
    """The one reading of an ambiguous numeric date that falls on the weekday printed with
    it; the date is rejected if there is no weekday or both readings (or none) fit."""
    named = _WEEKDAY_NAME.search(match.group())
    if named is None:
        raise _NotADate(match.group())
    weekday = _weekday_number(named.group())
    fits = []
    for day, month in ((first, second), (second, first)):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            fits.append(candidate)
    if len(fits) != 1:
        raise _NotADate(match.group())
    return fits[0]


def _weekday_number(name: str) -> int:
    """0 (Monday) to 6 for a weekday matched by _WEEKDAY_NAME."""
    key = name.lower()
    for prefixes, number in _WEEKDAY_PREFIXES:
        if key.startswith(prefixes):
            return number
    raise _NotADate(name)


def _month_number(name: str) -> int:
    """1-12 for a month name matched by _MONTH, in either script and any spelling variant."""
    key = name.lower()
    if key[:3] in _ENGLISH_MONTHS:
        return _ENGLISH_MONTHS[key[:3]]
    for prefix, number in _BENGALI_MONTH_PREFIXES:
        if key.startswith(prefix):
            return number
    raise _NotADate(name)  # unreachable while _MONTH and the prefixes agree


def _time_of(match: re.Match[str], p: str) -> tuple[time, tzinfo | None] | None:
    """The clock time (and explicit zone, if printed) of the time pattern prefixed `p`."""
    hour_text = match.group(f"{p}_h") or match.group(f"{p}_hh")
    if hour_text is None:
        return None
    hour = int(hour_text)
    minute = int(match.group(f"{p}_m") or match.group(f"{p}_hm") or 0)
    second = int(match.group(f"{p}_s") or 0)
    fraction = match.group(f"{p}_f")
    micro = int(fraction[:6].ljust(6, "0")) if fraction else 0
    meridiem = match.group(f"{p}_mer")
    period = match.group(f"{p}_period") or match.group(f"{p}_period_after")
    if meridiem is not None:  # an explicit AM/PM beats a time-of-day word
        hour = _apply_meridiem(hour, meridiem)
    elif period is not None:
        hour = _apply_period(hour, period)
    try:
        return time(hour, minute, second, micro), _zone(match.group(f"{p}_tz"))
    except ValueError as error:
        raise _NotADate(match.group()) from error


def _apply_meridiem(hour: int, meridiem: str) -> int:
    """12-hour clock to 24-hour; an hour already past 12 is left alone (13:00 PM happens)."""
    if hour > 12:
        return hour
    is_pm = meridiem[0] in "pPঅ" or meridiem.startswith("পি")
    if is_pm:
        return hour if hour == 12 else hour + 12
    return 0 if hour == 12 else hour


def _apply_period(hour: int, period: str) -> int:
    """Hour after a time-of-day word (সকাল, দুপুর, বিকাল, সন্ধ্যা, রাত, ভোর) to 24-hour."""
    if hour > 12:
        return hour  # already a 24-hour clock
    if period.startswith("দু"):  # দুপুর, noon: ১২টা stays 12, ১-৪টা are afternoon hours
        return hour + 12 if 1 <= hour <= 4 else hour
    if period.startswith(("বি", "সন")):  # বিকাল/বিকেল, সন্ধ্যা: afternoon and evening
        return hour + 12 if hour < 12 else hour
    if period.startswith("রা"):
        # রাত covers the evening and the small hours: ১২টা is midnight, ১-৫টা before dawn
        # (ভোর takes over around 5), ৬-১১টা the evening.
        if hour == 12:
            return 0
        return hour if hour <= 5 else hour + 12
    return hour  # সকাল, ভোর: morning hours as printed


def _zone(raw: str | None) -> tzinfo | None:
    """A fixed-offset zone for a printed zone ("Z", "+0600", "GMT+6", "BST"), kept as given."""
    if raw is None:
        return None
    name = raw.upper().replace(" ", "")
    if name in ("Z", "UTC", "GMT"):
        return UTC
    if name in ("BST", "BDST"):
        return _BANGLADESH_TIME
    offset = name.removeprefix("UTC").removeprefix("GMT")
    sign = -1 if offset.startswith("-") else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
    try:
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    except ValueError as error:  # beyond ±24 h
        raise _NotADate(raw) from error


def _local_base(fetched_at: datetime, tz: ZoneInfo) -> datetime:
    """The fetch time in the site's zone, where "today" and "yesterday" are counted."""
    if fetched_at.tzinfo is None:
        return fetched_at.replace(tzinfo=tz)
    return fetched_at.astimezone(tz)


_UNIT_PREFIXES = tuple(
    (_nfc(prefix), unit)
    for prefix, unit in [
        ("সে", "seconds"),
        ("মি", "minutes"),
        ("ঘ", "hours"),
        ("দি", "days"),
        ("সপ", "weeks"),
        ("মা", "months"),
        ("ব", "years"),
        ("mo", "months"),
        ("s", "seconds"),
        ("m", "minutes"),
        ("h", "hours"),
        ("d", "days"),
        ("w", "weeks"),
        ("y", "years"),
    ]
)


def _ago(phrase: str, base: datetime, tz: ZoneInfo) -> datetime:
    """A phrase like "২ ঘণ্টা ১৫ মিনিট আগে" or "3 days ago", counted back from the fetch time."""
    amounts = dict.fromkeys(("seconds", "minutes", "hours", "days", "weeks", "months", "years"), 0)
    for part in _AGO_PART.finditer(phrase):
        amount = part["amount"].lower()
        unit_text = part["unit"].lower()
        unit = next(unit for prefix, unit in _UNIT_PREFIXES if unit_text.startswith(prefix))
        amounts[unit] += int(amount) if amount.isdigit() else 1  # "a", "an", "one"
    months = amounts["months"] + 12 * amounts["years"]
    days = amounts["days"] + 7 * amounts["weeks"]
    if not (amounts["seconds"] or amounts["minutes"] or amounts["hours"]):
        # "২ দিন আগে" names a day, not an instant 48 hours before the crawler ran.
        day = _shift_months(base.date(), months) - timedelta(days=days)
        return datetime.combine(day, time(), tzinfo=tz)
    shifted = base.replace(microsecond=0)
    if months:
        shifted = datetime.combine(_shift_months(shifted.date(), months), shifted.timetz())
    delta = timedelta(
        days=days, hours=amounts["hours"], minutes=amounts["minutes"], seconds=amounts["seconds"]
    )
    # Subtract in UTC so that a DST change in default_tz cannot skew the elapsed time.
    return (shifted.astimezone(UTC) - delta).astimezone(tz)


def _shift_months(day: date, months: int) -> date:
    """`day` moved `months` back, clamped to the end of a shorter month (31 Mar -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _stands_alone(text: str, start: int, end: int) -> bool:
    """True if text[start:end] is a field of its own, next to separators or the line's ends."""
    # Walk over the spaces instead of slicing: a line can hold "আজ" hundreds of times.
    before, after = start - 1, end
    while before >= 0 and text[before].isspace():
        before -= 1
    while after < len(text) and text[after].isspace():
        after += 1
    return (before < 0 or text[before] in _FIELD_EDGE) and (
        after == len(text) or text[after] in _FIELD_EDGE
    )


def _parse_with_dateparser(
    text: str, fetched_at: datetime | None, tz: ZoneInfo, default_tz: str
) -> datetime | None:
    """The slow fallback for forms our grammar does not know, with its guesses sanity-checked."""
    base = _local_base(fetched_at, tz) if fetched_at is not None else None
    settings: dict[str, Any] = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": default_tz,
        "PREFER_DAY_OF_MONTH": "first",
        # A news page's date is in the past; "২৯ আগস্ট" without a year is the last one.
        "PREFER_DATES_FROM": "past",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    try:
        parsed = dateparser.parse(text, languages=["bn", "en"], settings=settings)
    except (ValueError, OverflowError):  # dateparser trips over some digit soups
        return None
    if not isinstance(parsed, datetime):
        return None
    if parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=tz)
    latest = (base or datetime.now(UTC)) + _FUTURE_SLACK
    if parsed.year < _EARLIEST_YEAR or parsed > latest:
        return None
    return parsed
