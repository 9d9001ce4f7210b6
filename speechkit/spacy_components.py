"""speechkit's steps as spaCy components that write ``doc.spans``."""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

SPAN_KEYS = ("sk_sections", "sk_tasks", "sk_owners", "sk_deadlines", "sk_quantities")


class SpeechkitComponent:
    """Run the speechkit pipeline over ``doc.text`` and record its items as span groups."""

    def __init__(self, nlp: Language, name: str, date: str | None = None) -> None:
        self.name = name
        self.date = date

    def __call__(self, doc: Doc) -> Doc:
        from .pipeline import analyse

        speech = analyse(doc.text, date=self.date, source="<doc>")
        groups: dict[str, list[Any]] = {k: [] for k in SPAN_KEYS}

        def add(key: str, span: tuple[int, int], label: str) -> None:
            s = doc.char_span(span[0], span[1], label=label, alignment_mode="expand")
            if s is not None:
                groups[key].append(s)

        for sec in speech.sections:
            add("sk_sections", sec.span, f"L{sec.level}")
        for t in speech.tasks:
            add("sk_tasks", t.span, t.force or "task")
            for o in t.owners:
                add("sk_owners", o.span, o.role.upper())
            if t.deadline:
                add("sk_deadlines", t.deadline.span, t.deadline.end.isoformat() if t.deadline.end else "VAGUE")
            for q in t.targets:
                add("sk_quantities", q.span, "TARGET")
        for q in speech.figures:
            add("sk_quantities", q.span, "FIGURE")
        for key, spans in groups.items():
            doc.spans[key] = spans
        return doc


def make_speechkit(nlp: Language, name: str, date: str | None) -> SpeechkitComponent:
    return SpeechkitComponent(nlp, name, date)


Language.factory("speechkit", default_config={"date": None}, func=make_speechkit)
