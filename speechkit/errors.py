"""The one error hierarchy of speechkit."""
from __future__ import annotations


class SpeechkitError(Exception):
    """Base class of every error speechkit raises on purpose."""


class InputError(SpeechkitError):
    """The input cannot be read as a speech (missing, empty, binary, undecodable)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(SpeechkitError):
    """A shipped or trained model is missing, corrupt or of the wrong version."""


class LexiconError(SpeechkitError):
    """A lexicon file is malformed."""
