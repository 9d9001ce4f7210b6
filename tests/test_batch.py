"""`speechkit batch`: archives in, JSON Lines out; resumable; bad files recorded, not fatal."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from speechkit.batch import finished_sources, run
from speechkit.cli import main

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
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_bad_files_are_recorded_and_the_rest_extracted(archive, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = run([archive], out, date=None)
    assert (summary.done, summary.failed, summary.skipped) == (3, 2, 0)
    lines = _lines(out)
    assert len(lines) == 5
    errors = {x["source"]: x["error"] for x in lines if "error" in x}
    assert any("empty" in e for e in errors.values())
    assert any("binary" in e for e in errors.values())
    assert sum(len(x["tasks"]) for x in lines if "tasks" in x) == 3


def test_resume_skips_what_is_done_and_repairs_a_cut_line(archive, tmp_path):
    out = tmp_path / "out.jsonl"
    run([archive], out)
    text = out.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    out.write_text(first + "\n" + rest[:10], encoding="utf-8")  # killed mid-write
    assert len(finished_sources(out)) == 1
    summary = run([archive], out)
    assert summary.skipped == 1 and summary.done + summary.failed == 4
    lines = _lines(out)
    assert len(lines) == 5
    assert len({x.get("source") or x["speech"]["source"] for x in lines}) == 5
    again = run([archive], out)
    assert (again.done, again.failed, again.skipped) == (0, 0, 5)


def test_parallel_and_cli(archive, tmp_path):
    out = tmp_path / "par.jsonl"
    r = CliRunner().invoke(main, ["batch", str(archive), "-o", str(out), "-j", "2", "-q",
                                  "--date", "2025-07-15"])
    assert r.exit_code == 0, r.output
    assert "3 speeches extracted" in r.stderr and "2 failed" in r.stderr
    ends = [t["deadline"]["end"] for x in _lines(out) if "tasks" in x for t in x["tasks"] if t["deadline"]]
    assert sorted(ends) == ["2025-12-31", "2026-06-30"]


def test_dask_local_cluster(archive, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "dask.jsonl"
    summary = run([archive], out, dask="local")
    assert (summary.done, summary.failed) == (3, 2)
    assert len(_lines(out)) == 5


def test_a_missing_path_is_an_error_line(tmp_path):
    out = tmp_path / "out.jsonl"
    summary = run([tmp_path / "nosuch.txt"], out)
    assert (summary.done, summary.failed) == (0, 1)
    assert "no such file" in _lines(out)[0]["error"]
