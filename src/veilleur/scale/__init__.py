"""Parallel ingest: several processes on one machine, or a Dask cluster.

Public API (the CLI's ``veilleur ingest --workers N | --dask ADDRESS [--out DIR]`` and
``veilleur import DIR`` are thin layers over these)::

    ingest_parallel(store, documents, workers, extractor="pipeline", ...) -> IngestReport
    ingest_dask(store, documents, "tcp://host:8786" | "local:N", ...) -> IngestReport
    dataset_dask(documents, address, Path("events/"), ...) -> DatasetReport   # partitioned Parquet
    import_dataset(store, Path("events/")) -> IngestReport                     # idempotent
    read_documents(paths, date, failures)        # the usual inputs plus Parquet

Every runner keeps the store's guarantees (see ``veilleur.store.ingest``): documents
already stored are skipped before extraction, one writer writes each batch in one
transaction, in input order, so the store ends up as after a one-process ingest.
Workers load the pipeline once per process and send back plain records, never spaCy objects.
Imports are lazy: ``--workers`` never imports Dask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cluster import DatasetReport, check_address, dataset_dask, ingest_dask
    from .inputs import read_documents
    from .parquet import DatasetError, import_dataset
    from .pool import ExtractorLoadError, WorkerCrash, ingest_parallel

_WHERE = {
    "DatasetReport": "cluster", "check_address": "cluster", "dataset_dask": "cluster", "ingest_dask": "cluster",
    "read_documents": "inputs", "DatasetError": "parquet", "import_dataset": "parquet",
    "ExtractorLoadError": "pool", "WorkerCrash": "pool", "ingest_parallel": "pool",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(name)


__all__ = [
    "DatasetError", "DatasetReport", "ExtractorLoadError", "WorkerCrash", "check_address", "dataset_dask",
    "import_dataset", "ingest_dask", "ingest_parallel", "read_documents",
]
