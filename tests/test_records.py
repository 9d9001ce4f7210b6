"""Records are declared once: their JSON, the way back and the JSON Schema agree."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import jsonschema
import pytest
from click.testing import CliRunner

import speechkit
from speechkit.cli import main
from speechkit.records import RECORDS, Deadline, Quantity, Speech, Task, json_schema

from .conftest import gold_docs, load_gold

VALIDATOR = jsonschema.Draft202012Validator


@pytest.fixture(scope="module")
def schema() -> dict:
    s = json_schema()
    VALIDATOR.check_schema(s)
    return s


@pytest.mark.parametrize("gold_path", gold_docs(), ids=lambda p: p.stem)
def test_every_gold_speech_validates_and_round_trips(gold_path, schema) -> None:
    text, gold = load_gold(gold_path)
    speech = speechkit.extract(text, date=gold.get("date"), source=gold_path.name)
    data = json.loads(json.dumps(speech.to_dict(), ensure_ascii=False, allow_nan=False))
    VALIDATOR(schema).validate(data)
    back = Speech.from_dict(data, text=text)
    assert back.to_dict() == data
    assert back.tasks == tuple(dataclasses.replace(t, confidence=round(t.confidence, 4))
                               for t in speech.tasks)
    assert back.figures == speech.figures and back.sections == speech.sections


def test_schema_rejects_what_the_contract_forbids(schema) -> None:
    speech = speechkit.extract("镇规建办要在年底前完成3个村的改造。", date="2025-07-15")
    good = speech.to_dict()
    VALIDATOR(schema).validate(good)
    bad = json.loads(json.dumps(good))
    bad["tasks"][0]["span"] = [1]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR(schema).validate(bad)
    bad = json.loads(json.dumps(good))
    del bad["speech"]["chars"]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR(schema).validate(bad)


def test_every_record_field_is_in_the_schema(schema) -> None:
    for cls in RECORDS:
        if cls is Speech:
            props = {**schema["properties"], **schema["properties"]["speech"]["properties"]}
        else:
            props = schema["$defs"][cls.__name__]["properties"]
        names = {f.name for f in dataclasses.fields(cls) if not f.metadata.get("skip")}
        assert names <= set(props), cls.__name__


def test_optional_fields_are_left_out_and_numbers_stay_json() -> None:
    q = Quantity(text="3个", span=(0, 2), value=3.0, unit="个")
    assert q.to_dict() == {"text": "3个", "span": [0, 2], "value": 3, "unit": "个"}
    q = Quantity(text="x", span=(0, 1), value=float("inf"), unit="元", growth=True)
    assert json.dumps(q.to_dict(), allow_nan=False)  # never Infinity
    assert q.to_dict()["growth"] is True
    d = Deadline(text="年底前", span=(4, 7), end=dt.date(2025, 12, 31), precision="year")
    assert d.to_dict()["end"] == "2025-12-31" and d.to_dict()["start"] is None
    assert Deadline.from_dict(d.to_dict()) == d
    t = Task(id="T001", text="要做", span=(0, 2), deadline=d, confidence=0.123456)
    assert t.to_dict()["confidence"] == 0.1235
    assert Task.from_dict(t.to_dict()).deadline == d


def test_a_speech_read_back_without_its_text_keeps_its_length() -> None:
    speech = speechkit.extract("各村要确保年底前完成任务。", date="2025-07-15")
    back = Speech.from_dict(speech.to_dict())
    assert back.chars == speech.chars and back.text == ""
    assert back.tasks[0].deadline == speech.tasks[0].deadline


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    printed = json.loads(result.output)
    assert printed == json_schema()
    assert printed["$schema"].endswith("2020-12/schema")
