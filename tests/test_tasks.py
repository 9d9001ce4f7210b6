from __future__ import annotations

import pytest

import speechkit
from speechkit import lexicon
from speechkit.extractors.tasks import force_of, perfective


@pytest.mark.parametrize(
    "sentence, force",
    [
        ("各村必须在年底前完成整改。", "must"),
        ("务必把安全生产放在首位。", "must"),
        ("确保项目按期竣工。", "must"),
        ("要加强农村精神文明建设。", "should"),
        ("力争全年引进项目20个。", "strive"),
        ("争取更多上级资金支持。", "strive"),
        ("鼓励企业开展技术改造。", "encourage"),
        ("严禁以任何名义增加农民负担。", "forbid"),
        ("不得将健康码作为唯一凭证。", "forbid"),
        ("持续改善办学条件。", None),
    ],
)
def test_force(sentence, force):
    assert force_of(sentence) == force


SPEECH = """关于下半年重点工作的讲话
同志们：
一、上半年工作回顾
上半年，全镇完成固定资产投资12亿元，同比增长8%。
我们持续优化营商环境，市场主体活力得到进一步激发。
二、下半年重点工作
第一，抓好项目建设。
要加快实施城东片区道路改造工程，确保年底前全部完工。
镇规建办要每周跟进项目进度，及时解决推进中的难题。
严禁在项目建设中搞形式主义。
第二，做好民生保障。
要完善养老服务体系，新增社区养老服务站3个。
同志们，蓝图已经绘就，关键在于落实。
谢谢大家。
"""


@pytest.fixture(scope="module")
def speech():
    return speechkit.extract(SPEECH, date="2025-07-15")


@pytest.mark.parametrize(
    "sentence, is_task",
    [
        ("上半年，全镇完成固定资产投资12亿元，同比增长8%。", False),
        ("我们持续优化营商环境，市场主体活力得到进一步激发。", False),
        ("第一，抓好项目建设。", False),  # a heading names a category; it is not a task
        ("要加快实施城东片区道路改造工程，确保年底前全部完工。", True),
        ("镇规建办要每周跟进项目进度，及时解决推进中的难题。", True),
        ("严禁在项目建设中搞形式主义。", True),
        ("要完善养老服务体系，新增社区养老服务站3个。", True),
        ("谢谢大家。", False),
        ("关于下半年重点工作的讲话", False),
    ],
)
def test_task_detection(speech, sentence, is_task):
    texts = {t.text for t in speech.tasks}
    assert (sentence in texts) == is_task


def test_task_fields(speech):
    by_text = {t.text: t for t in speech.tasks}
    t = by_text["严禁在项目建设中搞形式主义。"]
    assert t.force == "forbid"
    assert t.section == ("二、下半年重点工作", "第一，抓好项目建设")
    assert 0.5 <= t.confidence <= 1.0
    t = by_text["要完善养老服务体系，新增社区养老服务站3个。"]
    assert [q.text for q in t.targets] == ["3个"]
    assert t.targets[0].kind == "target"
    ids = [t.id for t in speech.tasks]
    assert len(ids) == len(set(ids))


def test_figures_of_the_past_are_not_targets(speech):
    assert {q.text for q in speech.figures} >= {"12亿元", "8%"}


@pytest.mark.parametrize(
    "sentence, is_task",
    [
        # an evaluative copula describes; a strong directive still directs
        ("抓好这些项目，是我们完成全年目标任务的关键。", False),
        ("加强生态保护至关重要。", False),
        ("各村要把环境整治作为当前工作的关键，确保年底前完成。", True),
        # the continuation of a higher leader's quoted instruction
        ("强调要坚持把发展经济的着力点放在实体经济上。", False),
        # a directive in a later clause
        ("我县是农业大县、生态大县，更要守住耕地红线，扛起粮食安全责任。", True),
    ],
)
def test_rules_where_rules_win(sentence, is_task):
    speech = speechkit.extract(sentence, date="2025-07-15")
    assert bool(speech.tasks) == is_task


def test_a_review_part_in_deployment_verbs_yields_no_tasks_but_its_turn_ahead_does() -> None:
    import speechkit

    text = ("一、过去一年工作回顾\n"
            "过去一年，全县经济稳中有进。\n"
            "加强农村公路养护，改造危桥12座。\n"
            "深化放管服改革，优化营商环境。\n"
            "下一步，县交通局要在年底前完成剩余8座危桥改造。\n"
            "二、今年工作安排\n"
            "加强农村公路养护，全年改造危桥20座。\n")
    speech = speechkit.extract(text, date="2025-03-01")
    parts = {s.title[:6]: s.part for s in speech.sections}
    assert parts == {"过去一年工作": "review", "今年工作安排": "deploy"}
    found = [t.text for t in speech.tasks]
    assert "深化放管服改革，优化营商环境。" not in found
    assert "加强农村公路养护，改造危桥12座。" not in found
    assert any(t.startswith("下一步") for t in found)
    assert "加强农村公路养护，全年改造危桥20座。" in found


def test_the_part_decides_whatever_the_model_scores() -> None:
    """Sentences of a review part scored as tasks stay reports unless they turn ahead."""
    from speechkit.extractors.tasks import classify
    from speechkit.segment import segment

    text = ("一、过去一年工作回顾\n"
            "深化放管服改革，优化营商环境。\n"
            "下一步，县交通局要在年底前完成剩余8座危桥改造。\n"
            "明年继续推进老旧小区改造。\n"
            "二、今年工作安排\n"
            "深化放管服改革，优化营商环境。\n")
    _, sents, _ = segment(text)
    body = {s.index: s for s in sents if s.kind == "body"}
    verdicts = classify(sents, {k: 0.9 for k in body})
    got = {(body[k].part, body[k].text[:4]): verdicts[k].is_task for k in body}
    assert got == {("review", "深化放管"): False, ("review", "下一步，"): True,
                   ("review", "明年继续"): True, ("deploy", "深化放管"): True}


@pytest.mark.parametrize("line", [
    "市委组织部牵头，年底前完成干部档案专项审核。",
    "由县农业农村局牵头、县卫健局配合，6月底前完成户厕改造。",
    "县直各单位密切配合，完成农村公路提质改造。",
])
def test_a_first_clause_assigning_the_work_makes_a_task(line):
    speech = speechkit.extract(f"标题\n二、重点任务\n改造要抓紧推进。{line}\n", date="2025-03-01")
    assert line in [t.text for t in speech.tasks]


@pytest.mark.parametrize("line", [
    "我们坚持以新发展理念为指导，推动经济平稳运行。",  # a clause of guidance assigns nothing
    "由市发改委牵头的工作专班已经成立。",              # a role inside a noun phrase
])
def test_guidance_and_noun_phrases_assign_no_work(line):
    from speechkit.extractors.tasks import _assignment

    assert not _assignment().match(line.replace("，", ","))


def test_an_assignment_in_a_review_part_reports_who_did_the_work():
    text = "标题\n一、去年工作回顾\n县直各单位密切配合，完成农村公路改造210公里。\n"
    assert not speechkit.extract(text, date="2025-03-01").tasks


@pytest.mark.parametrize("line, task", [
    ("争取上级补助资金1.2亿元，支持项目32个。", False),        # a strive opener with its result
    ("坚决整治群众身边不正之风，查处问题86起。", False),
    ("下一步，要力争再争取上级资金2亿元。", True),               # turns to the work ahead
    ("各镇要倒排工期，确保年底前完成3个村的改造。", True),      # a modal still directs
])
def test_a_review_parts_directive_words_with_their_results_report(line, task):
    text = f"标题\n一、去年工作回顾\n{line}\n二、今年工作安排\n县住建局要加强督导。\n"
    assert (line in [t.text for t in speechkit.extract(text, date="2025-03-01").tasks]) is task


# ---------------------------------------------------------------------------- the perfective aspect
# A verb with 了 reports the act as done, in any part of a speech, unless a word directs.

@pytest.mark.parametrize("text, reports", [
    ("省政府编制了《发展规划纲要（草案）》，提请大会审查。", True),
    ("我们积累了丰富经验，干部队伍经受了考验。", True),
    ("新形势对政府自身建设提出了更高要求。", True),
    ("我们积累了丰富经验，今后要继续坚持。", False),  # a directive in a later clause
    ("建立了长效机制，将进一步巩固提升。", False),  # 将 looks ahead
    ("为了完成任务，各村要加强巡查。", False),  # 为了: no perfective
    ("要充分了解群众诉求。", False),
    ("做到定了就干、说了就办。", False),  # 了就: the condition of a resolve
    ("改不改由居民说了算。", False),
    ("持续改善农村人居环境。", False),
])
def test_perfective(text, reports):
    assert perfective(text) is reports


def test_a_perfective_sentence_is_no_task_whatever_the_model_scores() -> None:
    """Even where work is deployed, a sentence reporting what was done directs none."""
    from speechkit.extractors.tasks import classify
    from speechkit.segment import segment

    text = ("二、今年工作安排\n"
            "县政府编制了《县域发展规划纲要（草案）》，提请本次会议审议。\n"
            "要加快推进城南片区改造，年底前完成80户。\n")
    _, sents, _ = segment(text)
    body = [s for s in sents if s.kind == "body"]
    verdicts = classify(sents, {s.index: 0.9 for s in body})
    assert [verdicts[s.index].is_task for s in body] == [False, True]


def test_aspect_data_shape() -> None:
    rows = lexicon.table("aspect.tsv", 2)
    kinds = [k for _, k in rows]
    assert kinds.count("perfective-marker") == 1
    assert set(kinds) == {"perfective-marker", "look-ahead", "not-perfective"}
    marker = next(w for w, k in rows if k == "perfective-marker")
    assert all(marker in w for w, k in rows if k == "not-perfective")
    assert len({w for w, _ in rows}) == len(rows)
