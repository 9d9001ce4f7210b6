"""Typed, frozen records: what speechkit extracts, each traced to its place in the text.

Every record carries ``span = (start, end)``, character offsets into the text as read,
and ``text``, the surface ``source_text[start:end]``.

Each record is declared once, as a frozen dataclass: its JSON form (``to_dict``), the way
back (``from_dict``) and its JSON Schema (:func:`json_schema`) are all derived from the
fields by :mod:`speechkit.serial`. A field's ``metadata`` says how it is written:
``omit`` (``"none"``: left out when None, ``"false"``: left out when false), ``round``
(digits kept), ``group`` (written inside a sub-object, e.g. the ``speech`` header) and
``doc`` (its description in the schema).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .fastinit import fast_init
from .serial import Record

Span = tuple[int, int]

_OMIT_NONE = {"omit": "none"}


def _opt(doc: str = "", **meta: Any) -> Any:
    """An optional field left out of the JSON when None."""
    return field(default=None, metadata={**_OMIT_NONE, "doc": doc, **meta})


@fast_init
@dataclass(frozen=True)
class Quantity(Record):
    """A number with its unit: ``22.8亿元`` → value 22.8, unit ``亿元``."""

    text: str
    span: Span
    value: float = field(metadata={"doc": "the number as written; the scale stays in the unit",
                                   "integral": True})
    unit: str
    comparator: str | None = _opt("gt, ge, lt, le, approx, range, about, at_least, at_most")
    kind: str | None = _opt("actual, forecast, target")
    indicator: str | None = _opt("what the figure measures")
    growth: bool = field(default=False, metadata={"omit": "false",
                                                  "doc": "the value is a rate of growth"})
    period: str | None = _opt("the period the figure applies to")
    base_value: float | None = _opt("the value in the base unit (万/亿 applied)")
    base_unit: str | None = _opt("the base unit")
    upper: float | None = _opt("the upper end of a range (8%—10%)", integral=True)
    lower: float | None = _opt("the lower end of a range", integral=True)


@fast_init
@dataclass(frozen=True)
class Deadline(Record):
    """When a task must be done. ``end`` is the last day allowed, None when vague."""

    text: str
    span: Span
    end: dt.date | None
    start: dt.date | None = None
    precision: str = "vague"  # day, month, quarter, half-year, year, vague
    rule: str = ""


@fast_init
@dataclass(frozen=True)
class Recurrence(Record):
    """How often a task recurs: ``每周``, ``每月10日前``, ``定期``."""

    text: str
    span: Span
    every: str = ""  # day, week, month, quarter, year, regular


@fast_init
@dataclass(frozen=True)
class Owner(Record):
    """A unit responsible for a task, as written."""

    text: str
    span: Span
    role: str = "owner"  # lead, support, owner
    inherited: bool = False  # from a plan item's note, a heading or a back-reference


@fast_init
@dataclass(frozen=True)
class Section(Record):
    """A heading of the outline."""

    level: int
    marker: str
    title: str
    span: Span
    part: str | None = field(default=None, metadata={
        "doc": "review (past work), deploy (work to do) or other"})


@fast_init
@dataclass(frozen=True)
class Task(Record):
    """One directive: what, who, by when, to what target."""

    id: str
    text: str
    span: Span
    section: tuple[str, ...] = ()
    owners: tuple[Owner, ...] = ()
    deadline: Deadline | None = None
    recurrence: Recurrence | None = None
    targets: tuple[Quantity, ...] = ()
    force: str | None = None  # must, should, strive, encourage, forbid
    confidence: float = field(default=1.0, metadata={"round": 4})
    item: str | None = field(default=None, metadata={"doc": "the id of the task's item"})


@fast_init
@dataclass(frozen=True)
class Item(Record):
    """A ledger row: an outline point, a numbered plan item or a table row, with its tasks."""

    id: str
    title: str
    span: Span
    section: tuple[str, ...] = ()
    kind: str = "point"  # point (outline point), plan (numbered plan item), row (table row)
    tasks: tuple[str, ...] = field(default=(), metadata={"doc": "the ids of its tasks"})
    owners: tuple[Owner, ...] = ()
    deadline: Deadline | None = None
    targets: tuple[Quantity, ...] = ()


_HEADER = {"group": "speech"}


@fast_init
@dataclass(frozen=True)
class Speech(Record):
    """Everything extracted from one speech."""

    source: str = field(metadata=_HEADER)
    text: str = field(repr=False, metadata={"skip": True})
    date: dt.date | None = field(default=None, metadata=_HEADER)
    title: str | None = field(default=None, metadata=_HEADER)
    format: str = field(default="text", metadata={
        **_HEADER, "doc": "the reader that made the text: text, docx, html, pdf, …"})
    chars: int = field(default=-1, metadata={**_HEADER, "doc": "characters in the text"})
    sections: tuple[Section, ...] = ()
    items: tuple[Item, ...] = ()
    tasks: tuple[Task, ...] = ()
    figures: tuple[Quantity, ...] = ()
    gaps: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.chars < 0:
            object.__setattr__(self, "chars", len(self.text))

    def __repr__(self) -> str:
        date = self.date.isoformat() if self.date else None
        return (f"Speech(source={self.source!r}, date={date!r}, title={self.title!r}, "
                f"chars={self.chars}, tasks={len(self.tasks)}, figures={len(self.figures)}, "
                f"warnings={len(self.warnings)})")

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> Speech:
        """A speech back from its JSON (batch lines, the archive); ``text`` if you have it."""
        return cls._from_dict(data, {"text": text})


RECORDS: tuple[type[Record], ...] = (Quantity, Deadline, Recurrence, Owner, Section, Task, Item,
                                     Speech)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``speechkit extract --format json``."""
    from .serial import schema_of

    return schema_of(Speech, title="speechkit speech record")
