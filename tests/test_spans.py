"""The span invariant: every span of every speech in the suite points at its own text."""
from __future__ import annotations

import pytest

import speechkit

from .conftest import ROOT, gold_docs, load_gold


def _spans(obj):
    if isinstance(obj, dict):
        if "span" in obj and "text" in obj:
            yield obj["text"], obj["span"]
        for v in obj.values():
            yield from _spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _spans(v)


@pytest.mark.parametrize("gold_path", gold_docs(), ids=lambda p: p.stem)
def test_every_span_is_its_text(gold_path):
    text, gold = load_gold(gold_path)
    doc = speechkit.extract(text, date=gold.get("date"), source=gold["doc"]).to_dict()
    n = 0
    for surface, (s, e) in _spans(doc):
        assert 0 <= s < e <= len(text)
        assert text[s:e] == surface
        n += 1
    assert n > 0
    for s, e in doc["gaps"]:
        assert "隐藏" in text[s:e]


def test_crlf_and_fullwidth_spans():
    text = "\ufeff一、总体要求\r\n\u3000\u3000各村要在２０２５年６月底前完成３个村的改造，确保投资１.２亿元。\r\n"
    doc = speechkit.extract(text, date="2025-01-10").to_dict()
    spans = list(_spans(doc))
    assert any("２０２５年６月底" in t for t, _ in spans)
    assert any(t.startswith("３个") for t, _ in spans)
    for surface, (s, e) in spans:
        assert text[s:e] == surface


def test_seed_gold_is_in_the_suite():
    assert (ROOT / "seeds" / "town_midyear_2025.gold.json") in gold_docs()
