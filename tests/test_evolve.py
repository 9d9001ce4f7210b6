"""``evolve`` builds what ``dataclasses.replace`` builds, for dict and slotted records."""
from __future__ import annotations

from dataclasses import replace

import pytest

from speechkit.evolve import evolve
from speechkit.records import Owner, Section, Speech, Task
from speechkit.sentences import Sentence


def test_a_sentence_evolves_as_replace_would() -> None:
    s = Sentence(3, 9, "镇里要修路。", "镇里要修路。", line_start=True, index=2)
    got = evolve(s, kind="heading", section=("一、总体要求",), head=0)
    assert got == replace(s, kind="heading", section=("一、总体要求",), head=0)
    assert s.kind == "body" and got.index == 2  # the original is untouched


def test_slotted_records_evolve_as_replace_would() -> None:
    t = Task(id="T001", text="县交通局要修路。", span=(0, 8), owners=(Owner("县交通局", (0, 4)),))
    assert evolve(t, item="I001") == replace(t, item="I001")
    sec = Section(title="二、重点任务", level=1, span=(0, 6), marker="二、")
    assert evolve(sec, part="deploy") == replace(sec, part="deploy")


def test_a_record_with_post_init_goes_through_replace() -> None:
    sp = Speech(source="x", text="镇里要修路。")
    assert evolve(sp, text="村里要修桥。").chars == 6


def test_an_unknown_field_is_refused_as_replace_refuses_it() -> None:
    s = Sentence(0, 1, "要", "要")
    with pytest.raises(TypeError):
        evolve(s, colour="red")
