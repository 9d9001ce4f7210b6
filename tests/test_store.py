"""The DuckDB archive: tables, stable ids, reruns, a lock, kill -9, Parquet, Dask, ledger."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from speechkit.batch import run
from speechkit.cli import main
from speechkit.errors import InputError
from speechkit.store import Store
from speechkit.store_tables import TABLES, speech_id

from .conftest import ROOT

SPEECHES = {  # our own sentences: owners, deadlines, no owner
    "a.txt": "区住建局要在2025年12月底前完成城东道路改造。各村要做好排查。",
    "b.txt": "区住建局、区水务局要在9月底前完成排水管网改造。要抓好秋收秋种。",
    "sub/c.txt": "1.完成老年食堂建设。（牵头单位：社会事业办；配合单位：区住建局）",
    "sub/d.txt": "社会事业办要在年底前完成养老服务中心建设。",
}


@pytest.fixture()
def folder(tmp_path):
    root = tmp_path / "arch"
    for name, text in SPEECHES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    return root


def _table(db, name, order="1"):
    with Store(db, read_only=True) as s:
        return s.con.execute(f"SELECT * FROM {name} ORDER BY {order}").fetchall()


def test_tables_ids_and_errors(folder, tmp_path):
    db = tmp_path / "a.duckdb"
    summary = run([folder], db, jobs=1, date=None)
    assert (summary.done, summary.failed) == (4, 1)
    with Store(db, read_only=True) as s:
        counts = s.counts()
        assert set(counts) == set(TABLES)
        assert counts["speeches"] == 4 and counts["errors"] == 1
        src = str((folder / "a.txt").resolve())
        sid, fmt, sha = s.con.execute(
            "SELECT id, format, sha256 FROM speeches WHERE source = ?", [src]).fetchone()
        assert sid == speech_id(src) and fmt == "text" and len(sha) == 64
        owners = s.con.execute("SELECT o.text, o.role FROM owners o JOIN tasks t ON "
                               "o.task_id = t.id WHERE t.speech_id = ? ORDER BY t.seq, o.seq", [sid])
        assert owners.fetchall() == [("区住建局", "owner"), ("各村", "owner")]
        roles = s.con.execute("SELECT text, role FROM owners WHERE task_id LIKE ? ORDER BY seq",
                              [speech_id(str((folder / "sub/c.txt").resolve())) + "-%"])
        assert roles.fetchall() == [("社会事业办", "lead"), ("区住建局", "support")]
        error = s.con.execute("SELECT source, error FROM errors").fetchone()
        assert error[0].endswith("empty.txt") and "empty" in error[1]


def test_reruns_skip_replace_and_retry(folder, tmp_path, monkeypatch):
    db = tmp_path / "a.duckdb"
    run([folder], db, jobs=1)
    before = _table(db, "tasks")
    monkeypatch.chdir(folder.parent)
    again = run(["arch/", "./arch/sub/../sub", folder / "a.txt"], db, jobs=1)
    assert (again.done, again.skipped, again.failed) == (0, 4, 1)
    assert _table(db, "tasks") == before  # same ids, same rows
    (folder / "empty.txt").write_text("各村要在10月底前完成验收。", encoding="utf-8")  # fixed
    (folder / "b.txt").write_text("区水务局要加快排水管网改造。", encoding="utf-8")  # changed
    third = run([folder], db, jobs=1)
    assert (third.done, third.skipped, third.failed) == (2, 3, 0)
    assert _table(db, "errors") == []
    texts = [row[4] for row in _table(db, "tasks")]
    assert "区水务局要加快排水管网改造。" in texts
    assert not any("9月底前" in t for t in texts)  # the old b.txt's rows are gone
    assert len(_table(db, "speeches")) == 5
    dated = run([folder], db, jobs=1, date=__import__("datetime").date(2025, 7, 15))
    assert (dated.done, dated.skipped) == (5, 0)  # other options: everything redone
    assert len(_table(db, "speeches")) == 5


def test_a_second_writer_is_refused_with_a_clear_message(folder, tmp_path):
    db = tmp_path / "a.duckdb"
    holder = Store(db)
    try:
        code = ("import sys; from speechkit.store import Store\n"
                "from speechkit.errors import InputError\n"
                f"try:\n    Store({str(db)!r})\nexcept InputError as e:\n    print(e)")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=False, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
        assert "is open for writing by process" in out.stdout, out.stderr
    finally:
        holder.close()


def _children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_kill_9_then_rerun_then_rerun_spelled_otherwise(tmp_path, seed_text, monkeypatch):
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(24):  # long enough that the kill lands mid-run
        (folder / f"s{i:02d}.txt").write_text(f"第{i}次会议\n" + seed_text * 4, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00" * 50)
    db = tmp_path / "k.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "speechkit", "batch", str(folder), "-o",
                             str(db), "-j", "2", "-q"], env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stderr=subprocess.DEVNULL)
    wal, deadline, first = Path(str(db) + ".wal"), time.monotonic() + 120, None
    while time.monotonic() < deadline and proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else None
        first = first if first is not None or size is None else size
        if size is not None and size > first + 60000:  # speeches committed after the schema
            break
        time.sleep(0.05)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert workers, "the batch had no workers when killed"
    gone = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < gone:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "workers outlived their parent"
    rest = run([folder], db, jobs=2)
    assert 0 < rest.skipped < 24 and rest.done == 24 - rest.skipped  # killed mid-run
    monkeypatch.chdir(tmp_path)
    last = run(["./big/", str(folder / "s00.txt")], db, jobs=2)
    assert (last.done, last.skipped) == (0, 24)
    speeches = _table(db, "speeches", "source")
    assert len(speeches) == len({row[1] for row in speeches}) == 24
    assert [row[0].endswith("bad.txt") for row in _table(db, "errors")] == [True]
    assert all(row[8] > 0 for row in speeches)  # every speech has its tasks


def test_parquet_export(folder, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    run([folder], tmp_path / "a.duckdb", jobs=1, parquet=tmp_path / "pq")
    tasks = pq.read_table(tmp_path / "pq" / "tasks.parquet")
    assert tasks.num_rows == len(_table(tmp_path / "a.duckdb", "tasks"))
    assert sorted(p.stem for p in (tmp_path / "pq").iterdir()) == sorted(TABLES)


def test_dask_local_cluster_gives_the_same_tables(folder, tmp_path):
    pytest.importorskip("dask.distributed")
    from speechkit.daskrun import local_cluster

    cluster = local_cluster(2)
    try:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        workers = cluster.scheduler_info["workers"]
        assert len(workers) == 2 and all(w.startswith("tcp://127.0.0.1:") for w in workers)
        http = [sock.getsockname()[0] for sock in cluster.scheduler.http_server._sockets.values()]
        assert http and set(http) == {"127.0.0.1"}  # its HTTP routes on loopback, not 0.0.0.0
    finally:
        cluster.close()
    run([folder], tmp_path / "local.duckdb", jobs=2)
    run([folder], tmp_path / "dask.duckdb", jobs=2, dask="local")
    for name, columns in TABLES.items():
        order = ", ".join(f'"{c}"' for c, t in columns if not t.endswith("[]"))
        assert _table(tmp_path / "dask.duckdb", name, order) == \
            _table(tmp_path / "local.duckdb", name, order), name


def test_dask_stops_a_file_over_the_time_limit_and_goes_on(folder, tmp_path):
    pytest.importorskip("dask.distributed")
    db = tmp_path / "dask.duckdb"
    slow = run([folder], db, jobs=2, dask="local", timeout=0.001)  # no file is that quick
    assert slow.files == len(list(folder.rglob("*.txt"))) == slow.done + slow.failed
    assert any("took over 0.001 s: stopped" in e for e in slow.errors)
    again = run([folder], db, jobs=2, dask="local")  # errors are retried, the rest is done
    assert again.skipped == slow.done and again.done == slow.files - slow.done - again.failed
    assert len(_table(db, "speeches")) == slow.done + again.done > 0


def test_dask_by_scheduler_address_and_no_cluster_for_nothing(folder, tmp_path, monkeypatch):
    pytest.importorskip("dask.distributed")
    from speechkit import daskrun

    (folder / "empty.txt").unlink()  # an error row is retried: this run leaves none
    db = tmp_path / "a.duckdb"
    cluster = daskrun.local_cluster(1)
    try:
        first = run([folder], db, jobs=1, dask=cluster.scheduler_address)
    finally:
        cluster.close()
    assert first.failed == 0 and first.done == len(_table(db, "speeches")) > 0
    monkeypatch.setattr(daskrun, "local_cluster", lambda n: pytest.fail("a cluster, for nothing"))
    again = run([folder], db, jobs=2, dask="local")
    assert again.skipped == first.files and again.files == 0


@pytest.fixture()
def ledger_db(folder, tmp_path):
    db = tmp_path / "a.duckdb"
    run([folder], db, jobs=1, date=__import__("datetime").date(2025, 7, 15))
    return db


def _ledger(db, *args):
    r = CliRunner().invoke(main, ["ledger", str(db), "--format", "json", *args])
    assert r.exit_code == 0, r.output
    speeches = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    return sorted(t["text"] for s in speeches for t in s["tasks"])


def test_ledger_what_a_unit_is_assigned_across_speeches(ledger_db):
    assert _ledger(ledger_db, "--owner", "住建局") == sorted([
        "区住建局要在2025年12月底前完成城东道路改造。",
        "区住建局、区水务局要在9月底前完成排水管网改造。",
        "1.完成老年食堂建设。"])  # a supporting unit (配合单位) too


def test_ledger_what_falls_due_this_month(ledger_db):
    assert _ledger(ledger_db, "--due-after", "2025-12-01", "--due-before", "2025-12-31") == \
        sorted(["区住建局要在2025年12月底前完成城东道路改造。", "社会事业办要在年底前完成养老服务中心建设。"])
    assert _ledger(ledger_db, "--due-before", "2025-09-30") == ["区住建局、区水务局要在9月底前完成排水管网改造。"]


def test_ledger_tasks_without_owner_and_other_filters(ledger_db, tmp_path):
    assert _ledger(ledger_db, "--no-owner") == ["要抓好秋收秋种。"]
    assert _ledger(ledger_db, "--search", "秋收") == ["要抓好秋收秋种。"]
    sid = speech_id(str(Path(_table(ledger_db, "speeches")[0][1])))
    assert _ledger(ledger_db, "--speech", sid)
    r = CliRunner().invoke(main, ["ledger", str(ledger_db), "--owner", "住建局", "-o",
                                  str(tmp_path / "l.csv")])
    assert r.exit_code == 0 and "3 tasks in 3 speeches" in r.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "l.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 4 and all(any("住建局" in cell for cell in row) for row in rows[1:])
    missing = CliRunner().invoke(main, ["ledger", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no such archive" in missing.stderr


def test_a_lexicon_run_without_the_file_is_refused(folder, tmp_path):
    with pytest.raises(InputError, match="lexicon"):
        run([folder], tmp_path / "a.duckdb", lexicons=("missing.tsv",))

