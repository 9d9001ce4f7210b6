"""speechkit: Chinese policy speeches in, a task ledger out.

    >>> import speechkit
    >>> speech = speechkit.extract("镇规建办要在年底前完成3个村的改造。", date="2025-07-15")
    >>> [(t.owners[0].text, t.deadline.end.isoformat(), t.targets[0].text) for t in speech.tasks]
    [('镇规建办', '2025-12-31', '3个村')]

Nothing heavy happens at import: the segmenter, lexicons and models load on first use.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InputError, LexiconError, ModelError, SpeechkitError
from .records import Deadline, Owner, Quantity, Recurrence, Section, Speech, Task

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .api import extract, extract_file, extract_many

_LAZY = {"extract": "api", "extract_file": "api", "extract_many": "api"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'speechkit' has no attribute {name!r}")


__all__ = [
    "Deadline", "InputError", "LexiconError", "ModelError", "Owner", "Quantity", "Recurrence",
    "Section", "Speech", "SpeechkitError", "Task", "__version__", "extract", "extract_file",
    "extract_many",
]
