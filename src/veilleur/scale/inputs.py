"""Input for the ingest commands: what ``veilleur.ingest`` reads, plus Parquet.

Parquet (columns ``id, text, date, title, url, source``; ``text`` required, other columns
go to the document's metadata) is read here, row group by row group, so a file of any
size streams in bounded memory. Accepted: a ``.parquet`` file named on the command line,
or a directory holding only ``.parquet`` files (a dataset written by Spark, pandas or
DuckDB). Everything else goes to the usual reader unchanged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..ingest import IngestError, _object_document, _valid_date
from ..records import Document

PARQUET_SUFFIXES = frozenset({".parquet", ".parq"})
ROWS_PER_READ = 1024  # rows decoded at a time: memory stays flat whatever the file size


def parquet_files(path: Path) -> list[Path] | None:
    """The Parquet files ``path`` stands for, or None when it is not a Parquet input."""
    if str(path) == "-":
        return None
    if path.is_file():
        return [path] if path.suffix.lower() in PARQUET_SUFFIXES else None
    if path.is_dir():
        files = sorted(f for f in path.rglob("*") if f.is_file()
                       and not any(p.startswith((".", "_")) for p in f.relative_to(path).parts))
        if files and all(f.suffix.lower() in PARQUET_SUFFIXES for f in files):
            return files
    return None


def count_parquet_rows(files: Iterable[Path]) -> int:
    """Rows in ``files`` from the footers alone (for the progress bar's ETA)."""
    import pyarrow.parquet as pq

    total = 0
    for f in files:
        with contextlib.suppress(Exception):  # unreadable: read_parquet says so; this is only an ETA
            total += pq.ParquetFile(f).metadata.num_rows
    return total


def _plain(value: Any) -> Any:
    """Parquet dates and timestamps as the ISO strings the JSON reader expects."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def read_parquet(path: Path, date: str | None) -> Iterator[Document | IngestError]:
    """Documents of one Parquet file; a bad row is one IngestError naming file and row."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:
        yield IngestError(str(path), f"not a readable Parquet file: {e}")
        return
    if "text" not in pf.schema_arrow.names:
        yield IngestError(str(path), f"no 'text' column (columns: {', '.join(pf.schema_arrow.names)})")
        return
    row = 0
    for batch in pf.iter_batches(batch_size=ROWS_PER_READ):
        for rec in batch.to_pylist():
            row += 1
            yield _object_document({k: _plain(v) for k, v in rec.items()}, f"{path}:row {row}", date)


def read_documents(paths: list[Path] | None, date: str | None, failures: Any) -> Iterator[Document]:
    """``cli.common.read_documents`` extended to Parquet inputs; input order is kept.

    ``failures`` is the CLI's ``Failures`` (report / notice); bad rows never stop the run.
    """
    from ..cli.common import read_documents as read_other
    from ..cli.common import usage_error

    if not paths or (date is not None and _valid_date(date) is None):
        # stdin, or a bad --date: the usual reader says so once and reads nothing
        yield from read_other(paths, date, failures)
        return
    for p in paths:  # as the usual reader does: a missing path stops the run before any work
        if str(p) != "-" and not p.exists():
            usage_error(f"{p}: no such file or directory")
    for p in paths:
        files = parquet_files(p)
        if files is None:
            yield from read_other([p], date, failures)
            continue
        for f in files:
            for item in read_parquet(f, date and _valid_date(date)):
                if isinstance(item, IngestError):
                    failures.report(item.where, item.message)
                else:
                    yield item
