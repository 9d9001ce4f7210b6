"""Build ``speechkit/data/name_verbs.tsv`` from jieba's dictionary (MIT licence).

    python tools/name_verbs.py > speechkit/data/name_verbs.tsv

The owner grammar asks of a unit name read without a modal whether its first word is a verb
taking the rest as its object (筹建一批实验室, 争创示范中心): then it is a verb phrase, not a
name. The first word is the longest dictionary word the name opens with. This table keeps of
jieba's dictionary only what that question needs: its verbs (tag ``v``), and the other words
that open with a verb or an adverb (``word``), which stop a shorter one from being read as the
first word (a noun like 建设银行 is not the verb 建设), and its adverbs (tags ``d``, ``ad``:
``adverb``) and prepositions (``p``: ``preposition``): no name opens with one (不断提升…,
切实加强…, 通过国家机关…). Rare words (frequency below
``--min``) are left out. Rows after the ``# by hand`` line of the existing file are kept as they
are (manner words the dictionary tags as nouns: 高质量建设…).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import jieba

LONGEST = 7
TABLE = Path(__file__).resolve().parent.parent / "speechkit" / "data" / "name_verbs.tsv"
HAND = "# by hand"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min", type=int, default=10, help="least dictionary frequency kept")
    a = ap.parse_args(argv)
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    tags: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            if int(freq) >= a.min and len(word) <= LONGEST:
                tags[word] = tag
    verbs = {w for w, t in tags.items() if t == "v"}
    adverbs = {w for w, t in tags.items() if t in ("d", "ad") and len(w) <= 4}
    preps = {w for w, t in tags.items() if t == "p" and len(w) <= 4}
    heads = verbs | adverbs | preps
    blocks = {w for w in tags if w not in heads and any(w[:k] in heads for k in range(1, len(w)))}
    kept = TABLE.read_text(encoding="utf-8").split(HAND, 1)[1] if TABLE.is_file() else "\n"
    out = sys.stdout
    out.write("# First words of unit names that make them verb phrases. Columns: word, kind.\n"
              "# verb: a verb (筹建, 争创); adverb, preposition: open no name (不断, 切实; 通过, 按照);\n"
              "# word: a longer word that opens with one of them and is neither (建设银行, 不动产), so\n"
              "#   the verb or adverb inside it is not the first word.\n"
              f"# Derived from jieba's dictionary (MIT licence): tools/name_verbs.py --min {a.min}.\n")
    kinds = {**dict.fromkeys(blocks, "word"), **dict.fromkeys(preps, "preposition"),
             **dict.fromkeys(adverbs, "adverb"),
             **dict.fromkeys(verbs, "verb")}
    by_hand = {line.split("\t")[0] for line in kept.splitlines()[1:] if "\t" in line}
    for w in sorted(set(kinds) - by_hand):
        out.write(f"{w}\t{kinds[w]}\n")
    out.write(HAND + kept)


if __name__ == "__main__":
    main()
