"""The one-scan cue finder says what a search of every kind's own pattern says."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import cues, lexicon

_WORDS = sorted({w for w, _ in lexicon.table("cues.tsv", 2)})
#: Pieces a text is built from: whole cue words, their halves (so words overlap and straddle,
#: 至关重要 · 要求, 还将 · 将继续) and a filler.
_PIECES = sorted(set(_WORDS) | {w[:k] for w in _WORDS for k in range(1, len(w))}
                 | {w[k:] for w in _WORDS for k in range(1, len(w))} | {"，", "村"})


def _by_search(text: str) -> frozenset[str]:
    return frozenset(k for k, p in cues.patterns().items() if p.search(text))


@pytest.mark.parametrize("text, kinds", [
    ("", set()),
    ("还将继续推进", {"forward", "plan"}),  # 还将 and 将继续 overlap; 将, 继续推进
    ("这是至关重要求", {"evaluative", "not_cue", "should"}),  # 至关重要 straddles 要求
    ("拟于年底前完成", {"plan", "forward"}),  # one word, two kinds
])
def test_kinds_in(text, kinds):
    assert cues.kinds_in(text) == kinds == _by_search(text)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_kinds_in_is_every_kinds_search(text):
    assert cues.kinds_in(text) == _by_search(text)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_cue_kinds_and_force_read_the_masked_sentence(text):
    masked = cues.mask(text)
    kinds = [k for k, p in cues.patterns().items() if k != "not_cue" and p.search(masked)]
    if cues.patterns()["plan"].match(masked):
        kinds.append("plan0")
    assert cues.cue_kinds(text) == kinds
    assert cues.force_of(text) == next((f for f in cues.FORCE_ORDER if f in kinds), None)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_one_regex_of_several_kinds_finds_what_theirs_find(text):
    pats = cues.patterns()
    assert bool(cues.any_of("forecast", "quoted").search(text)) == bool(
        pats["forecast"].search(text) or pats["quoted"].search(text))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_the_mask_blanks_what_the_not_cue_pattern_matches(text):
    expected = cues.patterns()["not_cue"].sub(lambda m: "□" * len(m[0]), text)
    assert cues.mask(text) == expected


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_held_is_the_scan_of_the_masked_sentence(text):
    """A sentence holding no false cue is its own mask: held takes the one unmasked scan."""
    assert cues.held(text) == cues.kinds_in(cues.mask(text))
    assert cues.unmasked(text) == _by_search(text)
