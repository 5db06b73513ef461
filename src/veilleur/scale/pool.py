"""``veilleur ingest --workers N``: extraction in N processes, one writer.

The parent reads the input, drops what is already stored (content hash) before anything
is shipped, sends batches to a pool of spawned processes (each loads the pipeline once, in
the pool initializer) and writes every batch itself through the store's one-transaction
batch write. Batches are written in input order, so the store ends up exactly as after a
one-process ingest (same events, same stories, same ids). At most ``2 x N`` batches are in
flight: memory stays flat whatever the corpus size, and a slow batch at the head only
holds back as much work as the window.

A worker process that dies (out of memory, a crash in native code) breaks the whole
pool: the pool is restarted and the batches in flight are sent again (nothing of them
was written). After ``max_restarts`` the run stops with :class:`WorkerCrash`; what was
written stays written and the next ingest resumes after it.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..records import Document
from ..store.core import Store
from ..store.ingest import IngestReport, plan_batches, record_batch
from ..store.results import Result
from . import worker
from .worker import single_threaded_children


class WorkerCrash(RuntimeError):
    """Worker processes kept dying; the run stopped (what was written is kept)."""


class ExtractorLoadError(RuntimeError):
    """The extractor cannot load in the workers (the model is missing, say)."""


def _init(spec: str) -> None:
    # keep a load failure as state instead of raising: an initializer that raises breaks the
    # pool, which would look like a crashed worker and be retried in vain
    try:
        worker.load_extractor(spec)
    except Exception as e:
        worker._STATE.update(spec=None, load_error=f"{type(e).__name__}: {e}")


def _extract(docs: list[Document], spec: str) -> list[Result]:
    if worker._STATE.get("load_error"):
        raise ExtractorLoadError(worker._STATE["load_error"])
    return worker.extract_batch(docs, spec)


class _Runner:
    def __init__(self, workers: int, spec: str, max_restarts: int) -> None:
        self.workers, self.spec, self.max_restarts = workers, spec, max_restarts
        self.restarts = 0
        self.pool: ProcessPoolExecutor | None = None
        self.inflight: deque[tuple[list[Document], Future[list[Result]]]] = deque()

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:  # created on the first batch: a fully stored corpus starts no process
            # spawn, not fork: a fresh interpreter per worker, no copy of the parent's threads or connections
            self.pool = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("spawn"),
                                            initializer=_init, initargs=(self.spec,))
        return self.pool

    def submit(self, batch: list[Document]) -> None:
        try:
            fut = self._pool().submit(_extract, batch, self.spec)
        except BrokenProcessPool:  # a worker died since the last submit: noticed here first
            self._restart()
            fut = self._pool().submit(_extract, batch, self.spec)
        self.inflight.append((batch, fut))

    def full(self) -> bool:
        return len(self.inflight) >= 2 * self.workers

    def head(self) -> list[Result]:
        """The results of the oldest batch in flight (waits for it), restarting a broken pool."""
        while True:
            batch, fut = self.inflight[0]
            try:
                results = fut.result()
            except BrokenProcessPool:
                self._restart()
                continue
            self.inflight.popleft()
            return results

    def _restart(self) -> None:
        self.restarts += 1
        if self.restarts > self.max_restarts:
            raise WorkerCrash(f"worker processes died {self.restarts} times; stopped (stored batches are kept, "
                              "run the same ingest again to resume)")
        assert self.pool is not None
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None
        batches = [b for b, _ in self.inflight]
        self.inflight.clear()
        for b in batches:
            self.submit(b)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def ingest_parallel(store: Store, documents: Iterable[Document], workers: int, *, extractor: str = "pipeline",
                    reprocess: bool = False, batch_size: int = 32, max_restarts: int = 2,
                    on_error: Callable[[str, str], None] | None = None,
                    on_notice: Callable[[str, str], None] | None = None,
                    on_progress: Callable[[int], None] | None = None) -> IngestReport:
    """``store.ingest`` with extraction in ``workers`` processes; same guarantees, same result.

    ``extractor``: ``pipeline``, ``fake`` or ``module:factory`` (built in each worker).
    """
    report = IngestReport()
    t0 = time.perf_counter()
    runner = _Runner(workers, extractor, max_restarts)

    def write_head() -> None:
        record_batch(store, runner.head(), report, on_error=on_error, on_notice=on_notice, on_progress=on_progress)

    with single_threaded_children():
        try:
            for batch in plan_batches(store, documents, report, reprocess=reprocess, batch_size=batch_size,
                                      on_progress=on_progress):
                runner.submit(batch)
                while runner.full():
                    write_head()
            while runner.inflight:
                write_head()
        finally:
            runner.close()
    report.seconds = time.perf_counter() - t0
    return report
