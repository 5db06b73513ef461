"""What runs inside a worker process (process pool or Dask worker).

One extractor per process, loaded once and kept in module state: the spaCy model takes
seconds to load and hundreds of MB, so it must never travel with a task nor load per task.
Tasks receive ``Document`` lists and send back plain records (``Result``): no spaCy object
ever crosses a process boundary.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..records import Document
from ..store.ingest import Extractor, safe_extract
from ..store.results import Result

#: one worker = one core: numpy's OpenBLAS otherwise starts a spinning thread per core in
#: every worker and N workers fight over N cores (measured by ``veilleur bench``). Must be
#: in the environment before the child imports numpy, so the parent sets it around the spawn.
SINGLE_THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

@contextmanager
def single_threaded_children() -> Iterator[None]:
    """Processes spawned inside inherit ``SINGLE_THREAD_ENV``; the parent's environment is restored after."""
    saved = {k: os.environ.get(k) for k in SINGLE_THREAD_ENV}
    os.environ.update(SINGLE_THREAD_ENV)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


_STATE: dict[str, Any] = {}


def make_extractor(spec: str) -> Extractor:
    """``pipeline`` (veilleur.load()), ``fake`` (the store's test double) or ``module:factory``."""
    if spec == "pipeline":
        import veilleur

        return veilleur.load()
    if spec == "fake":
        from ..store.fake import FakeExtractor

        return FakeExtractor()
    module, _, attr = spec.partition(":")
    if not module or not attr:
        raise ValueError(f"extractor must be pipeline, fake or module:factory, not {spec!r}")
    return getattr(importlib.import_module(module), attr)()


def load_extractor(spec: str) -> Extractor:
    """This process's extractor for ``spec``, loaded on first call (pool initializer, Dask plugin or task)."""
    if _STATE.get("spec") != spec:
        _STATE.update(spec=spec, extractor=make_extractor(spec), pid=os.getpid())
    return _STATE["extractor"]


def slim(res: Any) -> Result:
    """A pipeline result reduced to the fields the store reads (drops ``cleaned``: its
    offset map duplicates the text and is not needed once events carry raw offsets)."""
    return Result(document=res.document, cleaned_text=res.cleaned_text, language=res.language,
                  events=list(res.events or []), actors=list(res.actors or []), error=res.error,
                  skipped=res.skipped)


def extract_batch(docs: list[Document], spec: str) -> list[Result]:
    """Extract one batch in this worker; one failing document fails alone (``safe_extract``)."""
    return [slim(r) for r in safe_extract(load_extractor(spec), docs)]
