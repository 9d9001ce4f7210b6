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


def _longest_first(words: set[str]) -> str:
    """The plain alternation :func:`lexicon.alternation` stands for."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORDS = ["要", "要求", "要切实", "必须", "负责", "负责人", "分工负责", "按职责分工负责", "牵头", "a.b",
          "(x)", "年", "年底", "年底前", "底"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sets(st.sampled_from(_WORDS), min_size=1), st.text("要求切实必须负责人分工按职牵头a.b(x)年底前 ", max_size=30),
       st.sampled_from(["{}", "(?:{})+$", "(?P<w>{})(?:{})*的?", "^(?:{}),"]))
def test_an_alternation_matches_as_the_longest_first_join(words, text, frame):
    new = re.compile(frame.format(*[lexicon.alternation(words)] * frame.count("{}")))
    old = re.compile(frame.format(*[_longest_first(words)] * frame.count("{}")))
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
    assert [m.groups() for m in new.finditer(text)] == [m.groups() for m in old.finditer(text)]


def test_no_words_make_an_empty_alternation():
    assert lexicon.alternation([]) == ""
