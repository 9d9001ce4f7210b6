"""Tokens: an own ``jieba.Tokenizer`` with a policy user dictionary, inside a spaCy ``zh`` pipeline.

The user dictionary is generated from the package's lexicon files, so a word added to a
lexicon is also kept whole by the segmenter. Both are built once, on first use.
"""
from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import lexicon

if TYPE_CHECKING:  # pragma: no cover
    import jieba
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Lexicon files whose first column goes into the segmenter's user dictionary.
USER_DICT_SOURCES = ("fixed_terms.tsv", "cues.tsv", "units.tsv", "owner_units.tsv")


def user_dictionary() -> list[str]:
    """Lines of the jieba user dictionary (``word freq``), from the lexicons."""
    seen: dict[str, None] = {}
    for name in USER_DICT_SOURCES:
        try:
            rows = lexicon.table(name)
        except FileNotFoundError:
            continue
        for row in rows:
            w = row[0]
            if len(w) >= 2 and " " not in w and w.isprintable():
                seen.setdefault(w)
    return [f"{w} 2000" for w in seen]


@cache
def segmenter() -> jieba.Tokenizer:
    """The one jieba tokenizer speechkit uses, loaded on first call."""
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = tempfile.gettempdir()
    tok.initialize()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write("\n".join(user_dictionary()) + "\n")
    try:
        tok.load_userdict(f.name)
    finally:
        Path(f.name).unlink(missing_ok=True)
    return tok


def segment(text: str) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) for every token, covering the text exactly."""
    yield from segmenter().tokenize(text)


class JiebaTokenizer:
    """A spaCy tokenizer over :func:`segmenter`; token texts concatenate to the input."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words = [w for w, _, _ in segment(text)] if text else []
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    # spaCy serialises tokenizers; this one has no state beyond the lexicons it reads.
    def to_bytes(self, **kwargs: object) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> JiebaTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: object) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: object) -> JiebaTokenizer:
        return self


#: The name speechkit's tokenizer is registered under in spaCy's ``tokenizers`` registry.
TOKENIZER = "speechkit.JiebaTokenizer.v1"


def create_tokenizer() -> Callable[[Language], JiebaTokenizer]:
    """The registered tokenizer factory: ``{"@tokenizers": "speechkit.JiebaTokenizer.v1"}``."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab)

    return make


def register() -> None:
    """Register :data:`TOKENIZER` with spaCy (idempotent; imports spaCy)."""
    from spacy.util import registry

    registry.tokenizers.register(TOKENIZER, func=create_tokenizer)


def blank() -> Language:
    """A new ``spacy.blank("zh")`` with speechkit's jieba tokenizer (no downloaded model)."""
    import spacy

    register()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
