from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from speechkit.cli import main

from .conftest import SEED, SEED_DATE


@pytest.fixture()
def runner():
    return CliRunner()


def test_every_command_has_help(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for name, cmd in main.commands.items():
        r = runner.invoke(main, [name, "--help"])
        assert r.exit_code == 0, name
        assert cmd.help, name


def test_extract_json_contract(runner):
    r = runner.invoke(main, ["extract", str(SEED), "--date", SEED_DATE, "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert set(doc) >= {"speech", "sections", "tasks", "figures", "warnings"}
    assert doc["speech"]["date"] == SEED_DATE
    assert doc["speech"]["chars"] == len(SEED.read_text(encoding="utf-8"))
    task = doc["tasks"][0]
    assert set(task) >= {"id", "text", "span", "section", "owners", "deadline", "recurrence", "targets"}
    assert any("此处隐藏" in w for w in doc["warnings"])


def test_extract_table(runner):
    r = runner.invoke(main, ["extract", str(SEED), "--date", SEED_DATE, "--format", "table"])
    assert r.exit_code == 0
    header = r.output.splitlines()[2]
    for col in ("序号", "工作任务", "牵头单位", "配合单位", "完成时限", "目标要求"):
        assert col in header
    assert "镇农业农村办公室" in r.output
    assert "未明确" in r.output


def test_stdin_and_jsonl(runner):
    text = "镇规建办要在年底前完成3个村的改造。"
    r = runner.invoke(main, ["extract", "-", "--date", "2025-07-15", "--format", "jsonl"], input=text.encode())
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["speech"]["source"] == "<stdin>"
    assert doc["tasks"][0]["deadline"]["end"] == "2025-12-31"


def test_csv_and_xlsx(runner, tmp_path):
    r = runner.invoke(main, ["extract", str(SEED), "--date", SEED_DATE, "--format", "csv"])
    assert r.exit_code == 0
    assert r.output.splitlines()[0].startswith("\ufeff序号,工作任务,牵头单位,配合单位,完成时限")
    out = tmp_path / "ledger.xlsx"
    r = runner.invoke(main, ["extract", str(SEED), "--date", SEED_DATE, "-o", str(out)])
    assert r.exit_code == 0, r.output
    import openpyxl

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["任务分解表", "数据", "提示"]
    assert wb["任务分解表"]["B2"].value == "工作任务"


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"", "empty input"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (bytes(range(128, 256)) * 10, "cannot decode"),
        ("dir", "directory"),
    ],
)
def test_bad_input_is_one_line_exit_2(runner, tmp_path, content, message):
    path = tmp_path / "speech.txt"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    r = runner.invoke(main, ["extract", str(path), "--format", "json"])
    assert r.exit_code == 2
    assert r.stdout == ""
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and message in err[0] and str(path) in err[0]
    assert "Traceback" not in r.stderr


def test_bad_date(runner):
    r = runner.invoke(main, ["extract", str(SEED), "--date", "2025-13-01"])
    assert r.exit_code == 2
    assert "YYYY-MM-DD" in r.stderr


def test_gbk_file(runner, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("各村要在6月底前完成排查。".encode("gbk"))
    r = runner.invoke(main, ["extract", str(path), "--date", "2025-03-01", "--format", "json"])
    assert r.exit_code == 0
    doc = json.loads(r.output)
    assert doc["tasks"][0]["deadline"]["end"] == "2025-06-30"


def test_python_dash_m():
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "speechkit", "--version"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and "speechkit" in r.stdout


def test_output_suffix_chooses_the_format(runner, tmp_path):
    out = tmp_path / "ledger.csv"
    r = runner.invoke(main, ["extract", str(SEED), "--date", SEED_DATE, "-o", str(out)])
    assert r.exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads a BOM-marked CSV as UTF-8
    assert data.decode("utf-8-sig").startswith("序号,工作任务,牵头单位")
    assert f"wrote {out}" in r.stderr


def test_one_bad_path_among_several_keeps_the_good(runner, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    r = runner.invoke(main, ["extract", str(SEED), str(bad), "--date", SEED_DATE, "--format", "jsonl"])
    assert r.exit_code == 2
    assert len(r.stdout.strip().splitlines()) == 1
    assert json.loads(r.stdout)["speech"]["source"] == str(SEED)
    assert r.stderr.strip().splitlines() == [f"speechkit: error: {bad}: empty input"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["eval", "corpora", "--min", "task=abc"], "give FIELD=NUMBER"),
        (["eval", "corpora", "--min", "speed=0.5"], "unknown field"),
        (["batch", "-", "-o", "x.jsonl"], "not standard input"),
        (["extract", "x.txt", "--date", "2025-02-30"], "not a valid date"),
    ],
)
def test_usage_errors_are_one_line(runner, args, message):
    r = runner.invoke(main, args)
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
