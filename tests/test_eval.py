"""`speechkit eval`: the reference-scorer semantics, and the suite's bar on corpora/."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from speechkit.cli import main
from speechkit.evaluate import evaluate
from speechkit.gold import read_dir

from .conftest import ROOT

TEXT = "一、重点工作\n镇规建办要在年底前完成3个村的改造。\n上半年完成投资2亿元。\n"
GOLD = {
    "doc": "t.txt", "date": "2025-07-15",
    "sentences": [
        {"text": "一、重点工作", "task": None, "owners": [], "deadline": None, "recurrence": None,
         "quantities": []},
        {"text": "镇规建办要在年底前完成3个村的改造。", "task": True, "owners": ["镇规建办"],
         "deadline": {"text": "年底前", "end": "2025-12-31"}, "recurrence": None,
         "quantities": [{"text": "3个", "value": 3, "unit": "个"}]},
        {"text": "上半年完成投资2亿元。", "task": False, "owners": [], "deadline": None,
         "recurrence": None, "quantities": [{"text": "2亿元", "value": 2, "unit": "亿元"}]},
    ],
}


@pytest.fixture()
def gold_dir(tmp_path):
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "t.gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def _pred(task_span=None, owner="镇规建办", end="2025-12-31", value=3, unit="个"):
    start = TEXT.index("镇规建办")
    span = task_span or [start, start + 18]
    q = TEXT.index("3个")
    return {"tasks": [{"span": span, "owners": [{"text": owner}],
                       "deadline": {"text": "年底前", "end": end},
                       "targets": [{"text": "3个", "span": [q, q + 2], "value": value, "unit": unit}]}],
            "figures": []}


@pytest.mark.parametrize(
    "pred, expected",
    [
        (_pred(), {"task": (1, 0, 0), "owner": (1, 0, 0), "deadline": (1, 0, 0), "date": (1, 0, 0),
                   "quantity": (1, 0, 1)}),
        (_pred(owner="镇政府"), {"owner": (0, 1, 1)}),
        (_pred(end="2026-06-30"), {"deadline": (1, 0, 0), "date": (0, 1, 1)}),
        (_pred(value=0.0003, unit="万个"), {"quantity": (1, 0, 1)}),  # 0.0003万 == 3
        (_pred(value=4), {"quantity": (0, 1, 2)}),
        ({"tasks": [], "figures": []}, {"task": (0, 0, 1), "owner": (0, 0, 1), "deadline": (0, 0, 1)}),
    ],
)
def test_semantics(gold_dir, pred, expected):
    report = evaluate(read_dir(gold_dir), lambda doc: pred)
    counts = report.total()
    for field, (tp, fp, fn) in expected.items():
        c = counts[field]
        assert (c.tp, c.fp, c.fn) == (tp, fp, fn), field


def test_cli_on_corpora_meets_the_bar():
    r = CliRunner().invoke(main, ["eval", str(ROOT / "corpora"), "-q", "--min", "task=0.9",
                                  "--min", "owner=0.8", "--min", "quantity=0.85",
                                  "--min", "deadline=0.8"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1].startswith("ok: task=")


def test_cli_reports_falling_short(gold_dir):
    r = CliRunner().invoke(main, ["eval", str(gold_dir), "--cmd", "false", "--min", "task=0.5"])
    assert r.exit_code == 1
    assert "FALLS SHORT task" in r.output
