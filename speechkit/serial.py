"""Records to JSON and back, and their JSON Schema, derived from the dataclass fields.

A record declares its fields once; this module reads them (with their type hints and
``metadata``) to write the dict, read it back and describe it. Supported field types:
``str``, ``int``, ``float``, ``bool``, ``datetime.date``, ``X | None``, ``tuple[int, int]``
(a span), ``tuple[X, ...]`` and nested records.

Metadata keys: ``omit`` (``"none"`` or ``"false"``), ``round`` (digits), ``integral`` (write
``3.0`` as ``3``), ``group`` (write inside that sub-object), ``skip`` (not written),
``doc`` (schema description).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import types
import typing
from typing import Any, ClassVar, TypeVar, Union

R = TypeVar("R", bound="Record")


class Record:
    """Mixin of every record: ``to_dict`` and ``from_dict`` from the declared fields."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data (the contract of ``--format json``)."""
        return _dump(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> typing.Self:
        """The record back from :meth:`to_dict`'s output."""
        return cls._from_dict(data, {})

    @classmethod
    def _from_dict(cls, data: dict[str, Any], extra: dict[str, Any]) -> typing.Self:
        kwargs = dict(extra)
        for f, hint in _fields(cls):
            if f.metadata.get("skip") or f.name in kwargs:
                continue
            group = f.metadata.get("group")
            source = data.get(group, {}) if group else data
            if f.name in source:
                kwargs[f.name] = _load(hint, source[f.name])
        return cls(**kwargs)


_FIELDS: dict[type, tuple[tuple[dataclasses.Field[Any], Any], ...]] = {}


def _fields(cls: type) -> tuple[tuple[dataclasses.Field[Any], Any], ...]:
    """A record's fields with their resolved type hints, computed once per class."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _FIELDS[cls] = tuple((f, hints[f.name]) for f in dataclasses.fields(cls))
    return found


def _dump(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f, _hint in _fields(type(record)):
        meta = f.metadata
        if meta.get("skip"):
            continue
        value = getattr(record, f.name)
        omit = meta.get("omit")
        if (omit == "none" and value is None) or (omit == "false" and not value):
            continue
        value = _value(value, meta)
        group = meta.get("group")
        (out.setdefault(group, {}) if group else out)[f.name] = value
    return out


def _value(value: Any, meta: typing.Mapping[str, Any]) -> Any:
    if isinstance(value, Record):
        return _dump(value)
    if isinstance(value, tuple):
        return [_value(v, {}) for v in value]  # a span, a list of records or of strings
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):
            return None  # JSON holds no inf/nan; extractors drop such numbers with a warning
        if "round" in meta:
            value = round(value, meta["round"])
        if meta.get("integral") and value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _load(inner[0], value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v) for v in value)
        return tuple(_load(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if hint is float:
        return float(value)
    return value


# --- JSON Schema -------------------------------------------------------------------------

def schema_of(cls: type[Record], *, title: str) -> dict[str, Any]:
    """A draft 2020-12 JSON Schema for ``cls.to_dict()``, nested records under ``$defs``."""
    defs: dict[str, Any] = {}
    root = _object_schema(cls, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
            **root, "$defs": defs}


def _object_schema(cls: type[Record], defs: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required: list[str] = []
    groups: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for f, hint in _fields(cls):
        meta = f.metadata
        if meta.get("skip"):
            continue
        prop = _type_schema(hint, defs)
        if meta.get("doc"):
            prop = {**prop, "description": meta["doc"]}
        group = meta.get("group")
        target_props, target_req = groups.setdefault(group, ({}, [])) if group else (props,
                                                                                    required)
        target_props[f.name] = prop
        if not meta.get("omit"):
            target_req.append(f.name)
    for group, (gprops, greq) in groups.items():
        props[group] = {"type": "object", "properties": gprops, "required": greq}
        required.append(group)
    out: dict[str, Any] = {"type": "object", "properties": props, "required": required}
    if cls.__doc__:
        out["description"] = cls.__doc__.strip().splitlines()[0]
    return out


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return {"anyOf": [_type_schema(inner[0], defs), {"type": "null"}]}
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], defs)}
        return {"type": "array", "prefixItems": [_type_schema(a, defs) for a in args],
                "minItems": len(args), "maxItems": len(args)}
    if isinstance(hint, type) and issubclass(hint, Record):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder: records may nest
            defs[name] = _object_schema(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if hint in simple:
        return {"type": simple[hint]}
    if hint is dt.date:
        return {"type": "string", "format": "date"}
    raise TypeError(f"no JSON Schema for field type {hint!r}")
