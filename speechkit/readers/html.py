"""Web pages through selectolax (lexbor): the article's text, its ``<title>``, no page furniture.

Block elements (``p``, ``div``, ``li``, ``br``, headings, table rows) end lines; inline ones
(``b``, ``span``, ``a``, ``font``) never split a sentence. Whitespace collapses as a browser
collapses it, and a source line break between two Chinese characters leaves no space.
Scripts, styles, navigation, headers, footers and forms are dropped; when the page marks its
article (``article``, ``main``, or a content class such as ``TRS_Editor``), only that is read.
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from .document import Document
from .text import decode

_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
         "iframe", "svg", "button", "select", "textarea", "object", "head")
_BLOCK = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "blockquote", "pre", "dd", "dt", "dl", "hr", "center", "main")
_CELL = ("td", "th")
_CONTENT = ("article", "main", "[class*=TRS_Editor]", "#zoom", ".article-content",
            ".article_content", "#content", ".content")
_FURNITURE = re.compile(r"(?:^|[\s_-])(?:nav|menu|breadcrumb|share|footer|sidebar|copyright)"
                        r"(?:$|[\s_-])", re.IGNORECASE)
_LINE, _TAB = "\x1e", "\x1f"  # block and cell ends, before whitespace collapses
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
#: A line break of the page's source next to a Chinese character leaves no space.
_SOURCE_BREAK = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")
_IS_CJK = re.compile(rf"[{_CJK}]")


def read_html(data: bytes, source: str) -> Document:
    from selectolax.lexbor import LexborHTMLParser

    raw = _decode(data, source)
    tree = LexborHTMLParser(raw.text)
    title_node = tree.css_first("title")
    title = _collapse(title_node.text()) if title_node is not None else None
    root = _content(tree)
    if root is None:
        raise InputError(source, "the web page has no body text")
    for tag in _DROP:
        for node in root.css(tag):
            node.decompose()
    for node in root.css("[class], [id]"):
        if _FURNITURE.search(f"{node.attributes.get('class') or ''} "
                             f"{node.attributes.get('id') or ''}"):
            node.decompose()
    for tag in _BLOCK:
        for node in root.css(tag):
            node.insert_after(_LINE)
            if tag != "br":
                node.insert_before(_LINE)
    for tag in _CELL:
        for node in root.css(tag):
            node.insert_after(_TAB)
    text = _layout(root.text(separator=""))
    if not text.strip():
        raise InputError(source, "the web page has no body text")
    return Document(source, text, raw.encoding, "html", raw.warnings, title=title or None)


def _decode(data: bytes, source: str) -> Document:
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return Document(source, data.decode(declared.group(1).decode("ascii")), "html")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, source)


def _content(tree: Any) -> Any:
    for selector in _CONTENT:
        node = tree.css_first(selector)
        if node is not None and len(node.text(strip=True)) >= 20:
            return node
    return tree.body


def _collapse(text: str) -> str:
    text = _SOURCE_BREAK.sub(_source_break, text)
    return re.sub(r"[ \t\r\n\f]+", " ", text).strip()


def _source_break(m: re.Match[str]) -> str:
    around = m.string[m.start() - 1:m.start()] + m.string[m.end():m.end() + 1]
    return "" if _IS_CJK.search(around) else " "


def _layout(text: str) -> str:
    """Collapse whitespace, then turn the block marks into lines and the cell marks into tabs."""
    text = _collapse(text)
    text = re.sub(rf" ?{_TAB} ?", "\t", text)
    lines = (line.strip(" \t") for line in re.split(rf"(?: ?{_LINE} ?)+", text))
    return "\n".join(line for line in lines if line)
