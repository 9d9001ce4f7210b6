"""The Word 任务分解表: landscape, a title and date, the ledger table with a row grouping the
items of each section, and the warnings as a note at the end (python-docx)."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ..ledger import Row, cells, columns, ledger_rows, plain

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Speech

TITLE = "任务分解表"
FONT = "SimSun"
PAGE_CM = (29.7, 21.0)  # A4, landscape
MARGIN_CM = 1.5
SECTION_FILL = "E8EEF6"
HEADER_FILL = "DDE5F0"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return plain(str(value.isoformat() if hasattr(value, "isoformat") else value))


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def _fill(cell: Any, text: str, bold: bool = False) -> None:
    lines = text.split("\n")
    para = cell.paragraphs[0]
    for i, line in enumerate(lines):
        run = para.add_run(line)
        run.bold = bold
        if i < len(lines) - 1:
            run.add_break()


def _setup(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(9)
    normal.font.name = FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _tc(text: str, width: int, *, span: int = 1, fill: str = "", bold: bool = False) -> str:
    """One table cell as WordprocessingML: its width (twips), lines as breaks in one run."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    run = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>'
                         for line in text.split("\n"))
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r>{rpr}{run}</w:r></w:p></w:tc>"


def _table(doc: Any, found: Sequence[Row]) -> Any:
    """The ledger table. Rows are written as XML, not cell by cell through python-docx,
    whose per-cell calls take time that grows with the table."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm

    cols = columns("report")
    usable = PAGE_CM[0] - 2 * MARGIN_CM
    total = sum(c.width for c in cols)
    widths = [Cm(usable * c.width / total) for c in cols]
    twips = [w.twips for w in widths]
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"
    table.autofit = False
    for col, w in zip(table.columns, widths):
        col.width = w
    head = table.rows[0]
    _repeat_header(head)
    for cell, c, w in zip(head.cells, cols, widths):
        _fill(cell, c.header, bold=True)
        _shade(cell, HEADER_FILL)
        cell.width = w
    tbl = table._tbl
    section: tuple[str, ...] | None = None
    for row in found:
        trs = []
        if row.section != section:
            section = row.section
            band = " > ".join(section) or "（不在任何章节下）"
            trs.append(_tc(band, sum(twips), span=len(cols), fill=SECTION_FILL, bold=True))
        trs.append("".join(_tc(_text(v), w) for v, w in zip(cells(row, cols), twips)))
        for tr in trs:
            tbl.append(parse_xml(f"<w:tr {nsdecls('w')}>{tr}</w:tr>"))
    return table


def _speech(doc: Any, speech: Speech, rows: str) -> int:
    doc.add_heading(f"{TITLE}：{plain(speech.title or speech.source)}", level=1)
    date = speech.date.isoformat() if speech.date else "日期未明确"
    found = ledger_rows(speech, rows)
    doc.add_paragraph(f"日期：{date}　出处：{plain(speech.source)}　共 {len(found)} 项、"
                      f"{len(speech.tasks)} 条任务")
    _table(doc, found)
    if speech.warnings:
        note = doc.add_paragraph()
        note.add_run("说明：").bold = True
        for w in speech.warnings:
            doc.add_paragraph(plain(w), style="List Bullet")
    return len(found)


def write(speeches: Sequence[Speech], path: Path, *, rows: str = "item") -> int:
    """Write the document; returns the number of ledger rows."""
    from docx import Document

    doc = Document()
    _setup(doc)
    doc.core_properties.title = TITLE
    doc.add_heading(TITLE, level=0)
    n = 0
    for i, s in enumerate(speeches):
        if i:
            doc.add_page_break()
        n += _speech(doc, s, rows)
    doc.save(str(path))
    return n
