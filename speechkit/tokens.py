"""Tokens: an own ``jieba.Tokenizer`` with a policy user dictionary, inside a spaCy ``zh`` pipeline.

The user dictionary is generated from the package's lexicon files, so a word added to a
lexicon is also kept whole by the segmenter. Both are built once, on first use. jieba keeps a
cache of its prefix dictionary, read back with ``marshal``; ours lives in a folder of ours
(:func:`cache_dir`, mode 0700), never in jieba's default file in the shared temp folder.
A pipeline saved with ``nlp.to_disk``/``to_bytes`` keeps the user dictionary it was built with.
"""
from __future__ import annotations

import json
import logging
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
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


@cache
def user_dictionary() -> tuple[str, ...]:
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
    return tuple(f"{w} 2000" for w in seen)


def _private(path: Path) -> bool:
    """A folder only this user can write to (and read from): safe to trust a cache in."""
    try:
        st = path.lstat()
    except OSError:
        return False
    uid = getattr(os, "getuid", lambda: st.st_uid)()
    return stat.S_ISDIR(st.st_mode) and st.st_uid == uid and not st.st_mode & 0o077


@cache
def cache_dir() -> Path:
    """speechkit's cache folder: ``$XDG_CACHE_HOME/speechkit`` (else ``~/.cache/speechkit``),
    made with mode 0700; if that cannot be had or is not private, a fresh private temp folder."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "speechkit"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        pass
    if _private(path):
        return path
    return Path(tempfile.mkdtemp(prefix="speechkit-"))  # 0700 by construction


def segmenter(user_dict: tuple[str, ...] | None = None) -> jieba.Tokenizer:
    """A jieba tokenizer with ``user_dict`` (lines ``word freq``; default
    :func:`user_dictionary`), built once per dictionary; the global ``jieba`` is never touched."""
    return _segmenter(user_dictionary() if user_dict is None else tuple(user_dict))


@lru_cache(maxsize=4)
def _segmenter(user_dict: tuple[str, ...]) -> jieba.Tokenizer:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.cache"  # jieba's default dictionary, cached in our folder
    tok.initialize()
    for line in user_dict:
        word, _, freq = line.rpartition(" ")
        if word and freq.isdigit():
            tok.add_word(word, int(freq))
    return tok


def segment(text: str, user_dict: tuple[str, ...] | None = None) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) for every token, covering the text exactly."""
    yield from segmenter(user_dict).tokenize(text)


class JiebaTokenizer:
    """A spaCy tokenizer over :func:`segmenter`; token texts concatenate to the input.

    Its state is the user dictionary (``word freq`` lines), saved by ``to_bytes``/``to_disk``
    and restored by ``from_bytes``/``from_disk``, so a saved pipeline segments as it did.
    """

    def __init__(self, vocab: Vocab, user_dict: Sequence[str] | None = None) -> None:
        self.vocab = vocab
        self.user_dict: tuple[str, ...] = tuple(user_dictionary() if user_dict is None
                                                else user_dict)

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words = [w for w, _, _ in segment(text, self.user_dict)] if text else []
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def to_bytes(self, **kwargs: object) -> bytes:
        return json.dumps({"user_dict": list(self.user_dict)}, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs: object) -> JiebaTokenizer:
        lines = json.loads(data.decode("utf-8")).get("user_dict")
        if not isinstance(lines, list) or not all(isinstance(x, str) and "\n" not in x
                                                  for x in lines):
            raise ValueError("speechkit tokenizer: the saved user dictionary is malformed")
        self.user_dict = tuple(lines)
        return self

    def to_disk(self, path: str | Path, **kwargs: object) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / "user_dict.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, **kwargs: object) -> JiebaTokenizer:
        saved = Path(path) / "user_dict.json"
        return self.from_bytes(saved.read_bytes()) if saved.is_file() else self


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
