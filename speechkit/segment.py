"""Clean, split and outline: the sentences every later step (and training) works on.

Below both the task model and training, so that training sees a speech's sentences exactly
as :func:`speechkit.pipeline.analyse` does without importing the pipeline.
"""
from __future__ import annotations

from . import cleaning, outline, parts, sentences, tables
from .records import Section


def segment(text: str, headings: tuple[tuple[int, int], ...] = ()
            ) -> tuple[cleaning.Cleaned, list[sentences.Sentence], list[Section]]:
    """The cleaned text, its sentences (outlined: kind, section, marker, part) and sections;
    ``headings`` are the file's styled headings (``Document.headings``)."""
    cleaned = cleaning.clean(text)
    sents = tables.mark(sentences.split(text, cleaned))
    sents, sections = parts.assign(*outline.build(sents, cleaned.gaps, headings))
    return cleaned, sents, sections
