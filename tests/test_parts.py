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
    assert kinds == {"review_head", "deploy_head", "other_head", "past", "future"}
