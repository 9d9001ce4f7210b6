"""Build ``speechkit/data/name_verbs.tsv`` from jieba's dictionary (MIT licence).

    python tools/name_verbs.py > speechkit/data/name_verbs.tsv

The owner grammar asks of a unit name read without a modal whether its first word is a verb
taking the rest as its object (筹建一批实验室, 争创示范中心): then it is a verb phrase, not a
name. The first word is the longest dictionary word the name opens with. This table keeps of
jieba's dictionary only what that question needs: its verbs (tag ``v``), and the other words
that open with a verb (``word``), which stop a shorter verb from being read as the first word
(a noun like 建设银行 is not the verb 建设). Rare words (frequency below ``--min``) are left out.
"""
from __future__ import annotations

import argparse
import os
import sys

import jieba

LONGEST = 7


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
    blocks = {w for w, t in tags.items()
              if t != "v" and any(w[:k] in verbs for k in range(1, len(w)))}
    out = sys.stdout
    out.write("# First words of unit names that make them verb phrases. Columns: word, kind.\n"
              "# verb: a verb (筹建, 争创); word: a longer word that opens with one and is no verb\n"
              "#   (建设银行), so the verb inside it is not the first word.\n"
              f"# Derived from jieba's dictionary (MIT licence): tools/name_verbs.py --min {a.min}.\n")
    for w in sorted(verbs | blocks):
        out.write(f"{w}\t{'verb' if w in verbs else 'word'}\n")


if __name__ == "__main__":
    main()
