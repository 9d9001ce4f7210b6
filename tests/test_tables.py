from __future__ import annotations

import datetime as dt

import pytest

import speechkit
from speechkit import tables

ONE_CELL_A_LINE = """某市2025年民生实事任务分工表
序号
工作任务
牵头单位
配合单位
完成时限
一、教育医疗
1
新建改扩建公办幼儿园6所，新增学位1800个。
市教育局
市财政局、各区政府
2025年9月底前
2
建成区域医疗中心一个。
市卫生健康委
市发展改革委
2025年12月底前
二、城乡建设
3
改造老旧小区40个。
市住房城乡建设局
各区政府
2025年11月底前
以上任务由市政府督查室按季度调度。
"""

TABBED = ("序号\t工作任务\t责任单位\t完成时限\n"
          "1\t完成全市农村公路危桥改造30座。\t市交通运输局\t2025年10月底前\n"
          "2\t新增城市停车泊位5000个。\t市城管局、市公安局\t2025年年底前\n")


@pytest.mark.parametrize("cell, role", [
    ("序号", "index"), ("工作任务", "content"), ("主 要 内 容", "content"),
    ("牵头单位", "lead"), ("配合单位", "support"), ("责任部门", "owner"),
    ("完成时限", "deadline"), ("推广范围", "other"),
    ("新建幼儿园6所", None), ("市教育局负责新建改扩建公办幼儿园", None),
])
def test_column_role(cell, role):
    assert tables.column_role(cell) == role


def test_a_table_one_cell_a_line_gives_a_task_a_row():
    sp = speechkit.extract(ONE_CELL_A_LINE, date="2025-03-01")
    assert [t.text for t in sp.tasks][:3] == ["新建改扩建公办幼儿园6所，新增学位1800个。",
                                          "建成区域医疗中心一个。", "改造老旧小区40个。"]
    first = sp.tasks[0]
    assert [(o.text, o.role) for o in first.owners] == [
        ("市教育局", "lead"), ("市财政局", "support"), ("各区政府", "support")]
    assert first.deadline is not None and first.deadline.end == dt.date(2025, 9, 30)
    assert sp.tasks[2].deadline is not None and sp.tasks[2].deadline.end == dt.date(2025, 11, 30)
    for t in sp.tasks:
        for o in t.owners:
            assert ONE_CELL_A_LINE[o.span[0]:o.span[1]] == o.text
    rows = [i for i in sp.items if i.kind == "row"]
    assert len(rows) == 3 and [len(i.tasks) for i in rows] == [1, 1, 1]
    assert all(i.title for i in rows)
    # the group lines are the outline's; header cells and unit cells are no headings
    assert [s.marker + s.title for s in sp.sections] == ["一、教育医疗", "二、城乡建设"]


def test_the_line_after_the_table_is_text_again():
    segs = speechkit.pipeline.segment(ONE_CELL_A_LINE)[1]
    last = next(s for s in segs if s.text.startswith("以上任务"))
    assert last.row == -1


def test_a_tab_separated_table():
    sp = speechkit.extract(TABBED, date="2025-03-01")
    assert len(sp.tasks) == 2
    assert [o.text for o in sp.tasks[1].owners] == ["市城管局", "市公安局"]
    assert sp.tasks[0].deadline is not None and sp.tasks[0].deadline.end == dt.date(2025, 10, 31)
    for t in sp.tasks:
        for o in t.owners:
            assert TABBED[o.span[0]:o.span[1]] == o.text


def test_tables_data_shape():
    from speechkit import lexicon

    roles = {r for _, r in lexicon.table("tables.tsv", 2)}
    assert roles == {"index", "title", "content", "lead", "support", "owner", "deadline", "other"}
