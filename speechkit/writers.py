"""Writers: one place that turns speeches into table, json, jsonl, csv or xlsx output."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from .frames import NOT_STATED, TASK_COLUMNS, task_rows
from .records import Speech

FORMATS = ("table", "json", "jsonl", "csv", "xlsx")


def write(speeches: Sequence[Speech], fmt: str, out: TextIO | None = None,
          path: Path | None = None) -> None:
    """Write speeches in one format, to a text stream or (xlsx, or any with ``path``) a file."""
    if fmt == "xlsx":
        if path is None:
            raise ValueError("xlsx needs an output file (-o ledger.xlsx)")
        write_xlsx(speeches, path)
        return
    buf = io.StringIO()
    if fmt == "json":
        doc = speeches[0].to_dict() if len(speeches) == 1 else [s.to_dict() for s in speeches]
        buf.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "jsonl":
        for s in speeches:
            buf.write(json.dumps(s.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(buf, fieldnames=TASK_COLUMNS)
        w.writeheader()
        for s in speeches:
            w.writerows(task_rows(s))
    elif fmt == "table":
        for s in speeches:
            buf.write(table(s))
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if path is not None:  # a CSV file carries a BOM, so that Excel reads it as UTF-8
        path.write_text(buf.getvalue(), encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    elif out is not None:
        out.write(buf.getvalue())


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _cut(s: str, width: int) -> str:
    out: list[str] = []
    w = 0
    for ch in s:
        cw = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if w + cw > width - 1:
            return "".join(out) + "…"
        out.append(ch)
        w += cw
    return "".join(out)


def _pad(s: str, width: int) -> str:
    s = _cut(s, width) if _width(s) > width else s
    return s + " " * (width - _width(s))


def table(speech: Speech, width: int | None = None) -> str:
    """A readable ledger: 序号 · 工作任务 · 责任单位 · 完成时限 · 目标要求.

    The task column takes what the terminal's width (or ``width``) leaves to it.
    """
    import shutil

    width = width or shutil.get_terminal_size((140, 24)).columns
    task_width = max(20, min(80, width - 4 - 24 - 22 - 20 - 8))
    head = f"{speech.title or speech.source}  ({speech.date.isoformat() if speech.date else '日期未明确'})"
    lines = [head, f"{len(speech.tasks)} 项任务 · {len(speech.figures)} 个数据"]
    cols = [("序号", 4), ("工作任务", task_width), ("责任单位", 24), ("完成时限", 22), ("目标要求", 20)]
    lines.append("  ".join(_pad(n, w) for n, w in cols).rstrip())
    lines.append("  ".join("-" * w for _, w in cols))
    for row in task_rows(speech):
        when = str(row["完成时限"]) + (f"({row['截止日期']})" if row["截止日期"] else "")
        if row["频次"]:
            when = f"{row['频次']}；{when}" if row["完成时限"] != NOT_STATED else str(row["频次"])
        cells = [str(row["序号"]), str(row["工作任务"]), str(row["责任单位"]), when,
                 str(row["目标要求"]) or "—"]
        lines.append("  ".join(_pad(c, w) for c, (_, w) in zip(cells, cols)).rstrip())
    for w in speech.warnings:
        lines.append(f"! {w}")
    return "\n".join(lines) + "\n\n"


def write_xlsx(speeches: Iterable[Speech], path: Path) -> None:
    """An Excel ledger: one sheet of tasks (任务分解表), one of figures."""
    import pandas as pd

    speeches = list(speeches)
    tasks = pd.concat([s.tasks_frame() for s in speeches], ignore_index=True)
    figures = pd.concat([s.figures_frame() for s in speeches], ignore_index=True)
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        tasks.to_excel(xw, sheet_name="任务分解表", index=False)
        figures.to_excel(xw, sheet_name="数据", index=False)
        sheet = xw.sheets["任务分解表"]
        for col, width in zip("ABCDEF", (6, 70, 28, 16, 12, 24)):
            sheet.column_dimensions[col].width = width
        sheet.freeze_panes = "C2"
        for ws in xw.sheets.values():
            ws.auto_filter.ref = ws.dimensions


__all__ = ["FORMATS", "NOT_STATED", "table", "write", "write_xlsx"]
