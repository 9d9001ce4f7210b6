"""What a reader gives: the text as read, which reader made it, and what the file itself says."""
from __future__ import annotations

from dataclasses import dataclass

#: A heading the file marks as such (a Word heading style): (offset into ``text``, level 1..9).
Heading = tuple[int, int]


@dataclass(frozen=True)
class Document:
    """One speech's text as read from a file; every offset speechkit gives indexes ``text``.

    ``format`` names the reader (``text``, ``docx``, ``html``, ``pdf``, ``jsonl``);
    ``encoding`` the encoding of a text file (``utf-8``, ``gb18030``, ``big5`` …) or the format's
    own; ``headings`` the headings the file marks by style, for the outline; ``title`` and
    ``date`` what the file states apart from the text (``<title>``, a JSON Lines field).
    """

    source: str
    text: str
    encoding: str
    format: str = "text"
    warnings: tuple[str, ...] = ()
    headings: tuple[Heading, ...] = ()
    title: str | None = None
    date: str | None = None
