from __future__ import annotations

import speechkit

PLAN = """某区优化营商环境工作要点
一、提升政务服务
1.推行企业开办一日办结。各街道要设立帮办代办窗口。（牵头单位：区政务服务中心；责任单位：各街道）
2.压缩工程建设项目审批时间，确保年底前审批时限压减至60个工作日以内。（区住建局负责）
二、强化要素保障
要盘活存量低效用地，力争全年供应工业用地500亩。
"""


def test_the_tasks_under_one_point_share_one_item(seed_speech):
    tasks = [t for t in seed_speech.tasks if t.section and t.section[-1].startswith("一是提升乡村建设水平")]
    assert len(tasks) >= 3
    assert len({t.item for t in tasks}) == 1 and tasks[0].item is not None
    item = next(i for i in seed_speech.items if i.id == tasks[0].item)
    assert item.title.startswith("一是提升乡村建设水平")
    assert item.tasks == tuple(t.id for t in tasks)
    assert {"镇农业农村办公室", "各村"} <= {o.text for o in item.owners}
    assert item.deadline is not None and item.deadline.text == "年底前"


def test_every_task_is_in_the_item_that_names_it(seed_speech):
    by_id = {i.id: i for i in seed_speech.items}
    for t in seed_speech.tasks:
        if t.item is not None:
            assert t.id in by_id[t.item].tasks
    assert sum(len(i.tasks) for i in seed_speech.items) == sum(t.item is not None for t in seed_speech.tasks)
    text = seed_speech.text
    for i in seed_speech.items:
        assert 0 <= i.span[0] < i.span[1] <= len(text)


def test_numbered_plan_items_carry_their_notes_owners():
    sp = speechkit.extract(PLAN, date="2025-03-01")
    plans = [i for i in sp.items if i.kind == "plan"]
    assert [i.title[:2] for i in plans] == ["1.", "2."]
    assert {"区政务服务中心", "各街道"} <= {o.text for o in plans[0].owners}
    assert [o.text for o in plans[1].owners] == ["区住建局"]
    assert plans[1].deadline is not None and plans[1].deadline.text == "年底前"
    point = [i for i in sp.items if i.kind == "point"]
    assert point and point[-1].title == "二、强化要素保障"
    assert point[-1].targets and point[-1].targets[0].value == 500


def test_items_are_in_the_json_record(seed_speech):
    d = seed_speech.to_dict()
    assert d["items"] and {"id", "title", "span", "tasks", "owners", "deadline", "targets"} <= set(d["items"][0])
    assert all("item" in t for t in d["tasks"])
