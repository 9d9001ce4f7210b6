"""Follow-through: what an earlier report promised, against what a later one reports.

:func:`follow` links every target of the earlier report (a figure of its deployment parts)
to the figure the later report gives for the same indicator and year, with whether it was
met, and every task of the earlier report to the later report's sentence on it, with a status
(``done``, ``partly``, ``not_reported``). Every link carries the spans of both ends.
:func:`follow_files` reads and extracts two files first; :mod:`.pairs` pairs a whole archive.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

from ..records import Speech
from ..serial import Record, schema_of
from .targets import Actual, TargetLink
from .tasks import Report, TaskLink


@dataclass(frozen=True)
class Side(Record):
    """One report of a pair: where it came from and which years it plans and reviews."""

    source: str
    title: str | None
    date: dt.date | None
    plan_year: int | None
    review_year: int | None
    chars: int

    @classmethod
    def of(cls, speech: Speech) -> Side:
        from .parts import Parts

        parts = Parts(speech)
        return cls(speech.source, speech.title, speech.date, parts.plan_year(),
                   parts.review_year(), speech.chars)


@dataclass(frozen=True)
class Follow(Record):
    """The follow-through of one pair of reports."""

    earlier: Speech = field(repr=False, metadata={"skip": True})
    later: Speech = field(repr=False, metadata={"skip": True})
    targets: tuple[TargetLink, ...] = ()
    tasks: tuple[TaskLink, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``speechkit follow EARLIER LATER --format json``."""
        return {"earlier": Side.of(self.earlier).to_dict(),
                "later": Side.of(self.later).to_dict(), **super().to_dict()}


def summary(speech: Speech) -> dict[str, Any]:
    """The ``earlier``/``later`` object of the follow JSON."""
    return Side.of(speech).to_dict()


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``speechkit follow --format json`` for one pair."""
    out = schema_of(Follow, title="speechkit follow-through of two reports")
    side = schema_of(Side, title="")
    out["$defs"].update(side.pop("$defs"))
    out["$defs"]["Side"] = {k: v for k, v in side.items() if k not in ("$schema", "title")}
    out["properties"] = {"earlier": {"$ref": "#/$defs/Side"}, "later": {"$ref": "#/$defs/Side"},
                         **out["properties"]}
    out["required"] = ["earlier", "later", *out["required"]]
    return out


def follow(earlier: Speech, later: Speech) -> Follow:
    """Link the targets and tasks of ``earlier`` to what ``later`` reports of them."""
    from .parts import Parts
    from .targets import link
    from .tasks import link_tasks

    warnings = []
    plan, review = Parts(earlier).plan_year(), Parts(later).review_year()
    if plan and review and plan != review:
        warnings.append(f"the earlier report plans for {plan} but the later one reviews "
                        f"{review}: links may be to another year's figures")
    return Follow(earlier, later, tuple(link(earlier, later)),
                  tuple(link_tasks(earlier, later)), tuple(warnings))


def follow_files(earlier: str | os.PathLike[str], later: str | os.PathLike[str]) -> Follow:
    """Read and extract two report files, then :func:`follow` them."""
    from ..api import extract_file

    return follow(extract_file(earlier), extract_file(later))


__all__ = ["Actual", "Follow", "Report", "Side", "TargetLink", "TaskLink", "follow",
           "follow_files", "json_schema", "summary"]
