"""The pipeline: read → clean → outline → sentences → extractors → records."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from . import cleaning, outline, sentences
from .extractors import deadlines, owners, quantities, tasks
from .records import Owner, Quantity, Speech, Task
from .speechdate import find_speech_date, parse_date


def analyse(text: str, *, date: str | dt.date | None = None, source: str = "<text>",
            warnings: tuple[str, ...] = ()) -> Speech:
    """Extract the task ledger of one speech from its text."""
    base = parse_date(date)
    cleaned = cleaning.clean(text)
    if base is None:
        base = find_speech_date(cleaned.norm)
    sents, sections = outline.build(sentences.split(text, cleaned))
    notes, note_at = _item_notes(sents)
    found: list[Task] = []
    figures: list[Quantity] = []
    title = next((s.text for s in sents if s.kind == "title"), None)
    for s in sents:
        qty = quantities.find(s)
        if s.index in note_at:
            figures.extend(qty)
            continue
        verdict = tasks.classify(s)
        if not verdict.is_task:
            figures.extend(qty)
            continue
        deadline, recurrence = deadlines.find(s, base)
        own: tuple[Owner, ...] = tuple(owners.find(s))
        inherited = notes.get(s.index, ())
        own += tuple(replace(o, inherited=True) for o in inherited if o.text not in {x.text for x in own})
        found.append(Task(
            id=f"T{len(found) + 1:03d}", text=s.text, span=s.span, section=s.section,
            owners=own, deadline=deadline, recurrence=recurrence, targets=tuple(qty),
            force=verdict.force, confidence=verdict.confidence))
    all_warnings = tuple(warnings) + cleaned.warnings
    if base is None:
        all_warnings += ("no speech date given or found: relative deadlines have end null",)
    return Speech(source=source, text=text, date=base, title=title, sections=tuple(sections),
                  tasks=tuple(found), figures=tuple(figures), warnings=all_warnings,
                  gaps=cleaned.gaps)


def _item_notes(sents: list[sentences.Sentence]) -> tuple[dict[int, tuple[Owner, ...]], set[int]]:
    """A plan item's closing note assigns its owners to every sentence of the item."""
    out: dict[int, tuple[Owner, ...]] = {}
    note_at: set[int] = set()
    item_start = 0
    for k, s in enumerate(sents):
        if s.kind == "heading" or s.marker:
            item_start = k
        note = owners.parse_note(s) if s.norm.startswith(("(", "（")) else None
        if note:
            note_at.add(k)
            for j in range(item_start, k):
                out.setdefault(j, tuple(note))
            item_start = k + 1
    return out, note_at
