"""speechkit: Chinese policy speeches in, a task ledger out.

    >>> import speechkit
    >>> speech = speechkit.extract("镇农业农村办公室和各村要倒排工期,确保年底前完成3个村的综合环境提升任务。",
    ...                            date="2025-07-15")
    >>> task = speech.tasks[0]
    >>> [o.text for o in task.owners], task.deadline.end.isoformat()
    (['镇农业农村办公室', '各村'], '2025-12-31')
    >>> sorted(speech.to_dict())
    ['figures', 'gaps', 'items', 'sections', 'speech', 'tasks', 'warnings']

Nothing heavy happens at import: the segmenter, lexicons and models load on first use, and
spaCy is imported only by :func:`load` (or by spaCy itself, through the component factories).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InputError, LexiconError, ModelError, SpeechkitError
from .records import Deadline, Owner, Quantity, Recurrence, Section, Speech, Task

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .api import Result, extract, extract_file, extract_many
    from .frames import figures_frame, items_frame, ledger_frame, tasks_frame
    from .spacy_components import load

_LAZY = {"extract": "api", "extract_file": "api", "extract_many": "api", "Result": "api",
         "load": "spacy_components", "ledger_frame": "frames", "items_frame": "frames",
         "tasks_frame": "frames", "figures_frame": "frames"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'speechkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "Deadline", "InputError", "LexiconError", "ModelError", "Owner", "Quantity", "Recurrence",
    "Result", "Section", "Speech", "SpeechkitError", "Task", "__version__", "extract",
    "extract_file", "extract_many", "figures_frame", "items_frame", "ledger_frame", "load",
    "tasks_frame",
]
