from __future__ import annotations

import pytest

from speechkit.errors import InputError
from speechkit.reading import decode, read_path

TEXT = "镇规建办要在年底前完成3个村的改造。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_decode_encodings(data, encoding):
    doc = decode(data, "x.txt")
    assert doc.text == TEXT
    assert doc.encoding == encoding


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
    from speechkit import reading

    path = tmp_path / "dump.txt"
    path.write_text("要加强。" * 100, encoding="utf-8")
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="over the 100 limit"):
        read_path(path)


def test_a_speech_cut_mid_sentence_is_flagged():
    import speechkit

    whole = speechkit.extract("镇规建办要在年底前完成3个村的改造。", date="2025-07-15")
    cut = speechkit.extract("镇规建办要在年底前完成3个村的改造。各村要加快推进人居环境整治提升行动，确保", date="2025-07-15")
    assert not any("truncated" in w for w in whole.warnings)
    assert any("truncated" in w for w in cut.warnings)
    assert cut.tasks[0].text == "镇规建办要在年底前完成3个村的改造。"
