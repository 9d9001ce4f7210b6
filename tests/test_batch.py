"""`speechkit batch`: archives in, JSON Lines or DuckDB out; resumable; bad files recorded."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from speechkit.batch import expand, fingerprint, run
from speechkit.cli import main
from speechkit.errors import InputError
from speechkit.lines import LinesSink, dumps

GOOD = ["镇规建办要在年底前完成3个村的改造。", "各村要在6月底前完成排查。", "要加快实施城东道路改造工程。"]


@pytest.fixture()
def archive(tmp_path):
    root = tmp_path / "archive"
    (root / "sub").mkdir(parents=True)
    for i, text in enumerate(GOOD):
        (root / ("sub" if i else ".") / f"s{i}.txt").write_text(text, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (root / "notes.md").write_text("不是讲话", encoding="utf-8")
    return root


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x]


def test_bad_files_are_recorded_and_the_rest_extracted(archive, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = run([archive], out, jobs=1)
    assert (summary.done, summary.failed, summary.skipped) == (3, 2, 0)
    lines = _lines(out)
    assert len(lines) == 5
    errors = {x["source"]: x["error"] for x in lines if "error" in x}
    assert any("empty" in e for e in errors.values())
    assert any("binary" in e for e in errors.values())
    assert sum(len(x["tasks"]) for x in lines if "tasks" in x) == 3


def test_resume_skips_what_is_done_however_spelled_and_repairs_a_cut_line(archive, tmp_path,
                                                                         monkeypatch):
    out = tmp_path / "out.jsonl"
    run([archive], out, jobs=1)
    text = out.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    out.write_text(first + "\n" + rest[:10], encoding="utf-8")  # killed mid-write
    summary = run([archive], out, jobs=1)
    # the cut line is redone, and so are the errors (the first line was one)
    assert (summary.done, summary.failed, summary.skipped) == (3, 2, 0)
    assert len(_lines(out)) == 5
    monkeypatch.chdir(archive.parent)
    again = run(["./archive/", "archive/sub/../sub"], out, jobs=1)
    assert (again.done, again.skipped) == (0, 3)
    assert again.failed == 2  # the two bad files are tried again, and fail again
    lines = _lines(out)
    sources = [x.get("source") or x["speech"]["source"] for x in lines]
    assert len(sources) == len(set(sources)) == 5


def test_a_changed_file_replaces_its_line_and_new_options_redo_all(archive, tmp_path):
    out = tmp_path / "out.jsonl"
    run([archive], out, jobs=1)
    (archive / "s0.txt").write_text("各村要在9月底前完成验收。", encoding="utf-8")
    summary = run([archive], out, jobs=1)
    assert (summary.done, summary.skipped) == (1, 2)
    texts = [t["text"] for x in _lines(out) if "tasks" in x for t in x["tasks"]]
    assert "各村要在9月底前完成验收。" in texts and GOOD[0] not in texts
    import datetime as dt

    redo = run([archive], out, jobs=1, date=dt.date(2025, 7, 15))
    assert (redo.done, redo.skipped) == (3, 0)
    assert len(_lines(out)) == 5


def test_a_mistyped_lexicon_stops_the_run(archive, tmp_path):
    with pytest.raises(InputError, match="lexicon"):
        run([archive], tmp_path / "out.jsonl", lexicons=("no/such/units.tsv",))
    lex = tmp_path / "units.tsv"
    lex.write_text("城东指挥部\n", encoding="utf-8")
    assert fingerprint(None, (str(lex),)) != fingerprint(None, ())


def test_cli_exit_status_progress_and_parallel(archive, tmp_path):
    out = tmp_path / "par.jsonl"
    r = CliRunner().invoke(main, ["batch", str(archive), "-o", str(out), "-j", "2",
                                  "--date", "2025-07-15"])
    assert r.exit_code == 1, r.output  # some inputs failed
    assert "3 speeches extracted" in r.stderr and "2 failed" in r.stderr
    ends = [t["deadline"]["end"] for x in _lines(out) if "tasks" in x for t in x["tasks"]
            if t["deadline"]]
    assert sorted(ends) == ["2025-12-31", "2026-06-30"]
    ok = CliRunner().invoke(main, ["batch", str(archive / "sub"), "-o", str(tmp_path / "ok.jsonl"),
                                   "-q"])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(main, ["batch", str(archive), "-o", str(tmp_path / "x.csv")])
    assert bad.exit_code == 2 and ".duckdb" in bad.stderr


def test_special_files_are_error_rows_and_never_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    (tmp_path / "s.txt").write_text(GOOD[0], encoding="utf-8")
    names = [tmp_path, "/dev/zero"] if os.path.exists("/dev/zero") else [tmp_path]
    summary = run(names, tmp_path / "out.jsonl", jobs=1)
    assert summary.done == 1 and summary.failed == len(names)
    assert any("FIFO" in e for e in summary.errors)


def test_a_slow_file_is_stopped_and_recorded(archive, tmp_path):
    summary = run([archive / "s0.txt"], tmp_path / "out.jsonl", jobs=1, timeout=0.001)
    assert summary.done == 0 and "took over" in summary.errors[0]


def test_json_lines_escape_unicode_line_separators(tmp_path):
    line = dumps({"text": "甲\u2028乙\u2029丙\x85丁"})
    assert "\u2028" not in line and "\u2029" not in line and "\x85" not in line
    assert len(line.splitlines()) == 1 and json.loads(line)["text"] == "甲\u2028乙\u2029丙\x85丁"
    (tmp_path / "s.txt").write_text("各村要做好排查\u2028工作。", encoding="utf-8")
    run([tmp_path / "s.txt"], tmp_path / "out.jsonl", jobs=1)
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_a_second_writer_is_refused(tmp_path):
    first = LinesSink(tmp_path / "out.jsonl")
    try:
        with pytest.raises(InputError, match="another speechkit batch"):
            LinesSink(tmp_path / "out.jsonl")
    finally:
        first.close()


def test_expand_finds_every_format_once(tmp_path):
    for name in ("a.txt", "b.DOCX", "c.html", "d.pdf", "e.zip", "f.jsonl", "g.doc", "h.png"):
        (tmp_path / name).write_bytes(b"x")
    found = expand([tmp_path, tmp_path / "a.txt", f"{tmp_path}/./"])
    assert sorted(p.name for p in found) == ["a.txt", "b.DOCX", "c.html", "d.pdf", "e.zip",
                                             "f.jsonl", "g.doc"]


def test_a_missing_path_is_an_error_line(tmp_path):
    out = tmp_path / "out.jsonl"
    summary = run([tmp_path / "nosuch.txt"], out, jobs=1)
    assert (summary.done, summary.failed) == (0, 1)
    assert "no such file" in _lines(out)[0]["error"]
