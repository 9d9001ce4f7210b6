"""The library API: text or files in, :class:`~speechkit.records.Speech` out."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from .pipeline import analyse
from .reading import decode, read_path
from .records import Speech


def extract(text: str | bytes, *, date: str | dt.date | None = None,
            source: str = "<text>", lexicons: tuple[str | Path, ...] = ()) -> Speech:
    """Extract the task ledger of one speech given as text (or bytes, decoded as files are)."""
    warnings: tuple[str, ...] = ()
    if isinstance(text, bytes):
        doc = decode(text, source)
        text, warnings = doc.text, doc.warnings
    elif not text.strip():
        from .errors import InputError

        raise InputError(source, "empty input")
    return analyse(text, date=date, source=source, warnings=warnings, lexicons=lexicons)


def extract_file(path: str | Path, *, date: str | dt.date | None = None,
                 lexicons: tuple[str | Path, ...] = ()) -> Speech:
    """Read a speech file (UTF-8 or GB18030/GBK) and extract its task ledger."""
    doc = read_path(path)
    return analyse(doc.text, date=date, source=doc.source, warnings=doc.warnings,
                   lexicons=lexicons)


def extract_many(items: Iterable[str | Path], *, date: str | dt.date | None = None,
                 n_process: int = 1) -> Iterator[Speech]:
    """Extract many files, streaming results in input order; ``n_process`` > 1 uses processes."""
    if n_process <= 1:
        for item in items:
            yield extract_file(item, date=date)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    with ProcessPoolExecutor(n_process) as pool:
        yield from pool.map(partial(extract_file, date=date), items, chunksize=4)
