"""One input file's work in a worker process (local pool or Dask): read it, extract, rows."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import InputError, SpeechkitError
from .store_tables import Rows, add_speech


def work(data: bytes, path: str, sha: str, options: str, date: dt.date | None,
         lexicons: tuple[str, ...], lines: bool = False) -> Rows:
    """Read and extract one input file (in a worker): its rows, errors included."""
    from .api import from_document
    from .readers import read_all_bytes

    rows = Rows(path, sha, options, lines=lines)
    try:
        contents = read_all_bytes(data, path, Path(path).suffix)
    except InputError as e:
        rows.error(path, str(e))
        return rows
    for err in contents.errors:
        rows.error(err.source, str(err))
    for doc in contents.documents:
        try:
            add_speech(rows, from_document(doc, date=date, lexicons=lexicons))
        except SpeechkitError as e:
            rows.error(doc.source, str(e))
        except Exception as e:  # noqa: BLE001 - one bad input must not stop the archive
            rows.error(doc.source, f"{doc.source}: internal error ({type(e).__name__}: {e})")
    return rows
