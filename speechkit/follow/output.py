"""Writers of follow-through: json, and one line per target as table, md, html or xlsx.

Columns of the target lines: 发文单位 (issuer) · 指标 · 目标 · 实际 · 是否完成 · 目标原文; the
task lines follow in md, html and xlsx. Cells go through the ledger writers' helpers
(:mod:`speechkit.writers`): no control codes, and nothing a spreadsheet would run.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import lexicon
from ..ledger import plain
from ..writers import FormatError

if TYPE_CHECKING:  # pragma: no cover
    from . import Follow

FORMATS = ("table", "json", "xlsx", "html", "md")
TARGET_COLUMNS = ("发文单位", "指标", "目标", "实际", "是否完成", "目标原文")
TASK_COLUMNS = ("发文单位", "任务", "进展", "后一年报告")
_MET = {True: "完成", False: "未完成", None: "—"}
_STATUS = {"done": "已完成", "partly": "部分完成", "not_reported": "未报告"}


def issuer_of(f: Follow) -> str:
    from .pairs import issuer

    return issuer(f.earlier.title or "", f.earlier.source) or f.earlier.source


@cache
def _comparators() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rows = lexicon.table("quantity_comparators.tsv", 3)
    before = lexicon.alternation(w for w, pos, _ in rows if pos == "before") or "(?!)"
    after = lexicon.alternation(w for w, pos, _ in rows if pos == "after") or "(?!)"
    return re.compile(f"(?:{before})$"), re.compile(after)


def as_written(text: str, span: tuple[int, int]) -> str:
    """A figure with the comparator words around it: 5.5% → 控制在5.5%以内."""
    before, after = _comparators()
    i, j = span
    m = before.search(text, max(0, i - 6), i)
    n = after.match(text, j)
    return text[m.start() if m else i:n.end() if n else j]


def target_rows(f: Follow) -> list[dict[str, str]]:
    who = issuer_of(f)
    rows = []
    for t in f.targets:
        a = t.actual
        rows.append({"发文单位": who, "指标": t.indicator or "",
                     "目标": as_written(f.earlier.text, t.span),
                     "实际": as_written(f.later.text, a.span) if a else "未报告",
                     "是否完成": _MET[t.met], "目标原文": f.earlier.text[slice(*t.sentence)]})
    return rows


def task_rows(f: Follow) -> list[dict[str, str]]:
    who = issuer_of(f)
    return [{"发文单位": who, "任务": t.text, "进展": _STATUS[t.status],
             "后一年报告": t.report.text if t.report else ""} for t in f.tasks]


def to_json(follows: Sequence[Follow], single: bool) -> str:
    if single and len(follows) == 1:
        doc: object = follows[0].to_dict()
    else:
        doc = {"pairs": [f.to_dict() for f in follows]}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _pad(text: str, width: int) -> str:
    from ..writers.table import cell_width, text_width

    text = plain(text).replace("\n", " ")
    if text_width(text) > width:
        out, used = [], 0
        for ch in text:
            if used + cell_width(ch) > width - 1:
                break
            out.append(ch)
            used += cell_width(ch)
        text = "".join(out) + "…"
    return text + " " * (width - text_width(text))


def to_table(follows: Sequence[Follow]) -> str:
    widths = (12, 18, 16, 16, 8)
    lines = ["  ".join(_pad(c, w) for c, w in zip(TARGET_COLUMNS, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for f in follows:
        for r in target_rows(f):
            lines.append("  ".join(_pad(r[c], w) for c, w in zip(TARGET_COLUMNS, widths)).rstrip())
    return "\n".join(lines) + "\n"


def to_md(follows: Sequence[Follow]) -> str:
    from ..writers.text import md_cell

    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(md_cell(c) for c in cells) + " |"

    out = [row(TARGET_COLUMNS[:5]), row(["---"] * 5)]
    out += [row([r[c] for c in TARGET_COLUMNS[:5]]) for f in follows for r in target_rows(f)]
    out += ["", row(TASK_COLUMNS), row(["---"] * 4)]
    out += [row([r[c] for c in TASK_COLUMNS]) for f in follows for r in task_rows(f)]
    return "\n".join(out) + "\n"


def to_html(follows: Sequence[Follow]) -> str:
    from ..writers.html import esc, stylesheet

    def table(cols: Sequence[str], rows: list[dict[str, str]]) -> str:
        head = "".join(f"<th>{esc(c)}</th>" for c in cols)
        body = "".join("<tr>" + "".join(f"<td>{esc(r[c])}</td>" for c in cols) + "</tr>"
                       for r in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    targets = [r for f in follows for r in target_rows(f)]
    tasks = [r for f in follows for r in task_rows(f)]
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width\">"
            f"<title>目标任务落实情况</title><style>{stylesheet()}</style></head><body>\n"
            f"<h1>目标落实情况</h1>\n{table(TARGET_COLUMNS, targets)}\n<h1>任务落实情况</h1>\n"
            f"{table(TASK_COLUMNS, tasks)}\n</body></html>\n")


def to_xlsx(follows: Sequence[Follow], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..writers.xlsx import put

    wb = Workbook()
    ws = wb.active
    sheets = (("目标", TARGET_COLUMNS, target_rows), ("任务", TASK_COLUMNS, task_rows))
    for k, (name, cols, rows) in enumerate(sheets):
        ws = ws if k == 0 else wb.create_sheet()
        ws.title = name
        for j, c in enumerate(cols, 1):
            put(ws, 1, j, c).font = Font(bold=True)
        n = 1
        for f in follows:
            for r in rows(f):
                n += 1
                for j, c in enumerate(cols, 1):
                    put(ws, n, j, r[c])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    wb.save(path)


def write(follows: Sequence[Follow], fmt: str, out: TextIO | None = None,
          path: Path | None = None, single: bool = True) -> None:
    """Write follow-through in one format, to a stream or (xlsx, or with ``path``) a file."""
    if fmt == "xlsx":
        if path is None:
            raise FormatError("xlsx writes a file: give one with -o follow.xlsx")
        to_xlsx(follows, path)
        return
    writers = {"json": lambda: to_json(follows, single), "table": lambda: to_table(follows),
               "md": lambda: to_md(follows), "html": lambda: to_html(follows)}
    if fmt not in writers:
        raise FormatError(f"follow writes {', '.join(FORMATS)}, not {fmt}")
    text = writers[fmt]()
    if path is not None:
        path.write_text(text, encoding="utf-8")
    elif out is not None:
        out.write(text)
