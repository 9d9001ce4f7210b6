"""Regexes built from the data: a skipping scan finds what ``finditer`` finds."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import lexicon
from speechkit.extractors import quantities
from speechkit.extractors.deadlines import grammar as deadline_grammar


@pytest.mark.parametrize("pattern, first", [
    ("abc", "[a]"),
    ("a?b|c*d", "[abcd]"),
    (r"(?<!x)[0-9]+年|\d{4}", r"[0-9\d]"),
    ("(?:第)?[一二]季度", "[第一二]"),
    ("a?", None),  # a match may be empty
    (".b", None),  # any character
    ("[^a]b", None),
    ("(?i)ab", None),
])
def test_first_class(pattern, first):
    assert lexicon.first_class(pattern) == first


def _data_patterns() -> list[str]:
    lex = quantities._lex()
    return [lex.exclusions.pattern.pattern, lex.periods.pattern.pattern,
            deadline_grammar._triggers().starts.pattern.pattern, "a?b|c*d", "x"]


_CHARS = "0123456789一二两三四五六七八九十百千万第届次个年月日季度前底内上下半今去明“”〔〕[]号至-—的村 "


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(_data_patterns()), st.text(_CHARS, max_size=40))
def test_a_scan_finds_what_finditer_finds(pattern, text):
    expected = [(m.start(), m.end(), m[0]) for m in re.finditer(pattern, text)]
    assert lexicon.Scan(pattern).spans(text) == expected


def test_the_data_patterns_are_scanned_by_their_first_characters():
    for pattern in _data_patterns()[:3]:
        assert lexicon.first_class(pattern) is not None
