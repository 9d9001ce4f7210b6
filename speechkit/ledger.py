"""The ledger's columns, declared once: header, getter, width, kind.

A ledger row stands for an *item* (an outline point, a numbered plan item, a table row: its
title, then its measures) or, with ``level="sentence"``, for one task sentence. Every writer
(table, csv, xlsx, docx, html, md) and every frame reads the same :data:`COLUMNS`; a new field
is one more :class:`Column` here.

``width`` is in half-width character cells (a Chinese character takes two), the unit of both a
terminal and a spreadsheet's column width. ``show`` says where a column appears: ``brief`` in
every view (the terminal table, the page's ledger), ``report`` in the tables people send round
(docx, md) and everything else, ``data`` only where machines read (csv, xlsx, frames).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .records import Deadline, Item, Owner, Quantity, Speech, Task

Span = tuple[int, int]

NOT_STATED = "未明确"
#: How a ledger names a task's force, strongest first (an item takes its strongest).
FORCE_LABELS = {"must": "必须", "forbid": "禁止", "should": "应当", "strive": "力争",
                "encourage": "鼓励"}
#: How a ledger names the part of the speech a row stands in.
PART_LABELS = {"review": "回顾", "deploy": "部署", "other": "其他"}
#: Below this confidence a row is flagged for review (the page's filter, the table's mark).
LOW_CONFIDENCE = 0.6
LEVELS = ("item", "sentence")
SHOWS = ("brief", "report", "data")


@dataclass(frozen=True)
class Row:
    """One line of the ledger: an item with its tasks, or a single task."""

    n: int
    id: str
    source: str
    span: Span
    title: str
    measures: tuple[str, ...]
    lead: tuple[str, ...]
    support: tuple[str, ...]
    deadline: Deadline | None
    recurrence: str
    targets: tuple[str, ...]
    section: tuple[str, ...]
    part: str | None
    line: int
    force: str | None
    confidence: float
    tasks: tuple[str, ...]

    @property
    def work(self) -> str:
        """The 工作任务 cell: the title, then each measure on a line of its own."""
        lines = [self.title] if self.title else []
        lines += [m for m in self.measures if m and _core(m) != _core(self.title)]
        return "\n".join(lines)

    @property
    def when(self) -> str:
        """The 完成时限 cell: the words, the day they mean, and how often."""
        d = self.deadline
        when = (d.text + (f"（{d.end.isoformat()}）" if d.end else "")) if d else ""
        if self.recurrence:
            when = f"{self.recurrence}；{when}" if when else self.recurrence
        return when or NOT_STATED

    @property
    def place(self) -> str:
        """The 出处 cell: the section path and the line."""
        path = " > ".join(self.section)
        return f"{path} · 第{self.line}行" if path else f"第{self.line}行"

    @property
    def low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    @property
    def ownerless(self) -> bool:
        return not (self.lead or self.support)


@dataclass(frozen=True)
class Column:
    """A ledger column: its header, how a row gives its value, its width and kind.

    kind: ``int``, ``float``, ``date`` (a ``datetime.date`` or None), ``text`` (one line),
    ``long`` (wraps over lines), ``when`` (a time limit: words, then the day in brackets).
    """

    header: str
    get: Callable[[Row], object]
    width: int
    kind: str = "text"
    show: str = "report"


def _units(names: tuple[str, ...]) -> str:
    return "、".join(names)


COLUMNS: tuple[Column, ...] = (
    Column("序号", lambda r: r.n, 6, "int", "brief"),
    Column("工作任务", lambda r: r.work, 60, "long", "brief"),
    Column("牵头单位", lambda r: _units(r.lead) or NOT_STATED, 20, "long", "brief"),
    Column("配合单位", lambda r: _units(r.support), 20, "long", "brief"),
    Column("完成时限", lambda r: r.when, 18, "when", "brief"),
    Column("目标要求", lambda r: "；".join(r.targets), 26, "long", "brief"),
    Column("所属部分", lambda r: PART_LABELS.get(r.part or "", ""), 8),
    Column("出处", lambda r: r.place, 30, "long"),
    Column("强度", lambda r: FORCE_LABELS.get(r.force or "", ""), 6),
    Column("置信度", lambda r: round(r.confidence, 3), 8, "float"),
    Column("截止日期", lambda r: r.deadline.end if r.deadline else None, 12, "date", "data"),
    Column("编号", lambda r: r.id, 8, "text", "data"),
    Column("任务编号", lambda r: "、".join(r.tasks), 14, "text", "data"),
    Column("文件", lambda r: r.source, 24, "text", "data"),
    Column("起", lambda r: r.span[0], 8, "int", "data"),
    Column("止", lambda r: r.span[1], 8, "int", "data"),
)


def columns(show: str = "data") -> tuple[Column, ...]:
    """The columns a view shows: ``brief`` ⊂ ``report`` ⊂ ``data`` (every column)."""
    rank = SHOWS.index(show)
    return tuple(c for c in COLUMNS if SHOWS.index(c.show) <= rank)


def column(header: str) -> Column:
    return next(c for c in COLUMNS if c.header == header)


def cells(row: Row, cols: Sequence[Column] = COLUMNS) -> list[object]:
    return [c.get(row) for c in cols]


#: A figure's columns (the 数据 sheet, ``figures_frame``): (header, getter over (task id or
#: None, quantity), width, kind).
@dataclass(frozen=True)
class FigureColumn:
    header: str
    get: Callable[[str, str | None, Quantity], object]
    width: int
    kind: str = "text"


QUANTITY_KINDS = {"actual": "实际", "forecast": "预计", "target": "目标"}
COMPARATORS = {"gt": "超过", "ge": "不低于", "lt": "低于", "le": "不超过", "approx": "约",
               "range": "区间"}

FIGURE_COLUMNS: tuple[FigureColumn, ...] = (
    FigureColumn("文件", lambda s, t, q: s, 24),
    FigureColumn("任务编号", lambda s, t, q: t or "", 10),
    FigureColumn("类别", lambda s, t, q: "任务目标" if t else "数据", 10),
    FigureColumn("原文", lambda s, t, q: q.text, 24),
    FigureColumn("数值", lambda s, t, q: q.value, 12, "float"),
    FigureColumn("单位", lambda s, t, q: q.unit, 10),
    FigureColumn("比较", lambda s, t, q: COMPARATORS.get(q.comparator or "", ""), 8),
    FigureColumn("性质", lambda s, t, q: QUANTITY_KINDS.get(q.kind or "", ""), 8),
    FigureColumn("指标", lambda s, t, q: q.indicator or "", 20),
    FigureColumn("时期", lambda s, t, q: q.period or "", 10),
    FigureColumn("基数", lambda s, t, q: q.base_value, 10, "float"),
    FigureColumn("基数单位", lambda s, t, q: q.base_unit or "", 10),
    FigureColumn("起", lambda s, t, q: q.span[0], 8, "int"),
    FigureColumn("止", lambda s, t, q: q.span[1], 8, "int"),
)


def figure_rows(speech: Speech) -> list[list[object]]:
    """Every quantity of a speech, tasks' targets first: one list of cells each."""
    found: list[tuple[str | None, Quantity]] = [(t.id, q) for t in speech.tasks
                                                for q in t.targets]
    found += [(None, q) for q in speech.figures]
    return [[c.get(speech.source, t, q) for c in FIGURE_COLUMNS] for t, q in found]


# ---- building rows ------------------------------------------------------------------------

_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WRAP = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")


def plain(text: str) -> str:
    """Text safe in any cell: no escape sequences, no control or direction-override codes."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text.replace("\t", " ")))


def _flat(text: str) -> str:
    """A sentence on one line: a hard wrap inside it is no break (Chinese has no spaces)."""
    return plain(_WRAP.sub("", text)).strip()


def _core(text: str) -> str:
    return text.rstrip("。；;！!？?，, ").strip()


@cache
def _result_cues() -> tuple[str, ...]:
    from .lexicon import table

    return tuple(sorted((r[0] for r in table("ledger_results.tsv", 1)), key=len, reverse=True))


_CLAUSE = re.compile(r"[^，,；;。！!？?：:]+")


def result_clauses(text: str) -> list[str]:
    """The clauses of a sentence that state a result (``确保项目按期竣工``)."""
    cues = _result_cues()
    return [m.group().strip() for m in _CLAUSE.finditer(_flat(text))
            if m.group().strip().startswith(cues)]


def _owners(owners: Iterable[Owner]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Lead and supporting units apart, each once, in order. A unit with no stated role is
    the responsible one and stands with the leads."""
    lead: dict[str, None] = {}
    support: dict[str, None] = {}
    for o in owners:
        (support if o.role == "support" else lead).setdefault(plain(o.text), None)
    return tuple(lead), tuple(u for u in support if u not in lead)


def _strongest(forces: Iterable[str | None]) -> str | None:
    ranked = [f for f in forces if f in FORCE_LABELS]
    return min(ranked, key=list(FORCE_LABELS).index) if ranked else None


def item_id(task_id: str) -> str:
    """The id of the item a task stands for alone: T007 → I007."""
    return "I" + task_id[1:] if task_id.startswith("T") else "I-" + task_id


def lone_item(task: Task) -> Item:
    """The item a task stands for when the speech has none: titled by nothing, itself."""
    from .records import Item

    return Item(id=item_id(task.id), title="", span=task.span, section=task.section,
                kind="task", tasks=(task.id,), owners=task.owners, deadline=task.deadline,
                targets=task.targets)


def with_items(speech: Speech) -> Speech:
    """The speech with both levels: its items, or (until it has some) an item per task."""
    if speech.items or not speech.tasks:
        return speech
    from dataclasses import replace

    items = tuple(lone_item(t) for t in speech.tasks)
    tasks = tuple(replace(t, item=i.id) for t, i in zip(speech.tasks, items))
    return replace(speech, items=items, tasks=tasks)


def _groups(speech: Speech, level: str) -> list[tuple[Item, tuple[Task, ...]]]:
    """(item, its tasks) for each row: the speech's items, or a task alone each."""
    if level not in LEVELS:
        raise ValueError(f"rows are one of {', '.join(LEVELS)}, not {level!r}")
    if level == "sentence" or not speech.items:
        return [(lone_item(t), (t,)) for t in speech.tasks]
    tasks = {t.id: t for t in speech.tasks}
    return [(it, tuple(tasks[i] for i in it.tasks if i in tasks)) for it in speech.items]


class _Places:
    """Line numbers and top-level parts by offset, each found by bisection."""

    def __init__(self, speech: Speech) -> None:
        text = speech.text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        tops = [s for s in speech.sections if s.level == 1]
        self.starts = [s.span[0] for s in tops]
        self.parts = [s.part for s in tops]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset - 1) + 1

    def part(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.parts[i] if i >= 0 else None


def _row(n: int, it: Item, mine: tuple[Task, ...], speech: Speech, places: _Places) -> Row:
    """One row: an item's fields, or its tasks' together where the item leaves them out."""
    lead, support = _owners(it.owners or tuple(o for t in mine for o in t.owners))
    deadline = it.deadline or next((t.deadline for t in mine if t.deadline), None)
    targets = [plain(q.text) for q in it.targets or tuple(q for t in mine for q in t.targets)]
    if not targets:
        for t in mine:
            targets += [c for c in result_clauses(t.text) if c not in targets]
    recurrence = next((t.recurrence.text for t in mine if t.recurrence), "")
    title = _core(_flat(it.title or ""))
    section = tuple(_flat(s) for s in it.section)
    if len(section) > 1 and title and _core(section[-1]) == title:
        section = section[:-1]  # the item's own heading is its title, not where it stands
    # (a top-level point keeps its heading: it groups with the points under it)
    return Row(
        n=n, id=it.id, source=speech.source, span=it.span, title=title,
        measures=tuple(_flat(t.text) for t in mine), lead=lead, support=support,
        deadline=deadline, recurrence=plain(recurrence), targets=tuple(targets),
        section=section, part=places.part(it.span[0]),
        line=places.line(it.span[0]), force=_strongest(t.force for t in mine),
        confidence=min((t.confidence for t in mine), default=1.0),
        tasks=tuple(t.id for t in mine),
    )


def ledger_rows(speech: Speech, level: str = "item") -> list[Row]:
    """The ledger of a speech: one row an item (default) or one row a task sentence.

    Until a speech carries items, each task is an item of its own.
    """
    places = _Places(speech)
    return [_row(n, it, mine, speech, places)
            for n, (it, mine) in enumerate(_groups(speech, level), 1)]


__all__ = ["COLUMNS", "FIGURE_COLUMNS", "FORCE_LABELS", "LEVELS", "LOW_CONFIDENCE",
           "NOT_STATED", "PART_LABELS", "Column", "FigureColumn", "Row", "cells", "column",
           "columns", "figure_rows", "item_id", "ledger_rows", "lone_item", "plain", "result_clauses",
           "with_items"]
