"""The pipeline: read → clean → outline → sentences → extractors → records."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from . import cleaning, outline, sentences
from .extractors import deadlines, owners, quantities, tasks
from .records import Quantity, Speech, Task
from .speechdate import find_speech_date, parse_date


def analyse(text: str, *, date: str | dt.date | None = None, source: str = "<text>",
            warnings: tuple[str, ...] = (), lexicons: tuple[str | Path, ...] = ()) -> Speech:
    """Extract the task ledger of one speech from its text.

    ``lexicons`` are users' own unit-name files (same TSV format as ``data/owner_units.tsv``).
    """
    base = parse_date(date)
    owner_lex = owners.load_lexicon(tuple(str(p) for p in lexicons))
    cleaned = cleaning.clean(text)
    if base is None:
        base = find_speech_date(cleaned.norm)
    sents, sections = outline.build(sentences.split(text, cleaned), cleaned.gaps)
    from .taskmodel import load as load_model
    from .training import is_plan_doc

    verdicts = tasks.classify(sents, base.year if base else None, is_plan_doc(cleaned.norm),
                              load_model())
    owned, note_at = owners.assign(sents, [v.is_task for v in verdicts], owner_lex)
    found: list[Task] = []
    figures: list[Quantity] = []
    title = next((s.text for s in sents if s.kind == "title"), None)
    for s in sents:
        qty = quantities.find(s)
        if s.index in note_at:
            figures.extend(qty)
            continue
        verdict = verdicts[s.index]
        if not verdict.is_task:
            figures.extend(qty)
            continue
        deadline, recurrence = deadlines.find(s, base)
        found.append(Task(
            id=f"T{len(found) + 1:03d}", text=s.text, span=s.span, section=s.section,
            owners=owned.get(s.index, ()), deadline=deadline, recurrence=recurrence,
            targets=tuple(q if q.kind else replace(q, kind="target") for q in qty),
            force=verdict.force, confidence=verdict.confidence))
    all_warnings = tuple(warnings) + cleaned.warnings
    if base is None:
        all_warnings += ("no speech date given or found: relative deadlines have end null",)
    return Speech(source=source, text=text, date=base, title=title, sections=tuple(sections),
                  tasks=tuple(found), figures=tuple(figures), warnings=all_warnings,
                  gaps=cleaned.gaps)
