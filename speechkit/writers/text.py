"""Text formats: JSON (one speech object a line), CSV and TSV (the ledger), Markdown."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..ledger import cells, columns, ledger_rows, plain, with_items

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Speech

#: A cell starting with one of these is a formula to a spreadsheet (and tab or CR can hide one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def defuse(value: str) -> str:
    """A text cell no spreadsheet will run: a leading ``'`` before ``= + - @``."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return defuse(plain(value))
    return value


def speech_dict(speech: Speech) -> dict[str, object]:
    """The JSON contract of one speech, both levels: items (an item a task until the speech
    has items of its own) and tasks."""
    return with_items(speech).to_dict()


def render_json(speeches: Sequence[Speech]) -> str:
    """One speech object a line, however many speeches: one input is one JSON document."""
    return "".join(json.dumps(speech_dict(s), ensure_ascii=False) + "\n" for s in speeches)


def render_csv(speeches: Sequence[Speech], rows: str, delimiter: str = ",") -> str:
    cols = columns("data")
    buf = io.StringIO()
    buf.write(BOM)  # Excel reads a BOM-marked file (or stream) as UTF-8
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow([c.header for c in cols])
    for s in speeches:
        for row in ledger_rows(s, rows):
            w.writerow([csv_cell(v) for v in cells(row, cols)])
    return buf.getvalue()


def md_cell(value: object) -> str:
    text = "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)
    text = plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", "<br>")


def _md_speech(speech: Speech, rows: str) -> list[str]:
    cols = columns("report")
    date = speech.date.isoformat() if speech.date else "日期未明确"
    out = [f"## 任务分解表：{md_cell(speech.title or speech.source)}", "",
           f"{date} · {md_cell(speech.source)}", "",
           "| " + " | ".join(c.header for c in cols) + " |",
           "|" + "|".join("---:" if c.kind in ("int", "float") else "---" for c in cols) + "|"]
    for row in ledger_rows(speech, rows):
        out.append("| " + " | ".join(md_cell(v) for v in cells(row, cols)) + " |")
    if speech.warnings:
        out += ["", "提示：", ""] + [f"- {md_cell(w)}" for w in speech.warnings]
    return out + [""]


def render(speeches: Sequence[Speech], fmt: str, *, rows: str = "item",
           width: int | None = None) -> str:
    if fmt in ("json", "jsonl"):
        return render_json(speeches)
    if fmt in ("csv", "tsv"):
        return render_csv(speeches, rows, "," if fmt == "csv" else "\t")
    if fmt == "md":
        return "\n".join(line for s in speeches for line in _md_speech(s, rows))
    raise ValueError(fmt)
