from __future__ import annotations

import pytest

import speechkit
from speechkit import parts

REPORT = """关于全区市场监管工作的讲话
一、过去一年工作回顾
过去一年，我们加强市场监管，维护正常价格秩序。
严厉打击制售假冒伪劣商品违法行为，查处案件320件。
深化商事制度改革，新增市场主体1.2万户。
下一步，要继续加大农村市场的抽检力度。
二、今年工作安排
要加强市场监管，维护正常价格秩序。
区市场监管局要在6月底前完成农贸市场专项检查。
"""


@pytest.mark.parametrize("title, part", [
    ("一、过去一年工作回顾", "review"),
    ("（二）城市建设成绩显著", "review"),
    ("二、2026年工作安排", "deploy"),
    ("三、主要预期目标", "deploy"),
    ("三、新时代的历史使命", "other"),
    ("（一）加快产业转型升级", None),  # the words do not decide: the body's tense does
    ("一、五年来的成就和今后的主要任务", None),  # both: the body decides
])
def test_heading_part(title, part):
    assert parts.heading_part(title) == part


def test_a_review_in_deployment_verbs_yields_no_tasks_but_its_next_step_does():
    sp = speechkit.extract(REPORT, date="2025-03-01")
    assert [(s.title, s.part) for s in sp.sections] == [("过去一年工作回顾", "review"),
                                                        ("今年工作安排", "deploy")]
    texts = [t.text for t in sp.tasks]
    assert "过去一年，我们加强市场监管，维护正常价格秩序。" not in texts
    assert "要加强市场监管，维护正常价格秩序。" in texts
    assert "下一步，要继续加大农村市场的抽检力度。" in texts


def test_an_undecided_heading_takes_the_tense_of_its_body():
    text = ("一、产业发展\n全年新增规模以上企业12家，累计完成投资30亿元，同比增长8%。\n"
            "二、产业发展\n要加快培育新兴产业。各园区要确保年底前完成招商任务。\n")
    sp = speechkit.extract(text, date="2025-03-01")
    assert [s.part for s in sp.sections] == ["review", "deploy"]


def test_the_seed_has_review_and_deploy_parts(seed_speech):
    found = {s.part for s in seed_speech.sections}
    assert {"review", "deploy"} <= found
    assert found <= set(parts.PARTS)
    assert seed_speech.sections[0].part == "review"  # 一、肯定成绩…


def test_parts_data_shape():
    from speechkit import lexicon

    kinds = {k for _, k in lexicon.table("parts.tsv", 2)}
    assert kinds == {"review_head", "deploy_head", "other_head", "other_fixed", "past", "future",
                     "turn"}


def _sentence_parts(text):
    from speechkit.pipeline import segment

    return [(s.text, s.part) for s in segment(text)[1] if s.kind == "body"]


def test_a_speech_without_headings_reviews_until_it_turns_to_the_work_ahead():
    text = ("同志们：\n"
            "一年来，全镇完成了12个重点项目，累计新增就业岗位800个，群众收入比上年增长了6%。\n"
            "镇里先后建成了3个农贸市场，改造了老旧小区10个。\n"
            "下一步，全镇上下要把项目建设摆在突出位置。\n"
            "各村要在6月底前完成人居环境整治。\n"
            "镇财政所要加快资金拨付。\n")
    got = dict(_sentence_parts(text))
    assert got["镇里先后建成了3个农贸市场，改造了老旧小区10个。"] == "review"
    assert got["下一步，全镇上下要把项目建设摆在突出位置。"] == "deploy"
    assert got["各村要在6月底前完成人居环境整治。"] == "deploy"
    # after the turn, a paragraph with a past cue still deploys
    later = text + "去年没有完成的任务，今年要全部完成了结。\n"
    assert dict(_sentence_parts(later))["去年没有完成的任务，今年要全部完成了结。"] == "deploy"


def test_a_preamble_in_the_present_stays_other():
    text = ("同志们：\n今天我们召开全区安全生产工作会议，总结前段工作，安排下一步工作。\n"
            "一、今年工作安排\n各街道要在5月底前完成隐患排查。\n")
    got = dict(_sentence_parts(text))
    assert got["今天我们召开全区安全生产工作会议，总结前段工作，安排下一步工作。"] == "other"


def test_an_other_heading_after_a_review_deploys_when_its_body_does():
    text = ("一、过去一年工作回顾\n全区完成了固定资产投资120亿元，同比增长了7%。\n"
            "二、牢记使命，奋力开创新局面\n要加快推进城市更新。各街道要确保年底前完成改造任务。\n"
            "区住建局要抓好老旧小区改造。\n"
            "三、名词解释\n城市更新：要对城市建成区进行整治提升的活动。\n")
    sp = speechkit.extract(text, date="2025-03-01")
    assert [s.part for s in sp.sections] == ["review", "deploy", "other"]


def test_an_other_heading_without_a_review_before_it_stays_other():
    text = ("一、深刻认识新时代的历史使命\n要充分认识做好这项工作的重要性。各级要确保认识到位。\n"
            "二、今年工作安排\n各街道要在5月底前完成隐患排查。\n")
    sp = speechkit.extract(text, date="2025-03-01")
    assert [s.part for s in sp.sections] == ["other", "deploy"]
