"""Ingest: documents → extraction → store, in batches, idempotent and crash-safe.

* A document whose content hash is already stored is skipped *before* extraction
  (re-ingesting a corpus costs a hash and a lookup per document, no NLP).
* Each batch is extracted, then written in one transaction: a run killed at any
  moment loses at most the batch in flight, and a restart redoes exactly that batch.
* ``reprocess=True`` re-extracts documents already stored, replacing their events.
* One failing document never stops the run: it is stored with status "failed"
  (retried by the next ingest) and reported through ``on_error``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from ..records import Document
from .core import ResultLike, Store, content_hash
from .results import Result


class Extractor(Protocol):
    def pipe(self, docs: Iterable[Document]) -> Iterable[ResultLike]: ...
    def process(self, doc: Document) -> ResultLike: ...


@dataclass
class IngestReport:
    new: int = 0  # documents stored for the first time with their events
    reprocessed: int = 0  # documents already stored, re-extracted
    skipped: int = 0  # already stored (or repeated in the input): not extracted again
    failed: int = 0
    not_processed: int = 0  # the pipeline declined them (e.g. not French); stored as "skipped"
    events: int = 0
    events_by_type: Counter[str] = field(default_factory=Counter)
    dyads: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    stories: set[int] = field(default_factory=set)
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.new + self.reprocessed + self.skipped + self.failed + self.not_processed


def _safe_extract(extractor: Extractor, docs: list[Document]) -> Iterator[ResultLike]:
    """Results for ``docs``, in order; a crash inside the pipeline fails one document, not the batch."""
    done = 0
    try:
        for res in extractor.pipe(docs):
            done += 1
            yield res
    except Exception:
        # isolate: redo the rest one by one so only the culprit fails
        for doc in docs[done:]:
            try:
                yield extractor.process(doc)
            except Exception as e:
                yield Result(doc, error=f"pipeline error: {type(e).__name__}: {e}")


def plan_batches(store: Store, documents: Iterable[Document], report: IngestReport, *, reprocess: bool = False,
                 batch_size: int = 32, on_progress: Callable[[int], None] | None = None
                 ) -> Iterator[list[Document]]:
    """The batches of ``documents`` that need extracting, in input order.

    Repeated texts and documents already stored (content hash) are counted in ``report``
    as skipped and never yielded: they cost a hash and a lookup, no NLP, and are never
    shipped to a worker. Progress for a yielded batch is reported by :func:`record_batch`.
    Shared by the sequential loop below and the parallel runners (veilleur.scale).
    """
    seen: set[str] = set()
    pending: list[tuple[Document, str]] = []

    def todo() -> list[Document]:
        known = store.known_hashes(h for _, h in pending)
        keep = [d for d, h in pending if reprocess or known.get(h) not in ("ok", "skipped")]
        report.skipped += len(pending) - len(keep)
        if on_progress and len(pending) > len(keep):
            on_progress(len(pending) - len(keep))
        pending.clear()
        return keep

    for doc in documents:
        h = content_hash(doc.text)
        if h in seen:  # the same text twice in this input: stored once
            report.skipped += 1
            if on_progress:
                on_progress(1)
            continue
        seen.add(h)
        pending.append((doc, h))
        if len(pending) >= batch_size and (batch := todo()):
            yield batch
    if pending and (batch := todo()):
        yield batch


def record_batch(store: Store, results: list[ResultLike], report: IngestReport, *,
                 on_error: Callable[[str, str], None] | None = None,
                 on_notice: Callable[[str, str], None] | None = None,
                 on_progress: Callable[[int], None] | None = None) -> None:
    """Write one batch of results in one transaction and count them in ``report``."""
    outcomes = store.add_many(results)
    for res, out in zip(results, outcomes, strict=True):
        where = res.document.origin or res.document.id
        if out.status == "failed":
            report.failed += 1
            if on_error:
                on_error(where, res.error or "failed")
            continue
        if out.status == "skipped":
            report.not_processed += 1
            if on_notice:
                on_notice(where, f"not processed: {res.skipped}")
            continue
        if out.replaced:
            report.reprocessed += 1
        else:
            report.new += 1
        for ev in res.events or []:
            report.events += 1
            report.events_by_type[ev.event_type] += 1
            for a in ev.actor or [None]:
                for r in ev.recipient or [None]:
                    report.dyads[(ev.event_type, a.code if a else "-", r.code if r else "-")] += 1
    if on_progress:
        on_progress(len(results))


def safe_extract(extractor: Extractor, docs: list[Document]) -> list[ResultLike]:
    """``_safe_extract`` as a list (what a worker process sends back)."""
    return list(_safe_extract(extractor, docs))


def ingest(store: Store, documents: Iterable[Document], extractor: Callable[[], Extractor] | Extractor,
           *, reprocess: bool = False, batch_size: int = 32,
           on_error: Callable[[str, str], None] | None = None,
           on_notice: Callable[[str, str], None] | None = None,
           on_progress: Callable[[int], None] | None = None) -> IngestReport:
    """Extract and store ``documents``; see the module docstring for the guarantees.

    ``extractor`` may be a factory (called once, only if some document needs extracting:
    re-ingesting a stored corpus never loads spaCy).
    """
    report = IngestReport()
    t0 = time.perf_counter()
    loaded: list[Extractor] = []

    def get_extractor() -> Extractor:
        if not loaded:
            # a class or a factory (veilleur.load) is called; an object with .pipe is used as is
            is_factory = isinstance(extractor, type) or not hasattr(extractor, "pipe")
            loaded.append(extractor() if is_factory else extractor)  # type: ignore[operator,arg-type]
        return loaded[0]

    for todo in plan_batches(store, documents, report, reprocess=reprocess, batch_size=batch_size,
                             on_progress=on_progress):
        record_batch(store, safe_extract(get_extractor(), todo), report, on_error=on_error, on_notice=on_notice,
                     on_progress=on_progress)
    report.seconds = time.perf_counter() - t0
    return report
