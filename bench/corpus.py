"""Seeded generation of many realistic articles from the fixture content, as `Post`s or `Article`s.

The 14 fixture articles (fixtures/content/articles.json) are cut into sentences, headings, list
items, captions and tags; every generated article recombines them with a seeded RNG. Real news
has a long tail of names no other article uses, and the 14 articles alone have a few thousand
words, which would give the FTS index short, unrealistic term lists: so about one sentence in
three has a word replaced by a made-up Bengali name drawn from a Zipf-like distribution.

`make_posts` feeds the theme renderers (bench/sitegen.py); `post_to_article` gives the storage
benchmarks the `Article` the extractor would have produced, without rendering or parsing.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache
from itertools import accumulate
from urllib.parse import quote

from bishshow_spider.extract import model
from fixtures.catalog import CONTENT_PATH, Block, Picture, Post, Section, Term
from fixtures.site_config import AUTHOR_SLUGS, CATEGORIES, SITE_ORIGIN
from fixtures.themes.common import bn_number

DHAKA = timezone(timedelta(hours=6))
FIRST_ID = 100_000
# Themes of the generated site and their shares (the fixture site's two, plus GeneratePress).
THEME_WEIGHTS = {"wp_block": 0.55, "tagdiv": 0.30, "generatepress": 0.15}
MARKUPS = [  # (bullet, numbered) as the fixture articles write their lists
    ("ul", "ol"),
    ("ul", "ol"),
    ("•", "ol"),
    ("-", "ol"),
    ("ul", "{n}."),
    ("ul", "{bn}."),
    ("•", "{bn}."),
]
MONTHS_BN = [
    "জানুয়ারি",
    "ফেব্রুয়ারি",
    "মার্চ",
    "এপ্রিল",
    "মে",
    "জুন",
    "জুলাই",
    "আগস্ট",
    "সেপ্টেম্বর",
    "অক্টোবর",
    "নভেম্বর",
    "ডিসেম্বর",
]
WEEKDAYS_BN = ["সোমবার", "মঙ্গলবার", "বুধবার", "বৃহস্পতিবার", "শুক্রবার", "শনিবার", "রবিবার"]
CONSONANTS = "কখগঘচছজঝটঠডঢতথদধনপফবভমযরলশষসহ"
VOWEL_SIGNS = ["", "া", "ি", "ী", "ু", "ূ", "ে", "ো", "ৈ"]
NAME_POOL = 20_000
_SENTENCE_END = re.compile(r"(?<=[।?!])\s+|(?<=\.)\s+(?=[A-Z])")


@dataclass(frozen=True)
class Pool:
    """Pieces of the fixture articles to recombine, split by language where it matters."""

    bn_sentences: list[str]
    en_sentences: list[str]
    bn_titles: list[str]
    en_titles: list[str]
    headings: list[str]
    list_items: list[str]
    quotes: list[str]
    captions: list[str]
    tags: list[Term]


def _is_bengali(text: str) -> bool:
    return sum("\u0980" <= c <= "\u09ff" for c in text) > len(text) / 4


@cache
def load_pool() -> Pool:
    """The fixture content cut into recombinable pieces (read once per process)."""
    data = json.loads(CONTENT_PATH.read_text("utf-8"))
    paragraphs, headings, items, quotes = [], [], [], []
    for article in data:
        for section in article["sections"]:
            if section["heading"]:
                headings.append(section["heading"])
            for block in section["blocks"]:
                kind, text = block["kind"], block["text"]
                if kind == "paragraph":
                    paragraphs.append(text)
                elif kind == "quote":
                    quotes.append(text)
                else:
                    items.append(text)
    sentences = [s for p in paragraphs for s in _SENTENCE_END.split(p) if len(s) > 20]
    tags = {t["slug"]: Term(t["name"], t["slug"]) for a in data for t in a["tags"]}
    return Pool(
        bn_sentences=[s for s in sentences if _is_bengali(s)],
        en_sentences=[s for s in sentences if not _is_bengali(s)],
        bn_titles=[a["title_bn"] for a in data if a["title_bn"]],
        en_titles=[a["title_en"] for a in data if a["title_en"]],
        headings=headings,
        list_items=items,
        quotes=quotes,
        captions=[i["caption"] for a in data for i in a["images"] if i["caption"]],
        tags=list(tags.values()),
    )


class Writer:
    """Draws text from the pool with its own seeded RNG."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pool = load_pool()
        names = random.Random(seed ^ 0x5EED)
        self.names = [self._name(names) for _ in range(NAME_POOL)]
        # Zipf-like (cumulative weights, for speed): a few names recur and most are rare.
        self.name_weights = list(accumulate(1 / (k + 1) for k in range(NAME_POOL)))

    @staticmethod
    def _name(rng: random.Random) -> str:
        return "".join(
            rng.choice(CONSONANTS) + rng.choice(VOWEL_SIGNS) for _ in range(rng.randint(2, 4))
        )

    def rare_name(self) -> str:
        """A made-up name; the k-th of the pool comes with weight 1/k."""
        return self.rng.choices(self.names, cum_weights=self.name_weights)[0]

    def sentence(self, english: bool = False) -> str:
        """One sentence; a third of Bengali ones get a rare name in place of a word."""
        pool = self.pool.en_sentences if english else self.pool.bn_sentences
        text = self.rng.choice(pool)
        if english or self.rng.random() > 0.33:
            return text
        words = text.split()
        name = self.rare_name()
        words[self.rng.randrange(len(words))] = name
        return " ".join(words)

    def paragraph(self, english: bool = False) -> str:
        return " ".join(self.sentence(english) for _ in range(self.rng.randint(2, 4)))

    def title_bn(self) -> str:
        base = self.rng.choice(self.pool.bn_titles).split()
        cut = self.rng.randint(max(3, len(base) // 2), len(base))
        return " ".join([*base[:cut], self.rare_name()])

    def sections(self, english: bool) -> tuple[Section, ...]:
        """A lead of 1-3 paragraphs, then 1-5 headed sections with prose, quotes and lists."""
        rng = self.rng
        lead = tuple(Block("paragraph", self.paragraph(english)) for _ in range(rng.randint(1, 3)))
        out = [Section(None, lead)]
        for _ in range(rng.randint(1, 5)):
            blocks = [Block("paragraph", self.paragraph(english))]
            roll = rng.random()
            if roll < 0.25:
                blocks += [Block("bullet", rng.choice(self.pool.list_items)) for _ in range(3)]
            elif roll < 0.40:
                blocks += [Block("numbered", rng.choice(self.pool.list_items)) for _ in range(3)]
            elif roll < 0.50 and not english:
                blocks.append(Block("quote", rng.choice(self.pool.quotes)))
            blocks += [
                Block("paragraph", self.paragraph(english)) for _ in range(rng.randint(0, 2))
            ]
            heading = rng.choice(self.pool.en_titles if english else self.pool.headings)
            out.append(Section(heading, tuple(blocks)))
        return tuple(out)


def visible_date(dt: datetime, rng: random.Random) -> str:
    """The publication time as Bengali themes print it, in one of the fixture site's forms."""
    day, month, year = bn_number(dt.day), MONTHS_BN[dt.month - 1], bn_number(dt.year)
    hour12 = dt.hour % 12 or 12
    minute = bn_number(dt.minute).rjust(2, "০")
    am = dt.hour < 12
    forms = [
        f"{day} {month}, {year}, {bn_number(hour12)}:{minute} {'এএম' if am else 'পিএম'}",
        f"{WEEKDAYS_BN[dt.weekday()]}, {month} {day.rjust(2, '০')}, {year} | "
        f"{bn_number(hour12).rjust(2, '০')}:{minute} {'পূর্বাহ্ণ' if am else 'অপরাহ্ণ'}",
        f"প্রকাশিত: {bn_number(dt.hour).rjust(2, '০')}:{minute}, {day} {month} {year}",
        f"{day} {month} {year}",
    ]
    return rng.choice(forms)


def _slug(post_id: int, title: str, rng: random.Random) -> str:
    """Half ASCII, half percent-encoded Bengali like WordPress (lowercase hex)."""
    if rng.random() < 0.5:
        return f"news-{post_id}"
    words = "-".join(w for w in title.split()[:5] if w.isalnum() or _is_bengali(w))
    return quote(f"{words}-{post_id}", safe="-").lower()


def make_posts(count: int, seed: int = 1, first_id: int = FIRST_ID) -> list[Post]:
    """`count` generated posts, newest first, each with three related posts of its category."""
    writer = Writer(seed)
    rng = writer.rng
    themes, weights = zip(*THEME_WEIGHTS.items(), strict=True)
    start = datetime(2019, 1, 1, tzinfo=DHAKA)
    span = int((datetime(2026, 1, 31, tzinfo=DHAKA) - start).total_seconds())
    categories = list(CATEGORIES.items())
    drafts = []
    for n in range(count):
        post_id = first_id + n
        english = rng.random() < 0.1
        published = start + timedelta(seconds=rng.randrange(span) // 60 * 60)
        modified = published + timedelta(hours=rng.randint(1, 48)) if rng.random() < 0.3 else None
        title_bn = None if english else writer.title_bn()
        title_en = rng.choice(writer.pool.en_titles) if english or rng.random() < 0.5 else None
        title = " | ".join(t for t in (title_bn, title_en) if t)
        slug = _slug(post_id, title, rng)
        category = rng.choice(categories)
        bullet, numbered = rng.choice(MARKUPS)
        folder = f"{SITE_ORIGIN}/wp-content/uploads/{published:%Y/%m}"
        images = tuple(
            Picture(f"{folder}/bench-{post_id}-{k}.jpg", rng.choice(writer.pool.captions))
            for k in range(rng.choice((0, 1, 1, 1, 2, 3)))
        )
        drafts.append(
            {
                "id": post_id,
                "slug": slug,
                "path": f"/{published:%Y/%m}/{slug}/",
                "title": title,
                "title_bn": title_bn,
                "title_en": title_en,
                "language": "en" if english else "bn",
                "summary": writer.sentence(english),
                "authors": tuple(rng.sample(list(AUTHOR_SLUGS), rng.choice((1, 1, 1, 2)))),
                "category": Term(category[1], category[0]),
                "tags": tuple(rng.sample(writer.pool.tags, rng.randint(1, 4))),
                "published": published.isoformat(),
                "modified": modified.isoformat() if modified else None,
                "visible_date": visible_date(published, rng),
                "theme": rng.choices(themes, weights)[0],
                "listed": rng.random() > 0.05,  # the rest only reachable as related posts
                "date_meta": rng.random() < 0.8,
                "bullet": bullet,
                "numbered": numbered,
                "images": images,
                "sections": writer.sections(english),
            }
        )
    by_category: dict[str, list[int]] = {}
    for draft in drafts:
        by_category.setdefault(draft["category"].slug, []).append(draft["id"])
    posts = []
    for draft in drafts:
        peers = by_category[draft["category"].slug]
        related = tuple(p for p in rng.sample(peers, min(4, len(peers))) if p != draft["id"])[:3]
        posts.append(Post(**draft, related=related))
    return sorted(posts, key=lambda p: p.published_dt, reverse=True)


def iter_articles(count: int, seed: int = 1, chunk: int = 5_000) -> Iterator[model.Article]:
    """`count` generated articles, made `chunk` at a time so memory stays flat at any count."""
    for start in range(0, count, chunk):
        posts = make_posts(min(chunk, count - start), seed + start, FIRST_ID + start)
        by_id = {p.id: p for p in posts}
        for post in posts:
            yield post_to_article(post, by_id)


def post_to_article(post: Post, by_id: dict[int, Post]) -> model.Article:
    """The `Article` a perfect extraction of `post`'s page would give (for storage benches)."""
    sections = [
        model.Section(s.heading, [model.Block(b.kind, b.text) for b in s.blocks])  # type: ignore[arg-type]
        for s in post.sections
    ]
    body = "\n\n".join(b.text for s in sections for b in s.blocks)
    return model.Article(
        url=post.url,
        canonical_url=post.url,
        title=post.title,
        title_bn=post.title_bn,
        title_en=post.title_en,
        summary=post.summary,
        authors=list(post.authors),
        category=post.category.name,
        tags=[t.name for t in post.tags],
        published_at=post.published,
        published_raw=post.visible_date,
        modified_at=post.modified,
        language=post.language,
        sections=sections,
        related=[
            model.RelatedPost(by_id[r].url, by_id[r].title, by_id[r].summary[:303])
            for r in post.related
        ],
        images=[model.Image(i.src, i.caption) for i in post.images],
        body_text=body,
        word_count=len(body.split()),
        sources={"title": "jsonld", "body": "theme", "published_at": "jsonld"},
    )
