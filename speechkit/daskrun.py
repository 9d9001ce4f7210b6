"""Batch runs on Dask: ``--dask local`` (a cluster on this machine's loopback only) or
``--scheduler tcp://HOST:PORT``; the same jobs as the local pool, the same rows back.

Local workers are forked from a fork server: a clean process (no threads, unlike the parent,
whose in-process scheduler runs an event loop) that has imported Dask, speechkit and its readers
once, so each worker starts in a fraction of a second. Dask's diagnostics and housekeeping
are off. Two jobs a worker thread are out at a time, and a job over the time limit
is cancelled, its worker restarted, and an error row recorded.
"""
from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from typing import Any

from .errors import InputError
from .job import work
from .workers import Outcome


def on_dask(inputs: Iterator[tuple[Any, ...]], address: str, workers: int,
          timeout: float | None) -> Iterator[Outcome]:
    """The same jobs on a Dask cluster: ``local`` starts one on this machine's loopback only
    (``workers`` processes of one thread), and none when there is nothing to do."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise InputError("--dask", "Dask is not installed: pip install 'speechkit[dask]'") from None
    first = next(inputs, None)
    if first is None:  # nothing to do: no cluster started
        return
    inputs = itertools.chain([first], inputs)
    cluster = None
    if address == "local":
        cluster = local_cluster(workers)
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout=30)
        except (OSError, TimeoutError, ValueError) as e:
            raise InputError(address, f"cannot reach the Dask scheduler ({e})") from None
    try:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        yield from _dask_jobs(client, inputs, max(1, threads or workers), timeout)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_jobs(client: Any, inputs: Iterator[tuple[Any, ...]], size: int,
               timeout: float | None) -> Iterator[Outcome]:
    """Two jobs a worker thread out, so none waits for the round trip to the parent; Dask runs
    them in the order sent, and a job's time limit counts from when it is among the first
    ``size`` still out (running, not queued)."""
    from dask.distributed import wait

    out: dict[Any, list[Any]] = {}  # future: [job, when it began running or None], as sent

    def feed() -> None:
        while len(out) < 2 * size and (job := next(inputs, None)) is not None:
            out[client.submit(work, *job, pure=False)] = [job, None]
        now = time.monotonic()
        for entry in itertools.islice(out.values(), size):
            entry[1] = entry[1] or now

    feed()
    while out:
        first = min(began for _, began in out.values() if began is not None)
        left = None if timeout is None else max(0.01, first + timeout - time.monotonic())
        try:
            done = wait(list(out), timeout=left, return_when="FIRST_COMPLETED").done
        except TimeoutError:  # none finished in time: the oldest is over the limit
            done = set()
        finished = [_dask_outcome(fut, out.pop(fut)[0]) for fut in done]
        late = [] if timeout is None else [fut for fut, (_, began) in out.items()
                                           if began and time.monotonic() - began > timeout]
        if late:
            finished += _stop(client, late, out, timeout)
        feed()  # the next jobs go out before the results are handed on
        yield from finished


def _stop(client: Any, late: list[Any], out: dict[Any, list[Any]],
          timeout: float | None) -> list[Outcome]:
    """Jobs over the time limit: cancelled, and the workers running them restarted."""
    keys = {fut.key for fut in late}
    busy = [w for w, running in client.processing().items() if keys & set(running)]
    client.cancel(late, force=True)
    client.restart_workers(busy, timeout=60, raise_for_error=False)  # without a nanny: gone
    return [Outcome(out.pop(fut)[0], error=f"took over {timeout:g} s: stopped") for fut in late]


def local_cluster(workers: int) -> Any:
    """A Dask cluster of worker processes on the loopback interface: nothing listens outside,
    no dashboard, and no address is looked up on the network."""
    import multiprocessing as mp

    import dask
    from dask.distributed import LocalCluster

    mp.get_context("forkserver").set_forkserver_preload(_PRELOAD)
    with dask.config.set(_QUIET_DASK):  # read by the scheduler and handed to the workers
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            host="127.0.0.1", dashboard_address=None, silence_logs=40,
                            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})


#: What the fork server imports once, so that the workers forked from it have it loaded.
_PRELOAD = ["distributed", "speechkit.api", "speechkit.job", "speechkit.readers.html",
            "speechkit.readers.pdf", "speechkit.readers.word"]

#: Workers are forked from a fork server (Python and Dask already imported there: a worker is up
#: in a fraction of a second), not spawned (each importing Dask anew: ~1 CPU-second each), and
#: not forked from this process, which runs threads by then.
#: Diagnostics and housekeeping a batch run has no use for, and that cost CPU all the run long
#: in the scheduler and every worker: profiling, GIL and disk monitors, a 20 ms event-loop tick,
#: work stealing (two jobs a worker, run in order), memory spilling and the nanny's memory limit
#: (results go straight back; the local pool has no memory limit either).
_QUIET_DASK: dict[str, Any] = {
    "distributed.worker.multiprocessing-method": "forkserver",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.system-monitor.interval": "10s",
    "distributed.admin.tick.interval": "1s", "distributed.admin.tick.limit": "1h",
    "distributed.scheduler.work-stealing": False,
    "distributed.client.scheduler-info-interval": "10s",
    **{f"distributed.worker.memory.{k}": False for k in ("target", "spill", "pause", "terminate")},
}


def _dask_outcome(fut: Any, job: tuple[Any, ...]) -> Outcome:
    try:
        return Outcome(job, fut.result())
    except Exception as e:  # noqa: BLE001 - a worker lost or killed
        return Outcome(job, error=f"the Dask task failed ({type(e).__name__}: {e})")
