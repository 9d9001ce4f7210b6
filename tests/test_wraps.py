from __future__ import annotations

import pytest

import speechkit
from speechkit import cleaning, sentences, wraps

from .conftest import SEED_DATE

WIDTH = 40


def hard_wrap(text: str, width: int = WIDTH) -> str:
    """Break every paragraph at ``width`` characters, in mid-word, as old archives are."""
    out = []
    for para in text.split("\n"):
        out.append("\n".join(para[i:i + width] for i in range(0, len(para), width)))
    return "\n".join(out)


def _flat(s: str) -> str:
    return s.replace("\n", "")


@pytest.fixture(scope="module")
def wrapped(seed_text):
    text = hard_wrap(seed_text)
    return text, speechkit.extract(text, date=SEED_DATE)


def test_the_width_is_found(seed_text):
    assert wraps.wrap_width(hard_wrap(seed_text)) == WIDTH
    assert wraps.wrap_width(seed_text) is None


def test_a_wrapped_seed_gives_the_seeds_ledger(seed_speech, wrapped):
    _, sp = wrapped
    assert [_flat(t.text) for t in sp.tasks] == [t.text for t in seed_speech.tasks]
    assert [[_flat(o.text) for o in t.owners] for t in sp.tasks] == \
        [[o.text for o in t.owners] for t in seed_speech.tasks]
    assert [t.deadline and (_flat(t.deadline.text), t.deadline.end) for t in sp.tasks] == \
        [t.deadline and (t.deadline.text, t.deadline.end) for t in seed_speech.tasks]
    assert [(s.level, _flat(s.title)) for s in sp.sections] == \
        [(s.level, s.title) for s in seed_speech.sections]


def test_spans_stay_exact_and_a_sentence_keeps_its_newline(wrapped):
    text, sp = wrapped
    assert any("\n" in t.text for t in sp.tasks)
    for t in sp.tasks:
        assert text[t.span[0]:t.span[1]] == t.text
        for rec in (*t.owners, *t.targets, *([t.deadline] if t.deadline else [])):
            assert text[rec.span[0]:rec.span[1]] == rec.text


def test_surface_maps_joined_offsets_back():
    text = "各镇要力争在年\n内完成改造任务。"
    s = sentences.split(text, cleaning.clean(text))
    # no fixed width here: the break is a line break ...
    assert len(s) == 2
    text = "区交通局要在\n、区水务局要在年底前完成排查。"  # ... unless the next line continues
    (s,) = sentences.split(text, cleaning.clean(text))
    assert s.text == text and "\n" not in s.norm
    i = s.norm.index("年底前")
    assert s.surface(i, i + 3) == ("年底前", (text.index("年底前"), text.index("年底前") + 3))


@pytest.mark.parametrize("text, joined", [
    ("公文属于《\n著作权法\n》规定的文件。", True),  # a web page's link on lines of its own
    ("第一段写完了。\n第二段开始。", False),
    ("第一行没有标点\n\n第二行", False),  # a blank line always breaks
])
def test_continuing_punctuation_joins_lines(text, joined):
    assert (len(sentences.split(text, cleaning.clean(text))) == 1) is joined


def test_an_indented_line_starts_a_paragraph():
    para = ("各单位要认真做好农村道路养护和安全隐患排查整治工作，并按时上报排查结果，"
            "确保全年道路安全运行，做到全年无重大安全事故发生，各乡镇要加强巡查")
    text = "\n".join(hard_wrap("\u3000\u3000" + para, 30) for _ in range(4))
    assert wraps.wrap_width(text) is not None
    soft = wraps.soft_breaks(text)
    indented = [k for k in range(len(text)) if text[k] == "\n" and text[k + 1] == "\u3000"]
    assert len(indented) == 3
    assert not any(a <= k < b for a, b in soft for k in indented)
    assert len(soft) == text.count("\n") - 3  # every other break is a wrap
    sents = sentences.split(text, cleaning.clean(text))
    assert sum(s.line_start for s in sents) == 4
