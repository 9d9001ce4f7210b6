"""The outline: headings, their levels, and the section path of every sentence.

Marker types (``一、`` ``（一）`` ``1.`` ``（1）`` ``第一，`` ``一是`` ``首先`` ``——``) are data in
``data/outline.tsv``. Levels are not fixed per type: a type seen for the first time opens a
level below the current one, a type already open closes everything below it. So a skipped or
cut level, or a speech that starts at ``第一，``, still nests correctly.

What is never a heading is decided by the shape of the line: bylines, dates, speakers and
salutations (``data/outline_lines.tsv``) are meta; a marker inside a paragraph heads a section
only when it is a short sentence of its own and its list did not start as an inline enumeration;
a line that ends in a full stop is a sentence, not a bare heading; a line that continues an
unfinished sentence is a fragment.

A paragraph the file itself styles as a heading (Word's ``Heading 2``, given as ``headings``:
``(offset, level)``) is a heading at that level, whatever its shape, unless it is too long
to be one; everything else is judged as above.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import lexicon
from .records import Section
from .sentences import Sentence, settle

#: A web page's label for its title line (``标题：…``).
TITLE_LABEL = "标题:"
#: A marker sentence longer than this (after the marker) is a task that opens a section,
#: not a heading.
HEADING_MAX = 32
#: A line without a marker that is this short and has no sentence punctuation inside is a
#: bare heading when a longer paragraph follows it.
BARE_MAX = 24
#: A lead-in line (``具体目标：``) heads what follows when that is a list: a marked line, a
#: short line of its own, or several lines of one sentence each.
LIST_LINE_MAX = 40
#: A paragraph styled as a heading but longer than this is body text styled by mistake.
STYLED_MAX = 60
_FLOATING = ("dash", "lead")
_CLOSED = tuple("。!?;:”\"')）】》」』…")  # a sentence that ends so is finished


@dataclass(frozen=True)
class _Marker:
    name: str
    pattern: re.Pattern[str]
    line_only: bool
    first: re.Pattern[str] | None


@cache
def _markers() -> tuple[_Marker, ...]:
    return tuple(_Marker(row[0], re.compile(row[1]), row[2] == "line",
                         re.compile(row[3]) if len(row) > 3 and row[3] else None)
                 for row in lexicon.table("outline.tsv", 3))


@cache
def _any_marker(line_start: bool) -> re.Pattern[str] | None:
    """The markers allowed at a sentence start (``line_start``: also the line-only ones) as
    one alternation in table order, each in a group of its own; None when a pattern holds
    groups of its own, which would shift the numbering."""
    mks = [mk for mk in _markers() if line_start or not mk.line_only]
    if any(mk.pattern.groups for mk in mks):
        return None
    return re.compile("|".join(f"({mk.pattern.pattern})" for mk in mks))


@cache
def _marker_names(line_start: bool) -> tuple[str, ...]:
    return ("",) + tuple(mk.name for mk in _markers() if line_start or not mk.line_only)


@cache
def _lines() -> dict[str, re.Pattern[str]]:
    groups: dict[str, list[str]] = {}
    for kind, pat in lexicon.table("outline_lines.tsv", 2):
        groups.setdefault(kind, []).append(f"(?:{pat})")
    return {k: re.compile("|".join(v)) for k, v in groups.items()}


def marker_of(norm: str, line_start: bool = True) -> tuple[str, str] | None:
    """(type, marker text) when the sentence starts with an outline marker (the first type
    in table order that matches)."""
    combined = _any_marker(line_start)
    if combined is not None:  # one match for all types: the first alternative that matches
        m = combined.match(norm)
        return None if m is None else (_marker_names(line_start)[m.lastindex or 0], m.group(0))
    for mk in _markers():
        if mk.line_only and not line_start:
            continue
        m = mk.pattern.match(norm)
        if m:
            return mk.name, m.group(0)
    return None


def _is_first(mtype: str, mtext: str) -> bool:
    """The marker opens its list (``一是``, ``首先``, ``（一）``)."""
    for mk in _markers():
        if mk.name == mtype:
            return mk.first is not None and bool(mk.first.match(mtext))
    return False


def is_meta(s: Sentence) -> bool:
    """A byline, date, speaker or salutation on a line of its own."""
    return s.line_start and s.line_end and bool(_lines()["meta"].search(s.norm.strip()))


@dataclass
class _State:
    """What :func:`build` carries from sentence to sentence."""

    stack: list[tuple[str, str]]  # (marker type, title)
    seen_body: bool = False
    item_type: str | None = None
    inline: dict[str, bool] | None = None  # marker type -> its list is an inline enumeration


def build(sentences: list[Sentence], gaps: tuple[tuple[int, int], ...] = (),
          headings: tuple[tuple[int, int], ...] = ()) -> tuple[list[Sentence], list[Section]]:
    """Mark headings and give every sentence its section path; the sentences are filled in
    place (``kind``, ``section``, ``marker``, ``head``) and returned.

    After a cut in the text (``gaps``) the headings above are unknown: the path restarts.
    ``headings`` are the file's own styled headings, ``(offset of the paragraph, level)``.
    """
    sections: list[Section] = []
    st = _State(stack=[], inline={})
    cuts = sorted(g for g, _ in gaps)
    gi = n_secs = 0
    last_at: dict[int, int] = {}  # level -> index of the last section pushed at it
    styled = sorted(headings)
    hi = 0
    n = len(sentences)
    opened: list[tuple[str, str]] = []  # the stack ``path`` and ``head`` were read from
    path: tuple[str, ...] = ()  # one tuple for all the sentences of a section
    head = -1
    prev = None
    for k, s in enumerate(sentences):
        while gi < len(cuts) and cuts[gi] < s.start:  # each gap is passed once
            if prev is not None and prev.end <= cuts[gi]:
                st.stack.clear()
            gi += 1
        mk = marker_of(s.norm, s.line_start) if not s.cell else None
        style = None
        while hi < len(styled) and styled[hi][0] <= s.start:  # each styled heading passed once
            if prev is None or prev.end <= styled[hi][0]:
                style = styled[hi][1]  # this sentence opens the styled paragraph
            hi += 1
        if style is not None and s.line_start and not s.cell and len(s.norm) <= STYLED_MAX:
            kind = _styled(s, style, mk, st, sections)
        elif s.cell:
            kind = s.kind  # a table's cell: the table decided
        elif mk is None and not (s.line_start and s.line_end):
            kind = "body"  # all else asks for a marker or a line of its own
        else:
            kind = _classify(s, mk, sentences[k + 1] if k + 1 < n else None, prev,
                             sentences[k + 2] if k + 2 < n else None, st, sections)
        if kind == "body":
            st.seen_body = True
        if len(sections) > n_secs or st.stack != opened:
            if len(sections) > n_secs:  # the innermost section is the last pushed at its depth
                last_at[sections[-1].level] = len(sections) - 1
                n_secs = len(sections)
            opened = list(st.stack)
            path = tuple([t for _, t in opened])
            head = last_at.get(len(opened), -1) if opened else -1
        _settle(s, kind, path, mk[1] if mk else "", head)
        prev = s
    return sentences, sections


def _settle(s: Sentence, kind: str, section: tuple[str, ...], marker: str, head: int) -> None:
    """Fill in a sentence's outline fields (only those that differ from what it holds)."""
    if s.kind != kind:
        settle(s, "kind", kind)
    if s.section != section:
        settle(s, "section", section)
    if s.marker != marker:
        settle(s, "marker", marker)
    if s.head != head:
        settle(s, "head", head)


def _classify(s: Sentence, mk: tuple[str, str] | None, nxt: Sentence | None,
              prev: Sentence | None, after: Sentence | None, st: _State,
              sections: list[Section]) -> str:
    """The kind of one sentence; headings are pushed on the stack and listed in ``sections``."""
    own_line = s.line_start and s.line_end
    if is_meta(s) or (mk is None and st.seen_body and own_line and len(s.norm) <= BARE_MAX
                      and not s.norm.endswith(":") and nxt is not None and is_meta(nxt)):
        return "meta"  # a signature over its date
    if mk is None and not st.seen_body and own_line and (
            _looks_like_title(s) or s.norm.startswith(TITLE_LABEL)):
        return "title"
    if mk is not None and mk[1]:
        return _marked(s, mk, nxt, st, sections)
    if mk is None and own_line and _lines()["annex"].match(s.norm.strip()):
        st.stack.clear()  # an annex (附件1, 名词解释) starts an outline of its own
        mk = ("annex", "")
    elif mk is None and _is_lead_in(s, nxt, after):
        mk = ("lead", "")
    elif mk is None and _is_bare_heading(s, nxt, prev):
        mk = ("bare", "")
    if mk is not None and mk[1] == "":
        level = _push(st.stack, mk[0])
        st.stack[-1] = (mk[0], s.text.rstrip("。．.").strip())
        sections.append(Section(level, "", s.text.strip(), s.span))
        return "heading"
    return "body"


def _marked(s: Sentence, mk: tuple[str, str], nxt: Sentence | None, st: _State,
            sections: list[Section]) -> str:
    """A sentence that opens with a marker: a heading, an item that opens a section, or a
    member of an inline enumeration (no section at all)."""
    assert st.inline is not None
    mtype, mtext = mk
    rest = s.norm[len(mtext):].strip()
    body = rest.rstrip("。.!")
    short = len(body) <= HEADING_MAX and not rest.endswith(";")
    if not s.line_start:  # inside a paragraph: only a short sentence of its own heads a list
        if _is_first(mtype, mtext) or mtype not in st.inline:
            st.inline[mtype] = not (short and "," not in body and rest[-1:] in "。!")
        if st.inline[mtype] or "," in body or not short:
            return "body"
    heading = (s.line_end and not s.norm.endswith("。") or short) and not _is_item(mtype, nxt) \
        and st.item_type != mtype
    if mtype == "dash" and not heading:  # a long ——paragraph is text, not a topic line
        return "body"
    level = _push(st.stack, mtype)
    raw_marker, raw_rest = _raw_split(s, len(mtext))
    title = raw_rest.rstrip("。．.") if heading else re.split(r"[,，;；:：。]", raw_rest, maxsplit=1)[0]
    st.stack[-1] = (mtype, f"{raw_marker}{title}")
    sections.append(Section(level, raw_marker, raw_rest if heading else title, s.span))
    st.item_type = None if heading else mtype  # the last of a list of items is one too
    return "heading" if heading else "body"


def _styled(s: Sentence, level: int, mk: tuple[str, str] | None, st: _State,
            sections: list[Section]) -> str:
    """A heading the file styles at ``level``: the styled levels above it stay open, all else
    closes; markers met later nest below it."""
    kept = [i for i, (t, _) in enumerate(st.stack) if t.startswith("style") and int(t[5:]) < level]
    del st.stack[kept[-1] + 1 if kept else 0:]
    raw_marker, raw_rest = _raw_split(s, len(mk[1]) if mk else 0)
    st.stack.append((f"style{level}", f"{raw_marker}{raw_rest.rstrip('。．.')}"))
    sections.append(Section(len(st.stack), raw_marker, raw_rest, s.span))
    st.item_type = None
    return "heading"


def _raw_split(s: Sentence, n: int) -> tuple[str, str]:
    """The raw marker (the first ``n`` normalised characters) and the raw rest, stripped."""
    cut = s.surface(0, n)[1][1] - s.start if n else 0
    return s.text[:cut].strip(), s.text[cut:].strip()


def _fragment(s: Sentence, prev: Sentence | None) -> bool:
    """A line that continues an unfinished sentence of the line before (a break taken from a
    web page's links, a quotation set on a line of its own)."""
    return (prev is not None and s.line_start and prev.kind == "body" and prev.line_end
            and not prev.norm.rstrip().endswith(_CLOSED))


def _is_bare_heading(s: Sentence, nxt: Sentence | None, prev: Sentence | None) -> bool:
    """A short line of its own that opens a paragraph: a heading without a marker.

    Not right after another heading (an item's one-line text is its content), nor before a
    plan item's note, nor a line ending in a full stop (a sentence), nor a fragment.
    """
    body = s.norm.rstrip()
    if not (s.line_start and s.line_end) or len(body) > BARE_MAX or len(body) < 3:
        return False
    if body[0] in "([【" or any(ch in body for ch in ",;:。!?.") or (prev is not None and prev.kind in ("heading", "title")):
        return False
    if _fragment(s, prev) or nxt is None or not nxt.line_start or nxt.norm.startswith("("):
        return False
    return len(nxt.norm) > len(body) or not nxt.line_end


def _is_lead_in(s: Sentence, nxt: Sentence | None, after: Sentence | None) -> bool:
    """A short line that introduces a list (``具体目标：``, ``主要预期目标是：``): a heading."""
    body = s.norm.rstrip()
    if not (s.line_start and s.line_end and body.endswith(":") and len(body) <= 16
            and not any(ch in body[:-1] for ch in ",;:。!?")):
        return False
    if nxt is None or not nxt.line_start:
        return False
    if marker_of(nxt.norm) is not None or (nxt.line_end and len(nxt.norm) <= LIST_LINE_MAX):
        return True
    return nxt.line_end and after is not None and after.line_start and after.line_end


_NOTE_START = re.compile(r"^\((?:[^()]*(?:牵头|负责|责任单位|配合|完成时限))")


def _is_item(mtype: str, nxt: Sentence | None) -> bool:
    """A short marked line is an item, not a heading, when what follows is the next item of
    the same list or the item's owner note: a heading is followed by its content."""
    if nxt is None:
        return False
    if _NOTE_START.match(nxt.norm):
        return True
    mk = marker_of(nxt.norm, nxt.line_start)
    return mk is not None and mk[0] == mtype


def _push(stack: list[tuple[str, str]], mtype: str) -> int:
    for i, (t, _) in enumerate(stack):
        if t == mtype:
            del stack[i + 1:]
            return i + 1
    # a ——topic line or a lead-in sits below the numbered levels and holds none of them; a
    # bare heading holds what follows it but not another bare heading
    while stack and (stack[-1][0] in _FLOATING or mtype == "bare" == stack[-1][0]):
        stack.pop()
    stack.append((mtype, ""))
    return len(stack)


def _looks_like_title(s: Sentence) -> bool:
    body = s.norm.replace(" ", "")
    if len(body) > 80 or any(ch in body for ch in "。;!?") or body.endswith(":"):
        return False
    return bool(_lines()["title"].search(body)) or (len(body) <= 30 and "," not in body)
