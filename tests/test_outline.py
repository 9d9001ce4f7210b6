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


DIRECTIVE_LINES = """关于做好秋季防汛工作的安排
区水务局要在8月底前完成全部堤防的隐患排查。
区应急管理局要组织开展一次防汛综合演练。
各街道要落实24小时值班制度。
区住建局要在9月底前完成老旧小区排水管网改造。
""" + "各村要确保年底前完成任务。\n" * 6 + "区财政局要保障防汛物资采购资金。\n"


def test_one_directive_sentence_a_line_is_a_task_each():
    import speechkit

    sp = speechkit.extract(DIRECTIVE_LINES, date="2025-07-01")
    assert sp.sections == ()
    lines = DIRECTIVE_LINES.splitlines()[1:]
    assert [t.text for t in sp.tasks] == lines
    assert sum(t.text == "各村要确保年底前完成任务。" for t in sp.tasks) == 6


def test_bylines_of_congress_reports_and_spaced_names_are_meta():
    text = ("坚持改革开放\n——在某省第十次党代会上的报告\n（2021年5月6日）\n张　某　某\n同志们：\n"
            "现在，我代表省委作报告。\n一、过去五年的工作\n五年来，全省经济总量迈上新台阶。\n")
    sents, sections = _build(text)
    kinds = {s.text: s.kind for s in sents}
    assert kinds["——在某省第十次党代会上的报告"] == "meta"
    assert kinds["张　某　某"] == "meta"
    assert [(s.level, s.marker) for s in sections] == [(1, "一、")]


def test_markers_inside_a_paragraph():
    # an inline enumeration: its first member is a long sentence, so none of them heads
    inline = ("（一）发展现代服务业\n全力发展现代服务业。一是加快物流园区建设，年内完成园区道路和供水等配套工程，"
              "力争入园企业达到20家。二是推动商贸升级。三是发展会展经济。\n")
    _, sections = _build(inline)
    assert [s.marker for s in sections] == ["（一）"]
    # a list of short run-in headings inside a paragraph heads sections
    runin = "第二,推进乡村振兴。全镇上下要形成合力。一是提升乡村建设水平。要加快道路建设。二是做优特色农业。要建设产业园。\n"
    _, sections = _build(runin)
    assert [s.marker for s in sections] == ["第二,", "一是", "二是"]
    # a salutation or formality after 首先 is no heading
    _, sections = _build("今天召开大会。首先，我代表县委、县政府，向大家致以新春的祝福！\n")
    assert sections == []


def test_long_dash_paragraphs_are_text_and_short_ones_a_level_below():
    text = ("一、过去五年的工作\n"
            "——我们坚持创新驱动，全社会研发投入年均增长12%，建成省级以上创新平台80个，高新技术企业数量翻了一番。\n"
            "二、今后五年的目标\n——经济实力明显增强。\n地区生产总值年均增长6%左右。\n"
            "——生态环境持续改善。\n主要污染物排放总量持续减少。\n（一）推进科技创新\n要加快建设创新平台。\n")
    _, sections = _build(text)
    assert [(s.level, s.marker) for s in sections] == [
        (1, "一、"), (1, "二、"), (2, "——"), (2, "——"), (2, "（一）")]


def test_fragments_debris_and_annexes():
    text = ("一、总体要求\n各地要认真贯彻落实《\n某某条例\n》和有关规定，坚持\n"
            "稳中求进\n，推动高质量发展。\n【字体：\n大\n中\n小\n】\n附件1\n一、重点项目清单\n")
    _, sections = _build(text)
    assert [s.title for s in sections] == ["总体要求", "附件1", "重点项目清单"]
    assert [s.level for s in sections] == [1, 1, 2]


def test_a_lead_in_heads_a_list_not_a_paragraph():
    sents, _ = _build("大会的主题是：\n" + "团结奋斗，开拓进取，奋力谱写高质量发展新篇章，为实现宏伟目标而不懈努力。" * 2
                      + "\n团结才能胜利。我们要团结一心。\n")
    assert sents[0].kind == "body"


def test_a_signature_over_its_date_is_meta():
    sents, sections = _build("一、工作要求\n各单位要按时报送材料。\n某县人民政府办公室\n2025年3月1日\n")
    assert [s.kind for s in sents][-2:] == ["meta", "meta"]
    assert len(sections) == 1


def test_outline_lines_data_shape():
    from speechkit import lexicon

    assert {k for k, _ in lexicon.table("outline_lines.tsv", 2)} == {"meta", "title", "annex"}


def test_web_page_labels_and_numeral_dated_bylines_are_never_headings():
    text = ("您的位置：\n首页 > 政务公开 > 讲话\n某市政府工作报告\n"
            "——二〇二五年一月八日在某市第八届人民代表大会第三次会议上\n"
            "发布时间：\n2025-01-20\n来源：\n某市日报\n各位代表：\n"
            "一、过去一年工作回顾\n全市生产总值增长了5%。\n"
            "附件2 名词解释\n1.“一网通办”\n指政务服务事项网上办理。\n")
    sents, sections = _build(text)
    kinds = {s.text: s.kind for s in sents}
    assert kinds["——二〇二五年一月八日在某市第八届人民代表大会第三次会议上"] == "meta"
    for label in ("您的位置：", "发布时间：", "来源："):  # meta, or removed as debris
        assert kinds.get(label, "meta") == "meta"
    assert [(s.level, s.title) for s in sections] == [(1, "过去一年工作回顾"),
                                                      (1, "附件2 名词解释"), (2, "“一网通办”")]
