"""``dataclasses.replace`` for the package's frozen records, at a fraction of its cost.

``replace`` rebuilds the object through ``__init__`` (every field looked up, defaults checked);
a pipeline that gives each of 10⁵ sentences its kind, section and part pays for that three
times over. Our frozen dataclasses have no
``__post_init__`` (except ``Speech``, which goes through ``replace``), so their fields copied
over, with the changes laid on top, make the same object ``replace`` would build.
"""
from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


def evolve(obj: T, **changes: Any) -> T:
    """``obj`` with ``changes``: what ``dataclasses.replace`` returns, for a plain frozen record."""
    cls = type(obj)
    names = _PLAIN.get(cls)
    if names is None:
        names = _PLAIN[cls] = _plain_fields(cls)
    if not names or not names.issuperset(changes):
        from dataclasses import replace

        return replace(obj, **changes)  # type: ignore[type-var]
    new = object.__new__(cls)
    if _SLOTTED[cls]:  # records.py's records keep their fields in slots
        for k in names:
            object.__setattr__(new, k, changes[k] if k in changes else getattr(obj, k))
    else:
        object.__setattr__(new, "__dict__", {**obj.__dict__, **changes})
    return new


#: Per class: the fields ``evolve`` may copy over, empty when it must call ``replace``.
_PLAIN: dict[type, frozenset[str]] = {}
_SLOTTED: dict[type, bool] = {}


def _plain_fields(cls: type) -> frozenset[str]:
    _SLOTTED[cls] = hasattr(cls, "__slots__")
    fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
    if hasattr(cls, "__post_init__") or any(not f.init for f in fields.values()):
        return frozenset()
    return frozenset(fields)
