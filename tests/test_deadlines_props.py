"""Property test of the deadline grammar: any mix of time words and numbers gives no crash,
exact spans and the same answer twice (bounded examples: well under a minute)."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.extractors import deadlines
from speechkit.lexicon import table

_WORDS = sorted({r[0] for r in table("time_words.tsv", 3)} | {"年", "月", "日", "号", "季度", "个", "·", "-", "."})
_PIECES = st.one_of(st.sampled_from(_WORDS), st.integers(0, 10**12).map(str),
                    st.text("〇零一二两三四五六七八九十百千万", min_size=1, max_size=6))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=8), st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
                                                    st.sampled_from([dt.date(1900, 1, 1), dt.date(2200, 12, 31)])))
def test_any_time_words_give_a_deadline_or_a_warning(pieces, base):
    text = "要在" + "".join(pieces) + "完成。"
    warnings: list[str] = []
    first = deadlines.find(text, base, warnings)
    assert first == deadlines.find(text, base, [])
    assert all(w.startswith(("deadline refused at ", "deadline at ")) for w in warnings)
    for d in deadlines.find_all(text, base):
        assert text[d.span[0]:d.span[1]] == d.text
        assert d.end is None or deadlines.YEARS[0] <= d.end.year <= deadlines.YEARS[1]


@settings(max_examples=40, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=6))
def test_extract_never_records_a_failed_deadline(pieces):
    speech = speechkit.extract("要在" + "".join(pieces) + "完成。", date="2025-07-15")
    assert not [w for w in speech.warnings if "failed" in w]


def test_hostile_shapes_take_linear_time():
    """40k characters of one repeated shape: quadratic rescans would take minutes."""
    import time

    for unit in ("十一", "2025年", "年底前", "一二三四五六七八九十", "9", "每周", "春"):
        text = unit * (40000 // len(unit))
        t = time.process_time()
        deadlines.find_all(text, dt.date(2025, 7, 15), [])
        assert time.process_time() - t < 5, unit
