"""The review page: the speech with what the machine read marked in it, beside the ledger.

One self-contained file (inline CSS, no script, no outside fonts or links): the outline as
navigation, the text with tasks, owners, deadlines, recurrences and quantities in distinct
colours, and the ledger with each row linked to its place; two pure-CSS filters show only
low-confidence or ownerless rows. Readable from a phone to a wide screen.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING

from ..ledger import LOW_CONFIDENCE, Row, cells, column, columns, ledger_rows, plain

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Speech

#: The marks of the text: class, what the legend calls it.
MARKS = (("task", "任务"), ("own", "责任单位"), ("due", "完成时限"), ("rec", "频次"),
         ("qty", "数量"))
#: The ledger's cells that the stylesheet gives a minimum width.
CELL_CLASSES = {"牵头单位": "units", "配合单位": "units", "完成时限": "when", "目标要求": "aim"}
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


@cache
def stylesheet() -> str:
    return resources.files("speechkit").joinpath("data", "ledger_page.css").read_text("utf-8")


def esc(text: str) -> str:
    return escape(plain(text), quote=True)


def anchor(prefix: str, kind: str, raw: str) -> str:
    return f"{prefix}{kind}-{_UNSAFE_ID.sub('_', raw)}"


def _inner(speech: Speech) -> list[tuple[int, int, str]]:
    """The marks inside the text: (start, end, class)."""
    out = [(s.span[0], s.span[1], "head") for s in speech.sections]
    for t in speech.tasks:
        out += [(o.span[0], o.span[1], "own") for o in t.owners]
        out += [(q.span[0], q.span[1], "qty") for q in t.targets]
        if t.deadline:
            out.append((t.deadline.span[0], t.deadline.span[1], "due"))
        if t.recurrence:
            out.append((t.recurrence.span[0], t.recurrence.span[1], "rec"))
    out += [(q.span[0], q.span[1], "qty") for q in speech.figures]
    return [(a, b, c) for a, b, c in out if 0 <= a < b]


def _task_marks(speech: Speech, prefix: str) -> dict[int, tuple[int, str]]:
    """Each task's start → (end, opening tag); a task overlapping the one before is skipped."""
    marks: dict[int, tuple[int, str]] = {}
    last = 0
    for t in sorted(speech.tasks, key=lambda t: t.span):
        a, b = t.span
        if a < last or a >= b:
            continue
        owners = "、".join(o.text for o in t.owners) or "未明确"
        tip = f"{t.id} · 置信度 {t.confidence:.2f} · 责任单位 {owners}"
        low = " low" if t.confidence < LOW_CONFIDENCE else ""
        tag = f'<mark class="task{low}" id="{anchor(prefix, "t", t.id)}" title="{esc(tip)}">'
        marks[a] = (b, tag)
        last = b
    return marks


def marked_text(speech: Speech, prefix: str, anchors: dict[int, list[str]]) -> str:
    """The speech as HTML: every mark a span, cut at every boundary so the tags nest."""
    text = speech.text
    n = len(text)
    tasks = _task_marks(speech, prefix)
    starts: dict[int, list[str]] = defaultdict(list)
    ends: dict[int, list[str]] = defaultdict(list)
    for a, b, cls in _inner(speech):
        starts[a].append(cls)
        ends[min(b, n)].append(cls)
    bounds = sorted({0, n, *starts, *ends, *anchors, *tasks, *(e for e, _ in tasks.values())})
    active: dict[str, int] = defaultdict(int)
    out: list[str] = []
    task_end = -1
    for a, b in zip(bounds, bounds[1:] + [n]):
        if a == task_end:
            out.append("</mark>")
            task_end = -1
        out += [f'<span class="anchor" id="{i}"></span>' for i in anchors.get(a, ())]
        if a in tasks and task_end < 0:
            task_end, tag = tasks[a]
            out.append(tag)
        for cls in ends.get(a, ()):
            active[cls] -= 1
        for cls in starts.get(a, ()):
            active[cls] += 1
        if b <= a:
            continue
        on = " ".join(sorted(c for c, k in active.items() if k > 0))
        seg = esc(text[a:b])
        out.append(f'<span class="{on}">{seg}</span>' if on else seg)
    if task_end >= 0:
        out.append("</mark>")
    return "".join(out)


def _cell(row: Row, header: str, value: object, prefix: str) -> str:
    if header == "工作任务":
        first, _, rest = row.work.partition("\n")
        cls = ' class="title"' if rest else ""
        link = f'<a{cls} href="#{anchor(prefix, "i", row.id)}">{esc(first)}</a>'
        return f'<td class="work">{link}{"<br>" if rest else ""}{esc(rest)}</td>'
    if header == "序号":
        return f'<td><a href="#{anchor(prefix, "i", row.id)}">{row.n}</a></td>'
    if value is None or value == "":
        return '<td class="none">—</td>'
    if isinstance(value, float):
        return f"<td>{value:.2f}</td>"
    css = CELL_CLASSES.get(header)
    return f'<td class="{css}">{esc(str(value))}</td>' if css else f"<td>{esc(str(value))}</td>"


def ledger_table(found: Sequence[Row], prefix: str) -> str:
    cols = columns("brief") + (column("置信度"),)
    out = ["<table><thead><tr>" + "".join(f"<th>{esc(c.header)}</th>" for c in cols)
           + "</tr></thead><tbody>"]
    section: tuple[str, ...] | None = None
    for row in found:
        if row.section != section:
            section = row.section
            title = " > ".join(section) or "（不在任何章节下）"
            out.append(f'<tr class="sec"><th colspan="{len(cols)}">{esc(title)}</th></tr>')
        flags = (" low" if row.low else "") + (" noowner" if row.ownerless else "")
        tds = "".join(_cell(row, c.header, v, prefix) for c, v in zip(cols, cells(row, cols)))
        out.append(f'<tr class="row{flags}">{tds}</tr>')
    return "".join(out) + "</tbody></table>"


def _outline(speech: Speech, prefix: str) -> str:
    items = [f'<li class="l{min(s.level, 4)}"><a href="#{anchor(prefix, "s", str(i))}">'
             f"{esc(s.marker + s.title)}</a></li>" for i, s in enumerate(speech.sections)]
    return "<ol>" + "".join(items) + "</ol>" if items else '<p class="none">（无提纲）</p>'


def _header(speech: Speech, found: Sequence[Row], prefix: str) -> str:
    date = speech.date.isoformat() if speech.date else "日期未明确"
    legend = "".join(f'<span class="{c}">{esc(name)}</span>' for c, name in MARKS)
    low = sum(r.low for r in found)
    ownerless = sum(r.ownerless for r in found)
    tools = (f'<label for="{prefix}f-low" class="l-low">只看低置信度（{low}）</label>'
             f'<label for="{prefix}f-own" class="l-own">只看无责任单位（{ownerless}）</label>')
    warnings = "".join(f"<li>{esc(w)}</li>" for w in speech.warnings)
    return (f"<header><h1>任务分解表：{esc(speech.title or speech.source)}</h1>"
            f'<p class="meta">{date} · {esc(speech.source)} · {len(found)} 项 · '
            f"{len(speech.tasks)} 条任务 · {len(speech.figures)} 个数据</p>"
            f'<p class="legend">{legend}</p><p class="tools">{tools}</p>'
            + (f'<ul class="warnings">{warnings}</ul>' if warnings else "") + "</header>")


def speech_html(speech: Speech, prefix: str, rows: str = "item") -> str:
    found = ledger_rows(speech, rows)
    anchors: dict[int, list[str]] = defaultdict(list)
    for i, s in enumerate(speech.sections):
        anchors[s.span[0]].append(anchor(prefix, "s", str(i)))
    for r in found:
        anchors[r.span[0]].append(anchor(prefix, "i", r.id))
    return (f'<section class="speech" id="{prefix}speech">'
            f'<input type="checkbox" class="filter f-low" id="{prefix}f-low">'
            f'<input type="checkbox" class="filter f-own" id="{prefix}f-own">'
            + _header(speech, found, prefix)
            + f"<main><nav><h2>提纲</h2>{_outline(speech, prefix)}</nav>"
            f"<article>{marked_text(speech, prefix, anchors)}</article>"
            f"<aside><h2>台账</h2>{ledger_table(found, prefix)}</aside></main></section>")


def render(speeches: Sequence[Speech], fmt: str = "html", *, rows: str = "item",
           width: int | None = None) -> str:
    title = speeches[0].title or speeches[0].source if len(speeches) == 1 else \
        f"{len(speeches)} 篇"
    body = "".join(speech_html(s, f"p{i}-", rows) for i, s in enumerate(speeches, 1))
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>任务分解表 · {esc(title)}</title><style>{stylesheet()}</style></head>"
            f"<body>{body}</body></html>\n")
