"""A guide file as text: read in whatever encoding a school saved it, in simplified characters, split into sentences.

Any school's guide: a 第N步 list, 1、 and （1） notes, 问/答 pairs, or one paragraph of steps joined by —— or →.
A sentence never spans lines; it ends at 。！？ and before a step marker or a separator between steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

# A numeral that opens a section: 一、 二、 …
SECTION_NUMERAL = "[一二三四五六七八九十]+、"
# An entry of a 目录: a section's numeral and title, dots, and "- page -".
TOC_ENTRY = re.compile(rf"({SECTION_NUMERAL}\S+?)\s*\.{{3,}}\s*-\s*(\d+)\s*-")
# A guide is a few pages: longer text is no guide (and would take hours to play).
LONGEST = 100_000
# What opens files that are no text: Word 97 (OLE2), zip (docx, xlsx), PDF, images.
_NOT_TEXT = (b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")

_SEPARATORS = re.compile(r"——+>?|—>|-{2,}>?|→|->|＞|=>")
_MARKER = re.compile(
    r"(?=第[一二三四五六七八九十\d]+步)"
    r"|(?<![\d.])(?=\d{1,2}、)"
    r"|(?=[（(]\d{1,2}[）)])"
    r"|(?=[①②③④⑤⑥⑦⑧⑨⑩])"
    r"|(?=[问答][：:])"
)
_END = re.compile(r"(?<=[。！？!?])(?![”’」』）)】])|(?<=[。！？!?][”’」』）)】])")
_HEADING = re.compile(rf"^{SECTION_NUMERAL}[^。！？!?，,]{{1,30}}$")


# A guide copied from a web page with its markup: the tags a school's news page is made of.
_WEB_PAGE = re.compile(r"<(?:html|body|div|p|span|br|h[1-6]|script|style|a|li|table|td|font|strong)\b[^>]*>", re.I)
# Tags that end a line of text, and tags whose content is no text a reader sees.
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "title"}
_HIDDEN = {"script", "style", "head", "noscript"}


class _PageText(HTMLParser):
    """The words a reader sees on a web page, a line per block, entities (&ldquo;) turned into characters."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in _HIDDEN
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(markup: str) -> str:
    """A guide pasted from a web page, as the page reads: tags and scripts gone, one line per paragraph."""
    parser = _PageText()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


class GuideFileError(ValueError):
    """A file that is no guide to read; the message says why, in Chinese, and what to do."""


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM) or GB18030, as Chinese Windows saves it."""
    if not data.strip():
        raise GuideFileError("文件是空的：请选择写有操作指南的纯文本文件（.txt）。")
    if data.startswith(_NOT_TEXT) or b"\0" in data[:4096]:
        raise GuideFileError(
            "这不是纯文本文件（像是 Word、PDF 或图片）：请在 Word 中“另存为”纯文本（.txt），再运行一次。"
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(text) > LONGEST:
            raise GuideFileError(f"文件有 {len(text)} 个字，超过 {LONGEST} 字，不像一份操作指南：请只保留指南本身。")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return page_text(text) if _WEB_PAGE.search(text) else text
    raise GuideFileError("无法识别文件的编码（不是 UTF-8，也不是 GB18030/GBK）：请用记事本另存为 UTF-8 后再试。")


@cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text in simplified characters (a guide written in traditional ones reads the same afterwards)."""
    return str(_converter().convert(text))  # type: ignore[attr-defined]


def _split_line(line: str) -> list[str]:
    sentences = []
    for piece in _SEPARATORS.split(line):
        for part in _MARKER.split(piece):
            sentences += [s.strip() for s in _END.split(part) if s.strip()]
    return sentences


@dataclass(frozen=True)
class Block:
    """A section of a guide file: its heading (if it has one) and its sentences."""

    title: str
    sentences: tuple[str, ...]


def blocks(text: str) -> list[Block]:
    """The guide's sections (a line 一、… opens one) and their sentences, in reading order."""
    found: list[Block] = []
    title, sentences = "", list[str]()
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _HEADING.match(line):
            if title or sentences:
                found.append(Block(title, tuple(sentences)))
            title, sentences = line, []
            continue
        sentences += _split_line(line)
    if title or sentences:
        found.append(Block(title, tuple(sentences)))
    return found
