"""Word (.docx) through python-docx: paragraphs in document order, a table's row on one line.

A table row is written as its cells separated by tabs (merged cells once), so a 任务分工表 in
Word reads as the tab-separated table the outline recognises. Paragraphs whose style is a
heading (``Heading 2``, ``标题 2``, or an outline level) are listed in ``Document.headings``
as ``(offset, level)``; a ``Title`` paragraph gives ``Document.title``.
"""
from __future__ import annotations

import io
import re
from typing import Any

from ..errors import InputError
from .document import Document, Heading

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(data: bytes, source: str) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(source, "reading Word files needs python-docx: pip install python-docx"
                         ) from None
    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise InputError(source, f"not a readable Word (.docx) file ({e})") from None
    except Exception as e:  # noqa: BLE001 - a damaged zip or XML inside it
        raise InputError(source, f"not a readable Word (.docx) file ({type(e).__name__})") from None
    lines: list[str] = []
    headings: list[Heading] = []
    title: list[str] = []
    offset = 0
    for kind, block in _blocks(doc.element.body, doc):
        if kind == "p":
            text = block.text
            level = _level(block)
            if level == 0 and text.strip() and not title:
                title.append(text.strip())
            elif level and text.strip():
                headings.append((offset, level))
        else:
            text = "\n".join(_row(row) for row in block.rows)
        lines.append(text)
        offset += len(text) + 1
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(source, "the Word file has no text")
    return Document(source, text, "docx", "docx", headings=tuple(headings),
                    title=title[0] if title else None)


def _blocks(parent: Any, doc: Any) -> list[tuple[str, Any]]:
    """Paragraphs and tables in document order; content controls opened."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[tuple[str, Any]] = []
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            out.append(("p", Paragraph(child, doc)))
        elif child.tag == qn("w:tbl"):
            out.append(("t", Table(child, doc)))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                out.extend(_blocks(content, doc))
    return out


def _row(row: Any) -> str:
    """A table row's cells, tab-separated; a cell merged across columns counted once."""
    cells: list[str] = []
    seen: list[Any] = []
    for cell in row.cells:
        if any(cell._tc is s for s in seen):
            continue
        seen.append(cell._tc)
        text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
        cells.append(text.replace("\t", " "))
    return "\t".join(cells)


def _level(paragraph: Any) -> int | None:
    """1..9 for a heading, 0 for the document's title, None for body text."""
    own = _outline_level(paragraph._p)
    if own is not None:
        return own
    style = paragraph.style
    while style is not None:
        name = style.name or ""
        if name.lower() == "title" or name == "标题":
            return 0
        m = _HEADING_STYLE.match(name)
        if m:
            return int(m.group(1))
        level = _outline_level(style.element)
        if level is not None:
            return level
        style = style.base_style
    return None


def _outline_level(element: Any) -> int | None:
    from docx.oxml.ns import qn

    ppr = element.find(qn("w:pPr"))
    lvl = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if lvl is None:
        return None
    value = int(lvl.get(qn("w:val"), "9"))
    return value + 1 if value < 9 else None  # 9 is "body text"
