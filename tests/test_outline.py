from __future__ import annotations

from speechkit import cleaning, outline, sentences

DOC = """关于推进某项工作的讲话
同志们：
一、肯定成绩
上半年各项工作进展顺利。一是经济平稳增长。我们完成了全年目标的一半。
二、部署下半年工作
第一,抓好项目建设。要加快实施一批项目。
（一）狠抓投资
1.完善项目库。
各村要按期上报项目。
（二）强化保障
要落实资金。
"""


def _build(text):
    sents = sentences.split(text, cleaning.clean(text))
    return outline.build(sents)


def test_headings_and_levels():
    sents, sections = _build(DOC)
    titles = [(s.level, s.marker, s.title) for s in sections]
    assert titles == [
        (1, "一、", "肯定成绩"),
        (2, "一是", "经济平稳增长。"),
        (1, "二、", "部署下半年工作"),
        (2, "第一,", "抓好项目建设。"),
        (3, "（一）", "狠抓投资"),
        (4, "1.", "完善项目库。"),
        (3, "（二）", "强化保障"),
    ]
    kinds = {s.text: s.kind for s in sents}
    assert kinds["关于推进某项工作的讲话"] == "title"
    assert kinds["同志们："] == "meta"
    assert kinds["一是经济平稳增长。"] == "heading"
    assert kinds["要加快实施一批项目。"] == "body"


def test_section_paths():
    sents, _ = _build(DOC)
    by_text = {s.text: s.section for s in sents}
    assert by_text["各村要按期上报项目。"] == ("二、部署下半年工作", "第一,抓好项目建设", "（一）狠抓投资", "1.完善项目库")
    assert by_text["要落实资金。"] == ("二、部署下半年工作", "第一,抓好项目建设", "（二）强化保障")


def test_long_marker_sentence_is_a_task_not_a_heading():
    text = "一是要加快推进城东片区道路、管网和学校等一批基础设施项目建设，确保年底前全部完工并投入使用。\n"
    sents, sections = _build(text)
    assert sents[0].kind == "body"
    assert sections[0].marker == "一是"


def test_bylines_dates_and_speakers_are_meta():
    text = ("政府工作报告\n——2017年2月11日在某区人民代表大会上\n某区人民政府区长　王某某\n"
            "2023-01-28\n各位代表：\u200d\n现在，我代表区政府作报告。\n")
    sents, _ = _build(text)
    kinds = [(s.text, s.kind) for s in sents]
    assert kinds == [("政府工作报告", "title"), ("——2017年2月11日在某区人民代表大会上", "meta"),
                     ("某区人民政府区长　王某某", "meta"), ("2023-01-28", "meta"),
                     ("各位代表：", "meta"), ("现在，我代表区政府作报告。", "body")]


def test_a_list_of_short_items_is_tasks_not_headings():
    text = ("一、主要指标\n1.地区生产总值增长8%左右。\n（责任单位：区发展改革局）\n"
            "2.一般公共预算收入增长7.5%。\n3.城镇新增就业1.1万人。\n"
            "二、重点任务\n1.完善项目管理。\n建立项目库，实行动态管理。\n")
    sents, _ = _build(text)
    kinds = {s.text: s.kind for s in sents}
    assert kinds["1.地区生产总值增长8%左右。"] == "body"  # its note follows
    assert kinds["2.一般公共预算收入增长7.5%。"] == "body"  # the next item follows
    assert kinds["3.城镇新增就业1.1万人。"] == "body"  # the last of the list
    assert kinds["1.完善项目管理。"] == "heading"  # its content follows


def test_a_short_line_ending_with_a_colon_introduces_a_list():
    sents, _ = _build("具体目标：\n到2026年，建成示范园区10个。\n")
    assert [s.kind for s in sents] == ["heading", "body"]
