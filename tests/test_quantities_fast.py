"""The quick paths of quantity finding give what the plain ones give."""
from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import numerals
from speechkit.cleaning import normalise
from speechkit.extractors import quantity_grammar as qg


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="上数几半翻番斤级一二三十百千万亿两2059.,%元个人家以迈登少多无-至（含）", max_size=24))
def test_the_start_conditions_skip_only_what_no_branch_reads(text: str) -> None:
    """上, 数, 几, 半 and 翻 are tried only before what their branch needs; trying every
    character finds the same candidates."""
    lx = qg.lex()
    every = dataclasses.replace(lx, starts=re.compile(rf"[\d{numerals.chars()}半翻上几数]"))
    norm = normalise(text)
    assert list(qg.candidates(norm, lx)) == list(qg.candidates(norm, every))


@given(st.from_regex(r"[0-9]{1,5}(?:,[0-9]{1,4}){0,3}(?:\.[0-9]{1,3})?", fullmatch=True))
def test_arabic_numerals_read_as_without_the_possessive(s: str) -> None:
    """``\\d{1,3}+`` before the thousands comma matches what ``\\d{1,3}`` matches."""
    plain = re.compile(numerals.ARABIC.replace("{1,3}+", "{1,3}"))
    assert re.match(numerals.ARABIC, s)[0] == plain.match(s)[0]
