"""Deadlines and recurrences: the expression table (tests/data/deadlines.tsv) and the data's shape."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from speechkit.extractors import deadlines
from speechkit.lexicon import table
from speechkit.sentences import Sentence

BASE = dt.date(2025, 7, 15)
TABLE = Path(__file__).parent / "data" / "deadlines.tsv"
TERMS = {"立春", "立夏", "立秋", "立冬", "清明", "冬至", "夏至", "春分", "秋分", "惊蛰", "芒种", "寒露"}
CLASSES = {"digit", "year_rel", "month_rel", "quarter_rel", "month_part", "year_part", "suffix",
           "prefix", "fixed", "festival", "season", "plan", "plan_suffix", "vague", "start_now",
           "recurrence", "frame_before", "frame_after", "year_cue", "measure", "not", "season_term", "day_rel",
           "week_rel", "weekday",
           "span_unit", "span_prefix", "lead", "limit_label", "limit_value"}


def sentence(text: str) -> Sentence:
    norm = unicodedata.normalize("NFKC", text)
    assert len(norm) == len(text), "test sentences must keep their length under NFKC"
    return Sentence(0, len(text), text, norm)


def rows() -> list[object]:
    out = []
    for n, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cat, expr, end, start, every, text, *gap = line.split("\t")
        marks = [pytest.mark.xfail(strict=True, reason=gap[0])] if gap else []
        out.append(pytest.param(cat, expr, end, start, every, expr if text == "-" else text,
                                marks=marks, id=f"{n}-{cat}-{expr}"))
    return out


@pytest.mark.parametrize("cat, expr, end, start, every, text", rows())
def test_expression_table(cat, expr, end, start, every, text):
    deadline, recurrence = deadlines.find(sentence(text), BASE)
    if end == "no":
        assert deadline is None, deadline
    else:
        assert deadline is not None
        assert deadline.text == expr
        assert text[deadline.span[0]:deadline.span[1]] == deadline.text
        assert (deadline.end.isoformat() if deadline.end else "null") == end
        assert (deadline.start.isoformat() if deadline.start else "-") == start
        assert (deadline.precision == "vague") == (deadline.end is None)
    assert (recurrence.every if recurrence else "-") == every


def test_table_size():
    params = rows()
    assert sum(p.values[2] != "no" for p in params) >= 100  # type: ignore[attr-defined]
    assert sum(p.values[0] == "not" for p in params) >= 10  # type: ignore[attr-defined]


def test_spans_are_absolute():
    text = "镇规建办要确保年底前完成改造。"
    sent = Sentence(100, 100 + len(text), text, text)
    deadline, _ = deadlines.find(sent, BASE)
    assert deadline is not None and deadline.span == (107, 110)


def test_no_base_date_keeps_relative_deadlines_without_end():
    deadline, _ = deadlines.find(sentence("确保年底前完成改造。"), None)
    assert deadline is not None and deadline.end is None and deadline.text == "年底前"
    deadline, _ = deadlines.find(sentence("到2027年全面建成。"), None)
    assert deadline is not None and deadline.end == dt.date(2027, 12, 31)


def test_find_all_lists_every_limit_in_order():
    found = deadlines.find_all(sentence("及时跟进,10月底前完成设备安装,年底前投入使用。"), BASE)
    assert [d.text for d in found] == ["及时", "10月底前", "年底前"]


def test_data_shape():
    rows_ = table("time_words.tsv", 3)
    assert {r[1] for r in rows_} <= CLASSES
    for word, cls, value, *extra in rows_:
        if cls in ("festival",):
            kind, what = value.split(":")
            assert kind in ("lunar", "solar", "term", "eve") and extra and extra[0].isdigit()
            assert len(what) == 5 if kind != "term" else what in TERMS
        elif cls == "season_term":
            assert value in TERMS and extra[0] in TERMS
        elif cls == "span_unit":
            assert value.rstrip("+") in {"day", "week", "workday", "month", "quarter", "year"}
        elif cls == "year_part":
            assert len(value) in (2, 5) and 1 <= int(value[:2]) <= 12
        elif cls == "season":
            assert len(value) == 5 and value[2] == "-"
        elif cls == "plan":
            assert int(extra[0]) - int(value) == 4
        elif cls == "recurrence":
            assert value in {"day", "week", "month", "quarter", "half-year", "year", "regular"}
    vague = {r[0] for r in rows_ if r[1] == "vague"}
    assert {"按期", "尽快", "尽早", "及时", "限期", "按照时限要求", "近期"} <= vague
    assert not {"抓紧", "逐步"} & vague


def test_no_import_time_work():
    code = ("import speechkit.extractors.deadlines as d, speechkit.lexicon as l;"
            "assert l.table.cache_info().currsize == 0; assert d.grammar.grammar.cache_info().currsize == 0;"
            "assert d.days._official.cache_info().currsize == 0")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_damaged_year_is_no_deadline():
    from speechkit.cleaning import clean
    from speechkit.sentences import split

    text = "0403年底前建设完成省级养老服务平台。"
    sent = split(text, clean(text))[0]
    deadline, _ = deadlines.find(sent, dt.date(2021, 3, 1))
    assert deadline is None


@pytest.mark.parametrize(
    "text, end",
    [
        ("各地要在今年3月底前完成排查。", "2025-03-31"),  # names its year: overdue, not next year
        ("各地要在2025年6月底前完成排查。", "2025-06-30"),  # a past limit with its year stays
        ("各地要在6月底前完成排查。", "2026-06-30"),  # no year: the next June
    ],
)
def test_a_named_year_is_never_rolled(text, end):
    from speechkit.cleaning import clean
    from speechkit.sentences import split

    sent = split(text, clean(text))[0]
    deadline, _ = deadlines.find(sent, dt.date(2025, 7, 15))
    assert deadline is not None and deadline.end.isoformat() == end


@pytest.mark.parametrize(
    "text, why",
    [
        ("要在十二三天内完成。", None),  # an approximate count: its upper end, no crash
        ("要在2100年春节前完成。", "lunar calendar"),
        ("要在9999年内完成。", "outside the years"),
        ("要在99999999999天内完成。", "beyond 2200"),
        ("要在9000000个工作日内完成。", "beyond 2200"),  # no day-by-day loop: returns at once
        ("要在2101年冬季前完成。", "solar-term calendar"),
    ],
)
def test_days_beyond_the_calendar_are_refused_with_a_warning(text, why):
    import speechkit

    warnings: list[str] = []
    deadline, _ = deadlines.find(sentence(text), BASE, warnings)
    if why is None:
        assert deadline is not None and deadline.end == dt.date(2025, 7, 28) and not warnings
    else:
        assert deadline is None and len(warnings) == 1 and why in warnings[0]
        assert warnings[0].startswith("deadline refused at ")
    speech = speechkit.extract(text, date=BASE)
    assert not [w for w in speech.warnings if "failed" in w]
    assert len([w for w in speech.warnings if "refused" in w]) == (why is not None)


def test_working_days_follow_the_official_calendar_then_monday_to_friday():
    # 2025-09-30 (Tue) + 3 working days: the National Day holiday runs Oct 1-8 and Saturday
    # Oct 11 is a make-up working day: Oct 9, 10, 11 (Mon-Fri alone would give Oct 3)
    deadline, _ = deadlines.find(sentence("要在3个工作日内完成。"), dt.date(2025, 9, 30))
    assert deadline is not None and deadline.end == dt.date(2025, 10, 11)
    notes: list[str] = []
    deadline, _ = deadlines.find(sentence("要在10个工作日内完成。"), dt.date(2030, 1, 4), notes)
    assert deadline is not None and deadline.end == dt.date(2030, 1, 18)  # Fri + 10 → Fri
    assert notes and "Monday to Friday" in notes[0]


@pytest.mark.parametrize(
    "text, base, end",
    [
        ("今后五年要建成现代化强省。", dt.date(2026, 2, 3), "2030-12-31"),  # the plan period
        ("未来5年内建成现代化强省。", dt.date(2026, 2, 3), "2031-02-02"),  # a span: arithmetic
        ("今后五年要建成现代化强省。", dt.date(2027, 6, 1), "2032-05-31"),  # no plan begins in 2027
        ("“十五五”期间要建成现代化强省。", dt.date(2026, 2, 3), "2030-12-31"),
        ("“九五”期间要基本解决温饱问题。", dt.date(1996, 3, 5), "2000-12-31"),
        ("到本世纪末要基本解决温饱问题。", dt.date(1996, 3, 5), "2000-12-31"),
        ("今后五年要基本解决温饱问题。", dt.date(1996, 3, 5), "2000-12-31"),
    ],
)
def test_the_coming_five_years_in_a_plans_first_year_is_the_plan(text, base, end):
    deadline, _ = deadlines.find(sentence(text), base)
    assert deadline is not None and deadline.end is not None and deadline.end.isoformat() == end


def test_find_takes_a_plain_text_note_or_cell():
    note = "（牵头单位：县住建局；配合单位：各乡镇；完成时限：2026年6月底前）"
    deadline, _ = deadlines.find(note, BASE)
    assert deadline is not None and deadline.end == dt.date(2026, 6, 30)
    assert note[deadline.span[0]:deadline.span[1]] == "2026年6月底前"
    cell, _ = deadlines.find("2026年3月", BASE)  # a 完成时限 cell holding a bare month
    assert cell is not None and cell.end == dt.date(2026, 3, 31) and cell.span == (0, 7)
    assert deadlines.find("长期坚持", BASE) == (None, None)


@pytest.mark.parametrize(
    "title, year",
    [("数字江城2019行动方案", 2019), ("某县2025年工作要点", 2025), ("某市养老服务体系规划（2021—2025年）", 2021)],
)
def test_a_year_in_the_title_is_the_base_when_no_date_is_stated(title, year):
    import speechkit

    text = f"{title}\n\n一、加快建设政务云平台。各部门要在年底前完成系统迁移。\n"
    speech = speechkit.extract(text)
    ends = [t.deadline.end for t in speech.tasks if t.deadline]
    assert ends == [dt.date(year, 12, 31)]
    assert speech.date is None
    assert any(f"year in the title ({year})" in w for w in speech.warnings)


def test_no_year_in_the_title_leaves_relative_deadlines_open():
    import speechkit

    speech = speechkit.extract("关于加快政务云建设的通知\n\n各部门要在年底前完成系统迁移。\n")
    assert [t.deadline.end for t in speech.tasks if t.deadline] == [None]
    assert any("end null" in w for w in speech.warnings)


@pytest.mark.parametrize(
    "titles, year",
    [(["关于印发二〇一九年全县重点工作安排的通知"], 2019), (["全市数字乡村建设三年行动方案"], None),
     (["关于做好2020—2022年农村公路养护的意见"], 2020), (["编号123456的通知"], None),
     (["某镇2024年工作总结和2025年工作安排"], 2025)],
)
def test_the_title_year(titles, year):
    from speechkit.speechdate import base_from_title, find_title_year

    assert find_title_year(titles) == year
    base, note = base_from_title(titles)
    assert (base.year if base else None) == year and bool(note) == (year is not None)


@pytest.mark.parametrize("base", [dt.date(2200, 12, 31), dt.date(1900, 1, 1), dt.date(9999, 12, 31)])
@pytest.mark.parametrize("text", ["要在6月底前完成。", "要在明年春节前完成。", "要在下月九号完成。", "要在3个工作日内完成。",
                                  "要在下周五完成。", "2200年1月1日至2月1日完成。"])
def test_base_dates_at_the_ends_of_the_calendar(text, base):
    warnings: list[str] = []
    deadline, _ = deadlines.find(sentence(text), base, warnings)
    assert deadline is None or deadline.end is None or deadlines.YEARS[0] <= deadline.end.year <= 2200
    assert deadline is not None or warnings


@pytest.mark.parametrize("value, end", [
    ("全年", dt.date(2025, 12, 31)),        # a limit's whole value: the year the work spans
    ("9月底前", dt.date(2025, 9, 30)),
    ("长期坚持", None),                     # no date and no deadline
])
def test_a_time_limits_value(value, end):
    from speechkit.extractors.deadlines import find_limit

    found = find_limit(value, BASE)
    assert (found.end if found else None) == end
    assert deadlines.find("全年实现增长8%。", BASE)[0] is None  # elsewhere 全年 frames a figure


def test_a_tab_rows_time_limit_cell_is_its_deadline():
    import speechkit

    text = ("附：任务清单\n序号\t任务内容\t责任单位\t完成时限\n"
            "1\t开展农村道路安全隐患排查\t县交通运输局\t全年\n"
            "2\t推进充电设施建设\t各乡镇\t长期坚持\n")
    speech = speechkit.extract(text, date="2025-03-01")
    got = {t.text.split("\t")[1]: (t.deadline.text, t.deadline.end) if t.deadline else None
           for t in speech.tasks}
    assert got == {"开展农村道路安全隐患排查": ("全年", dt.date(2025, 12, 31)), "推进充电设施建设": None}
    for t in speech.tasks:
        if t.deadline:
            assert text[slice(*t.deadline.span)] == t.deadline.text


def test_a_time_limits_value_keeps_its_span_after_a_bracket():
    from speechkit.extractors.deadlines import find_limit

    cell = "）全年。"
    found = find_limit(cell, BASE)
    assert found is not None and cell[slice(*found.span)] == "全年"
