"""Follow-through: what an earlier report promised, against what a later one reports.

:func:`follow` links every target of the earlier report (a figure of its deployment parts)
to the figure the later report gives for the same indicator and year, with whether it was
met, and every task of the earlier report to the later report's sentence on it, with a status
(``done``, ``partly``, ``not_reported``). Every link carries the spans of both ends.
:func:`follow_files` reads and extracts two files first; :mod:`.pairs` pairs a whole archive.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ..records import Speech
from .targets import Actual, TargetLink
from .tasks import Report, TaskLink


@dataclass(frozen=True)
class Follow:
    """The follow-through of one pair of reports."""

    earlier: Speech = field(repr=False)
    later: Speech = field(repr=False)
    targets: tuple[TargetLink, ...] = ()
    tasks: tuple[TaskLink, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``speechkit follow EARLIER LATER --format json``."""
        return {"earlier": summary(self.earlier), "later": summary(self.later),
                "targets": [t.to_dict() for t in self.targets],
                "tasks": [t.to_dict() for t in self.tasks],
                "warnings": list(self.warnings)}


def summary(speech: Speech) -> dict[str, Any]:
    from .parts import Parts

    parts = Parts(speech)
    return {"source": speech.source, "title": speech.title,
            "date": speech.date.isoformat() if speech.date else None,
            "plan_year": parts.plan_year(), "review_year": parts.review_year(),
            "chars": speech.chars}


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


__all__ = ["Actual", "Follow", "Report", "TargetLink", "TaskLink", "follow", "follow_files",
           "summary"]
