"""Gold annotations: ``NAME.txt`` + ``NAME.gold.json`` pairs (see corpora/README.md)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .records import Span


@dataclass(frozen=True)
class GoldDoc:
    name: str
    path: Path  # the .txt
    text: str
    date: str | None
    sentences: tuple[dict[str, Any], ...]  # each with "span" added


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def locate(text: str, sentences: list[dict[str, Any]], source: str) -> None:
    """Give every gold sentence its span: found in order, verbatim."""
    pos = 0
    for s in sentences:
        i = text.find(s["text"], pos)
        if i < 0:
            i = text.find(s["text"])
        if i < 0:
            raise InputError(source, f"gold sentence not found in text: {s['text'][:40]}")
        s["span"] = (i, i + len(s["text"]))
        pos = i + len(s["text"])


def read_dir(folder: str | Path) -> Iterator[GoldDoc]:
    """Every gold document of a folder, sorted by name."""
    folder = Path(folder)
    paths = sorted(folder.glob("*.gold.json"))
    if not paths:
        raise InputError(str(folder), "no *.gold.json files")
    for gpath in paths:
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        tpath = gpath.with_name(gold.get("doc") or gpath.name.replace(".gold.json", ".txt"))
        text = tpath.read_text(encoding="utf-8")
        sents = [dict(s) for s in gold["sentences"]]
        locate(text, sents, str(gpath))
        yield GoldDoc(gpath.name.removesuffix(".gold.json"), tpath, text, gold.get("date"),
                      tuple(sents))


def best_match(span: Span, sentences: tuple[dict[str, Any], ...]) -> dict[str, Any] | None:
    """The gold sentence a span overlaps most."""
    best, best_ov = None, 0
    for s in sentences:
        ov = overlap(span, s["span"])
        if ov > best_ov:
            best, best_ov = s, ov
    return best
