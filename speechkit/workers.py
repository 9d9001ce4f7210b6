"""Worker processes for batch runs: a time limit per job, and no worker outlives its parent.

Each worker is a spawned process fed one job at a time over a pipe. A job that runs past the
time limit has its worker killed (and replaced), and comes back as a timeout; a worker that
dies comes back as an error; the others go on. On Linux each worker asks the kernel to kill it
when the parent dies (``PR_SET_PDEATHSIG``), and everywhere it also watches its parent's pid,
so a ``kill -9`` of the parent leaves no worker behind.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

Job = tuple[Any, ...]


@dataclass(frozen=True)
class Outcome:
    """A job's result, or why it has none (``timeout`` or the worker's death)."""

    job: Job
    result: Any = None
    error: str | None = None


def _die_with(parent: int) -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _serve(conn: Connection, fn: Callable[..., Any], parent: int) -> None:
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(fn(*job))


class _Worker:
    def __init__(self, ctx: Any, fn: Callable[..., Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.job: Job | None = None
        self.started = 0.0

    def give(self, job: Job) -> None:
        self.job, self.started = job, time.monotonic()
        self.conn.send(job)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def run_jobs(fn: Callable[..., Any], jobs: Iterable[Job], *, workers: int,
             timeout: float | None) -> Iterator[Outcome]:
    """``fn(*job)`` for every job in ``workers`` processes, yielded as each finishes."""
    ctx = mp.get_context("spawn")
    pending = iter(jobs)
    pool: list[_Worker] = []  # started as jobs come: a run with nothing to do starts none
    try:
        busy = _feed(pool, pending, lambda: _Worker(ctx, fn), max(1, workers))
        while busy:
            now = time.monotonic()
            limit = None if timeout is None else max(
                0.0, min(w.started for w in busy) + timeout - now)
            ready = wait([w.conn for w in busy], limit)
            finished = []
            for w in list(busy):
                if w.conn in ready:
                    finished.append(_collect(ctx, fn, pool, w))
                elif timeout is not None and time.monotonic() - w.started > timeout:
                    finished.append(_replace(ctx, fn, pool, w, f"took over {timeout:g} s: stopped"))
            # the next jobs go out before the results are handed on: no worker waits for the
            # parent to write
            busy = _feed(pool, pending, lambda: _Worker(ctx, fn), max(1, workers))
            yield from finished
    finally:
        for w in pool:
            w.kill()


def _feed(pool: list[_Worker], pending: Iterator[Job], start: Callable[[], _Worker],
          size: int) -> list[_Worker]:
    idle = [w for w in pool if w.job is None]
    while idle or len(pool) < size:
        job = next(pending, None)
        if job is None:
            break
        if not idle:
            pool.append(start())
            idle.append(pool[-1])
        idle.pop(0).give(job)
    return [w for w in pool if w.job is not None]


def _collect(ctx: Any, fn: Callable[..., Any], pool: list[_Worker], w: _Worker) -> Outcome:
    job = w.job
    assert job is not None
    try:
        result = w.conn.recv()
    except (EOFError, OSError):
        code = w.proc.exitcode
        return _replace(ctx, fn, pool, w, f"the worker died (exit status {code})")
    w.job = None
    return Outcome(job, result)


def _replace(ctx: Any, fn: Callable[..., Any], pool: list[_Worker], w: _Worker,
             error: str) -> Outcome:
    job = w.job
    assert job is not None
    w.kill()
    pool[pool.index(w)] = _Worker(ctx, fn)
    return Outcome(job, error=error)
