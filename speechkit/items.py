"""Items: the units a ledger row stands for.

An item is a table row (its content cells' tasks), a numbered plan item (a marked sentence
that states the work, with the sentences and note that follow it), or an outline point (a
heading and the task sentences under it, up to the next heading). A task belongs to the item
of its table row, else of its innermost section; tasks before any heading belong to none.
Owners, deadline and targets of an item are its tasks' together. One pass over the tasks.
"""
from __future__ import annotations

import re

from .records import Deadline, Item, Owner, Section, Task
from .sentences import Sentence, settle

#: Markers of numbered plan items (``1.``, ``（1）``, ``①``): their sections are plan items.
_PLAN_MARKER = re.compile(r"^[(（]?\d{1,2}|^[①-⑳]")


def _deadline(tasks: list[Task]) -> Deadline | None:
    """The item's deadline: the latest end its tasks allow, else a vague one."""
    dated = [t.deadline for t in tasks if t.deadline is not None and t.deadline.end is not None]
    if dated:
        return max(dated, key=lambda d: d.end or d.start)  # type: ignore[arg-type, return-value]
    return next((t.deadline for t in tasks if t.deadline is not None), None)


def _owners(tasks: list[Task]) -> tuple[Owner, ...]:
    seen: dict[str, Owner] = {}
    for t in tasks:
        for o in t.owners:
            seen.setdefault(o.text.replace("\n", ""), o)
    return tuple(seen.values())


def _key(s: Sentence) -> tuple[str, int] | None:
    if s.row >= 0:
        return ("row", s.row)
    if s.head >= 0:
        return ("section", s.head)
    return None


def build(sents: list[Sentence], sections: list[Section], tasks: list[Task],
          task_sents: list[int]) -> tuple[list[Task], list[Item]]:
    """Items of the speech, and its tasks with their item ids (set in place on the tasks the
    pipeline has just made: see :data:`speechkit.sentences.settle`)."""
    groups: dict[tuple[str, int], list[int]] = {}
    for n, k in enumerate(task_sents):
        key = _key(sents[k])
        if key is not None:
            groups.setdefault(key, []).append(n)
    items: list[Item] = []
    paths = {s.start: s.section for s in sents if s.kind == "heading" or s.marker}
    for key, members in groups.items():
        mine = [tasks[n] for n in members]
        item_id = f"I{len(items) + 1:03d}"
        title, start, kind, path = _describe(key, sents, sections, mine, paths)
        items.append(Item(
            id=item_id, title=title, span=(start, max(t.span[1] for t in mine)), section=path,
            kind=kind, tasks=tuple(t.id for t in mine), owners=_owners(mine),
            deadline=_deadline(mine), targets=tuple(q for t in mine for q in t.targets)))
        for t in mine:
            settle(t, "item", item_id)
    items.sort(key=lambda it: it.span)
    return tasks, items


def _describe(key: tuple[str, int], sents: list[Sentence], sections: list[Section],
              mine: list[Task], paths: dict[int, tuple[str, ...]]
              ) -> tuple[str, int, str, tuple[str, ...]]:
    """Title, start, kind and section path of an item."""
    what, at = key
    if what == "row":
        title_cell = next((s for s in sents[at:at + 8] if s.row == at and s.cell == "title"),
                          None)
        title = title_cell.text if title_cell else mine[0].text
        return title.strip(), sents[at].start, "row", mine[0].section
    sec = sections[at]
    kind = "plan" if _PLAN_MARKER.match(sec.marker) else "point"
    path = paths.get(sec.span[0], mine[0].section)
    return f"{sec.marker}{sec.title}".strip(), sec.span[0], kind, path
