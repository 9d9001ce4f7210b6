"""The library API: extract, extract_file, extract_many, Result; import cost."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import speechkit
from speechkit import InputError, Result, Speech, SpeechkitError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "town_midyear_2025.txt"
CLEAR = "镇农业农村办公室和各村要倒排工期,确保年底前完成3个村的综合环境提升任务。"


def test_extract_clear_sentence() -> None:
    speech = speechkit.extract(CLEAR, date="2025-07-15")
    assert isinstance(speech, Speech)
    assert speech.source == "<text>" and speech.date == dt.date(2025, 7, 15)
    (task,) = speech.tasks
    assert task.text == CLEAR and CLEAR[slice(*task.span)] == task.text
    assert [o.text for o in task.owners] == ["镇农业农村办公室", "各村"]
    assert task.deadline is not None and task.deadline.end == dt.date(2025, 12, 31)
    assert [q.value for q in task.targets] == [3]


@pytest.mark.parametrize("date", ["2025-07-15", dt.date(2025, 7, 15)])
def test_date_as_string_or_date(date: str | dt.date) -> None:
    assert speechkit.extract(CLEAR, date=date).date == dt.date(2025, 7, 15)


@pytest.mark.parametrize("bad", ["2025-13-01", "15/07/2025", "yesterday"])
def test_bad_date_is_an_input_error(bad: str) -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        speechkit.extract(CLEAR, date=bad)
    with pytest.raises(InputError):
        speechkit.extract_many([CLEAR], date=bad)  # raised at the call, not mid-stream


def test_source_and_bytes() -> None:
    speech = speechkit.extract(CLEAR.encode("gb18030"), date="2025-07-15", source="gbk.txt")
    assert speech.source == "gbk.txt" and speech.text == CLEAR


@pytest.mark.parametrize("text", ["", "   \n", b""])
def test_empty_input(text: str | bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        speechkit.extract(text)


@pytest.mark.parametrize("name", [str(SEED), "seeds/town_midyear_2025.txt", "no/such/speech.txt",
                                  "讲话稿.docx", "  report.pdf\n", "C:\\speeches\\2025", "~/speeches"])
def test_a_file_name_is_not_a_speech(name: str) -> None:
    """Decided by the string's shape, whether or not such a file exists."""
    with pytest.raises(InputError, match="did you mean extract_file"):
        speechkit.extract(name)


def test_a_speech_naming_a_file_is_still_a_speech(tmp_path: Path, monkeypatch) -> None:
    """The working directory never changes what a text means."""
    line = "镇规建办要在年底前完成3个村的改造。"
    monkeypatch.chdir(tmp_path)
    (tmp_path / line).write_text("not this", encoding="utf-8")
    (tmp_path / "要抓好落实.txt").write_text("not this", encoding="utf-8")
    speech = speechkit.extract(line, date="2025-07-15")
    assert [t.text for t in speech.tasks] == [line]
    assert speechkit.extract("各村要抓好落实，详见附件要抓好落实.txt。").tasks


def test_records_are_frozen_and_json() -> None:
    speech = speechkit.extract_file(SEED, date="2025-07-15")
    with pytest.raises(dataclasses.FrozenInstanceError):
        speech.tasks[0].text = "x"  # type: ignore[misc]
    d = json.loads(json.dumps(speech.to_dict(), ensure_ascii=False))
    assert d["speech"] == {"source": str(SEED), "date": "2025-07-15", "title": speech.title,
                           "format": "text",
                           "chars": len(speech.text)}
    for t in d["tasks"]:
        assert speech.text[slice(*t["span"])] == t["text"]


def test_frames() -> None:
    speech = speechkit.extract_file(SEED, date="2025-07-15")
    assert len(speechkit.tasks_frame(speech)) == len(speech.tasks)
    assert len(speechkit.ledger_frame(speech)) == (len(speech.items) or len(speech.tasks))
    assert len(speechkit.figures_frame(speech)) >= len(speech.figures)


def test_extract_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        speechkit.extract_file(tmp_path / "missing.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(SpeechkitError):
        speechkit.extract_file(tmp_path / "empty.txt")


def _mixed(tmp_path: Path) -> list[object]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "gbk.txt").write_bytes(CLEAR.encode("gbk"))
    return [SEED, CLEAR, tmp_path / "missing.txt", tmp_path / "empty.txt", b"\x00\x01binary",
            tmp_path / "gbk.txt", str(SEED), 42]


def _check_mixed(results: list[Result], tmp_path: Path) -> None:
    assert [r.source for r in results] == [
        str(SEED), "<text 1>", str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"),
        "<bytes 4>", str(tmp_path / "gbk.txt"), "<text 6>", "<text 7>"]
    assert [r.ok for r in results] == [True, True, False, False, False, True, False, False]
    for r in results:
        assert (r.speech is None) == (r.error is not None)
        if r.error:
            assert "\n" not in r.error
    assert "no such file" in (results[2].error or "")
    assert "extract_file" in (results[6].error or "")  # a str naming a file: a loud error
    assert results[5].speech is not None and results[5].speech.text == CLEAR


def test_extract_many_keeps_order_and_reports_errors(tmp_path: Path) -> None:
    results = list(speechkit.extract_many(_mixed(tmp_path), date="2025-07-15"))  # type: ignore[arg-type]
    _check_mixed(results, tmp_path)


def test_extract_many_in_two_processes(tmp_path: Path) -> None:
    items = _mixed(tmp_path) * 2
    results = list(speechkit.extract_many(items, date="2025-07-15", n_process=2))  # type: ignore[arg-type]
    _check_mixed(results[:8], tmp_path)
    serial = speechkit.extract_many(items, date="2025-07-15")  # type: ignore[arg-type]
    assert [r.speech.to_dict() if r.speech else r.error for r in results] == [
        r.speech.to_dict() if r.speech else r.error for r in serial]


def test_extract_many_streams() -> None:
    pulled: list[int] = []

    def texts():  # type: ignore[no-untyped-def]
        for i in range(1000):
            pulled.append(i)
            yield CLEAR

    stream = speechkit.extract_many(texts())
    first = next(stream)
    assert first.ok and len(pulled) == 1


def test_lazy_names_and_dir() -> None:
    assert set(speechkit.__all__) <= set(dir(speechkit))
    with pytest.raises(AttributeError):
        speechkit.no_such_thing  # noqa: B018


def _python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT).stdout


def test_import_is_cheap() -> None:
    """``import speechkit`` imports no heavy library and takes well under 0.3 s."""
    out = _python(
        "import sys, time\n"
        "t = time.perf_counter(); import speechkit; t = time.perf_counter() - t\n"
        "heavy = [m for m in ('spacy', 'jieba', 'pandas', 'sklearn', 'skops', 'numpy')"
        " if m in sys.modules]\n"
        "print(t, ','.join(heavy))\n")
    seconds, heavy = out.split(" ")
    assert heavy.strip() == ""
    assert float(seconds) < 0.3


def test_later_calls_load_nothing() -> None:
    """Data files and models are read on the first call only (the slow call is measured in
    the report, not here: it is paid once per process, and the suite has paid it already)."""
    from speechkit import lexicon

    speechkit.extract(CLEAR)
    before = lexicon.table.cache_info()
    speechkit.extract(CLEAR, date="2024-01-01")
    speechkit.extract_file(SEED)
    after = lexicon.table.cache_info()
    assert before.misses > 0 and after.misses == before.misses


def test_a_failing_extractor_costs_its_items_not_the_speech(monkeypatch):
    from speechkit.extractors import quantities

    def broken(sent, *rest):
        raise TypeError("boom")

    monkeypatch.setattr(quantities, "find", broken)
    speech = speechkit.extract("镇规建办要在年底前完成3个村的改造。", date="2025-07-15")
    assert speech.tasks and speech.tasks[0].deadline is not None
    assert speech.tasks[0].targets == ()
    assert any("quantities" in w and "boom" in w for w in speech.warnings)


def test_a_path_or_a_number_is_not_a_speech():
    with pytest.raises(InputError, match="extract_file"):
        speechkit.extract(Path("seeds/town_midyear_2025.txt"))
    with pytest.raises(InputError, match="not int"):
        speechkit.extract(123)  # type: ignore[arg-type]


def test_a_datetime_is_taken_as_its_date():
    speech = speechkit.extract("镇规建办要在年底前完成3个村的改造。", date=dt.datetime(2025, 7, 15, 9, 30))
    assert speech.date == dt.date(2025, 7, 15)
    assert speech.tasks[0].deadline.end == dt.date(2025, 12, 31)
    assert not any("failed" in w for w in speech.warnings)


def test_repr_is_a_summary():
    speech = speechkit.extract("镇规建办要在年底前完成3个村的改造。", date="2025-07-15")
    assert repr(speech) == ("Speech(source='<text>', date='2025-07-15', title=None, chars=18, "
                            "tasks=1, figures=0, warnings=0)")


def test_title_and_dateline_of_a_web_page():
    speech = speechkit.extract("政 府 工 作 报 告\n2024-02-18 21:10\n各村要在年底前完成改厕。\n")
    assert speech.title == "政府工作报告"
    assert speech.date == dt.date(2024, 2, 18)
    assert speech.tasks[0].deadline.end == dt.date(2024, 12, 31)


def test_a_web_page_title_label():
    speech = speechkit.extract("标题：全县防汛工作会议召开\n媒体或发布机构：某某网\n各乡镇要在汛期前完成隐患排查。\n",
                               date="2025-05-01")
    assert speech.title == "全县防汛工作会议召开"
    assert [t.text for t in speech.tasks] == ["各乡镇要在汛期前完成隐患排查。"]


def test_a_failing_extractor_costs_its_item_and_says_where(monkeypatch) -> None:
    from speechkit import pipeline

    def broken(*_args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(pipeline.quantities, "find", broken)
    speech = speechkit.extract("镇规建办要在年底前完成3个村的改造。", date="2025-07-15")
    assert [t.text for t in speech.tasks] == ["镇规建办要在年底前完成3个村的改造。"]
    assert speech.tasks[0].targets == () and speech.tasks[0].deadline is not None
    assert "quantities at 0 failed (KeyError: 'boom'); left empty" in speech.warnings
