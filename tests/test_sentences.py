from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from speechkit import cleaning, sentences

ROOT = Path(__file__).resolve().parent.parent


def _split(text):
    return [s.text for s in sentences.split(text, cleaning.clean(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("要加强。要落实！好吗？", ["要加强。", "要落实！", "好吗？"]),
        ("地区生产总值增长7%；财政收入增长5%;", ["地区生产总值增长7%；", "财政收入增长5%;"]),
        ("他说：“要抓落实。”然后散会。", ["他说：“要抓落实。”", "然后散会。"]),
        ("第一行\n第二行", ["第一行", "第二行"]),
        ("要完善体系。（牵头单位：市发改委；责任单位：各区县政府）",
         ["要完善体系。", "（牵头单位：市发改委；责任单位：各区县政府）"]),
        ("  \u3000各位代表：\r\n  现在开始。", ["各位代表：", "现在开始。"]),
        ("上半年很好。\n---此处隐藏3237字,下载后查看---\n要抓落实。", ["上半年很好。", "要抓落实。"]),
    ],
)
def test_split(text, expected):
    assert _split(text) == expected


def test_offsets_point_into_the_text():
    text = "  一、总体要求\r\n\u3000\u3000要加强领导，确保落实；要按期完成。\r\n"
    for s in sentences.split(text, cleaning.clean(text)):
        assert text[s.start:s.end] == s.text
        assert len(s.norm) == len(s.text)


_OUTLINED = "一、总体要求\n各镇要加强领导，确保落实。\n（一）强化保障\n县财政局要足额保障经费。\n"


def test_outlined_sentences_survive_pickling():
    """Batch workers pickle sentences: slotted and frozen, they must come back equal."""
    import pickle

    from speechkit.segment import segment

    sents = segment(_OUTLINED)[1]
    back = pickle.loads(pickle.dumps(sents))
    assert back == sents
    assert [s.section for s in back] == [s.section for s in sents]
    assert back[1].section == ("一、总体要求",) and back[3].part == sents[3].part != ""


def test_a_sentence_is_slotted_and_hashed_by_its_fields():
    from speechkit.segment import segment

    s = segment(_OUTLINED)[1][0]
    assert not hasattr(s, "__dict__")  # slotted: no dict per sentence
    twin = sentences.Sentence(**{f: getattr(s, f) for f in s.__slots__})
    assert twin == s and hash(twin) == hash(s) and len({s, twin}) == 1


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_the_type_checker_refuses_an_assignment_to_a_field(tmp_path):
    """Sentence is frozen to mypy (not at run time, where that would cost every construction)."""
    snippet = tmp_path / "assign.py"
    snippet.write_text("from speechkit.sentences import Sentence\n"
                       "s = Sentence(0, 1, '要', '要')\ns.kind = 'heading'\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "mypy", "--follow-imports=silent",
                        "--ignore-missing-imports", str(snippet)], check=False, cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and 'Property "kind" defined in "Sentence" is read-only' in r.stdout


def test_norm_is_the_text_itself_where_normalising_changed_nothing():
    text = "各镇要加强领导。\n要按期完成，确保质量。\n"
    plain, wide = sentences.split(text, cleaning.clean(text))
    assert plain.norm is plain.text  # one string held, not two equal ones
    assert wide.norm == "要按期完成,确保质量。" and wide.text == "要按期完成，确保质量。"


def test_the_sentences_of_a_section_share_one_path():
    from speechkit.segment import segment

    sents = segment(_OUTLINED)[1]
    assert sents[2].section == ("一、总体要求", "（一）强化保障")
    assert sents[2].section is sents[3].section
