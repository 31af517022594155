"""Typed results of extraction: what an article page becomes.

Plain dataclasses with no behaviour beyond (de)serialisation, so the spider, the CLI, the archive
and the tests all share one definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["paragraph", "bullet", "numbered", "quote"]
LIST_KINDS: tuple[BlockKind, ...] = ("bullet", "numbered")


@dataclass(frozen=True)
class Block:
    """One unit of body text in reading order; list markers are stripped from `text`."""

    kind: BlockKind
    text: str


@dataclass
class Section:
    """A heading (None for the lead before the first heading) and the blocks under it."""

    heading: str | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """Prose of the section (paragraphs and quotes), in order."""
        return [b.text for b in self.blocks if b.kind not in LIST_KINDS]

    @property
    def list_items(self) -> list[Block]:
        """Bullet and numbered items of the section, in order."""
        return [b for b in self.blocks if b.kind in LIST_KINDS]


@dataclass(frozen=True)
class RelatedPost:
    url: str
    title: str
    excerpt: str | None = None


@dataclass(frozen=True)
class Image:
    src: str
    caption: str | None = None


@dataclass
class Article:
    """An extracted news article. Dates are ISO 8601 strings with a UTC offset."""

    url: str
    canonical_url: str | None = None
    title: str | None = None
    title_bn: str | None = None
    title_en: str | None = None
    summary: str | None = None
    authors: list[str] = field(default_factory=list)
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    published_at: str | None = None
    published_raw: str | None = None
    modified_at: str | None = None
    modified_raw: str | None = None
    language: str | None = None
    sections: list[Section] = field(default_factory=list)
    related: list[RelatedPost] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    body_text: str = ""
    word_count: int = 0
    # Which extraction layer supplied each field ("jsonld", "meta", "microdata", "theme", ...).
    sources: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the same field names as the dataclass: what `asdict` gives,
        built from the known structure (its generic deep copy cost more than saving an article).
        """
        data = dict(vars(self))
        data["authors"], data["tags"] = list(self.authors), list(self.tags)
        data["sources"] = dict(self.sources)
        data["sections"] = [
            {"heading": s.heading, "blocks": [{"kind": b.kind, "text": b.text} for b in s.blocks]}
            for s in self.sections
        ]
        data["related"] = [
            {"url": r.url, "title": r.title, "excerpt": r.excerpt} for r in self.related
        ]
        data["images"] = [{"src": i.src, "caption": i.caption} for i in self.images]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of `to_dict` (used by golden tests and re-parsing)."""
        data = dict(data)
        data["sections"] = [
            Section(s["heading"], [Block(**b) for b in s["blocks"]])
            for s in data.get("sections", [])
        ]
        data["related"] = [RelatedPost(**r) for r in data.get("related", [])]
        data["images"] = [Image(**i) for i in data.get("images", [])]
        return cls(**data)


@dataclass(frozen=True)
class PageFailure:
    """A page that could not be fetched or turned into an article, with a human-readable reason."""

    url: str
    reason: str
    status: int | None = None
