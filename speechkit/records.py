"""Typed, frozen records: what speechkit extracts, each traced to its place in the text.

Every record carries ``span = (start, end)``, character offsets into the text as read,
and ``text``, the surface ``source_text[start:end]``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

Span = tuple[int, int]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class Quantity:
    """A number with its unit: ``22.8亿元`` → value 22.8, unit ``亿元``."""

    text: str
    span: Span
    value: float
    unit: str
    comparator: str | None = None  # gt, ge, lt, le, approx, range
    kind: str | None = None  # actual, forecast, target
    indicator: str | None = None
    growth: bool = False
    period: str | None = None
    base_value: float | None = None
    base_unit: str | None = None
    upper: float | None = None  # the upper bound of a range (8%—10%)

    def to_dict(self) -> dict[str, Any]:
        value: int | float = int(self.value) if float(self.value).is_integer() else self.value
        d: dict[str, Any] = {"text": self.text, "span": list(self.span), "value": value,
                             "unit": self.unit}
        for name in ("comparator", "kind", "indicator", "period", "base_value", "base_unit",
                     "upper"):
            v = getattr(self, name)
            if v is not None:
                d[name] = v
        if self.growth:
            d["growth"] = True
        return d


@dataclass(frozen=True)
class Deadline:
    """When a task must be done. ``end`` is the last day allowed, None when vague."""

    text: str
    span: Span
    end: dt.date | None
    start: dt.date | None = None
    precision: str = "vague"  # day, month, quarter, half-year, year, vague
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "end": _iso(self.end),
                "start": _iso(self.start), "precision": self.precision, "rule": self.rule}


@dataclass(frozen=True)
class Recurrence:
    """How often a task recurs: ``每周``, ``每月10日前``, ``定期``."""

    text: str
    span: Span
    every: str = ""  # day, week, month, quarter, year, regular

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "every": self.every}


@dataclass(frozen=True)
class Owner:
    """A unit responsible for a task, as written."""

    text: str
    span: Span
    role: str = "owner"  # lead, support, owner
    inherited: bool = False  # from a plan item's note, a heading or a back-reference

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "role": self.role,
                "inherited": self.inherited}


@dataclass(frozen=True)
class Section:
    """A heading of the outline."""

    level: int
    marker: str
    title: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "marker": self.marker, "title": self.title,
                "span": list(self.span)}


@dataclass(frozen=True)
class Task:
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
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "span": list(self.span),
            "section": list(self.section),
            "owners": [o.to_dict() for o in self.owners],
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "recurrence": self.recurrence.to_dict() if self.recurrence else None,
            "targets": [q.to_dict() for q in self.targets],
            "force": self.force, "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True)
class Speech:
    """Everything extracted from one speech."""

    source: str
    text: str = field(repr=False)
    date: dt.date | None = None
    title: str | None = None
    sections: tuple[Section, ...] = ()
    tasks: tuple[Task, ...] = ()
    figures: tuple[Quantity, ...] = ()
    warnings: tuple[str, ...] = ()
    gaps: tuple[Span, ...] = ()

    @property
    def chars(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        date = self.date.isoformat() if self.date else None
        return (f"Speech(source={self.source!r}, date={date!r}, title={self.title!r}, "
                f"chars={self.chars}, tasks={len(self.tasks)}, figures={len(self.figures)}, "
                f"warnings={len(self.warnings)})")

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``speechkit extract --format json``."""
        return {
            "speech": {"source": self.source, "date": _iso(self.date), "title": self.title,
                       "chars": self.chars},
            "sections": [s.to_dict() for s in self.sections],
            "tasks": [t.to_dict() for t in self.tasks],
            "figures": [q.to_dict() for q in self.figures],
            "gaps": [list(g) for g in self.gaps],
            "warnings": list(self.warnings),
        }

    def tasks_frame(self) -> pd.DataFrame:
        """One row a task: the columns of a 任务分解表."""
        from .frames import tasks_frame

        return tasks_frame(self)

    def figures_frame(self) -> pd.DataFrame:
        """One row a quantity, tasks' targets and reported figures alike."""
        from .frames import figures_frame

        return figures_frame(self)

    def to_frame(self) -> pd.DataFrame:
        """The task ledger as a DataFrame (same as :meth:`tasks_frame`)."""
        return self.tasks_frame()
