"""Parts: every section is review (past work), deploy (work to do) or other.

A top-level section takes its part from its heading's words (``data/parts.tsv``: 回顾, 成绩 →
review; 安排, 任务, 目标 → deploy; 意义, 思想 → other); a heading that names both, or
neither, by its years (an earlier year than the latest top heading names is the past), else
by the tense of its body: the share of its sentences holding past cues
(``了``, ``累计``, ``完成``) against future ones (``要``, ``确保``, ``力争``). A lower section
keeps its top section's part; under a top heading that names both, its own words decide.
A heading whose words say other (``牢记使命``) after a review deploys when its body is clearly
in the future tense.

Text outside every heading (the preamble, or a whole speech without headings) is read by
paragraph: one that leans to the past reports it, until a turn (``下一步``, ``工作安排``) says
the speech now deploys; the rest is other. One pass over the sentences and one over the sections.
"""
from __future__ import annotations

import re
from functools import cache

from . import lexicon
from .records import Section
from .sentences import Sentence, settle

PARTS = ("review", "deploy", "other")
#: A body leaning this far to past cues (past share minus future share) is a review.
TENSE_MARGIN = 0.15
OPENING = 8  # characters of a paragraph's opening read for a review cue
TURN_OPENING = 16  # characters of a paragraph's opening read for a turn to the work ahead
#: A body leaning this far to future cues deploys, whatever its heading's words.
DEPLOY_MARGIN = 0.3


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    return lexicon.kind_patterns("parts.tsv")


def heading_part(title: str) -> str | None:
    """The part a heading names, or None when its words do not decide."""
    cues = _cues()
    review = bool(cues["review_head"].search(title))
    deploy = bool(cues["deploy_head"].search(title))
    if review != deploy:
        return "review" if review else "deploy"
    if not review and (cues["other_head"].search(title) or cues["other_fixed"].search(title)):
        return "other"
    return None


_YEAR = re.compile(r"(?:19|20)\d{2}(?=年)")


def _years(title: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(title)]


def _year_part(title: str, latest: int | None) -> str | None:
    """Among top headings, one naming only years before the latest one names reports them
    (``2025年主要工作`` before ``2026年重点工作``); one naming the latest deploys."""
    years = _years(title)
    if not years or latest is None:
        return None
    return "deploy" if latest in years else "review"


def _names_both(title: str) -> bool:
    cues = _cues()
    return bool(cues["review_head"].search(title) and cues["deploy_head"].search(title))


def tense_part(sents: list[Sentence]) -> str:
    """review when the sentences mostly report the past, else deploy (other when empty)."""
    lean = _lean(sents)
    if lean is None:
        return "other"
    return "review" if lean >= TENSE_MARGIN else "deploy"


def _lean(sents: list[Sentence]) -> float | None:
    """The share of body sentences with past cues minus the share with future ones."""
    body = [s for s in sents if s.kind == "body"]
    if not body:
        return None
    cues = _cues()
    past = sum(1 for s in body if cues["past"].search(s.norm))
    future = sum(1 for s in body if cues["future"].search(s.norm))
    return (past - future) / len(body)


def _top_part(title: str, body: list[Sentence], latest: int | None, after_review: bool) -> str:
    """A top section's part: its heading's words, its years, else its body's tense."""
    own = heading_part(title)
    if own == "other" and after_review and not _cues()["other_fixed"].search(title):
        lean = _lean(body)
        if lean is not None and -lean >= DEPLOY_MARGIN:
            return "deploy"
    return own or _year_part(title, latest) or tense_part(body)


def assign(sents: list[Sentence], sections: list[Section]
           ) -> tuple[list[Sentence], list[Section]]:
    """Give every section and every sentence its part, in place (both as the outline has
    just made them: see :data:`speechkit.sentences.settle`); returns them."""
    bodies: dict[int, list[Sentence]] = {}
    top_of: dict[int, int] = {}  # section index -> index of its top-level section
    top = -1
    for i, sec in enumerate(sections):
        if sec.level == 1 or top < 0:
            top = i
        top_of[i] = top
    for s in sents:
        if s.head >= 0:
            bodies.setdefault(top_of[s.head], []).append(s)
    latest = max((y for i, sec in enumerate(sections) if top_of[i] == i
                  for y in _years(sec.title)), default=None)
    parts: list[str] = []
    for i, sec in enumerate(sections):
        own = heading_part(sec.title)
        if top_of[i] == i:
            parts.append(_top_part(sec.title, bodies.get(i, []), latest, "review" in parts))
        elif _names_both(sections[top_of[i]].title) and own in ("review", "deploy"):
            parts.append(own)  # a top section of both kinds: its subsections tell them apart
        else:
            parts.append(parts[top_of[i]])
    for sec, p in zip(sections, parts, strict=True):
        settle(sec, "part", p)
    mixed = {i for i, sec in enumerate(sections) if top_of[i] == i and _names_both(sec.title)}
    by_line = _line_parts([s for s in sents if s.head in mixed])
    by_line.update(_loose_parts([s for s in sents if s.head < 0]))
    for s in sents:
        settle(s, "part", by_line.get(s.index) or (parts[s.head] if s.head >= 0 else "other"))
    return sents, sections


def _paragraphs(sents: list[Sentence]) -> list[list[Sentence]]:
    out: list[list[Sentence]] = []
    for s in sents:
        if s.line_start or not out:
            out.append([])
        out[-1].append(s)
    return out


def _loose_parts(sents: list[Sentence]) -> dict[int, str]:
    """Text under no heading: a paragraph leaning to the past is review until a turn to the
    work ahead (``下一步``, ``今年工作安排``); from the turn on the text deploys."""
    out: dict[int, str] = {}
    cues = _cues()
    turned = False
    for line in _paragraphs(sents):
        turned = turned or bool(cues["turn"].search(line[0].norm[:TURN_OPENING]))
        if turned:
            part = "deploy" if any(s.kind == "body" for s in line) else "other"
        else:
            lean = _lean(line)
            opens = bool(cues["review_head"].search(line[0].norm[:OPENING]))
            part = "review" if opens or (lean is not None and lean >= TENSE_MARGIN) else "other"
        out.update((s.index, part) for s in line if part != "other")
    return out


def _line_parts(sents: list[Sentence]) -> dict[int, str]:
    """Under a heading that names both parts (成就和…目标任务), each paragraph's tense tells
    whether it reports or deploys."""
    out: dict[int, str] = {}
    line: list[Sentence] = []
    for s in [*sents, None]:
        if s is None or s.line_start:
            if line:  # a paragraph that opens on the past (过去五年，…) reports it
                opens = bool(_cues()["review_head"].search(line[0].norm[:OPENING]))
                part = "review" if opens else tense_part(line)
                out.update((x.index, part) for x in line if part != "other")
            line = []
        if s is not None:
            line.append(s)
    return out
