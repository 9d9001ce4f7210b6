"""The one numeral reader: values of Chinese, Arabic and mixed numerals, fractions, pairs."""
from __future__ import annotations

from decimal import Decimal

import pytest

from speechkit import lexicon, numerals


@pytest.mark.parametrize("text, want", [
    ("一", "1"), ("十", "10"), ("十一", "11"), ("一十一", "11"), ("两", "2"),
    ("一百零一", "101"), ("一千零十", "1010"), ("一千零一十一", "1011"), ("一千一十", "1010"),
    ("一百十六", "116"), ("一万零百一十一", "10111"), ("十万零一千", "101000"),
    # colloquial elision: the last digit takes the next lower unit
    ("三万五", "35000"), ("十三万五", "135000"), ("两千六", "2600"), ("一百二", "120"),
    ("一百二十万三", "1203000"),
    ("一亿五千万零六千三百五十五", "150006355"), ("一千零一亿一千零一万一千零一", "100110011001"),
    ("一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一", "1111111111111111"),
    ("壹仟贰佰", "1200"), ("二〇二五", "2025"),
    ("零点五", "0.5"), ("一点五七", "1.57"), ("零点零零零零零零零零零零零零零零一", "1E-15"),
    ("22.8", "22.8"), ("1,200", "1200"), ("233,333,333,434.344", "233333333434.344"),
    ("1.2万", "12000"), ("3千万亿", "3000000000000000"), ("9佰", "900"),
    ("47.264287亿", "4726428700"), ("1 200", "1200"),
    ("二分之一", "0.5"), ("三分之一", "0.3333"), ("百分之十五", "0.15"), ("三分之二", "0.6667"),
])
def test_value(text: str, want: str) -> None:
    assert numerals.value(text) == Decimal(want)


@pytest.mark.parametrize("text", [
    "", "百", "千", "万", "点五", "五点", "十十", "万一", "一亿亿", "百姓", "1万5千x", "零分之一",
    "abc", "1.2.3",
])
def test_not_a_numeral(text: str) -> None:
    assert numerals.value(text) is None


def test_beyond_float_is_still_read() -> None:
    big = numerals.value("9" * 400 + "万")  # whether JSON can hold it is for the caller to say
    assert big is not None and big.is_finite() and big > Decimal("1e400")
    assert numerals.value("九" * 60) == Decimal("9" * 60)


@pytest.mark.parametrize("text, low, high", [
    ("三五百", "300", "500"), ("四五千", "4000", "5000"), ("八九亿", "800000000", "900000000"),
    ("十二三", "12", "13"), ("二三十", "20", "30"), ("三四十万", "300000", "400000"),
    ("一两", "1", "2"),
])
def test_pair(text: str, low: str, high: str) -> None:
    assert numerals.pair(text) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize("text", ["三十五", "一二三", "五三", "二〇二五", "三百", "一九", "零一"])
def test_not_a_pair(text: str) -> None:
    assert numerals.pair(text) is None


def test_integer() -> None:
    assert numerals.integer("十二") == 12
    assert numerals.integer("一点五") is None
    assert numerals.integer("百姓") is None


def test_data_shape() -> None:
    rows = lexicon.table("numerals.tsv", 3)
    kinds = {r[2] for r in rows}
    assert kinds == {"digit", "unit", "big", "point"}
    for ch, val, kind, *rest in rows:
        assert len(ch) == 1
        assert kind == "point" or int(val) >= 0
        assert rest in ([], ["formal"])
    assert numerals.chars("digit") and "点" not in numerals.chars()
    assert "陆" not in numerals.chars() and "陆" in numerals.chars(formal=True)


def test_imports_nothing_of_the_package_but_errors() -> None:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(numerals))
    own = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level}
    assert own <= {"errors"}


@pytest.mark.parametrize("text, want", [("百", "100"), ("千亿", "100000000000"), ("万", "10000"),
                                        ("十", "10"), ("万亿", "1000000000000")])
def test_magnitude(text: str, want: str) -> None:
    assert numerals.magnitude(text) == Decimal(want)


@pytest.mark.parametrize("text", ["", "三百", "百姓", "万万万万"])
def test_not_a_magnitude(text: str) -> None:
    assert numerals.magnitude(text) is None
