"""``fast_init``: the same instances as the dataclass's own ``__init__``, made quicker."""
from __future__ import annotations

import dataclasses
import pickle
from dataclasses import InitVar, dataclass, field

import pytest

from speechkit import records
from speechkit.extractors.notes import NoteParse
from speechkit.extractors.tasks import Verdict
from speechkit.fastinit import evolve, fast_init


def _plain(cls: type) -> type:
    """The same class as the dataclass decorator alone makes it (its generated ``__init__``)."""
    ns = {f.name: f for f in dataclasses.fields(cls)}
    ns["__annotations__"] = dict(cls.__annotations__)
    ns["__module__"] = cls.__module__
    if "__post_init__" in cls.__dict__:
        ns["__post_init__"] = cls.__dict__["__post_init__"]
    return dataclass(frozen=True)(type(cls.__name__, cls.__bases__, ns))


_SAMPLES = {
    records.Quantity: (("3个", (0, 2), 3.0, "个"), {"kind": "target", "upper": 4.0}),
    records.Owner: (("县财政局", (5, 9)), {"role": "lead"}),
    records.Task: (("T001", "要做好。", (0, 4)), {"force": "must", "confidence": 0.9}),
    records.Speech: (("<text>", "要做好。"), {}),
    Verdict: ((True, 0.8, "must"), {}),
    NoteParse: ((), {"led": True}),
}


@pytest.mark.parametrize("cls", list(_SAMPLES), ids=lambda c: c.__name__)
def test_the_same_fields_as_the_generated_init(cls: type) -> None:
    args, kwargs = _SAMPLES[cls]
    fast, plain = cls(*args, **kwargs), _plain(cls)(*args, **kwargs)
    assert vars(fast) == vars(plain)  # defaults, given values and __post_init__'s work alike
    assert cls(*args) == cls(*args) and hash(cls(*args)) == hash(cls(*args))
    assert pickle.loads(pickle.dumps(fast)) == fast


def test_speech_post_init_still_runs() -> None:
    assert records.Speech("<text>", "要做好。").chars == 4


def test_still_frozen_and_replaceable() -> None:
    q = records.Quantity("3个", (0, 2), 3.0, "个")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.kind = "target"  # type: ignore[misc]
    assert dataclasses.replace(q, kind="target").kind == "target" and q.kind is None


def test_missing_and_unknown_arguments_fail_as_before() -> None:
    with pytest.raises(TypeError):
        records.Owner("县财政局")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        records.Owner("县财政局", (0, 4), colour="red")  # type: ignore[call-arg]


def test_default_factories_give_each_instance_its_own() -> None:
    @fast_init
    @dataclass(frozen=True)
    class Bag:
        items: list[int] = field(default_factory=list)

    a, b = Bag(), Bag()
    a.items.append(1)
    assert b.items == [] and Bag([2]).items == [2]


def test_refuses_what_it_does_not_reproduce() -> None:
    with pytest.raises(TypeError, match="frozen"):
        fast_init(dataclass(type("Loose", (), {"__annotations__": {"x": int}})))
    with pytest.raises(TypeError, match="slot"):
        fast_init(dataclass(frozen=True, slots=True)(type("Slotted", (), {"__annotations__": {"x": int}})))
    with pytest.raises(TypeError, match="init=False"):
        fast_init(dataclass(frozen=True)(type("Hidden", (), {"__annotations__": {"x": int},
                                                             "x": field(default=0, init=False)})))
    with pytest.raises(TypeError, match="InitVar"):
        fast_init(dataclass(frozen=True)(type("Pseudo", (), {"__annotations__": {"x": InitVar[int]}})))


def test_evolve_is_replace() -> None:
    o = records.Owner("县财政局", (5, 9))
    for changes in ({"role": "lead"}, {"inherited": True, "span": (6, 10)}, {}):
        got, want = evolve(o, **changes), dataclasses.replace(o, **changes)
        assert got == want and type(got) is records.Owner and vars(got) == vars(want)
    assert o.role == "owner" and not o.inherited  # the original is untouched
    with pytest.raises(TypeError, match="colour"):
        evolve(o, colour="red")
    with pytest.raises(dataclasses.FrozenInstanceError):
        evolve(o, role="lead").role = "x"  # type: ignore[misc]


def test_evolve_leaves_post_init_and_plain_dataclasses_to_replace() -> None:
    s = records.Speech("<text>", "要做好。")
    assert evolve(s, title="标题") == dataclasses.replace(s, title="标题")

    @dataclass(frozen=True)
    class Plain:
        x: int

    assert evolve(Plain(1), x=2) == Plain(2)
