"""The outline: headings, their levels, and the section path of every sentence.

Marker types (``一、`` ``（一）`` ``1.`` ``（1）`` ``第一，`` ``一是`` ``首先`` ``——``) are data in
``data/outline.tsv``. Levels are not fixed per type: a type seen for the first time opens a
level below the current one, a type already open closes everything below it. So a skipped or
cut level, or a speech that starts at ``第一，``, still nests correctly.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from . import lexicon
from .records import Section
from .sentences import Sentence

#: A web page's label for its title line (``标题：…``).
TITLE_LABEL = "标题:"
#: A marker sentence longer than this (after the marker) is a task that opens a section,
#: not a heading.
HEADING_MAX = 32
#: A line without a marker that is this short and has no sentence punctuation inside is a
#: bare heading when a longer paragraph follows it.
BARE_MAX = 24


@cache
def _markers() -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    return tuple((name, re.compile(pat), where == "line")
                 for name, pat, where in lexicon.table("outline.tsv", 3))


def marker_of(norm: str, line_start: bool = True) -> tuple[str, str] | None:
    """(type, marker text) when the sentence starts with an outline marker."""
    for name, pat, line_only in _markers():
        if line_only and not line_start:
            continue
        m = pat.match(norm)
        if m:
            return name, m.group(0)
    return None


_TITLE_HINT = re.compile(r"(讲话|报告|方案|要点|计划|意见|通知|纪要|决定|办法|措施|致辞|发言)[)）》]?(\(\d{4}\))?$")
_BYLINE = re.compile(
    r"^(-{2,}|——|—)\s*\d{4}\s*年|^\d{4}年\d{1,2}月\d{1,2}日$|^\(\d{4}年\d{1,2}月\d{1,2}日"
    r"|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?$"  # a bare date line
    r"|(区长|市长|县长|省长|州长|旗长|书记|主任|镇长|乡长|主席|总理|局长)\s*[\u4e00-\u9fff]{2,4}$"  # a speaker
)
_SALUTATION = re.compile(r"^(各位代表|同志们|各位领导|各位委员|女士们|朋友们|同志们、朋友们)[,，、:：!！\s]*(朋友们|同志们)?[,，:：!！]*$")


def _is_bare_heading(s: Sentence, nxt: Sentence | None, prev_kind: str | None) -> bool:
    """A short line of its own that opens a paragraph: a heading without a marker.

    Not right after another heading (an item's one-line text is its content), nor before a
    plan item's note.
    """
    body = s.norm.rstrip("。.:")
    if not (s.line_start and s.line_end) or len(body) > BARE_MAX or len(body) < 3:
        return False
    if any(ch in body for ch in ",;:。!?,") or prev_kind in ("heading", "title"):
        return False
    if nxt is None or not nxt.line_start or nxt.norm.startswith("("):
        return False
    return len(nxt.norm) > len(body) or not nxt.line_end


def _is_lead_in(s: Sentence) -> bool:
    """A short line that introduces a list (``具体目标：``, ``主要预期目标是：``): a heading."""
    body = s.norm.rstrip()
    return (s.line_start and s.line_end and body.endswith(":") and len(body) <= 16
            and not any(ch in body[:-1] for ch in ",;:。!?"))


def build(sentences: list[Sentence], gaps: tuple[tuple[int, int], ...] = ()
          ) -> tuple[list[Sentence], list[Section]]:
    """Mark headings and give every sentence its section path.

    After a cut in the text (``gaps``) the headings above are unknown: the path restarts.
    """
    out: list[Sentence] = []
    sections: list[Section] = []
    stack: list[tuple[str, str]] = []  # (marker type, title)
    seen_body = False
    item_type: str | None = None
    for k, s in enumerate(sentences):
        nxt = sentences[k + 1] if k + 1 < len(sentences) else None
        if k and any(sentences[k - 1].end <= g < s.start for g, _ in gaps):
            stack.clear()
        kind = "body"
        mk = marker_of(s.norm, s.line_start)
        if s.line_start and s.line_end and (_BYLINE.search(s.norm) or _SALUTATION.match(s.norm)):
            kind = "meta"
        elif mk is None and not seen_body and s.line_start and s.line_end and (
                _looks_like_title(s) or s.norm.startswith(TITLE_LABEL)):
            kind = "title"
        elif mk is not None:
            mtype, mtext = mk
            rest = s.norm[len(mtext):].strip()
            raw_marker, raw_rest = s.text[:len(mtext)].strip(), s.text[len(mtext):].strip()
            level = _push(stack, mtype)
            heading = (s.line_end and not s.norm.endswith("。") or len(rest.rstrip("。.")) <= HEADING_MAX
                       ) and not _is_item(mtype, nxt) and item_type != mtype
            cut = len(rest.rstrip("。.")) if heading else len(re.split(r"[,;:。]", rest, maxsplit=1)[0])
            title = raw_rest[:cut]
            stack[-1] = (mtype, f"{raw_marker}{title}")
            sections.append(Section(level, raw_marker, raw_rest if heading else title, s.span))
            item_type = None if heading else mtype  # the last of a list of items is one too
            if heading:
                kind = "heading"
        elif _is_bare_heading(s, nxt, out[-1].kind if out else None) or _is_lead_in(s):
            kind = "heading"
            level = _push(stack, "bare")
            stack[-1] = ("bare", s.text.rstrip("。．."))
            sections.append(Section(level, "", s.text, s.span))
        if kind == "body":
            seen_body = True
        out.append(replace(s, kind=kind, section=tuple(t for _, t in stack),
                           marker=mk[1] if mk else ""))
    return out, sections


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
    if mtype == "bare":  # a bare heading sits below the numbered levels
        while stack and stack[-1][0] == "bare":
            stack.pop()
    stack.append((mtype, ""))
    return len(stack)


def _looks_like_title(s: Sentence) -> bool:
    body = s.norm.replace(" ", "")
    if len(body) > 80 or any(ch in body for ch in "。;!?") or body.endswith(":"):
        return False
    return bool(_TITLE_HINT.search(body)) or (len(body) <= 30 and "," not in body)
