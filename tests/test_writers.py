"""The ledger's columns and the text writers: rows per item, CSV, Markdown, JSON, the table,
and how extract chooses a format."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from speechkit import ledger
from speechkit.cli import main
from speechkit.writers import FormatError, choose, render
from speechkit.writers.table import text_width, wrap

from .conftest import SEED, SEED_DATE
from .writers_fixtures import HOSTILE, PLAN, PLAN_DATE, hostile_records, plan, with_points

TEN = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限", "目标要求", "所属部分", "出处",
       "强度", "置信度"]


@pytest.fixture(scope="module")
def speech():
    return plan()


@pytest.fixture(scope="module")
def pointed(speech):
    return with_points(speech)


def test_columns_are_declared_once_in_order():
    assert [c.header for c in ledger.columns("report")] == TEN
    assert [c.header for c in ledger.COLUMNS][:10] == TEN
    brief = {c.header for c in ledger.columns("brief")}
    assert brief < set(TEN) and {"牵头单位", "配合单位"} <= brief
    assert len({c.header for c in ledger.COLUMNS}) == len(ledger.COLUMNS)
    assert all(c.width > 0 and c.kind in {"int", "float", "date", "text", "long", "when"}
               for c in ledger.COLUMNS)


def test_a_row_per_task_until_the_speech_has_items(speech):
    assert not speech.items
    rows = ledger.ledger_rows(speech)
    assert [r.tasks for r in rows] == [(t.id,) for t in speech.tasks]
    assert [r.id for r in rows] == [ledger.item_id(t.id) for t in speech.tasks]


def test_a_row_per_item_with_title_then_measures(pointed):
    rows = ledger.ledger_rows(pointed)
    assert len(rows) == len(pointed.items) == 2
    first = rows[0]
    lines = first.work.split("\n")
    assert lines[0] == "（一）完善基础设施"
    assert lines[1].startswith("区住建局牵头") and len(lines) == 1 + len(pointed.items[0].tasks)
    assert first.lead[0] == "区住建局" and first.support[:2] == ("区财政局", "各街道")
    assert "区财政局" not in first.lead
    assert first.deadline is not None and first.deadline.end.isoformat() == "2026-06-30"
    sentence = ledger.ledger_rows(pointed, "sentence")
    assert len(sentence) == len(pointed.tasks)


def test_an_item_is_not_its_own_section(pointed):
    from dataclasses import replace

    it = pointed.items[0]
    own = replace(pointed, items=(replace(it, section=(*it.section, it.title)),))
    assert ledger.ledger_rows(own)[0].section == ledger.ledger_rows(pointed)[0].section


def test_lead_and_support_have_their_own_cells(pointed):
    row = ledger.ledger_rows(pointed)[0]
    cells = dict(zip([c.header for c in ledger.COLUMNS], ledger.cells(row)))
    assert cells["牵头单位"].startswith("区住建局") and "区财政局" not in cells["牵头单位"]
    assert cells["配合单位"].startswith("区财政局、各街道")
    assert cells["完成时限"] == "2026年6月底前（2026-06-30）"
    assert cells["目标要求"].startswith("12个")
    assert "（一）完善基础设施" not in cells["出处"] and "一、总体要求" in cells["出处"]
    assert re.search(r"第\d+行", cells["出处"])


def test_the_part_a_row_stands_in(speech):
    from dataclasses import replace

    sections = tuple(replace(s, part="deploy") if s.level == 1 else s for s in speech.sections)
    row = ledger.ledger_rows(replace(speech, sections=sections))[0]
    assert dict(zip([c.header for c in ledger.COLUMNS], ledger.cells(row)))["所属部分"] == "部署"
    assert ledger.ledger_rows(speech)[0].part is None


def test_result_clause_when_no_number(speech):
    rows = {r.tasks[0]: r for r in ledger.ledger_rows(speech)}
    t = next(t for t in speech.tasks if "便民服务中心" in t.text)
    assert rows[t.id].targets == ("确保年底前全部投入使用",)
    assert ledger.result_clauses("镇里要加快施工，确保工程按期完工。") == ["确保工程按期完工"]
    assert ledger.result_clauses("要加强宣传。") == []


def test_result_cues_shape():
    from speechkit.lexicon import table

    words = [r[0] for r in table("ledger_results.tsv", 1)]
    assert words and len(words) == len(set(words))
    assert all(w and not re.search(r"\s|[，。,]", w) for w in words)


def test_csv_cells_never_start_a_formula(speech):
    text = render([speech], "csv")
    assert text.startswith("\ufeff序号,工作任务,牵头单位,配合单位,完成时限")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1 + len(speech.tasks)
    assert any(HOSTILE in c for r in rows for c in r)
    for r in rows:
        for c in r:
            assert not c.startswith(("=", "+", "-", "@", "\t", "\r")), c
    hostile = list(csv.reader(io.StringIO(render([hostile_records()], "csv").lstrip("\ufeff"))))
    for r in hostile:
        for c in r:
            assert not c.startswith(("=", "+", "-", "@")) and "\x1b" not in c, c


def test_tsv_is_tab_separated(speech):
    head = render([speech], "tsv").splitlines()[0]
    assert head.lstrip("\ufeff").split("\t")[:3] == ["序号", "工作任务", "牵头单位"]


def test_markdown_table(pointed):
    md = render([pointed], "md")
    lines = [ln for ln in md.splitlines() if ln.startswith("|")]
    assert lines[0] == "| " + " | ".join(TEN) + " |"
    assert set(lines[1]) <= set("|-:")
    assert len(lines) == 2 + len(pointed.items)
    assert all(ln.count("|") - ln.count("\\|") == len(TEN) + 1 for ln in lines)
    assert "<br>" in lines[2]  # the title, then the measures


def test_json_is_one_object_a_speech_whatever_the_count(speech, pointed):
    one = render([speech], "json")
    assert one.count("\n") == 1
    doc = json.loads(one)
    assert len(doc["items"]) == len(doc["tasks"]) and doc["tasks"][0]["item"] == "I001"
    two = render([speech, pointed], "json").splitlines()
    assert [json.loads(x)["speech"]["source"] for x in two] == ["plan.txt", "plan.txt"]
    assert json.loads(two[1])["items"][0]["title"].startswith("（一）完善基础设施")
    assert render([speech, pointed], "jsonl") == render([speech, pointed], "json")


def _column(lines: list[str], start: int, end: int) -> str:
    """What the lines hold between two display offsets."""
    out = []
    for line in lines:
        at, cut = 0, []
        for ch in line:
            if start <= at < end:
                cut.append(ch)
            at += text_width(ch)
        out.append("".join(cut).strip())
    return "".join(out)


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_table_fits_the_terminal(pointed, width):
    out = render([pointed], "table", width=width)
    lines = out.splitlines()
    for line in lines:
        assert text_width(line) <= width, (width, line)
    head = lines[2]
    assert "牵头单位" in head and "配合单位" in head
    assert "▌ 一、总体要求" in out
    start = text_width(head[:head.index("工作任务")])
    end = text_width(head[:head.index("牵头单位")])
    body = [ln for ln in lines[4:] if not ln.startswith(("▌", "!"))]
    work = _column(body, start, end)
    for t in pointed.tasks:  # wrapped, never cut
        assert re.sub(r"\s", "", t.text) in work


@pytest.mark.parametrize("width", [20, 36, 50])
def test_a_narrow_terminal_gets_a_card_a_row(pointed, width):
    out = render([pointed], "table", width=width)
    assert all(text_width(line) <= width for line in out.splitlines())
    assert out.count("  牵头单位：") == len(pointed.items)
    flat = re.sub(r"\s", "", out)
    assert all(re.sub(r"\s", "", t.text) in flat for t in pointed.tasks)


def test_table_strips_escape_codes():
    out = render([hostile_records()], "table", width=100)
    assert "\x1b" not in out and "\x07" not in out
    assert "@SUM(A1)要做好" in out


def test_wrap_breaks_by_display_width():
    assert wrap("一二三四五", 4) == ["一二", "三四", "五"]
    assert wrap("ab\ncd", 10) == ["ab", "cd"]
    assert wrap("一二三四，五", 8) == ["一二三", "四，五"]  # no line starts with a comma


@pytest.mark.parametrize(
    "fmt, out, want",
    [(None, None, "json"), ("md", None, "md"), (None, "a.xlsx", "xlsx"), (None, "a.htm", "html"),
     ("jsonl", "a.json", "jsonl"), ("md", "a.txt", "md"), (None, "a.txt", "table"),
     ("csv", "noext", "csv")],
)
def test_choose(fmt, out, want):
    from pathlib import Path

    assert choose(fmt, Path(out) if out else None) == want


@pytest.mark.parametrize("fmt, out", [(None, "a.xls"), ("json", "a.docx"), ("csv", "a.xlsx"),
                                      (None, "noext"), ("pdf", None)])
def test_choose_refuses(fmt, out):
    from pathlib import Path

    with pytest.raises(FormatError):
        choose(fmt, Path(out) if out else None)


@pytest.mark.parametrize("args, message", [
    (["-o", "x.unknown"], "no writer for '.unknown'"),
    (["-o", "ledger.xls"], "no writer for '.xls'"),
    (["--format", "csv", "-o", "x.xlsx"], "disagrees"),
    (["--format", "docx"], "writes a file"),
])
def test_extract_refuses_output_it_cannot_write(tmp_path, args, message):
    r = CliRunner().invoke(main, ["extract", str(SEED), "--date", SEED_DATE, *args])
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert r.stdout == ""


def test_extract_csv_on_stdout_has_a_bom(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(path), "--date", PLAN_DATE, "--format", "csv"])
    assert r.exit_code == 0
    assert r.stdout_bytes.startswith(b"\xef\xbb\xbf")


def test_extract_rows_sentence(tmp_path):
    r = CliRunner().invoke(main, ["extract", str(SEED), "--date", SEED_DATE, "--format", "csv",
                                  "--rows", "sentence"])
    assert r.exit_code == 0
    doc = CliRunner().invoke(main, ["extract", str(SEED), "--date", SEED_DATE, "--format", "json"])
    tasks = json.loads(doc.stdout)["tasks"]
    assert len(list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))) == 1 + len(tasks)


def test_records_sit_below_the_ledger_and_writers():
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("speechkit")
    for upper in ("speechkit.frames", "speechkit.ledger", "speechkit.writers"):
        assert not graph.chain_exists(importer="speechkit.records", imported=upper,
                                      as_packages=True), upper
    for lower in ("speechkit.ledger", "speechkit.frames"):
        assert not graph.chain_exists(importer=lower, imported="speechkit.writers",
                                      as_packages=True)


def test_json_with_lone_items_keeps_the_schema_and_reads_back(speech):
    jsonschema = pytest.importorskip("jsonschema")
    from speechkit.records import Speech, json_schema

    doc = json.loads(render([speech], "json"))
    jsonschema.validate(doc, json_schema())
    back = Speech.from_dict(doc, speech.text)
    assert [i.tasks for i in back.items] == [(t.id,) for t in speech.tasks]
    assert all(t.item == i.id for t, i in zip(back.tasks, back.items))


def test_a_top_level_point_groups_under_its_own_heading() -> None:
    import speechkit
    from speechkit.ledger import ledger_rows

    text = ("一、抓好农村公路建设\n各乡镇要在年底前完成村道硬化。\n"
            "二、抓好安全生产\n（一）强化企业责任\n县应急局要每月开展一次检查。\n")
    speech = speechkit.extract(text, date="2025-07-15")
    rows = ledger_rows(speech)
    assert [r.section for r in rows] == [("一、抓好农村公路建设",), ("二、抓好安全生产",)]
