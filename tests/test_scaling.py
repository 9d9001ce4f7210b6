"""Linear time on hostile shapes, and a property test over random policy-text mixes.

Each shape is extracted at n and 4n characters (in a forked worker, so a run that blows its
budget is stopped instead of stalling the suite); 4n may cost at most about 6x n. Timings are
the minimum of two runs with ``time.perf_counter``; the bound is generous for a loaded machine.
"""
from __future__ import annotations

import json
import multiprocessing
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speechkit

DATE = "2025-07-15"
RATIO = 6.0  # 4x the text may cost at most this many times as much
SLACK = 0.3  # seconds: start-up noise on a machine shared by many processes
BASE_LIMIT = 2.0  # seconds for n characters (real text runs at ~200k chars/s: ~10x slack)
LARGE_LIMIT = 8.0  # seconds for 4n characters, whatever n cost


def _timed(text: str) -> float:
    t = time.perf_counter()
    speechkit.extract(text, date=DATE)
    return time.perf_counter() - t


class Worker:
    """One forked process that extracts; killed (by its own pid) when a run overstays."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None

    def run(self, text: str, limit: float) -> float | None:
        """Seconds ``extract(text)`` took, or None when it took longer than ``limit``."""
        if self.pool is None:
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = self.pool.submit(_timed, text)
        try:
            return future.result(timeout=limit)
        except FutureTimeout:
            self.stop()
            return None

    def stop(self) -> None:
        if self.pool is not None:
            for proc in list(getattr(self.pool, "_processes", {}).values()):
                proc.kill()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


@pytest.fixture(scope="module")
def worker() -> Any:
    speechkit.extract("镇规建办要在年底前完成3个村的改造。", date=DATE)  # loaded before forking
    w = Worker()
    yield w
    w.stop()


def _long_line(n: int) -> str:
    unit = "推进乡村振兴完成3个村改造加强基层治理新增二十个站点"
    return (unit * (n // len(unit) + 1))[:n]


def _digits(n: int) -> str:
    return ("1234567890" * (n // 10 + 1))[:n]


def _owner_cue(n: int) -> str:
    return "县发改委要" * (n // 5)


def _html(n: int) -> str:
    unit = ('<div class="nav"><a href="/index.html">首页</a> &gt; <span>通知公告</span></div>\n'
            '<p style="text-indent:2em">要抓好项目建设，确保年底前完工。</p>\n')
    return unit * (n // len(unit) + 1)


def _cut_markers(n: int) -> str:
    unit = "---此处隐藏3237字,下载后查看---\n各村要做好秸秆禁烧工作。\n"
    return unit * (n // len(unit) + 1)


def _web_debris(n: int) -> str:
    unit = ("分享到：微信 微博 QQ空间 | 责任编辑：王某 | 来源：某某网 | 2025-07-15 10:00:00 | "
            "【打印本页】【关闭窗口】\n扫一扫在手机打开当前页\n")
    return unit * (n // len(unit) + 1)


#: shape -> (text of about n characters, n, the reason when a module someone else owns is not
#: linear yet: those cases are xfail(strict=True) and the lead flips them when the fix lands)
SHAPES: dict[str, tuple[Callable[[int], str], int, str | None]] = {
    "long_line": (_long_line, 50_000, None),  # 4n: a 200k-character line
    "digits": (_digits, 4_096, None),  # 4n: 16 KB of digits
    "owner_cue_repeated": (_owner_cue, 5_000, None),  # 4n: 县发改委要 x 4000
    "html_debris": (_html, 25_000, None),
    "cut_markers": (_cut_markers, 25_000, None),
    "web_debris": (_web_debris, 25_000, None),
}


def _shape_cases() -> list[Any]:
    out = []
    for name, (_, _, reason) in SHAPES.items():
        marks = [pytest.mark.slow]
        if reason:
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        out.append(pytest.param(name, marks=marks, id=name))
    return out


@pytest.mark.parametrize("shape", _shape_cases())
def test_four_times_the_text_costs_at_most_six_times_as_much(worker: Worker, shape: str) -> None:
    make, n, _ = SHAPES[shape]
    small, large = make(n), make(4 * n)
    costs = [worker.run(small, BASE_LIMIT) for _ in range(3)]
    assert None not in costs, f"{shape}: {len(small)} characters took over {BASE_LIMIT} s"
    base = min(c for c in costs if c is not None)
    limit = min(RATIO * base + SLACK, LARGE_LIMIT)
    runs: list[float] = []
    for _ in range(3):  # the best of three: a busy machine slows a run, never speeds one up
        took = worker.run(large, LARGE_LIMIT)
        assert took is not None, f"{shape}: {len(large)} chars took over {LARGE_LIMIT} s"
        runs.append(took)
        if took <= limit:
            break
    assert min(runs) <= limit, (
        f"{shape}: {len(large)} chars took {min(runs):.2f} s; {len(small)} took {base:.3f} s")


# --- the property test ----------------------------------------------------------------------

FRAGMENTS = [
    "镇规建办要", "各村要", "县发改委、县财政局要", "相关责任单位要", "我们要", "必须", "力争",
    "严禁", "不得", "确保", "加快推进", "抓好", "在年底前完成", "6月底前", "三季度末", "春节前",
    "到2027年", "十四五期间", "每月", "定期", "及时", "上半年", "去年", "预计", "完成投资",
    "超过", "不低于", "以上", "左右", "亿元", "万亩", "个村", "户", "%", "百分之", "三分之一",
    "十二三天内", "工作日内", "〔2025〕3号", "二十大", "三农", "一批",
    "（牵头单位：县发改委；责任单位：各乡镇）", "（县住建局负责）", "一、", "（一）", "1.", "（1）", "第一，", "一是",
    "首先", "---此处隐藏120字,下载后查看---", "综合环境提升", "乡村振兴", "营商环境",
]
PUNCTUATION = list("。，、；：！？,.;:（）()“”\"《》【】—-… \n\t")
NUMERALS = "零一二三四五六七八九十百千万亿两〇"

_piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(PUNCTUATION),
    st.text(alphabet="0123456789.", min_size=1, max_size=14),
    st.text(alphabet=NUMERALS, min_size=1, max_size=6),
)
_speech = st.lists(_piece, min_size=1, max_size=60).map("".join).filter(lambda t: t.strip())


def _items(speech: speechkit.Speech) -> list[tuple[str, tuple[int, int], str]]:
    """(what, span, surface) of every record that carries a surface."""
    out = []
    for t in speech.tasks:
        out.append(("task", t.span, t.text))
        out += [("owner", o.span, o.text) for o in t.owners]
        out += [("quantity", q.span, q.text) for q in t.targets]
        if t.deadline:
            out.append(("deadline", t.deadline.span, t.deadline.text))
        if t.recurrence:
            out.append(("recurrence", t.recurrence.span, t.recurrence.text))
    out += [("figure", q.span, q.text) for q in speech.figures]
    return out


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=_speech)
def test_random_policy_mixes(text: str) -> None:
    try:
        speech = speechkit.extract(text, date=DATE)
    except speechkit.InputError:
        return  # shaped like a file name: refused with the friendly message, by design
    failed = [w for w in speech.warnings if "failed" in w]
    assert not failed, failed
    for what, (a, b), surface in _items(speech):
        assert 0 <= a <= b <= len(text), (what, a, b)
        assert text[a:b] == surface, (what, text[a:b], surface)
    for sec in speech.sections:
        a, b = sec.span
        assert 0 <= a <= b <= len(text)
        assert _nfkc(text[a:b]).lstrip().startswith(_nfkc(sec.marker)), (sec, text[a:b])
    again = speechkit.extract(text, date=DATE)
    assert json.dumps(again.to_dict(), ensure_ascii=False) == \
        json.dumps(speech.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("text", [
    "各村要在十二三天内完成。", "要在2100年春节前完成。", "要在9999年内完成。", "要在99999999999天内完成。",
    "要投资" + "9" * 400 + "万元。", "镇规建办要在年底前完成3个村的改造。",
])
def test_edge_numbers_give_standard_json_and_no_failure(text: str) -> None:
    speech = speechkit.extract(text, date=DATE)
    assert not [w for w in speech.warnings if "failed" in w]
    json.loads(json.dumps(speech.to_dict(), ensure_ascii=False, allow_nan=False))
