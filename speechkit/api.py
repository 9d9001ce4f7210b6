"""The library API: text or files in, :class:`~speechkit.records.Speech` out.

:func:`extract` takes the text of one speech, :func:`extract_file` a path, and
:func:`extract_many` streams many inputs, one :class:`Result` each, in input order. Nothing is
loaded at import; the first call loads the lexicons (and any model) once for the process.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InputError, SpeechkitError
from .records import Speech
from .speechdate import parse_date

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future

    from .readers import Document

#: What :func:`extract_many` takes: a ``Path`` (or other ``os.PathLike``) is a file to read,
#: a ``str`` is the text of a speech, ``bytes`` are a file's contents (decoded as files are).
Input = str | bytes | os.PathLike[str]
Lexicons = Iterable[str | os.PathLike[str]]


@dataclass(frozen=True)
class Result:
    """One input of :func:`extract_many`: its speech, or the one-line reason it has none.

    Exactly one of ``speech`` and ``error`` is set. ``source`` names the input: the path, or
    ``<text N>`` / ``<bytes N>`` for the N-th input (from 0) given as text or bytes.
    """

    source: str
    speech: Speech | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _lexicons(lexicons: Lexicons) -> tuple[str, ...]:
    if isinstance(lexicons, (str, os.PathLike)):  # one path given where a list was meant
        return (os.fspath(lexicons),)
    return tuple(os.fspath(p) for p in lexicons)


_SENTENCE_MARKS = re.compile(r"[。，、；！？：,;!?\n]")
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")


def _cannot_be_a_speech(text: str) -> bool:
    """True when ``text`` has the shape of a file's name, not of a speech: a common slip.

    Decided on the string alone, never by looking at the disk, so the same text means the
    same thing in every working directory: one line without sentence punctuation that ends in
    a file extension (``讲话.txt``), or that holds a path separator and no Chinese character.
    """
    name = text.strip()
    if len(name) > 1024 or _SENTENCE_MARKS.search(name):
        return False
    if _EXTENSION.search(name):
        return True
    return ("/" in name or "\\" in name) and not _IDEOGRAPH.search(name)


def extract(text: str | bytes, *, date: str | dt.date | None = None, source: str | None = None,
            lexicons: Lexicons = ()) -> Speech:
    """Extract the task ledger of one speech given as text.

    ``date`` (a :class:`datetime.date` or ``"YYYY-MM-DD"``) is the speech's date, which
    relative deadlines (``年底前``) resolve against; without it, the date the text states.
    ``bytes`` are read as files are (any encoding, Word, PDF, HTML). ``lexicons`` are paths of
    your own unit-name files. Raises :class:`~speechkit.errors.InputError` on empty input, a
    malformed date, or a string shaped like a file name (``speech.txt``, ``data/a.docx``: one
    line, no sentence punctuation); whether such a file exists is never asked, so the result
    does not depend on the working directory.
    """
    from .pipeline import analyse

    name = source or "<text>"
    base = parse_date(date)
    warnings: tuple[str, ...] = ()
    if isinstance(text, os.PathLike):
        raise InputError(str(text), "extract() takes the text of a speech: "
                                          "use extract_file() for a path")
    if not isinstance(text, (str, bytes)):
        raise InputError(name, f"extract() takes str or bytes, not {type(text).__name__}")
    if isinstance(text, bytes):
        from .readers import read_bytes

        return from_document(read_bytes(text, name), date=base, lexicons=lexicons)
    if not text.strip():
        raise InputError(name, "empty input")
    elif _cannot_be_a_speech(text):
        raise InputError(text, "this looks like the name of a file, not a speech: did you mean "
                               "extract_file()? (or pass a pathlib.Path to extract_many())")
    return analyse(text, date=base, source=name, warnings=warnings,
                   lexicons=_lexicons(lexicons))


def extract_file(path: str | os.PathLike[str], *, date: str | dt.date | None = None,
                 lexicons: Lexicons = ()) -> Speech:
    """Read a speech file and extract it: text in any common encoding, Word (.docx), a web page,
    a PDF with a text layer (see :mod:`speechkit.readers`); ``-`` is stdin.

    Raises :class:`~speechkit.errors.InputError` for a missing, empty, binary, undecodable,
    scanned or legacy (.doc/.wps) file, or a special file (FIFO, device).
    """
    from .readers import read_path

    return from_document(read_path(os.fspath(path)), date=parse_date(date), lexicons=lexicons)


def from_document(doc: Document, *, date: str | dt.date | None = None,
                  lexicons: Lexicons = ()) -> Speech:
    """Extract a speech read by :mod:`speechkit.readers`; ``date`` wins over the file's own."""
    from dataclasses import replace

    from .pipeline import analyse

    base = parse_date(date) or (parse_date(doc.date) if doc.date else None)
    speech = analyse(doc.text, date=base, source=doc.source, warnings=doc.warnings,
                     lexicons=_lexicons(lexicons), headings=doc.headings)
    return replace(speech, format=doc.format, title=speech.title or doc.title)


def _one(index: int, item: Input, date: dt.date | None, lexicons: tuple[str, ...]) -> Result:
    """Extract one input of :func:`extract_many`; any failure becomes ``Result.error``."""
    if isinstance(item, os.PathLike):
        source = os.fspath(item)
    else:
        source = f"<{'bytes' if isinstance(item, bytes) else 'text'} {index}>"
    try:
        if isinstance(item, os.PathLike):
            speech = extract_file(item, date=date, lexicons=lexicons)
        elif isinstance(item, (str, bytes)):
            speech = extract(item, date=date, source=source, lexicons=lexicons)
        else:
            raise InputError(source, f"cannot read a {type(item).__name__}: "
                                     "give a path, a str of text or bytes")
    except SpeechkitError as e:
        return Result(source, error=str(e))
    except Exception as e:  # noqa: BLE001 - one bad input must not stop a stream of many
        return Result(source, error=f"{source}: internal error ({type(e).__name__}: {e})")
    return Result(source, speech=speech)


def extract_many(items: Iterable[Input], *, date: str | dt.date | None = None,
                 lexicons: Lexicons = (), n_process: int = 1) -> Iterator[Result]:
    """Extract many speeches, yielding one :class:`Result` per input, in input order.

    A ``Path`` is read as a file, a ``str`` is a speech's text, ``bytes`` a file's contents.
    An input that fails (missing file, empty, undecodable, or a bug it triggers) yields a
    ``Result`` with ``error`` set, and the stream goes on. ``n_process`` > 1 extracts in that
    many worker processes (-1: one per CPU), keeping a bounded number of inputs in flight, so
    ``items`` may be a long generator. A malformed ``date`` raises at once.
    """
    base = parse_date(date)
    lex = _lexicons(lexicons)
    if n_process < 0:
        n_process = os.cpu_count() or 1
    if n_process <= 1:
        return (_one(i, item, base, lex) for i, item in enumerate(items))
    return _parallel(items, base, lex, n_process)


def _parallel(items: Iterable[Input], date: dt.date | None, lexicons: tuple[str, ...],
              n_process: int) -> Iterator[Result]:
    from concurrent.futures import ProcessPoolExecutor

    window = 4 * n_process
    with ProcessPoolExecutor(n_process) as pool:
        pending: deque[Future[Result]] = deque()
        for i, item in enumerate(items):
            pending.append(pool.submit(_one, i, item, date, lexicons))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
