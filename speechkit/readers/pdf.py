"""PDF through pypdf's text layer; a scanned PDF (images, no text) is a clear error.

Lines that a page broke at its right margin in the middle of a sentence are joined again,
so a paragraph is one line as in a text file: a line is a wrap when it is about as long as
the page's longest lines and does not end a sentence.
"""
from __future__ import annotations

import io
import re
import unicodedata
from functools import cache

from ..errors import InputError
from .document import Document

#: A page with fewer readable characters than this has no text layer worth the name.
MIN_CHARS_PER_PAGE = 10
_ENDS = tuple("。！？；：!?;:”’）)】》")
_LATIN = re.compile(r"[A-Za-z]{2}")  # an English word wrapped: the space the wrap replaced


def read_pdf(data: bytes, source: str) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(source, "the PDF is encrypted: save an unprotected copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise InputError(source, f"not a readable PDF ({e})") from None
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise InputError(source, f"not a readable PDF ({type(e).__name__}: {e})") from None
    chars = sum(len(p.strip()) for p in pages)
    if chars < MIN_CHARS_PER_PAGE * max(1, len(pages)) // 2:
        raise InputError(source, f"the PDF has no text layer ({len(pages)} page(s), "
                                 f"{chars} characters): a scanned document needs OCR first")
    text = "\n".join(_unwrap(p) for p in pages if p.strip())
    return Document(source, text, "pdf", "pdf")


def _unwrap(page: str) -> str:
    lines = [line.rstrip() for line in page.splitlines() if line.strip()]
    full = sorted((len(line) for line in lines), reverse=True)
    if not full:
        return ""
    width = full[min(len(full) - 1, len(full) // 10)]  # a long line, not an outlier
    out: list[str] = []
    last = ""  # the previous line as the page printed it
    for line in lines:
        if out and _wraps(last, line, width):
            glue = " " if _LATIN.match(last[-1:] + line[:1]) else ""
            out[-1] += glue + line
        else:
            out.append(line)
        last = line
    return "\n".join(out)


def _wraps(line: str, following: str, width: int) -> bool:
    """A line the margin broke: as long as the page's lines, and the next one no new paragraph
    (indented) and no heading after a finished sentence."""
    if width < 20 or len(line) < width - 2 or following[:1].isspace():
        return False
    return not (line.endswith(_ENDS) and _opens_section(following))


@cache
def _markers() -> tuple[re.Pattern[str], ...]:
    from ..lexicon import table

    return tuple(re.compile(row[1]) for row in table("outline.tsv", 3))


def _opens_section(line: str) -> bool:
    """The line starts with an outline marker (``二、`` ``（三）`` ``一是``), as the outline sees it."""
    head = unicodedata.normalize("NFKC", line[:12])
    return any(p.match(head) for p in _markers())
