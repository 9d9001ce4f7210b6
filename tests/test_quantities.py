"""Quantities: a table of expressions (tests/data/quantities.tsv), the data files' shape,
the records' invariants, and the seed's figures against a golden file."""
from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import lexicon
from speechkit.cleaning import normalise
from speechkit.extractors import quantities
from speechkit.sentences import Sentence

from .peer_cases import PEER, judge

DATA = Path(__file__).parent / "data" / "quantities.tsv"
GOLDEN = Path(__file__).parent / "golden" / "seed_figures.json"


def sentence(text: str, start: int = 0) -> Sentence:
    return Sentence(start, start + len(text), text, normalise(text))


def rows() -> list:
    lines = [ln for ln in DATA.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    out = []
    for row in csv.DictReader(lines, delimiter="\t"):
        reason = (row.get("xfail") or "").removeprefix("xfail:").strip()
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(row["input"], row["expected"], marks=marks, id=row["input"]))
    return out


def parse(expected: str) -> list[tuple]:
    if expected.strip() == "-":
        return []
    return [tuple(part.strip().split("|")) for part in expected.split(";")]


@pytest.mark.parametrize("phrase, expected", rows())
def test_table(phrase: str, expected: str) -> None:
    found = quantities.find(sentence(phrase))
    want = parse(expected)
    assert [q.text for q in found] == [w[0] for w in want]
    for q, w in zip(found, want):
        assert q.value == pytest.approx(float(w[1])), q
        assert q.unit == w[2], q
        if len(w) > 3:
            assert q.comparator == (None if w[3] == "=" else w[3]), q
        if len(w) > 4:
            assert q.lower == pytest.approx(float(w[4])), q


def test_table_size() -> None:
    params = rows()
    assert len(params) >= 100
    assert sum(p.values[1].strip() == "-" for p in params) >= 20


def test_spans_point_at_the_text() -> None:
    text = "前言。上半年,全镇财政总收入预计可完成２２.８亿元,同比增长超过20%"
    s = sentence(text[3:], start=3)
    for q in quantities.find(s):
        assert text[q.span[0]:q.span[1]] == q.text


@pytest.mark.parametrize("phrase, field, value", [
    ("全镇财政总收入预计可完成22.8亿元,同比增长超过20%", "kind", ["forecast", "forecast"]),
    ("全镇财政总收入预计可完成22.8亿元,同比增长超过20%", "indicator", ["财政总收入"] * 2),
    ("全镇财政总收入预计可完成22.8亿元,同比增长超过20%", "growth", [False, True]),
    ("上半年,地区生产总值已实现30亿元,同比增长6%", "kind", ["actual", "actual"]),
    ("上半年,地区生产总值已实现30亿元,同比增长6%", "period", ["上半年", "上半年"]),
    ("1-2月累计财政收入已实现10亿元", "period", ["1-2月"]),
    ("力争城镇新增就业8000人", "kind", ["target"]),
    ("力争城镇新增就业8000人", "indicator", ["城镇新增就业"]),
    ("确保粮食产量稳定在28亿斤以上", "comparator", ["ge"]),
    ("覆盖率提高到90%", "growth", [False]),
    ("全县绿化面积达到3万亩", "indicator", ["绿化面积"]),
    ("修建道路5条", "kind", [None]),
])
def test_figure_fields(phrase: str, field: str, value: list) -> None:
    assert [getattr(q, field) for q in quantities.find(sentence(phrase))] == value


@pytest.mark.parametrize("phrase, base_value, base_unit", [
    ("22.8亿元", 2.28e9, "元"),
    ("1.2万亩", 12000, "亩"),
    ("66万千瓦", 660000, "千瓦"),
    ("20%", 20, "%"),
    ("千亿级", 1e11, None),
    ("3个", 3, "个"),
])
def test_base_value(phrase: str, base_value: float, base_unit: str | None) -> None:
    (q,) = quantities.find(sentence(phrase))
    assert q.base_value == pytest.approx(base_value)
    assert q.base_unit == base_unit


def test_the_numeral_reader_reads_what_speechdate_needs() -> None:
    from speechkit import numerals

    assert [numerals.value(s) for s in ("三", "二十八", "一千二百", "零点五", "十")] == \
        [3, 28, 1200, 0.5, 10]
    assert numerals.value("三x") is None


@pytest.mark.parametrize("name, fields", [
    ("units.tsv", 3), ("scales.tsv", 2), ("fixed_terms.tsv", 1), ("quantity_comparators.tsv", 3),
    ("quantity_cues.tsv", 3), ("quantity_growth.tsv", 1), ("quantity_periods.tsv", 1),
    ("quantity_exclusions.tsv", 2), ("quantity_indicators.tsv", 1),
    ("quantity_indicator_suffixes.tsv", 1), ("quantity_stops.tsv", 1), ("quantity_nouns.tsv", 1),
    ("quantity_vague.tsv", 3),
])
def test_data_shape(name: str, fields: int) -> None:
    rows_ = lexicon.table(name, fields)
    assert rows_, name
    firsts = [r[:2] if name == "quantity_comparators.tsv" else r[0] for r in rows_]  # word, where
    assert len(firsts) == len(set(firsts)), f"{name}: duplicate entries"
    if name == "quantity_comparators.tsv":
        assert {r[1] for r in rows_} <= {"before", "after", "inside", "adverb"}
        assert {r[2] for r in rows_} <= {"gt", "ge", "lt", "le", "approx", "none"}
    if name == "quantity_cues.tsv":
        assert {(r[1], r[2]) for r in rows_} <= {(k, s) for k in ("forecast", "target", "actual")
                                                  for s in ("strong", "weak")}
    if name in ("quantity_periods.tsv", "quantity_exclusions.tsv"):
        for r in rows_:
            re.compile(r[0])
    if name == "scales.tsv":
        assert all(int(r[1]) > 1 for r in rows_)
    if name == "units.tsv":
        assert all(r[3:] in ((), ("arabic",)) for r in rows_)
        assert {r[2] for r in rows_ if r[2] == "money"} and all(r[1] for r in rows_)
    if name == "quantity_vague.tsv":
        assert {r[1] for r in rows_} <= {"approx", "ge"}
    if name == "quantity_exclusions.tsv":  # linear: no pattern restarts inside a run of digits
        for r in rows_:
            assert not re.match(r"^(\[[^\]]+\]|\\d)\+", r[0]) and not r[0].startswith("(?<"), r[0]


def _figure(q) -> dict:
    d = q.to_dict()
    return {k: d[k] for k in ("text", "span", "value", "unit", "comparator", "kind", "indicator",
                              "growth", "period", "base_value", "base_unit") if k in d}


def test_seed_figures_golden(seed_speech) -> None:
    found = [_figure(q) for q in seed_speech.figures]
    found += [_figure(q) for t in seed_speech.tasks for q in t.targets]
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(found, key=lambda d: d["span"]) == golden["figures"]


# ---------------------------------------------------------------- peer cases, crashes, invariants

@pytest.mark.skipif(not PEER.exists(), reason="../shared/eval/peer is not here")
def test_peer_cases_through_the_api() -> None:
    """cn2an's and jionlp's cases (numerals, money, ranges, approximations): the value and the
    upper end of a range among the values, base values and lower ends found."""
    verdicts = list(judge())
    right = sum(v.hit for v in verdicts)
    assert right / len(verdicts) >= 0.92, f"{right}/{len(verdicts)}"


def test_numbers_json_cannot_hold_are_dropped_with_a_warning() -> None:
    import speechkit

    speech = speechkit.extract("要投资" + "9" * 400 + "万元。")
    assert not [q for t in speech.tasks for q in t.targets] and not speech.figures
    assert any("beyond what JSON holds" in w for w in speech.warnings)
    json.dumps(speech.to_dict(), allow_nan=False)  # standard JSON: no Infinity


_PIECES = ["3", "一", "十", "两", "万", "亿", "千", "百", "点", "五", "0", ".", ",", "-", "—", "到",
           "至", "个", "元", "%", "千瓦", "时", "分之", "百分之", "数", "上", "近", "余", "多", "几",
           "半", "斤", "岁", "(含)", "以上", "年", "第", "村", "“", "”", "，", "。", " ", "港元", "级"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 5))
def test_any_text_gives_exact_spans_and_json_numbers(pieces: list[str], start: int) -> None:
    text = "".join(pieces)
    found = quantities.find(sentence(text, start=start))
    assert found == quantities.find(sentence(text, start=start))  # deterministic
    full = "x" * start + text
    for q in found:
        assert full[q.span[0]:q.span[1]] == q.text and q.text
        for v in (q.value, q.base_value, q.lower, q.upper):
            assert v is None or math.isfinite(v)
        assert q.lower is None or (q.comparator == "range" and q.lower < q.value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二三十百千万亿两半几点分之个次村元%至-进步统些（含）余多 2025年", max_size=24))
def test_the_grammar_is_tried_only_where_a_quantity_can_start(text: str) -> None:
    """Skipping numerals that nothing can continue (进一步, 一些) finds what trying every
    numeral character finds."""
    import dataclasses

    from speechkit import numerals
    from speechkit.extractors import quantity_grammar as qg

    lx = qg.lex()
    every = dataclasses.replace(lx, starts=re.compile(rf"[\d{numerals.chars()}半翻上几数]"))
    norm = normalise(text)
    assert list(qg.candidates(norm, lx)) == list(qg.candidates(norm, every))
