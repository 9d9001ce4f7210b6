"""The seed as Word, PDF and a web page gives the tasks the .txt gives; other formats and files."""
from __future__ import annotations

import io
import json
import os
import zipfile

import pytest

import speechkit
from speechkit.errors import InputError
from speechkit.readers import read_all, read_bytes, read_path, sniff

from .conftest import SEED_DATE


def _tasks(speech):
    return [(t.text, tuple(o.text for o in t.owners),
             t.deadline.end if t.deadline else None) for t in speech.tasks]


def make_docx(lines, path, table=None, heading_at=()):
    import docx

    doc = docx.Document()
    doc.add_paragraph("全镇重点工作推进会讲话", style="Title")
    for i, line in enumerate(lines):
        doc.add_paragraph(line, style="Heading 1" if i in heading_at else None)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    doc.save(path)
    return path


def make_pdf(text, path, width=38):
    """A text-layer PDF of ``text``, lines wrapped at ``width`` characters as a page wraps them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for para in text.split("\n"):
        for i in range(0, len(para), width):
            if y < 50:
                c.showPage()
                y = 800
            c.setFont("STSong-Light", 12)
            c.drawString(40, y, para[i:i + width])
            y -= 16
    c.save()
    return path


def make_html(lines, path):
    """The seed as a web page: a menu, inline tags inside sentences, a title, a footer."""
    body = []
    for line in lines:  # bold every 要 clause's first verb: inline tags inside the sentences
        line = line.replace("年底前", "<b>年底前</b>").replace("要", "<span class='k'>要</span>", 3)
        body.append(f"<p>\n  {line}\n</p>")
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>推进会讲话_某镇门户网站"
            "</title><style>p{color:red}</style><script>var x='要加强';</script></head><body>"
            "<div class='nav'><a href='/'>首页</a> | <a href='/x'>要闻动态</a></div>"
            f"<div class='TRS_Editor'>{''.join(body)}</div>"
            "<footer>版权所有 主办单位：某镇人民政府</footer></body></html>")
    path.write_text(page, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_tasks(seed_speech):
    return _tasks(seed_speech)


def test_seed_as_docx_gives_the_same_tasks(tmp_path, seed_text, seed_tasks):
    path = make_docx(seed_text.split("\n"), tmp_path / "seed.docx")
    speech = speechkit.extract_file(path, date=SEED_DATE)
    assert speech.format == "docx"
    assert speech.title == "全镇重点工作推进会讲话"
    assert _tasks(speech) == seed_tasks


def test_seed_as_pdf_gives_the_same_tasks(tmp_path, seed_text, seed_tasks):
    pytest.importorskip("reportlab")
    path = make_pdf(seed_text, tmp_path / "seed.pdf")
    speech = speechkit.extract_file(path, date=SEED_DATE)
    assert speech.format == "pdf"
    assert speech.text == seed_text.strip("\n")
    assert _tasks(speech) == seed_tasks


def test_seed_as_html_gives_the_same_tasks(tmp_path, seed_text, seed_tasks):
    path = make_html(seed_text.split("\n"), tmp_path / "seed.html")
    speech = speechkit.extract_file(path, date=SEED_DATE)
    assert speech.format == "html"
    assert speech.title == "推进会讲话_某镇门户网站"
    assert "首页" not in speech.text and "版权所有" not in speech.text and "var x" not in speech.text
    assert _tasks(speech) == seed_tasks


def test_inline_tags_never_split_a_sentence():
    page = "<html><body><p>镇规建办要在<b>年底前</b>完成\n<i>3个村</i>的改造。</p></body></html>"
    speech = speechkit.extract(page.encode(), date=SEED_DATE)
    assert [t.text for t in speech.tasks] == ["镇规建办要在年底前完成3个村的改造。"]
    assert speech.tasks[0].deadline.end.isoformat() == "2025-12-31"


def test_docx_tables_are_rows_and_headings_are_kept(tmp_path):
    rows = [["序号", "工作任务", "牵头单位", "完成时限"],
            ["1", "完成城东道路改造。", "区住建局", "2025年12月底前"]]
    path = make_docx(["一、重点任务", "各村要做好排查。"], tmp_path / "t.docx", table=rows,
                     heading_at=(0,))
    doc = read_path(path)
    lines = doc.text.split("\n")
    assert "1\t完成城东道路改造。\t区住建局\t2025年12月底前" in lines
    assert lines.index("序号\t工作任务\t牵头单位\t完成时限") > lines.index("各村要做好排查。")
    (offset, level), = doc.headings
    assert doc.text[offset:].startswith("一、重点任务") and level == 1


def test_a_scanned_pdf_is_a_clear_error(tmp_path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(50, 50, 400, 600, fill=1)  # a page with a picture and no text
    c.save()
    with pytest.raises(InputError, match="no text layer.*OCR"):
        speechkit.extract_file(tmp_path / "scan.pdf")


@pytest.mark.parametrize("name, data, reason", [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "convert it to .docx"),
    ("old.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy WPS"),
    ("fake.docx", b"PK\x03\x04broken", "zip"),
    ("x.pdf", b"%PDF-1.4\n garbage", "not a readable PDF|no text layer"),
])
def test_legacy_and_damaged_files_are_clear_errors(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=reason):
        read_path(tmp_path / name)


def test_content_wins_over_the_suffix(tmp_path, seed_text):
    pdf = make_pdf(seed_text[:300], tmp_path / "speech.pdf")
    disguised = tmp_path / "speech.txt"
    disguised.write_bytes(pdf.read_bytes())
    assert sniff(disguised.read_bytes(), ".txt") == "pdf"
    assert read_path(disguised).format == "pdf"


@pytest.mark.parametrize("make", ["fifo", "devzero"])
def test_special_files_are_refused_without_reading(tmp_path, make):
    if make == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)  # opening it would block until a writer came
    else:
        path = "/dev/zero"
        if not os.path.exists(path):
            pytest.skip("no /dev/zero")
    with pytest.raises(InputError, match="FIFO|device"):
        read_path(path)


def test_zip_members_and_jsonl(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a/一.txt", "镇规建办要在年底前完成改造。".encode("gb18030"))
        z.writestr("b.html", "<p>各村要<b>抓好</b>排查。</p>")
        z.writestr("empty.txt", b"")
        z.writestr("readme.png", b"\x89PNG")
    (tmp_path / "x.zip").write_bytes(buf.getvalue())
    contents = read_all(tmp_path / "x.zip")
    assert sorted(d.source.split("!")[1] for d in contents.documents) == ["a/一.txt", "b.html"]
    assert [e.source.split("!")[1] for e in contents.errors] == ["empty.txt"]
    with pytest.raises(InputError, match="holds 3 speeches"):
        read_path(tmp_path / "x.zip")
    lines = [json.dumps({"id": "s1", "text": "要加强排查。", "date": "2025-03-01", "title": "甲"},
                        ensure_ascii=False), "not json", json.dumps({"id": 2, "text": "要落实。"})]
    (tmp_path / "x.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    contents = read_all(tmp_path / "x.jsonl")
    assert [(d.source.rsplit("#")[1], d.date, d.title) for d in contents.documents] == [
        ("s1", "2025-03-01", "甲"), ("2", None, None)]
    assert "x.jsonl:2" in str(contents.errors[0])


def test_jsonl_dates_reach_the_speech():
    data = json.dumps({"id": "a", "text": "各村要在年底前完成排查。", "date": "2024-05-01"}).encode()
    speech = speechkit.extract(read_bytes(data, "x.jsonl", ".jsonl").text, date="2024-05-01")
    from speechkit.api import from_document

    read = from_document(read_bytes(data, "x.jsonl", ".jsonl"))
    assert read.date == speech.date and read.format == "jsonl"
    assert read.tasks[0].deadline.end.isoformat() == "2024-12-31"


def test_extract_command_reads_word_and_says_so(tmp_path):
    from click.testing import CliRunner

    from speechkit.cli import main

    path = make_docx(["各村要在年底前完成排查。"], tmp_path / "s.docx")
    r = CliRunner().invoke(main, ["extract", str(path), "--date", SEED_DATE, "--format", "json"])
    assert r.exit_code == 0, r.output
    record = json.loads(r.stdout.splitlines()[0])
    assert record["speech"]["format"] == "docx"
    assert record["tasks"][0]["deadline"]["end"] == "2025-12-31"
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    r = CliRunner().invoke(main, ["extract", str(legacy)])
    assert r.exit_code == 2 and "convert it to .docx" in r.stderr


def _styled_docx(paragraphs, path):
    """A Word file from (style or None, text) pairs."""
    import docx

    doc = docx.Document()
    for style, text in paragraphs:
        doc.add_paragraph(text, style=style)
    doc.save(path)
    return path


def test_word_heading_styles_make_the_outline(tmp_path):
    path = _styled_docx([
        ("Title", "全县春季农业生产工作会议讲话"),
        ("Heading 1", "去年工作回顾"),
        (None, "全县粮食播种面积稳中有增，完成了高标准农田建设任务。"),
        ("Heading 1", "今年重点工作"),
        ("Heading 2", "抓好春耕备耕"),  # no marker, no full stop: a heading only by its style
        (None, "各乡镇要在3月底前完成种子和化肥的调运。"),
        ("Heading 2", "一是守住耕地红线"),
        (None, "县自然资源局要加强耕地保护执法检查。"),
        (None, "（一）建立巡查制度。"),  # a marker in a body paragraph is judged as ever
        (None, "各村要每周开展一次田间巡查，发现问题及时上报县里。"),
    ], tmp_path / "styled.docx")
    speech = speechkit.extract_file(path)
    outline = [(s.level, s.title) for s in speech.sections]
    assert outline[:4] == [(1, "去年工作回顾"), (1, "今年重点工作"), (2, "抓好春耕备耕"),
                           (2, "守住耕地红线")]
    assert outline[4][0] == 3 and outline[4][1].startswith("建立巡查制度")
    assert [s.part for s in speech.sections[:2]] == ["review", "deploy"]
    text = read_path(path).text
    for s in speech.sections:
        assert text[s.span[0]:s.span[1]].strip() == s.marker + s.title
    tasks = {t.text: t.section for t in speech.tasks}
    assert tasks["县自然资源局要加强耕地保护执法检查。"] == ("今年重点工作", "一是守住耕地红线")


def test_a_long_paragraph_styled_as_heading_is_body(tmp_path):
    long = "各乡镇要" + "组织农技人员深入田间地头指导农户科学施肥、" * 4 + "确保春播顺利进行。"
    path = _styled_docx([("Heading 1", "今年重点工作"), ("Heading 2", long)], tmp_path / "l.docx")
    speech = speechkit.extract_file(path)
    assert [s.title for s in speech.sections] == ["今年重点工作"]
    assert [t.text for t in speech.tasks] == [long]


def test_word_report_without_styles_gets_no_spurious_headings(tmp_path):
    lines = ["全县经济工作会议讲话", "县长  李明", "2026年1月10日", "同志们：",
             "一、过去一年工作回顾", "全县生产总值增长了5%，完成了年度目标。",
             "新建了农村公路80公里，", "改造了危房200户。",
             "二、今年主要任务", "（一）推进项目建设。", "各乡镇要在6月底前完成项目签约。",
             "县发改局要加快项目审批。"]
    path = _styled_docx([(None, line) for line in lines], tmp_path / "plain.docx")
    speech = speechkit.extract_file(path)
    assert [s.title for s in speech.sections] == ["过去一年工作回顾", "今年主要任务",
                                                   "推进项目建设。"]
    assert [s.part for s in speech.sections] == ["review", "deploy", "deploy"]
