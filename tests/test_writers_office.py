"""The Excel and Word ledgers, read back with openpyxl and python-docx."""
from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest
from click.testing import CliRunner

from speechkit import ledger
from speechkit.cli import main
from speechkit.writers import write

from .conftest import SEED, SEED_DATE
from .writers_fixtures import HOSTILE, PLAN, PLAN_DATE, hostile_records, plan, with_points

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

TEN = [c.header for c in ledger.columns("report")]


@pytest.fixture(scope="module")
def pointed():
    return with_points(plan())


@pytest.fixture(scope="module")
def book(pointed, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "ledger.xlsx"
    write([pointed], "xlsx", path=path)
    return path


def test_xlsx_ledger_sheet(book, pointed):
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["任务分解表", "数据", "提示"]
    ws = wb["任务分解表"]
    assert "任务分解表" in ws["A1"].value and pointed.title in ws["A1"].value
    assert PLAN_DATE in ws["A1"].value and "A1" in {str(r).split(":")[0] for r in ws.merged_cells}
    head = [c.value for c in ws[2]]
    assert head[:10] == TEN
    assert all(c.font.bold for c in ws[2])
    assert ws.freeze_panes == "C3"
    data = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(data) == len(pointed.items)  # one row an item
    col = {h: i for i, h in enumerate(head)}
    assert data[0][col["工作任务"]].startswith("（一）完善基础设施\n区住建局牵头")
    assert data[0][col["牵头单位"]].startswith("区住建局")
    assert data[0][col["配合单位"]].startswith("区财政局、各街道")
    assert ws.cell(3, col["工作任务"] + 1).alignment.wrap_text
    due = ws.cell(3, col["截止日期"] + 1)
    assert isinstance(due.value, dt.datetime) and due.value.date() == dt.date(2026, 6, 30)
    assert due.number_format == "yyyy-mm-dd"
    for c in ledger.COLUMNS:
        letter = openpyxl.utils.get_column_letter(col[c.header] + 1)
        assert ws.column_dimensions[letter].width == c.width
    assert ws.auto_filter.ref.startswith("A2:")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$2:$2"


def test_xlsx_figures_and_warnings_sheets(tmp_path):
    path = tmp_path / "seed.xlsx"
    r = CliRunner().invoke(main, ["extract", str(SEED), "--date", SEED_DATE, "-o", str(path)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(path)
    figures = wb["数据"]
    head = [c.value for c in figures[1]]
    assert head[:6] == ["文件", "任务编号", "类别", "原文", "数值", "单位"]
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in head if h not in ("起", "止"))
    assert figures.max_row > 1 and figures.freeze_panes == "A2"
    notes = [row[1] for row in wb["提示"].iter_rows(min_row=2, values_only=True)]
    assert any("此处隐藏" in n for n in notes)  # the seed's cut marker


def _formulas(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/")
                and re.search(rb"<(?:\w+:)?f[ >]", z.read(n))]


@pytest.mark.parametrize("which", ["extracted", "records"])
def test_no_cell_of_any_sheet_is_a_formula(tmp_path, which):
    speech = plan() if which == "extracted" else hostile_records()
    path = tmp_path / "x.xlsx"
    write([speech], "xlsx", path=path)
    assert _formulas(path) == []
    wb = openpyxl.load_workbook(path)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert "\x1b" not in cell.value
                    if cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.quotePrefix, cell.value
    starts = {t[0] for t in texts}
    assert {"=", "+", "@"} <= starts  # the hostile text is there, as text
    assert any(HOSTILE in t for t in texts)


def test_xlsx_sentence_rows(tmp_path):
    speech = with_points(plan())
    path = tmp_path / "s.xlsx"
    write([speech], "xlsx", path=path, rows="sentence")
    ws = openpyxl.load_workbook(path)["任务分解表"]
    assert ws.max_row - 2 == len(speech.tasks)


def test_docx_landscape_ledger(tmp_path, pointed):
    path = tmp_path / "ledger.docx"
    write([pointed], "docx", path=path)
    doc = docx.Document(str(path))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "任务分解表" in text and pointed.title in text and PLAN_DATE in text
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == TEN
    body = table.rows[1:]
    bands = [r for r in body if len({id(c._tc) for c in r.cells}) == 1]
    items = [r for r in body if len({id(c._tc) for c in r.cells}) > 1]
    assert len(items) == len(pointed.items)  # a row an item
    assert [b.cells[0].text for b in bands] == ["一、总体要求"]  # a row per section
    first = [c.text for c in items[0].cells]
    assert first[1].startswith("（一）完善基础设施\n区住建局牵头")
    assert first[2].startswith("区住建局") and first[3].startswith("区财政局")


def test_docx_warnings_note(tmp_path):
    path = tmp_path / "seed.docx"
    r = CliRunner().invoke(main, ["extract", str(SEED), "--date", SEED_DATE, "-o", str(path)])
    assert r.exit_code == 0, r.output
    doc = docx.Document(str(path))
    paras = [p.text for p in doc.paragraphs]
    note = paras.index("说明：")
    assert any("此处隐藏" in p for p in paras[note:])


def test_docx_takes_hostile_text(tmp_path):
    path = tmp_path / "h.docx"
    write([hostile_records()], "docx", path=path)
    doc = docx.Document(str(path))
    cells = [c.text for r in doc.tables[0].rows for c in r.cells]
    assert any(c.startswith("@SUM(A1)") for c in cells)
    assert not any("\x1b" in c for c in cells)


def test_extract_plan_to_xlsx_via_cli(tmp_path):
    src = tmp_path / "plan.txt"
    src.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "plan.xlsx"
    r = CliRunner().invoke(main, ["extract", str(src), "--date", PLAN_DATE, "-o", str(out)])
    assert r.exit_code == 0 and f"wrote {out}" in r.stderr
    assert _formulas(out) == []
