"""Clean, split and outline: the sentences every later step (and training) works on.

Below both the task model and training, so that training sees a speech's sentences exactly
as :func:`speechkit.pipeline.analyse` does without importing the pipeline.
"""
from __future__ import annotations

from . import cleaning, outline, sentences
from .records import Section


def segment(text: str) -> tuple[cleaning.Cleaned, list[sentences.Sentence], list[Section]]:
    """The cleaned text, its sentences (outlined: kind, section, marker) and its sections."""
    cleaned = cleaning.clean(text)
    sents, sections = outline.build(sentences.split(text, cleaned), cleaned.gaps)
    return cleaned, sents, sections
