from __future__ import annotations

import pytest

from speechkit import cleaning, sentences


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
