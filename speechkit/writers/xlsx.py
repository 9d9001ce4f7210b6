"""The Excel ledger: a 任务分解表 sheet ready to print, a 数据 sheet of figures, a 提示 sheet.

Every cell is written as a value: a text that starts like a formula (``= + - @``) is stored as
text with Excel's quote prefix, so nothing the speech says is ever run by a spreadsheet.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..ledger import FIGURE_COLUMNS, cells, columns, figure_rows, ledger_rows, plain
from .text import FORMULA_STARTS

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Speech

SHEETS = ("任务分解表", "数据", "提示")
NUMBER_FORMATS = {"date": "yyyy-mm-dd", "float": "0.00", "int": "0"}


def put(ws: Any, row: int, col: int, value: object, kind: str = "text",
        style: Any = None) -> Any:
    """Write one cell as a plain value, never a formula; ``style`` is a cell whose style
    (number format, alignment, border) it copies, far quicker than setting each again."""
    if isinstance(value, str):
        value = plain(value)
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if style is not None:
        cell._style = copy(style._style)
    elif kind in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[kind]
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl takes a leading "=" for a formula: it is text
    # and a text that starts like one stays text when someone edits the cell
    cell.quotePrefix = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    return cell


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return {
        "title": Font(bold=True, size=14),
        "bold": Font(bold=True),
        "fill": PatternFill("solid", fgColor="DDE5F0"),
        "head": Alignment(wrap_text=True, horizontal="center", vertical="center"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
    }


def _header(ws: Any, at: int, headers: Sequence[str], widths: Sequence[int],
            st: dict[str, Any]) -> None:
    from openpyxl.utils import get_column_letter

    for i, (header, width) in enumerate(zip(headers, widths), 1):
        cell = put(ws, at, i, header)
        cell.font, cell.fill, cell.alignment, cell.border = (st["bold"], st["fill"], st["head"],
                                                             st["border"])
        ws.column_dimensions[get_column_letter(i)].width = width


def _print_setup(ws: Any, title_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _title(speeches: Sequence[Speech]) -> str:
    if len(speeches) == 1:
        s = speeches[0]
        date = s.date.isoformat() if s.date else "日期未明确"
        return f"任务分解表 · {s.title or s.source} · {date} · 出自 {s.source}"
    return f"任务分解表 · {len(speeches)} 篇：" + "；".join(s.title or s.source for s in speeches)


def _body(ws: Any, start: int, kinds: Sequence[str], values: Iterable[Sequence[object]],
          st: dict[str, Any]) -> int:
    """Rows of cells from row ``start``, wrapped and bordered; returns the last row."""
    first: list[Any] = []  # the first row's cells, whose styles the others copy
    r = start - 1
    for r, row in enumerate(values, start):
        for i, (kind, value) in enumerate(zip(kinds, row), 1):
            cell = put(ws, r, i, value, kind, first[i - 1] if r > start else None)
            if r == start:
                cell.alignment, cell.border = st["wrap"], st["border"]
                first.append(cell)
    return r


def _ledger_sheet(ws: Any, speeches: Sequence[Speech], rows: str, st: dict[str, Any]) -> int:
    from openpyxl.utils import get_column_letter

    cols = columns("data")
    last = get_column_letter(len(cols))
    put(ws, 1, 1, _title(speeches)).font = st["title"]
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 24
    _header(ws, 2, [c.header for c in cols], [c.width for c in cols], st)
    r = _body(ws, 3, [c.kind for c in cols],
              (cells(row, cols) for s in speeches for row in ledger_rows(s, rows)), st)
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:{last}{max(r, 3)}"
    _print_setup(ws, "2:2")
    return r - 2


def _figures_sheet(ws: Any, speeches: Sequence[Speech], st: dict[str, Any]) -> None:
    from openpyxl.utils import get_column_letter

    _header(ws, 1, [c.header for c in FIGURE_COLUMNS], [c.width for c in FIGURE_COLUMNS], st)
    r = _body(ws, 2, [c.kind for c in FIGURE_COLUMNS],
              (values for s in speeches for values in figure_rows(s)), st)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FIGURE_COLUMNS))}{max(r, 2)}"
    _print_setup(ws, "1:1")


def _warnings_sheet(ws: Any, speeches: Sequence[Speech], st: dict[str, Any]) -> None:
    _header(ws, 1, ["文件", "提示"], [30, 100], st)
    found = [(s.source, w) for s in speeches for w in s.warnings] or [("", "无")]
    for r, (source, warning) in enumerate(found, 2):
        put(ws, r, 1, source)
        put(ws, r, 2, warning).alignment = st["wrap"]
    ws.freeze_panes = "A2"


def write(speeches: Sequence[Speech], path: Path, *, rows: str = "item") -> int:
    """Write the workbook; returns the number of ledger rows."""
    from openpyxl import Workbook

    wb = Workbook()
    st = _styles()
    ledger = wb.active
    ledger.title = SHEETS[0]
    n = _ledger_sheet(ledger, speeches, rows, st)
    _figures_sheet(wb.create_sheet(SHEETS[1]), speeches, st)
    _warnings_sheet(wb.create_sheet(SHEETS[2]), speeches, st)
    wb.properties.title = _title(speeches)
    wb.save(path)
    return n
