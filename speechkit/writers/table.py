"""The terminal table: the ledger's brief columns, wrapped (never cut) to the terminal's width.

Items are grouped under their section (a line of its own); lead and supporting units stand in
columns of their own. Escape and control codes in the text never reach the terminal.
"""
from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..ledger import Column, Row, cells, columns, ledger_rows, plain

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Speech

GAP = "  "
#: Punctuation a line never starts with: the character before it comes down with it.
NO_LINE_START = frozenset("，。、；：？！,.;:?!）)》」』”’…")
#: The narrowest a column gets before the table stops shrinking (then it overflows).
MIN_WIDTH = 6


def cell_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def text_width(s: str) -> int:
    return sum(cell_width(ch) for ch in s)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` cells; Chinese breaks anywhere, lines break at ``\\n``."""
    out: list[str] = []
    for para in plain(text).split("\n"):
        line: list[str] = []
        used = 0
        for ch in para:
            w = cell_width(ch)
            if used + w > width and line:
                carry = [line.pop()] if ch in NO_LINE_START and len(line) > 1 else []
                out.append("".join(line).rstrip())
                line, used = carry, sum(cell_width(c) for c in carry)
                if ch == " ":
                    continue
            line.append(ch)
            used += w
        out.append("".join(line).rstrip())
    return out or [""]


def widths(cols: Sequence[Column], total: int) -> list[int]:
    """Each column's share of ``total`` cells, in proportion to its declared width."""
    room = total - len(GAP) * (len(cols) - 1)
    least = [max(MIN_WIDTH if c.kind != "int" else 4, text_width(c.header)) for c in cols]
    want = [max(c.width, m) for c, m in zip(cols, least)]
    if sum(want) <= room:
        spare = room - sum(want)  # the widest (task) column takes what is left, up to twice
        widest = max(range(len(cols)), key=lambda i: cols[i].width)
        want[widest] += min(spare, cols[widest].width)
        return want
    spare = max(0, room - sum(least))  # shared out by declared width, thrice for the widest
    widest = max(range(len(cols)), key=lambda i: cols[i].width)
    extra = [(w - m) * (3 if i == widest else 1) for i, (w, m) in enumerate(zip(want, least))]
    share = [m + e * spare // max(1, sum(extra)) for m, e in zip(least, extra)]
    return share


def _line(parts: Sequence[str], ws: Sequence[int]) -> str:
    return GAP.join(p + " " * (w - text_width(p)) for p, w in zip(parts, ws)).rstrip()


def _cell(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _grid(row: Row, cols: Sequence[Column], ws: Sequence[int]) -> list[str]:
    """A row as columns side by side, each cell wrapped in its width."""
    values = [_cell(v) for v in cells(row, cols)]
    if row.low:
        values[0] += "?"
    values = [v.replace("（", "\n（") if c.kind == "when" and text_width(v) > w else v
              for c, v, w in zip(cols, values, ws)]  # the day it means on a line of its own
    wrapped = [wrap(v, w) for v, w in zip(values, ws)]
    return [_line([w[i] if i < len(w) else "" for w in wrapped], ws)
            for i in range(max(len(w) for w in wrapped))]


def _card(row: Row, cols: Sequence[Column], width: int) -> list[str]:
    """A row too wide for the terminal as a card: the task, then a labelled line a column."""
    values = [_cell(v) for v in cells(row, cols)]
    lines = wrap(f"{values[0]}{'?' if row.low else ''}. {values[1]}", width)
    for c, v in zip(cols[2:], values[2:]):
        lines += wrap(f"  {c.header}：{v}", width)
    return lines


def table(speech: Speech, width: int | None = None, rows: str = "item") -> str:
    """The ledger of one speech, fitted to ``width`` (default: the terminal's): columns side
    by side, or a card a row when the terminal is too narrow for the columns."""
    width = max(MIN_WIDTH * 2, width or shutil.get_terminal_size((100, 24)).columns)
    cols = columns("brief")
    ws = widths(cols, width)
    cards = sum(ws) + len(GAP) * (len(cols) - 1) > width
    found = ledger_rows(speech, rows)
    date = speech.date.isoformat() if speech.date else "日期未明确"
    head = [f"{speech.title or speech.source}  ({date})",
            f"{len(found)} 项 · {len(speech.tasks)} 条任务 · {len(speech.figures)} 个数据"]
    lines = [w for h in head for w in wrap(h, width)]
    if not cards:
        lines += [_line([c.header for c in cols], ws), GAP.join("-" * w for w in ws)]
    section: tuple[str, ...] | None = None
    for row in found:
        if row.section != section:
            section = row.section
            lines += wrap("▌ " + (" > ".join(section) or "（不在任何章节下）"), width)
        lines += _card(row, cols, width) if cards else _grid(row, cols, ws)
    lines += [w for warning in speech.warnings for w in wrap(f"! {warning}", width)]
    return "\n".join(lines) + "\n\n"


def render(speeches: Sequence[Speech], fmt: str, *, rows: str = "item",
           width: int | None = None) -> str:
    return "".join(table(s, width, rows) for s in speeches)
