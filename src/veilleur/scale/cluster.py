"""``veilleur ingest --dask ADDRESS``: extraction on a Dask cluster.

``ADDRESS`` is ``tcp://HOST:PORT`` (a running ``dask scheduler``; any scheme Dask takes) or
``local:N`` (a ``LocalCluster`` of N single-threaded worker processes on this machine).

The client reads the input and cuts it into partitions of K documents (``--batch-size``);
each partition is one task, submitted with ``retries=2``. Each worker process loads the
pipeline once, on its first task, and keeps it in module state (``worker._STATE``): a
restarted worker reloads it. Two outputs:

* a store (``ingest_dask``): results come back to the client as they complete
  (``as_completed``) and the client — the only writer — stores each partition in one
  transaction, in input order (so the store is the same as after a one-process ingest);
  documents already stored are dropped before any is sent;
* a Parquet dataset (``dataset_dask``, ``--out DIR``): each worker writes its partition
  atomically (see ``parquet.py``); only a few counts come back; partitions already
  written are not resubmitted, so a killed run restarts where it stopped.

A worker that dies loses nothing: the scheduler re-runs its tasks elsewhere (up to
``distributed.scheduler.allowed-failures`` times), a task that raises is retried twice,
and nothing is written by half: the store write happens in the client in one
transaction, a Parquet partition appears by rename.
At most ``2 x threads`` partitions are submitted and not yet written: memory stays flat
on the client and on the workers whatever the corpus size.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from ..records import Document
from ..store.core import Store
from ..store.ingest import IngestReport, plan_batches, record_batch
from ..store.results import Result
from . import parquet, worker
from .worker import SINGLE_THREAD_ENV

T = TypeVar("T")
_LOCAL = re.compile(r"local:(\d+)")
_LOAD_LOCK = threading.Lock()  # a worker with several threads loads its pipeline once


def check_address(address: str) -> str | None:
    """None if ``address`` is usable, else what is wrong with it."""
    m = _LOCAL.fullmatch(address)
    if m:
        return None if int(m.group(1)) >= 1 else "local:N needs N >= 1"
    if re.fullmatch(r"[a-z0-9+]+://[^\s/]+(:\d+)?/?", address):
        return None
    return f"--dask takes tcp://HOST:PORT or local:N, not {address!r}"


@contextmanager
def client_for(address: str) -> Iterator[Any]:
    """A connected ``distributed.Client``; for ``local:N`` the cluster lives as long as the block."""
    import dask
    from distributed import Client, LocalCluster

    m = _LOCAL.fullmatch(address)
    if m is None:
        # Dask's own connect timeout (30 s; $DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT to change it)
        with Client(address, timeout=dask.config.get("distributed.comm.timeouts.connect")) as client:
            yield client
        return
    # The nanny's default environment also sets MALLOC_TRIM_THRESHOLD_=65536, which makes
    # spaCy about 2x slower per worker (measured by `veilleur bench`): keep only the
    # one-thread-per-worker settings.
    with dask.config.set({"distributed.nanny.pre-spawn-environ": dict(SINGLE_THREAD_ENV)}), \
            LocalCluster(n_workers=int(m.group(1)), threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _window(client: Any) -> int:
    return 2 * max(1, sum(client.nthreads().values()))


def _in_order(client: Any, func: Callable[..., Any], items: Iterable[tuple[T, tuple[Any, ...]]],
              window: int) -> Iterator[tuple[T, Any]]:
    """Submit ``func(*args)`` for each item, at most ``window`` not yet yielded; results are
    fetched as they complete (freeing the workers' memory at once) and yielded in input order."""
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]
    queue: deque[tuple[T, str]] = deque()
    done: dict[str, Any] = {}
    ac = as_completed(with_results=True, raise_errors=False)

    def pop_ready() -> Iterator[tuple[T, Any]]:
        while queue and queue[0][1] in done:
            item, key = queue.popleft()
            yield item, done.pop(key)

    def wait_one() -> None:
        fut, result = next(ac)
        if fut.status == "error":  # retries exhausted or worker kept dying: stop the run
            fut.result()
        done[fut.key] = result

    for n, (item, args) in enumerate(items):
        key = f"veilleur-{run}-{n}"
        ac.add(client.submit(func, *args, key=key, retries=2, pure=False))
        queue.append((item, key))
        while len(queue) >= window:
            wait_one()
            yield from pop_ready()
    while queue:
        wait_one()
        yield from pop_ready()


# ------------------------------------------------------------ worker side

def _extractor(spec: str) -> Any:
    with _LOAD_LOCK:
        return worker.load_extractor(spec)


def extract_task(docs: list[Document], spec: str) -> list[Result]:
    _extractor(spec)
    return worker.extract_batch(docs, spec)


@dataclass
class PartitionSummary:
    """What a partition written to Parquet reports back (the records stay on disk)."""

    documents: int
    events: int
    failures: list[tuple[str, str]] = field(default_factory=list)  # (where, error)
    not_processed: list[tuple[str, str]] = field(default_factory=list)


def write_task(out: str, partition: int, docs: list[Document], spec: str) -> PartitionSummary:
    _extractor(spec)
    results = worker.extract_batch(docs, spec)
    parquet.write_partition(Path(out), partition, results)
    return PartitionSummary(
        len(results), sum(len(r.events) for r in results if not r.error and not r.skipped),
        [(r.document.origin or r.document.id, r.error) for r in results if r.error],
        [(r.document.origin or r.document.id, r.skipped) for r in results if r.skipped and not r.error])


# ------------------------------------------------------------ client side

def ingest_dask(store: Store, documents: Iterable[Document], address: str, *, extractor: str = "pipeline",
                reprocess: bool = False, batch_size: int = 32,
                on_error: Callable[[str, str], None] | None = None,
                on_notice: Callable[[str, str], None] | None = None,
                on_progress: Callable[[int], None] | None = None) -> IngestReport:
    """``store.ingest`` with extraction on the cluster at ``address``; the client writes."""
    report = IngestReport()
    t0 = time.perf_counter()
    batches = plan_batches(store, documents, report, reprocess=reprocess, batch_size=batch_size,
                           on_progress=on_progress)
    first = next(batches, None)
    if first is not None:  # nothing to extract: no cluster started
        with client_for(address) as client:
            items = ((None, (b, extractor)) for b in _chain(first, batches))
            for _, results in _in_order(client, extract_task, items, _window(client)):
                record_batch(store, results, report, on_error=on_error, on_notice=on_notice,
                             on_progress=on_progress)
    report.seconds = time.perf_counter() - t0
    return report


def _chain(first: T, rest: Iterator[T]) -> Iterator[T]:
    yield first
    yield from rest


@dataclass
class DatasetReport:
    partitions: int = 0  # written by this run
    partitions_done: int = 0  # already there from an earlier run, skipped
    documents: int = 0
    events: int = 0
    failed: int = 0
    not_processed: int = 0
    seconds: float = 0.0


def _partitions(documents: Iterable[Document], size: int) -> Iterator[tuple[int, list[Document]]]:
    it = iter(documents)
    n = 0
    while chunk := list(islice(it, size)):
        yield n, chunk
        n += 1


def dataset_dask(documents: Iterable[Document], address: str, out: Path, *, extractor: str = "pipeline",
                 batch_size: int = 32, on_error: Callable[[str, str], None] | None = None,
                 on_notice: Callable[[str, str], None] | None = None,
                 on_progress: Callable[[int], None] | None = None) -> DatasetReport:
    """Extract ``documents`` on the cluster into the Parquet dataset ``out`` (restartable).

    Partition N is the input's documents N*K … N*K+K-1: rerun with the same input and K
    and only the partitions not yet written are extracted. ``out`` must be reachable at the
    same path from every worker (a shared file system) when the cluster spans machines.
    """
    parquet.prepare_output(out, batch_size)
    report = DatasetReport()
    t0 = time.perf_counter()

    def todo() -> Iterator[tuple[int, tuple[Any, ...]]]:
        for n, docs in _partitions(documents, batch_size):
            if parquet.is_done(out, n):
                report.partitions_done += 1
                if on_progress:
                    on_progress(len(docs))
                continue
            yield n, (str(out.resolve()), n, docs, extractor)

    pending = todo()
    first = next(pending, None)
    if first is not None:
        with client_for(address) as client:
            for _, s in _in_order(client, write_task, _chain(first, pending), _window(client)):
                report.partitions += 1
                report.documents += s.documents
                report.events += s.events
                report.failed += len(s.failures)
                report.not_processed += len(s.not_processed)
                for where, err in s.failures:
                    if on_error:
                        on_error(where, err)
                for where, why in s.not_processed:
                    if on_notice:
                        on_notice(where, f"not processed: {why}")
                if on_progress:
                    on_progress(s.documents)
    report.seconds = time.perf_counter() - t0
    return report
