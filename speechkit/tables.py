"""Task tables pasted as text: tab-separated lines, or one cell a line under a header row.

A header is a run of short lines of their own (or one tab-separated line) whose cells hold
the header words of ``data/tables.tsv`` (序号, 工作任务, 牵头单位, 完成时限…); each cell gets a
column role. One cell a line, a row starts at a bare row number and holds the lines up to the
next one; a group line between rows (``一、…方面``) is the outline's. Tab-separated, every
following line with tabs is a row. Each row is an item: its content cells are its task
sentences; its unit cells give their owners (the unit grammar of
:mod:`speechkit.extractors.units`) and its time-limit cell their deadline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from . import lexicon
from .records import Owner
from .sentences import Sentence, settle

if TYPE_CHECKING:  # pragma: no cover
    from .extractors.tasks import Verdict

#: A header cell is at most this long (spaces removed).
HEADER_CELL_MAX = 10
MIN_COLUMNS = 3
_ROW_NUMBER = re.compile(r"^\d{1,3}[.、]?$")
UNIT_ROLES = {"lead": "lead", "support": "support", "owner": "owner"}


@dataclass(frozen=True)
class Cell:
    role: str
    sent: int  # index of the sentence holding the cell
    span: tuple[int, int]  # local span in that sentence's norm


@dataclass
class Row:
    """One row of a table: its cells in column order."""

    number: int  # sentence index of the row number (or of the row, tab-separated)
    cells: list[Cell] = field(default_factory=list)

    def of(self, *roles: str) -> list[Cell]:
        return [c for c in self.cells if c.role in roles]


@cache
def _words() -> tuple[tuple[str, str], ...]:
    rows = lexicon.table("tables.tsv", 2)
    return tuple(sorted(((w, r) for w, r in rows), key=lambda x: -len(x[0])))


def column_role(cell: str) -> str | None:
    """The role a header cell names, or None when it is no header cell."""
    cell = re.sub(r"\s+", "", cell)
    if not cell or len(cell) > HEADER_CELL_MAX:
        return None
    for word, role in _words():
        if word in cell:
            return role
    return None


def _fix_roles(roles: list[str]) -> list[str]:
    """The first text column is the title, a second one the content; a lone one is content."""
    text = [i for i, r in enumerate(roles) if r in ("title", "content")]
    if len(text) == 1:
        roles[text[0]] = "content"
    elif len(text) >= 2:
        roles[text[0]] = "title"
        for i in text[1:]:
            roles[i] = "content"
    return roles


def _lines(sents: list[Sentence]) -> list[list[int]]:
    """Sentence indices grouped by line."""
    out: list[list[int]] = []
    for k, s in enumerate(sents):
        if s.line_start or not out:
            out.append([])
        out[-1].append(k)
    return out


def find(sents: list[Sentence]) -> tuple[list[Row], list[int]]:
    """The rows of every table in the speech and the sentences of its headers (one pass)."""
    lines = _lines(sents)
    rows: list[Row] = []
    header: list[int] = []
    tabs = any("\t" in s.norm for s in sents)  # else no line can be a tab-separated header
    i = 0
    while i < len(lines):
        tabbed = _tab_header(sents, lines[i]) if tabs else None
        if tabbed:
            header += lines[i]
            i = _tab_rows(sents, lines, i + 1, tabbed, rows)
            continue
        roles = _cell_header(sents, lines, i)
        if roles:
            header += [k for line in lines[i:i + len(roles)] for k in line]
            i = _cell_rows(sents, lines, i + len(roles), roles, rows)
            continue
        i += 1
    return rows, header


def _tab_header(sents: list[Sentence], line: list[int]) -> list[str] | None:
    cells = "".join(sents[k].norm for k in line).split("\t")
    if len(cells) < MIN_COLUMNS:
        return None
    roles = [column_role(c) for c in cells]
    if sum(r is not None for r in roles) < MIN_COLUMNS:
        return None
    return _fix_roles([r or "other" for r in roles])


def _tab_rows(sents: list[Sentence], lines: list[list[int]], i: int, roles: list[str],
              rows: list[Row]) -> int:
    """Tab-separated rows: a line a row, its cells across the sentences of the line."""
    while i < len(lines) and any("\t" in sents[k].norm for k in lines[i]):
        row = Row(lines[i][0])
        col = 0
        for k in lines[i]:
            if k != lines[i][0] and sents[k].start > sents[k - 1].end:
                col += 1  # the tab before this sentence was stripped off it
            pos = 0
            for n, piece in enumerate(sents[k].norm.split("\t")):
                col += n > 0
                row.cells.append(Cell(roles[min(col, len(roles) - 1)], k, (pos, pos + len(piece))))
                pos += len(piece) + 1
        rows.append(row)
        i += 1
    return i


def _cell_header(sents: list[Sentence], lines: list[list[int]], i: int) -> list[str] | None:
    roles: list[str] = []
    j = i
    while j < len(lines) and len(lines[j]) == 1:
        role = column_role(sents[lines[j][0]].norm)
        if role is None:
            break
        roles.append(role)
        j += 1
    if len(roles) < MIN_COLUMNS or roles[0] != "index" or not any(r in UNIT_ROLES for r in roles):
        return None
    return _fix_roles(roles)


def _cell_rows(sents: list[Sentence], lines: list[list[int]], i: int, roles: list[str],
               rows: list[Row]) -> int:
    """Rows one cell a line: a row number, then its cells up to the next row number."""
    n = len(roles) - 1  # cells after the number
    while i < len(lines):
        first = sents[lines[i][0]]
        if _marked(first):  # a group line (一、…方面): the outline's
            i += 1
            continue
        if not (len(lines[i]) == 1 and _ROW_NUMBER.match(first.norm.strip())):
            break
        j = i + 1
        while j < len(lines) and j - i <= 2 * n and not _ROW_NUMBER.match(
                sents[lines[j][0]].norm.strip()) and not _marked(sents[lines[j][0]]):
            j += 1
        cells = lines[i + 1:j]
        if j >= len(lines) and len(cells) > n:  # the table ended: what follows is text
            j = i + 1 + n
            cells = lines[i + 1:j]
        rows.append(_row(sents, lines[i][0], cells, roles[1:]))
        i = j
    return i


def _marked(s: Sentence) -> bool:
    from .outline import marker_of

    return s.line_start and marker_of(s.norm) is not None


def _row(sents: list[Sentence], number: int, cells: list[list[int]], roles: list[str]) -> Row:
    """Lines to columns; surplus lines belong to the content column."""
    surplus = max(0, len(cells) - len(roles))
    at = roles.index("content") if "content" in roles else 0
    row = Row(number, [Cell("index", number, (0, len(sents[number].norm)))])
    col = 0
    for c, line in enumerate(cells):
        role = roles[min(col, len(roles) - 1)]
        for k in line:
            row.cells.append(Cell(role, k, (0, len(sents[k].norm))))
        if not (col == at and c < at + surplus):
            col += 1
    return row


def mark(sents: list[Sentence]) -> list[Sentence]:
    """Find the tables and record every cell in its sentence, in place (``row``; ``cell``, the
    roles of its tab-separated pieces): title cells head, content cells are body, the rest are
    notes. Returns the sentences."""
    rows, header = find(sents)
    marks: dict[int, tuple[str, str, int]] = {k: ("note", "header", -1) for k in header}
    for row in rows:
        by_sent: dict[int, list[str]] = {}
        for c in row.cells:
            by_sent.setdefault(c.sent, []).append(c.role)
        for k, roles in by_sent.items():
            kind = "body" if "content" in roles else "heading" if "title" in roles else "note"
            marks[k] = (kind, "\t".join(roles), row.number)
    for k, (kind, cell, row_at) in marks.items():
        settle(sents[k], "kind", kind)
        settle(sents[k], "cell", cell)
        settle(sents[k], "row", row_at)
    return sents


def rows_of(sents: list[Sentence]) -> list[Row]:
    """The rows :func:`mark` recorded, rebuilt from the sentences."""
    rows: dict[int, Row] = {}
    for k, s in enumerate(sents):
        if s.row < 0:
            continue
        row = rows.setdefault(s.row, Row(s.row))
        pos = 0
        for role, piece in zip(s.cell.split("\t"), s.norm.split("\t"), strict=False):
            row.cells.append(Cell(role, k, (pos, pos + len(piece))))
            pos += len(piece) + 1
    return list(rows.values())


def owners_of(sents: list[Sentence], row: Row, g: object) -> tuple[Owner, ...]:
    """The units of a row's unit cells, with their column's role."""
    from .extractors.units import Grammar, split_units

    assert isinstance(g, Grammar)
    out: list[Owner] = []
    for c in row.of(*UNIT_ROLES):
        s = sents[c.sent]
        units = split_units(s.norm, c.span[0], len(s.norm[:c.span[1]].rstrip("。;. ")), g, strict=False)
        for x, y in units or ():
            text, span = s.surface(x, y)
            out.append(Owner(text, span, role=UNIT_ROLES[c.role], inherited=c.sent not in
                             {x.sent for x in row.of("content")}))
    return tuple(out)


def content_tasks(sents: list[Sentence], verdicts: list[Verdict]) -> list[Verdict]:
    """A table's content cells state the work of its row: tasks, whatever the model says."""
    from .extractors.tasks import Verdict, force_of

    out = list(verdicts)
    for k, s in enumerate(sents):
        if s.row >= 0 and s.kind == "body" and ("content" in s.cell.split("\t")) \
                and not out[k].is_task:
            out[k] = Verdict(True, 0.75, force_of(s.norm))
    return out


def inherit(sents: list[Sentence], owned: dict[int, tuple[Owner, ...]], g: object
            ) -> tuple[dict[int, tuple[Owner, ...]], dict[int, Cell]]:
    """Owners of each row's unit cells for its content sentences that name none, and each
    content sentence's time-limit cell (in a sentence of its own, or in a row written on one
    line with tabs)."""
    owned = dict(owned)
    limit: dict[int, Cell] = {}
    for row in rows_of(sents):
        units = owners_of(sents, row, g)
        cell = next(iter(row.of("deadline")), None)
        for c in row.of("content"):
            if units and not owned.get(c.sent):
                owned[c.sent] = units
            if cell is not None:
                limit[c.sent] = cell
    return owned, limit
