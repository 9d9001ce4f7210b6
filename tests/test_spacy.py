"""spaCy: the jieba tokenizer, the component factories, doc.spans, DocBin and n_process."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import speechkit
from speechkit import spacy_components as sc
from speechkit.tokens import JiebaTokenizer, segment

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "town_midyear_2025.txt"
CLEAR = "镇农业农村办公室和各村要倒排工期,确保年底前完成3个村的综合环境提升任务。"
DATE = "2025-07-15"


@pytest.fixture(scope="module")
def nlp() -> Any:
    return speechkit.load(date=DATE)


@pytest.fixture(scope="module")
def seed_doc(nlp: Any) -> Doc:
    return nlp(SEED.read_text(encoding="utf-8"))


def snapshot(doc: Doc) -> dict[str, list[tuple[int, int, str, Any]]]:
    """Every speechkit span: offsets, label and its Span._ value."""
    return {key: [(s.start_char, s.end_char, s.label_, s._.get(sc.SPAN_ATTRS[key]))
                  for s in doc.spans[key]] for key in sc.SPAN_KEYS}


def test_load_is_the_full_pipeline(nlp: Any) -> None:
    assert nlp.lang == "zh"
    assert tuple(nlp.pipe_names) == sc.PIPE_NAMES
    assert isinstance(nlp.tokenizer, JiebaTokenizer)


def test_tokens_cover_the_text(nlp: Any) -> None:
    text = "镇规建办要在年底前完成\r\n3个村的改造。 乡村振兴"
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert "".join(w for w, _, _ in segment(text)) == text
    assert all(text[s:e] == w for w, s, e in segment(text))


def test_spans_match_the_library(seed_doc: Doc) -> None:
    speech = speechkit.extract(seed_doc.text, date=DATE)
    assert set(sc.SPAN_KEYS) <= set(seed_doc.spans)
    tasks = seed_doc.spans["sk_tasks"]
    assert [s._.sk_task for s in tasks] == [t.to_dict() for t in speech.tasks]
    assert [s.text for s in tasks] == [t.text for t in speech.tasks]
    assert len(seed_doc.spans["sk_quantities"]) == (
        len(speech.figures) + sum(len(t.targets) for t in speech.tasks))
    owners = {o.span for t in speech.tasks for o in t.owners}
    assert len(seed_doc.spans["sk_owners"]) == len(owners)
    assert [s._.sk_section["title"] for s in seed_doc.spans["sk_sections"]] == [
        s.title for s in speech.sections]
    assert seed_doc._.sk_speech["date"] == DATE


def test_span_values_are_plain_json(seed_doc: Doc) -> None:
    for key, spans in snapshot(seed_doc).items():
        for start, end, label, value in spans:
            assert isinstance(value, dict) and label
            assert json.loads(json.dumps(value)) == value
            s, e = value["span"]  # the record's own offsets, inside the token-aligned span
            assert start <= s <= e <= end
            assert seed_doc.text[s:e] == value.get("text", seed_doc.text[s:e])
            if key != "sk_sections" and key != "sk_tasks":
                assert isinstance(value["tasks"], list)
    assert json.loads(json.dumps(seed_doc._.sk_speech)) == seed_doc._.sk_speech


def test_docbin_round_trip_keeps_every_span(nlp: Any, seed_doc: Doc) -> None:
    clear = nlp(CLEAR)
    blob = DocBin(docs=[seed_doc, clear], store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(blob).get_docs(nlp.vocab))
    for before, after in zip([seed_doc, clear], back, strict=True):
        assert after.text == before.text
        assert snapshot(after) == snapshot(before)
        assert after._.sk_speech == before._.sk_speech
    assert sum(len(v) for v in snapshot(back[0]).values()) > 20


def test_blank_zh_pipeline_in_a_fresh_process(nlp: Any, seed_doc: Doc, tmp_path: Path) -> None:
    """``add_pipe("speechkit_tasks")`` works through the entry point alone (no speechkit
    import), and a DocBin written here reads back there with every span and value."""
    DocBin(docs=[seed_doc], store_user_data=True).to_disk(tmp_path / "seed.spacy")
    code = f"""
import json, spacy
from spacy.tokens import DocBin
nlp = spacy.blank("zh")
nlp.add_pipe("speechkit_tasks", config={{"date": "{DATE}"}})
(back,) = DocBin().from_disk({str(tmp_path / "seed.spacy")!r}).get_docs(nlp.vocab)
print(json.dumps({{"pipe": nlp.pipe_names, "keys": sorted(back.spans),
                  "spans": {{k: [[s.start_char, s.end_char, s.label_, s._.get(a)]
                               for s in back.spans[k]] for k, a in
                              [("sk_tasks", "sk_task"), ("sk_owners", "sk_owner"),
                               ("sk_quantities", "sk_quantity")]}}}}, ensure_ascii=False))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    got = json.loads(out)
    assert got["pipe"] == ["speechkit_tasks"]
    assert set(sc.SPAN_KEYS) <= set(got["keys"])
    snap = snapshot(seed_doc)
    for key in ("sk_tasks", "sk_owners", "sk_quantities"):
        assert [tuple(s) for s in got["spans"][key]] == snap[key]


def test_pipe_in_two_processes(nlp: Any) -> None:
    texts = [CLEAR, "上半年,全镇完成固定资产投资22.8亿元。", "", CLEAR.replace("3", "5")]
    serial = [snapshot(d) for d in nlp.pipe(texts)]
    parallel = [snapshot(d) for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert parallel == serial
    assert serial[0]["sk_tasks"] and serial[2] == {k: [] for k in sc.SPAN_KEYS}


def test_date_from_the_doc_wins_over_the_config() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("speechkit_deadlines", config={"date": "2025-07-15"})
    doc = nlp.make_doc(CLEAR)
    doc._.sk_date = "2026-03-01"
    (deadline,) = nlp(doc).spans["sk_deadlines"]
    assert deadline._.sk_deadline["end"] == "2026-12-31"
    doc = nlp(CLEAR)
    (deadline,) = doc.spans["sk_deadlines"]
    assert deadline._.sk_deadline["end"] == "2025-12-31"


def test_one_step_writes_only_its_keys() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("speechkit_owners")
    doc = nlp(CLEAR)
    assert set(doc.spans) == {"sk_owners"}
    assert [o.text for o in doc.spans["sk_owners"]] == ["镇农业农村办公室", "各村"]
    assert [o._.sk_owner["tasks"] for o in doc.spans["sk_owners"]] == [["T001"], ["T001"]]


def test_the_all_in_one_component() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("speechkit", config={"date": DATE})
    assert set(sc.SPAN_KEYS) <= set(nlp(CLEAR).spans)


@pytest.mark.parametrize("bad", ["2025-13-01", "soon"])
def test_bad_date_setting(bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        speechkit.load(date=bad)
    nlp = spacy.blank("zh")
    nlp.add_pipe("speechkit_tasks")
    doc = nlp.make_doc(CLEAR)
    doc._.sk_date = bad
    with pytest.raises(ValueError, match="sk_date"):
        nlp(doc)


def test_extensions_store_only_strings(seed_doc: Doc) -> None:
    for attr in sc.SPAN_ATTRS.values():
        default, method, getter, setter = spacy.tokens.Span.get_extension(f"{attr}_json")
        assert default is None and method is getter is setter is None
        assert spacy.tokens.Span.get_extension(attr)[2] is not None  # a getter, stores nothing
    assert all(isinstance(v, str) for k, v in seed_doc.user_data.items() if "sk_" in str(k))
    sc.register_extensions()  # idempotent: registering again is not an error


SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
              ROOT.parent / "shared")


def _gold_speeches() -> list[Any]:
    folders = [ROOT / "seeds", ROOT / "corpora", SHARED / "eval" / "dev"]
    paths = [p for f in folders if f.is_dir() for p in sorted(f.glob("*.gold.json"))]
    return [pytest.param(p, id=f"{p.parent.name}/{p.name.removesuffix('.gold.json')}")
            for p in paths]


def _record_spans(speech: Any) -> dict[str, set[tuple[int, int]]]:
    out = {"sk_sections": {s.span for s in speech.sections}, "sk_tasks": set(),
           "sk_owners": set(), "sk_deadlines": set(), "sk_recurrences": set(),
           "sk_quantities": {q.span for q in speech.figures}}
    for t in speech.tasks:
        out["sk_tasks"].add(t.span)
        out["sk_owners"] |= {o.span for o in t.owners}
        out["sk_quantities"] |= {q.span for q in t.targets}
        if t.deadline:
            out["sk_deadlines"].add(t.deadline.span)
        if t.recurrence:
            out["sk_recurrences"].add(t.recurrence.span)
    return out


@pytest.mark.parametrize("path", _gold_speeches())
def test_every_span_is_exactly_its_record(nlp: Any, path: Path) -> None:
    """Tokens are cut at record edges: no span is widened to the tokens around it."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_name(gold["doc"]).read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    doc._.sk_date = gold.get("date")
    doc = nlp(doc)
    assert doc.text == text
    speech = speechkit.extract(text, date=gold.get("date"))
    want = _record_spans(speech)
    for key in sc.SPAN_KEYS:
        got = [(s.start_char, s.end_char) for s in doc.spans[key]]
        assert len(got) == len(set(got))
        assert set(got) == want[key], key
        for s in doc.spans[key]:
            assert tuple(s._.get(sc.SPAN_ATTRS[key])["span"]) == (s.start_char, s.end_char)


def test_cutting_tokens_keeps_other_span_groups(nlp: Any) -> None:
    """A span group written before speechkit's (by another component) still covers its text."""
    doc = nlp.make_doc(CLEAR)
    doc.spans["mine"] = [doc[0:2], doc[-3:]]
    before = [(s.start_char, s.end_char, s.text) for s in doc.spans["mine"]]
    doc = nlp(doc)
    assert [(s.start_char, s.end_char, s.text) for s in doc.spans["mine"]] == before
    assert "".join(t.text_with_ws for t in doc) == CLEAR


def test_the_user_dictionary_is_saved_with_the_pipeline(nlp: Any, tmp_path: Path) -> None:
    word = "青禾示范带建设"
    tok = JiebaTokenizer(nlp.vocab, user_dict=[f"{word} 90000"])
    data = tok.to_bytes()
    assert data != b""
    back = JiebaTokenizer(nlp.vocab, user_dict=[]).from_bytes(data)
    assert back.user_dict == tok.user_dict
    assert word in [t.text for t in back(f"要抓好{word}。")]
    assert word not in [t.text for t in JiebaTokenizer(nlp.vocab, user_dict=[])(f"要抓好{word}。")]
    nlp.tokenizer.to_disk(tmp_path / "tok")
    again = JiebaTokenizer(nlp.vocab, user_dict=[]).from_disk(tmp_path / "tok")
    assert again.user_dict == nlp.tokenizer.user_dict and len(again.user_dict) > 100
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.tokenizer.user_dict == nlp.tokenizer.user_dict
    assert [t.text for t in loaded(CLEAR)] == [t.text for t in nlp(CLEAR)]
    with pytest.raises(ValueError, match="malformed"):
        back.from_bytes(b'{"user_dict": [1, 2]}')


def test_jieba_caches_in_a_private_folder_of_ours() -> None:
    import os
    import stat
    import tempfile

    from speechkit.tokens import cache_dir, segmenter

    folder = cache_dir()
    assert segmenter().tmp_dir == str(folder)
    assert folder != Path(tempfile.gettempdir())
    st = folder.stat()
    assert st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077 == 0


def test_a_shared_cache_folder_is_not_trusted(tmp_path: Path, monkeypatch: Any) -> None:
    from speechkit import tokens

    (tmp_path / "speechkit").mkdir(mode=0o777)
    (tmp_path / "speechkit").chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tokens.cache_dir.cache_clear()
    try:
        folder = tokens.cache_dir()
        assert folder != tmp_path / "speechkit" and tokens._private(folder)
    finally:
        tokens.cache_dir.cache_clear()
