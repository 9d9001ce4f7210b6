"""Follow-through: targets and tasks of an earlier report against what a later one reports."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from speechkit import lexicon
from speechkit.api import extract
from speechkit.cli import main
from speechkit.follow import follow, follow_files
from speechkit.follow import measures as ms
from speechkit.follow.archive import FOLLOW_COLUMNS, follow_folder, follow_store
from speechkit.follow.pairs import Doc, issuer, issuer_key, pair
from speechkit.follow.parts import heading_part
from speechkit.records import Quantity

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "data" / "follow"
EARLIER = HERE / "2031_青川县_政府工作报告.txt"
LATER = HERE / "2032_青川县_政府工作报告.txt"
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
              None)


@pytest.fixture(scope="module")
def pair_result():
    return follow_files(EARLIER, LATER)


def _by_label(result, label):
    return next(t for t in result.targets if label in (t.indicator or ""))


# ------------------------------------------------------------------ targets

@pytest.mark.parametrize("label, actual, met", [
    ("生产总值", "6.2%", True),  # 6%左右, a floor
    ("一般公共预算收入", "4.1%", False),  # named 财政收入 in the later report
    ("城镇调查失业率", "4.8%", True),  # a ceiling: 控制在5.5%以内
    ("居民消费价格涨幅", "2.4%", True),  # a ceiling named CPI in the later report
    ("污水管网", "42公里", True),  # not the five-year 150公里
    ("老旧小区", "18个", False),
    ("养老床位", "620张", True),
])
def test_targets_linked(pair_result, label, actual, met):
    t = _by_label(pair_result, label)
    assert t.actual is not None and t.actual.text == actual
    assert t.met is met
    early, late = pair_result.earlier.text, pair_result.later.text
    assert early[t.span[0]:t.span[1]] == t.text
    assert late[t.actual.span[0]:t.actual.span[1]] == t.actual.text


def test_review_figures_are_not_targets(pair_result):
    spans = {t.span for t in pair_result.targets}
    review_end = pair_result.earlier.text.index("二、2031年")
    assert spans and all(s[0] > review_end for s in spans)
    assert len(pair_result.targets) == 7


def test_silence_gives_no_actual():
    early = extract("二、2031年工作安排\n全年新建公园5个，植树造林3000亩。", source="2031年某县政府工作报告")
    late = extract("一、2031年工作回顾\n新建公园6个，城市面貌焕然一新。", source="2032年某县政府工作报告")
    f = follow(early, late)
    by = {t.text: t for t in f.targets}
    assert by["5个"].actual is not None and by["5个"].met is True
    assert by["3000亩"].actual is None and by["3000亩"].met is None


def test_five_year_review_turning_to_the_year():
    early = extract("二、2030年工作安排\n全年新建公园8个，地区生产总值增长6%左右。",
                    source="2030年某市政府工作报告")
    late = extract("一、“十四五”时期工作回顾\n五年来，地区生产总值年均增长5.1%，新建公园40个。\n"
                   "刚刚过去的2030年，地区生产总值增长6.1%，新建公园9个。\n"
                   "二、“十五五”时期主要目标\n地区生产总值年均增长5%。", source="2031年某市政府工作报告")
    got = {t.text: t.actual.text if t.actual else None for t in follow(early, late).targets}
    assert got == {"8个": "9个", "6%": "6.1%"}


def test_one_figure_for_two_indicators():
    early = extract("二、2031年工作安排\n城镇居民人均可支配收入、农村居民人均可支配收入均增长6%。",
                    source="2031年某县政府工作报告")
    late = extract("一、2031年工作回顾\n城镇居民人均可支配收入完成41200元，同比增长5.6%；"
                   "农村居民人均可支配收入完成21800元，同比增长6.3%。", source="2032年某县政府工作报告")
    got = {t.indicator: (t.actual.text if t.actual else None, t.met) for t in follow(early, late).targets}
    assert got == {"城镇居民人均可支配收入": ("5.6%", False), "农村居民人均可支配收入": ("6.3%", True)}


def _measure(text: str, value: float, unit: str, base: float, base_unit: str,
             comparator: str | None = None) -> ms.Measure:
    i = text.index(unit) - len(str(value).removesuffix(".0"))
    q = Quantity(text=text[i:text.index(unit) + len(unit)], span=(i, text.index(unit) + len(unit)),
                 value=value, unit=unit, comparator=comparator, base_value=base,
                 base_unit=base_unit)
    return ms.measure(q, text, 0, len(text))


def test_scales_compare():
    t = _measure("新增中小学学位2万个", 2, "万个", 20000, "个")
    a = _measure("新增中小学学位24000个", 24000, "个", 24000, "个")
    assert ms.same_unit(t, a) == "same" and ms.met(t, a) is True


@pytest.mark.parametrize("target, actual, met", [
    (("城镇调查失业率5%", 5, "%", 5, "%"), ("城镇调查失业率5.1%", 5.1, "%", 5.1, "%"), False),
    (("赤字率3%", 3, "%", 3, "%"), ("赤字率2.9%", 2.9, "%", 2.9, "%"), True),
    (("单位生产总值能耗下降3%", 3, "%", 3, "%"), ("能耗下降3.2%", 3.2, "%", 3.2, "%"), True),
    (("新建公厕20座", 20, "座", 20, "座"), ("新建公厕20亩", 20, "亩", 20, "亩"), None),
])
def test_met_by_direction(target, actual, met):
    assert ms.met(_measure(*target), _measure(*actual)) is met


def test_about_tolerance():
    t = _measure("地区生产总值增长5%", 5, "%", 5, "%", "approx")
    assert ms.met(t, _measure("地区生产总值增长4.9%", 4.9, "%", 4.9, "%")) is True
    assert ms.met(t, _measure("地区生产总值增长4.8%", 4.8, "%", 4.8, "%")) is False


@pytest.mark.parametrize("written, name", [
    ("财政收入增长", "一般公共预算收入增长"),
    ("CPI上涨", "居民消费价格涨幅"),
    ("国内生产总值", "生产总值"),
])
def test_synonyms(written, name):
    assert ms.canonical(written) == name


# ------------------------------------------------------------------ tasks

def test_tasks(pair_result):
    by = {t.text[:6]: t for t in pair_result.tasks}
    done = by["年内建成县城"]
    assert done.status == "done" and "第二水厂" in done.report.text
    late = pair_result.later.text
    assert late[done.report.span[0]:done.report.span[1]] == done.report.text
    assert by["推进智慧停车"].status == "not_reported" and by["推进智慧停车"].report is None


# ------------------------------------------------------------------ parts, issuers, pairs

@pytest.mark.parametrize("title, part, multi", [
    ("2030年工作回顾", "review", False),
    ("2031年工作安排", "deploy", False),
    ("“十五五”时期的主要目标任务", "deploy", True),
    ("过去五年工作回顾", "review", True),
    ("关于本报告的说明", "other", False),
])
def test_heading_part(title, part, multi):
    assert heading_part(title) == (part, multi)


@pytest.mark.parametrize("title, source, who", [
    ("2025年北京市政府工作报告", None, "北京市"),
    (None, "/a/2026_北京市_政府工作报告.txt", "北京市"),
    ("政府工作报告", "2027年内蒙古自治区人民政府工作报告.docx", "内蒙古自治区"),
    (None, "x/bj_gwr_2025.txt", "bj_gwr"),
])
def test_issuer(title, source, who):
    assert issuer(title, source) == who


def test_pairs_consecutive_years():
    docs = [Doc(issuer_key(n), n, y, (n, y)) for n, y in
            [("北京市", 2025), ("北京", 2026), ("上海市", 2025), ("上海市", 2027), ("广东省", 2026)]]
    pairs, alone = pair(docs)
    assert [(a.ref, b.ref) for a, b in pairs] == [(("北京市", 2025), ("北京", 2026))]
    assert {d.ref for d in alone} == {("上海市", 2025), ("上海市", 2027), ("广东省", 2026)}


def test_folder(tmp_path):
    for p in (EARLIER, LATER):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "2031_邻县_政府工作报告.txt").write_text("二、2031年工作安排\n新建公园5个。",
                                                    encoding="utf-8")
    result = follow_folder(tmp_path)
    assert len(result.follows) == 1 and len(result.follows[0].targets) == 7
    assert any("邻县" in u for u in result.unpaired)


def test_store(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    from speechkit.batch import run

    db = tmp_path / "a.duckdb"
    run([EARLIER, LATER], db, jobs=1, timeout=None)
    for _ in range(2):  # a second run replaces the first one's rows
        result = follow_store(db)
    assert len(result.follows) == 1
    con = duckdb.connect(str(db))
    rows = con.execute("SELECT kind, count(*), count(actual_text) FROM follow GROUP BY kind "
                       "ORDER BY kind").fetchall()
    cols = [r[0] for r in con.execute("DESCRIBE follow").fetchall()]
    ids = con.execute("SELECT DISTINCT earlier_id, later_id FROM follow").fetchall()
    known = {r[0] for r in con.execute("SELECT id FROM speeches").fetchall()}
    con.close()
    assert rows == [("target", 7, 7), ("task", 4, 3)]
    assert cols == [c for c, _ in FOLLOW_COLUMNS]
    assert len(ids) == 1 and set(ids[0]) <= known


def test_store_that_is_no_archive(tmp_path):
    bad = tmp_path / "x.duckdb"
    bad.write_bytes(b"not a database")
    r = CliRunner().invoke(main, ["follow", str(bad)])
    assert r.exit_code == 2 and "Traceback" not in r.output


# ------------------------------------------------------------------ command line

def test_cli_json():
    r = CliRunner().invoke(main, ["follow", str(EARLIER), str(LATER), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert {"earlier", "later", "targets", "tasks"} <= doc.keys()
    assert doc["earlier"]["plan_year"] == 2031 and doc["later"]["review_year"] == 2031
    t = doc["targets"][0]
    assert t["actual"]["text"] == "6.2%" and t["met"] is True and len(t["span"]) == 2


@pytest.mark.parametrize("fmt, needle", [("table", "控制在5.5%以内"), ("md", "| 青川县 |"),
                                          ("html", "<td>青川县</td>")])
def test_cli_text_formats(fmt, needle):
    r = CliRunner().invoke(main, ["follow", str(EARLIER), str(LATER), "--format", fmt])
    assert r.exit_code == 0 and needle in r.output


def test_cli_folder_json(tmp_path):
    for p in (EARLIER, LATER):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    r = CliRunner().invoke(main, ["follow", str(tmp_path), "--format", "json"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert len(doc["pairs"]) == 1 and doc["pairs"][0]["earlier"]["title"].startswith("2031")


def test_cli_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "f.xlsx"
    r = CliRunner().invoke(main, ["follow", str(EARLIER), str(LATER), "-o", str(out)])
    assert r.exit_code == 0
    ws = openpyxl.load_workbook(out)["目标"]
    assert [c.value for c in ws[1]][:5] == ["发文单位", "指标", "目标", "实际", "是否完成"]
    assert ws.max_row == 8


def test_cli_errors(tmp_path):
    r = CliRunner().invoke(main, ["follow", str(tmp_path / "none.txt"), str(LATER)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["follow", str(EARLIER), str(LATER), "--format", "xlsx"])
    assert r.exit_code == 2
    r = CliRunner().invoke(main, ["follow", str(EARLIER), str(LATER), "-o", str(tmp_path / "f.docx")])
    assert r.exit_code == 2 and "docx" in r.output and not (tmp_path / "f.docx").exists()


# ------------------------------------------------------------------ data

@pytest.mark.parametrize("name, fields, allowed", [
    ("indicators.tsv", 2, None),
    ("indicators_direction.tsv", 2, {"down"}),
    ("indicators_reductions.tsv", 1, None),
    ("indicators_units.tsv", 3, None),
    ("indicators_generic.tsv", 1, None),
    ("indicators_rates.tsv", 2, {"rate", "to", "filler"}),
    ("follow_parts.tsv", 2, {"review", "deploy", "multi", "span", "shared", "year"}),
    ("follow_status.tsv", 2, {"done", "partly"}),
    ("follow_issuers.tsv", 2, {"genre", "suffix"}),
])
def test_data_shape(name, fields, allowed):
    rows = lexicon.table(name, fields)
    assert rows
    firsts = [r[0] for r in rows]
    assert len(firsts) == len(set(firsts)), "a word listed twice"
    if allowed:
        assert {r[1] for r in rows} <= allowed


def test_indicator_names_are_their_own():
    rows = lexicon.table("indicators.tsv", 2)
    written = {w for w, _ in rows}
    assert {c for _, c in rows} <= written  # every name is also listed as written


# ------------------------------------------------------------------ the dev pairs

@pytest.mark.skipif(SHARED is None, reason="../shared is not here")
def test_dev_pairs():
    gold = SHARED / "eval" / "follow" / "dev"
    if not gold.is_dir():
        pytest.skip("no follow dev pairs")
    cmd = f"{sys.executable} -m speechkit follow {{earlier}} {{later}} --format json"
    run = subprocess.run([sys.executable, str(gold.parent / "score_follow.py"), str(gold),
                          "--cmd", cmd, "--min", "target=0.9", "actual=0.85", "met=0.9",
                          "task=0.6"], check=False, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stdout[-500:]


# ------------------------------------------------------------------ the JSON contract

def test_follow_json_validates_against_its_schema(pair_result):
    import jsonschema

    out = CliRunner().invoke(main, ["schema", "follow"])
    assert out.exit_code == 0, out.output
    schema = json.loads(out.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(pair_result.to_dict()))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["earlier"]["plan_year"] == 2031 and data["targets"] and data["tasks"]
    broken = {**data, "targets": [{**data["targets"][0], "span": "12-20"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_follow_links_read_back_from_their_json(pair_result):
    from speechkit.follow import TargetLink, TaskLink

    for link in pair_result.targets:
        assert TargetLink.from_dict(link.to_dict()).to_dict() == link.to_dict()
    for link in pair_result.tasks:
        assert TaskLink.from_dict(link.to_dict()).to_dict() == link.to_dict()
