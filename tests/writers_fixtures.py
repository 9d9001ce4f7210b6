"""Speeches for the writers' tests: a plan written for them, with hostile lines, and the same
speech with items (two outline points) as the structure step makes them."""
from __future__ import annotations

from dataclasses import replace

import speechkit
from speechkit.records import Item, Speech

#: Our own plan: two points, lead and supporting units, and lines a spreadsheet would run.
PLAN = """关于推进城区更新工作的安排
一、总体要求
（一）完善基础设施。
区住建局牵头，区财政局、各街道配合，要在2026年6月底前完成12个老旧小区改造。
=HYPERLINK("http://example.com","x")要在年底前完成清理。
+SUM(1,2)各社区要做好排查。
-各社区要抓好落实，确保按期完工。
@各街道要加强宣传。
（二）提升服务水平。
各街道要加快推进便民服务中心建设，确保年底前全部投入使用。
要进一步优化办事流程。
"""
PLAN_DATE = "2026-03-01"
HOSTILE = '=HYPERLINK("http://example.com","x")'


def plan() -> Speech:
    """The plan as lone tasks in no part: the tests build the items and parts they need
    (see :func:`with_points`)."""
    sp = speechkit.extract(PLAN, date=PLAN_DATE, source="plan.txt")
    return replace(sp, items=(), tasks=tuple(replace(t, item=None) for t in sp.tasks),
                   sections=tuple(replace(s, part=None) for s in sp.sections))


def with_points(speech: Speech) -> Speech:
    """The speech with an item per second-level heading, holding the tasks under it."""
    heads = [s for s in speech.sections if s.level == 2]
    items = []
    for n, head in enumerate(heads):
        end = heads[n + 1].span[0] if n + 1 < len(heads) else len(speech.text)
        mine = [t for t in speech.tasks if head.span[0] <= t.span[0] < end]
        items.append(Item(
            id=f"I{n + 1:03d}", title=head.marker + head.title, span=(head.span[0], end),
            section=mine[0].section[:-1] if mine else (), kind="point",
            tasks=tuple(t.id for t in mine), owners=tuple(o for t in mine for o in t.owners),
            deadline=next((t.deadline for t in mine if t.deadline), None),
            targets=tuple(q for t in mine for q in t.targets)))
    return replace(speech, items=tuple(items))


def hostile_records() -> Speech:
    """Records whose every text starts like a formula or carries escape codes."""
    speech = plan()
    t = speech.tasks[0]
    bad_owner = replace(t.owners[0], text="=cmd|' /C calc'!A0")
    task = replace(t, text="\x1b[31m@SUM(A1)\x1b[0m要做好\x07。", owners=(bad_owner,))
    return replace(speech, title="+标题", source="-来源.txt", tasks=(task, *speech.tasks[1:]),
                   warnings=(HOSTILE, "@提示"))
