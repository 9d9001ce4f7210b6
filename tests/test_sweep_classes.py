"""Classes of nonsense found by a sweep over unannotated real text, each fixed by a mechanism.

Rows are invented sentences: a verb-led object read as a subject (``筹建一批…中心，…``), a clause
read as a unit (``…是每一名…``), a time inside a quoted name (“新十二月市”), a unit that opens
another word (``5万亿台阶``), a fixed term's number (``八项主张``); with must-not rows that
the same mechanisms must leave alone.
"""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from speechkit.cleaning import normalise
from speechkit.extractors import deadlines, quantities
from speechkit.sentences import Sentence
from tests.test_owners import owned

BASE = dt.date(2026, 2, 1)

VERB_LED = [  # an object after a verb at the clause's start: no owner
    "筹建一批省级工程中心，推动成果转化。",
    "申建综合保税物流中心，加快口岸建设。",
    "争创国家级质量标杆中心，带动全域提升。",
    "组建省生物医药研究院，集聚创新团队。",
    "建好县级融媒体中心，讲好本地故事。",
    "服务群众是每一名窗口工作人员必须坚守的本分。",  # a clause: 是 is inside no name
    # the object of a lead verb, with a relative clause before it (鼓励X, 支持X: never owners)
    "鼓励和支持有比较优势的各种所有制企业对外投资。",
    "支持有条件的各类企业对外投资。",
    "引导有实力的各类企业参与乡村建设。",
]
KEPT_OWNERS = [  # verbs that only qualify the body, known names, qualified classes
    ("市审批局加快推进流程再造。", ["市审批局:owner"]),
    ("市投资促进局，要加强招商引资。", ["市投资促进局:owner"]),
    ("相关责任单位，要抓紧落实整改。", ["相关责任单位:owner"]),
    ("有条件的城市，要率先开展试点。", ["有条件的城市:owner"]),
    ("试点地区完成平台整合工作。", ["试点地区:owner"]),
    ("历下区加快推进老旧小区改造。", ["历下区:owner"]),
    ("县发展改革局牵头，县财政局配合。", []),  # a note line of its own
    ("其他承担科研任务的单位要参照执行。", ["其他承担科研任务的单位:owner"]),
]


@pytest.mark.parametrize("text", VERB_LED)
def test_a_verb_led_object_is_no_owner(text):
    assert owned(text) == [[]]


@pytest.mark.parametrize(("text", "expected"), KEPT_OWNERS)
def test_units_whose_name_holds_a_verb_stay_owners(text, expected):
    got = owned(text)
    assert (got == [expected]) if expected else (got in ([], [[]]))


def _sentence(text: str) -> Sentence:
    assert len(unicodedata.normalize("NFKC", text)) == len(text)
    return Sentence(0, len(text), text, normalise(text))


QUOTED = [  # (sentence, the deadline's text or None)
    ("打造“新十二月市”等文旅品牌。", None),
    ("办好“三月三”民俗节庆活动。", None),
    ("举办「五月花」艺术节。", None),
    ("确保“年底前”全部完成。", "年底前"),  # a quote of the time alone
    ("“十五五”内建成现代化体系。", "“十五五”内"),  # the quote is the time's own
    ("“2026年底前完成改造”是硬任务。", "2026年底前"),  # a quoted instruction
    ("组织“春风行动”，3月底前完成。", "3月底前"),  # a name beside the time
]


@pytest.mark.parametrize(("text", "expected"), QUOTED)
def test_a_time_inside_a_quoted_name_is_no_deadline(text, expected):
    d, _ = deadlines.find(_sentence(text), BASE)
    assert (d.text if d else None) == expected
    if d:
        assert text[d.span[0]:d.span[1]] == d.text


UNIT_WORDS = [  # (sentence, [(text, value, unit)])
    ("经济总量迈上3万亿台阶。", [("3万亿", 3, "万亿")]),
    ("地区生产总值跨上五千亿台阶。", [("五千亿", 5000, "亿")]),
    ("新增5台数控机床。", [("5台", 5, "台")]),  # 台 is a unit when no word follows
    ("建立8本台账，出台2条例。", []),
    ("修订3条地方性法规。", [("3条", 3, "条")]),
    # fixed terms whose numbers are no quantities, beside counts that are
    ("举办铁人三项公开赛和三人篮球联赛。", []),
    ("落实三条控制线管控要求。", []),
    ("坚持两岸关系的八项主张。", []),
    ("新建三条农村公路，开展八项专项整治。", [("三条", 3, "条"), ("八项", 8, "项")]),
]


@pytest.mark.parametrize(("text", "expected"), UNIT_WORDS)
def test_a_unit_opening_another_word_is_no_unit(text, expected):
    got = quantities.find(_sentence(text))
    assert [(q.text, float(q.value), q.unit) for q in got] == [(t, float(v), u) for t, v, u in expected]
    for q in got:
        assert text[q.span[0]:q.span[1]] == q.text
