"""Archives for the analysis tests, built from code: hand-made articles plus the fixture site's.

The hand-made ones pin down the search semantics (কাল vs কোলে, ইউক্রেন vs ইউক্রেনের, NFC, English);
`fixtures/content/articles.json` (the fixture site's source) adds real-looking volume.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bishshow_spider.archive import Archive
from bishshow_spider.extract.blocks import sections_text
from bishshow_spider.extract.model import Article, Block, Image, PageFailure, RelatedPost, Section

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "fixtures" / "content" / "articles.json"
SITE = "http://fixture.test"
SEEN = datetime(2024, 6, 1, tzinfo=UTC)


def made(
    slug: str,
    title_bn: str | None,
    title_en: str | None,
    body: list[str],
    *,
    published: str,
    category: str,
    authors: list[str],
    heading: str | None = None,
    bullets: tuple[str, ...] = (),
    summary: str | None = None,
) -> Article:
    """A hand-made article whose body text is its blocks, one per line (as extraction makes it)."""
    sections = [Section(None, [Block("paragraph", p) for p in body])]
    if heading or bullets:
        sections.append(Section(heading, [Block("bullet", b) for b in bullets]))
    title = " | ".join(t for t in (title_bn, title_en) if t)
    return Article(
        url=f"{SITE}/made/{slug}/",
        title=title,
        title_bn=title_bn,
        title_en=title_en,
        summary=summary,
        authors=authors,
        category=category,
        tags=[],
        published_at=published,
        language="bn",
        sections=sections,
        images=[Image(f"{SITE}/img/{slug}.jpg", "ছবি")],
        related=[RelatedPost(f"{SITE}/made/kal/", "কাল বৃষ্টি")],
        # Headings stay out of body_text here on purpose: the index must read them from sections.
        body_text="\n".join(body + list(bullets)),
        word_count=sum(len(p.split()) for p in body),
    )


# The search semantics, one article per case.
MADE = {
    "kal": made(
        "kal", "কাল বৃষ্টি হতে পারে", "Rain likely tomorrow",
        ["আবহাওয়া অফিস বলেছে কাল সারা দেশে বৃষ্টি হবে।"],
        published="2024-05-01T09:00:00+06:00", category="আবহাওয়া", authors=["রহিম উদ্দিন"],
    ),
    "kole": made(
        "kole", "মায়ের কোলে শিশু", None, ["হাসপাতালে মায়ের কোলে নবজাতক ঘুমিয়ে আছে।"],
        published="2024-05-01T20:00:00+06:00", category="জাতীয়", authors=["Karim Ahmed"],
    ),
    "kalo": made(
        "kalo", "কালো মেঘ আর কাল্পনিক গল্প", "Dark clouds and a budget",
        ["আকাশে কালো মেঘ। The budget debate continues in parliament."],
        published="2024-05-02T08:00:00+06:00", category="অর্থনীতি", authors=["Karim Ahmed"],
        heading="নির্বাচনী প্রতিশ্রুতি", bullets=("প্রথম দফা", "দ্বিতীয় দফা"),
    ),
    "ukraine_gen": made(
        "ukraine-gen", "ইউক্রেনের যুদ্ধ তৃতীয় বছরে", "War in Ukraine enters third year",
        ["ইউক্রেনের পূর্বাঞ্চলে লড়াই চলছে।"],
        published="2024-05-04T07:30:00+06:00", category="আন্তর্জাতিক", authors=["আন্তর্জাতিক ডেস্ক"],
    ),
    "ukraine": made(
        "ukraine", "ইউক্রেন সীমান্তে সেনা", None, ["সীমান্তে নতুন সেনা মোতায়েন।"],
        published="2024-05-04T23:30:00+06:00", category="আন্তর্জাতিক", authors=["আন্তর্জাতিক ডেস্ক"],
        summary="Budgets for troops rise.",
    ),
    # Precomposed য় (U+09DF): not NFC. Saved directly, bypassing the normalising pipeline.
    "bijoy": made(
        "bijoy", "বিজ\u09dfের উৎসব", "Victory celebrations",
        ["বিজ\u09df দিবসে স্মৃতিসৌধে শ্রদ্ধা।"],
        published="2024-05-07T10:00:00+06:00", category="জাতীয়", authors=["রহিম উদ্দিন"],
    ),
}  # fmt: skip


def site_articles() -> list[Article]:
    """The fixture site's articles (empty when its content file is not there)."""
    if not CONTENT.exists():
        return []
    articles = []
    for item in json.loads(CONTENT.read_text(encoding="utf-8")):
        sections = [
            Section(s["heading"], [Block(b["kind"], b["text"]) for b in s["blocks"]])
            for s in item["sections"]
        ]
        body = sections_text(sections)
        articles.append(
            Article(
                url=f"{SITE}{item['path']}",
                title=item["title"],
                title_bn=item["title_bn"],
                title_en=item["title_en"],
                summary=item["summary"],
                authors=item["authors"],
                category=item["category"]["name"] if item["category"] else None,
                tags=[t["name"] for t in item["tags"]],
                published_at=item["published"],
                modified_at=item["modified"],
                language=item["language"],
                sections=sections,
                images=[Image(i["src"], i.get("caption")) for i in item["images"]],
                body_text=body,
                word_count=len(body.split()),
            )
        )
    return articles


def build_archive(path: Path, *, site: bool = True) -> Path:
    """An archive of the hand-made articles (and the fixture site's), two crawls, one failure."""
    with Archive(path) as archive:
        first = archive.start_crawl({"spider": "bishshow"})
        archive.save_articles(list(MADE.values()), first, SEEN)
        archive.record_failures([PageFailure(f"{SITE}/gone/", "HTTP 404", 404)], first, SEEN)
        archive.finish_crawl(first, "finished", {})
        if site:
            second = archive.start_crawl({"spider": "bishshow"})
            archive.save_articles(site_articles(), second, SEEN)
            archive.finish_crawl(second, "finished", {})
    return path
