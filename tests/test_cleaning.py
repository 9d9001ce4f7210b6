from __future__ import annotations

import pytest

from speechkit.cleaning import clean, normalise


@pytest.mark.parametrize(
    "raw, norm",
    [
        ("２０２５年", "2025年"),
        ("增长２３．１７％", "增长23.17%"),
        ("（一）", "(一)"),
        ("要加强，要落实；", "要加强,要落实;"),
        ("Ａｌｐｈａ", "Alpha"),
        ("……", "……"),  # NFKC would change the length: left alone
        ("\u3000\u3000各位代表：", "  各位代表:"),
    ],
)
def test_normalise_keeps_length(raw, norm):
    assert normalise(raw) == norm
    assert len(normalise(raw)) == len(raw)


def test_cut_marker_is_a_gap():
    text = "上半年成绩很好。\n---此处隐藏3237字,下载后查看---\n第二,要抓好落实。"
    c = clean(text)
    assert len(c.gaps) == 1
    s, e = c.gaps[0]
    assert text[s:e] == "---此处隐藏3237字,下载后查看---"
    assert any("cut" in w for w in c.warnings)


@pytest.mark.parametrize(
    "line",
    [
        "下载 打印 全屏 收藏 【字号： 加大 还原 减小 】",
        "来源：某某市人民政府网",
        "发布时间：2024-03-02 10:20",
        "分享：",
        "【字号：大 中 小】",
        "  扫一扫在手机打开当前页",
        "打印本页",
        "来源：\n某某日报",
    ],
)
def test_web_debris_is_recognised(line):
    text = f"{line}\n镇规建办要每周跟进。"
    c = clean(text)
    assert c.debris, line
    s, e = c.debris[0]
    assert text[s:e].strip() == line.strip()


def test_html_debris_is_ignored_and_offsets_kept():
    import speechkit

    text = ("<html><head><style>p {color: red}</style></head><body>\n<p>镇规建办要在年底前完成"
            "3个村的改造。</p>\n<p>上半年完成投资2亿元。&nbsp;</p></body></html>")
    speech = speechkit.extract(text, date="2025-07-15")
    assert [t.text for t in speech.tasks] == ["镇规建办要在年底前完成3个村的改造。"]
    assert [q.text for q in speech.figures] == ["2亿元"]
    assert any("HTML" in w for w in speech.warnings)
    for t in speech.tasks:
        assert text[t.span[0]:t.span[1]] == t.text


def test_angle_brackets_in_plain_text_are_kept():
    c = clean("要落实<三项制度>。")
    assert c.debris == ()


def test_a_paragraph_pasted_twice_is_flagged_and_both_copies_stay():
    import speechkit

    para = "各乡镇要在年底前完成全部农村公路的安全隐患排查整治工作。"
    text = f"一、工作要求\n{para}\n要加强督导。\n{para}\n"
    sp = speechkit.extract(text, date="2025-03-01")
    assert [w for w in sp.warnings if "repeats" in w] == [
        f"paragraph at {text.rindex(para)} repeats the one at {text.index(para)} verbatim: both kept"]
    assert sum(t.text == para for t in sp.tasks) == 2
    short = speechkit.extract("全国\n要加强督导。\n全国\n", date="2025-03-01")
    assert not [w for w in short.warnings if "repeats" in w]  # short lines repeat by nature


LICENCE = ("\n\n\n\n本作品来自某市政府公报，依照\n著作权法\n的规定不受其保护，属于\n公有领域\n。\n\n"
           "Public domain\nfalse\n")


def test_a_text_sites_licence_notice_at_the_end_is_no_speech():
    import speechkit

    body = "各镇要在年底前完成道路硬化。\n县交通局要加强督导。\n"
    speech = speechkit.extract(body + LICENCE, date="2025-07-15")
    assert [t.text for t in speech.tasks] == ["各镇要在年底前完成道路硬化。", "县交通局要加强督导。"]
    c = clean(body + LICENCE)
    assert c.debris and c.debris[-1][1] == len(body + LICENCE)


def test_a_licence_notice_early_in_a_long_text_is_kept_as_text():
    """Only a notice near the end is furniture: one that opens a long text cuts nothing."""
    body = "县交通局要加强督导。\n" * 400
    c = clean(LICENCE.strip() + "\n" + body)
    assert not c.debris


def test_debris_words_come_from_their_patterns():
    """A row's words (the text must hold one for the pattern to be tried) are the pattern's
    own literals, so that every way it matches holds one."""
    from speechkit import lexicon

    rows = [r for r in lexicon.table("debris.tsv", 2) if len(r) > 2 and r[2]]
    assert rows
    for pattern, _, words in rows:
        assert all(w and w in pattern for w in words.split("|")), (pattern, words)
