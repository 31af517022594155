"""Body structure: a cleaned content node becomes ordered sections of typed blocks.

Editors paste text, so structure is read from any markup: headings are `h2`–`h6`, bold-only lines
or short emoji-led lines (`🔶 …`); list items are `ul/ol > li` or literal marker lines (`- `,
`• `, `১.`, `2)`, keycaps `১️⃣`); a `<br>` splits a line like a paragraph break does (Blogger
bodies are one `div` of `<br>` lines); `blockquote` gives quotes. Text is NFC and each piece of
text is read exactly once, however deeply the markup nests.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from bishshow_spider.extract.images import is_caption_class, typed_captions
from bishshow_spider.extract.model import Block, BlockKind, Section
from bishshow_spider.extract.nodes import BLOCK_TAGS
from bishshow_spider.extract.related import HEADING_RE as RELATED_LABEL_RE
from bishshow_spider.extract.related import VIEW_ALL_RE
from bishshow_spider.extract.text import AD_LABEL, WordMatcher, normalize_line, normalize_text

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "img", "picture", "video", "audio", "source",
     "svg", "iframe", "object", "embed", "figcaption", "button", "select", "input", "textarea"}
)  # fmt: skip
# Image captions (collected by images.py) and gallery slides are not running text.
_NOT_BODY_CLASS = WordMatcher(("caption", "gallery", "slideshow", "carousel"))
# Inline elements themes print captions in.
_CAPTION_INLINE = frozenset({"span", "small", "em", "i"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BOLD = frozenset({"b", "strong"})

_KEYCAP = re.compile("^(?:[0-9০-৯#*]{1,2}\ufe0f?\u20e3|\U0001f51f)\\s*")
_NUMBERED = re.compile(r"^\(?[0-9০-৯]{1,2}\s?[.)।]\s+")
_BULLET = re.compile(r"^[-•*–●▪◦‣⁃·■□◆◇○]\s+")
# Emoji used as bullets rather than as section markers (🔸 small vs 🔶 large diamond).
_BULLET_EMOJI = re.compile("^[✅✔☑✓➤➢►▶▸👉🔹🔸💠⭕✳✴]\ufe0f?\\s*")
_SENTENCE_END = (".", "।", "!", ",", ";", "…")
_DASHES = ("—", "―", "–")
_MAX_ATTRIBUTION_CHARS = 100
MAX_HEADING_CHARS = 150
MAX_HEADING_WORDS = 20


@dataclass
class _Line:
    parts: list[str] = field(default_factory=list)
    bold: int = 0  # non-space characters inside <b>/<strong>
    plain: int = 0  # non-space characters outside them

    def add(self, text: str, bold: bool) -> None:
        self.parts.append(text)
        weight = len(text) - text.count(" ") - text.count("\n") - text.count("\t")
        if bold:
            self.bold += weight
        else:
            self.plain += weight


@dataclass
class _Walker:
    """Collects (kind, text) pairs in reading order; kind 'heading' or a BlockKind."""

    title: str | None
    captions: set[HtmlElement] = field(default_factory=set)  # typed under pictures: skipped
    out: list[tuple[str, str]] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=lambda: [_Line()])

    # --- inline text --------------------------------------------------------------------
    def text(self, text: str | None, bold: bool) -> None:
        if text:
            self.lines[-1].add(text, bold)

    def newline(self) -> None:
        if self.lines[-1].parts:
            self.lines.append(_Line())

    def flush(self, mode: str | None) -> None:
        """Emit the buffered lines; `mode` forces a kind ('quote', 'bullet', 'numbered',
        'paragraph') and makes them one block."""
        lines, self.lines = self.lines, [_Line()]
        if mode is not None:
            # One list item, quoted paragraph or attribution is one block however its text
            # was broken.
            merged = normalize_line(" ".join("".join(line.parts) for line in lines))
            if merged:
                marked = mode in ("bullet", "numbered")
                self.out.append((mode, _strip_marker(merged) if marked else merged))
            return
        for line in lines:
            text = normalize_line("".join(line.parts))
            if text:
                self.out.append(_classify(text, line))

    # --- elements ------------------------------------------------------------------------
    def inline(self, el: HtmlElement, bold: bool) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            return
        if tag == "br":
            self.newline()
            return
        if tag in _CAPTION_INLINE and _NOT_BODY_CLASS.search(el.get("class") or ""):
            return  # <span class="img-caption"> beside an image
        bold = bold or tag in _BOLD
        if tag in BLOCK_TAGS:  # a block inside an inline element: keep its text, break lines
            self.newline()
        self.text(el.text, bold)
        for child in el:
            self.inline(child, bold)
            self.text(child.tail, bold)
        if tag in BLOCK_TAGS:
            self.newline()

    def container(self, el: HtmlElement, mode: str | None) -> None:
        self.text(el.text, False)
        for child in el:
            tag = child.tag
            if mode == "quote" and _is_attribution(child):
                # Who said it stays in the record, as the paragraph after the quote.
                self.flush(mode)
                self.inline(child, False)
                self.flush("paragraph")
            elif isinstance(tag, str) and tag in BLOCK_TAGS:
                self.flush(mode)
                self.block(child, mode)
            else:
                self.inline(child, False)
            self.text(child.tail, False)
        self.flush(mode)

    def block(self, el: HtmlElement, mode: str | None) -> None:
        tag = el.tag
        if tag in _SKIP or tag == "hr" or _NOT_BODY_CLASS.search(el.get("class") or ""):
            return
        if el in self.captions:  # typed under a picture: collected with it by images.py
            return
        if "cap" in (cls := el.get("class") or "") and is_caption_class(cls):
            return
        if tag in _HEADINGS:
            self.heading(el)
        elif tag in ("ul", "ol"):
            kind = "numbered" if tag == "ol" else "bullet"
            for child in el:
                if child.tag == "li":
                    self.container(child, "quote" if mode == "quote" else kind)
                elif isinstance(child.tag, str):
                    self.block(child, mode)
        elif tag == "blockquote":
            self.container(el, "quote")
        else:
            self.container(el, mode)

    def heading(self, el: HtmlElement) -> None:
        text = normalize_line(el.text_content())
        if not text:
            return
        if el.tag == "h1" and (self.title is None or _same_text(text, self.title)):
            return  # the article title, shown again inside the body
        if len(text) > MAX_HEADING_CHARS * 2:  # a paragraph styled as a heading
            self.out.append(("paragraph", text))
        else:
            self.out.append(("heading", text))


def _same_text(a: str, b: str) -> bool:
    a, b = a.casefold(), normalize_line(b).casefold()
    return a == b or a in {part.strip() for part in b.split("|")}


def _strip_marker(text: str) -> str:
    for pattern in (_KEYCAP, _NUMBERED, _BULLET):
        stripped = pattern.sub("", text, count=1)
        if stripped != text:
            return stripped.strip() or text
    return text


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (0x1F000 <= code <= 0x1FAFF) or (code >= 0x2300 and unicodedata.category(ch) == "So")


def _looks_like_heading(text: str) -> bool:
    return (
        len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= MAX_HEADING_WORDS
        and not text.endswith(_SENTENCE_END)
    )


def _is_attribution(el: HtmlElement) -> bool:
    """Who a quote is by: its `<cite>` or `<footer>` (alone or as all of a paragraph), an
    element classed a citation or attribution, or a short line opening with a dash."""
    if el.tag in ("cite", "footer"):
        return True
    if not isinstance(el.tag, str):
        return False
    cls = el.get("class") or ""
    if "citation" in cls or "attribution" in cls:
        return True
    text = el.text_content().strip()
    if text[:1] in _DASHES and len(text) <= _MAX_ATTRIBUTION_CHARS:
        return True
    return (
        el.tag == "p"
        and len(el) == 1
        and el[0].tag == "cite"
        and not (el.text or "").strip()
        and not (el[0].tail or "").strip()
    )


def _classify(text: str, line: _Line) -> tuple[str, str]:
    for pattern, kind in ((_KEYCAP, "numbered"), (_NUMBERED, "numbered"), (_BULLET, "bullet")):
        match = pattern.match(text)
        if match and len(text) > match.end():
            return kind, text[match.end() :].strip()
    if _BULLET_EMOJI.match(text):
        return "bullet", _BULLET_EMOJI.sub("", text, count=1).strip() or text
    if line.bold and not line.plain and _looks_like_heading(text):
        return "heading", text
    if _is_emoji(text[0]) and _looks_like_heading(text):
        return "heading", text  # "🔶 …" section markers are kept exactly as published
    return "paragraph", text


def _is_label(text: str) -> bool:
    """ "Related Posts", "View All", "আরও পড়ুন", "বিজ্ঞাপন": navigation and ad labels, never body."""
    return len(text) < 60 and bool(
        RELATED_LABEL_RE.match(text) or VIEW_ALL_RE.match(text) or AD_LABEL.match(text)
    )


_HAS_WORD = re.compile(r"[^\W_]")  # a letter or digit: "--" and "***" are not text


def extract_sections(
    node: HtmlElement, *, title: str | None = None, standfirst: str | None = None
) -> list[Section]:
    """Sections of a (cleaned) content node, lead paragraphs first under a None heading; a
    leading heading that repeats the title or the `standfirst` (the subtitle) is left out."""
    walker = _Walker(title=title, captions=typed_captions(node))
    walker.block(node, None)
    return _assemble(walker.out, title, standfirst)


def _assemble(
    pieces: list[tuple[str, str]], title: str | None, standfirst: str | None = None
) -> list[Section]:
    sections: list[Section] = []
    previous = ""
    for kind, text in pieces:
        if text == previous or _is_label(text) or not _HAS_WORD.search(text):
            continue  # duplicates (desktop/mobile), labels of an unknown theme, "--" and "***"
        previous = text
        if kind == "heading":
            if title is not None and _same_text(text, title):
                continue
            if not sections and standfirst is not None and _same_text(text, standfirst):
                continue
            sections.append(Section(heading=text))
            continue
        if not sections:
            sections.append(Section(heading=None))
        block_kind: BlockKind = kind  # type: ignore[assignment]
        sections[-1].blocks.append(Block(kind=block_kind, text=text))
    return sections


def sections_from_text(text: str, *, title: str | None = None) -> list[Section]:
    """Sections of a plain-text body (JSON-LD `articleBody`): one line, one block."""
    walker = _Walker(title=title)
    for line in normalize_text(text).split("\n"):
        walker.text(line, False)
        walker.newline()
    walker.flush(None)
    return _assemble(walker.out, title)


def sections_text(sections: list[Section]) -> str:
    """The body as plain text: headings and blocks, one per line."""
    lines: list[str] = []
    for section in sections:
        if section.heading:
            lines.append(section.heading)
        lines.extend(block.text for block in section.blocks)
    return "\n".join(lines)
