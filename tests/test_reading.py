from __future__ import annotations

import pytest

import speechkit
from speechkit.errors import InputError
from speechkit.readers import decode, read_path

TEXT = "镇规建办要在年底前完成3个村的改造。"
#: The same kind of directives in traditional characters, as Big5 archives hold them.
TRADITIONAL = ("鎮規建辦要在年底前完成3個村的改造。各村要加快推進人居環境整治，確保6月底前完成排查工作。"
               "社會事業辦要抓好安全生產，嚴禁發生重大事故。")
JAPANESE = "本日の会議は午後三時に始まります。資料は事前に確認してください。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_decode_encodings(data, encoding):
    doc = decode(data, "x.txt")
    assert doc.text == TEXT
    assert doc.encoding == encoding


@pytest.mark.parametrize("text, encoding", [
    (TRADITIONAL, "big5"), (TRADITIONAL * 30, "big5"), (TRADITIONAL[:18], "big5"),
    (JAPANESE, "shift_jis"), (TRADITIONAL * 5, "utf-16-le"),
])
def test_legacy_encodings_are_decoded_right_never_as_gb18030(text, encoding):
    doc = decode(text.encode(encoding), "x.txt")
    assert doc.text == text, doc.encoding
    assert doc.encoding == encoding


@pytest.mark.parametrize("text", ["要加强。", "年底前完成", "镇规建办要抓好落实。", "各村要在6月底前完成排查"])
def test_short_gbk_is_not_taken_for_big5(text):
    doc = decode(text.encode("gbk"), "x.txt")
    assert doc.text == text and doc.encoding == "gb18030"


def test_big5_speech_gives_its_tasks_not_zero():
    speech = speechkit.extract(TRADITIONAL.encode("big5"), date="2025-07-15")
    assert len(speech.tasks) == 3
    assert speech.tasks[0].deadline.end.isoformat() == "2025-12-31"


def test_utf8_cut_mid_character_keeps_its_tasks_and_warns():
    text = "各村要在6月底前完成排查。镇规建办要在年底前完成3个村的改造。社会事业办要抓好安全"
    for cut in range(1, 3):  # inside the last character, by one or two bytes
        data = text.encode("utf-8")[:-cut]
        speech = speechkit.extract(data, date="2025-07-15")
        assert speech.text.startswith(text[:-1]) and speech.text.endswith("\ufffd")
        assert [t.text[:3] for t in speech.tasks][:2] == ["各村要", "镇规建"]
        assert any("U+FFFD" in w and "utf-8" in w for w in speech.warnings)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\r\n ", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        (bytes(range(128, 256)) * 40, "cannot decode"),
    ],
)
def test_decode_refuses(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data, "bad.txt")


def test_mojibake_is_refused_not_passed_on():
    noise = bytes((x * 7919 + 13) % 127 + 128 for x in range(3000))  # high bytes, no language
    with pytest.raises(InputError, match="cannot decode|binary"):
        decode(noise, "noise.txt")


def test_truncated_utf8_keeps_the_good_text():
    data = (TEXT * 20).encode("utf-8")[:-1]  # cut inside the last character
    doc = decode(data, "cut.txt")
    assert doc.text.startswith(TEXT * 19)
    assert doc.warnings and "replaced" in doc.warnings[0]


def test_crlf_is_kept():
    doc = decode("第一行。\r\n第二行。".encode(), "x")
    assert "\r\n" in doc.text


def test_read_path_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)


def test_huge_input_is_refused(tmp_path, monkeypatch):
    from speechkit import readers

    path = tmp_path / "dump.txt"
    path.write_text("要加强。" * 100, encoding="utf-8")
    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="over the 100 limit"):
        read_path(path)


def test_a_speech_cut_mid_sentence_is_flagged():
    import speechkit

    whole = speechkit.extract("镇规建办要在年底前完成3个村的改造。", date="2025-07-15")
    cut = speechkit.extract("镇规建办要在年底前完成3个村的改造。各村要加快推进人居环境整治提升行动，确保", date="2025-07-15")
    assert not any("truncated" in w for w in whole.warnings)
    assert any("truncated" in w for w in cut.warnings)
    assert cut.tasks[0].text == "镇规建办要在年底前完成3个村的改造。"
